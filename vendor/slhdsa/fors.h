/* FIPS 205 section 8: FORS few-time signatures (Algorithms 14-17). */
#ifndef PQF_SLHDSA_FORS_H
#define PQF_SLHDSA_FORS_H

#include <stdint.h>

#include "address.h"
#include "hash.h"
#include "params.h"

/* Algorithm 16: fors_sign(md, SK.seed, PK.seed, ADRS), writing SLH_FORS_SIG_BYTES
 * to sig. Also returns the FORS public key (what Algorithm 17 would recompute
 * from the signature). adrs has type FORS_TREE and the key pair address set. */
void SLH_NS(fors_sign)(const slh_ctx *ctx, uint8_t *sig, uint8_t *pk, const uint8_t *md,
                       const slh_adrs *adrs);

/* Algorithm 17: fors_pkFromSig(SIG_FORS, md, PK.seed, ADRS). */
void SLH_NS(fors_pk_from_sig)(const slh_ctx *ctx, uint8_t *pk, const uint8_t *sig,
                              const uint8_t *md, const slh_adrs *adrs);

#endif

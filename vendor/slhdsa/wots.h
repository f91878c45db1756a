/* FIPS 205 section 5: WOTS+ one-time signatures (Algorithms 4-8). */
#ifndef PQF_SLHDSA_WOTS_H
#define PQF_SLHDSA_WOTS_H

#include <stdint.h>

#include "address.h"
#include "hash.h"
#include "params.h"

/* Algorithm 4: base_2^b(X, b, out_len). */
void SLH_NS(base_2b)(uint32_t *out, const uint8_t *x, unsigned b, unsigned out_len);

/* Lines 1-9 of Algorithms 7 and 8: the len base-w digits of M and its checksum. */
void SLH_NS(wots_digits)(uint32_t digits[SLH_LEN], const uint8_t *m);

/* Algorithm 5: chain(X, i, s, PK.seed, ADRS), in place on x[0..n). */
void SLH_NS(wots_chain)(const slh_ctx *ctx, uint8_t *x, uint32_t i, uint32_t s,
                        slh_adrs *adrs);

/* Algorithm 6: wots_pkGen. adrs has type WOTS_HASH and the key pair address set.
 * When digits is not NULL (from wots_digits(M)) the same pass also writes
 * Algorithm 7's wots_sign(M) to sig (len * n bytes): signature value i is chain
 * i after digits[i] steps, which the key generation passes through anyway. */
void SLH_NS(wots_pkgen)(const slh_ctx *ctx, uint8_t *pk, slh_adrs *adrs,
                        const uint32_t *digits, uint8_t *sig);

/* Algorithm 8: wots_pkFromSig. */
void SLH_NS(wots_pk_from_sig)(const slh_ctx *ctx, uint8_t *pk, const uint8_t *sig,
                              const uint8_t *m, slh_adrs *adrs);

#endif

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

/* Algorithm 6: wots_pkGen for count <= SLH_LANES key pairs at once, key pairs
 * first .. first + count - 1 of the XMSS tree whose layer and tree address
 * adrs holds; pk receives count n-byte public keys, one after the other. The
 * key pairs share the multi-lane hashes: lane j runs the chains of key pair
 * first + j.
 *
 * When digits is not NULL (from wots_digits(M)) and key pair sign_keypair is
 * among them, the same pass writes Algorithm 7's wots_sign(M) for it to sig
 * (len * n bytes): signature value i is chain i after digits[i] steps, which
 * the key generation passes through anyway. */
void SLH_NS(wots_pkgen_lanes)(const slh_ctx *ctx, uint8_t *pk, const slh_adrs *adrs,
                              uint32_t first, unsigned count, uint32_t sign_keypair,
                              const uint32_t *digits, uint8_t *sig);

/* Algorithm 8: wots_pkFromSig. adrs has type WOTS_HASH and the key pair set;
 * the chains, of unequal lengths, share the multi-lane hashes. */
void SLH_NS(wots_pk_from_sig)(const slh_ctx *ctx, uint8_t *pk, const uint8_t *sig,
                              const uint8_t *m, const slh_adrs *adrs);

#endif

/* FIPS 205 section 7: the hypertree (Algorithms 12 and 13). */
#ifndef PQF_SLHDSA_HYPERTREE_H
#define PQF_SLHDSA_HYPERTREE_H

#include <stdint.h>

#include "hash.h"
#include "params.h"

/* Algorithm 12: ht_sign(M, SK.seed, PK.seed, idx_tree, idx_leaf); writes
 * SLH_HT_SIG_BYTES to sig. */
void SLH_NS(ht_sign)(const slh_ctx *ctx, uint8_t *sig, const uint8_t *m, uint64_t idx_tree,
                     uint32_t idx_leaf);

/* Algorithm 13: ht_verify. Returns 0 when the recomputed root equals pk_root,
 * else 0xFFFFFFFF. */
uint32_t SLH_NS(ht_verify)(const slh_ctx *ctx, const uint8_t *m, const uint8_t *sig,
                           uint64_t idx_tree, uint32_t idx_leaf, const uint8_t *pk_root);

#endif

/* FIPS 205 section 6: XMSS (Algorithms 9-11) and the shared bottom-up tree hash. */
#ifndef PQF_SLHDSA_XMSS_H
#define PQF_SLHDSA_XMSS_H

#include <stdint.h>

#include "address.h"
#include "hash.h"
#include "params.h"

/* Writes leaves first .. first + count - 1 (n bytes each, one after the
 * other) of the tree being built; count is a power of two. */
typedef void (*slh_leaves_fn)(const slh_ctx *ctx, uint8_t *leaves, uint32_t first,
                              unsigned count, void *info);

/*
 * Root of a binary tree of 2^height leaves (the iterative form of Algorithms 9
 * and 15). Inner node j at height z is H(left || right) under node_adrs with
 * tree height z and tree index (offset >> z) + j. If auth is not NULL it
 * receives the authentication path of leaf target (height * n bytes).
 */
void SLH_NS(treehash)(const slh_ctx *ctx, uint8_t *root, uint8_t *auth, uint32_t target,
                      unsigned height, uint32_t offset, slh_adrs *node_adrs,
                      slh_leaves_fn leaves, void *info);

/* Algorithm 9: xmss_node(SK.seed, 0, h', PK.seed, ADRS), the root of the XMSS
 * tree at the layer and tree address of adrs. */
void SLH_NS(xmss_root)(const slh_ctx *ctx, uint8_t *root, const slh_adrs *adrs);

/* Algorithm 10: xmss_sign(M, SK.seed, idx, PK.seed, ADRS). Also returns the
 * tree root (what Algorithm 11 would recompute from the signature). */
void SLH_NS(xmss_sign)(const slh_ctx *ctx, uint8_t *sig, uint8_t *root, const uint8_t *m,
                       uint32_t idx, const slh_adrs *adrs);

/* Algorithm 11: xmss_pkFromSig(idx, SIG_XMSS, M, PK.seed, ADRS). */
void SLH_NS(xmss_pk_from_sig)(const slh_ctx *ctx, uint8_t *root, uint32_t idx,
                              const uint8_t *sig, const uint8_t *m, const slh_adrs *adrs);

#endif

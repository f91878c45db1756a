/*
 * FIPS 205 section 9: the internal functions slh_keygen_internal,
 * slh_sign_internal and slh_verify_internal (Algorithms 18-20), plus a check
 * that a secret key's embedded PK.root matches its seeds.
 */
#include <string.h>

#include "address.h"
#include "ct.h"
#include "fors.h"
#include "hash.h"
#include "hypertree.h"
#include "params.h"
#include "pqfence.h"
#include "pqfence_slhdsa.h"
#include "xmss.h"

/* Algorithm 19 lines 7-12 / Algorithm 20 lines 8-13: split the digest into md,
 * idx_tree (h - h/d bits) and idx_leaf (h/d bits). */
static void split_digest(const uint8_t digest[SLH_M], uint64_t *idx_tree, uint32_t *idx_leaf) {
    uint64_t t = 0;
    uint32_t l = 0;
    unsigned i;
    for (i = 0; i < SLH_TREE_BYTES; i++) {
        t = (t << 8) | digest[SLH_MD_BYTES + i];
    }
    for (i = 0; i < SLH_LEAF_BYTES; i++) {
        l = (l << 8) | digest[SLH_MD_BYTES + SLH_TREE_BYTES + i];
    }
#if SLH_TREE_BITS < 64
    t &= ((uint64_t)1 << SLH_TREE_BITS) - 1;
#endif
    *idx_tree = t;
    *idx_leaf = l & (((uint32_t)1 << SLH_HP) - 1);
}

/* The FORS address of Algorithm 19 lines 13-15 / Algorithm 20 lines 14-16. */
static void fors_address(slh_adrs *adrs, uint64_t idx_tree, uint32_t idx_leaf) {
    SLH_NS(adrs_zero)(adrs);
    SLH_NS(adrs_set_tree)(adrs, idx_tree);
    SLH_NS(adrs_set_type_and_clear)(adrs, SLH_ADRS_FORS_TREE);
    SLH_NS(adrs_set_keypair)(adrs, idx_leaf);
}

/* PK.root = xmss_node(SK.seed, 0, h', PK.seed, ADRS) at layer d-1. */
static void top_root(const slh_ctx *ctx, uint8_t *root) {
    slh_adrs adrs;
    SLH_NS(adrs_zero)(&adrs);
    SLH_NS(adrs_set_layer)(&adrs, SLH_D - 1);
    SLH_NS(xmss_root)(ctx, root, &adrs);
}

/* FIPS 205 Algorithm 18: slh_keygen_internal. */
int SLH_NS(keygen_internal)(uint8_t *pk, uint8_t *sk, const uint8_t *sk_seed,
                            const uint8_t *sk_prf, const uint8_t *pk_seed) {
    slh_ctx ctx;
    uint8_t root[SLH_N];
    uint8_t prf[SLH_N];

    /* The seeds are copied before sk is written, so sk may overlap them. */
    memcpy(prf, sk_prf, SLH_N);
    SLH_NS(ctx_init)(&ctx, pk_seed, sk_seed);
    /* The secret half of sk is written before the tree, not after it: the
     * copies pass SK.seed and SK.prf through vector registers, and the tree's
     * hashing then reuses those registers for public values. (pqf_leave clears
     * every register on return as well; this order predates it.) */
    memcpy(sk, ctx.sk_seed, SLH_N);
    memcpy(sk + SLH_N, prf, SLH_N);
    pqf_wipe(prf, sizeof(prf));
    top_root(&ctx, root);
    memcpy(sk + 2 * SLH_N, ctx.pk_seed, SLH_N);
    memcpy(sk + 3 * SLH_N, root, SLH_N);
    memcpy(pk, ctx.pk_seed, SLH_N);
    memcpy(pk + SLH_N, root, SLH_N);
    SLH_NS(ctx_wipe)(&ctx);
    return pqf_leave(PQF_OK);
}

/* FIPS 205 Algorithm 19: slh_sign_internal. */
int SLH_NS(sign_internal)(uint8_t *sig, const uint8_t *sk, const uint8_t *pre,
                          size_t prelen, const uint8_t *msg, size_t msglen,
                          const uint8_t *addrnd) {
    const uint8_t *sk_seed = sk;
    const uint8_t *sk_prf = sk + SLH_N;
    const uint8_t *pk_seed = sk + 2 * SLH_N;
    const uint8_t *pk_root = sk + 3 * SLH_N;
    const uint8_t *opt_rand = (addrnd != NULL) ? addrnd : pk_seed;
    slh_ctx ctx;
    slh_adrs adrs;
    uint8_t digest[SLH_M];
    uint8_t pk_fors[SLH_N];
    uint64_t idx_tree;
    uint32_t idx_leaf;

    /* R = PRF_msg(SK.prf, opt_rand, M) opens the signature. */
    SLH_NS(hash_prf_msg)(sig, sk_prf, opt_rand, pre, prelen, msg, msglen);
    PQF_DECLASSIFY(sig, SLH_N); /* R is published in the signature */
    SLH_NS(hash_h_msg)(digest, sig, pk_seed, pk_root, pre, prelen, msg, msglen);
    split_digest(digest, &idx_tree, &idx_leaf);

    SLH_NS(ctx_init)(&ctx, pk_seed, sk_seed);
    fors_address(&adrs, idx_tree, idx_leaf);
    SLH_NS(fors_sign)(&ctx, sig + SLH_N, pk_fors, digest, &adrs);
    /* PK_FORS is what Algorithm 17 recomputes from the published SIG_FORS. */
    PQF_DECLASSIFY(pk_fors, SLH_N);
    SLH_NS(ht_sign)(&ctx, sig + SLH_N + SLH_FORS_SIG_BYTES, pk_fors, idx_tree, idx_leaf);
    SLH_NS(ctx_wipe)(&ctx);
    return pqf_leave(PQF_OK);
}

/* FIPS 205 Algorithm 20: slh_verify_internal. */
int SLH_NS(verify_internal)(const uint8_t *pk, const uint8_t *pre, size_t prelen,
                            const uint8_t *msg, size_t msglen, const uint8_t *sig,
                            size_t siglen) {
    const uint8_t *pk_seed = pk;
    const uint8_t *pk_root = pk + SLH_N;
    slh_ctx ctx;
    slh_adrs adrs;
    uint8_t digest[SLH_M];
    uint8_t pk_fors[SLH_N];
    uint64_t idx_tree;
    uint32_t idx_leaf;
    uint32_t bad;

    if (siglen != SLH_SIG_BYTES) {
        return pqf_leave(PQF_ERR_INVALID_SIGNATURE);
    }
    SLH_NS(hash_h_msg)(digest, sig, pk_seed, pk_root, pre, prelen, msg, msglen);
    split_digest(digest, &idx_tree, &idx_leaf);

    SLH_NS(ctx_init)(&ctx, pk_seed, NULL);
    fors_address(&adrs, idx_tree, idx_leaf);
    SLH_NS(fors_pk_from_sig)(&ctx, pk_fors, sig + SLH_N, digest, &adrs);
    bad = SLH_NS(ht_verify)(&ctx, pk_fors, sig + SLH_N + SLH_FORS_SIG_BYTES, idx_tree,
                            idx_leaf, pk_root);
    return pqf_leave(bad ? PQF_ERR_INVALID_SIGNATURE : PQF_OK);
}

/* Secret key consistency: PK.root in sk must be the root of the top XMSS tree. */
int SLH_NS(check_sk)(const uint8_t *sk) {
    slh_ctx ctx;
    uint8_t root[SLH_N];
    uint32_t bad;

    SLH_NS(ctx_init)(&ctx, sk + 2 * SLH_N, sk);
    top_root(&ctx, root);
    SLH_NS(ctx_wipe)(&ctx);
    bad = pqf_ct_memneq(root, sk + 3 * SLH_N, SLH_N);
    PQF_DECLASSIFY(&bad, sizeof(bad)); /* the key is accepted or rejected */
    return pqf_leave(bad ? PQF_ERR_INVALID_KEY : PQF_OK);
}

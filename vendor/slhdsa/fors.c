/*
 * FIPS 205 section 8: FORS, k trees of height a. Tree i covers the global
 * leaf indices i*2^a .. (i+1)*2^a - 1. The selected leaves come from the
 * message digest and are public; SK.seed only enters PRF.
 */
#include "fors.h"

#include <string.h>

#include "wots.h"
#include "xmss.h"

/* FIPS 205 Algorithm 14: fors_skGen(SK.seed, PK.seed, ADRS, idx). */
static void fors_sk_gen(const slh_ctx *ctx, uint8_t *sk, const slh_adrs *adrs, uint32_t idx) {
    slh_adrs sk_adrs = *adrs;
    SLH_NS(adrs_set_type_and_clear)(&sk_adrs, SLH_ADRS_FORS_PRF);
    SLH_NS(adrs_set_keypair)(&sk_adrs, SLH_NS(adrs_get_keypair)(adrs));
    SLH_NS(adrs_set_tree_index)(&sk_adrs, idx);
    SLH_NS(hash_prf)(ctx, sk, &sk_adrs);
}

typedef struct {
    slh_adrs adrs;    /* FORS_TREE with the key pair address */
    uint32_t offset;  /* i * 2^a for tree i */
    uint32_t target;  /* the selected leaf of this tree */
    uint8_t *sig_sk;  /* where its secret value goes */
} fors_leaf_info;

/* FIPS 205 Algorithm 15 lines 1-4: leaf idx of tree i is F(fors_skGen(i*2^a + idx)). */
static void fors_leaf(const slh_ctx *ctx, uint8_t *leaf, uint32_t idx, void *vinfo) {
    const fors_leaf_info *info = (const fors_leaf_info *)vinfo;
    slh_adrs adrs = info->adrs;
    uint8_t sk[SLH_N];
    const uint32_t global = info->offset + idx;

    fors_sk_gen(ctx, sk, &adrs, global);
    if (idx == info->target) {
        memcpy(info->sig_sk, sk, SLH_N);
    }
    SLH_NS(adrs_set_tree_height)(&adrs, 0);
    SLH_NS(adrs_set_tree_index)(&adrs, global);
    SLH_NS(hash_f)(ctx, leaf, &adrs, sk);
    slh_scrub(sk, sizeof(sk));
}

/* Compresses the k tree roots into the FORS public key (Algorithm 17 lines 21-24). */
static void fors_compress_roots(const slh_ctx *ctx, uint8_t *pk, const slh_adrs *adrs,
                                const uint8_t *roots) {
    slh_adrs pk_adrs = *adrs;
    SLH_NS(adrs_set_type_and_clear)(&pk_adrs, SLH_ADRS_FORS_ROOTS);
    SLH_NS(adrs_set_keypair)(&pk_adrs, SLH_NS(adrs_get_keypair)(adrs));
    SLH_NS(hash_t)(ctx, pk, &pk_adrs, roots, SLH_K);
}

/* FIPS 205 Algorithm 16: fors_sign, each tree built once bottom-up. */
void SLH_NS(fors_sign)(const slh_ctx *ctx, uint8_t *sig, uint8_t *pk, const uint8_t *md,
                       const slh_adrs *adrs) {
    uint32_t indices[SLH_K];
    uint8_t roots[SLH_K * SLH_N];
    fors_leaf_info info;
    slh_adrs node_adrs = *adrs;
    uint32_t i;

    SLH_NS(base_2b)(indices, md, SLH_A, SLH_K);
    info.adrs = *adrs;
    for (i = 0; i < SLH_K; i++) {
        uint8_t *sig_i = sig + i * (SLH_A + 1) * SLH_N;
        info.offset = i << SLH_A;
        info.target = indices[i];
        info.sig_sk = sig_i;
        SLH_NS(treehash)(ctx, roots + i * SLH_N, sig_i + SLH_N, indices[i], SLH_A,
                         info.offset, &node_adrs, fors_leaf, &info);
    }
    fors_compress_roots(ctx, pk, adrs, roots);
}

/* FIPS 205 Algorithm 17: fors_pkFromSig. */
void SLH_NS(fors_pk_from_sig)(const slh_ctx *ctx, uint8_t *pk, const uint8_t *sig,
                              const uint8_t *md, const slh_adrs *adrs) {
    uint32_t indices[SLH_K];
    uint8_t roots[SLH_K * SLH_N];
    uint8_t buf[2 * SLH_N];
    slh_adrs a = *adrs;
    uint32_t i, index;
    unsigned j;

    SLH_NS(base_2b)(indices, md, SLH_A, SLH_K);
    for (i = 0; i < SLH_K; i++) {
        const uint8_t *sk = sig + i * (SLH_A + 1) * SLH_N;
        const uint8_t *auth = sk + SLH_N;
        index = (i << SLH_A) + indices[i];
        SLH_NS(adrs_set_tree_height)(&a, 0);
        SLH_NS(adrs_set_tree_index)(&a, index);
        SLH_NS(hash_f)(ctx, buf, &a, sk);
        for (j = 0; j < SLH_A; j++) {
            SLH_NS(adrs_set_tree_height)(&a, j + 1);
            if (((indices[i] >> j) & 1) == 0) {
                memcpy(buf + SLH_N, auth + j * SLH_N, SLH_N);
            } else {
                memcpy(buf + SLH_N, buf, SLH_N);
                memcpy(buf, auth + j * SLH_N, SLH_N);
            }
            index >>= 1;
            SLH_NS(adrs_set_tree_index)(&a, index);
            SLH_NS(hash_h)(ctx, buf, &a, buf);
        }
        memcpy(roots + i * SLH_N, buf, SLH_N);
    }
    fors_compress_roots(ctx, pk, adrs, roots);
}

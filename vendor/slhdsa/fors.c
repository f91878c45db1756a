/*
 * FIPS 205 section 8: FORS, k trees of height a. Tree i covers the global
 * leaf indices i*2^a .. (i+1)*2^a - 1. The selected leaves come from the
 * message digest and are public; SK.seed only enters PRF.
 */
#include "fors.h"

#include <string.h>

#include "wots.h"
#include "xmss.h"

/* FIPS 205 Algorithm 14: fors_skGen(SK.seed, PK.seed, ADRS, idx), the PRF
 * address of global leaf idx. */
static void fors_sk_adrs(slh_adrs *sk_adrs, const slh_adrs *adrs, uint32_t idx) {
    *sk_adrs = *adrs;
    SLH_NS(adrs_set_type_and_clear)(sk_adrs, SLH_ADRS_FORS_PRF);
    SLH_NS(adrs_set_keypair)(sk_adrs, SLH_NS(adrs_get_keypair)(adrs));
    SLH_NS(adrs_set_tree_index)(sk_adrs, idx);
}

typedef struct {
    slh_adrs adrs;    /* FORS_TREE with the key pair address */
    uint32_t offset;  /* i * 2^a for tree i */
    uint32_t target;  /* the selected leaf of this tree */
    uint8_t *sig_sk;  /* where its secret value goes */
} fors_leaf_info;

/* FIPS 205 Algorithm 15 lines 1-4: leaf idx of tree i is
 * F(fors_skGen(i*2^a + idx)), made SLH_LANES leaves at a time. */
static void fors_leaves(const slh_ctx *ctx, uint8_t *leaves, uint32_t first, unsigned count,
                        void *vinfo) {
    const fors_leaf_info *info = (const fors_leaf_info *)vinfo;
    uint8_t sk[SLH_LANES][SLH_N];
    slh_adrs a[SLH_LANES];
    uint8_t *out[SLH_LANES];
    const uint8_t *in[SLH_LANES];
    unsigned g, c, j;

    for (g = 0; g < count; g += c) {
        const uint32_t global = info->offset + first + g;
        c = count - g < SLH_LANES ? count - g : SLH_LANES;
        for (j = 0; j < c; j++) {
            fors_sk_adrs(&a[j], &info->adrs, global + j);
            out[j] = sk[j];
        }
        SLH_NS(hash_prf_lanes)(ctx, c, out, a);
        if (info->target - (first + g) < c) {
            memcpy(info->sig_sk, sk[info->target - (first + g)], SLH_N);
        }
        for (j = 0; j < c; j++) {
            a[j] = info->adrs;
            SLH_NS(adrs_set_tree_height)(&a[j], 0);
            SLH_NS(adrs_set_tree_index)(&a[j], global + j);
            out[j] = leaves + (g + j) * SLH_N;
            in[j] = sk[j];
        }
        SLH_NS(hash_f_lanes)(ctx, c, out, a, in);
    }
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
                         info.offset, &node_adrs, fors_leaves, &info);
    }
    fors_compress_roots(ctx, pk, adrs, roots);
}

/* FIPS 205 Algorithm 17: fors_pkFromSig. The k paths are independent: up to
 * SLH_LANES trees climb side by side, one lane each. */
void SLH_NS(fors_pk_from_sig)(const slh_ctx *ctx, uint8_t *pk, const uint8_t *sig,
                              const uint8_t *md, const slh_adrs *adrs) {
    uint32_t indices[SLH_K];
    uint8_t roots[SLH_K * SLH_N];
    uint8_t buf[SLH_LANES][2 * SLH_N];
    slh_adrs a[SLH_LANES];
    uint8_t *out[SLH_LANES];
    const uint8_t *in[SLH_LANES];
    uint32_t index[SLH_LANES];
    unsigned g, c, j, z;

    SLH_NS(base_2b)(indices, md, SLH_A, SLH_K);
    for (g = 0; g < SLH_K; g += c) {
        c = SLH_K - g < SLH_LANES ? SLH_K - g : SLH_LANES;
        /* Lines 4-7: node[0] = F(sk) at height 0, index i*2^a + indices[i]. */
        for (j = 0; j < c; j++) {
            index[j] = ((g + j) << SLH_A) + indices[g + j];
            a[j] = *adrs;
            SLH_NS(adrs_set_tree_height)(&a[j], 0);
            SLH_NS(adrs_set_tree_index)(&a[j], index[j]);
            out[j] = buf[j];
            in[j] = sig + (g + j) * (SLH_A + 1) * SLH_N;
        }
        SLH_NS(hash_f_lanes)(ctx, c, out, a, in);
        /* Lines 8-19: up the authentication path. */
        for (z = 0; z < SLH_A; z++) {
            for (j = 0; j < c; j++) {
                const uint8_t *auth = sig + (g + j) * (SLH_A + 1) * SLH_N + SLH_N;
                if (((indices[g + j] >> z) & 1) == 0) {
                    memcpy(buf[j] + SLH_N, auth + z * SLH_N, SLH_N);
                } else {
                    memcpy(buf[j] + SLH_N, buf[j], SLH_N);
                    memcpy(buf[j], auth + z * SLH_N, SLH_N);
                }
                index[j] >>= 1;
                SLH_NS(adrs_set_tree_height)(&a[j], z + 1);
                SLH_NS(adrs_set_tree_index)(&a[j], index[j]);
                in[j] = buf[j];
            }
            SLH_NS(hash_h_lanes)(ctx, c, out, a, in);
        }
        for (j = 0; j < c; j++) {
            memcpy(roots + (g + j) * SLH_N, buf[j], SLH_N);
        }
    }
    fors_compress_roots(ctx, pk, adrs, roots);
}

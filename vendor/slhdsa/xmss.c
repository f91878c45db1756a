/*
 * FIPS 205 section 6: XMSS. The recursive xmss_node of Algorithm 9 is computed
 * bottom-up: leaves are produced left to right onto a stack of at most
 * height + 1 nodes, and two nodes of equal height are merged as soon as both
 * exist. One pass yields the root and, for signing, the authentication path and
 * the WOTS+ signature of the signing leaf, so Algorithm 10 never recomputes a
 * subtree and Algorithm 11 is not needed while signing.
 */
#include "xmss.h"

#include <string.h>

#include "wots.h"

/* The bottom-up form of Algorithms 9 and 15. */
void SLH_NS(treehash)(const slh_ctx *ctx, uint8_t *root, uint8_t *auth, uint32_t target,
                      unsigned height, uint32_t offset, slh_adrs *node_adrs,
                      slh_leaf_fn leaf, void *info) {
    uint8_t stack[(SLH_MAX_TREE_HEIGHT + 1) * SLH_N];
    unsigned sp = 0, z;
    uint32_t idx, j;

    for (idx = 0; idx < ((uint32_t)1 << height); idx++) {
        leaf(ctx, stack + sp * SLH_N, idx, info);
        sp++;
        if (auth != NULL && (idx ^ target) == 1) {
            memcpy(auth, stack + (sp - 1) * SLH_N, SLH_N);
        }
        /* Leaf idx completes one subtree per trailing one bit of idx. */
        for (z = 1; (idx >> (z - 1)) & 1; z++) {
            j = idx >> z;
            SLH_NS(adrs_set_tree_height)(node_adrs, z);
            SLH_NS(adrs_set_tree_index)(node_adrs, (offset >> z) + j);
            sp--;
            SLH_NS(hash_h)(ctx, stack + (sp - 1) * SLH_N, node_adrs,
                           stack + (sp - 1) * SLH_N);
            if (auth != NULL && z < height && (j ^ (target >> z)) == 1) {
                memcpy(auth + z * SLH_N, stack + (sp - 1) * SLH_N, SLH_N);
            }
        }
    }
    memcpy(root, stack, SLH_N);
}

typedef struct {
    slh_adrs adrs;          /* layer and tree address */
    uint32_t target;        /* leaf to sign, if digits != NULL */
    const uint32_t *digits; /* WOTS+ digits of the message, or NULL */
    uint8_t *sig;           /* where the WOTS+ signature goes */
} xmss_leaf_info;

/* Algorithm 9 lines 1-4: leaf idx is the WOTS+ public key of key pair idx. */
static void xmss_leaf(const slh_ctx *ctx, uint8_t *leaf, uint32_t idx, void *vinfo) {
    const xmss_leaf_info *info = (const xmss_leaf_info *)vinfo;
    slh_adrs adrs = info->adrs;
    const uint32_t *digits = (idx == info->target) ? info->digits : NULL;
    SLH_NS(adrs_set_type_and_clear)(&adrs, SLH_ADRS_WOTS_HASH);
    SLH_NS(adrs_set_keypair)(&adrs, idx);
    SLH_NS(wots_pkgen)(ctx, leaf, &adrs, digits, info->sig);
}

static void xmss_tree(const slh_ctx *ctx, uint8_t *root, uint8_t *auth,
                      const slh_adrs *adrs, xmss_leaf_info *info) {
    slh_adrs node_adrs = *adrs;
    info->adrs = *adrs;
    SLH_NS(adrs_set_type_and_clear)(&node_adrs, SLH_ADRS_TREE);
    SLH_NS(treehash)(ctx, root, auth, info->target, SLH_HP, 0, &node_adrs, xmss_leaf, info);
}

/* FIPS 205 Algorithm 9: xmss_node for the root (i = 0, z = h'). */
void SLH_NS(xmss_root)(const slh_ctx *ctx, uint8_t *root, const slh_adrs *adrs) {
    xmss_leaf_info info;
    info.target = 0;
    info.digits = NULL;
    info.sig = NULL;
    xmss_tree(ctx, root, NULL, adrs, &info);
}

/* FIPS 205 Algorithm 10: xmss_sign, returning the root as well. */
void SLH_NS(xmss_sign)(const slh_ctx *ctx, uint8_t *sig, uint8_t *root, const uint8_t *m,
                       uint32_t idx, const slh_adrs *adrs) {
    uint32_t digits[SLH_LEN];
    xmss_leaf_info info;
    SLH_NS(wots_digits)(digits, m);
    info.target = idx;
    info.digits = digits;
    info.sig = sig;
    xmss_tree(ctx, root, sig + SLH_WOTS_SIG_BYTES, adrs, &info);
}

/* FIPS 205 Algorithm 11: xmss_pkFromSig. */
void SLH_NS(xmss_pk_from_sig)(const slh_ctx *ctx, uint8_t *root, uint32_t idx,
                              const uint8_t *sig, const uint8_t *m, const slh_adrs *adrs) {
    slh_adrs a = *adrs;
    uint8_t buf[2 * SLH_N];
    const uint8_t *auth = sig + SLH_WOTS_SIG_BYTES;
    uint32_t index = idx;
    unsigned k;

    SLH_NS(adrs_set_type_and_clear)(&a, SLH_ADRS_WOTS_HASH);
    SLH_NS(adrs_set_keypair)(&a, idx);
    SLH_NS(wots_pk_from_sig)(ctx, buf, sig, m, &a);

    SLH_NS(adrs_set_type_and_clear)(&a, SLH_ADRS_TREE);
    for (k = 0; k < SLH_HP; k++) {
        SLH_NS(adrs_set_tree_height)(&a, k + 1);
        if (((idx >> k) & 1) == 0) {
            memcpy(buf + SLH_N, auth + k * SLH_N, SLH_N);
        } else {
            memcpy(buf + SLH_N, buf, SLH_N);
            memcpy(buf, auth + k * SLH_N, SLH_N);
        }
        index >>= 1;
        SLH_NS(adrs_set_tree_index)(&a, index);
        SLH_NS(hash_h)(ctx, buf, &a, buf);
    }
    memcpy(root, buf, SLH_N);
}

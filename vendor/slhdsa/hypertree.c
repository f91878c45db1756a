/*
 * FIPS 205 section 7: the hypertree of d layers of XMSS trees of height h'.
 * The leaf and tree indices come from the message digest and are public.
 */
#include "hypertree.h"

#include <string.h>

#include "xmss.h"

/* FIPS 205 Algorithm 12: ht_sign. Each layer's root (the message signed by the
 * layer above) comes out of the xmss_sign pass, so xmss_pkFromSig is skipped. */
void SLH_NS(ht_sign)(const slh_ctx *ctx, uint8_t *sig, const uint8_t *m, uint64_t idx_tree,
                     uint32_t idx_leaf) {
    slh_adrs adrs;
    uint8_t root[SLH_N];
    unsigned j;

    SLH_NS(adrs_zero)(&adrs);
    memcpy(root, m, SLH_N);
    for (j = 0; j < SLH_D; j++) {
        if (j > 0) {
            idx_leaf = (uint32_t)(idx_tree & (((uint64_t)1 << SLH_HP) - 1));
            idx_tree >>= SLH_HP;
        }
        SLH_NS(adrs_set_layer)(&adrs, j);
        SLH_NS(adrs_set_tree)(&adrs, idx_tree);
        SLH_NS(xmss_sign)(ctx, sig + j * SLH_XMSS_SIG_BYTES, root, root, idx_leaf, &adrs);
        /* The layer's root is what Algorithm 11 recomputes from the published
         * SIG_XMSS; it picks the chain lengths of the layer above. */
        PQF_DECLASSIFY(root, SLH_N);
    }
}

/* FIPS 205 Algorithm 13: ht_verify. */
uint32_t SLH_NS(ht_verify)(const slh_ctx *ctx, const uint8_t *m, const uint8_t *sig,
                           uint64_t idx_tree, uint32_t idx_leaf, const uint8_t *pk_root) {
    slh_adrs adrs;
    uint8_t node[SLH_N];
    unsigned j;

    SLH_NS(adrs_zero)(&adrs);
    memcpy(node, m, SLH_N);
    for (j = 0; j < SLH_D; j++) {
        if (j > 0) {
            idx_leaf = (uint32_t)(idx_tree & (((uint64_t)1 << SLH_HP) - 1));
            idx_tree >>= SLH_HP;
        }
        SLH_NS(adrs_set_layer)(&adrs, j);
        SLH_NS(adrs_set_tree)(&adrs, idx_tree);
        SLH_NS(xmss_pk_from_sig)(ctx, node, idx_leaf, sig + j * SLH_XMSS_SIG_BYTES, node,
                                 &adrs);
    }
    return pqf_ct_memneq(node, pk_root, SLH_N);
}

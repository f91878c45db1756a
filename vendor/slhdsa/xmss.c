/*
 * FIPS 205 section 6: XMSS. The recursive xmss_node of Algorithm 9 is computed
 * bottom-up, one chunk of up to 2^SLH_CHUNK_LOG adjacent leaves at a time: the
 * chunk's leaves are made together (so that their hashes share the lanes of
 * the multi-lane layer) and its levels hashed in turn, each level's nodes
 * side by side, down to the chunk's root. The chunk roots then go onto a
 * stack on which two nodes of equal height merge as soon as both exist. One
 * pass yields the root and, for signing, the authentication path and the
 * WOTS+ signature of the signing leaf, so Algorithm 10 never recomputes a
 * subtree and Algorithm 11 is not needed while signing.
 */
#include "xmss.h"

#include <string.h>

#include "wots.h"

/* Leaves per chunk: 2^6 (for trees at least that tall). */
#define SLH_CHUNK_LOG 6
#if SLH_MAX_TREE_HEIGHT < SLH_CHUNK_LOG
#define SLH_CHUNK_MAX_LOG SLH_MAX_TREE_HEIGHT
#else
#define SLH_CHUNK_MAX_LOG SLH_CHUNK_LOG
#endif

/* Copies node j at height z to the authentication path when it is the
 * sibling of the path from leaf target (all of it public). */
static void keep_if_auth(uint8_t *auth, uint32_t target, unsigned height, unsigned z,
                         uint32_t j, const uint8_t *node) {
    if (auth != NULL && z < height && (j ^ (target >> z)) == 1) {
        memcpy(auth + z * SLH_N, node, SLH_N);
    }
}

/* Hashes the m nodes at height z held in buf (global indices base..base+m-1
 * at that height) into the m/2 nodes above them, at the front of buf. */
static void hash_level(const slh_ctx *ctx, uint8_t *buf, unsigned m, unsigned z,
                       uint32_t base, uint32_t offset, const slh_adrs *node_adrs) {
    slh_adrs a[SLH_LANES];
    uint8_t *out[SLH_LANES];
    const uint8_t *in[SLH_LANES];
    unsigned g, c, j;
    for (g = 0; g < m / 2; g += c) {
        c = m / 2 - g < SLH_LANES ? m / 2 - g : SLH_LANES;
        for (j = 0; j < c; j++) {
            a[j] = *node_adrs;
            SLH_NS(adrs_set_tree_height)(&a[j], z + 1);
            SLH_NS(adrs_set_tree_index)(&a[j], (offset >> (z + 1)) + (base >> 1) + g + j);
            out[j] = buf + (g + j) * SLH_N;
            in[j] = buf + 2 * (g + j) * SLH_N;
        }
        SLH_NS(hash_h_lanes)(ctx, c, out, a, in);
    }
}

/* The bottom-up form of Algorithms 9 and 15. */
void SLH_NS(treehash)(const slh_ctx *ctx, uint8_t *root, uint8_t *auth, uint32_t target,
                      unsigned height, uint32_t offset, slh_adrs *node_adrs,
                      slh_leaves_fn leaves, void *info) {
    uint8_t chunk[(1u << SLH_CHUNK_MAX_LOG) * SLH_N];
    uint8_t stack[(SLH_MAX_TREE_HEIGHT + 1) * SLH_N];
    const unsigned c = height < SLH_CHUNK_LOG ? height : SLH_CHUNK_LOG;
    unsigned sp = 0, z, i;
    uint32_t k, j;

    for (k = 0; k < ((uint32_t)1 << (height - c)); k++) {
        const uint32_t first = k << c;
        leaves(ctx, chunk, first, 1u << c, info);
        for (z = 0; z < c; z++) {
            const unsigned m = 1u << (c - z);
            for (i = 0; i < m; i++) {
                keep_if_auth(auth, target, height, z, (first >> z) + i, chunk + i * SLH_N);
            }
            hash_level(ctx, chunk, m, z, first >> z, offset, node_adrs);
        }
        /* The chunk's root: node k at height c. */
        keep_if_auth(auth, target, height, c, k, chunk);
        memcpy(stack + sp * SLH_N, chunk, SLH_N);
        sp++;
        /* Node k completes one subtree per trailing one bit of k. */
        for (z = c + 1; (k >> (z - c - 1)) & 1; z++) {
            j = k >> (z - c);
            SLH_NS(adrs_set_tree_height)(node_adrs, z);
            SLH_NS(adrs_set_tree_index)(node_adrs, (offset >> z) + j);
            sp--;
            SLH_NS(hash_h)(ctx, stack + (sp - 1) * SLH_N, node_adrs,
                           stack + (sp - 1) * SLH_N);
            keep_if_auth(auth, target, height, z, j, stack + (sp - 1) * SLH_N);
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

/* Algorithm 9 lines 1-4: leaf idx is the WOTS+ public key of key pair idx;
 * the leaves are made SLH_LANES key pairs at a time. */
static void xmss_leaves(const slh_ctx *ctx, uint8_t *leaves, uint32_t first, unsigned count,
                        void *vinfo) {
    const xmss_leaf_info *info = (const xmss_leaf_info *)vinfo;
    unsigned g, c;
    for (g = 0; g < count; g += c) {
        c = count - g < SLH_LANES ? count - g : SLH_LANES;
        SLH_NS(wots_pkgen_lanes)(ctx, leaves + g * SLH_N, &info->adrs, first + g, c,
                                 info->target, info->digits, info->sig);
    }
}

static void xmss_tree(const slh_ctx *ctx, uint8_t *root, uint8_t *auth,
                      const slh_adrs *adrs, xmss_leaf_info *info) {
    slh_adrs node_adrs = *adrs;
    info->adrs = *adrs;
    SLH_NS(adrs_set_type_and_clear)(&node_adrs, SLH_ADRS_TREE);
    SLH_NS(treehash)(ctx, root, auth, info->target, SLH_HP, 0, &node_adrs, xmss_leaves,
                     info);
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

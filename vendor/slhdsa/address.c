/* FIPS 205 section 4.2 (Table 1) and 11.2: hash address operations. */
#include "address.h"

#include <string.h>

static void put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) |
           (uint32_t)p[3];
}

/* ADRS <- toByte(0, 32). */
void SLH_NS(adrs_zero)(slh_adrs *adrs) {
    memset(adrs->b, 0, sizeof(adrs->b));
}

/* Table 1: ADRS.setLayerAddress(l). */
void SLH_NS(adrs_set_layer)(slh_adrs *adrs, uint32_t layer) {
    put32(adrs->b, layer);
}

/* Table 1: ADRS.setTreeAddress(t), t < 2^64 so the top 4 bytes are zero. */
void SLH_NS(adrs_set_tree)(slh_adrs *adrs, uint64_t tree) {
    put32(adrs->b + 4, 0);
    put32(adrs->b + 8, (uint32_t)(tree >> 32));
    put32(adrs->b + 12, (uint32_t)tree);
}

/* Table 1: ADRS.setTypeAndClear(Y). */
void SLH_NS(adrs_set_type_and_clear)(slh_adrs *adrs, uint32_t type) {
    put32(adrs->b + 16, type);
    memset(adrs->b + 20, 0, 12);
}

/* Table 1: ADRS.setKeyPairAddress(i). */
void SLH_NS(adrs_set_keypair)(slh_adrs *adrs, uint32_t keypair) {
    put32(adrs->b + 20, keypair);
}

/* Table 1: ADRS.getKeyPairAddress(). */
uint32_t SLH_NS(adrs_get_keypair)(const slh_adrs *adrs) {
    return get32(adrs->b + 20);
}

/* Table 1: ADRS.setChainAddress(i). */
void SLH_NS(adrs_set_chain)(slh_adrs *adrs, uint32_t chain) {
    put32(adrs->b + 24, chain);
}

/* Table 1: ADRS.setHashAddress(i). */
void SLH_NS(adrs_set_hash)(slh_adrs *adrs, uint32_t hash) {
    put32(adrs->b + 28, hash);
}

/* Table 1: ADRS.setTreeHeight(z). */
void SLH_NS(adrs_set_tree_height)(slh_adrs *adrs, uint32_t height) {
    put32(adrs->b + 24, height);
}

/* Table 1: ADRS.setTreeIndex(i). */
void SLH_NS(adrs_set_tree_index)(slh_adrs *adrs, uint32_t index) {
    put32(adrs->b + 28, index);
}

/* Table 1: ADRS.getTreeIndex(). */
uint32_t SLH_NS(adrs_get_tree_index)(const slh_adrs *adrs) {
    return get32(adrs->b + 28);
}

/* Section 11.2: the compressed address used by the SHA2 instantiations. */
void SLH_NS(adrs_compress)(uint8_t out[SLH_ADRSC_BYTES], const slh_adrs *adrs) {
    out[0] = adrs->b[3];
    memcpy(out + 1, adrs->b + 8, 8);
    out[9] = adrs->b[19];
    memcpy(out + 10, adrs->b + 20, 12);
}

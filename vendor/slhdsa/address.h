/*
 * FIPS 205 section 4.2: the 32-byte hash address ADRS and its member functions
 * (Table 1), plus the 22-byte compressed form ADRSc of section 11.2.
 *
 * Layout (big-endian words): layer address (4 bytes), tree address (12 bytes),
 * type (4 bytes), then three 4-byte words whose meaning depends on the type
 * (key pair address; chain address or tree height; hash address or tree index).
 */
#ifndef PQF_SLHDSA_ADDRESS_H
#define PQF_SLHDSA_ADDRESS_H

#include <stdint.h>

#include "params.h"

/* Address types (section 4.2). */
#define SLH_ADRS_WOTS_HASH 0
#define SLH_ADRS_WOTS_PK 1
#define SLH_ADRS_TREE 2
#define SLH_ADRS_FORS_TREE 3
#define SLH_ADRS_FORS_ROOTS 4
#define SLH_ADRS_WOTS_PRF 5
#define SLH_ADRS_FORS_PRF 6

#define SLH_ADRSC_BYTES 22

typedef struct {
    uint8_t b[32];
} slh_adrs;

void SLH_NS(adrs_zero)(slh_adrs *adrs);
void SLH_NS(adrs_set_layer)(slh_adrs *adrs, uint32_t layer);
void SLH_NS(adrs_set_tree)(slh_adrs *adrs, uint64_t tree);
void SLH_NS(adrs_set_type_and_clear)(slh_adrs *adrs, uint32_t type);
void SLH_NS(adrs_set_keypair)(slh_adrs *adrs, uint32_t keypair);
uint32_t SLH_NS(adrs_get_keypair)(const slh_adrs *adrs);
void SLH_NS(adrs_set_chain)(slh_adrs *adrs, uint32_t chain);
void SLH_NS(adrs_set_hash)(slh_adrs *adrs, uint32_t hash);
void SLH_NS(adrs_set_tree_height)(slh_adrs *adrs, uint32_t height);
void SLH_NS(adrs_set_tree_index)(slh_adrs *adrs, uint32_t index);
uint32_t SLH_NS(adrs_get_tree_index)(const slh_adrs *adrs);
/* Section 11.2: ADRSc = ADRS[3] || ADRS[8:16] || ADRS[19] || ADRS[20:32]. */
void SLH_NS(adrs_compress)(uint8_t out[SLH_ADRSC_BYTES], const slh_adrs *adrs);

#endif

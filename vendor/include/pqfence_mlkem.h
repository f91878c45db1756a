/*
 * ML-KEM (FIPS 203). Included by pqfence.h; do not include directly.
 * One set of entry points per parameter set, named pqf_mlkem{512,768,1024}_*.
 */
#ifndef PQFENCE_MLKEM_H
#define PQFENCE_MLKEM_H

#define PQF_MLKEM_SEED_BYTES 64 /* d || z */
#define PQF_MLKEM_SHARED_SECRET_BYTES 32
#define PQF_MLKEM_MESSAGE_BYTES 32 /* the encapsulation coin m */

#define PQF_MLKEM512_EK_BYTES 800
#define PQF_MLKEM512_DK_BYTES 1632
#define PQF_MLKEM512_CT_BYTES 768
#define PQF_MLKEM768_EK_BYTES 1184
#define PQF_MLKEM768_DK_BYTES 2400
#define PQF_MLKEM768_CT_BYTES 1088
#define PQF_MLKEM1024_EK_BYTES 1568
#define PQF_MLKEM1024_DK_BYTES 3168
#define PQF_MLKEM1024_CT_BYTES 1568

/*
 * keygen_internal: FIPS 203 Algorithm 16, ML-KEM.KeyGen_internal(d, z).
 * encaps_internal: Algorithm 17 after the section 7.2 modulus check on ek;
 *   returns PQF_ERR_INVALID_KEY (outputs zeroed) when the check fails.
 * decaps_internal: Algorithm 18 (implicit rejection) after the section 7.3 hash
 *   check on dk; returns PQF_ERR_INVALID_KEY (output zeroed) when it fails.
 * check_ek / check_dk: the section 7.2 / 7.3 input checks on their own.
 */
#define PQF_MLKEM_DECLARE(P)                                                      \
    int pqf_##P##_keygen_internal(uint8_t *ek, uint8_t *dk, const uint8_t *d,     \
                                  const uint8_t *z);                              \
    int pqf_##P##_encaps_internal(uint8_t *ss, uint8_t *ct, const uint8_t *ek,    \
                                  const uint8_t *m);                              \
    int pqf_##P##_decaps_internal(uint8_t *ss, const uint8_t *dk,                 \
                                  const uint8_t *ct);                             \
    int pqf_##P##_check_ek(const uint8_t *ek);                                    \
    int pqf_##P##_check_dk(const uint8_t *dk);

PQF_MLKEM_DECLARE(mlkem512)
PQF_MLKEM_DECLARE(mlkem768)
PQF_MLKEM_DECLARE(mlkem1024)

#endif

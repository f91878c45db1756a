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
 * The expanded encapsulation key ("ek cache"): a caller-owned buffer holding
 * what encapsulation derives from ek alone (the matrix A-hat sampled from rho,
 * t-hat decoded, H(ek)), so that a key used many times pays for SampleNTT and
 * H(ek) once. Its contents are opaque: the layout belongs to the C layer and may
 * change between versions, so never store or transmit it. It holds nothing
 * secret. The buffer must be 8-byte aligned (entry points return
 * PQF_ERR_BAD_ARGUMENT otherwise) and is valid only as written by ek_expand or
 * keygen_cached. Size: (k^2 + k) polynomials of 256 int16 plus 64 bytes.
 */
#define PQF_MLKEM512_EK_CACHE_BYTES 3136
#define PQF_MLKEM768_EK_CACHE_BYTES 6208
#define PQF_MLKEM1024_EK_CACHE_BYTES 10304

/*
 * keygen_internal: FIPS 203 Algorithm 16, ML-KEM.KeyGen_internal(d, z).
 * encaps_internal: Algorithm 17 after the section 7.2 modulus check on ek;
 *   returns PQF_ERR_INVALID_KEY (outputs zeroed) when the check fails.
 * decaps_internal: Algorithm 18 (implicit rejection) after the section 7.3 hash
 *   check on dk; returns PQF_ERR_INVALID_KEY (output zeroed) when it fails.
 * check_ek / check_dk: the section 7.2 / 7.3 input checks on their own.
 *
 * With an ek cache (see above; `cache` 8-byte aligned, else PQF_ERR_BAD_ARGUMENT):
 * ek_expand: the section 7.2 modulus check on ek, then fills the cache from it;
 *   returns PQF_ERR_INVALID_KEY (cache zeroed) when the check fails.
 * keygen_cached: keygen_internal that also fills the cache for the new ek, as
 *   ek_expand(ek) would, without sampling A-hat twice.
 * encaps_cached: Algorithm 17 for the ek the cache was expanded from (the
 *   modulus check was done by ek_expand); same outputs as encaps_internal.
 * decaps_cached: Algorithm 18 (implicit rejection, constant time as
 *   decaps_internal), re-encrypting through the cache. It assumes the caller ran
 *   check_dk once on dk (it is not repeated) and expanded the cache from the ek
 *   embedded in dk. A cache whose H(ek) differs from the one stored in dk (a
 *   cache of another key) gives PQF_ERR_BAD_ARGUMENT, output zeroed.
 */
#define PQF_MLKEM_DECLARE(P)                                                      \
    int pqf_##P##_keygen_internal(uint8_t *ek, uint8_t *dk, const uint8_t *d,     \
                                  const uint8_t *z);                              \
    int pqf_##P##_encaps_internal(uint8_t *ss, uint8_t *ct, const uint8_t *ek,    \
                                  const uint8_t *m);                              \
    int pqf_##P##_decaps_internal(uint8_t *ss, const uint8_t *dk,                 \
                                  const uint8_t *ct);                             \
    int pqf_##P##_check_ek(const uint8_t *ek);                                    \
    int pqf_##P##_check_dk(const uint8_t *dk);                                    \
    int pqf_##P##_ek_expand(uint8_t *cache, const uint8_t *ek);                   \
    int pqf_##P##_keygen_cached(uint8_t *ek, uint8_t *dk, uint8_t *cache,         \
                                const uint8_t *d, const uint8_t *z);              \
    int pqf_##P##_encaps_cached(uint8_t *ss, uint8_t *ct, const uint8_t *cache,   \
                                const uint8_t *m);                                \
    int pqf_##P##_decaps_cached(uint8_t *ss, const uint8_t *dk,                   \
                                const uint8_t *cache, const uint8_t *ct);

PQF_MLKEM_DECLARE(mlkem512)
PQF_MLKEM_DECLARE(mlkem768)
PQF_MLKEM_DECLARE(mlkem1024)

#endif

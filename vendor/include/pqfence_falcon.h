/*
 * Falcon (round-3 specification v1.2). Included by pqfence.h; do not include
 * directly. One set of entry points per parameter set, named
 * pqf_falcon{512,1024}_*.
 *
 * Encodings (specification section 3.11):
 *   public key  = 0x00+logn || h (14 bits per coefficient)
 *   private key = 0x50+logn || f || g || F (6/5 bits for f and g, 8 bits for F)
 *   signature   = 0x30+logn || nonce (40) || compressed s2; the padded variant
 *                 zero-fills the compressed s2 up to the fixed length.
 *
 * Every function takes a caller-provided workspace tmp of PQF_FALCON*_TMP_BYTES
 * bytes, aligned to 8 bytes; nothing is allocated.
 */
#ifndef PQFENCE_FALCON_H
#define PQFENCE_FALCON_H

#define PQF_FALCON_SEED_BYTES 48  /* keygen seed and sampler seed */
#define PQF_FALCON_NONCE_BYTES 40

#define PQF_FALCON512_PK_BYTES 897
#define PQF_FALCON512_SK_BYTES 1281
#define PQF_FALCON512_SIG_MAX_BYTES 752 /* compressed, incl. header + nonce */
#define PQF_FALCON512_SIG_PADDED_BYTES 666
#define PQF_FALCON512_TMP_BYTES 67584

#define PQF_FALCON1024_PK_BYTES 1793
#define PQF_FALCON1024_SK_BYTES 2305
#define PQF_FALCON1024_SIG_MAX_BYTES 1462
#define PQF_FALCON1024_SIG_PADDED_BYTES 1280
#define PQF_FALCON1024_TMP_BYTES 135168

/*
 * keygen: NTRUGen / NTRUSolve (specification Algorithms 4 to 6) driven by a
 *   SHAKE256 instance seeded with the 48-byte seed; writes pk and sk.
 * sign: Algorithm 10 with nonce r = nonce40; the sampler's PRNG is seeded from
 *   SHAKE256(seed48). padded = 0: compressed variable-length signature, *siglen
 *   set (at most SIG_MAX_BYTES); padded = 1: exactly SIG_PADDED_BYTES (a
 *   signature whose compressed s2 does not fit is drawn again from the next
 *   sampler output). PQF_ERR_INVALID_KEY when sk does not decode;
 *   PQF_ERR_INTERNAL when 1000 attempts in a row are rejected (only a key
 *   that is not a Falcon key gets there: falcon/params.h).
 * verify: Algorithm 16 with strict decoding; PQF_OK, PQF_ERR_INVALID_SIGNATURE
 *   or PQF_ERR_INVALID_KEY (pk does not decode).
 * check_pk / check_sk: the decoding checks on their own (check_sk also
 *   recomputes G and checks f*G - g*F = q).
 */
#define PQF_FALCON_DECLARE(P)                                                      \
    int pqf_##P##_keygen(uint8_t *pk, uint8_t *sk, const uint8_t *seed48,          \
                         uint8_t *tmp);                                            \
    int pqf_##P##_sign(uint8_t *sig, size_t *siglen, const uint8_t *sk,            \
                       const uint8_t *msg, size_t msglen, const uint8_t *nonce40,  \
                       const uint8_t *seed48, int padded, uint8_t *tmp);           \
    int pqf_##P##_verify(const uint8_t *pk, const uint8_t *msg, size_t msglen,     \
                         const uint8_t *sig, size_t siglen, int padded,            \
                         uint8_t *tmp);                                            \
    int pqf_##P##_check_pk(const uint8_t *pk);                                     \
    int pqf_##P##_check_sk(const uint8_t *sk);

PQF_FALCON_DECLARE(falcon512)
PQF_FALCON_DECLARE(falcon1024)

#endif

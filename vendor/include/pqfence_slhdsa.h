/*
 * SLH-DSA (FIPS 205). Included by pqfence.h; self-contained.
 * One set of entry points per parameter set, named
 * pqf_slhdsa_{sha2,shake}_{128,192,256}{s,f}_*.
 *
 * Key and signature layouts are those of FIPS 205 section 9:
 *   pk  = PK.seed || PK.root                        (2n bytes)
 *   sk  = SK.seed || SK.prf || PK.seed || PK.root   (4n bytes)
 *   sig = R || SIG_FORS || SIG_HT                   (SIG_BYTES)
 */
#ifndef PQFENCE_SLHDSA_H
#define PQFENCE_SLHDSA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PQF_SLHDSA_SHA2_128S_N 16
#define PQF_SLHDSA_SHA2_128S_PK_BYTES 32
#define PQF_SLHDSA_SHA2_128S_SK_BYTES 64
#define PQF_SLHDSA_SHA2_128S_SIG_BYTES 7856
#define PQF_SLHDSA_SHA2_128F_N 16
#define PQF_SLHDSA_SHA2_128F_PK_BYTES 32
#define PQF_SLHDSA_SHA2_128F_SK_BYTES 64
#define PQF_SLHDSA_SHA2_128F_SIG_BYTES 17088
#define PQF_SLHDSA_SHA2_192S_N 24
#define PQF_SLHDSA_SHA2_192S_PK_BYTES 48
#define PQF_SLHDSA_SHA2_192S_SK_BYTES 96
#define PQF_SLHDSA_SHA2_192S_SIG_BYTES 16224
#define PQF_SLHDSA_SHA2_192F_N 24
#define PQF_SLHDSA_SHA2_192F_PK_BYTES 48
#define PQF_SLHDSA_SHA2_192F_SK_BYTES 96
#define PQF_SLHDSA_SHA2_192F_SIG_BYTES 35664
#define PQF_SLHDSA_SHA2_256S_N 32
#define PQF_SLHDSA_SHA2_256S_PK_BYTES 64
#define PQF_SLHDSA_SHA2_256S_SK_BYTES 128
#define PQF_SLHDSA_SHA2_256S_SIG_BYTES 29792
#define PQF_SLHDSA_SHA2_256F_N 32
#define PQF_SLHDSA_SHA2_256F_PK_BYTES 64
#define PQF_SLHDSA_SHA2_256F_SK_BYTES 128
#define PQF_SLHDSA_SHA2_256F_SIG_BYTES 49856
#define PQF_SLHDSA_SHAKE_128S_N 16
#define PQF_SLHDSA_SHAKE_128S_PK_BYTES 32
#define PQF_SLHDSA_SHAKE_128S_SK_BYTES 64
#define PQF_SLHDSA_SHAKE_128S_SIG_BYTES 7856
#define PQF_SLHDSA_SHAKE_128F_N 16
#define PQF_SLHDSA_SHAKE_128F_PK_BYTES 32
#define PQF_SLHDSA_SHAKE_128F_SK_BYTES 64
#define PQF_SLHDSA_SHAKE_128F_SIG_BYTES 17088
#define PQF_SLHDSA_SHAKE_192S_N 24
#define PQF_SLHDSA_SHAKE_192S_PK_BYTES 48
#define PQF_SLHDSA_SHAKE_192S_SK_BYTES 96
#define PQF_SLHDSA_SHAKE_192S_SIG_BYTES 16224
#define PQF_SLHDSA_SHAKE_192F_N 24
#define PQF_SLHDSA_SHAKE_192F_PK_BYTES 48
#define PQF_SLHDSA_SHAKE_192F_SK_BYTES 96
#define PQF_SLHDSA_SHAKE_192F_SIG_BYTES 35664
#define PQF_SLHDSA_SHAKE_256S_N 32
#define PQF_SLHDSA_SHAKE_256S_PK_BYTES 64
#define PQF_SLHDSA_SHAKE_256S_SK_BYTES 128
#define PQF_SLHDSA_SHAKE_256S_SIG_BYTES 29792
#define PQF_SLHDSA_SHAKE_256F_N 32
#define PQF_SLHDSA_SHAKE_256F_PK_BYTES 64
#define PQF_SLHDSA_SHAKE_256F_SK_BYTES 128
#define PQF_SLHDSA_SHAKE_256F_SIG_BYTES 49856

/*
 * keygen_internal: FIPS 205 Algorithm 18 slh_keygen_internal from n-byte seeds.
 *   pk = PK.seed || PK.root, sk = SK.seed || SK.prf || PK.seed || PK.root.
 * sign_internal: Algorithm 19 slh_sign_internal with M = pre || msg (pre may be
 *   NULL when prelen is 0), absorbed piecewise without copying; addrnd is n
 *   bytes, or NULL for the deterministic variant (opt_rand = PK.seed). sig
 *   receives SIG_BYTES and must not overlap the other arguments.
 * verify_internal: Algorithm 20 slh_verify_internal; PQF_OK or
 *   PQF_ERR_INVALID_SIGNATURE (also when siglen != SIG_BYTES).
 * check_sk: recomputes PK.root from SK.seed and PK.seed (one XMSS tree of the
 *   top layer) and compares it with the root embedded in sk;
 *   PQF_ERR_INVALID_KEY when they differ.
 */
#define PQF_SLHDSA_DECLARE(P)                                                       \
    int pqf_##P##_keygen_internal(uint8_t *pk, uint8_t *sk, const uint8_t *sk_seed,  \
                                  const uint8_t *sk_prf, const uint8_t *pk_seed);   \
    int pqf_##P##_sign_internal(uint8_t *sig, const uint8_t *sk, const uint8_t *pre, \
                                size_t prelen, const uint8_t *msg, size_t msglen,   \
                                const uint8_t *addrnd);                             \
    int pqf_##P##_verify_internal(const uint8_t *pk, const uint8_t *pre,            \
                                  size_t prelen, const uint8_t *msg, size_t msglen, \
                                  const uint8_t *sig, size_t siglen);               \
    int pqf_##P##_check_sk(const uint8_t *sk);

PQF_SLHDSA_DECLARE(slhdsa_sha2_128s)
PQF_SLHDSA_DECLARE(slhdsa_sha2_128f)
PQF_SLHDSA_DECLARE(slhdsa_sha2_192s)
PQF_SLHDSA_DECLARE(slhdsa_sha2_192f)
PQF_SLHDSA_DECLARE(slhdsa_sha2_256s)
PQF_SLHDSA_DECLARE(slhdsa_sha2_256f)
PQF_SLHDSA_DECLARE(slhdsa_shake_128s)
PQF_SLHDSA_DECLARE(slhdsa_shake_128f)
PQF_SLHDSA_DECLARE(slhdsa_shake_192s)
PQF_SLHDSA_DECLARE(slhdsa_shake_192f)
PQF_SLHDSA_DECLARE(slhdsa_shake_256s)
PQF_SLHDSA_DECLARE(slhdsa_shake_256f)

#ifdef __cplusplus
}
#endif

#endif

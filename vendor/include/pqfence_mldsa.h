/*
 * ML-DSA (FIPS 204). Included by pqfence.h; do not include directly.
 * One set of entry points per parameter set, named pqf_mldsa{44,65,87}_*.
 */
#ifndef PQFENCE_MLDSA_H
#define PQFENCE_MLDSA_H

#define PQF_MLDSA_SEED_BYTES 32 /* the key generation seed xi */
#define PQF_MLDSA_RND_BYTES 32  /* the signing randomness rnd (zeros = deterministic) */
#define PQF_MLDSA_TR_BYTES 64   /* tr = H(pk, 64) */
#define PQF_MLDSA_MU_BYTES 64   /* mu = H(tr || M', 64) */

#define PQF_MLDSA44_PK_BYTES 1312
#define PQF_MLDSA44_SK_BYTES 2560
#define PQF_MLDSA44_SIG_BYTES 2420
#define PQF_MLDSA65_PK_BYTES 1952
#define PQF_MLDSA65_SK_BYTES 4032
#define PQF_MLDSA65_SIG_BYTES 3309
#define PQF_MLDSA87_PK_BYTES 2592
#define PQF_MLDSA87_SK_BYTES 4896
#define PQF_MLDSA87_SIG_BYTES 4627

/*
 * keygen_internal: FIPS 204 Algorithm 6, ML-DSA.KeyGen_internal(xi).
 * sign_internal: Algorithm 7, Sign_internal(sk, M', rnd) with M' = pre || msg
 *   (pre may be NULL when prelen == 0; msg may be NULL when msglen == 0).
 *   mu = H(tr || pre || msg, 64) is computed by absorbing the pieces. rnd is 32
 *   bytes (all zeros = deterministic variant). Returns PQF_ERR_INTERNAL (sig
 *   zeroed) if the rejection loop exceeds its iteration bound.
 * sign_mu: Sign_internal from an externally computed mu (64 bytes).
 * verify_internal: Algorithm 8, Verify_internal(pk, M', sig) with M' = pre || msg.
 *   Returns PQF_OK, or PQF_ERR_INVALID_SIGNATURE (wrong siglen, malformed hint
 *   encoding, ||z|| bound, challenge mismatch), or PQF_ERR_INVALID_KEY for a
 *   malformed pk (every pk of the right length decodes, so this does not occur).
 * verify_mu: Verify_internal from an externally computed mu (64 bytes).
 * sk_to_pk: validates an expanded secret key (s1, s2 coefficients in
 *   [-eta, eta], t0 in range, the t0 derived from rho, s1, s2 equals the stored
 *   t0, tr == H(derived pk, 64)) and writes the derived public key. Returns
 *   PQF_ERR_INVALID_KEY (pk zeroed) if any check fails.
 */
#define PQF_MLDSA_DECLARE(P)                                                      \
    int pqf_##P##_keygen_internal(uint8_t *pk, uint8_t *sk, const uint8_t *xi);   \
    int pqf_##P##_sign_internal(uint8_t *sig, const uint8_t *sk,                  \
                                const uint8_t *pre, size_t prelen,                \
                                const uint8_t *msg, size_t msglen,                \
                                const uint8_t *rnd);                              \
    int pqf_##P##_sign_mu(uint8_t *sig, const uint8_t *sk, const uint8_t *mu,     \
                          const uint8_t *rnd);                                    \
    int pqf_##P##_verify_internal(const uint8_t *pk, const uint8_t *pre,          \
                                  size_t prelen, const uint8_t *msg,              \
                                  size_t msglen, const uint8_t *sig,              \
                                  size_t siglen);                                 \
    int pqf_##P##_verify_mu(const uint8_t *pk, const uint8_t *mu,                 \
                            const uint8_t *sig, size_t siglen);                   \
    int pqf_##P##_sk_to_pk(uint8_t *pk, const uint8_t *sk);

PQF_MLDSA_DECLARE(mldsa44)
PQF_MLDSA_DECLARE(mldsa65)
PQF_MLDSA_DECLARE(mldsa87)

#endif

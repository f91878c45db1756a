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
 * Expanded keys ("caches"), FIPS 204 section 3.6.3 (values derived from a key
 * may be precomputed and stored). Caller-owned buffers, 8-byte aligned
 * (entry points return PQF_ERR_BAD_ARGUMENT otherwise), valid only as written
 * by the entry points below. Their contents are opaque: the layout belongs to
 * the C layer and may change between versions, so never store or transmit
 * them.
 * - pk cache: what verification derives from pk alone, all of it public: rho,
 *   tr = H(pk, 64), the matrix A-hat = ExpandA(rho) and NTT(t1 2^d). Size:
 *   (k l + k) polynomials of 256 int32 plus 96 bytes (20 KiB for ML-DSA-44,
 *   36 KiB for ML-DSA-65, 64 KiB for ML-DSA-87).
 * - sk cache: what signing derives from sk: rho, tr, K, NTT(s1), NTT(s2),
 *   NTT(t0). SECRET from byte 96 on (rho and tr, the first 96 bytes, are
 *   public): wipe it after use. Signing takes both caches (A-hat is read from
 *   the pk cache, after checking that rho and tr agree). Size: (l + 2k)
 *   polynomials plus 128 bytes (12 KiB, 17 KiB, 23 KiB).
 */
#define PQF_MLDSA44_PK_CACHE_BYTES 20576
#define PQF_MLDSA44_SK_CACHE_BYTES 12416
#define PQF_MLDSA65_PK_CACHE_BYTES 36960
#define PQF_MLDSA65_SK_CACHE_BYTES 17536
#define PQF_MLDSA87_PK_CACHE_BYTES 65632
#define PQF_MLDSA87_SK_CACHE_BYTES 23680

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
 *
 * With caches (see above; NULL or misaligned caches give PQF_ERR_BAD_ARGUMENT,
 * outputs zeroed):
 * keygen_cached: keygen_internal that also fills the pk cache for the new pk,
 *   expanding A once. The sk cache is always made by sk_expand from the sk
 *   bytes, so that signing with it (the pairwise consistency check) covers
 *   every byte of the stored key.
 * pk_expand: fills the pk cache from pk (every pk of the right length decodes).
 * sk_expand: fills the sk cache from an expanded sk that the caller has
 *   validated (sk_to_pk) or generated; it is not checked again.
 * sign_cached / sign_mu_cached: sign_internal / sign_mu for the key pair the
 *   caches were expanded from; same signature bytes. Caches of different keys
 *   (rho or tr differs) give PQF_ERR_BAD_ARGUMENT, sig zeroed.
 * verify_cached / verify_mu_cached: verify_internal / verify_mu for the pk
 *   the cache was expanded from; same results.
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
    int pqf_##P##_sk_to_pk(uint8_t *pk, const uint8_t *sk);                      \
    int pqf_##P##_keygen_cached(uint8_t *pk, uint8_t *sk, uint8_t *pk_cache,      \
                                const uint8_t *xi);                               \
    int pqf_##P##_pk_expand(uint8_t *pk_cache, const uint8_t *pk);                \
    int pqf_##P##_sk_expand(uint8_t *sk_cache, const uint8_t *sk);                \
    int pqf_##P##_sign_cached(uint8_t *sig, const uint8_t *sk_cache,              \
                              const uint8_t *pk_cache, const uint8_t *pre,        \
                              size_t prelen, const uint8_t *msg, size_t msglen,   \
                              const uint8_t *rnd);                                \
    int pqf_##P##_sign_mu_cached(uint8_t *sig, const uint8_t *sk_cache,           \
                                 const uint8_t *pk_cache, const uint8_t *mu,      \
                                 const uint8_t *rnd);                             \
    int pqf_##P##_verify_cached(const uint8_t *pk_cache, const uint8_t *pre,      \
                                size_t prelen, const uint8_t *msg, size_t msglen, \
                                const uint8_t *sig, size_t siglen);               \
    int pqf_##P##_verify_mu_cached(const uint8_t *pk_cache, const uint8_t *mu,    \
                                   const uint8_t *sig, size_t siglen);

PQF_MLDSA_DECLARE(mldsa44)
PQF_MLDSA_DECLARE(mldsa65)
PQF_MLDSA_DECLARE(mldsa87)

#endif

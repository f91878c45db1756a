/*
 * Modular reduction for ML-DSA, q = 8380417 (FIPS 204 section 7.5 arithmetic).
 * Coefficients live in int32; products in int64. Everything here is constant
 * time: shifts, multiplications and masks, no division and no branch.
 */
#ifndef PQF_MLDSA_REDUCE_H
#define PQF_MLDSA_REDUCE_H

#include "params.h"

/* q^-1 mod 2^32. */
#define PQF_MLDSA_QINV 58728449u

/* Montgomery reduction with R = 2^32: for |a| < 2^31 q returns r with
 * r = a R^-1 (mod q) and |r| < q. */
static inline int32_t pqf_mldsa_montgomery_reduce(int64_t a) {
    int32_t t = (int32_t)((uint32_t)(uint64_t)a * PQF_MLDSA_QINV);
    return (int32_t)((a - (int64_t)t * PQF_MLDSA_Q) >> 32);
}

/* a b R^-1 mod q, for |a b| < 2^31 q; |result| < q. */
static inline int32_t pqf_mldsa_fqmul(int32_t a, int32_t b) {
    return pqf_mldsa_montgomery_reduce((int64_t)a * b);
}

/* For |a| < 2^31 - 2^22 returns r = a (mod q) with |r| <= 6291200 < q. */
static inline int32_t pqf_mldsa_reduce32(int32_t a) {
    int32_t t = (a + (1 << 22)) >> 23;
    return a - t * PQF_MLDSA_Q;
}

/* For -q < a < q returns a mod q in [0, q). */
static inline int32_t pqf_mldsa_caddq(int32_t a) {
    return a + ((a >> 31) & PQF_MLDSA_Q);
}

/* For |a| < 2^31 - 2^22 returns the representative of a mod q in [0, q). */
static inline int32_t pqf_mldsa_freeze(int32_t a) {
    return pqf_mldsa_caddq(pqf_mldsa_reduce32(a));
}

/* For -q < a < q returns a mod+- q in [-(q-1)/2, (q-1)/2]. */
static inline int32_t pqf_mldsa_center(int32_t a) {
    a = pqf_mldsa_caddq(a);
    return a - (((((PQF_MLDSA_Q - 1) / 2) - a) >> 31) & PQF_MLDSA_Q);
}

/* Array forms, used per polynomial (reduce.c). */
#define pqf_mldsa_reduce32_coeffs PQF_MLDSA_NS(reduce32_coeffs)
#define pqf_mldsa_caddq_coeffs PQF_MLDSA_NS(caddq_coeffs)
#define pqf_mldsa_freeze_coeffs PQF_MLDSA_NS(freeze_coeffs)
#define pqf_mldsa_center_coeffs PQF_MLDSA_NS(center_coeffs)

void pqf_mldsa_reduce32_coeffs(int32_t *a, size_t n);
void pqf_mldsa_caddq_coeffs(int32_t *a, size_t n);
void pqf_mldsa_freeze_coeffs(int32_t *a, size_t n);
void pqf_mldsa_center_coeffs(int32_t *a, size_t n);

#endif

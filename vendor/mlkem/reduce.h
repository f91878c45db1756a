/*
 * Modular arithmetic in Z_q, q = 3329, on 16-bit signed representatives.
 *
 * Polynomials are kept as int16_t coefficients that are only congruent to the
 * value they stand for; the bounds each routine accepts and returns are stated
 * next to it. Montgomery reduction uses R = 2^16. Every routine is a fixed
 * sequence of multiplications, shifts and additions: no branch, table lookup,
 * division or modulo touches the operand. Like all mainstream C compilers, the
 * code assumes two's complement narrowing conversions and arithmetic right
 * shifts of negative values.
 */
#ifndef PQF_MLKEM_REDUCE_H
#define PQF_MLKEM_REDUCE_H

#include <stdint.h>

#include "params.h"

/* q^-1 mod 2^16 = 62209, written as its int16 value. */
#define PQF_MLKEM_QINV (-3327)
/* R^2 mod q, to enter the Montgomery domain with one Montgomery product. */
#define PQF_MLKEM_MONT_R2 1353
/* floor(2^26 / q + 1/2), the Barrett constant. */
#define PQF_MLKEM_BARRETT_V 20159

/*
 * Montgomery reduction: for |a| < q * 2^15, returns r = a * 2^-16 mod q with
 * |r| < q. With t = a * q^-1 mod 2^16 (signed), a and t*q agree in their low 16
 * bits, so (a - t*q) / 2^16 is exactly the difference of their high halves.
 * Written this way (16-bit products only) the compiler can vectorize it.
 */
static inline int16_t pqf_mlkem_montgomery_reduce(int32_t a) {
    int16_t t = (int16_t)((int32_t)(int16_t)a * PQF_MLKEM_QINV);
    int16_t a_hi = (int16_t)(a >> 16);
    int16_t tq_hi = (int16_t)(((int32_t)t * PQF_MLKEM_Q) >> 16);
    return (int16_t)(a_hi - tq_hi);
}

/* Montgomery product a * b * 2^-16 mod q; |result| < q when |a * b| < q * 2^15. */
static inline int16_t pqf_mlkem_fqmul(int16_t a, int16_t b) {
    return pqf_mlkem_montgomery_reduce((int32_t)a * b);
}

/* Barrett reduction: for any int16 a, returns r = a mod q, -q/2 <= r <= q/2. */
static inline int16_t pqf_mlkem_barrett_reduce(int16_t a) {
    int32_t t = ((int32_t)PQF_MLKEM_BARRETT_V * a + (1 << 25)) >> 26;
    return (int16_t)(a - t * PQF_MLKEM_Q);
}

/* For -q <= a < q, returns a mod q in [0, q) by adding q under a sign mask. */
static inline int16_t pqf_mlkem_caddq(int16_t a) {
    return (int16_t)(a + ((a >> 15) & PQF_MLKEM_Q));
}

/* For 0 <= a < 2q, returns a mod q in [0, q) by subtracting q under a sign mask. */
static inline int16_t pqf_mlkem_csubq(int16_t a) {
    return pqf_mlkem_caddq((int16_t)(a - PQF_MLKEM_Q));
}

/* Whole-polynomial forms (256 coefficients), out of line (reduce.c); the fixed
 * trip count lets the compiler vectorize them. */
#define pqf_mlkem_reduce_coeffs PQF_MLKEM_NS(reduce_coeffs)
#define pqf_mlkem_canonical_coeffs PQF_MLKEM_NS(canonical_coeffs)
#define pqf_mlkem_tomont_coeffs PQF_MLKEM_NS(tomont_coeffs)

/* Barrett-reduce each coefficient into [-q/2, q/2]. */
void pqf_mlkem_reduce_coeffs(int16_t a[PQF_MLKEM_N]);
/* Map each coefficient (any int16) to its representative in [0, q). */
void pqf_mlkem_canonical_coeffs(int16_t a[PQF_MLKEM_N]);
/* Multiply each coefficient by R = 2^16 mod q; outputs satisfy |a| < q. */
void pqf_mlkem_tomont_coeffs(int16_t a[PQF_MLKEM_N]);

#endif

/*
 * Polynomial and polynomial-vector operations for ML-DSA, including the
 * rounding functions of FIPS 204 section 7.4 (Power2Round, Decompose, HighBits,
 * LowBits, MakeHint, UseHint). All of them run in constant time: no branch,
 * table index, division or modulo depends on coefficient values.
 */
#ifndef PQF_MLDSA_POLY_H
#define PQF_MLDSA_POLY_H

#include "params.h"

#define pqf_mldsa_poly_add PQF_MLDSA_NS(poly_add)
#define pqf_mldsa_poly_sub PQF_MLDSA_NS(poly_sub)
#define pqf_mldsa_poly_neg PQF_MLDSA_NS(poly_neg)
#define pqf_mldsa_poly_shiftl PQF_MLDSA_NS(poly_shiftl)
#define pqf_mldsa_poly_reduce32 PQF_MLDSA_NS(poly_reduce32)
#define pqf_mldsa_poly_caddq PQF_MLDSA_NS(poly_caddq)
#define pqf_mldsa_poly_freeze PQF_MLDSA_NS(poly_freeze)
#define pqf_mldsa_poly_center PQF_MLDSA_NS(poly_center)
#define pqf_mldsa_poly_ntt PQF_MLDSA_NS(poly_ntt)
#define pqf_mldsa_poly_invntt PQF_MLDSA_NS(poly_invntt)
#define pqf_mldsa_poly_pointwise PQF_MLDSA_NS(poly_pointwise)
#define pqf_mldsa_poly_chknorm PQF_MLDSA_NS(poly_chknorm)
#define pqf_mldsa_poly_power2round PQF_MLDSA_NS(poly_power2round)
#define pqf_mldsa_poly_decompose PQF_MLDSA_NS(poly_decompose)
#define pqf_mldsa_poly_highbits PQF_MLDSA_NS(poly_highbits)
#define pqf_mldsa_poly_lowbits PQF_MLDSA_NS(poly_lowbits)
#define pqf_mldsa_poly_make_hint PQF_MLDSA_NS(poly_make_hint)
#define pqf_mldsa_poly_use_hint PQF_MLDSA_NS(poly_use_hint)
#define pqf_mldsa_polyvecl_ntt PQF_MLDSA_NS(polyvecl_ntt)
#define pqf_mldsa_polyveck_ntt PQF_MLDSA_NS(polyveck_ntt)
#define pqf_mldsa_polyvecl_pointwise_acc PQF_MLDSA_NS(polyvecl_pointwise_acc)
#define pqf_mldsa_polyvecl_chknorm PQF_MLDSA_NS(polyvecl_chknorm)
#define pqf_mldsa_polyveck_chknorm PQF_MLDSA_NS(polyveck_chknorm)

/* c = a + b, c = a - b, a = -a (no reduction). */
void pqf_mldsa_poly_add(pqf_mldsa_poly *c, const pqf_mldsa_poly *a, const pqf_mldsa_poly *b);
void pqf_mldsa_poly_sub(pqf_mldsa_poly *c, const pqf_mldsa_poly *a, const pqf_mldsa_poly *b);
void pqf_mldsa_poly_neg(pqf_mldsa_poly *a);
/* a = a 2^d (t1 to t1 2^d; inputs below 2^10). */
void pqf_mldsa_poly_shiftl(pqf_mldsa_poly *a);

/* Coefficient reductions (reduce.h): below q in absolute value, [0, q) from
 * (-q, q), [0, q) from anything small, mod+- q from (-q, q). */
void pqf_mldsa_poly_reduce32(pqf_mldsa_poly *a);
void pqf_mldsa_poly_caddq(pqf_mldsa_poly *a);
void pqf_mldsa_poly_freeze(pqf_mldsa_poly *a);
void pqf_mldsa_poly_center(pqf_mldsa_poly *a);

/* NTT / NTT^-1 / MultiplyNTT on one polynomial (ntt.h for the bounds). */
void pqf_mldsa_poly_ntt(pqf_mldsa_poly *a);
void pqf_mldsa_poly_invntt(pqf_mldsa_poly *a);
void pqf_mldsa_poly_pointwise(pqf_mldsa_poly *c, const pqf_mldsa_poly *a,
                              const pqf_mldsa_poly *b);

/* All-ones if some centered coefficient has |a_i| >= bound, else 0; scans every
 * coefficient (constant time). Requires 0 < bound < 2^30 and |a_i| < 2^31. */
uint32_t pqf_mldsa_poly_chknorm(const pqf_mldsa_poly *a, int32_t bound);

/* FIPS 204 Algorithm 35: Power2Round on every coefficient of a in [0, q).
 * a0 may alias a. */
void pqf_mldsa_poly_power2round(pqf_mldsa_poly *a1, pqf_mldsa_poly *a0,
                                const pqf_mldsa_poly *a);
/* FIPS 204 Algorithm 36: Decompose, on a in [0, q). a0 may alias a. */
void pqf_mldsa_poly_decompose(pqf_mldsa_poly *a1, pqf_mldsa_poly *a0,
                              const pqf_mldsa_poly *a);
/* FIPS 204 Algorithm 37: HighBits, on a in [0, q). a1 may alias a. */
void pqf_mldsa_poly_highbits(pqf_mldsa_poly *a1, const pqf_mldsa_poly *a);
/* FIPS 204 Algorithm 38: LowBits, on a in [0, q). a0 may alias a. */
void pqf_mldsa_poly_lowbits(pqf_mldsa_poly *a0, const pqf_mldsa_poly *a);
/* FIPS 204 Algorithm 39: MakeHint(z, r) = [HighBits(r) != HighBits(r + z)] per
 * coefficient, for r in [0, q) and centered z; returns the number of ones.
 * h may alias z. */
unsigned pqf_mldsa_poly_make_hint(pqf_mldsa_poly *h, const pqf_mldsa_poly *z,
                                  const pqf_mldsa_poly *r);
/* FIPS 204 Algorithm 40: UseHint(h, r) per coefficient, for r in [0, q) and h
 * in {0, 1}. w1 may alias r. */
void pqf_mldsa_poly_use_hint(pqf_mldsa_poly *w1, const pqf_mldsa_poly *h,
                             const pqf_mldsa_poly *r);

/* NTT of every entry of a vector. */
void pqf_mldsa_polyvecl_ntt(pqf_mldsa_polyvecl *v);
void pqf_mldsa_polyveck_ntt(pqf_mldsa_polyveck *v);
/* w = sum_j u_j v_j R^-1 in T_q (one row of a matrix-vector product), with
 * 0 <= u_j < q and |v_j| < 9q; the sum is reduced once, |w_i| < q. */
void pqf_mldsa_polyvecl_pointwise_acc(pqf_mldsa_poly *w, const pqf_mldsa_polyvecl *u,
                                      const pqf_mldsa_polyvecl *v);
/* Infinity-norm checks over a whole vector (mask as pqf_mldsa_poly_chknorm). */
uint32_t pqf_mldsa_polyvecl_chknorm(const pqf_mldsa_polyvecl *v, int32_t bound);
uint32_t pqf_mldsa_polyveck_chknorm(const pqf_mldsa_polyveck *v, int32_t bound);

#endif

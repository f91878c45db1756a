/*
 * Pseudorandom sampling for ML-DSA (FIPS 204 section 7.3): G = SHAKE128,
 * H = SHAKE256.
 */
#ifndef PQF_MLDSA_SAMPLING_H
#define PQF_MLDSA_SAMPLING_H

#include "params.h"

#define pqf_mldsa_sample_in_ball PQF_MLDSA_NS(sample_in_ball)
#define pqf_mldsa_rej_ntt_poly PQF_MLDSA_NS(rej_ntt_poly)
#define pqf_mldsa_rej_bounded_poly PQF_MLDSA_NS(rej_bounded_poly)
#define pqf_mldsa_expand_a_row PQF_MLDSA_NS(expand_a_row)
#define pqf_mldsa_expand_a PQF_MLDSA_NS(expand_a)
#define pqf_mldsa_expand_s PQF_MLDSA_NS(expand_s)
#define pqf_mldsa_expand_mask PQF_MLDSA_NS(expand_mask)

/* FIPS 204 Algorithm 29: SampleInBall(c~), c~ of lambda/4 bytes. */
void pqf_mldsa_sample_in_ball(pqf_mldsa_poly *c, const uint8_t ctilde[PQF_MLDSA_CTILDE_BYTES]);

/* FIPS 204 Algorithm 30: RejNTTPoly(seed), seed of 34 bytes; a in T_q with
 * coefficients in [0, q). */
void pqf_mldsa_rej_ntt_poly(pqf_mldsa_poly *a, const uint8_t seed[34]);

/* FIPS 204 Algorithm 31: RejBoundedPoly(seed), seed of 66 bytes; coefficients
 * in [-eta, eta]. */
void pqf_mldsa_rej_bounded_poly(pqf_mldsa_poly *a, const uint8_t seed[66]);

/* Row r of FIPS 204 Algorithm 32: ExpandA(rho), A[r][s] for s < l. */
void pqf_mldsa_expand_a_row(pqf_mldsa_polyvecl *row, const uint8_t rho[32], unsigned r);

/* FIPS 204 Algorithm 32: ExpandA(rho), the k x l matrix in NTT form. */
void pqf_mldsa_expand_a(pqf_mldsa_polyvecl a[PQF_MLDSA_K], const uint8_t rho[32]);

/* FIPS 204 Algorithm 33: ExpandS(rho'), rho' of 64 bytes. */
void pqf_mldsa_expand_s(pqf_mldsa_polyvecl *s1, pqf_mldsa_polyveck *s2,
                        const uint8_t rhoprime[64]);

/* FIPS 204 Algorithm 34: ExpandMask(rho'', mu), rho'' of 64 bytes, mu = kappa. */
void pqf_mldsa_expand_mask(pqf_mldsa_polyvecl *y, const uint8_t rhopp[64], unsigned kappa);

#endif

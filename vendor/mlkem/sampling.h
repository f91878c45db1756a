/*
 * FIPS 203 section 4.2.2: sampling. Algorithm 7 (SampleNTT, uniform in T_q from
 * SHAKE128) and Algorithm 8 (SamplePolyCBD_eta, centered binomial), the latter
 * fed by PRF_eta(s, N) = SHAKE256(s || N, 64 eta) (section 4.1, eq. 4.3).
 */
#ifndef PQF_MLKEM_SAMPLING_H
#define PQF_MLKEM_SAMPLING_H

#include <stdint.h>

#include "params.h"
#include "poly.h"

#define pqf_mlkem_sample_ntt PQF_MLKEM_NS(sample_ntt)
#define pqf_mlkem_sample_cbd_prf PQF_MLKEM_NS(sample_cbd_prf)
#define pqf_mlkem_add_cbd_prf PQF_MLKEM_NS(add_cbd_prf)

/*
 * SampleNTT(rho || b0 || b1): a polynomial of T_q with coefficients in [0, q).
 * The rejection loop depends only on the public seed rho.
 */
void pqf_mlkem_sample_ntt(pqf_mlkem_poly *a, const uint8_t rho[PQF_MLKEM_SYM_BYTES],
                          uint8_t b0, uint8_t b1);

/*
 * SamplePolyCBD_eta(PRF_eta(s, n)) for eta in {2, 3}: coefficients in [-eta, eta].
 * Constant time; the PRF output is wiped.
 */
void pqf_mlkem_sample_cbd_prf(pqf_mlkem_poly *r, const uint8_t s[PQF_MLKEM_SYM_BYTES],
                              uint8_t n, unsigned eta);

/* r += SamplePolyCBD_eta(PRF_eta(s, n)): the same sample, added to r (for the
 * error terms of K-PKE.Encrypt, which need no buffer of their own). */
void pqf_mlkem_add_cbd_prf(pqf_mlkem_poly *r, const uint8_t s[PQF_MLKEM_SYM_BYTES],
                           uint8_t n, unsigned eta);

#endif

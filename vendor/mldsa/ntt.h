/*
 * Number-theoretic transform over Z_q[X]/(X^256 + 1) (FIPS 204 section 7.5),
 * with Montgomery multiplication (R = 2^32) and signed int32 coefficients.
 */
#ifndef PQF_MLDSA_NTT_H
#define PQF_MLDSA_NTT_H

#include "params.h"

#define pqf_mldsa_ntt PQF_MLDSA_NS(ntt)
#define pqf_mldsa_invntt PQF_MLDSA_NS(invntt)
#define pqf_mldsa_ntt_pointwise PQF_MLDSA_NS(ntt_pointwise)

/* FIPS 204 Algorithm 41: NTT. Input |a_i| < q; output |a_i| < 9q. */
void pqf_mldsa_ntt(int32_t a[PQF_MLDSA_N]);

/* FIPS 204 Algorithm 42: NTT^-1, for inputs carrying the factor R^-1 left by
 * pqf_mldsa_ntt_pointwise (the final scaling removes it). Input |a_i| < q;
 * output |a_i| < q. */
void pqf_mldsa_invntt(int32_t a[PQF_MLDSA_N]);

/* FIPS 204 Algorithm 45: MultiplyNTT, c_i = a_i b_i R^-1; for |a_i b_i| < 2^31 q
 * (e.g. both below 9q) the result is below q. c may alias a or b. */
void pqf_mldsa_ntt_pointwise(int32_t c[PQF_MLDSA_N], const int32_t a[PQF_MLDSA_N],
                             const int32_t b[PQF_MLDSA_N]);

#endif

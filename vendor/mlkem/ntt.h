/*
 * The number-theoretic transform of FIPS 203 section 4.3: Algorithms 9 (NTT),
 * 10 (NTT^-1), 11 (MultiplyNTTs) and 12 (BaseCaseMultiply).
 */
#ifndef PQF_MLKEM_NTT_H
#define PQF_MLKEM_NTT_H

#include <stdint.h>

#include "params.h"

#define pqf_mlkem_ntt PQF_MLKEM_NS(ntt)
#define pqf_mlkem_ntt_inverse PQF_MLKEM_NS(ntt_inverse)
#define pqf_mlkem_multiply_ntts_acc PQF_MLKEM_NS(multiply_ntts_acc)
#define pqf_mlkem_acc_reduce PQF_MLKEM_NS(acc_reduce)

/*
 * Forward NTT in place. Input |f[i]| <= q; output |f_hat[i]| < 8q (not reduced).
 */
void pqf_mlkem_ntt(int16_t f[PQF_MLKEM_N]);

/*
 * Inverse NTT in place, also multiplying by 2^16 (mod q). Input |f_hat[i]| < q;
 * output |f[i]| < q. Applied to a Montgomery-reduced product (which carries a
 * factor 2^-16), it returns the plain product.
 */
void pqf_mlkem_ntt_inverse(int16_t f[PQF_MLKEM_N]);

/*
 * acc += f_hat x g_hat (MultiplyNTTs) with the final Montgomery reduction left
 * out, so that a sum of products is reduced once: acc holds 32-bit values
 * congruent to the product. Inputs |f|, |g| < q; a sum of up to 4 products (the
 * most ML-KEM accumulates) stays below q * 2^15 in absolute value. When first is
 * nonzero acc is overwritten instead of added to.
 */
void pqf_mlkem_multiply_ntts_acc(int32_t acc[PQF_MLKEM_N], const int16_t f[PQF_MLKEM_N],
                                 const int16_t g[PQF_MLKEM_N], int first);

/* r = acc * 2^-16 mod q, |r| < q (the deferred Montgomery reduction). */
void pqf_mlkem_acc_reduce(int16_t r[PQF_MLKEM_N], const int32_t acc[PQF_MLKEM_N]);

#endif

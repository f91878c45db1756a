/*
 * Falcon: internal interfaces between the layers of this directory. Every
 * non-static symbol is namespaced per parameter set with PQF_FALCON_NS.
 */
#ifndef PQF_FALCON_INTERNAL_H
#define PQF_FALCON_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "fips202.h"
#include "params.h"

/* ---- ntt.c: arithmetic modulo q = 12289 and the NTT over Z_q[x]/(x^n+1) ---- */
#define pqf_falcon_mq_ntt PQF_FALCON_NS(mq_ntt)
#define pqf_falcon_mq_intt PQF_FALCON_NS(mq_intt)
#define pqf_falcon_mq_mul PQF_FALCON_NS(mq_mul)
#define pqf_falcon_mq_inv PQF_FALCON_NS(mq_inv)
#define pqf_falcon_mq_div_poly PQF_FALCON_NS(mq_div_poly)
#define pqf_falcon_mq_from_small PQF_FALCON_NS(mq_from_small)
/* a*b mod q for a, b in [0, q) */
uint32_t pqf_falcon_mq_mul(uint32_t a, uint32_t b);
/* a^(q-2) mod q (0 for a = 0) */
uint32_t pqf_falcon_mq_inv(uint32_t a);
/* in-place forward / inverse NTT of n = 2^logn values in [0, q) */
void pqf_falcon_mq_ntt(uint16_t *a, unsigned logn);
void pqf_falcon_mq_intt(uint16_t *a, unsigned logn);
/* small signed coefficients (|x| < q) to [0, q) */
void pqf_falcon_mq_from_small(uint16_t *d, const int8_t *s, unsigned logn);
/* num <- num / den in Z_q[x]/(x^n+1) (both in coefficient form, den is
 * clobbered). Returns all-ones when den is invertible, else 0; constant time. */
uint32_t pqf_falcon_mq_div_poly(uint16_t *num, uint16_t *den, unsigned logn);

/* ---- codec.c: encodings of section 3.11 ---- */
#define pqf_falcon_q14_pack PQF_FALCON_NS(q14_pack)
#define pqf_falcon_q14_unpack PQF_FALCON_NS(q14_unpack)
#define pqf_falcon_small_pack PQF_FALCON_NS(small_pack)
#define pqf_falcon_small_unpack PQF_FALCON_NS(small_unpack)
#define pqf_falcon_compress PQF_FALCON_NS(compress)
#define pqf_falcon_decompress PQF_FALCON_NS(decompress)
#define pqf_falcon_decode_sk PQF_FALCON_NS(decode_sk)
size_t pqf_falcon_q14_pack(uint8_t *out, const uint16_t *x, unsigned logn);
/* returns the bytes read, or 0 if a coefficient is >= q */
size_t pqf_falcon_q14_unpack(uint16_t *x, const uint8_t *in, unsigned logn);
size_t pqf_falcon_small_pack(uint8_t *out, const int8_t *x, unsigned logn,
                             unsigned bits);
/* returns the bytes read, or 0 if a value is -2^(bits-1); constant time */
size_t pqf_falcon_small_unpack(int8_t *x, const uint8_t *in, unsigned logn,
                               unsigned bits);
/* returns the bytes written, or 0 when it does not fit in maxlen or a value is
 * outside [-2047, 2047] */
size_t pqf_falcon_compress(uint8_t *out, size_t maxlen, const int16_t *x,
                           unsigned logn);
/* returns the bytes read, or 0 when the input is not a canonical encoding */
size_t pqf_falcon_decompress(int16_t *x, const uint8_t *in, size_t maxlen,
                             unsigned logn);
/* private key to f, g, F; PQF_OK or PQF_ERR_INVALID_KEY */
int pqf_falcon_decode_sk(int8_t *f, int8_t *g, int8_t *F, const uint8_t *sk);

/* ---- fft.c: real polynomials modulo x^n+1, evaluated at the roots ---- */
#define pqf_falcon_fft PQF_FALCON_NS(fft)
#define pqf_falcon_ifft PQF_FALCON_NS(ifft)
#define pqf_falcon_fft_split PQF_FALCON_NS(fft_split)
#define pqf_falcon_fft_merge PQF_FALCON_NS(fft_merge)
#define pqf_falcon_fft_add PQF_FALCON_NS(fft_add)
#define pqf_falcon_fft_sub PQF_FALCON_NS(fft_sub)
#define pqf_falcon_fft_neg PQF_FALCON_NS(fft_neg)
#define pqf_falcon_fft_adj PQF_FALCON_NS(fft_adj)
#define pqf_falcon_fft_mul PQF_FALCON_NS(fft_mul)
#define pqf_falcon_fft_mul_adjoint PQF_FALCON_NS(fft_mul_adjoint)
#define pqf_falcon_fft_sqmod PQF_FALCON_NS(fft_sqmod)
#define pqf_falcon_fft_scale PQF_FALCON_NS(fft_scale)
#define pqf_falcon_fft_div PQF_FALCON_NS(fft_div)
#define pqf_falcon_fft_ldl PQF_FALCON_NS(fft_ldl)
#define pqf_falcon_round_i64 PQF_FALCON_NS(round_i64)
#define pqf_falcon_floor_i64 PQF_FALCON_NS(floor_i64)
/*
 * Layout: with n = 2^logn, a polynomial with real coefficients is stored as
 * n doubles. The roots of x^n+1 come in conjugate pairs, so its values at the
 * n/2 roots with positive imaginary part determine it; the array holds the
 * real parts of those n/2 values first, their imaginary parts after. For
 * logn = 0 the array is the single coefficient. Every operation below except
 * fft/ifft/split/merge acts slot by slot on these values (SPEC-NOTES.md 4 fixes
 * the order of the binary64 operations in each).
 */
void pqf_falcon_fft(double *f, unsigned logn);
void pqf_falcon_ifft(double *f, unsigned logn);
/* Even/odd decomposition f(x) = f0(x^2) + x*f1(x^2), in FFT form on both
 * sides; f0 and f1 are n/2 doubles each. merge is the inverse. */
void pqf_falcon_fft_split(double *f0, double *f1, const double *f, unsigned logn);
void pqf_falcon_fft_merge(double *f, const double *f0, const double *f1, unsigned logn);
/* a <- a + b, a - b, -a, adj(a) (conjugate of each value), a * b */
void pqf_falcon_fft_add(double *a, const double *b, unsigned logn);
void pqf_falcon_fft_sub(double *a, const double *b, unsigned logn);
void pqf_falcon_fft_neg(double *a, unsigned logn);
void pqf_falcon_fft_adj(double *a, unsigned logn);
void pqf_falcon_fft_mul(double *a, const double *b, unsigned logn);
/* a <- a times the conjugate of b, value by value */
void pqf_falcon_fft_mul_adjoint(double *a, const double *b, unsigned logn);
/* a <- |a|^2 value by value: a real result, imaginary halves set to 0 */
void pqf_falcon_fft_sqmod(double *a, unsigned logn);
/* every stored double times the real constant c */
void pqf_falcon_fft_scale(double *a, double c, unsigned logn);
/* a <- a / b value by value (b nonzero at every root) */
void pqf_falcon_fft_div(double *a, const double *b, unsigned logn);
/* Factorises the Hermitian 2x2 matrix G = [[g00, g01], [adj(g01), g11]] as
 * L D L* with L unit lower triangular, D diagonal: writes the lower entry of
 * L, adj(g01)/g00, to l10 and the second pivot, g11 - |g01|^2/g00, to d11
 * (the first pivot is g00). l10 and d11 are n doubles each, apart from the
 * inputs; g11 may be the same array as g00. logn >= 1. */
void pqf_falcon_fft_ldl(double *l10, double *d11, const double *g00,
                        const double *g01, const double *g11, unsigned logn);
/* Branch-free conversions of a double to an integer: the nearest integer,
 * halves going to the even one (valid for |x| < 2^52), and the largest
 * integer not above x (valid for |x| < 2^62). */
int64_t pqf_falcon_round_i64(double x);
int64_t pqf_falcon_floor_i64(double x);

/* ---- sampler.c: ChaCha20 PRNG, BaseSampler, BerExp, SamplerZ ---- */
#define pqf_falcon_prng_seed PQF_FALCON_NS(prng_seed)
#define pqf_falcon_samplerz PQF_FALCON_NS(samplerz)
typedef struct {
    uint8_t buf[512];
    uint32_t key[12];
    uint64_t ctr;
    size_t ptr;
} pqf_falcon_prng;
/* seeds the PRNG with the next 56 bytes of an already flipped SHAKE256 */
void pqf_falcon_prng_seed(pqf_falcon_prng *p, pqf_keccak_ctx *src);
/* Algorithm 15 SamplerZ(mu, sigma') with isigma = 1/sigma' */
int pqf_falcon_samplerz(pqf_falcon_prng *p, double mu, double isigma,
                        double sigma_min);

/* ---- fft_avx2.c, sampler_avx2.c: the x86-64 AVX2 backend ----
 * fft.c and sampler.c call these when pqf_cpu_features() reports AVX2 (and
 * the size is large enough to fill a vector), and run their own C otherwise;
 * the portable C is the reference. Each gives exactly the portable outputs:
 * every lane performs the same IEEE-754 binary64 operations (add, sub, mul,
 * div; never a fused multiply-add) on the same operands in the same order,
 * only several slots at once, and the generator computes the same ChaCha20
 * words. roots is fft.c's table of evaluation points. Defined only on x86-64
 * with GCC or Clang (PQF_FALCON_HAVE_AVX2); elsewhere the dispatch compiles
 * away. Size limits: fft/ifft logn >= 5, split/merge logn >= 4, the slot-wise
 * complex operations logn >= 3, the coefficient-wise ones logn >= 2. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PQF_FALCON_HAVE_AVX2 1
#define pqf_falcon_fft_avx2 PQF_FALCON_NS(fft_avx2)
#define pqf_falcon_ifft_avx2 PQF_FALCON_NS(ifft_avx2)
#define pqf_falcon_fft_split_avx2 PQF_FALCON_NS(fft_split_avx2)
#define pqf_falcon_fft_merge_avx2 PQF_FALCON_NS(fft_merge_avx2)
#define pqf_falcon_fft_add_avx2 PQF_FALCON_NS(fft_add_avx2)
#define pqf_falcon_fft_sub_avx2 PQF_FALCON_NS(fft_sub_avx2)
#define pqf_falcon_fft_neg_avx2 PQF_FALCON_NS(fft_neg_avx2)
#define pqf_falcon_fft_scale_avx2 PQF_FALCON_NS(fft_scale_avx2)
#define pqf_falcon_fft_mul_avx2 PQF_FALCON_NS(fft_mul_avx2)
#define pqf_falcon_fft_mul_adjoint_avx2 PQF_FALCON_NS(fft_mul_adjoint_avx2)
#define pqf_falcon_fft_sqmod_avx2 PQF_FALCON_NS(fft_sqmod_avx2)
#define pqf_falcon_fft_div_avx2 PQF_FALCON_NS(fft_div_avx2)
#define pqf_falcon_fft_ldl_avx2 PQF_FALCON_NS(fft_ldl_avx2)
#define pqf_falcon_prng_refill_avx2 PQF_FALCON_NS(prng_refill_avx2)
void pqf_falcon_fft_avx2(double *f, unsigned logn, const double (*roots)[2]);
void pqf_falcon_ifft_avx2(double *f, unsigned logn, const double (*roots)[2]);
void pqf_falcon_fft_split_avx2(double *f0, double *f1, const double *f, unsigned logn,
                               const double (*roots)[2]);
void pqf_falcon_fft_merge_avx2(double *f, const double *f0, const double *f1,
                               unsigned logn, const double (*roots)[2]);
void pqf_falcon_fft_add_avx2(double *a, const double *b, unsigned logn);
void pqf_falcon_fft_sub_avx2(double *a, const double *b, unsigned logn);
void pqf_falcon_fft_neg_avx2(double *a, unsigned logn);
void pqf_falcon_fft_scale_avx2(double *a, double c, unsigned logn);
void pqf_falcon_fft_mul_avx2(double *a, const double *b, unsigned logn);
void pqf_falcon_fft_mul_adjoint_avx2(double *a, const double *b, unsigned logn);
void pqf_falcon_fft_sqmod_avx2(double *a, unsigned logn);
void pqf_falcon_fft_div_avx2(double *a, const double *b, unsigned logn);
void pqf_falcon_fft_ldl_avx2(double *l10, double *d11, const double *g00,
                             const double *g01, const double *g11, unsigned logn);
/* the next eight ChaCha20 blocks into p->buf, as sampler.c's pool_refill */
void pqf_falcon_prng_refill_avx2(pqf_falcon_prng *p);
/* ntru_avx2.c: ntru.c's one-limb Babai update columns, for u < m the sum
 * over i of f_i k_(u - i) (negacyclic, x^m = -1) with f_i in sign-magnitude
 * (|f_i| < 2^31) and |k_j| <= 2^30: col[u] the sum of the low halves of the
 * products, col[m + u] that of their signed high halves (2m words). */
#define pqf_falcon_babai_cols_avx2 PQF_FALCON_NS(babai_cols_avx2)
void pqf_falcon_babai_cols_avx2(uint64_t *col, const uint32_t *f, const int32_t *kw, size_t m);
/* ntru_avx2.c: four columns of products with one-limb factors b (as
 * ntru.c's col_mac gives them, 2 La words per column): for i < count, a_i
 * (La sign-magnitude limbs, 1 <= La <= PQF_FALCON_COLS4_LMAX, at
 * a + i stride) times |b| at x = x0 - step i + q, q < 4, signed by a_i's sign
 * xor the mask bsgn[x]; col: 8 La words */
#define PQF_FALCON_COLS4_LMAX 48
#define pqf_falcon_cols4_avx2 PQF_FALCON_NS(cols4_avx2)
void pqf_falcon_cols4_avx2(uint64_t *col, const uint32_t *a, size_t La, size_t stride,
                           size_t count, size_t step, const uint32_t *babs, const uint32_t *bsgn,
                           size_t x0);
/* ntru_avx2.c: acc (n int32) = f G - g F modulo x^n + 1, for f, g in
 * [-127, 127], F, G in [-128, 127], n >= 16 */
#define pqf_falcon_ntru_check_avx2 PQF_FALCON_NS(ntru_check_avx2)
void pqf_falcon_ntru_check_avx2(int32_t *acc, const int8_t *f, const int8_t *g, const int8_t *F,
                                const int8_t *G, size_t n);
#endif

/* ---- ntru.c: NTRUSolve ---- */
#define pqf_falcon_ntru_solve PQF_FALCON_NS(ntru_solve)
#define PQF_FALCON_NTRU_TMP_BYTES PQF_FALCON_NS(ntru_tmp_bytes)
/* Finds F, G with f*G - g*F = q, reduced (Babai) and with coefficients in
 * [-127, 127]. Returns 1 on success, 0 when (f, g) must be rejected. */
/* workspace needed by pqf_falcon_ntru_solve, in bytes */
size_t PQF_FALCON_NTRU_TMP_BYTES(void);
int pqf_falcon_ntru_solve(int8_t *F, int8_t *G, const int8_t *f, const int8_t *g,
                          unsigned logn, uint8_t *tmp, size_t tmplen);

/* ---- verify.c ---- */
#define pqf_falcon_hash_to_point PQF_FALCON_NS(hash_to_point)
/* Algorithm 3 HashToPoint(nonce || msg) */
void pqf_falcon_hash_to_point(uint16_t *c, const uint8_t *nonce, const uint8_t *msg,
                              size_t msglen, unsigned logn);

#endif

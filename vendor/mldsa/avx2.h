/*
 * The x86-64 AVX2 backend of ML-DSA: vector versions of the layer functions.
 *
 * The portable files (ntt.c, poly.c, sampling.c, packing.c) call these when
 * pqf_cpu_features() reports AVX2 and fall through to their own C otherwise;
 * the portable C is the reference. Every function here gives exactly the
 * outputs of its portable counterpart: the arithmetic follows the same
 * formulas (the same Montgomery reduction, the same butterflies in a
 * different schedule), so even intermediate representatives agree, and the
 * samplers consume the same SHAKE streams in the same order.
 *
 * The definitions live in *_avx2.c files, compiled with -mavx2 -mbmi2
 * -mpopcnt (build.rs) and only on x86-64 with GCC or Clang
 * (PQF_MLDSA_HAVE_AVX2); elsewhere the dispatch compiles away.
 */
#ifndef PQF_MLDSA_AVX2_H
#define PQF_MLDSA_AVX2_H

#include "cpu.h"
#include "params.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PQF_MLDSA_HAVE_AVX2 1
/* Whether the dispatchers take the vector path now (backend cap included). */
#define PQF_MLDSA_USE_AVX2() ((pqf_cpu_features() & PQF_CPU_AVX2) != 0)
/* At the top of a portable function: run the statements (a call to the vector
 * version and a return) instead of the portable body when AVX2 is in use. */
#define PQF_MLDSA_TRY_AVX2(...)                                                 \
    do {                                                                        \
        if (PQF_MLDSA_USE_AVX2()) {                                             \
            __VA_ARGS__;                                                        \
        }                                                                       \
    } while (0)
#else
#define PQF_MLDSA_TRY_AVX2(...) ((void)0)
#endif

#define pqf_mldsa_ntt_avx2 PQF_MLDSA_NS(ntt_avx2)
#define pqf_mldsa_invntt_avx2 PQF_MLDSA_NS(invntt_avx2)
#define pqf_mldsa_pointwise_avx2 PQF_MLDSA_NS(pointwise_avx2)
#define pqf_mldsa_pointwise_acc_avx2 PQF_MLDSA_NS(pointwise_acc_avx2)
#define pqf_mldsa_add_avx2 PQF_MLDSA_NS(add_avx2)
#define pqf_mldsa_sub_avx2 PQF_MLDSA_NS(sub_avx2)
#define pqf_mldsa_neg_avx2 PQF_MLDSA_NS(neg_avx2)
#define pqf_mldsa_shiftl_avx2 PQF_MLDSA_NS(shiftl_avx2)
#define pqf_mldsa_reduce32_avx2 PQF_MLDSA_NS(reduce32_avx2)
#define pqf_mldsa_caddq_avx2 PQF_MLDSA_NS(caddq_avx2)
#define pqf_mldsa_freeze_avx2 PQF_MLDSA_NS(freeze_avx2)
#define pqf_mldsa_center_avx2 PQF_MLDSA_NS(center_avx2)
#define pqf_mldsa_chknorm_avx2 PQF_MLDSA_NS(chknorm_avx2)
#define pqf_mldsa_power2round_avx2 PQF_MLDSA_NS(power2round_avx2)
#define pqf_mldsa_decompose_avx2 PQF_MLDSA_NS(decompose_avx2)
#define pqf_mldsa_make_hint_avx2 PQF_MLDSA_NS(make_hint_avx2)
#define pqf_mldsa_use_hint_avx2 PQF_MLDSA_NS(use_hint_avx2)
#define pqf_mldsa_rej_ntt_poly_avx2 PQF_MLDSA_NS(rej_ntt_poly_avx2)
#define pqf_mldsa_expand_a_avx2 PQF_MLDSA_NS(expand_a_avx2)
#define pqf_mldsa_expand_a_row_avx2 PQF_MLDSA_NS(expand_a_row_avx2)
#define pqf_mldsa_expand_s_avx2 PQF_MLDSA_NS(expand_s_avx2)
#define pqf_mldsa_expand_mask_avx2 PQF_MLDSA_NS(expand_mask_avx2)
#define pqf_mldsa_pack_avx2 PQF_MLDSA_NS(pack_avx2)
#define pqf_mldsa_unpack_avx2 PQF_MLDSA_NS(unpack_avx2)

/* ntt_avx2.c: FIPS 204 Algorithms 41, 42 and 45 (as ntt.h), and one row of a
 * matrix-vector product (as pqf_mldsa_polyvecl_pointwise_acc). */
void pqf_mldsa_ntt_avx2(int32_t a[PQF_MLDSA_N]);
void pqf_mldsa_invntt_avx2(int32_t a[PQF_MLDSA_N]);
void pqf_mldsa_pointwise_avx2(int32_t c[PQF_MLDSA_N], const int32_t a[PQF_MLDSA_N],
                              const int32_t b[PQF_MLDSA_N]);
void pqf_mldsa_pointwise_acc_avx2(pqf_mldsa_poly *w, const pqf_mldsa_polyvecl *u,
                                  const pqf_mldsa_polyvecl *v);

/* poly_avx2.c: coefficient-wise arithmetic and FIPS 204 section 7.4 rounding
 * on one polynomial (as poly.h). decompose_avx2 writes a1 and/or a0 (either
 * may be NULL); make_hint_avx2 returns the number of ones. */
void pqf_mldsa_add_avx2(int32_t *c, const int32_t *a, const int32_t *b);
void pqf_mldsa_sub_avx2(int32_t *c, const int32_t *a, const int32_t *b);
void pqf_mldsa_neg_avx2(int32_t *a);
void pqf_mldsa_shiftl_avx2(int32_t *a);
void pqf_mldsa_reduce32_avx2(int32_t *a);
void pqf_mldsa_caddq_avx2(int32_t *a);
void pqf_mldsa_freeze_avx2(int32_t *a);
void pqf_mldsa_center_avx2(int32_t *a);
uint32_t pqf_mldsa_chknorm_avx2(const int32_t *a, int32_t bound);
void pqf_mldsa_power2round_avx2(int32_t *a1, int32_t *a0, const int32_t *a);
void pqf_mldsa_decompose_avx2(int32_t *a1, int32_t *a0, const int32_t *a);
unsigned pqf_mldsa_make_hint_avx2(int32_t *h, const int32_t *z, const int32_t *r);
void pqf_mldsa_use_hint_avx2(int32_t *w1, const int32_t *h, const int32_t *r);

/* sampling_avx2.c: FIPS 204 Algorithms 30 to 34 (as sampling.h), with four
 * SHAKE streams at once (fips202x4.h). */
void pqf_mldsa_rej_ntt_poly_avx2(pqf_mldsa_poly *a, const uint8_t seed[34]);
void pqf_mldsa_expand_a_avx2(pqf_mldsa_polyvecl a[PQF_MLDSA_K], const uint8_t rho[32]);
void pqf_mldsa_expand_a_row_avx2(pqf_mldsa_polyvecl *row, const uint8_t rho[32], unsigned r);
void pqf_mldsa_expand_s_avx2(pqf_mldsa_polyvecl *s1, pqf_mldsa_polyveck *s2,
                             const uint8_t rhoprime[64]);
void pqf_mldsa_expand_mask_avx2(pqf_mldsa_polyvecl *y, const uint8_t rhopp[64],
                                unsigned kappa);

/* packing_avx2.c: FIPS 204 Algorithms 16 to 19 on 256 coefficients, as
 * packing.c's pack_coeffs / unpack_coeffs: v_i = a_i (sub = 0) or b - a_i
 * (sub = 1) in 'bits' bits each. Return 0 when done, -1 for a width without a
 * vector version (the caller then runs its own loop). */
int pqf_mldsa_pack_avx2(uint8_t *out, const int32_t *a, unsigned bits, int32_t b, int sub);
int pqf_mldsa_unpack_avx2(int32_t *a, const uint8_t *in, unsigned bits, int32_t b, int sub);

#endif

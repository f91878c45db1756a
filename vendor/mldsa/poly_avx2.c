/*
 * Coefficient-wise arithmetic and the rounding functions of FIPS 204 section
 * 7.4 with AVX2 (avx2.h), eight coefficients per vector. Each loop computes
 * the portable formula of reduce.h / poly.c lane by lane, without branches or
 * data-dependent indices.
 */
#include "avx2.h"

#ifdef PQF_MLDSA_HAVE_AVX2

#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -mpopcnt (build.rs TARGET_FLAGS)"
#endif

#include <immintrin.h>

#include "ct.h"
#include "tables_avx2.h"

#define LOAD(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define STORE(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))

void pqf_mldsa_add_avx2(int32_t *c, const int32_t *a, const int32_t *b) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        STORE(c + i, _mm256_add_epi32(LOAD(a + i), LOAD(b + i)));
    }
}

void pqf_mldsa_sub_avx2(int32_t *c, const int32_t *a, const int32_t *b) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        STORE(c + i, _mm256_sub_epi32(LOAD(a + i), LOAD(b + i)));
    }
}

void pqf_mldsa_neg_avx2(int32_t *a) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        STORE(a + i, _mm256_sub_epi32(_mm256_setzero_si256(), LOAD(a + i)));
    }
}

void pqf_mldsa_shiftl_avx2(int32_t *a) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        STORE(a + i, _mm256_slli_epi32(LOAD(a + i), PQF_MLDSA_D));
    }
}

/* reduce.h: t = (a + 2^22) >> 23 (arithmetic), a - t q. */
static inline __m256i reduce32(__m256i a) {
    __m256i t = _mm256_srai_epi32(_mm256_add_epi32(a, _mm256_set1_epi32(1 << 22)), 23);
    return _mm256_sub_epi32(a, _mm256_mullo_epi32(t, _mm256_set1_epi32(PQF_MLDSA_AVX2_Q)));
}

/* a + q where a < 0. */
static inline __m256i caddq(__m256i a) {
    __m256i neg = _mm256_srai_epi32(a, 31);
    return _mm256_add_epi32(a, _mm256_and_si256(neg, _mm256_set1_epi32(PQF_MLDSA_AVX2_Q)));
}

/* From [0, q) to mod+- q: subtract q where a > (q - 1) / 2. */
static inline __m256i center(__m256i a) {
    __m256i big = _mm256_cmpgt_epi32(a, _mm256_set1_epi32((PQF_MLDSA_AVX2_Q - 1) / 2));
    return _mm256_sub_epi32(a, _mm256_and_si256(big, _mm256_set1_epi32(PQF_MLDSA_AVX2_Q)));
}

void pqf_mldsa_reduce32_avx2(int32_t *a) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        STORE(a + i, reduce32(LOAD(a + i)));
    }
}

void pqf_mldsa_caddq_avx2(int32_t *a) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        STORE(a + i, caddq(LOAD(a + i)));
    }
}

void pqf_mldsa_freeze_avx2(int32_t *a) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        STORE(a + i, caddq(reduce32(LOAD(a + i))));
    }
}

void pqf_mldsa_center_avx2(int32_t *a) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        STORE(a + i, center(caddq(LOAD(a + i))));
    }
}

/* All-ones when some |a_i| >= bound: every coefficient is compared and the
 * comparisons ORed; only the OR of all 256 is looked at. */
uint32_t pqf_mldsa_chknorm_avx2(const int32_t *a, int32_t bound) {
    const __m256i lim = _mm256_set1_epi32(bound - 1);
    __m256i bad = _mm256_setzero_si256();
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        bad = _mm256_or_si256(bad, _mm256_cmpgt_epi32(_mm256_abs_epi32(LOAD(a + i)), lim));
    }
    /* testz is 1 when bad is all zero: the mask is 0 - (1 - testz). */
    return pqf_value_barrier_u32((uint32_t)_mm256_testz_si256(bad, bad) - 1u);
}

/* FIPS 204 Algorithm 35: Power2Round. */
void pqf_mldsa_power2round_avx2(int32_t *a1, int32_t *a0, const int32_t *a) {
    const __m256i half = _mm256_set1_epi32((1 << (PQF_MLDSA_D - 1)) - 1);
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        __m256i r = LOAD(a + i);
        __m256i r1 = _mm256_srai_epi32(_mm256_add_epi32(r, half), PQF_MLDSA_D);
        STORE(a0 + i, _mm256_sub_epi32(r, _mm256_slli_epi32(r1, PQF_MLDSA_D)));
        STORE(a1 + i, r1);
    }
}

/*
 * FIPS 204 Algorithm 36: Decompose of eight r in [0, q), as poly.c: r1 =
 * floor((r + gamma2 - 1) / (2 gamma2)) by multiply and shift, the wrap
 * r - r0 = q - 1 giving r1 = 0 and r0 - 1. The factors (x >> PRE, MUL, r1 and
 * ODD; tables_avx2.h) are below 2^16 in the low half of each 32-bit lane, the
 * upper half zero, so 16-bit multiplies give the exact products: the upper
 * 16 bits of (x >> PRE) MUL, and r1 ODD, with 2 gamma2 = ODD << PRE.
 */
static inline __m256i decompose(__m256i *r0, __m256i r) {
    const __m256i g = _mm256_set1_epi32(PQF_MLDSA_GAMMA2 - 1);
    __m256i x = _mm256_srli_epi32(_mm256_add_epi32(r, g), PQF_MLDSA_AVX2_DEC_PRE);
    __m256i r1 = _mm256_mulhi_epu16(x, _mm256_set1_epi32(PQF_MLDSA_AVX2_DEC_MUL));
    __m256i wrap, m;
    r1 = _mm256_srli_epi32(r1, PQF_MLDSA_AVX2_DEC_POST - 16);
    m = _mm256_mullo_epi16(r1, _mm256_set1_epi32(PQF_MLDSA_AVX2_DEC_ODD));
    *r0 = _mm256_sub_epi32(r, _mm256_slli_epi32(m, PQF_MLDSA_AVX2_DEC_PRE));
    wrap = _mm256_cmpgt_epi32(r1, _mm256_set1_epi32(PQF_MLDSA_W1_COUNT - 1));
    *r0 = _mm256_add_epi32(*r0, wrap); /* wrap is -1 or 0 */
    return _mm256_andnot_si256(wrap, r1);
}

/* Decompose / HighBits / LowBits: a1 and a0 each optional; may alias a. */
void pqf_mldsa_decompose_avx2(int32_t *a1, int32_t *a0, const int32_t *a) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        __m256i r0, r1 = decompose(&r0, LOAD(a + i));
        if (a1 != NULL) {
            STORE(a1 + i, r1);
        }
        if (a0 != NULL) {
            STORE(a0 + i, r0);
        }
    }
}

/* FIPS 204 Algorithm 39: MakeHint, h_i = [HighBits(r_i) != HighBits(r_i + z_i)]
 * with the sum frozen to [0, q) first; returns the number of ones. */
unsigned pqf_mldsa_make_hint_avx2(int32_t *h, const int32_t *z, const int32_t *r) {
    const __m256i one = _mm256_set1_epi32(1);
    __m256i count = _mm256_setzero_si256();
    __m128i c;
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        __m256i lo, x = LOAD(r + i);
        __m256i r1 = decompose(&lo, x);
        __m256i v1 = decompose(&lo, caddq(reduce32(_mm256_add_epi32(x, LOAD(z + i)))));
        __m256i bit = _mm256_andnot_si256(_mm256_cmpeq_epi32(r1, v1), one);
        STORE(h + i, bit);
        count = _mm256_add_epi32(count, bit);
    }
    c = _mm_add_epi32(_mm256_castsi256_si128(count), _mm256_extracti128_si256(count, 1));
    c = _mm_add_epi32(c, _mm_shuffle_epi32(c, 0x4E));
    c = _mm_add_epi32(c, _mm_shuffle_epi32(c, 0xB1));
    return (unsigned)_mm_cvtsi128_si32(c);
}

/* FIPS 204 Algorithm 40: UseHint (public inputs; branch-free anyway). */
void pqf_mldsa_use_hint_avx2(int32_t *w1, const int32_t *h, const int32_t *r) {
    const __m256i zero = _mm256_setzero_si256();
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        __m256i r0, r1 = decompose(&r0, LOAD(r + i));
        /* +1 where r0 > 0, -1 otherwise, kept where the hint is set. */
        __m256i pos = _mm256_cmpgt_epi32(r0, zero);
        __m256i step = _mm256_sub_epi32(_mm256_and_si256(pos, _mm256_set1_epi32(2)),
                                        _mm256_set1_epi32(1));
        __m256i set = _mm256_sub_epi32(zero, LOAD(h + i));
        __m256i t = _mm256_add_epi32(r1, _mm256_and_si256(set, step));
#if PQF_MLDSA_W1_COUNT == 16
        t = _mm256_and_si256(t, _mm256_set1_epi32(15));
#else
        {
            const __m256i m = _mm256_set1_epi32(PQF_MLDSA_W1_COUNT);
            __m256i under = _mm256_cmpgt_epi32(zero, t);
            __m256i over = _mm256_cmpgt_epi32(t, _mm256_set1_epi32(PQF_MLDSA_W1_COUNT - 1));
            t = _mm256_add_epi32(t, _mm256_and_si256(under, m));
            t = _mm256_sub_epi32(t, _mm256_and_si256(over, m));
        }
#endif
        STORE(w1 + i, t);
    }
}

#else
typedef int pqf_mldsa_poly_avx2_unused; /* ISO C: no empty translation unit */
#endif

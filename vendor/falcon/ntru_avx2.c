/*
 * NTRUSolve's products with a one-limb factor, with AVX2 (internal.h): the
 * Babai update F -= 2^s (k f mod x^m + 1) and the lift F'(x^2) g(-x), summed
 * into ntru.c's column accumulators four columns at a time.
 *
 * ntru.c keeps a column as two words: the sum of the low 32 bits of the
 * signed 64-bit products (unsigned) and the sum of their high 32 bits
 * (signed), the column's value being low + 2^32 high. Here _mm256_mul_epi32
 * forms four such products at once (|f_i| < 2^31 and |k_j| <= 2^30 fit its
 * signed 32-bit operands, the products its 64-bit lanes), and the two halves
 * go to the two words. Integer sums are exact in any order, so the columns
 * are ntru.c's bit for bit. One-limb f (babai_cols): for f_i, column u takes
 * k_(u - i) when u >= i and -k_(u - i + m) below (x^m = -1), two runs of
 * consecutive k per i, four columns at a time and the last one to three one
 * by one. Several limbs (cols4): four consecutive columns at once, each limb
 * of a_i times four |b| read from a table the caller fills once with |b| and
 * the sign of each term (the wrap and g(-x) folded in), _mm256_mul_epu32 on
 * the magnitudes (|a_i|_t < 2^32, |b| < 2^31). Written for pqfence from the
 * Falcon specification (NTRUSolve) and ntru.c's column representation. Also
 * the final exact check f G - g F = q of NTRUSolve's result, sixteen 16-bit
 * products at a time.
 *
 * No branch and no address depends on f, g, k or F: the loops run over
 * public sizes only, and the stack arrays of sums are wiped.
 */
#include "internal.h"

#ifdef PQF_FALCON_HAVE_AVX2

#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -mpopcnt (build.rs TARGET_FLAGS)"
#endif

#include <immintrin.h>
#include <string.h>

#include "ct.h"

/* The signed high halves of the four 64-bit lanes of p: the high dword moved
 * down, its sign (an arithmetic shift of the dword) above it. */
static inline __m256i high_signed(__m256i p) {
    __m256i hi = _mm256_shuffle_epi32(p, 0xF5); /* dwords 1, 1, 3, 3, ... */
    return _mm256_blend_epi32(hi, _mm256_srai_epi32(hi, 31), 0xAA);
}

/* lo[u] and hi[u] (u < n) += the halves of f k[u]. */
static void cols_run(uint64_t *lo, uint64_t *hi, const int32_t *k, size_t n, int64_t f) {
    const __m256i low32 = _mm256_set1_epi64x(0xFFFFFFFF);
    const __m256i fv = _mm256_set1_epi64x(f);
    size_t u;
    for (u = 0; u + 4 <= n; u += 4) {
        __m256i kv = _mm256_cvtepi32_epi64(_mm_loadu_si128((const __m128i *)(const void *)(k + u)));
        __m256i p = _mm256_mul_epi32(fv, kv);
        __m256i l = _mm256_loadu_si256((const __m256i *)(const void *)(lo + u));
        __m256i h = _mm256_loadu_si256((const __m256i *)(const void *)(hi + u));
        _mm256_storeu_si256((__m256i *)(void *)(lo + u), _mm256_add_epi64(l, _mm256_and_si256(p, low32)));
        _mm256_storeu_si256((__m256i *)(void *)(hi + u), _mm256_add_epi64(h, high_signed(p)));
    }
    for (; u < n; u++) {
        uint64_t v = (uint64_t)(f * (int64_t)k[u]); /* |f k| < 2^61 */
        lo[u] += v & 0xFFFFFFFFu;
        hi[u] += (v >> 32) - ((v >> 63) << 32);
    }
}

void pqf_falcon_babai_cols_avx2(uint64_t *col, const uint32_t *f, const int32_t *kw, size_t m) {
    uint64_t *lo = col, *hi = col + m;
    size_t i;
    memset(col, 0, 2 * m * sizeof *col);
    for (i = 0; i < m; i++) {
        /* f_i in sign-magnitude (bit 31 the sign), |f_i| < 2^31 */
        int64_t s = -(int64_t)(f[i] >> 31);
        int64_t v = ((int64_t)(f[i] & 0x7FFFFFFFu) ^ s) - s;
        cols_run(lo + i, hi + i, kw, m - i, v); /* u >= i: k_(u - i) */
        cols_run(lo, hi, kw + (m - i), i, -v);  /* u < i: -k_(u - i + m) */
    }
}

/* Column words of four consecutive output coefficients for a product with
 * one-limb factors b (ntru.c's col_mac, four columns at a time): for
 * i < count, the La sign-magnitude limbs of a_i (at a + i stride) times
 * |b| at x = x0 - step i .. x0 - step i + 3, each with the sign of a_i xor
 * the mask sgn[x] (b's sign, flipped for the wrap or g(-x)), split into the
 * two words of column t as in cols_run (|a_i|_t |b| < 2^63). Lane q goes to
 * col[q 2 La ..], 2 La words. */
void pqf_falcon_cols4_avx2(uint64_t *col, const uint32_t *a, size_t La, size_t stride,
                           size_t count, size_t step, const uint32_t *babs, const uint32_t *bsgn,
                           size_t x0) {
    const __m256i low32 = _mm256_set1_epi64x(0xFFFFFFFF);
    __m256i lo[PQF_FALCON_COLS4_LMAX], hi[PQF_FALCON_COLS4_LMAX];
    uint64_t w[4];
    size_t i, t, q;
    for (t = 0; t < La; t++) {
        lo[t] = hi[t] = _mm256_setzero_si256();
    }
    for (i = 0; i < count; i++) {
        const uint32_t *ai = a + i * stride;
        size_t x = x0 - step * i;
        __m256i bv = _mm256_cvtepu32_epi64(_mm_loadu_si128((const __m128i *)(const void *)(babs + x)));
        __m256i sv = _mm256_cvtepi32_epi64(_mm_loadu_si128((const __m128i *)(const void *)(bsgn + x)));
        /* the sign bit of a_i, as an all-ones or zero 64-bit mask */
        __m256i mk = _mm256_xor_si256(sv, _mm256_set1_epi64x(-(long long)(ai[La - 1] >> 31)));
        for (t = 0; t < La; t++) {
            uint32_t top = t + 1 < La ? 0xFFFFFFFFu : 0x7FFFFFFFu; /* public */
            __m256i p = _mm256_mul_epu32(_mm256_set1_epi64x((long long)(ai[t] & top)), bv);
            p = _mm256_sub_epi64(_mm256_xor_si256(p, mk), mk);
            lo[t] = _mm256_add_epi64(lo[t], _mm256_and_si256(p, low32));
            hi[t] = _mm256_add_epi64(hi[t], high_signed(p));
        }
    }
    for (t = 0; t < La; t++) {
        _mm256_storeu_si256((__m256i *)(void *)w, lo[t]);
        for (q = 0; q < 4; q++) {
            col[q * 2 * La + 2 * t] = w[q];
        }
        _mm256_storeu_si256((__m256i *)(void *)w, hi[t]);
        for (q = 0; q < 4; q++) {
            col[q * 2 * La + 2 * t + 1] = w[q];
        }
    }
    pqf_wipe(w, sizeof w);
    pqf_wipe(lo, sizeof lo);
    pqf_wipe(hi, sizeof hi);
}

/* acc[u] (int32) += sign * (a b)_u for u in [lo, lo + n), a = f_i * G - g_i * F
 * over b = G[j0 ..], F[j0 ..]: sixteen 16-bit products at a time, widened
 * before they are added (|f_i G_j - g_i F_j| <= 2 * 127 * 128 < 2^15 for
 * f_i, g_i in [-127, 127] and F, G in [-128, 127]), the last up to fifteen
 * one by one. */
static void check_run(int32_t *acc, int16_t fi, int16_t gi, const int8_t *F, const int8_t *G,
                      size_t n, int neg) {
    const __m256i fv = _mm256_set1_epi16(fi), gv = _mm256_set1_epi16(gi);
    size_t j;
    for (j = 0; j + 16 <= n; j += 16) {
        __m256i Gv = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(const void *)(G + j)));
        __m256i Fv = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(const void *)(F + j)));
        __m256i v = _mm256_sub_epi16(_mm256_mullo_epi16(fv, Gv), _mm256_mullo_epi16(gv, Fv));
        __m256i v0 = _mm256_cvtepi16_epi32(_mm256_castsi256_si128(v));
        __m256i v1 = _mm256_cvtepi16_epi32(_mm256_extracti128_si256(v, 1));
        __m256i a0 = _mm256_loadu_si256((const __m256i *)(const void *)(acc + j));
        __m256i a1 = _mm256_loadu_si256((const __m256i *)(const void *)(acc + j + 8));
        if (neg) { /* public: which half of the wrap */
            a0 = _mm256_sub_epi32(a0, v0);
            a1 = _mm256_sub_epi32(a1, v1);
        } else {
            a0 = _mm256_add_epi32(a0, v0);
            a1 = _mm256_add_epi32(a1, v1);
        }
        _mm256_storeu_si256((__m256i *)(void *)(acc + j), a0);
        _mm256_storeu_si256((__m256i *)(void *)(acc + j + 8), a1);
    }
    for (; j < n; j++) {
        int32_t v = (int32_t)fi * G[j] - (int32_t)gi * F[j];
        acc[j] += neg ? -v : v;
    }
}

void pqf_falcon_ntru_check_avx2(int32_t *acc, const int8_t *f, const int8_t *g, const int8_t *F,
                                const int8_t *G, size_t n) {
    size_t i;
    memset(acc, 0, n * sizeof *acc);
    for (i = 0; i < n; i++) {
        check_run(acc + i, f[i], g[i], F, G, n - i, 0); /* i + j < n */
        check_run(acc, f[i], g[i], F + (n - i), G + (n - i), i, 1); /* x^n = -1 */
    }
}

#else
typedef int pqf_falcon_ntru_avx2_unused; /* ISO C: no empty translation unit */
#endif

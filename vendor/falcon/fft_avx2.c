/*
 * Falcon's real-polynomial arithmetic in FFT form (fft.c) with AVX2: four
 * binary64 slots per vector.
 *
 * Exactness. Every output double is computed by the same IEEE-754 operations
 * as in fft.c, on the same operands, in the same order: each lane of
 * _mm256_add_pd, _mm256_sub_pd, _mm256_mul_pd and _mm256_div_pd is one
 * correctly rounded binary64 operation, exactly the scalar one (x + y and
 * y + x being the same value). No fused multiply-add is used: this file is
 * compiled with -mavx2 -mbmi2 -mpopcnt only (build.rs), so the compiler has
 * no FMA instruction to contract into, and the whole build has
 * -ffp-contract=off besides. Negation flips the sign bit, as the scalar
 * negation does. Only the schedule differs from fft.c:
 *
 *   - the butterflies of one level at distance h >= 4 run on four
 *     consecutive slots m at once, with their four roots;
 *   - the two levels at distances 1 and 2, whose pairs lie inside one vector
 *     of four slots, run on four such groups at once after a 4 x 4 transpose,
 *     so that each vector holds one position of four groups (both levels
 *     close within a group of four, so they may be done group by group);
 *   - the bit-reversal permutation is the same permutation, its indices
 *     stepped by a reversed-carry increment instead of recomputed.
 *
 * Nothing branches on or indexes by data: loops and indices depend on logn.
 * Callers: the dispatch at the top of each function of fft.c, which keeps the
 * small sizes (fewer slots than a vector) on the portable code.
 */
#include "internal.h"

#ifdef PQF_FALCON_HAVE_AVX2

#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -mpopcnt (build.rs TARGET_FLAGS)"
#endif
#ifdef __FMA__
#error "fft_avx2.c must be compiled without FMA: contraction changes roundings"
#endif

#include <immintrin.h>

typedef const double (*roots_t)[2];

/* The roots k .. k+3 as (cos, sin) vectors: the table holds the pairs
 * interleaved. */
static inline void roots4(__m256d *wr, __m256d *wi, roots_t roots, size_t k) {
    __m256d a = _mm256_loadu_pd(&roots[k][0]);     /* c0 s0 c1 s1 */
    __m256d b = _mm256_loadu_pd(&roots[k + 2][0]); /* c2 s2 c3 s3 */
    *wr = _mm256_permute4x64_pd(_mm256_unpacklo_pd(a, b), 0xD8);
    *wi = _mm256_permute4x64_pd(_mm256_unpackhi_pd(a, b), 0xD8);
}

/* 4 x 4 transpose: lane j of r[k] <-> lane k of r[j] (an involution). */
static inline void transpose4(__m256d r[4]) {
    __m256d t0 = _mm256_unpacklo_pd(r[0], r[1]);
    __m256d t1 = _mm256_unpackhi_pd(r[0], r[1]);
    __m256d t2 = _mm256_unpacklo_pd(r[2], r[3]);
    __m256d t3 = _mm256_unpackhi_pd(r[2], r[3]);
    r[0] = _mm256_permute2f128_pd(t0, t2, 0x20);
    r[1] = _mm256_permute2f128_pd(t1, t3, 0x20);
    r[2] = _mm256_permute2f128_pd(t0, t2, 0x31);
    r[3] = _mm256_permute2f128_pd(t1, t3, 0x31);
}

/* fft.c's merge butterfly: t = w y, x <- x + t, y <- conj(x - t). */
static inline void fwd_bfly(__m256d *xr, __m256d *xi, __m256d *yr, __m256d *yi, __m256d wr,
                            __m256d wi) {
    __m256d tr = _mm256_sub_pd(_mm256_mul_pd(wr, *yr), _mm256_mul_pd(wi, *yi));
    __m256d ti = _mm256_add_pd(_mm256_mul_pd(wr, *yi), _mm256_mul_pd(wi, *yr));
    __m256d ar = *xr, ai = *xi;
    *xr = _mm256_add_pd(ar, tr);
    *xi = _mm256_add_pd(ai, ti);
    *yr = _mm256_sub_pd(ar, tr);
    *yi = _mm256_sub_pd(ti, ai);
}

/* fft.c's split butterfly: x = (A + conj B) / 2, y = (A - conj B) / 2 conj(w). */
static inline void inv_bfly(__m256d *ar, __m256d *ai, __m256d *br, __m256d *bi, __m256d wr,
                            __m256d wi) {
    const __m256d half = _mm256_set1_pd(0.5);
    __m256d xr = _mm256_mul_pd(_mm256_add_pd(*ar, *br), half);
    __m256d xi = _mm256_mul_pd(_mm256_sub_pd(*ai, *bi), half);
    __m256d tr = _mm256_mul_pd(_mm256_sub_pd(*ar, *br), half);
    __m256d ti = _mm256_mul_pd(_mm256_add_pd(*ai, *bi), half);
    *ar = xr;
    *ai = xi;
    *br = _mm256_add_pd(_mm256_mul_pd(tr, wr), _mm256_mul_pd(ti, wi));
    *bi = _mm256_sub_pd(_mm256_mul_pd(ti, wr), _mm256_mul_pd(tr, wi));
}

/* Bit-reversal permutation of both halves (hn = 2^bits slots each). */
static void bitrev_both(double *f, size_t hn) {
    size_t j, r = 0;
    for (j = 0; j < hn; j++) {
        size_t bit;
        if (r > j) { /* public index test */
            double t = f[j];
            f[j] = f[r];
            f[r] = t;
            t = f[j + hn];
            f[j + hn] = f[r + hn];
            f[r + hn] = t;
        }
        /* r <- bitrev(j + 1): add one from the top bit down */
        for (bit = hn >> 1; bit != 0 && (r & bit) != 0; bit >>= 1) {
            r ^= bit;
        }
        r |= bit;
    }
}

/* Loads four groups of four slots (16 consecutive slots at f + k, real and
 * imaginary parts), transposed so that vector p holds position p of each
 * group; store4 undoes it. */
static inline void load4(__m256d re[4], __m256d im[4], const double *f, size_t k, size_t hn) {
    int p;
    for (p = 0; p < 4; p++) {
        re[p] = _mm256_loadu_pd(f + k + 4 * (size_t)p);
        im[p] = _mm256_loadu_pd(f + k + 4 * (size_t)p + hn);
    }
    transpose4(re);
    transpose4(im);
}

static inline void store4(double *f, __m256d re[4], __m256d im[4], size_t k, size_t hn) {
    int p;
    transpose4(re);
    transpose4(im);
    for (p = 0; p < 4; p++) {
        _mm256_storeu_pd(f + k + 4 * (size_t)p, re[p]);
        _mm256_storeu_pd(f + k + 4 * (size_t)p + hn, im[p]);
    }
}

/* Root k broadcast */
static inline void root1(__m256d *wr, __m256d *wi, roots_t roots, size_t k) {
    *wr = _mm256_set1_pd(roots[k][0]);
    *wi = _mm256_set1_pd(roots[k][1]);
}

/* pqf_falcon_fft for logn >= 5 */
void pqf_falcon_fft_avx2(double *f, unsigned logn, roots_t roots) {
    size_t hn = (size_t)1 << (logn - 1), s, b, m, k;
    __m256d w1r, w1i, w2r, w2i, w3r, w3i;
    bitrev_both(f, hn);
    root1(&w1r, &w1i, roots, 1);
    root1(&w2r, &w2i, roots, 2);
    root1(&w3r, &w3i, roots, 3);
    /* distances 1 (root 1) then 2 (roots 2 and 3), four groups at a time */
    for (k = 0; k < hn; k += 16) {
        __m256d re[4], im[4];
        load4(re, im, f, k, hn);
        fwd_bfly(&re[0], &im[0], &re[1], &im[1], w1r, w1i);
        fwd_bfly(&re[2], &im[2], &re[3], &im[3], w1r, w1i);
        fwd_bfly(&re[0], &im[0], &re[2], &im[2], w2r, w2i);
        fwd_bfly(&re[1], &im[1], &re[3], &im[3], w3r, w3i);
        store4(f, re, im, k, hn);
    }
    for (s = 8; s <= hn; s <<= 1) {
        size_t h = s >> 1;
        for (b = 0; b < hn; b += s) {
            for (m = 0; m < h; m += 4) {
                double *x = f + b + m, *y = x + h;
                __m256d wr, wi;
                __m256d xr = _mm256_loadu_pd(x), xi = _mm256_loadu_pd(x + hn);
                __m256d yr = _mm256_loadu_pd(y), yi = _mm256_loadu_pd(y + hn);
                roots4(&wr, &wi, roots, h + m);
                fwd_bfly(&xr, &xi, &yr, &yi, wr, wi);
                _mm256_storeu_pd(x, xr);
                _mm256_storeu_pd(x + hn, xi);
                _mm256_storeu_pd(y, yr);
                _mm256_storeu_pd(y + hn, yi);
            }
        }
    }
}

/* pqf_falcon_ifft for logn >= 5 */
void pqf_falcon_ifft_avx2(double *f, unsigned logn, roots_t roots) {
    size_t hn = (size_t)1 << (logn - 1), s, b, m, k;
    __m256d w1r, w1i, w2r, w2i, w3r, w3i;
    for (s = hn; s >= 8; s >>= 1) {
        size_t h = s >> 1;
        for (b = 0; b < hn; b += s) {
            for (m = 0; m < h; m += 4) {
                double *x = f + b + m, *y = x + h;
                __m256d wr, wi;
                __m256d ar = _mm256_loadu_pd(x), ai = _mm256_loadu_pd(x + hn);
                __m256d br = _mm256_loadu_pd(y), bi = _mm256_loadu_pd(y + hn);
                roots4(&wr, &wi, roots, h + m);
                inv_bfly(&ar, &ai, &br, &bi, wr, wi);
                _mm256_storeu_pd(x, ar);
                _mm256_storeu_pd(x + hn, ai);
                _mm256_storeu_pd(y, br);
                _mm256_storeu_pd(y + hn, bi);
            }
        }
    }
    root1(&w1r, &w1i, roots, 1);
    root1(&w2r, &w2i, roots, 2);
    root1(&w3r, &w3i, roots, 3);
    /* distances 2 (roots 2 and 3) then 1 (root 1) */
    for (k = 0; k < hn; k += 16) {
        __m256d re[4], im[4];
        load4(re, im, f, k, hn);
        inv_bfly(&re[0], &im[0], &re[2], &im[2], w2r, w2i);
        inv_bfly(&re[1], &im[1], &re[3], &im[3], w3r, w3i);
        inv_bfly(&re[0], &im[0], &re[1], &im[1], w1r, w1i);
        inv_bfly(&re[2], &im[2], &re[3], &im[3], w1r, w1i);
        store4(f, re, im, k, hn);
    }
    bitrev_both(f, hn);
}

/* pqf_falcon_fft_split for logn >= 4. Each group of four slots is read
 * whole before it is written, as the scalar loop does slot by slot. */
void pqf_falcon_fft_split_avx2(double *f0, double *f1, const double *f, unsigned logn,
                               roots_t roots) {
    size_t hn = (size_t)1 << (logn - 1), qn = hn >> 1, m;
    for (m = 0; m < qn; m += 4) {
        __m256d wr, wi;
        __m256d ar = _mm256_loadu_pd(f + m), ai = _mm256_loadu_pd(f + m + hn);
        __m256d br = _mm256_loadu_pd(f + m + qn), bi = _mm256_loadu_pd(f + m + qn + hn);
        roots4(&wr, &wi, roots, qn + m);
        inv_bfly(&ar, &ai, &br, &bi, wr, wi);
        _mm256_storeu_pd(f0 + m, ar);
        _mm256_storeu_pd(f0 + m + qn, ai);
        _mm256_storeu_pd(f1 + m, br);
        _mm256_storeu_pd(f1 + m + qn, bi);
    }
}

/* pqf_falcon_fft_merge for logn >= 4 */
void pqf_falcon_fft_merge_avx2(double *f, const double *f0, const double *f1,
                               unsigned logn, roots_t roots) {
    size_t hn = (size_t)1 << (logn - 1), qn = hn >> 1, m;
    for (m = 0; m < qn; m += 4) {
        __m256d wr, wi;
        __m256d xr = _mm256_loadu_pd(f0 + m), xi = _mm256_loadu_pd(f0 + m + qn);
        __m256d yr = _mm256_loadu_pd(f1 + m), yi = _mm256_loadu_pd(f1 + m + qn);
        roots4(&wr, &wi, roots, qn + m);
        fwd_bfly(&xr, &xi, &yr, &yi, wr, wi);
        _mm256_storeu_pd(f + m, xr);
        _mm256_storeu_pd(f + m + hn, xi);
        _mm256_storeu_pd(f + m + qn, yr);
        _mm256_storeu_pd(f + m + qn + hn, yi);
    }
}

/* ---- coefficient by coefficient (logn >= 2) ---- */

void pqf_falcon_fft_add_avx2(double *a, const double *b, unsigned logn) {
    size_t n = (size_t)1 << logn, u;
    for (u = 0; u < n; u += 4) {
        _mm256_storeu_pd(a + u, _mm256_add_pd(_mm256_loadu_pd(a + u), _mm256_loadu_pd(b + u)));
    }
}

void pqf_falcon_fft_sub_avx2(double *a, const double *b, unsigned logn) {
    size_t n = (size_t)1 << logn, u;
    for (u = 0; u < n; u += 4) {
        _mm256_storeu_pd(a + u, _mm256_sub_pd(_mm256_loadu_pd(a + u), _mm256_loadu_pd(b + u)));
    }
}

/* -x flips the sign bit, NaNs and zeros included, as the scalar negation */
void pqf_falcon_fft_neg_avx2(double *a, unsigned logn) {
    const __m256d sign = _mm256_set1_pd(-0.0);
    size_t n = (size_t)1 << logn, u;
    for (u = 0; u < n; u += 4) {
        _mm256_storeu_pd(a + u, _mm256_xor_pd(_mm256_loadu_pd(a + u), sign));
    }
}

void pqf_falcon_fft_scale_avx2(double *a, double c, unsigned logn) {
    const __m256d vc = _mm256_set1_pd(c);
    size_t n = (size_t)1 << logn, u;
    for (u = 0; u < n; u += 4) {
        _mm256_storeu_pd(a + u, _mm256_mul_pd(_mm256_loadu_pd(a + u), vc));
    }
}

/* ---- slot by slot (logn >= 3: at least four slots) ---- */

/* (ar + i ai)(br + i bi) in fft.c's order */
static inline void cmul(__m256d *re, __m256d *im, __m256d ar, __m256d ai, __m256d br,
                        __m256d bi) {
    *re = _mm256_sub_pd(_mm256_mul_pd(ar, br), _mm256_mul_pd(ai, bi));
    *im = _mm256_add_pd(_mm256_mul_pd(ar, bi), _mm256_mul_pd(ai, br));
}

void pqf_falcon_fft_mul_avx2(double *a, const double *b, unsigned logn) {
    size_t hn = (size_t)1 << (logn - 1), u;
    for (u = 0; u < hn; u += 4) {
        __m256d re, im;
        cmul(&re, &im, _mm256_loadu_pd(a + u), _mm256_loadu_pd(a + u + hn),
             _mm256_loadu_pd(b + u), _mm256_loadu_pd(b + u + hn));
        _mm256_storeu_pd(a + u, re);
        _mm256_storeu_pd(a + u + hn, im);
    }
}

void pqf_falcon_fft_mul_adjoint_avx2(double *a, const double *b, unsigned logn) {
    const __m256d sign = _mm256_set1_pd(-0.0);
    size_t hn = (size_t)1 << (logn - 1), u;
    for (u = 0; u < hn; u += 4) {
        __m256d re, im;
        __m256d bi = _mm256_xor_pd(_mm256_loadu_pd(b + u + hn), sign);
        cmul(&re, &im, _mm256_loadu_pd(a + u), _mm256_loadu_pd(a + u + hn),
             _mm256_loadu_pd(b + u), bi);
        _mm256_storeu_pd(a + u, re);
        _mm256_storeu_pd(a + u + hn, im);
    }
}

void pqf_falcon_fft_sqmod_avx2(double *a, unsigned logn) {
    size_t hn = (size_t)1 << (logn - 1), u;
    for (u = 0; u < hn; u += 4) {
        __m256d ar = _mm256_loadu_pd(a + u), ai = _mm256_loadu_pd(a + u + hn);
        _mm256_storeu_pd(a + u, _mm256_add_pd(_mm256_mul_pd(ar, ar), _mm256_mul_pd(ai, ai)));
        _mm256_storeu_pd(a + u + hn, _mm256_setzero_pd());
    }
}

void pqf_falcon_fft_div_avx2(double *a, const double *b, unsigned logn) {
    const __m256d one = _mm256_set1_pd(1.0);
    size_t hn = (size_t)1 << (logn - 1), u;
    for (u = 0; u < hn; u += 4) {
        __m256d ar = _mm256_loadu_pd(a + u), ai = _mm256_loadu_pd(a + u + hn);
        __m256d br = _mm256_loadu_pd(b + u), bi = _mm256_loadu_pd(b + u + hn);
        __m256d d = _mm256_div_pd(
            one, _mm256_add_pd(_mm256_mul_pd(br, br), _mm256_mul_pd(bi, bi)));
        __m256d re = _mm256_add_pd(_mm256_mul_pd(ar, br), _mm256_mul_pd(ai, bi));
        __m256d im = _mm256_sub_pd(_mm256_mul_pd(ai, br), _mm256_mul_pd(ar, bi));
        _mm256_storeu_pd(a + u, _mm256_mul_pd(re, d));
        _mm256_storeu_pd(a + u + hn, _mm256_mul_pd(im, d));
    }
}

void pqf_falcon_fft_ldl_avx2(double *l10, double *d11, const double *g00,
                             const double *g01, const double *g11, unsigned logn) {
    const __m256d one = _mm256_set1_pd(1.0), sign = _mm256_set1_pd(-0.0);
    size_t half = (size_t)1 << (logn - 1), k;
    for (k = 0; k < half; k += 4) {
        __m256d pr = _mm256_loadu_pd(g00 + k), pi = _mm256_loadu_pd(g00 + k + half);
        __m256d qr = _mm256_loadu_pd(g01 + k), qi = _mm256_loadu_pd(g01 + k + half);
        __m256d sr = _mm256_loadu_pd(g11 + k), si = _mm256_loadu_pd(g11 + k + half);
        __m256d inv = _mm256_div_pd(
            one, _mm256_add_pd(_mm256_mul_pd(pr, pr), _mm256_mul_pd(pi, pi)));
        __m256d mre = _mm256_mul_pd(
            _mm256_add_pd(_mm256_mul_pd(qr, pr), _mm256_mul_pd(qi, pi)), inv);
        __m256d mim = _mm256_mul_pd(
            _mm256_sub_pd(_mm256_mul_pd(qi, pr), _mm256_mul_pd(qr, pi)), inv);
        __m256d dr = _mm256_sub_pd(
            sr, _mm256_add_pd(_mm256_mul_pd(mre, qr), _mm256_mul_pd(mim, qi)));
        __m256d di = _mm256_sub_pd(
            si, _mm256_sub_pd(_mm256_mul_pd(mim, qr), _mm256_mul_pd(mre, qi)));
        _mm256_storeu_pd(d11 + k, dr);
        _mm256_storeu_pd(d11 + k + half, di);
        _mm256_storeu_pd(l10 + k, mre);
        _mm256_storeu_pd(l10 + k + half, _mm256_xor_pd(mim, sign));
    }
}

#else
/* ISO C forbids an empty translation unit */
typedef int pqf_falcon_fft_avx2_unused;
#endif

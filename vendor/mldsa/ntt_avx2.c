/*
 * NTT, NTT^-1 and pointwise products for ML-DSA with AVX2 (FIPS 204
 * Algorithms 41, 42 and 45; avx2.h).
 *
 * Eight int32 coefficients per vector, 32 vectors per polynomial. The
 * butterflies are those of ntt.c, with the same Montgomery reduction, so the
 * results are the portable ones bit for bit; only the schedule differs:
 *
 *   - the layers of length 128, 64 and 32 run on four columns of eight
 *     vectors (coefficients 8 j + 32 i + lane, i = 0..7), each column being
 *     closed under those three layers;
 *   - the layers of length 16 and 8 run on four groups of eight consecutive
 *     vectors (64 coefficients);
 *   - for the layers of length 4, 2 and 1, whose pairs lie inside a vector,
 *     a group is transposed as an 8 x 8 matrix, so that each pair becomes two
 *     whole vectors and each lane belongs to one block with its own twiddle
 *     (the lane tables of tables_avx2.c); then it is transposed back.
 *
 * NTT^-1 runs the same schedule in reverse.
 */
#include "avx2.h"

#ifdef PQF_MLDSA_HAVE_AVX2

#include <immintrin.h>

#include "tables_avx2.h"

/*
 * Montgomery products a_i z_i R^-1 for eight lanes, with zq_i = z_i q^-1 mod
 * 2^32 given: as pqf_mldsa_fqmul, t = (a z q^-1) mod 2^32 and the result is
 * (a z - t q) / 2^32, whose low halves cancel exactly. _mm256_mul_epi32 takes
 * the even lanes; the odd ones are moved down by a 64-bit shift. ao, zo, zqo
 * are those odd lanes (callers with a broadcast z pass z itself).
 */
static inline __m256i mont_lanes(__m256i a, __m256i z, __m256i zq, __m256i zo, __m256i zqo) {
    const __m256i q = _mm256_set1_epi32(PQF_MLDSA_AVX2_Q);
    __m256i ao = _mm256_srli_epi64(a, 32);
    __m256i pe = _mm256_mul_epi32(a, z);
    __m256i po = _mm256_mul_epi32(ao, zo);
    __m256i te = _mm256_mul_epi32(a, zq);
    __m256i to = _mm256_mul_epi32(ao, zqo);
    te = _mm256_mul_epi32(te, q);
    to = _mm256_mul_epi32(to, q);
    /* The high half of each 64-bit difference is the result. */
    pe = _mm256_srli_epi64(_mm256_sub_epi32(pe, te), 32);
    po = _mm256_sub_epi32(po, to);
    return _mm256_blend_epi32(pe, po, 0xAA);
}

/* Twiddle z (broadcast) with its companion. */
typedef struct {
    __m256i z, zq;
} twiddle;

static inline twiddle tw_fwd(unsigned m) {
    twiddle t;
    t.z = _mm256_set1_epi32(pqf_mldsa_avx2_zetas[m]);
    t.zq = _mm256_set1_epi32(pqf_mldsa_avx2_zetas_qinv[m]);
    return t;
}

/* -zetas[m], as NTT^-1 uses it (the companion negates with it). */
static inline twiddle tw_inv(unsigned m) {
    twiddle t = tw_fwd(m);
    t.z = _mm256_sub_epi32(_mm256_setzero_si256(), t.z);
    t.zq = _mm256_sub_epi32(_mm256_setzero_si256(), t.zq);
    return t;
}

static inline __m256i mont_bcast(__m256i a, twiddle t) {
    return mont_lanes(a, t.z, t.zq, t.z, t.zq);
}

/* Per-lane twiddles: row 'row' of a lane table (tables_avx2.h). */
typedef struct {
    __m256i z, zq, zo, zqo;
} lane_twiddle;

static inline lane_twiddle tw_lanes(const int32_t *z, const int32_t *zq, unsigned row) {
    lane_twiddle t;
    t.z = _mm256_loadu_si256((const __m256i *)(const void *)(z + 8 * row));
    t.zq = _mm256_loadu_si256((const __m256i *)(const void *)(zq + 8 * row));
    t.zo = _mm256_srli_epi64(t.z, 32);
    t.zqo = _mm256_srli_epi64(t.zq, 32);
    return t;
}

/* Cooley-Tukey butterfly of ntt.c: (lo, hi) <- (lo + z hi, lo - z hi). */
static inline void ct_bcast(__m256i *lo, __m256i *hi, twiddle t) {
    __m256i p = mont_bcast(*hi, t);
    *hi = _mm256_sub_epi32(*lo, p);
    *lo = _mm256_add_epi32(*lo, p);
}

static inline void ct_lanes(__m256i *lo, __m256i *hi, lane_twiddle t) {
    __m256i p = mont_lanes(*hi, t.z, t.zq, t.zo, t.zqo);
    *hi = _mm256_sub_epi32(*lo, p);
    *lo = _mm256_add_epi32(*lo, p);
}

/* Gentleman-Sande butterfly of ntt.c: (lo, hi) <- (lo + hi, z (lo - hi)). */
static inline void gs_bcast(__m256i *lo, __m256i *hi, twiddle t) {
    __m256i d = _mm256_sub_epi32(*lo, *hi);
    *lo = _mm256_add_epi32(*lo, *hi);
    *hi = mont_bcast(d, t);
}

static inline void gs_lanes(__m256i *lo, __m256i *hi, lane_twiddle t) {
    __m256i d = _mm256_sub_epi32(*lo, *hi);
    *lo = _mm256_add_epi32(*lo, *hi);
    *hi = mont_lanes(d, t.z, t.zq, t.zo, t.zqo);
}

/* In-place transpose of the 8 x 8 matrix of int32 whose rows are v[0..7]. */
static void transpose8(__m256i v[8]) {
    __m256i t[8], u[8];
    unsigned i;
    for (i = 0; i < 4; i++) {
        t[2 * i] = _mm256_unpacklo_epi32(v[2 * i], v[2 * i + 1]);
        t[2 * i + 1] = _mm256_unpackhi_epi32(v[2 * i], v[2 * i + 1]);
    }
    /* t[0] = v00 v10 v01 v11 | v04 v14 v05 v15, t[1] = v02 v12 v03 v13 | ... */
    for (i = 0; i < 2; i++) {
        u[4 * i + 0] = _mm256_unpacklo_epi64(t[4 * i + 0], t[4 * i + 2]);
        u[4 * i + 1] = _mm256_unpackhi_epi64(t[4 * i + 0], t[4 * i + 2]);
        u[4 * i + 2] = _mm256_unpacklo_epi64(t[4 * i + 1], t[4 * i + 3]);
        u[4 * i + 3] = _mm256_unpackhi_epi64(t[4 * i + 1], t[4 * i + 3]);
    }
    /* u[c] (c < 4) = column c of rows 0-3 | column c + 4 of rows 0-3; u[4 + c]
     * the same for rows 4-7. */
    for (i = 0; i < 4; i++) {
        v[i] = _mm256_permute2x128_si256(u[i], u[4 + i], 0x20);
        v[i + 4] = _mm256_permute2x128_si256(u[i], u[4 + i], 0x31);
    }
}

static inline void load8(__m256i v[8], const int32_t *a, unsigned stride) {
    unsigned i;
    for (i = 0; i < 8; i++) {
        v[i] = _mm256_loadu_si256((const __m256i *)(const void *)(a + i * stride));
    }
}

static inline void store8(int32_t *a, const __m256i v[8], unsigned stride) {
    unsigned i;
    for (i = 0; i < 8; i++) {
        _mm256_storeu_si256((__m256i *)(void *)(a + i * stride), v[i]);
    }
}

/* FIPS 204 Algorithm 41: NTT. */
void pqf_mldsa_ntt_avx2(int32_t a[PQF_MLDSA_N]) {
    __m256i v[8];
    unsigned j, g, i;
    for (j = 0; j < 4; j++) {
        load8(v, a + 8 * j, 32);
        for (i = 0; i < 4; i++) { /* length 128: zetas[1] */
            ct_bcast(&v[i], &v[i + 4], tw_fwd(1));
        }
        for (i = 0; i < 2; i++) { /* length 64: zetas[2], zetas[3] */
            ct_bcast(&v[i], &v[i + 2], tw_fwd(2));
            ct_bcast(&v[i + 4], &v[i + 6], tw_fwd(3));
        }
        for (i = 0; i < 4; i++) { /* length 32: zetas[4..7] */
            ct_bcast(&v[2 * i], &v[2 * i + 1], tw_fwd(4 + i));
        }
        store8(a + 8 * j, v, 32);
    }
    for (g = 0; g < 4; g++) {
        const int32_t *lz = pqf_mldsa_avx2_fwd_lanes + 56 * g;
        const int32_t *lzq = pqf_mldsa_avx2_fwd_lanes_qinv + 56 * g;
        load8(v, a + 64 * g, 8);
        for (i = 0; i < 2; i++) { /* length 16: blocks 2g, 2g + 1 */
            ct_bcast(&v[i], &v[i + 2], tw_fwd(8 + 2 * g));
            ct_bcast(&v[i + 4], &v[i + 6], tw_fwd(9 + 2 * g));
        }
        for (i = 0; i < 4; i++) { /* length 8: blocks 4g .. 4g + 3 */
            ct_bcast(&v[2 * i], &v[2 * i + 1], tw_fwd(16 + 4 * g + i));
        }
        transpose8(v);
        for (i = 0; i < 4; i++) { /* length 4: lane table row 0 */
            ct_lanes(&v[i], &v[i + 4], tw_lanes(lz, lzq, 0));
        }
        for (i = 0; i < 2; i++) { /* length 2: rows 1 and 2 */
            ct_lanes(&v[i], &v[i + 2], tw_lanes(lz, lzq, 1));
            ct_lanes(&v[i + 4], &v[i + 6], tw_lanes(lz, lzq, 2));
        }
        for (i = 0; i < 4; i++) { /* length 1: rows 3 to 6 */
            ct_lanes(&v[2 * i], &v[2 * i + 1], tw_lanes(lz, lzq, 3 + i));
        }
        transpose8(v);
        store8(a + 64 * g, v, 8);
    }
}

/* FIPS 204 Algorithm 42: NTT^-1, with ntt.c's scaling merged into the last
 * layer. */
void pqf_mldsa_invntt_avx2(int32_t a[PQF_MLDSA_N]) {
    __m256i v[8];
    unsigned j, g, i;
    twiddle scale, last;
    for (g = 0; g < 4; g++) {
        const int32_t *lz = pqf_mldsa_avx2_inv_lanes + 56 * g;
        const int32_t *lzq = pqf_mldsa_avx2_inv_lanes_qinv + 56 * g;
        load8(v, a + 64 * g, 8);
        transpose8(v);
        for (i = 0; i < 4; i++) { /* length 1: rows 3 to 6 */
            gs_lanes(&v[2 * i], &v[2 * i + 1], tw_lanes(lz, lzq, 3 + i));
        }
        for (i = 0; i < 2; i++) { /* length 2: rows 1 and 2 */
            gs_lanes(&v[i], &v[i + 2], tw_lanes(lz, lzq, 1));
            gs_lanes(&v[i + 4], &v[i + 6], tw_lanes(lz, lzq, 2));
        }
        for (i = 0; i < 4; i++) { /* length 4: row 0 */
            gs_lanes(&v[i], &v[i + 4], tw_lanes(lz, lzq, 0));
        }
        transpose8(v);
        for (i = 0; i < 4; i++) { /* length 8: blocks 4g + i, -zetas[31 - b] */
            gs_bcast(&v[2 * i], &v[2 * i + 1], tw_inv(31 - 4 * g - i));
        }
        for (i = 0; i < 2; i++) { /* length 16: blocks 2g, 2g + 1 */
            gs_bcast(&v[i], &v[i + 2], tw_inv(15 - 2 * g));
            gs_bcast(&v[i + 4], &v[i + 6], tw_inv(14 - 2 * g));
        }
        store8(a + 64 * g, v, 8);
    }
    scale.z = _mm256_set1_epi32(PQF_MLDSA_AVX2_INV_SCALE);
    scale.zq = _mm256_set1_epi32(PQF_MLDSA_AVX2_INV_SCALE_QINV);
    last.z = _mm256_set1_epi32(PQF_MLDSA_AVX2_INV_LAST);
    last.zq = _mm256_set1_epi32(PQF_MLDSA_AVX2_INV_LAST_QINV);
    for (j = 0; j < 4; j++) {
        load8(v, a + 8 * j, 32);
        for (i = 0; i < 4; i++) { /* length 32: blocks 0..3, -zetas[7 - b] */
            gs_bcast(&v[2 * i], &v[2 * i + 1], tw_inv(7 - i));
        }
        for (i = 0; i < 2; i++) { /* length 64: -zetas[3], -zetas[2] */
            gs_bcast(&v[i], &v[i + 2], tw_inv(3));
            gs_bcast(&v[i + 4], &v[i + 6], tw_inv(2));
        }
        for (i = 0; i < 4; i++) { /* length 128 with the scaling */
            __m256i t = v[i], u = v[i + 4];
            v[i] = mont_bcast(_mm256_add_epi32(t, u), scale);
            v[i + 4] = mont_bcast(_mm256_sub_epi32(t, u), last);
        }
        store8(a + 8 * j, v, 32);
    }
}

/* Montgomery products of two variable vectors: t = (a b mod 2^32) q^-1. */
static inline __m256i mont_vv(__m256i a, __m256i b) {
    const __m256i q = _mm256_set1_epi32(PQF_MLDSA_AVX2_Q);
    const __m256i qinv = _mm256_set1_epi32(PQF_MLDSA_AVX2_QINV);
    __m256i pe = _mm256_mul_epi32(a, b);
    __m256i po = _mm256_mul_epi32(_mm256_srli_epi64(a, 32), _mm256_srli_epi64(b, 32));
    __m256i te = _mm256_mul_epi32(_mm256_mul_epi32(pe, qinv), q);
    __m256i to = _mm256_mul_epi32(_mm256_mul_epi32(po, qinv), q);
    pe = _mm256_srli_epi64(_mm256_sub_epi32(pe, te), 32);
    po = _mm256_sub_epi32(po, to);
    return _mm256_blend_epi32(pe, po, 0xAA);
}

/* FIPS 204 Algorithm 45: MultiplyNTT. */
void pqf_mldsa_pointwise_avx2(int32_t c[PQF_MLDSA_N], const int32_t a[PQF_MLDSA_N],
                              const int32_t b[PQF_MLDSA_N]) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(a + i));
        __m256i y = _mm256_loadu_si256((const __m256i *)(const void *)(b + i));
        _mm256_storeu_si256((__m256i *)(void *)(c + i), mont_vv(x, y));
    }
}

/* w = sum_j u_j v_j R^-1: 64-bit sums of the products (even and odd lanes
 * apart), one Montgomery reduction at the end, as poly.c. */
void pqf_mldsa_pointwise_acc_avx2(pqf_mldsa_poly *w, const pqf_mldsa_polyvecl *u,
                                  const pqf_mldsa_polyvecl *v) {
    const __m256i q = _mm256_set1_epi32(PQF_MLDSA_AVX2_Q);
    const __m256i qinv = _mm256_set1_epi32(PQF_MLDSA_AVX2_QINV);
    unsigned i, j;
    for (i = 0; i < PQF_MLDSA_N; i += 8) {
        __m256i se = _mm256_setzero_si256(), so = _mm256_setzero_si256(), te, to;
        for (j = 0; j < PQF_MLDSA_L; j++) {
            __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(u->v[j].c + i));
            __m256i y = _mm256_loadu_si256((const __m256i *)(const void *)(v->v[j].c + i));
            se = _mm256_add_epi64(se, _mm256_mul_epi32(x, y));
            so = _mm256_add_epi64(
                so, _mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(y, 32)));
        }
        te = _mm256_mul_epi32(_mm256_mul_epi32(se, qinv), q);
        to = _mm256_mul_epi32(_mm256_mul_epi32(so, qinv), q);
        se = _mm256_srli_epi64(_mm256_sub_epi32(se, te), 32);
        so = _mm256_sub_epi32(so, to);
        _mm256_storeu_si256((__m256i *)(void *)(w->c + i), _mm256_blend_epi32(se, so, 0xAA));
    }
}

#else
typedef int pqf_mldsa_ntt_avx2_unused; /* ISO C: no empty translation unit */
#endif

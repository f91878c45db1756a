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

#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -mpopcnt (build.rs TARGET_FLAGS)"
#endif

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

/*
 * In-place transpose of the 8 x 8 matrix of int32 whose rows are v[0..7].
 * Everything below is written out with constant indices (no loops over v) so
 * that the eight vectors stay in registers.
 */
static inline void transpose8(__m256i v[8]) {
    __m256i t0, t1, t2, t3, t4, t5, t6, t7, u0, u1, u2, u3, u4, u5, u6, u7;
    /* t0 = v00 v10 v01 v11 | v04 v14 v05 v15, t1 = v02 v12 v03 v13 | ... */
    t0 = _mm256_unpacklo_epi32(v[0], v[1]);
    t1 = _mm256_unpackhi_epi32(v[0], v[1]);
    t2 = _mm256_unpacklo_epi32(v[2], v[3]);
    t3 = _mm256_unpackhi_epi32(v[2], v[3]);
    t4 = _mm256_unpacklo_epi32(v[4], v[5]);
    t5 = _mm256_unpackhi_epi32(v[4], v[5]);
    t6 = _mm256_unpacklo_epi32(v[6], v[7]);
    t7 = _mm256_unpackhi_epi32(v[6], v[7]);
    /* u0 = column 0 of rows 0-3 | column 4 of rows 0-3, u1 columns 1 | 5,
     * ...; u4 .. u7 the same for rows 4-7. */
    u0 = _mm256_unpacklo_epi64(t0, t2);
    u1 = _mm256_unpackhi_epi64(t0, t2);
    u2 = _mm256_unpacklo_epi64(t1, t3);
    u3 = _mm256_unpackhi_epi64(t1, t3);
    u4 = _mm256_unpacklo_epi64(t4, t6);
    u5 = _mm256_unpackhi_epi64(t4, t6);
    u6 = _mm256_unpacklo_epi64(t5, t7);
    u7 = _mm256_unpackhi_epi64(t5, t7);
    v[0] = _mm256_permute2x128_si256(u0, u4, 0x20);
    v[4] = _mm256_permute2x128_si256(u0, u4, 0x31);
    v[1] = _mm256_permute2x128_si256(u1, u5, 0x20);
    v[5] = _mm256_permute2x128_si256(u1, u5, 0x31);
    v[2] = _mm256_permute2x128_si256(u2, u6, 0x20);
    v[6] = _mm256_permute2x128_si256(u2, u6, 0x31);
    v[3] = _mm256_permute2x128_si256(u3, u7, 0x20);
    v[7] = _mm256_permute2x128_si256(u3, u7, 0x31);
}

#define LD(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define ST(p, x) _mm256_storeu_si256((__m256i *)(void *)(p), (x))

static inline void load8(__m256i v[8], const int32_t *a, unsigned s) {
    v[0] = LD(a);
    v[1] = LD(a + s);
    v[2] = LD(a + 2 * s);
    v[3] = LD(a + 3 * s);
    v[4] = LD(a + 4 * s);
    v[5] = LD(a + 5 * s);
    v[6] = LD(a + 6 * s);
    v[7] = LD(a + 7 * s);
}

static inline void store8(int32_t *a, const __m256i v[8], unsigned s) {
    ST(a, v[0]);
    ST(a + s, v[1]);
    ST(a + 2 * s, v[2]);
    ST(a + 3 * s, v[3]);
    ST(a + 4 * s, v[4]);
    ST(a + 5 * s, v[5]);
    ST(a + 6 * s, v[6]);
    ST(a + 7 * s, v[7]);
}

/* Butterflies on (v[i], v[j]): broadcast twiddle m, or lane-table row r. */
#define CT(i, j, tw) ct_bcast(&v[i], &v[j], (tw))
#define CTL(i, j, r) ct_lanes(&v[i], &v[j], (r))
#define GS(i, j, tw) gs_bcast(&v[i], &v[j], (tw))
#define GSL(i, j, r) gs_lanes(&v[i], &v[j], (r))

/* Layers of length 128, 64, 32 on column j (vectors at stride 32). */
static inline void ntt_column(int32_t *a) {
    __m256i v[8];
    twiddle z;
    load8(v, a, 32);
    z = tw_fwd(1); /* length 128 */
    CT(0, 4, z);
    CT(1, 5, z);
    CT(2, 6, z);
    CT(3, 7, z);
    z = tw_fwd(2); /* length 64 */
    CT(0, 2, z);
    CT(1, 3, z);
    z = tw_fwd(3);
    CT(4, 6, z);
    CT(5, 7, z);
    CT(0, 1, tw_fwd(4)); /* length 32 */
    CT(2, 3, tw_fwd(5));
    CT(4, 5, tw_fwd(6));
    CT(6, 7, tw_fwd(7));
    store8(a, v, 32);
}

/* Layers of length 16 down to 1 on group g (64 consecutive coefficients). */
static inline void ntt_group(int32_t *a, unsigned g) {
    const int32_t *lz = pqf_mldsa_avx2_fwd_lanes + 56 * g;
    const int32_t *lzq = pqf_mldsa_avx2_fwd_lanes_qinv + 56 * g;
    __m256i v[8];
    twiddle z;
    lane_twiddle r;
    load8(v, a, 8);
    z = tw_fwd(8 + 2 * g); /* length 16: blocks 2g, 2g + 1 */
    CT(0, 2, z);
    CT(1, 3, z);
    z = tw_fwd(9 + 2 * g);
    CT(4, 6, z);
    CT(5, 7, z);
    CT(0, 1, tw_fwd(16 + 4 * g)); /* length 8: blocks 4g .. 4g + 3 */
    CT(2, 3, tw_fwd(17 + 4 * g));
    CT(4, 5, tw_fwd(18 + 4 * g));
    CT(6, 7, tw_fwd(19 + 4 * g));
    transpose8(v);
    r = tw_lanes(lz, lzq, 0); /* length 4: lane table row 0 */
    CTL(0, 4, r);
    CTL(1, 5, r);
    CTL(2, 6, r);
    CTL(3, 7, r);
    r = tw_lanes(lz, lzq, 1); /* length 2: rows 1 and 2 */
    CTL(0, 2, r);
    CTL(1, 3, r);
    r = tw_lanes(lz, lzq, 2);
    CTL(4, 6, r);
    CTL(5, 7, r);
    CTL(0, 1, tw_lanes(lz, lzq, 3)); /* length 1: rows 3 to 6 */
    CTL(2, 3, tw_lanes(lz, lzq, 4));
    CTL(4, 5, tw_lanes(lz, lzq, 5));
    CTL(6, 7, tw_lanes(lz, lzq, 6));
    transpose8(v);
    store8(a, v, 8);
}

/* FIPS 204 Algorithm 41: NTT. */
void pqf_mldsa_ntt_avx2(int32_t a[PQF_MLDSA_N]) {
    unsigned j, g;
    for (j = 0; j < 4; j++) {
        ntt_column(a + 8 * j);
    }
    for (g = 0; g < 4; g++) {
        ntt_group(a + 64 * g, g);
    }
}

/* NTT^-1 layers of length 1 up to 16 on group g. */
static inline void invntt_group(int32_t *a, unsigned g) {
    const int32_t *lz = pqf_mldsa_avx2_inv_lanes + 56 * g;
    const int32_t *lzq = pqf_mldsa_avx2_inv_lanes_qinv + 56 * g;
    __m256i v[8];
    twiddle z;
    lane_twiddle r;
    load8(v, a, 8);
    transpose8(v);
    GSL(0, 1, tw_lanes(lz, lzq, 3)); /* length 1: rows 3 to 6 */
    GSL(2, 3, tw_lanes(lz, lzq, 4));
    GSL(4, 5, tw_lanes(lz, lzq, 5));
    GSL(6, 7, tw_lanes(lz, lzq, 6));
    r = tw_lanes(lz, lzq, 1); /* length 2: rows 1 and 2 */
    GSL(0, 2, r);
    GSL(1, 3, r);
    r = tw_lanes(lz, lzq, 2);
    GSL(4, 6, r);
    GSL(5, 7, r);
    r = tw_lanes(lz, lzq, 0); /* length 4: row 0 */
    GSL(0, 4, r);
    GSL(1, 5, r);
    GSL(2, 6, r);
    GSL(3, 7, r);
    transpose8(v);
    GS(0, 1, tw_inv(31 - 4 * g)); /* length 8: blocks 4g + i, -zetas[31 - b] */
    GS(2, 3, tw_inv(30 - 4 * g));
    GS(4, 5, tw_inv(29 - 4 * g));
    GS(6, 7, tw_inv(28 - 4 * g));
    z = tw_inv(15 - 2 * g); /* length 16: blocks 2g, 2g + 1 */
    GS(0, 2, z);
    GS(1, 3, z);
    z = tw_inv(14 - 2 * g);
    GS(4, 6, z);
    GS(5, 7, z);
    store8(a, v, 8);
}

/* NTT^-1 layers of length 32, 64 and the last one, scaled, on column j. */
static inline void invntt_column(int32_t *a) {
    __m256i v[8];
    twiddle z, scale, last;
    load8(v, a, 32);
    GS(0, 1, tw_inv(7)); /* length 32: blocks 0..3, -zetas[7 - b] */
    GS(2, 3, tw_inv(6));
    GS(4, 5, tw_inv(5));
    GS(6, 7, tw_inv(4));
    z = tw_inv(3); /* length 64 */
    GS(0, 2, z);
    GS(1, 3, z);
    z = tw_inv(2);
    GS(4, 6, z);
    GS(5, 7, z);
    /* Length 128 with the scaling: lo = S (lo + hi), hi = S' (lo - hi). */
    scale.z = _mm256_set1_epi32(PQF_MLDSA_AVX2_INV_SCALE);
    scale.zq = _mm256_set1_epi32(PQF_MLDSA_AVX2_INV_SCALE_QINV);
    last.z = _mm256_set1_epi32(PQF_MLDSA_AVX2_INV_LAST);
    last.zq = _mm256_set1_epi32(PQF_MLDSA_AVX2_INV_LAST_QINV);
    GS(0, 4, last);
    GS(1, 5, last);
    GS(2, 6, last);
    GS(3, 7, last);
    v[0] = mont_bcast(v[0], scale);
    v[1] = mont_bcast(v[1], scale);
    v[2] = mont_bcast(v[2], scale);
    v[3] = mont_bcast(v[3], scale);
    store8(a, v, 32);
}

/* FIPS 204 Algorithm 42: NTT^-1, with ntt.c's scaling merged into the last
 * layer. */
void pqf_mldsa_invntt_avx2(int32_t a[PQF_MLDSA_N]) {
    unsigned j, g;
    for (g = 0; g < 4; g++) {
        invntt_group(a + 64 * g, g);
    }
    for (j = 0; j < 4; j++) {
        invntt_column(a + 8 * j);
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

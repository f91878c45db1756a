/*
 * ML-DSA pseudorandom sampling with AVX2 (FIPS 204 Algorithms 30 to 34;
 * avx2.h): the matrix, the secret vectors and the mask are expanded four
 * polynomials at a time with four SHAKE streams in parallel (fips202x4.h),
 * and the rejection samplers test eight candidates per vector.
 *
 * Each stream is the one the portable code reads, and candidates are taken
 * in stream order until 256 are kept, so the outputs are the portable ones.
 * Candidates are compacted with a permutation chosen by the 8-bit acceptance
 * mask (tables_avx2.c). For the matrix (public) that is plain rejection
 * sampling; for s1 and s2 (secret) the mask is declassified exactly as the
 * portable RejBoundedPoly declassifies each acceptance bit: which nibbles are
 * rejected says nothing about the values kept. The kept values themselves
 * never select a branch, an index or an address.
 */
#include "avx2.h"

#ifdef PQF_MLDSA_HAVE_AVX2

#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -mpopcnt (build.rs TARGET_FLAGS)"
#endif

#include <immintrin.h>
#include <string.h>

#include "ct.h"
#include "fips202.h"
#include "fips202x4.h"
#include "packing.h"
#include "tables_avx2.h"

/* Blocks squeezed first: five SHAKE128 blocks hold 280 candidates for
 * RejNTTPoly (almost always enough), two SHAKE256 blocks 544 nibbles for
 * RejBoundedPoly; more follow one at a time. tests/c/mldsa_backends.c sets
 * both to 1 so that the refills run on every call. */
#ifndef PQF_MLDSA_AVX2_UNIFORM_BLOCKS
#define PQF_MLDSA_AVX2_UNIFORM_BLOCKS 5
#endif
#ifndef PQF_MLDSA_AVX2_BOUNDED_BLOCKS
#define PQF_MLDSA_AVX2_BOUNDED_BLOCKS 2
#endif
#define UNIFORM_BLOCKS PQF_MLDSA_AVX2_UNIFORM_BLOCKS
#define UNIFORM_BYTES (UNIFORM_BLOCKS * PQF_SHAKE128_RATE)
#define BOUNDED_BLOCKS PQF_MLDSA_AVX2_BOUNDED_BLOCKS
#define BOUNDED_BYTES (BOUNDED_BLOCKS * PQF_SHAKE256_RATE)
#define MASK_BLOCKS ((PQF_MLDSA_POLY_Z_BYTES + PQF_SHAKE256_RATE - 1) / PQF_SHAKE256_RATE)
/* Room past the kept coefficients for the last vector store. */
#define SLACK 8

/* Lanes j of the mask m moved to the front, in order (the others follow). */
static inline __m256i compact(__m256i x, unsigned m) {
    __m128i idx = _mm_loadl_epi64((const __m128i *)(const void *)(pqf_mldsa_avx2_compact + 8 * m));
    return _mm256_permutevar8x32_epi32(x, _mm256_cvtepu8_epi32(idx));
}

/*
 * FIPS 204 Algorithm 14 (CoeffFromThreeBytes) over buf[0..len), len a
 * multiple of 24 with 8 readable bytes after it: appends the candidates below
 * q to a from index ctr, eight candidates per step, until 256 are kept.
 * a has room for 256 + SLACK. Returns the new count (may pass 256; entries
 * past 256 are junk).
 */
static unsigned parse_uniform(int32_t *a, unsigned ctr, const uint8_t *buf, size_t len) {
    /* Bytes 0..11 to the low 128-bit lane, 12..23 (at 4..15) to the high one,
     * then each 3-byte group to a 32-bit lane (0x80: zero byte). */
    const __m256i spread = _mm256_setr_epi8(
        0, 1, 2, -128, 3, 4, 5, -128, 6, 7, 8, -128, 9, 10, 11, -128, 4, 5, 6, -128, 7, 8, 9,
        -128, 10, 11, 12, -128, 13, 14, 15, -128);
    const __m256i low23 = _mm256_set1_epi32(0x7FFFFF);
    const __m256i q = _mm256_set1_epi32(PQF_MLDSA_AVX2_Q);
    size_t pos;
    for (pos = 0; pos < len && ctr < PQF_MLDSA_N; pos += 24) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(buf + pos));
        unsigned m;
        x = _mm256_permute4x64_epi64(x, 0x94); /* qwords 0, 1, 1, 2 */
        x = _mm256_and_si256(_mm256_shuffle_epi8(x, spread), low23);
        m = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(q, x)));
        _mm256_storeu_si256((__m256i *)(void *)(a + ctr), compact(x, m));
        ctr += (unsigned)_mm_popcnt_u32(m);
    }
    return ctr;
}

/*
 * FIPS 204 Algorithm 15 (CoeffFromHalfByte) over buf[0..len), len a multiple
 * of 4: eight nibbles per step (low nibble of each byte first), appended as
 * for parse_uniform. Values are eta - b (eta = 4, b < 9) or 2 - (b mod 5)
 * (eta = 2, b < 15, b mod 5 = b - 5 floor(13 b / 64) as in sampling.c).
 */
static unsigned parse_bounded(int32_t *a, unsigned ctr, const uint8_t *buf, size_t len) {
    const __m256i shifts = _mm256_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28);
    const __m256i nib = _mm256_set1_epi32(15);
    const __m256i eta = _mm256_set1_epi32(PQF_MLDSA_ETA);
#if PQF_MLDSA_ETA == 2
    const __m256i limit = _mm256_set1_epi32(15);
#else
    const __m256i limit = _mm256_set1_epi32(9);
#endif
    size_t pos;
    for (pos = 0; pos < len && ctr < PQF_MLDSA_N; pos += 4) {
        uint32_t word, m;
        __m256i b, v;
        memcpy(&word, buf + pos, 4); /* x86-64: little-endian */
        b = _mm256_and_si256(_mm256_srlv_epi32(_mm256_set1_epi32((int)word), shifts), nib);
        m = (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(limit, b)));
#if PQF_MLDSA_ETA == 2
        {
            __m256i q5 = _mm256_srli_epi32(_mm256_mullo_epi32(b, _mm256_set1_epi32(13)), 6);
            b = _mm256_sub_epi32(b, _mm256_mullo_epi32(q5, _mm256_set1_epi32(5)));
        }
#endif
        v = _mm256_sub_epi32(eta, b);
        /* Which nibbles are accepted is independent of the values kept. */
        PQF_DECLASSIFY(&m, sizeof(m));
        _mm256_storeu_si256((__m256i *)(void *)(a + ctr), compact(v, m));
        ctr += (unsigned)_mm_popcnt_u32(m);
    }
    return ctr;
}

/* FIPS 204 Algorithm 30: RejNTTPoly(seed) from one SHAKE128 stream. */
void pqf_mldsa_rej_ntt_poly_avx2(pqf_mldsa_poly *a, const uint8_t seed[34]) {
    pqf_keccak_ctx ctx;
    uint8_t buf[UNIFORM_BYTES + SLACK];
    int32_t tmp[PQF_MLDSA_N + SLACK];
    unsigned ctr;

    pqf_shake128_init(&ctx);
    pqf_keccak_absorb(&ctx, seed, 34);
    pqf_keccak_squeeze(&ctx, buf, UNIFORM_BYTES);
    memset(buf + UNIFORM_BYTES, 0, SLACK); /* read by the last load, unused */
    ctr = parse_uniform(tmp, 0, buf, UNIFORM_BYTES);
    while (ctr < PQF_MLDSA_N) {
        pqf_keccak_squeeze(&ctx, buf, PQF_SHAKE128_RATE);
        ctr = parse_uniform(tmp, ctr, buf, PQF_SHAKE128_RATE);
    }
    memcpy(a->c, tmp, sizeof(a->c));
}

/*
 * RejNTTPoly for up to four seeds at once: out[j] from seed[j] for j < count
 * (1 <= count <= 4; the unused streams repeat the last seed and are dropped).
 * Seeds are rho || s || r (34 bytes).
 */
static void rej_ntt_poly_x4(pqf_mldsa_poly *out[4], const uint8_t seed[4][34], unsigned count) {
    pqf_keccakx4_state st;
    uint8_t buf[4][UNIFORM_BYTES + SLACK];
    int32_t tmp[4][PQF_MLDSA_N + SLACK];
    unsigned ctr[4] = {0, 0, 0, 0};
    unsigned j, last = count - 1, done;
    size_t len = UNIFORM_BYTES;

    pqf_shake128x4_absorb_once(&st, seed[0], seed[count > 1 ? 1 : last],
                               seed[count > 2 ? 2 : last], seed[count > 3 ? 3 : last], 34);
    pqf_shake128x4_squeezeblocks(buf[0], buf[1], buf[2], buf[3], UNIFORM_BLOCKS, &st);
    for (j = 0; j < 4; j++) {
        memset(buf[j] + UNIFORM_BYTES, 0, SLACK); /* read by the last load, unused */
    }
    for (;;) {
        done = 0;
        for (j = 0; j < count; j++) {
            ctr[j] = parse_uniform(tmp[j], ctr[j], buf[j], len);
            done += ctr[j] >= PQF_MLDSA_N;
        }
        if (done == count) {
            break;
        }
        /* Rare: one more block for every stream (those done ignore it). */
        pqf_shake128x4_squeezeblocks(buf[0], buf[1], buf[2], buf[3], 1, &st);
        len = PQF_SHAKE128_RATE;
    }
    for (j = 0; j < count; j++) {
        memcpy(out[j]->c, tmp[j], sizeof(out[j]->c));
    }
}

/* Entries first .. first + count - 1 (row-major, index r l + s) of A. */
static void expand_a_range(pqf_mldsa_polyvecl *rows, unsigned row0, const uint8_t rho[32],
                           unsigned first, unsigned count) {
    uint8_t seed[4][34];
    pqf_mldsa_poly *out[4];
    unsigned n, j;
    for (n = 0; n < count; n += 4) {
        unsigned m = count - n < 4 ? count - n : 4;
        for (j = 0; j < m; j++) {
            unsigned idx = first + n + j, r = idx / PQF_MLDSA_L, s = idx % PQF_MLDSA_L;
            memcpy(seed[j], rho, 32);
            seed[j][32] = (uint8_t)s;
            seed[j][33] = (uint8_t)r;
            out[j] = &rows[r - row0].v[s];
        }
        if (m == 1) {
            pqf_mldsa_rej_ntt_poly_avx2(out[0], seed[0]);
        } else {
            rej_ntt_poly_x4(out, (const uint8_t(*)[34])seed, m);
        }
    }
}

/* FIPS 204 Algorithm 32: ExpandA(rho), four entries at a time. */
void pqf_mldsa_expand_a_avx2(pqf_mldsa_polyvecl a[PQF_MLDSA_K], const uint8_t rho[32]) {
    expand_a_range(a, 0, rho, 0, PQF_MLDSA_K * PQF_MLDSA_L);
}

/* Row r of ExpandA(rho). */
void pqf_mldsa_expand_a_row_avx2(pqf_mldsa_polyvecl *row, const uint8_t rho[32], unsigned r) {
    expand_a_range(row, r, rho, r * PQF_MLDSA_L, PQF_MLDSA_L);
}

/* FIPS 204 Algorithm 31: RejBoundedPoly for up to four 66-byte seeds, as
 * rej_ntt_poly_x4. The buffers held secret stream bytes and are wiped. */
static void rej_bounded_x4(pqf_mldsa_poly *out[4], const uint8_t seed[4][66], unsigned count) {
    pqf_keccakx4_state st;
    uint8_t buf[4][BOUNDED_BYTES];
    int32_t tmp[4][PQF_MLDSA_N + SLACK];
    unsigned ctr[4] = {0, 0, 0, 0};
    unsigned j, last = count - 1, done;
    size_t len = BOUNDED_BYTES;

    pqf_shake256x4_absorb_once(&st, seed[0], seed[count > 1 ? 1 : last],
                               seed[count > 2 ? 2 : last], seed[count > 3 ? 3 : last], 66);
    pqf_shake256x4_squeezeblocks(buf[0], buf[1], buf[2], buf[3], BOUNDED_BLOCKS, &st);
    for (;;) {
        done = 0;
        for (j = 0; j < count; j++) {
            ctr[j] = parse_bounded(tmp[j], ctr[j], buf[j], len);
            done += ctr[j] >= PQF_MLDSA_N;
        }
        /* The counts depend only on how many nibbles were rejected. */
        if (done == count) {
            break;
        }
        pqf_shake256x4_squeezeblocks(buf[0], buf[1], buf[2], buf[3], 1, &st);
        len = PQF_SHAKE256_RATE;
    }
    for (j = 0; j < count; j++) {
        memcpy(out[j]->c, tmp[j], sizeof(out[j]->c));
    }
    pqf_wipe(tmp, sizeof(tmp));
    pqf_wipe(buf, sizeof(buf));
    pqf_keccakx4_wipe(&st);
}

/* FIPS 204 Algorithm 33: ExpandS(rho'): s1 from indices 0..l-1, s2 from
 * l..l+k-1, four polynomials at a time. */
void pqf_mldsa_expand_s_avx2(pqf_mldsa_polyvecl *s1, pqf_mldsa_polyveck *s2,
                             const uint8_t rhoprime[64]) {
    uint8_t seed[4][66];
    pqf_mldsa_poly *out[4];
    unsigned n, j;
    for (n = 0; n < PQF_MLDSA_L + PQF_MLDSA_K; n += 4) {
        unsigned m = PQF_MLDSA_L + PQF_MLDSA_K - n < 4 ? PQF_MLDSA_L + PQF_MLDSA_K - n : 4;
        for (j = 0; j < m; j++) {
            unsigned idx = n + j;
            memcpy(seed[j], rhoprime, 64);
            seed[j][64] = (uint8_t)idx;
            seed[j][65] = 0;
            out[j] = idx < PQF_MLDSA_L ? &s1->v[idx] : &s2->v[idx - PQF_MLDSA_L];
        }
        rej_bounded_x4(out, (const uint8_t(*)[66])seed, m);
    }
    pqf_wipe(seed, sizeof(seed));
}

/* FIPS 204 Algorithm 34: ExpandMask(rho'', kappa): y_r from
 * SHAKE256(rho'' || kappa + r), four at a time; a last single one alone. */
void pqf_mldsa_expand_mask_avx2(pqf_mldsa_polyvecl *y, const uint8_t rhopp[64],
                                unsigned kappa) {
    pqf_keccakx4_state st;
    uint8_t seed[4][66];
    uint8_t buf[4][MASK_BLOCKS * PQF_SHAKE256_RATE];
    unsigned n, j;
    for (n = 0; n < PQF_MLDSA_L; n += 4) {
        unsigned m = PQF_MLDSA_L - n < 4 ? PQF_MLDSA_L - n : 4;
        for (j = 0; j < 4; j++) {
            unsigned idx = kappa + n + (j < m ? j : m - 1);
            memcpy(seed[j], rhopp, 64);
            seed[j][64] = (uint8_t)idx;
            seed[j][65] = (uint8_t)(idx >> 8);
        }
        if (m == 1) {
            pqf_shake256(buf[0], PQF_MLDSA_POLY_Z_BYTES, seed[0], 66);
        } else {
            pqf_shake256x4_absorb_once(&st, seed[0], seed[1], seed[2], seed[3], 66);
            pqf_shake256x4_squeezeblocks(buf[0], buf[1], buf[2], buf[3], MASK_BLOCKS, &st);
        }
        for (j = 0; j < m; j++) {
            pqf_mldsa_poly_z_unpack(&y->v[n + j], buf[j]);
        }
    }
    pqf_wipe(seed, sizeof(seed));
    pqf_wipe(buf, sizeof(buf));
    pqf_keccakx4_wipe(&st);
}

#else
typedef int pqf_mldsa_sampling_avx2_unused; /* ISO C: no empty translation unit */
#endif

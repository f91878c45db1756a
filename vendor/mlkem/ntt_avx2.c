/*
 * FIPS 203 section 4.3 on AVX2: NTT (Algorithm 9), NTT^-1 (Algorithm 10) and
 * MultiplyNTTs / BaseCaseMultiply (Algorithms 11 and 12), plus the reductions
 * of reduce.h, sixteen 16-bit coefficients per vector.
 *
 * Each routine performs the arithmetic of its portable twin in ntt.c and
 * reduce.c (same Montgomery products, same Barrett steps, at the same layers),
 * so every output equals the portable output, bounds included.
 *
 * Layout. A polynomial is 16 vectors, vector r holding coefficients 16r..16r+15.
 * The layers len = 128, 64, 32 pair whole vectors (r with r + 8, r + 4, r + 2):
 * they run on the eight vectors r, r + 2, ..., r + 14 (r = 0, 1), which those
 * layers never mix with the others. Then each pair of vectors (A, B) =
 * (2b, 2b + 1) does len = 16 (A against B) and the three layers inside one
 * vector, after moving each butterfly's two operands to the same position of
 * two vectors:
 *   len = 8: X = [A0-7 | B0-7],            Y = [A8-15 | B8-15]      (permute2x128)
 *   len = 4: X = [A0-3 A8-11 | B0-3 B8-11], Y = [A4-7 A12-15 | ...]  (unpack 64)
 *   len = 2: X = [A0A1 A4A5 A8A9 A12A13 | ...], Y = [A2A3 A6A7 ...] (blend 32)
 * and back. The twiddle vectors for those layers, in that lane order, are
 * generated (consts_avx2.h).
 *
 * Montgomery products by a twiddle z use its companion zq = z q^-1 mod 2^16:
 * the low half of a * zq is the t of the Montgomery reduction of a * z. Nothing
 * here branches on or indexes with a coefficient.
 */
#include "avx2.h"

#ifdef PQF_MLKEM_HAVE_AVX2

#include <immintrin.h>

#include "consts_avx2.h"

typedef __m256i vec;

#define LOADV(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define STOREV(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))

/* a * z * 2^-16 mod q with |result| < q (pqf_mlkem_fqmul(z, a)). */
static inline vec mul_twiddle(vec a, vec z, vec zq) {
    const vec q = _mm256_set1_epi16(PQF_MLKEM_Q);
    vec hi = _mm256_mulhi_epi16(a, z);
    vec t = _mm256_mullo_epi16(a, zq);
    return _mm256_sub_epi16(hi, _mm256_mulhi_epi16(t, q));
}

/* a * b * 2^-16 mod q (pqf_mlkem_fqmul(a, b)), both operands variable. */
static inline vec mul_mont(vec a, vec b) {
    const vec q = _mm256_set1_epi16(PQF_MLKEM_Q);
    const vec qinv = _mm256_set1_epi16(PQF_MLKEM_AVX2_QINV);
    vec hi = _mm256_mulhi_epi16(a, b);
    vec t = _mm256_mullo_epi16(_mm256_mullo_epi16(a, b), qinv);
    return _mm256_sub_epi16(hi, _mm256_mulhi_epi16(t, q));
}

/* pqf_mlkem_barrett_reduce: a - q * ((v a + 2^25) >> 26). The high half of
 * v a is floor(v a / 2^16); mulhrs by 2^5 then rounds it: floor((h + 2^9) / 2^10),
 * which is the same quotient. */
static inline vec barrett(vec a) {
    const vec v = _mm256_set1_epi16(PQF_MLKEM_AVX2_BARRETT_V);
    vec t = _mm256_mulhrs_epi16(_mm256_mulhi_epi16(a, v), _mm256_set1_epi16(1 << 5));
    return _mm256_sub_epi16(a, _mm256_mullo_epi16(t, _mm256_set1_epi16(PQF_MLKEM_Q)));
}

/* pqf_mlkem_caddq: a + q when a is negative. */
static inline vec caddq(vec a) {
    vec neg = _mm256_srai_epi16(a, 15);
    return _mm256_add_epi16(a, _mm256_and_si256(neg, _mm256_set1_epi16(PQF_MLKEM_Q)));
}

/* Twiddle k of pqf_mlkem_avx2_zetas, broadcast, with its companion. */
#define ZETA(k) _mm256_set1_epi16(pqf_mlkem_avx2_zetas[0][k])
#define ZETAQ(k) _mm256_set1_epi16(pqf_mlkem_avx2_zetas[1][k])

/* Cooley-Tukey: (lo, hi) <- (lo + z hi, lo - z hi). */
#define CT(lo, hi, z, zq)                                                        \
    do {                                                                         \
        vec t_ = mul_twiddle((hi), (z), (zq));                                   \
        (hi) = _mm256_sub_epi16((lo), t_);                                       \
        (lo) = _mm256_add_epi16((lo), t_);                                       \
    } while (0)

/* Gentleman-Sande: (lo, hi) <- (lo + hi, z (hi - lo)). */
#define GS(lo, hi, z, zq)                                                        \
    do {                                                                         \
        vec t_ = (lo);                                                           \
        (lo) = _mm256_add_epi16(t_, (hi));                                       \
        (hi) = mul_twiddle(_mm256_sub_epi16((hi), t_), (z), (zq));               \
    } while (0)

/* The three operand arrangements of the header comment, from one to the next. */
#define TO_LEN8(a, b, x, y)                                                      \
    do {                                                                         \
        (x) = _mm256_permute2x128_si256((a), (b), 0x20);                         \
        (y) = _mm256_permute2x128_si256((a), (b), 0x31);                         \
    } while (0)
#define UNPACK64(a, b, x, y)                                                     \
    do {                                                                         \
        (x) = _mm256_unpacklo_epi64((a), (b));                                   \
        (y) = _mm256_unpackhi_epi64((a), (b));                                   \
    } while (0)
#define BLEND32(a, b, x, y)                                                      \
    do {                                                                         \
        (x) = _mm256_blend_epi32((a), _mm256_slli_epi64((b), 32), 0xAA);         \
        (y) = _mm256_blend_epi32(_mm256_srli_epi64((a), 32), (b), 0xAA);         \
    } while (0)
/* (unpack 64 and blend 32 are each their own inverse; permute2x128 too.) */

/* FIPS 203 Algorithm 9 (pqf_mlkem_ntt). */
void pqf_mlkem_ntt_avx2(int16_t f[PQF_MLKEM_N]) {
    unsigned r, i, b;
    for (r = 0; r < 2; r++) {
        vec x[8];
        for (i = 0; i < 8; i++) {
            x[i] = LOADV(f + 16 * (r + 2 * i)); /* vector r + 2i */
        }
        for (i = 0; i < 4; i++) { /* len = 128: vectors v and v + 8 */
            CT(x[i], x[i + 4], ZETA(1), ZETAQ(1));
        }
        CT(x[0], x[2], ZETA(2), ZETAQ(2)); /* len = 64: v and v + 4 */
        CT(x[1], x[3], ZETA(2), ZETAQ(2));
        CT(x[4], x[6], ZETA(3), ZETAQ(3));
        CT(x[5], x[7], ZETA(3), ZETAQ(3));
        for (i = 0; i < 8; i += 2) { /* len = 32: v and v + 2, block i / 2 */
            CT(x[i], x[i + 1], ZETA(4 + i / 2), ZETAQ(4 + i / 2));
        }
        for (i = 0; i < 8; i++) {
            STOREV(f + 16 * (r + 2 * i), x[i]);
        }
    }
    for (b = 0; b < 8; b++) {
        const int16_t(*t)[16] = pqf_mlkem_avx2_fwd_inner[b];
        vec a = LOADV(f + 32 * b), c = LOADV(f + 32 * b + 16), x, y;
        CT(a, c, ZETA(8 + b), ZETAQ(8 + b)); /* len = 16 */
        TO_LEN8(a, c, x, y);
        CT(x, y, LOADV(t[0]), LOADV(t[1])); /* len = 8 */
        UNPACK64(x, y, a, c);
        CT(a, c, LOADV(t[2]), LOADV(t[3])); /* len = 4 */
        BLEND32(a, c, x, y);
        CT(x, y, LOADV(t[4]), LOADV(t[5])); /* len = 2 */
        BLEND32(x, y, a, c);
        UNPACK64(a, c, x, y);
        TO_LEN8(x, y, a, c);
        STOREV(f + 32 * b, a);
        STOREV(f + 32 * b + 16, c);
    }
}

/* FIPS 203 Algorithm 10 (pqf_mlkem_ntt_inverse): the sums are Barrett-reduced
 * at len = 8 and len = 64, and the last layer applies 128^-1 2^16, as in ntt.c. */
void pqf_mlkem_ntt_inverse_avx2(int16_t f[PQF_MLKEM_N]) {
    const vec s0 = _mm256_set1_epi16(PQF_MLKEM_AVX2_INV128_R2);
    const vec s0q = _mm256_set1_epi16(PQF_MLKEM_AVX2_INV128_R2_QINV);
    const vec s1 = _mm256_set1_epi16(PQF_MLKEM_AVX2_ZETA1_INV128_R2);
    const vec s1q = _mm256_set1_epi16(PQF_MLKEM_AVX2_ZETA1_INV128_R2_QINV);
    unsigned r, i, b;
    for (b = 0; b < 8; b++) {
        const int16_t(*t)[16] = pqf_mlkem_avx2_inv_inner[b];
        vec a = LOADV(f + 32 * b), c = LOADV(f + 32 * b + 16), x, y;
        TO_LEN8(a, c, x, y);
        UNPACK64(x, y, a, c);
        BLEND32(a, c, x, y);
        GS(x, y, LOADV(t[4]), LOADV(t[5])); /* len = 2 */
        BLEND32(x, y, a, c);
        GS(a, c, LOADV(t[2]), LOADV(t[3])); /* len = 4 */
        UNPACK64(a, c, x, y);
        GS(x, y, LOADV(t[0]), LOADV(t[1])); /* len = 8 */
        x = barrett(x);
        TO_LEN8(x, y, a, c);
        GS(a, c, ZETA(15 - b), ZETAQ(15 - b)); /* len = 16 */
        STOREV(f + 32 * b, a);
        STOREV(f + 32 * b + 16, c);
    }
    for (r = 0; r < 2; r++) {
        vec x[8];
        for (i = 0; i < 8; i++) {
            x[i] = LOADV(f + 16 * (r + 2 * i));
        }
        for (i = 0; i < 8; i += 2) { /* len = 32 */
            GS(x[i], x[i + 1], ZETA(7 - i / 2), ZETAQ(7 - i / 2));
        }
        GS(x[0], x[2], ZETA(3), ZETAQ(3)); /* len = 64 */
        GS(x[1], x[3], ZETA(3), ZETAQ(3));
        GS(x[4], x[6], ZETA(2), ZETAQ(2));
        GS(x[5], x[7], ZETA(2), ZETAQ(2));
        x[0] = barrett(x[0]);
        x[1] = barrett(x[1]);
        x[4] = barrett(x[4]);
        x[5] = barrett(x[5]);
        for (i = 0; i < 4; i++) { /* len = 128 with the factor 128^-1 2^16 */
            vec lo = x[i];
            x[i] = mul_twiddle(_mm256_add_epi16(lo, x[i + 4]), s0, s0q);
            x[i + 4] = mul_twiddle(_mm256_sub_epi16(x[i + 4], lo), s1, s1q);
        }
        for (i = 0; i < 8; i++) {
            STOREV(f + 16 * (r + 2 * i), x[i]);
        }
    }
}

/*
 * FIPS 203 Algorithms 11 and 12 summed over a row: for each pair (a0, a1),
 * (b0, b1), c0 = a0 b0 + fqmul(a1, b1) gamma and c1 = a0 b1 + a1 b0 as 32-bit
 * sums (vpmaddwd on (a0, m) . (b0, gamma) and on (a0, a1) . (b1, b0)), added
 * over j, then one Montgomery reduction: pqf_mlkem_multiply_ntts_acc then
 * pqf_mlkem_acc_reduce, the same values.
 */
void pqf_mlkem_multiply_row_avx2(int16_t r[PQF_MLKEM_N], const int16_t *const a[PQF_MLKEM_K],
                                 const int16_t *const b[PQF_MLKEM_K]) {
    const vec q = _mm256_set1_epi16(PQF_MLKEM_Q);
    const vec qinv = _mm256_set1_epi16(PQF_MLKEM_AVX2_QINV);
    const vec swap = LOADV(pqf_mlkem_avx2_swap16);
    unsigned i, j;
    for (i = 0; i < PQF_MLKEM_N; i += 16) {
        const vec gamma = LOADV(pqf_mlkem_avx2_gamma_odd + i);
        vec c0 = _mm256_setzero_si256(), c1 = _mm256_setzero_si256(), lo, hi, t;
        for (j = 0; j < PQF_MLKEM_K; j++) {
            const vec x = LOADV(a[j] + i), y = LOADV(b[j] + i);
            const vec m = mul_mont(x, y); /* fqmul(a1, b1) at the odd positions */
            c0 = _mm256_add_epi32(c0, _mm256_madd_epi16(_mm256_blend_epi16(x, m, 0xAA),
                                                        _mm256_blend_epi16(y, gamma, 0xAA)));
            c1 = _mm256_add_epi32(c1, _mm256_madd_epi16(x, _mm256_shuffle_epi8(y, swap)));
        }
        /* Montgomery reduction of each 32-bit sum: low halves and high halves
         * of (c0, c1) interleaved back into coefficient order. */
        lo = _mm256_blend_epi16(c0, _mm256_slli_epi32(c1, 16), 0xAA);
        hi = _mm256_blend_epi16(_mm256_srli_epi32(c0, 16), c1, 0xAA);
        t = _mm256_mullo_epi16(lo, qinv);
        STOREV(r + i, _mm256_sub_epi16(hi, _mm256_mulhi_epi16(t, q)));
    }
}

void pqf_mlkem_reduce_avx2(int16_t a[PQF_MLKEM_N]) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i += 16) {
        STOREV(a + i, barrett(LOADV(a + i)));
    }
}

void pqf_mlkem_canonical_avx2(int16_t a[PQF_MLKEM_N]) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i += 16) {
        STOREV(a + i, caddq(barrett(LOADV(a + i))));
    }
}

void pqf_mlkem_tomont_avx2(int16_t a[PQF_MLKEM_N]) {
    const vec z = _mm256_set1_epi16(PQF_MLKEM_AVX2_MONT_R2);
    const vec zq = _mm256_set1_epi16(PQF_MLKEM_AVX2_MONT_R2_QINV);
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i += 16) {
        STOREV(a + i, mul_twiddle(LOADV(a + i), z, zq));
    }
}

void pqf_mlkem_add_avx2(int16_t r[PQF_MLKEM_N], const int16_t a[PQF_MLKEM_N]) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i += 16) {
        STOREV(r + i, _mm256_add_epi16(LOADV(r + i), LOADV(a + i)));
    }
}

void pqf_mlkem_sub_avx2(int16_t r[PQF_MLKEM_N], const int16_t a[PQF_MLKEM_N]) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i += 16) {
        STOREV(r + i, _mm256_sub_epi16(LOADV(r + i), LOADV(a + i)));
    }
}

#else
/* Not x86-64: nothing to compile (ISO C wants a declaration in every unit). */
typedef int pqf_mlkem_ntt_avx2_unused;
#endif

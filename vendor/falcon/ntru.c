/*
 * Falcon specification section 3.8.2, Algorithm 6: NTRUSolve, finding F, G with
 * f*G - g*F = q by descending the tower of field norms
 *     f_{d+1}(y) = f0(y)^2 - y f1(y)^2   (f_d(x) = f0(x^2) + x f1(x^2)),
 * solving the integer equation at the bottom with an extended GCD, and lifting
 *     F_d(x) = F_{d+1}(x^2) g_d(-x),  G_d(x) = G_{d+1}(x^2) f_d(-x),
 * each lifted pair being size-reduced against (f_d, g_d) with Babai's rounding
 * (Algorithm 7, Reduce), computed in floating point on scaled approximations.
 * The pair found at the bottom is lifted as it is. At depths logn - 1 .. 2 the
 * reduction follows a fixed schedule (ntru_sched and reduce_fixed below,
 * rewritten clean room from vendor/falcon/SPEC-NOTES.md 5.7), which also
 * decides when a candidate (f, g) is given up, as the known-answer keys
 * require. At
 * depths 1 and 0 it runs to its fixed point with exact inputs (reduce_small),
 * so the result is the unique reduced solution: (F, G) minus round(k)*(f, g)
 * with k = (F adj(f) + G adj(g)) / (f adj(f) + g adj(g)).
 *
 * Integers are two's complement, 32-bit limbs, little-endian, with a fixed
 * number of limbs per depth (tables below, sized from the observed sizes of
 * the norms plus a wide margin); arithmetic wraps modulo 2^(32 L), which is
 * exact whenever the true value fits, and the final result is checked exactly.
 * The multiplicands of the polynomial products (the tower, and each reduced
 * pair before it is lifted) are switched to sign-magnitude form once, and the
 * products are summed per output coefficient in short accumulators (one-limb
 * factors: carry-free 64-bit columns), so that no product touches a full
 * output integer.
 *
 * Timing: constant time. The limb loops and polynomial products have fixed
 * bounds, the sign handling is masked, the extended GCD at the bottom runs a
 * fixed number of divsteps, and the reduction rounds and their shifts are
 * fixed at every depth. The one decision taken on secret values is whether to
 * give the candidate (f, g) up, declassified where it is taken
 * (assurance/suppressions.md, K1).
 */
#include <string.h>

#include "internal.h"

#include "cpu.h"
#include "ct.h"

#define Q PQF_FALCON_Q
#define LOGN PQF_FALCON_LOGN

/* Bits (of the absolute value) allowed for f_d and g_d at depth d: the largest
 * observed sizes (the same for n = 512 and 1024 at a given depth) plus about
 * 5% and 10 bits; at depth 2 (about 24 bits, spread 0.25) 30, so that f_2 and
 * g_2 take one limb and their products the one-limb kernels. A value beyond
 * its bound wraps, and the final exact check then discards the candidate. */
static const uint16_t bits_fg[11] = {6, 16, 30, 60, 116, 226, 440, 850, 1680, 3330, 6620};
/* Extra bits allowed for a size-reduced F_d, G_d over f_d, g_d. */
#define RED_SLACK 24

/*
 * The fixed reduction schedule of depths logn - 1 .. 2 (SPEC-NOTES.md 5.7).
 * This part (the table below and reduce_fixed with its helpers) was written
 * clean room from that note.
 *
 * The known-answer keys come from a key generation whose NTRUSolve gives a
 * candidate (f, g) up when its reduction, run as a fixed sequence of rounds,
 * produces a quotient that does not fit a signed 32-bit word; to reproduce
 * those keys the same candidates must be given up, so the rounds here are the
 * ones the note describes, driven by four numbers per depth d (d = 0 .. 10,
 * counted from the top, the same for n = 512 and 1024):
 *
 *   SD_MEAN    a_d: typical bit length of f_d, g_d
 *   SD_SPREAD  e_d: its spread (the rounds use a_d - 6 e_d and a_d + 6 e_d)
 *   SD_WRED    W_d: 31-bit words of f_d, g_d and of the reduced F_d, G_d
 *              (at the bottom: the words the Bezout pair must fit)
 *   SD_WLIFT   H_d: 31-bit words of the lifted F_d, G_d (d <= 9; 0 at d = 10)
 *
 * These are inherited measurements, not derivable from any definition
 * (SPEC-NOTES.md 5.7.1 and 12: W_d follows ceil((a_d + 6 e_d + 1) / 31)
 * except at d = 2 and 9, H_d has no formula); changing any of them changes
 * which candidates are rejected. scripts/gen_falcon_tables.py pins them and
 * --check compares them with this table.
 */
enum { SD_MEAN, SD_SPREAD, SD_WRED, SD_WLIFT };
static const uint16_t ntru_sched[11][4] = {
    /* d =  0 */ {4, 0, 1, 2},
    /* d =  1 */ {11, 1, 1, 2},
    /* d =  2 */ {24, 1, 2, 5},
    /* d =  3 */ {50, 1, 2, 7},
    /* d =  4 */ {102, 1, 4, 12},
    /* d =  5 */ {202, 2, 7, 21},
    /* d =  6 */ {401, 4, 14, 40},
    /* d =  7 */ {794, 5, 27, 78},
    /* d =  8 */ {1577, 8, 53, 157},
    /* d =  9 */ {3138, 13, 106, 308},
    /* d = 10 */ {6308, 25, 209, 0}};
/* at most this many 31-bit words are read into a binary64 approximation */
#define WIN_WORDS 10
/* the shift decreases by this many bits per round */
#define SHIFT_DEC 25

static unsigned words_red(unsigned d) {
    return ntru_sched[d][SD_WRED];
}
static unsigned words_lift(unsigned d) {
    return ntru_sched[d][SD_WLIFT];
}

static size_t limbs_for(unsigned bits) {
    return (size_t)(bits + 1 + 31) / 32; /* one sign bit */
}
static size_t lf(unsigned d) {
    return limbs_for(bits_fg[d]);
}
/* bits of a reduced F_d, G_d (d < logn): the slack allowed over f_d, g_d, or
 * the schedule's words at the depths it reduces */
static unsigned red_bits(unsigned d) {
    unsigned b = bits_fg[d] + RED_SLACK;
    return b < 31u * words_red(d) ? 31u * words_red(d) : b;
}
/* limbs of F_d, G_d (lifted, before reduction) */
static size_t lbig(unsigned d) {
    unsigned b;
    if (d == LOGN) {
        b = bits_fg[d] + 16; /* q * Bezout coefficient */
    } else {
        b = (d + 1 == LOGN ? bits_fg[d + 1] + 16u : red_bits(d + 1)) + bits_fg[d] +
            (LOGN - d) + 4;
        if (b < 31u * words_lift(d)) {
            b = 31u * words_lift(d);
        }
    }
    return limbs_for(b);
}

/* ---- fixed-length two's complement integers ---- */

static uint32_t bn_sign(const uint32_t *x, size_t L) {
    return (uint32_t)0 - (x[L - 1] >> 31);
}

/* sign mask of a sign-magnitude value (see bn_to_sm) */
static uint32_t sm_sign(const uint32_t *x, size_t L) {
    return (uint32_t)0 - (x[L - 1] >> 31);
}

/* d = s, sign-extended or truncated to Ld limbs */
static void bn_copy_ext(uint32_t *d, size_t Ld, const uint32_t *s, size_t Ls) {
    size_t i;
    uint32_t m = bn_sign(s, Ls);
    for (i = 0; i < Ld; i++) {
        d[i] = i < Ls ? s[i] : m; /* public lengths */
    }
}

/* x = m ? -x : x */
static void bn_cneg(uint32_t *x, size_t L, uint32_t m) {
    uint64_t c = m & 1u;
    size_t i;
    for (i = 0; i < L; i++) {
        c += (uint64_t)(x[i] ^ m);
        x[i] = (uint32_t)c;
        c >>= 32;
    }
}

/* d += m ? -a : a (both L limbs) */
static void bn_add_cneg(uint32_t *d, const uint32_t *a, size_t L, uint32_t m) {
    uint64_t c = m & 1u;
    size_t i;
    for (i = 0; i < L; i++) {
        c += (uint64_t)d[i] + (uint64_t)(a[i] ^ m);
        d[i] = (uint32_t)c;
        c >>= 32;
    }
}

/* |x| into y (L limbs), returns the sign mask */
static uint32_t bn_abs(uint32_t *y, const uint32_t *x, size_t L) {
    uint32_t m = bn_sign(x, L);
    memmove(y, x, L * sizeof *y);
    bn_cneg(y, L, m);
    return m;
}

/*
 * d (Ld limbs) += (neg ? -1 : 1) * a * b, a of La limbs and b of Lb limbs, all
 * signed; tmp holds La + Lb + Ld limbs.
 */
static void bn_mul_acc(uint32_t *d, size_t Ld, const uint32_t *a, size_t La,
                       const uint32_t *b, size_t Lb, uint32_t neg, uint32_t *tmp) {
    uint32_t *ta = tmp, *tb = tmp + La, *p = tmp + La + Lb;
    uint32_t m;
    size_t i, j;
    m = bn_abs(ta, a, La) ^ bn_abs(tb, b, Lb) ^ neg;
    memset(p, 0, Ld * sizeof *p);
    for (i = 0; i < La && i < Ld; i++) {
        uint64_t c = 0;
        for (j = 0; j < Lb && i + j < Ld; j++) {
            c += (uint64_t)p[i + j] + (uint64_t)ta[i] * tb[j];
            p[i + j] = (uint32_t)c;
            c >>= 32;
        }
        if (i + j < Ld) {
            p[i + j] = (uint32_t)c;
        }
    }
    bn_add_cneg(d, p, Ld, m);
}

/* bit length of a 32-bit value (constant time) */
static uint32_t bitlen32(uint32_t y) {
    uint32_t len = 0, k;
    for (k = 16; k > 0; k >>= 1) {
        uint32_t hi = pqf_ct_mask_nonzero_u32(y >> k);
        len += k & hi;
        y = pqf_ct_select_u32(hi, y >> k, y);
    }
    return len + (y & 1u);
}

/* bit length of |x| (constant time): the top nonzero limb of |x| is found
 * with masks, then measured once */
static unsigned bn_bitlen(const uint32_t *x, size_t L) {
    uint32_t m = bn_sign(x, L), c = m & 1u, top = 0, topi = 0;
    size_t i;
    for (i = 0; i < L; i++) {
        uint64_t t = (uint64_t)(x[i] ^ m) + c;
        uint32_t y = (uint32_t)t, nz = pqf_ct_mask_nonzero_u32(y);
        c = (uint32_t)(t >> 32);
        top = pqf_ct_select_u32(nz, y, top);
        topi = pqf_ct_select_u32(nz, (uint32_t)i, topi);
    }
    return 32 * topi + bitlen32(top);
}

static unsigned poly_maxbits(const uint32_t *x, size_t m, size_t L) {
    unsigned mx = 0;
    size_t u;
    for (u = 0; u < m; u++) {
        uint32_t b = bn_bitlen(x + u * L, L);
        mx = pqf_ct_select_u32(pqf_ct_mask_lt_u32(mx, b), b, mx);
    }
    return mx;
}

/* 2^e as a double; 0 outside the normal range (callers only scale limbs that
 * are zero there) */
static double pow2(int e) {
    uint64_t bits;
    double r;
    /* ok = 1 iff -1022 <= e <= 1023 */
    uint32_t ok = (((uint32_t)(e + 1022) >> 31) | ((uint32_t)(1023 - e) >> 31)) ^ 1u;
    bits = (uint64_t)(uint32_t)(e + 1023) << 52;
    bits &= (uint64_t)0 - (uint64_t)ok;
    memcpy(&r, &bits, sizeof r);
    return r;
}

/* x * 2^-e as a double (approximate) */
static double bn_to_double(const uint32_t *x, size_t L, int e) {
    uint32_t m = bn_sign(x, L), c = m & 1u;
    double r = 0.0;
    uint64_t bits;
    size_t i;
    for (i = 0; i < L; i++) {
        uint64_t t = (uint64_t)(x[i] ^ m) + c;
        c = (uint32_t)(t >> 32);
        r += (double)(uint32_t)t * pow2((int)(32 * i) - e);
    }
    memcpy(&bits, &r, sizeof bits);
    bits ^= (uint64_t)(m & 1u) << 63;
    memcpy(&r, &bits, sizeof r);
    return r;
}

/* ---- sign-magnitude form and product kernels ----
 *
 * The multiplicands of the products below (f_d and g_d in the tower, and the
 * reduced F_{d+1}, G_{d+1} before they are lifted) are converted once to
 * sign-magnitude form: |x| in the limbs with the sign in bit 31 of the top
 * limb (every such value has |x| < 2^(32 L - 1)), so that no product has to
 * recompute an absolute value. Sums of products are accumulated exactly in
 * short two's complement accumulators, one output coefficient at a time, and
 * stored once; the result modulo 2^(32 L) is the same as adding every product
 * truncated to L limbs. Signs only ever select masks.
 */

#define TOPBIT 0x80000000u

/* two's complement (L limbs) to sign-magnitude, in place */
static void bn_to_sm(uint32_t *x, size_t L) {
    uint32_t m = bn_sign(x, L);
    bn_cneg(x, L, m);
    x[L - 1] |= m & TOPBIT;
}

/* sign-magnitude (L limbs) to two's complement L-limb y */
static void sm_to_bn(uint32_t *y, const uint32_t *x, size_t L) {
    uint32_t m = sm_sign(x, L);
    memmove(y, x, L * sizeof *y);
    y[L - 1] &= ~TOPBIT;
    bn_cneg(y, L, m);
}

static void poly_to_sm(uint32_t *x, size_t m, size_t stride, size_t L) {
    size_t u;
    for (u = 0; u < m; u++) {
        bn_to_sm(x + u * stride, L);
    }
}

/* limb t of |x| for a sign-magnitude x of L limbs */
static uint32_t sm_limb(const uint32_t *x, size_t t, size_t L) {
    return t + 1 < L ? x[t] : x[t] & ~TOPBIT; /* public index */
}

/* acc (La + Lb + 1 limbs) += (mask ? -1 : 1) * |a| * |b|, both sign-magnitude;
 * p: La + Lb limbs of scratch */
static void acc_mul(uint32_t *acc, const uint32_t *a, size_t La, const uint32_t *b,
                    size_t Lb, uint32_t mask, uint32_t *p) {
    size_t i, j, Lp = La + Lb;
    uint64_t c;
    memset(p, 0, Lp * sizeof *p);
    for (i = 0; i < La; i++) {
        uint32_t ai = sm_limb(a, i, La);
        c = 0;
        for (j = 0; j < Lb; j++) {
            c += (uint64_t)p[i + j] + (uint64_t)ai * sm_limb(b, j, Lb);
            p[i + j] = (uint32_t)c;
            c >>= 32;
        }
        p[i + Lb] = (uint32_t)c;
    }
    c = mask & 1u;
    for (i = 0; i < Lp; i++) {
        c += (uint64_t)acc[i] + (p[i] ^ mask);
        acc[i] = (uint32_t)c;
        c >>= 32;
    }
    acc[Lp] = (uint32_t)(c + acc[Lp] + mask);
}

/*
 * Column accumulators, for products with a one-limb factor: the sum of signed
 * products a * b (a of La limbs, |b| < 2^31) is kept as La columns, column t
 * weighing 2^(32 t) and summing the 64-bit two's complement values
 * v = +-a_t * b (|v| < 2^63) without carries: two words per column, the sum
 * of the low halves of the v (unsigned) and the sum of their signed high
 * halves (two's complement), so the column's value is low + 2^32 high.
 * Exact for up to 2^31 terms.
 */
static inline void col_add(uint64_t *col, uint64_t v) {
    col[0] += v & 0xFFFFFFFFu;
    col[1] += (v >> 32) - ((v >> 63) << 32);
}

static inline void col_mac(uint64_t *col, const uint32_t *a, size_t La, uint32_t b,
                           uint32_t mask) {
    uint64_t M = (uint64_t)0 - (uint64_t)(mask & 1u);
    size_t t;
    for (t = 0; t < La; t++) {
        uint64_t p = (uint64_t)sm_limb(a, t, La) * b;
        col_add(col + 2 * t, (p ^ M) - M);
    }
}

/* word w of column t, 0 outside the La columns (public indices) */
static uint64_t col_word(const uint64_t *col, size_t La, size_t t, size_t w) {
    return t < La ? col[2 * t + w] : 0;
}

/* r (Lr limbs) = sum of the La columns, modulo 2^(32 Lr). Read as unsigned,
 * a negative high sum of column t is 2^64 too large at limb t + 1, i.e. 1 too
 * large at limb t + 3: those ones form one number, subtracted by adding its
 * complement plus 1. */
static void col_fold(uint32_t *r, size_t Lr, const uint64_t *col, size_t La) {
    uint64_t c = 1;
    size_t i;
    for (i = 0; i < Lr; i++) {
        c += col_word(col, La, i, 0) & 0xFFFFFFFFu;
        if (i >= 1) {
            c += col_word(col, La, i - 1, 0) >> 32;
            c += col_word(col, La, i - 1, 1) & 0xFFFFFFFFu;
        }
        if (i >= 2) {
            c += col_word(col, La, i - 2, 1) >> 32;
        }
        c += (uint32_t)~(uint32_t)(i >= 3 ? col_word(col, La, i - 3, 1) >> 63 : 0);
        r[i] = (uint32_t)c;
        c >>= 32;
    }
}

/* ---- the tower of field norms ---- */

/* acc += (mask ? -1 : 1) |a| |b| for sign-magnitude a, b of L limbs: with
 * L = 1 acc is one column (col_mac), else La = 2 L + 1 limbs (acc_mul) */
static void sq_mac(uint32_t *acc, const uint32_t *a, const uint32_t *b, size_t L,
                   uint32_t mask, uint32_t *p) {
    if (L == 1) {
        col_mac((uint64_t *)(void *)acc, a, 1, sm_limb(b, 0, 1), mask);
    } else {
        acc_mul(acc, a, L, b, L, mask, p);
    }
}

/* acc += sign * sum over unordered pairs {i, j}, i != j, i + j = t mod h of
 * a_i a_j (each pair once), where x^h = -1; a: h sign-magnitude values of L
 * limbs at stride 2 L (the even or odd half of f) */
static void sq_pairs(uint32_t *acc, const uint32_t *a, size_t L, size_t h, size_t t,
                     uint32_t sign, uint32_t *p) {
    size_t i;
    for (i = 0; 2 * i < t; i++) { /* j = t - i > i, no wrap */
        const uint32_t *ai = a + 2 * i * L, *aj = a + 2 * (t - i) * L;
        sq_mac(acc, ai, aj, L, sm_sign(ai, L) ^ sm_sign(aj, L) ^ sign, p);
    }
    for (i = t + 1; 2 * i < t + h; i++) { /* j = t + h - i > i, x^h = -1 */
        const uint32_t *ai = a + 2 * i * L, *aj = a + 2 * (t + h - i) * L;
        sq_mac(acc, ai, aj, L, ~(sm_sign(ai, L) ^ sm_sign(aj, L) ^ sign), p);
    }
}

/* acc += sign * the squares a_i^2 with 2i = t mod h (x^h = -1) */
static void sq_diag(uint32_t *acc, const uint32_t *a, size_t L, size_t h, size_t t,
                    uint32_t sign, uint32_t *p) {
    if ((t & 1u) != 0) {
        return; /* h is 1 or even: no i with 2i = t mod h */
    }
    sq_mac(acc, a + t * L, a + t * L, L, sign, p);
    if (h > 1) {
        const uint32_t *ai = a + (t + h) * L; /* i = (t + h) / 2 */
        sq_mac(acc, ai, ai, L, ~sign, p);
    }
}

/* nf = N(f) = f0^2 - y f1^2 (h = m/2 values, Lo limbs, two's complement) from
 * f (m values, Li limbs, sign-magnitude). Coefficient t of N(f) is
 * (f0^2)_t - (f1^2)_{t-1}, with (f1^2)_{h-1} added at t = 0 (y^h = -1); each
 * square is twice its cross products plus its diagonal. tmp: 5 Li + 3 limbs,
 * 8-byte aligned. */
static void field_norm(uint32_t *nf, size_t Lo, const uint32_t *f, size_t Li, size_t m,
                       uint32_t *tmp) {
    size_t h = m >> 1, t, La = Li == 1 ? 4 : 2 * Li + 1;
    uint32_t *acc = tmp, *p = tmp + La;
    for (t = 0; t < h; t++) {
        size_t t1 = t == 0 ? h - 1 : t - 1;
        uint32_t s1 = t == 0 ? 0 : 0xFFFFFFFFu; /* public indices */
        memset(acc, 0, La * sizeof *acc);
        sq_pairs(acc, f, Li, h, t, 0, p);
        sq_pairs(acc, f + Li, Li, h, t1, s1, p);
        if (Li == 1) { /* double the column */
            uint64_t *col = (uint64_t *)(void *)acc;
            col[0] <<= 1;
            col[1] <<= 1;
        } else {
            bn_add_cneg(acc, acc, La, 0);
        }
        sq_diag(acc, f, Li, h, t, 0, p);
        sq_diag(acc, f + Li, Li, h, t1, s1, p);
        if (Li == 1) {
            col_fold(p, 3, (const uint64_t *)(const void *)acc, 1);
            bn_copy_ext(nf + t * Lo, Lo, p, 3);
        } else {
            bn_copy_ext(nf + t * Lo, Lo, acc, La);
        }
    }
}

/* the signed value of a one-limb sign-magnitude x, as a 64-bit two's
 * complement word */
static uint64_t sm1_value(uint32_t x) {
    uint64_t S = (uint64_t)0 - (uint64_t)(x >> 31);
    return ((uint64_t)(x & ~TOPBIT) ^ S) - S;
}

/* lift for one-limb g and Lp <= 2: for each Fp_i, its limbs (signed) times
 * every g_j are added to the columns of the coefficient 2i + j they reach.
 * cw: 2 Lp m + m words; acc: Lp + 2 limbs. */
static void lift_cols(uint32_t *out, size_t Lo, const uint32_t *Fp, size_t Lp, size_t Sp,
                      const uint32_t *g, size_t m, uint64_t *cw, uint32_t *acc) {
    uint64_t *col = cw, *gs = cw + 2 * Lp * m;
    size_t i, j, k, t;
    for (j = 0; j < m; j++) { /* g(-x) */
        uint64_t v = sm1_value(g[j]);
        gs[j] = (j & 1u) ? (uint64_t)0 - v : v;
    }
    memset(col, 0, 2 * Lp * m * sizeof *col);
    for (i = 0; i < (m >> 1); i++) {
        const uint32_t *a = Fp + i * Sp;
        uint64_t S = (uint64_t)0 - (uint64_t)(sm_sign(a, Lp) & 1u);
        for (t = 0; t < Lp; t++) {
            uint64_t at = ((uint64_t)sm_limb(a, t, Lp) ^ S) - S, an = (uint64_t)0 - at;
            for (j = 0; j < m - 2 * i; j++) { /* x^(2i + j) */
                col_add(col + 2 * ((2 * i + j) * Lp + t), at * gs[j]);
            }
            for (; j < m; j++) { /* x^(2i + j) = -x^(2i + j - m) */
                col_add(col + 2 * ((2 * i + j - m) * Lp + t), an * gs[j]);
            }
        }
    }
    for (k = 0; k < m; k++) {
        col_fold(acc, Lp + 2, col + 2 * k * Lp, Lp);
        bn_copy_ext(out + k * Lo, Lo, acc, Lp + 2);
    }
}

/* F_d(x) = Fp(x^2) * g(-x) modulo x^m + 1: out (m values, Lo limbs, two's
 * complement) from Fp (m/2 sign-magnitude values of Lp limbs at stride Sp)
 * and g (m sign-magnitude values, Lg limbs). With Lg = 1 the sums are kept in
 * columns (all of them in dw, 5m doubles, when Lp <= 2). tmp: 5 Lp + 2 Lg + 2
 * limbs, 8-byte aligned. */
static void lift(uint32_t *out, size_t Lo, const uint32_t *Fp, size_t Lp, size_t Sp,
                 const uint32_t *g, size_t Lg, size_t m, double *dw, uint32_t *tmp) {
    size_t k, i, La = Lg == 1 ? 4 * Lp : Lp + Lg + 1;
    uint32_t *acc = tmp, *p = tmp + La;
    uint64_t *col = (uint64_t *)(void *)tmp;
#ifdef PQF_FALCON_HAVE_AVX2
    if (Lg == 1 && m >= 4 && Lp <= PQF_FALCON_COLS4_LMAX &&
        (pqf_cpu_features() & PQF_CPU_AVX2) != 0) {
        /* dw (5m doubles, scratch) holds |g_j| and the sign mask of
         * g_j(-x), flipped for the wrap, at x = k - 2i + m for 0 < x < 2m:
         * j = x - m for x >= m, else j = x wrapped */
        uint32_t *babs = (uint32_t *)(void *)dw, *bsgn = babs + 2 * m;
        uint64_t c4[8 * PQF_FALCON_COLS4_LMAX];
        size_t x, q;
        for (x = 0; x < 2 * m; x++) {
            size_t j = x >= m ? x - m : x;
            uint32_t neg = (uint32_t)0 - (uint32_t)((j & 1u) ^ (x >= m ? 0u : 1u));
            babs[x] = g[j] & ~TOPBIT;
            bsgn[x] = sm_sign(g + j, 1) ^ neg; /* public indices */
        }
        for (k = 0; k < m; k += 4) {
            pqf_falcon_cols4_avx2(c4, Fp, Lp, Sp, m >> 1, 2, babs, bsgn, k + m);
            for (q = 0; q < 4; q++) {
                col_fold(p, Lp + 2, c4 + q * 2 * Lp, Lp);
                bn_copy_ext(out + (k + q) * Lo, Lo, p, Lp + 2);
            }
        }
        pqf_wipe(c4, sizeof c4);
        pqf_wipe(dw, 4 * m * sizeof(uint32_t));
        return;
    }
#endif
    if (Lg == 1 && Lp <= 2) {
        lift_cols(out, Lo, Fp, Lp, Sp, g, m, (uint64_t *)(void *)dw, tmp);
        return;
    }
    for (k = 0; k < m; k++) {
        memset(acc, 0, La * sizeof *acc);
        for (i = 0; i < (m >> 1); i++) {
            /* x^(2i) * x^j = x^k, wrapping when 2i > k; g(-x) negates odd j
             * (public indices) */
            size_t j = 2 * i <= k ? k - 2 * i : k + m - 2 * i;
            uint32_t neg = (uint32_t)0 - (uint32_t)((j & 1u) ^ (2 * i > k ? 1u : 0u));
            const uint32_t *a = Fp + i * Sp, *b = g + j * Lg;
            uint32_t mask = sm_sign(a, Lp) ^ sm_sign(b, Lg) ^ neg;
            if (Lg == 1) {
                col_mac(col, a, Lp, sm_limb(b, 0, 1), mask);
            } else {
                acc_mul(acc, a, Lp, b, Lg, mask, p);
            }
        }
        if (Lg == 1) {
            col_fold(p, Lp + 2, col, Lp);
            bn_copy_ext(out + k * Lo, Lo, p, Lp + 2);
        } else {
            bn_copy_ext(out + k * Lo, Lo, acc, La);
        }
    }
}

/* d (L limbs) -= x << s, x of Lx limbs (two's complement), modulo 2^(32 L) */
static void bn_sub_shifted(uint32_t *d, size_t L, const uint32_t *x, size_t Lx, unsigned s) {
    size_t sw = s >> 5, t;
    unsigned sb = s & 31;
    uint32_t sx = bn_sign(x, Lx), prev = 0;
    uint64_t c = 1; /* d + ~y + 1 */
    for (t = 0; t < L; t++) {
        uint32_t cur = t < sw ? 0 : (t - sw < Lx ? x[t - sw] : sx); /* public */
        uint32_t y = (cur << sb) | (uint32_t)((uint64_t)prev >> (32 - sb));
        prev = cur;
        c += (uint64_t)d[t] + (uint32_t)~y;
        d[t] = (uint32_t)c;
        c >>= 32;
    }
}

/* polynomial to FFT of its values scaled by 2^-e */
static void poly_to_fft(double *d, const uint32_t *x, size_t L, int e, unsigned logm) {
    size_t m = (size_t)1 << logm, u;
    for (u = 0; u < m; u++) {
        d[u] = bn_to_double(x + u * L, L, e);
    }
    pqf_falcon_fft(d, logm);
}

/*
 * The Babai update F -= 2^s (k * f mod x^m + 1) for one-limb f (sign-magnitude,
 * |f| < 2^31) and |k_j| <= 2^30: every product is an exact 64-bit signed
 * value, summed into one column per coefficient of F (col: 2m words).
 * acc: 3 limbs.
 */
static void babai_update1(uint32_t *F, size_t Lo, const uint32_t *f, const int32_t *kw,
                          size_t m, unsigned s, uint64_t *col, uint32_t *acc) {
    size_t i, u;
#ifdef PQF_FALCON_HAVE_AVX2
    if (m >= 8 && (pqf_cpu_features() & PQF_CPU_AVX2) != 0) {
        /* the same column words, low halves then high halves */
        pqf_falcon_babai_cols_avx2(col, f, kw, m);
        for (u = 0; u < m; u++) {
            uint64_t two[2];
            two[0] = col[u];
            two[1] = col[m + u];
            col_fold(acc, 3, two, 1);
            bn_sub_shifted(F + u * Lo, Lo, acc, 3, s);
        }
        return;
    }
#endif
    memset(col, 0, 2 * m * sizeof *col);
    for (i = 0; i < m; i++) {
        uint64_t fv = sm1_value(f[i]), fn = (uint64_t)0 - fv;
        for (u = i; u < m; u++) { /* x^i x^(u-i) */
            col_add(col + 2 * u, fv * (uint64_t)(int64_t)kw[u - i]);
        }
        for (u = 0; u < i; u++) { /* x^i x^(u+m-i) = -x^u */
            col_add(col + 2 * u, fn * (uint64_t)(int64_t)kw[u + m - i]);
        }
    }
    for (u = 0; u < m; u++) {
        col_fold(acc, 3, col + 2 * u, 1);
        bn_sub_shifted(F + u * Lo, Lo, acc, 3, s);
    }
}

#define SIGN64 ((uint64_t)1 << 63)
#define CLAMP30 ((uint64_t)0x41D0000000000000u) /* the bits of 2^30 */

static uint64_t dbl_bits(double x) {
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

/* min of a, b < 2^63 without a branch */
static uint64_t u64_min(uint64_t a, uint64_t b) {
    uint64_t lt = (uint64_t)0 - ((a - b) >> 63);
    return pqf_value_barrier_u64(lt & (a ^ b)) ^ b;
}

/* poly_to_fft of a sign-magnitude polynomial; tmp: L limbs */
static void sm_poly_to_fft(double *d, const uint32_t *x, size_t L, int e, unsigned logm,
                           uint32_t *tmp) {
    size_t m = (size_t)1 << logm, u;
    for (u = 0; u < m; u++) {
        sm_to_bn(tmp, x + u * L, L);
        d[u] = bn_to_double(tmp, L, e);
    }
    pqf_falcon_fft(d, logm);
}

/*
 * (F, G)_u -= 2^s sum over i + j = u mod m of k_j (f, g)_i (x^m = -1), for
 * |k_j| < 2^31: F, G of Lo limbs (two's complement), f, g of Lf limbs
 * (sign-magnitude). cw: 2m words (used when Lf = 1); tmp: 9 Lf + 2 limbs,
 * 8-byte aligned.
 */
static void sub_scaled_kf(uint32_t *F, uint32_t *G, size_t Lo, const uint32_t *f,
                          const uint32_t *g, size_t Lf, size_t m, const int32_t *kw,
                          unsigned s, uint64_t *cw, uint32_t *tmp) {
    uint64_t *colF = (uint64_t *)(void *)tmp, *colG = colF + 2 * Lf;
    uint32_t *acc = tmp + 8 * Lf;
    size_t u, i;
    if (Lf == 1) {
        babai_update1(F, Lo, f, kw, m, s, cw, acc);
        babai_update1(G, Lo, g, kw, m, s, cw, acc);
        return;
    }
#ifdef PQF_FALCON_HAVE_AVX2
    if (m >= 4 && Lf <= PQF_FALCON_COLS4_LMAX && (pqf_cpu_features() & PQF_CPU_AVX2) != 0) {
        /* cw (2m words) holds |k| and k's sign mask, flipped for the wrap, at
         * x = u - i + m for 0 < x < 2m: k_(x - m) for x >= m, else k_x wrapped */
        uint32_t *kabs = (uint32_t *)(void *)cw, *ksgn = kabs + 2 * m;
        uint64_t c4[8 * PQF_FALCON_COLS4_LMAX];
        size_t x, q;
        for (x = 0; x < 2 * m; x++) {
            uint32_t k = x >= m ? (uint32_t)kw[x - m] : (x > 0 ? (uint32_t)kw[x] : 0u);
            uint32_t km = (uint32_t)0 - (k >> 31);
            kabs[x] = (k ^ km) - km;
            ksgn[x] = km ^ (x >= m ? 0u : 0xFFFFFFFFu); /* public indices */
        }
        for (u = 0; u < m; u += 4) {
            pqf_falcon_cols4_avx2(c4, f, Lf, Lf, m, 1, kabs, ksgn, u + m);
            for (q = 0; q < 4; q++) {
                col_fold(acc, Lf + 2, c4 + q * 2 * Lf, Lf);
                bn_sub_shifted(F + (u + q) * Lo, Lo, acc, Lf + 2, s);
            }
            pqf_falcon_cols4_avx2(c4, g, Lf, Lf, m, 1, kabs, ksgn, u + m);
            for (q = 0; q < 4; q++) {
                col_fold(acc, Lf + 2, c4 + q * 2 * Lf, Lf);
                bn_sub_shifted(G + (u + q) * Lo, Lo, acc, Lf + 2, s);
            }
        }
        pqf_wipe(c4, sizeof c4);
        pqf_wipe(cw, 2 * m * sizeof *cw);
        return;
    }
#endif
    for (u = 0; u < m; u++) {
        memset(colF, 0, 4 * Lf * sizeof *colF);
        for (i = 0; i < m; i++) {
            size_t j = i <= u ? u - i : u + m - i;
            uint32_t wrap = i <= u ? 0 : 0xFFFFFFFFu; /* public indices */
            uint32_t km = (uint32_t)0 - ((uint32_t)kw[j] >> 31);
            uint32_t ka = ((uint32_t)kw[j] ^ km) - km;
            const uint32_t *fi = f + i * Lf, *gi = g + i * Lf;
            col_mac(colF, fi, Lf, ka, sm_sign(fi, Lf) ^ km ^ wrap);
            col_mac(colG, gi, Lf, ka, sm_sign(gi, Lf) ^ km ^ wrap);
        }
        col_fold(acc, Lf + 2, colF, Lf);
        bn_sub_shifted(F + u * Lo, Lo, acc, Lf + 2, s);
        col_fold(acc, Lf + 2, colG, Lf);
        bn_sub_shifted(G + u * Lo, Lo, acc, Lf + 2, s);
    }
}

/* ---- the fixed reduction schedule (SPEC-NOTES.md 5.7, clean room) ---- */

#define MASK31 0x7FFFFFFFu

/* x (L limbs, two's complement) reduced modulo 2^nb into the signed range
 * [-2^(nb - 1), 2^(nb - 1)), 0 < nb <= 32 L */
static void wrap_signed(uint32_t *x, size_t L, unsigned nb) {
    size_t top = (nb - 1) >> 5, i;
    unsigned sh = (nb - 1) & 31;
    uint32_t keep = ((uint32_t)2 << sh) - 1u; /* all ones for sh = 31 */
    uint32_t s = (uint32_t)0 - ((x[top] >> sh) & 1u);
    x[top] = (x[top] & keep) | (s & ~keep);
    for (i = top + 1; i < L; i++) { /* public bounds */
        x[i] = s;
    }
}

static void poly_wrap(uint32_t *x, size_t m, size_t L, unsigned nb) {
    size_t u;
    for (u = 0; u < m; u++) {
        wrap_signed(x + u * L, L, nb);
    }
}

/* bits 31 k .. 31 k + 30 of the two's complement x (L limbs, sign-extended
 * beyond them) */
static uint32_t word31(const uint32_t *x, size_t L, size_t k) {
    size_t b = 31 * k, i = b >> 5;
    uint64_t s = bn_sign(x, L);
    uint64_t w0 = i < L ? x[i] : s, w1 = i + 1 < L ? x[i + 1] : s; /* public */
    return (uint32_t)(((w1 << 32) | w0) >> (b & 31)) & MASK31;
}

/*
 * dbl(win(x; lo, r)) of SPEC-NOTES.md 5.7.3: the 31-bit words lo .. lo + r - 1
 * of x, read as a signed 31 r-bit value W, converted as the sum, lowest word
 * first and rounded after each addition, of the words of |W| at their
 * weights, with the sign of W (rounding to nearest is symmetric, so the sum
 * of the magnitudes with the sign applied last is the same binary64 value).
 */
static double window_dbl(const uint32_t *x, size_t L, size_t lo, size_t r) {
    uint32_t neg = (uint32_t)0 - ((word31(x, L, lo + r - 1) >> 30) & 1u);
    uint32_t c = neg & 1u; /* |W| = ~W + 1 (31 r bits) when W < 0 */
    double acc = 0.0;
    uint64_t bits;
    size_t v;
    for (v = 0; v < r; v++) {
        uint32_t t = (word31(x, L, lo + v) ^ (neg & MASK31)) + c;
        c = t >> 31;
        acc += (double)(t & MASK31) * pow2((int)(31 * v));
    }
    memcpy(&bits, &acc, sizeof bits);
    bits ^= (uint64_t)(neg & 1u) << 63;
    memcpy(&acc, &bits, sizeof acc);
    return acc;
}

/* the bits of 2^31 - 1 as a binary64: |y| is below it iff its magnitude bits
 * are (a NaN's are above) */
#define Y_LIMIT ((uint64_t)0x41DFFFFFFFC00000u)

/*
 * Depth d of the ascent (2 <= d < logn), SPEC-NOTES.md 5.7.2 to 5.7.4: the
 * lifted F, G (m values each, Lo limbs, two's complement) are reduced against
 * f, g (m values, Lf limbs, sign-magnitude) in the fixed rounds of the
 * schedule. Returns 0 when a round's quotient does not fit (the candidate is
 * given up), else 1 with F, G reduced modulo 2^(31 min(L_R, W_d)).
 * dw: 5m doubles (approximations of f, g, the denominators, two work areas);
 * kw: m words; tmp: 9 Lf + 2 limbs, 8-byte aligned.
 */
static int reduce_fixed(uint32_t *F, uint32_t *G, size_t Lo, const uint32_t *f,
                        const uint32_t *g, size_t Lf, unsigned d, double *dw, int32_t *kw,
                        uint32_t *tmp) {
    const unsigned logm = LOGN - d;
    const size_t m = (size_t)1 << logm, hm = m >> 1;
    const unsigned spread = 6u * ntru_sched[d][SD_SPREAD];
    const unsigned lo_bits = ntru_sched[d][SD_MEAN] - spread;
    const unsigned hi_bits = ntru_sched[d][SD_MEAN] + spread;
    const size_t wred = words_red(d), wlift = words_lift(d);
    const size_t wf = wred < WIN_WORDS ? wred : WIN_WORDS; /* window of f, g */
    double *ap = dw, *ag = dw + m, *inv = dw + 2 * m, *wF = dw + 3 * m, *wG = dw + 4 * m;
    size_t len = wlift, u;
    unsigned shift = 31u * (unsigned)wlift - lo_bits;

    /* approximations of f and g (their top wf words), in FFT form, with the
     * inverses of |f|^2 + |g|^2 per slot; then adjoints */
    for (u = 0; u < m; u++) {
        sm_to_bn(tmp, f + u * Lf, Lf);
        ap[u] = window_dbl(tmp, Lf, wred - wf, wf);
        sm_to_bn(tmp, g + u * Lf, Lf);
        ag[u] = window_dbl(tmp, Lf, wred - wf, wf);
    }
    pqf_falcon_fft(ap, logm);
    pqf_falcon_fft(ag, logm);
    for (u = 0; u < hm; u++) {
        double nf = ap[u] * ap[u] + ap[u + hm] * ap[u + hm];
        double ng = ag[u] * ag[u] + ag[u + hm] * ag[u + hm];
        inv[u] = 1.0 / (nf + ng);
    }
    pqf_falcon_fft_adj(ap, logm);
    pqf_falcon_fft_adj(ag, logm);

    /* the lifted pair, as read through windows of H_d words */
    poly_wrap(F, m, Lo, 31u * (unsigned)wlift);
    poly_wrap(G, m, Lo, 31u * (unsigned)wlift);

    for (;;) {
        size_t r = len < WIN_WORDS ? len : WIN_WORDS, top;
        double sc = pow2((int)(31 * (len - r)) - (int)(31 * (wred - wf)) - (int)shift);
        uint32_t over = 0;

        /* k ~ (F adj(f) + G adj(g)) / (f adj(f) + g adj(g)) / 2^shift */
        for (u = 0; u < m; u++) {
            wF[u] = window_dbl(F + u * Lo, Lo, len - r, r);
            wG[u] = window_dbl(G + u * Lo, Lo, len - r, r);
        }
        pqf_falcon_fft(wF, logm);
        pqf_falcon_fft(wG, logm);
        pqf_falcon_fft_mul(wF, ap, logm);
        pqf_falcon_fft_mul(wG, ag, logm);
        pqf_falcon_fft_add(wF, wG, logm);
        for (u = 0; u < hm; u++) {
            wF[u] *= inv[u];
            wF[u + hm] *= inv[u];
        }
        pqf_falcon_ifft(wF, logm);
        for (u = 0; u < m; u++) {
            uint64_t b = dbl_bits(wF[u] * sc), mag = b & ~SIGN64;
            double y;
            over |= (uint32_t)(1u ^ ((mag - Y_LIMIT) >> 63)); /* mag >= limit */
            /* an out-of-range value is clamped (the round is abandoned) */
            b = (b & SIGN64) | u64_min(mag, Y_LIMIT);
            memcpy(&y, &b, sizeof y);
            kw[u] = (int32_t)pqf_falcon_round_i64(y);
        }
        /* a quotient out of range gives the candidate up (public decision,
         * assurance/suppressions.md K1) */
        PQF_DECLASSIFY(&over, sizeof over);
        if (over != 0) {
            return 0;
        }
        /* exact update with the full f, g, then the wrap to this round's
         * words; wF, wG are unused here, so they lend 2m words to sub_scaled_kf */
        sub_scaled_kf(F, G, Lo, f, g, Lf, m, kw, shift, (uint64_t *)(void *)wF, tmp);
        poly_wrap(F, m, Lo, 31u * (unsigned)len);
        poly_wrap(G, m, Lo, 31u * (unsigned)len);
        /* one word less when the next round's values fit in it */
        top = shift + hi_bits + 10;
        if (top > 31 * wlift) {
            top = 31 * wlift;
        }
        if (31 * len >= top + 31) {
            len--;
        }
        if (shift == 0) {
            break;
        }
        shift = shift > SHIFT_DEC ? shift - SHIFT_DEC : 0;
    }
    poly_wrap(F, m, Lo, 31u * (unsigned)(len < wred ? len : wred));
    poly_wrap(G, m, Lo, 31u * (unsigned)(len < wred ? len : wred));
    return 1;
}
/* Depths 1 and 0: Babai rounds with exact one-limb f, g and shifts falling
 * by 30 bits from a public bound Fbits on F, G, until a round at shift 0;
 * the candidate is given up unless that last round finds k = 0. */
static int reduce_small(uint32_t *F, uint32_t *G, size_t Lo, const uint32_t *f,
                        const uint32_t *g, unsigned logm, unsigned Fbits, double *dw,
                        int32_t *kw, uint32_t *tmp) {
    size_t m = (size_t)1 << logm, u;
    double *fa = dw, *ga = dw + m, *den = dw + 2 * m, *Fa = dw + 3 * m, *Ga = dw + 4 * m;
    int s = (int)Fbits > 30 ? (int)Fbits - 30 : 0, last = 0;
    uint32_t nz = 0;

    sm_poly_to_fft(fa, f, 1, 0, logm, tmp);
    sm_poly_to_fft(ga, g, 1, 0, logm, tmp);
    memcpy(den, fa, m * sizeof *den);
    pqf_falcon_fft_sqmod(den, logm);
    memcpy(Fa, ga, m * sizeof *Fa);
    pqf_falcon_fft_sqmod(Fa, logm);
    pqf_falcon_fft_add(den, Fa, logm);
    pqf_falcon_fft_adj(fa, logm);
    pqf_falcon_fft_adj(ga, logm);

    for (;;) {
        double scale = pow2(-s);
        nz = 0;
        poly_to_fft(Fa, F, Lo, 0, logm);
        poly_to_fft(Ga, G, Lo, 0, logm);
        pqf_falcon_fft_mul(Fa, fa, logm);
        pqf_falcon_fft_mul(Ga, ga, logm);
        pqf_falcon_fft_add(Fa, Ga, logm);
        pqf_falcon_fft_div(Fa, den, logm);
        pqf_falcon_ifft(Fa, logm);
        for (u = 0; u < m; u++) {
            /* clamp |v| to 2^30 on the bit pattern (reached only when the
             * bound is broken, and then the last round finds k != 0) */
            uint64_t b = dbl_bits(Fa[u] * scale), mag = b & ~SIGN64;
            double v;
            b = (b & SIGN64) | u64_min(mag, CLAMP30);
            memcpy(&v, &b, sizeof v);
            kw[u] = (int32_t)pqf_falcon_round_i64(v);
            nz |= (uint32_t)kw[u];
        }
        if (last) {
            break;
        }
        /* Fa, Ga are free until the next round */
        sub_scaled_kf(F, G, Lo, f, g, 1, m, kw, (unsigned)s, (uint64_t *)(void *)Fa, tmp);
        if (s == 0) {
            last = 1;
        }
        s = s > 30 ? s - 30 : 0;
    }
    /* the candidate is given up when the last round finds k != 0 (a public
     * decision) */
    nz = pqf_ct_mask_nonzero_u32(nz) & 1u;
    PQF_DECLASSIFY(&nz, sizeof nz);
    return nz == 0;
}

/* ---- the extended GCD at the bottom (constant time) ----
 *
 * The modular inverse for NTRUSolve's bottom level, by
 * Bernstein-Yang divsteps ("Fast constant-time gcd computation and modular
 * inversion", D. J. Bernstein and B.-Y. Yang, TCHES 2019, section 11).
 *
 * One divstep maps (delta, f, g), f odd, to
 *     (1 - delta, g, (g - f) / 2)   if delta > 0 and g is odd,
 *     (1 + delta, f, (g + f) / 2)   if delta <= 0 and g is odd,
 *     (1 + delta, f, g / 2)         if g is even.
 * It keeps f odd and gcd(f, g) unchanged; once g = 0, f = +-gcd. Starting
 * from delta = 1, f = B, g = A, Theorem 11.2 of the paper bounds the number
 * of divsteps after which g = 0 for certain: if f^2 + 4 g^2 <= 5 * 2^(2 b),
 * then m(b) = floor((49 b + 80) / 17) divsteps suffice for b < 46 and
 * m(b) = floor((49 b + 57) / 17) for b >= 46. Here A, B < 2^(32 L - 2), so
 * b = 32 L - 2 meets the condition, and the loop runs ceil(m(b) / 30)
 * batches of 30 divsteps, a count that depends on L only. Divsteps past the
 * point where g = 0 change nothing (g stays 0, f stays put, and the
 * coefficients below keep their values modulo B).
 *
 * Each batch runs 30 divsteps on the low 30 bits of f and g alone (the first
 * k divsteps depend on the low k bits only), recording them as a matrix T
 * with 2^30 (f', g') = T (f, g); the entries are integers with
 * |T00| + |T01| <= 2^30 and |T10| + |T11| <= 2^30. T is then applied to the
 * full f and g, and the division by 2^30 is exact.
 *
 * Alongside, d and e with f = d A and g = e A (mod B) are updated with the
 * same T, starting from d = 0, e = 1. The division by 2^30 is made exact by
 * adding a multiple k B of B first (k from 1/B mod 2^30, Montgomery style).
 * Before the product, B is (implicitly) added to each of d, e that is
 * negative; with d, e in (-2B, B) that gives values in (-B, B), so
 * |T00 d + T01 e| < 2^30 B, and choosing k in (-2^30, 0] puts the sum in
 * (-2^31 B, 2^30 B): the new d, e are back in (-2B, B).
 * At the end f = +-gcd(A, B); when it is +-1, A^-1 = +-d (mod B).
 *
 * Internal numbers: M = ceil(32 L / 30) limbs of 30 bits, little-endian,
 * each stored in a uint32_t; limbs 0 .. M-2 hold values in [0, 2^30), the
 * top limb holds the rest of the value as a signed 32-bit two's complement
 * word. All intermediate arithmetic is done on uint64_t as 64-bit two's
 * complement (wrapping products and sums are exact while the true values
 * fit in a signed 64-bit word, which the bounds below guarantee); right
 * shifts of signed quantities are done with masks, so the code relies on no
 * implementation-defined signed conversion or shift.
 *
 * Timing: every loop bound derives from L alone, every decision on data is
 * a mask, no table is indexed by data, and no division instruction is used
 * (the public counts are found by loops, not by '/').
 */

#define CI_MASK30 ((uint32_t)0x3FFFFFFF)
#define CI_BATCH 30

/* sign extension of a 32-bit two's complement word to 64 bits */
static inline uint64_t ci_sx(uint32_t x) {
    return (uint64_t)x | (((uint64_t)0 - (uint64_t)(x >> 31)) << 32);
}

/* arithmetic shift right of a 64-bit two's complement value, 0 < s < 64 */
static inline uint64_t ci_sar(uint64_t x, unsigned s) {
    uint64_t m = (uint64_t)0 - (x >> 63);
    return ((x ^ m) >> s) ^ m;
}

/* all-ones if the internal number x (M limbs) is negative, else 0 */
static inline uint64_t ci_neg_mask(const uint32_t *x, size_t M) {
    return pqf_value_barrier_u64((uint64_t)0 - (uint64_t)(x[M - 1] >> 31));
}

/* 30-bit limbs from the first M limbs' worth of bits of the nonnegative
 * 32-bit-limb number X (L limbs) */
static void ci_to30(uint32_t *y, const uint32_t *X, size_t L, size_t M) {
    uint64_t acc = 0;
    unsigned nb = 0;
    size_t i = 0, j;
    for (j = 0; j < M; j++) {
        while (nb < 30) { /* public */
            acc |= (uint64_t)(i < L ? X[i] : 0u) << nb;
            i++;
            nb += 32;
        }
        y[j] = (uint32_t)acc & CI_MASK30;
        acc >>= 30;
        nb -= 30;
    }
}

/* 32-bit limbs (L of them) of the internal number x (M limbs), which must be
 * in [0, 2^(32 L)) */
static void ci_from30(uint32_t *Y, const uint32_t *x, size_t M, size_t L) {
    uint64_t acc = 0;
    unsigned nb = 0;
    size_t i, j = 0;
    for (i = 0; i < L; i++) {
        while (nb < 32) { /* public */
            acc |= (uint64_t)(j < M ? (x[j] & CI_MASK30) : 0u) << nb;
            j++;
            nb += 30;
        }
        Y[i] = (uint32_t)acc;
        acc >>= 32;
        nb -= 32;
    }
}

/* x = (m ? -x : x) + (a ? B : 0), for masks m, a (all-ones or zero) */
static void ci_negadd(uint32_t *x, const uint32_t *B, size_t M, uint64_t m, uint64_t a) {
    uint64_t c = 0;
    size_t i;
    for (i = 0; i < M; i++) {
        uint64_t xi = ci_sx(x[i]);
        c += ((xi ^ m) - m) + (ci_sx(B[i]) & a);
        if (i + 1 < M) { /* public */
            x[i] = (uint32_t)c & CI_MASK30;
            c = ci_sar(c, 30);
        } else {
            x[i] = (uint32_t)c;
        }
    }
}

/*
 * 30 divsteps on the low bits f0, g0 (f0 odd) from *delta; returns the
 * transition matrix t = {T00, T01, T10, T11} (64-bit two's complement) with
 * 2^30 (f', g') = T (f, g).
 */
static void ci_divsteps(uint64_t *t, uint64_t *delta, uint32_t f0, uint32_t g0) {
    uint64_t f = f0, g = g0, u = 1, v = 0, q = 0, r = 1, dl = *delta;
    int k;
    for (k = 0; k < CI_BATCH; k++) {
        uint64_t godd = (uint64_t)0 - (g & 1u);
        /* all-ones if delta > 0, i.e. if delta - 1 is not negative */
        uint64_t dpos = ((dl - 1u) >> 63) - 1u;
        uint64_t sw = pqf_value_barrier_u64(dpos & godd), x;
        godd = pqf_value_barrier_u64(godd);
        /* when sw: (f, g) = (g, -f), rows likewise, delta = -delta; g is
         * then odd, and the step below adds f to it */
        x = (f ^ g) & sw;
        f ^= x;
        g ^= x;
        g = (g ^ sw) - sw;
        x = (u ^ q) & sw;
        u ^= x;
        q ^= x;
        q = (q ^ sw) - sw;
        x = (v ^ r) & sw;
        v ^= x;
        r ^= x;
        r = (r ^ sw) - sw;
        dl = (dl ^ sw) - sw;
        /* g odd (unchanged parity by the swap): g += f */
        g += f & godd;
        q += u & godd;
        r += v & godd;
        /* g /= 2, kept exact by doubling the f row instead of halving */
        g >>= 1;
        u <<= 1;
        v <<= 1;
        dl += 1u;
    }
    t[0] = u;
    t[1] = v;
    t[2] = q;
    t[3] = r;
    *delta = dl;
}

/* (f, g) = T (f, g) / 2^30, exact; M limbs each */
static void ci_update_fg(uint32_t *f, uint32_t *g, size_t M, const uint64_t *t) {
    uint64_t cf, cg;
    size_t i;
    cf = t[0] * ci_sx(f[0]) + t[1] * ci_sx(g[0]);
    cg = t[2] * ci_sx(f[0]) + t[3] * ci_sx(g[0]);
    cf = ci_sar(cf, 30); /* the low 30 bits are zero */
    cg = ci_sar(cg, 30);
    for (i = 1; i < M; i++) {
        uint64_t fi = ci_sx(f[i]), gi = ci_sx(g[i]);
        cf += t[0] * fi + t[1] * gi;
        cg += t[2] * fi + t[3] * gi;
        f[i - 1] = (uint32_t)cf & CI_MASK30;
        g[i - 1] = (uint32_t)cg & CI_MASK30;
        cf = ci_sar(cf, 30);
        cg = ci_sar(cg, 30);
    }
    f[M - 1] = (uint32_t)cf;
    g[M - 1] = (uint32_t)cg;
}

/* (d, e) = (T (d, e) + (kd, ke) B) / 2^30, d, e in (-2B, B) before and after
 * (see the file comment); binv = 1/B mod 2^30 */
static void ci_update_de(uint32_t *d, uint32_t *e, const uint32_t *B, size_t M,
                         const uint64_t *t, uint64_t binv) {
    uint64_t sd = ci_neg_mask(d, M), se = ci_neg_mask(e, M);
    uint64_t kd = (t[0] & sd) + (t[1] & se);
    uint64_t ke = (t[2] & sd) + (t[3] & se);
    uint64_t cd, ce, b0 = B[0];
    size_t i;
    cd = t[0] * ci_sx(d[0]) + t[1] * ci_sx(e[0]);
    ce = t[2] * ci_sx(d[0]) + t[3] * ci_sx(e[0]);
    /* lower kd by the amount in [0, 2^30) that makes cd + kd B0 = 0 mod 2^30 */
    kd -= (binv * cd + kd) & CI_MASK30;
    ke -= (binv * ce + ke) & CI_MASK30;
    cd = ci_sar(cd + kd * b0, 30);
    ce = ci_sar(ce + ke * b0, 30);
    for (i = 1; i < M; i++) {
        uint64_t di = ci_sx(d[i]), ei = ci_sx(e[i]), bi = ci_sx(B[i]);
        cd += t[0] * di + t[1] * ei + kd * bi;
        ce += t[2] * di + t[3] * ei + ke * bi;
        d[i - 1] = (uint32_t)cd & CI_MASK30;
        e[i - 1] = (uint32_t)ce & CI_MASK30;
        cd = ci_sar(cd, 30);
        ce = ci_sar(ce, 30);
    }
    d[M - 1] = (uint32_t)cd;
    e[M - 1] = (uint32_t)ce;
}

/* limbs of 30 bits for 32 L bits: ceil(32 L / 30), without a division */
static size_t ci_limbs30(size_t L) {
    size_t M = 0;
    while (30 * M < 32 * L) { /* public */
        M++;
    }
    return M;
}

/* batches of 30 divsteps covering the Bernstein-Yang bound m(b) for b-bit
 * inputs (file comment): the least n with 30 n >= floor(X / 17),
 * i.e. 510 n + 17 > X, where X = 49 b + 57 (b >= 46) or 49 b + 80 */
static size_t ci_batches(size_t b) {
    size_t X = 49 * b + (b >= 46 ? 57 : 80), n = 0;
    while (510 * n + 17 <= X) { /* public */
        n++;
    }
    return n;
}

/* u = A^-1 mod B with 0 <= u < B, for odd B > 1 and 0 < A (A, B of L limbs,
 * two's complement, nonnegative, with at least 2 spare top bits: A, B <
 * 2^(32 L - 2)). Returns 1 when gcd(A, B) = 1, else 0 (u then unspecified).
 * Constant time: the sequence of operations and memory accesses depends
 * only on L. w: scratch of 6 L + 5 limbs (exactly 5 ceil(32 L / 30) are
 * used), need not be initialised, and is left holding secret data for the
 * caller to wipe. A and B are read only before u is written, so u may be A
 * or B; w must not overlap u, A or B. For B = 1 the result is 1 with u in
 * {0, 1} (both are A^-1 mod 1); for A = 0 it is 0 unless B = 1. */
static int ct_modinv(uint32_t *u, const uint32_t *A, const uint32_t *B, size_t L,
                     uint32_t *w) {
    size_t M = ci_limbs30(L), nb = ci_batches(32 * L - 2), k, i;
    uint32_t *f = w, *g = w + M, *d = w + 2 * M, *e = w + 3 * M, *b30 = w + 4 * M;
    uint64_t delta = 1, binv, sf, t[4];
    uint32_t nz;

    /* 1/B mod 2^30 by Newton's iteration (B0 * B0 = 1 mod 8; each step
     * doubles the correct low bits: 3, 6, 12, 24, 48) */
    binv = B[0];
    for (i = 0; i < 4; i++) {
        binv *= 2u - (uint64_t)B[0] * binv;
    }
    binv &= CI_MASK30;

    ci_to30(f, B, L, M);
    ci_to30(g, A, L, M);
    memcpy(b30, f, M * sizeof *b30);
    memset(d, 0, 2 * M * sizeof *d);
    e[0] = 1;

    for (k = 0; k < nb; k++) {
        ci_divsteps(t, &delta, f[0], g[0]);
        ci_update_fg(f, g, M, t);
        ci_update_de(d, e, b30, M, t, binv);
    }

    /* f = +-gcd; u = +-d, brought from (-2B, B) into [0, B) */
    sf = ci_neg_mask(f, M);
    ci_negadd(d, b30, M, 0, ci_neg_mask(d, M));  /* (-B, B) */
    ci_negadd(d, b30, M, sf, 0);                 /* (-B, B) */
    ci_negadd(d, b30, M, 0, ci_neg_mask(d, M));  /* [0, B) */
    ci_from30(u, d, M, L);

    /* gcd = 1 iff |f| = 1 */
    ci_negadd(f, b30, M, sf, 0);
    nz = f[0] ^ 1u;
    for (i = 1; i < M; i++) {
        nz |= f[i];
    }
    return (int)(1u & ~(pqf_ct_mask_nonzero_u32(nz)));
}

/* 1/b modulo 2^32 for odd b (Newton: each step doubles the correct bits) */
static uint32_t inv32(uint32_t b) {
    uint32_t x = b; /* b * b = 1 mod 8 */
    int i;
    for (i = 0; i < 4; i++) {
        x *= 2u - b * x;
    }
    return x;
}

/*
 * Bezout pair for odd A, B > 0 (L limbs, below 2^(32 L - 2)): u A + v B = 1
 * with 0 <= u < B. Returns 1 when gcd(A, B) = 1. Constant time for a given L
 * (ct_modinv, then an exact division). w: 7 L + 5 limbs.
 */
static int xgcd(uint32_t *u, uint32_t *v, const uint32_t *A, const uint32_t *B,
                size_t L, uint32_t *w) {
    uint32_t *d = w + 6 * L + 5;
    uint32_t binv = inv32(B[0]);
    size_t i, j;
    int ok = ct_modinv(u, A, B, L, w);
    /* d = 1 - u A = ~(u A) + 2 modulo 2^(32 L) */
    memset(d, 0, L * sizeof *d);
    for (i = 0; i < L; i++) {
        uint64_t c = 0;
        for (j = 0; i + j < L; j++) {
            c += (uint64_t)d[i + j] + (uint64_t)u[i] * A[j];
            d[i + j] = (uint32_t)c;
            c >>= 32;
        }
    }
    {
        uint64_t c = 2;
        for (i = 0; i < L; i++) {
            c += (uint32_t)~d[i];
            d[i] = (uint32_t)c;
            c >>= 32;
        }
    }
    /* v = d / B: quotient limb i cancels remainder limb i */
    for (i = 0; i < L; i++) {
        uint32_t q = d[i] * binv;
        uint64_t br = 0;
        v[i] = q;
        for (j = 0; i + j < L; j++) {
            uint64_t t = (uint64_t)q * B[j] + br;
            uint32_t r = d[i + j];
            d[i + j] = r - (uint32_t)t;
            br = (t >> 32) + (r < (uint32_t)t ? 1u : 0u);
        }
    }
    return ok;
}

/* offsets (in limbs) of f_d, g_d in the tower */
static size_t tower_off(unsigned d) {
    size_t off = 0;
    unsigned e;
    for (e = 0; e < d; e++) {
        off += 2 * ((size_t)1 << (LOGN - e)) * lf(e);
    }
    return off;
}

static size_t area_words(void) {
    size_t mx = 0;
    unsigned d;
    for (d = 0; d <= LOGN; d++) {
        size_t w = 2 * ((size_t)1 << (LOGN - d)) * lbig(d);
        mx = w > mx ? w : mx;
    }
    return mx;
}

static size_t lmax(void) {
    size_t mx = 0;
    unsigned d;
    for (d = 0; d <= LOGN; d++) {
        mx = lbig(d) > mx ? lbig(d) : mx;
    }
    return mx + lf(LOGN) + 8;
}

/* workspace: tower, two F/G areas, 5n doubles, n int32, 8 lmax limbs */
size_t PQF_FALCON_NTRU_TMP_BYTES(void) {
    size_t words = tower_off(LOGN + 1) + 2 * area_words() + 10 * ((size_t)1 << LOGN) +
                   ((size_t)1 << LOGN) + 8 * lmax();
    return 4 * words + 8;
}

/* acc = f G - g F modulo x^n + 1, for f, g in [-127, 127] and F, G in
 * [-128, 127] (the sums fit in int32) */
static void ntru_product(int32_t *acc, const int8_t *f, const int8_t *g, const int8_t *F,
                         const int8_t *G, size_t n) {
    size_t i, j;
#ifdef PQF_FALCON_HAVE_AVX2
    if (n >= 16 && (pqf_cpu_features() & PQF_CPU_AVX2) != 0) {
        pqf_falcon_ntru_check_avx2(acc, f, g, F, G, n);
        return;
    }
#endif
    memset(acc, 0, n * sizeof *acc);
    for (i = 0; i < n; i++) {
        for (j = 0; j < n; j++) {
            int32_t v = (int32_t)f[i] * G[j] - (int32_t)g[i] * F[j];
            if (i + j < n) { /* public indices */
                acc[i + j] += v;
            } else {
                acc[i + j - n] -= v;
            }
        }
    }
}

int pqf_falcon_ntru_solve(int8_t *Fo, int8_t *Go, const int8_t *f, const int8_t *g,
                          unsigned logn, uint8_t *tmp, size_t tmplen) {
    const size_t n = (size_t)1 << LOGN;
    uint32_t *tower, *areaA, *areaB, *bt;
    double *dw;
    int32_t *kw;
    uint32_t *Fc, *Gc;
    size_t u, L, Lc;
    unsigned d;
    uint32_t bad = 0;

    (void)logn;
    if (tmplen < PQF_FALCON_NTRU_TMP_BYTES()) {
        return 0;
    }
    dw = (double *)(void *)tmp;
    kw = (int32_t *)(void *)(dw + 5 * n);
    tower = (uint32_t *)(void *)(kw + n);
    areaA = tower + tower_off(LOGN + 1);
    areaB = areaA + area_words();
    bt = areaB + area_words();

    /* depth 0: f and g */
    L = lf(0);
    for (u = 0; u < n; u++) {
        uint32_t fv = (uint32_t)(int32_t)f[u], gv = (uint32_t)(int32_t)g[u];
        size_t i;
        for (i = 0; i < L; i++) {
            tower[u * L + i] = i == 0 ? fv : (uint32_t)0 - (fv >> 31);
            tower[(n + u) * L + i] = i == 0 ? gv : (uint32_t)0 - (gv >> 31);
        }
    }
    /* descent: field norms */
    for (d = 0; d < LOGN; d++) {
        size_t m = n >> d;
        uint32_t *fd = tower + tower_off(d), *gd = fd + m * lf(d);
        uint32_t *fn = tower + tower_off(d + 1), *gn = fn + (m >> 1) * lf(d + 1);
        poly_to_sm(fd, 2 * m, lf(d), lf(d)); /* f_d and g_d */
        field_norm(fn, lf(d + 1), fd, lf(d), m, bt);
        field_norm(gn, lf(d + 1), gd, lf(d), m, bt);
    }

    /* bottom: f_L G - g_L F = q from the Bezout relation */
    {
        uint32_t *fl = tower + tower_off(LOGN), *gl = fl + lf(LOGN);
        uint32_t *ua = areaB, *va = areaB + lbig(LOGN), *A = bt, *B = bt + lbig(LOGN);
        uint32_t sf, sg, qv = Q;
        Lc = lbig(LOGN);
        bn_copy_ext(A, Lc, fl, lf(LOGN));
        bn_copy_ext(B, Lc, gl, lf(LOGN));
        sf = bn_abs(A, A, Lc);
        sg = bn_abs(B, B, Lc);
        uint32_t ok = A[0] & B[0] & 1u;
        ok &= (uint32_t)xgcd(ua, va, A, B, Lc, bt + 2 * Lc);
        /* odd resultants, coprime: otherwise the candidate is given up (a
         * public decision, assurance/suppressions.md K1) */
        PQF_DECLASSIFY(&ok, sizeof ok);
        if (!ok) {
            return 0;
        }
        poly_to_sm(fl, 2, lf(LOGN), lf(LOGN));
        /* G = q u sign(f), F = -q v sign(g), with 0 <= u < |Res(g)| (the
         * norms are positive: sf = sg = 0). Not reduced here: the schedule
         * of depth logn - 1 starts from this pair, held in words_red(logn)
         * words, and a pair too long for them means a discarded candidate. */
        Gc = areaA + Lc;
        Fc = areaA;
        memset(areaA, 0, 2 * Lc * sizeof *areaA);
        bn_mul_acc(Gc, Lc, ua, Lc, &qv, 1, sf, bt);
        bn_mul_acc(Fc, Lc, va, Lc, &qv, 1, ~sg, bt);
        ok = (uint32_t)(bn_bitlen(Fc, Lc) <= 31u * words_red(LOGN));
        ok &= (uint32_t)(bn_bitlen(Gc, Lc) <= 31u * words_red(LOGN));
        PQF_DECLASSIFY(&ok, sizeof ok); /* K1 */
        if (!ok) {
            return 0;
        }
        wrap_signed(Fc, Lc, 31u * words_red(LOGN));
        wrap_signed(Gc, Lc, 31u * words_red(LOGN));
    }

    /* ascent: (Fc, Gc) in one area, lifted into the other */
    for (d = LOGN; d-- > 0;) {
        size_t m = n >> d, Lb = lbig(d);
        uint32_t *fd = tower + tower_off(d), *gd = fd + m * lf(d);
        uint32_t *dst = (Fc == areaA) ? areaB : areaA;
        /* (F, G)_{d+1} fit in Lr limbs: checked below at the depth they
         * were reduced, or from the bottom */
        size_t Lr = d + 1 == LOGN ? Lc : limbs_for(red_bits(d + 1));
        poly_to_sm(Fc, m, Lc, Lr); /* F_{d+1} and G_{d+1}: m/2 values each */
        lift(dst, Lb, Fc, Lr, Lc, gd, lf(d), m, dw, bt);
        lift(dst + m * Lb, Lb, Gc, Lr, Lc, fd, lf(d), m, dw, bt);
        if (d >= 2) {
            if (!reduce_fixed(dst, dst + m * Lb, Lb, fd, gd, lf(d), d, dw, kw, bt)) {
                return 0;
            }
        } else {
            /* F_d, G_d: F_{d+1}, G_{d+1} (red_bits(d + 1) bits) times
             * g_d(-x), f_d(-x) modulo x^m + 1 */
            unsigned Fbits = red_bits(d + 1) + bits_fg[d] + (LOGN - d) + 1;
            if (!reduce_small(dst, dst + m * Lb, Lb, fd, gd, LOGN - d, Fbits, dw, kw, bt)) {
                return 0;
            }
            uint32_t big = (uint32_t)(poly_maxbits(dst, 2 * m, Lb) > (unsigned)bits_fg[d] + RED_SLACK);
            PQF_DECLASSIFY(&big, sizeof big); /* K1 */
            if (big) {
                return 0;
            }
        }
        Lc = Lb;
        Fc = dst;
        Gc = dst + m * Lb;
    }
    /* F, G at depth 0: small, with |F|, |G| <= 127 */
    for (u = 0; u < n; u++) {
        int32_t vF = (int32_t)Fc[u * Lc], vG = (int32_t)Gc[u * Lc];
        size_t i;
        for (i = 1; i < Lc; i++) {
            bad |= Fc[u * Lc + i] ^ (uint32_t)(vF >> 31);
            bad |= Gc[u * Lc + i] ^ (uint32_t)(vG >> 31);
        }
        bad |= pqf_ct_mask_lt_u32(254, (uint32_t)(vF + 127));
        bad |= pqf_ct_mask_lt_u32(254, (uint32_t)(vG + 127));
        Fo[u] = (int8_t)vF;
        Go[u] = (int8_t)vG;
    }
    /* exact check f*G - g*F = q modulo x^n + 1 */
    {
        int32_t *acc = (int32_t *)(void *)(Fc == areaA ? areaB : areaA);
        size_t i;
        ntru_product(acc, f, g, Fo, Go, n);
        bad |= (uint32_t)acc[0] ^ Q;
        for (i = 1; i < n; i++) {
            bad |= (uint32_t)acc[i];
        }
    }
    return bad == 0;
}

/*
 * Falcon signing randomness: the ChaCha20-based generator that feeds the
 * integer Gaussian sampler, and the sampler itself (specification section
 * 3.9.3: BaseSampler, ApproxExp, BerExp, SamplerZ; Algorithms 12 to 15).
 *
 * Written clean room for issue 13 from the Falcon specification (round 3,
 * v1.2) and vendor/falcon/SPEC-NOTES.md sections 6, 7 and 11, without looking
 * at any other implementation. Only the interface (internal.h: the generator
 * state and the two entry points) was kept so that sign.c calls it unchanged.
 * The two tables are printed and checked by scripts/gen_falcon_tables.py.
 *
 * Timing: nothing branches on or indexes with a secret, except the two
 * decisions the specification makes visible, each declassified where it is
 * taken (assurance/suppressions.md rows 12 and 13): whether a fresh random
 * byte equals the corresponding byte of BerExp's threshold, and the accept
 * bit of each SamplerZ trial.
 */
#include "internal.h"

#include "cpu.h"
#include "ct.h"

/* ---- the generator (SPEC-NOTES section 6) ---- */

#define LANES 8          /* ChaCha20 blocks per refill */
#define POOL_BYTES 512   /* = LANES * 64 */
#define WIDE_DRAW_LIMIT 503 /* a 64-bit draw refills first from here on */

static uint32_t rotl32(uint32_t v, unsigned c) {
    return (v << c) | (v >> (32 - c));
}

/* One quarter round applied to the same four words of all eight lanes. */
static void lanes_quarter(uint32_t w[16][LANES], int a, int b, int c, int d) {
    int l;
    for (l = 0; l < LANES; l++) {
        w[a][l] += w[b][l];
        w[d][l] = rotl32(w[d][l] ^ w[a][l], 16);
        w[c][l] += w[d][l];
        w[b][l] = rotl32(w[b][l] ^ w[c][l], 12);
        w[a][l] += w[b][l];
        w[d][l] = rotl32(w[d][l] ^ w[a][l], 8);
        w[c][l] += w[d][l];
        w[b][l] = rotl32(w[b][l] ^ w[c][l], 7);
    }
}

/* Fills the pool with blocks ctr .. ctr+7, word v of lane l at byte
 * 32 v + 4 l (little-endian), and advances the counter. */
static void pool_refill(pqf_falcon_prng *g) {
    static const uint32_t sigma_words[4] = {0x61707865u, 0x3320646eu, 0x79622d32u,
                                            0x6b206574u};
    uint32_t init[16][LANES], work[16][LANES];
    int v, l, dr;
#ifdef PQF_FALCON_HAVE_AVX2
    if ((pqf_cpu_features() & PQF_CPU_AVX2) != 0) {
        pqf_falcon_prng_refill_avx2(g); /* the same bytes (sampler_avx2.c) */
        return;
    }
#endif
    for (l = 0; l < LANES; l++) {
        uint64_t blk = g->ctr + (uint64_t)l;
        for (v = 0; v < 4; v++) {
            init[v][l] = sigma_words[v];
        }
        for (v = 0; v < 12; v++) {
            init[4 + v][l] = g->key[v];
        }
        init[14][l] ^= (uint32_t)blk;
        init[15][l] ^= (uint32_t)(blk >> 32);
    }
    for (v = 0; v < 16; v++) {
        for (l = 0; l < LANES; l++) {
            work[v][l] = init[v][l];
        }
    }
    for (dr = 0; dr < 10; dr++) {
        lanes_quarter(work, 0, 4, 8, 12);
        lanes_quarter(work, 1, 5, 9, 13);
        lanes_quarter(work, 2, 6, 10, 14);
        lanes_quarter(work, 3, 7, 11, 15);
        lanes_quarter(work, 0, 5, 10, 15);
        lanes_quarter(work, 1, 6, 11, 12);
        lanes_quarter(work, 2, 7, 8, 13);
        lanes_quarter(work, 3, 4, 9, 14);
    }
    for (v = 0; v < 16; v++) {
        for (l = 0; l < LANES; l++) {
            uint32_t o = work[v][l] + init[v][l];
            uint8_t *dst = g->buf + 32 * v + 4 * l;
            dst[0] = (uint8_t)o;
            dst[1] = (uint8_t)(o >> 8);
            dst[2] = (uint8_t)(o >> 16);
            dst[3] = (uint8_t)(o >> 24);
        }
    }
    g->ctr += LANES;
    g->ptr = 0;
    pqf_wipe(init, sizeof init);
    pqf_wipe(work, sizeof work);
}

void pqf_falcon_prng_seed(pqf_falcon_prng *p, pqf_keccak_ctx *src) {
    uint8_t seed[56];
    int i;
    pqf_keccak_squeeze(src, seed, sizeof seed);
    for (i = 0; i < 12; i++) {
        p->key[i] = (uint32_t)seed[4 * i] | ((uint32_t)seed[4 * i + 1] << 8) |
                    ((uint32_t)seed[4 * i + 2] << 16) | ((uint32_t)seed[4 * i + 3] << 24);
    }
    p->ctr = 0;
    for (i = 7; i >= 0; i--) {
        p->ctr = (p->ctr << 8) | seed[48 + i];
    }
    pqf_wipe(seed, sizeof seed);
    pool_refill(p);
}

/* The position only moves with public decisions, so it may index. */
static uint32_t draw_byte(pqf_falcon_prng *p) {
    uint32_t b = p->buf[p->ptr];
    p->ptr++;
    if (p->ptr == POOL_BYTES) {
        pool_refill(p);
    }
    return b;
}

static uint64_t draw_u64(pqf_falcon_prng *p) {
    const uint8_t *s;
    uint64_t r = 0;
    int i;
    if (p->ptr >= WIDE_DRAW_LIMIT) {
        pool_refill(p);
    }
    s = p->buf + p->ptr;
    for (i = 7; i >= 0; i--) {
        r = (r << 8) | s[i];
    }
    p->ptr += 8;
    return r;
}

/* ---- tables (scripts/gen_falcon_tables.py) ---- */

/* BaseSampler: the 18 reverse cumulative values of the half Gaussian with
 * sigma_max = 1.8205, 72 bits each as {bits 64..71, bits 0..63}. */
static const uint64_t half_gauss_tail[18][2] = {
    {0xA3u, 0xF7F42ED3AC391802u}, /* 3024686241123004913666 */
    {0x54u, 0xD32B181F3F7DDB82u}, /* 1564742784480091954050 */
    {0x22u, 0x7DCDD0934829C1FFu}, /* 636254429462080897535 */
    {0x0Au, 0xD1754377C7994AE4u}, /* 199560484645026482916 */
    {0x02u, 0x95846CAEF33F1F6Fu}, /* 47667343854657281903 */
    {0x00u, 0x774AC754ED74BD5Fu}, /* 8595902006365044063 */
    {0x00u, 0x1024DD542B776AE4u}, /* 1163297957344668388 */
    {0x00u, 0x01A1FFDC65AD63DAu}, /* 117656387352093658 */
    {0x00u, 0x001F80D88A7B6428u}, /* 8867391802663976 */
    {0x00u, 0x0001C3FDB2040C69u}, /* 496969357462633 */
    {0x00u, 0x000012CF24D031FBu}, /* 20680885154299 */
    {0x00u, 0x000000949F8B091Fu}, /* 638331848991 */
    {0x00u, 0x00000003665DA998u}, /* 14602316184 */
    {0x00u, 0x000000000EBF6EBBu}, /* 247426747 */
    {0x00u, 0x00000000002F5D7Eu}, /* 3104126 */
    {0x00u, 0x0000000000007098u}, /* 28824 */
    {0x00u, 0x00000000000000C6u}, /* 198 */
    {0x00u, 0x0000000000000001u}, /* 1 */
};

/* ApproxExp: the specification's 13 coefficients (Algorithm 13), highest
 * degree first; copied, see SPEC-NOTES section 12. */
static const uint64_t exp_poly[13] = {
    0x00000004741183A3u,
    0x00000036548CFC06u,
    0x0000024FDCBF140Au,
    0x0000171D939DE045u,
    0x0000D00CF58F6F84u,
    0x000680681CF796E3u,
    0x002D82D8305B0FEAu,
    0x011111110E066FD0u,
    0x0555555555070F00u,
    0x155555555581FF00u,
    0x400000000002B400u,
    0x7FFFFFFFFFFF4800u,
    0x8000000000000000u,
};

/* binary64 constants, correctly rounded (SPEC-NOTES section 1) */
static const double exp_ln2 = 0x1.62e42fefa39efp-1;     /* ln 2 */
static const double exp_inv_ln2 = 0x1.71547652b82fep+0; /* 1 / ln 2 */
static const double base_inv_2var = 0x1.34f8bc183bbc2p-3; /* 1/(2 * 1.8205^2) */

/* ---- BaseSampler (Algorithm 12) ---- */

/* A 128-bit integer type where the compiler has one (GCC, Clang on 64-bit
 * targets): a 64 x 64 multiplication and a two-word subtraction, both
 * constant-time instructions, instead of their 32-bit decompositions. */
#if defined(__SIZEOF_INT128__) && (defined(__GNUC__) || defined(__clang__))
#define PQF_FALCON_HAVE_U128 1
__extension__ typedef unsigned __int128 pqf_falcon_u128;
#endif

#ifndef PQF_FALCON_HAVE_U128
/* 1 when (hi_a:lo_a) < (hi_b:lo_b) as 72-bit integers, without branches. */
static uint32_t lt72(uint32_t hi_a, uint64_t lo_a, uint32_t hi_b, uint64_t lo_b) {
    uint64_t borrow = ((~lo_a & lo_b) | (~(lo_a ^ lo_b) & (lo_a - lo_b))) >> 63;
    return (uint32_t)(((uint64_t)hi_a - (uint64_t)hi_b - borrow) >> 63);
}
#endif

#ifdef PQF_FALCON_HAVE_U128
/* The same comparisons as 128-bit subtractions (a borrow chain of two
 * words): x - t is negative, bit 127 set, exactly when x < t. */
static uint32_t base_sample(pqf_falcon_prng *p) {
    uint64_t lo = draw_u64(p);
    uint32_t hi = draw_byte(p);
    pqf_falcon_u128 x = ((pqf_falcon_u128)hi << 64) | lo;
    uint32_t count = 0;
    int i;
    for (i = 0; i < 18; i++) {
        pqf_falcon_u128 t = ((pqf_falcon_u128)half_gauss_tail[i][0] << 64) | half_gauss_tail[i][1];
        count += (uint32_t)((x - t) >> 127);
    }
    return count;
}
#else
static uint32_t base_sample(pqf_falcon_prng *p) {
    uint64_t lo = draw_u64(p);
    uint32_t hi = draw_byte(p);
    uint32_t count = 0;
    int i;
    for (i = 0; i < 18; i++) {
        count += lt72(hi, lo, (uint32_t)half_gauss_tail[i][0], half_gauss_tail[i][1]);
    }
    return count;
}
#endif

/* ---- ApproxExp (Algorithm 13) ---- */

/* high 64 bits of the 128-bit product a * b: one multiplication where the
 * compiler has a 128-bit type (x86-64, aarch64: a constant-time instruction),
 * else four 32 x 32 products; the same value either way */
#ifdef PQF_FALCON_HAVE_U128
static uint64_t mulhi(uint64_t a, uint64_t b) {
    return (uint64_t)(((pqf_falcon_u128)a * b) >> 64);
}
#else
static uint64_t mulhi(uint64_t a, uint64_t b) {
    uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32;
    uint64_t b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
    return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}
#endif

/* floor(a * b / 2^63), computed as the high half of (2a) * b: exact for
 * a < 2^63, b <= 2^63 (the whole specified domain). Outside it, 2a wraps
 * modulo 2^64; this form was kept because the KAT-era behaviour at the two
 * edges depends on it (measured as a black box against the previous file):
 * a slightly negative x, i.e. a huge z, from rounding when mu is an integer
 * and sigma' = sigma_max, and z' = 2^63 when ccs = 1 exactly (result 0). */
static uint64_t mul_shr63(uint64_t a, uint64_t b) {
    return mulhi(a << 1, b);
}

/* about 2^63 * ccs * exp(-x), for 0 <= x < ln 2 and 0 < ccs < 1 */
static uint64_t approx_exp(double x, double ccs) {
    uint64_t z = (uint64_t)(int64_t)(x * 0x1p63);
    uint64_t acc = exp_poly[0];
    int k;
    for (k = 1; k < 13; k++) {
        acc = exp_poly[k] - mul_shr63(z, acc);
    }
    z = (uint64_t)(int64_t)(ccs * 0x1p63);
    return mul_shr63(z, acc);
}

/* ---- BerExp (Algorithm 14) ---- */

/* A bit that is 1 with probability about ccs * exp(-x), x >= 0. */
static uint32_t bernoulli_exp(pqf_falcon_prng *p, double x, double ccs) {
    uint32_t whole = (uint32_t)(int64_t)(x * exp_inv_ln2);
    double frac = x - (double)whole * exp_ln2;
    uint64_t thr;
    uint32_t over, diff, same;
    int byte;
    /* whole <- min(whole, 63) */
    over = pqf_ct_mask_lt_u32(63, whole);
    whole = pqf_ct_select_u32(over, 63, whole);
    thr = (2 * approx_exp(frac, ccs) - 1) >> whole;
    /* compare a fresh uniform 64-bit value with thr, most significant byte
     * first, stopping at the first byte that differs */
    byte = 7;
    do {
        uint32_t t = (uint32_t)(thr >> (8 * byte)) & 0xFFu;
        diff = draw_byte(p) - t;
        same = pqf_ct_mask_eq_u32(diff, 0) & 1u;
        /* public: one more byte is read only after an equal byte (row 12) */
        PQF_DECLASSIFY(&same, sizeof same);
        byte--;
    } while (same && byte >= 0);
    /* fresh byte below the threshold's: diff wrapped around */
    return diff >> 31;
}

/* ---- SamplerZ (Algorithm 15) ---- */

int pqf_falcon_samplerz(pqf_falcon_prng *p, double mu, double isigma,
                        double sigma_min) {
    int64_t base = pqf_falcon_floor_i64(mu);
    double r = mu - (double)base;
    double dss = (isigma * isigma) * 0.5;
    double ccs = isigma * sigma_min;
    for (;;) {
        uint32_t z0 = base_sample(p);
        uint32_t b = draw_byte(p) & 1u;
        /* b = 1: z = z0 + 1; b = 0: z = -z0 */
        int32_t z = (int32_t)b + (int32_t)((2 * b - 1) * z0);
        double d = (double)z - r;
        double x = (d * d) * dss - (double)(int32_t)(z0 * z0) * base_inv_2var;
        uint32_t accept = bernoulli_exp(p, x, ccs);
        /* public: the number of trials does not depend on mu or sigma'
         * (row 13) */
        PQF_DECLASSIFY(&accept, sizeof accept);
        if (accept) {
            return (int)(base + z);
        }
    }
}

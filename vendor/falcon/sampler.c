/*
 * Falcon specification section 3.9.3: the Gaussian sampler over the integers
 * (Algorithms 12 to 15: BaseSampler, ApproxExp, BerExp, SamplerZ) and the
 * pseudo-random generator feeding it.
 *
 * PRNG: ChaCha20 (RFC 8439 block function, 20 rounds) keyed from 56 bytes of
 * SHAKE256 output: bytes 0..31 are the key, bytes 32..47 fill state words
 * 12..15, bytes 48..55 are a 64-bit block counter XORed into words 14 and 15.
 * Eight consecutive blocks are produced per refill and interleaved word by word
 * (32-bit word v of block u lands at byte 4u + 32v), giving a 512-byte buffer
 * that is read in order; a 64-bit draw is taken from the buffer only when at
 * least 9 bytes remain, otherwise the buffer is refilled first.
 *
 * Constant time: BaseSampler scans the whole table with borrow arithmetic,
 * ApproxExp is fixed-point integer arithmetic, and every float operation has
 * no data-dependent branch. BerExp's byte-by-byte comparison stops at the first
 * differing byte as the specification prescribes (Algorithm 14, lines 6-9); the
 * number of bytes consumed is therefore not constant, which reveals nothing but
 * a uniformly random prefix comparison (the same behaviour as the specification).
 */
#include <string.h>

#include "internal.h"

#include "ct.h"

#define ROTL32(x, r) (((x) << (r)) | ((x) >> (32 - (r))))
#define QROUND(a, b, c, d)                                                       \
    do {                                                                         \
        a += b; d ^= a; d = ROTL32(d, 16);                                       \
        c += d; b ^= c; b = ROTL32(b, 12);                                       \
        a += b; d ^= a; d = ROTL32(d, 8);                                        \
        c += d; b ^= c; b = ROTL32(b, 7);                                        \
    } while (0)

static const uint32_t chacha_const[4] = {0x61707865, 0x3320646e, 0x79622d32,
                                         0x6b206574};

/* Eight ChaCha20 blocks with counters ctr..ctr+7, interleaved into buf. */
static void prng_refill(pqf_falcon_prng *p) {
    unsigned u, v, i;
    for (u = 0; u < 8; u++) {
        uint32_t init[16], x[16];
        uint64_t cc = p->ctr + u;
        memcpy(init, chacha_const, sizeof chacha_const);
        memcpy(init + 4, p->key, sizeof p->key);
        init[14] ^= (uint32_t)cc;
        init[15] ^= (uint32_t)(cc >> 32);
        memcpy(x, init, sizeof x);
        for (i = 0; i < 10; i++) {
            QROUND(x[0], x[4], x[8], x[12]);
            QROUND(x[1], x[5], x[9], x[13]);
            QROUND(x[2], x[6], x[10], x[14]);
            QROUND(x[3], x[7], x[11], x[15]);
            QROUND(x[0], x[5], x[10], x[15]);
            QROUND(x[1], x[6], x[11], x[12]);
            QROUND(x[2], x[7], x[8], x[13]);
            QROUND(x[3], x[4], x[9], x[14]);
        }
        for (v = 0; v < 16; v++) {
            uint32_t w = x[v] + init[v];
            uint8_t *d = p->buf + (u << 2) + (v << 5);
            d[0] = (uint8_t)w;
            d[1] = (uint8_t)(w >> 8);
            d[2] = (uint8_t)(w >> 16);
            d[3] = (uint8_t)(w >> 24);
        }
        pqf_wipe(x, sizeof x);
        pqf_wipe(init, sizeof init);
    }
    p->ctr += 8;
    p->ptr = 0;
}

void pqf_falcon_prng_init(pqf_falcon_prng *p, pqf_keccak_ctx *src) {
    uint8_t seed[56];
    unsigned i;
    pqf_keccak_squeeze(src, seed, sizeof seed);
    for (i = 0; i < 12; i++) {
        p->key[i] = (uint32_t)seed[4 * i] | ((uint32_t)seed[4 * i + 1] << 8) |
                    ((uint32_t)seed[4 * i + 2] << 16) | ((uint32_t)seed[4 * i + 3] << 24);
    }
    p->ctr = 0;
    for (i = 0; i < 8; i++) {
        p->ctr |= (uint64_t)seed[48 + i] << (8 * i);
    }
    pqf_wipe(seed, sizeof seed);
    prng_refill(p);
}

static uint64_t prng_u64(pqf_falcon_prng *p) {
    uint64_t r = 0;
    unsigned i;
    if (p->ptr >= sizeof p->buf - 9) {
        prng_refill(p);
    }
    for (i = 0; i < 8; i++) {
        r |= (uint64_t)p->buf[p->ptr + i] << (8 * i);
    }
    p->ptr += 8;
    return r;
}

static uint32_t prng_u8(pqf_falcon_prng *p) {
    uint32_t v = p->buf[p->ptr++];
    if (p->ptr == sizeof p->buf) {
        prng_refill(p);
    }
    return v;
}

/*
 * Table 3.1: RCDT of the half-Gaussian of parameter sigma_max = 1.8205, 72-bit
 * values split into three 24-bit limbs, most significant first.
 */
static const uint32_t rcdt[18][3] = {
    {0xA3F7F4u, 0x2ED3ACu, 0x391802u}, /* 3024686241123004913666 */
    {0x54D32Bu, 0x181F3Fu, 0x7DDB82u}, /* 1564742784480091954050 */
    {0x227DCDu, 0xD09348u, 0x29C1FFu}, /* 636254429462080897535 */
    {0x0AD175u, 0x4377C7u, 0x994AE4u}, /* 199560484645026482916 */
    {0x029584u, 0x6CAEF3u, 0x3F1F6Fu}, /* 47667343854657281903 */
    {0x00774Au, 0xC754EDu, 0x74BD5Fu}, /* 8595902006365044063 */
    {0x001024u, 0xDD542Bu, 0x776AE4u}, /* 1163297957344668388 */
    {0x0001A1u, 0xFFDC65u, 0xAD63DAu}, /* 117656387352093658 */
    {0x00001Fu, 0x80D88Au, 0x7B6428u}, /* 8867391802663976 */
    {0x000001u, 0xC3FDB2u, 0x040C69u}, /* 496969357462633 */
    {0x000000u, 0x12CF24u, 0xD031FBu}, /* 20680885154299 */
    {0x000000u, 0x00949Fu, 0x8B091Fu}, /* 638331848991 */
    {0x000000u, 0x000366u, 0x5DA998u}, /* 14602316184 */
    {0x000000u, 0x00000Eu, 0xBF6EBBu}, /* 247426747 */
    {0x000000u, 0x000000u, 0x2F5D7Eu}, /* 3104126 */
    {0x000000u, 0x000000u, 0x007098u}, /* 28824 */
    {0x000000u, 0x000000u, 0x0000C6u}, /* 198 */
    {0x000000u, 0x000000u, 0x000001u}, /* 1 */
};

/* Algorithm 12: BaseSampler. u = UniformBits(72) (a 64-bit draw then one byte
 * as the top 8 bits); z0 = number of table entries greater than u. */
static int base_sampler(pqf_falcon_prng *p) {
    uint64_t lo = prng_u64(p);
    uint32_t hi = prng_u8(p);
    uint32_t v0 = (uint32_t)lo & 0xFFFFFF;
    uint32_t v1 = (uint32_t)(lo >> 24) & 0xFFFFFF;
    uint32_t v2 = (uint32_t)(lo >> 48) | (hi << 16);
    uint32_t z = 0;
    unsigned i;
    for (i = 0; i < 18; i++) {
        uint32_t cc;
        cc = (v0 - rcdt[i][2]) >> 31;
        cc = (v1 - rcdt[i][1] - cc) >> 31;
        cc = (v2 - rcdt[i][0] - cc) >> 31;
        z += cc;
    }
    return (int)z;
}

/* floor(a * b / 2^64) for 64-bit a, b, from 32-bit halves. */
static uint64_t mulhi64(uint64_t a, uint64_t b) {
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/* Algorithm 13: ApproxExp(x, ccs) ~ 2^63 ccs exp(-x) for 0 <= x < ln 2,
 * 0 < ccs <= 1, in fixed point. */
static uint64_t approx_exp(double x, double ccs) {
    static const uint64_t C[13] = {
        0x00000004741183A3u, 0x00000036548CFC06u, 0x0000024FDCBF140Au,
        0x0000171D939DE045u, 0x0000D00CF58F6F84u, 0x000680681CF796E3u,
        0x002D82D8305B0FEAu, 0x011111110E066FD0u, 0x0555555555070F00u,
        0x155555555581FF00u, 0x400000000002B400u, 0x7FFFFFFFFFFF4800u,
        0x8000000000000000u};
    const double two63 = 9223372036854775808.0;
    uint64_t y = C[0], z;
    unsigned u;
    /* y = C[u] - (z * y) >> 63 computed as ((2z) * y) >> 64 */
    z = (uint64_t)(int64_t)(x * two63) << 1;
    for (u = 1; u < 13; u++) {
        y = C[u] - mulhi64(z, y);
    }
    z = (uint64_t)(int64_t)(ccs * two63) << 1;
    return mulhi64(z, y);
}

/* Algorithm 14: BerExp(x, ccs), a bit equal to 1 with probability
 * ~ ccs * exp(-x), for x >= 0. */
static int ber_exp(pqf_falcon_prng *p, double x, double ccs) {
    const double ln2 = 0x1.62e42fefa39efp-1;
    const double inv_ln2 = 0x1.71547652b82fep+0;
    int32_t s;
    uint32_t sw, w;
    double r;
    uint64_t z;
    int i;
    s = (int32_t)(x * inv_ln2); /* x >= 0: truncation is floor */
    r = x - (double)s * ln2;
    /* s = min(s, 63), branch-free */
    sw = (uint32_t)s;
    sw ^= (sw ^ 63u) & (uint32_t)(0u - ((63u - sw) >> 31));
    z = ((approx_exp(r, ccs) << 1) - 1) >> sw;
    i = 64;
    do {
        uint32_t same;
        i -= 8;
        w = prng_u8(p) - ((uint32_t)(z >> i) & 0xFF);
        /* Whether the fresh byte equalled the threshold's, so that one more
         * byte is read: public (assurance/suppressions.md, S2). */
        same = pqf_ct_mask_eq_u32(w, 0) & 1u;
        PQF_DECLASSIFY(&same, sizeof same);
        if (!same) {
            break;
        }
    } while (i > 0);
    return (int)(w >> 31);
}

/* Algorithm 15: SamplerZ(mu, sigma'), given isigma = 1/sigma'. */
int pqf_falcon_samplerz(pqf_falcon_prng *p, double mu, double isigma,
                        double sigma_min) {
    /* 1 / (2 sigma_max^2) */
    const double inv_2sqrsigma0 = 0x1.34f8bc183bbc2p-3;
    int64_t s = pqf_falcon_fpr_floor(mu);
    double r = mu - (double)s;
    double dss = (isigma * isigma) * 0.5;
    double ccs = isigma * sigma_min;
    for (;;) {
        int z0, b, z;
        uint32_t accept;
        double x, d;
        z0 = base_sampler(p);
        b = (int)(prng_u8(p) & 1u);
        z = b + ((b << 1) - 1) * z0;
        d = (double)z - r;
        x = (d * d) * dss;
        x -= (double)(z0 * z0) * inv_2sqrsigma0;
        /* The accept bit of the trial: public, the number of trials does not
         * depend on mu or sigma' (assurance/suppressions.md, S1). */
        accept = (uint32_t)ber_exp(p, x, ccs);
        PQF_DECLASSIFY(&accept, sizeof accept);
        if (accept) {
            return (int)s + z;
        }
    }
}

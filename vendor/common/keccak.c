/*
 * Keccak-f[1600] and the FIPS 202 functions built on it: SHA3-224/256/384/512,
 * SHAKE128 and SHAKE256, with an incremental absorb/squeeze interface.
 *
 * Written for pqfence from FIPS 202. Nothing here depends on secret data for
 * control flow or memory addressing: the permutation is a fixed sequence of
 * XOR/AND/NOT/rotate operations, and the sponge's position counters depend
 * only on public lengths.
 */
#include "fips202.h"

#include "ct.h"

#define ROL64(x, n) (((x) << (n)) | ((x) >> (64 - (n))))

/* FIPS 202 section 3.2.5: the round constants RC[i] of the iota step. */
static const uint64_t pqf_keccak_rc[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808AULL,
    0x8000000080008000ULL, 0x000000000000808BULL, 0x0000000080000001ULL,
    0x8000000080008081ULL, 0x8000000000008009ULL, 0x000000000000008AULL,
    0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000AULL,
    0x000000008000808BULL, 0x800000000000008BULL, 0x8000000000008089ULL,
    0x8000000000008003ULL, 0x8000000000008002ULL, 0x8000000000000080ULL,
    0x000000000000800AULL, 0x800000008000000AULL, 0x8000000080008081ULL,
    0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

/*
 * FIPS 202 Algorithm 7, Keccak-p[1600, 24]. Lane (x, y) is st[x + 5y].
 * rho and pi are fused: lane (x, y) rotated by its rho offset lands at
 * (y, 2x + 3y mod 5).
 */
void pqf_keccak_f1600(uint64_t st[25]) {
    uint64_t a[25], b[25], c[5], d[5];
    unsigned i, round;

    for (i = 0; i < 25; i++) {
        a[i] = st[i];
    }
    for (round = 0; round < 24; round++) {
        /* theta */
        c[0] = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20];
        c[1] = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
        c[2] = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22];
        c[3] = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
        c[4] = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
        d[0] = c[4] ^ ROL64(c[1], 1);
        d[1] = c[0] ^ ROL64(c[2], 1);
        d[2] = c[1] ^ ROL64(c[3], 1);
        d[3] = c[2] ^ ROL64(c[4], 1);
        d[4] = c[3] ^ ROL64(c[0], 1);
        /* theta applied, then rho and pi */
    b[0] = a[0] ^ d[0];
    b[16] = ROL64(a[5] ^ d[0], 36);
    b[7] = ROL64(a[10] ^ d[0], 3);
    b[23] = ROL64(a[15] ^ d[0], 41);
    b[14] = ROL64(a[20] ^ d[0], 18);
    b[10] = ROL64(a[1] ^ d[1], 1);
    b[1] = ROL64(a[6] ^ d[1], 44);
    b[17] = ROL64(a[11] ^ d[1], 10);
    b[8] = ROL64(a[16] ^ d[1], 45);
    b[24] = ROL64(a[21] ^ d[1], 2);
    b[20] = ROL64(a[2] ^ d[2], 62);
    b[11] = ROL64(a[7] ^ d[2], 6);
    b[2] = ROL64(a[12] ^ d[2], 43);
    b[18] = ROL64(a[17] ^ d[2], 15);
    b[9] = ROL64(a[22] ^ d[2], 61);
    b[5] = ROL64(a[3] ^ d[3], 28);
    b[21] = ROL64(a[8] ^ d[3], 55);
    b[12] = ROL64(a[13] ^ d[3], 25);
    b[3] = ROL64(a[18] ^ d[3], 21);
    b[19] = ROL64(a[23] ^ d[3], 56);
    b[15] = ROL64(a[4] ^ d[4], 27);
    b[6] = ROL64(a[9] ^ d[4], 20);
    b[22] = ROL64(a[14] ^ d[4], 39);
    b[13] = ROL64(a[19] ^ d[4], 8);
    b[4] = ROL64(a[24] ^ d[4], 14);
        /* chi */
    a[0] = b[0] ^ (~b[1] & b[2]);
    a[1] = b[1] ^ (~b[2] & b[3]);
    a[2] = b[2] ^ (~b[3] & b[4]);
    a[3] = b[3] ^ (~b[4] & b[0]);
    a[4] = b[4] ^ (~b[0] & b[1]);
    a[5] = b[5] ^ (~b[6] & b[7]);
    a[6] = b[6] ^ (~b[7] & b[8]);
    a[7] = b[7] ^ (~b[8] & b[9]);
    a[8] = b[8] ^ (~b[9] & b[5]);
    a[9] = b[9] ^ (~b[5] & b[6]);
    a[10] = b[10] ^ (~b[11] & b[12]);
    a[11] = b[11] ^ (~b[12] & b[13]);
    a[12] = b[12] ^ (~b[13] & b[14]);
    a[13] = b[13] ^ (~b[14] & b[10]);
    a[14] = b[14] ^ (~b[10] & b[11]);
    a[15] = b[15] ^ (~b[16] & b[17]);
    a[16] = b[16] ^ (~b[17] & b[18]);
    a[17] = b[17] ^ (~b[18] & b[19]);
    a[18] = b[18] ^ (~b[19] & b[15]);
    a[19] = b[19] ^ (~b[15] & b[16]);
    a[20] = b[20] ^ (~b[21] & b[22]);
    a[21] = b[21] ^ (~b[22] & b[23]);
    a[22] = b[22] ^ (~b[23] & b[24]);
    a[23] = b[23] ^ (~b[24] & b[20]);
    a[24] = b[24] ^ (~b[20] & b[21]);
        /* iota */
        a[0] ^= pqf_keccak_rc[round];
    }
    for (i = 0; i < 25; i++) {
        st[i] = a[i];
    }
}

static uint64_t load64_le(const uint8_t *p) {
    return (uint64_t)p[0] | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) |
           ((uint64_t)p[3] << 24) | ((uint64_t)p[4] << 32) |
           ((uint64_t)p[5] << 40) | ((uint64_t)p[6] << 48) |
           ((uint64_t)p[7] << 56);
}

void pqf_keccak_init(pqf_keccak_ctx *ctx, unsigned rate, uint8_t dsbyte) {
    unsigned i;
    for (i = 0; i < 25; i++) {
        ctx->s[i] = 0;
    }
    ctx->pos = 0;
    ctx->rate = rate;
    ctx->dsbyte = dsbyte;
    ctx->squeezing = 0;
}

/* XOR one byte into the state at byte offset pos (lanes are little-endian). */
static void xor_byte(uint64_t s[25], unsigned pos, uint8_t v) {
    s[pos >> 3] ^= (uint64_t)v << (8 * (pos & 7));
}

void pqf_keccak_absorb(pqf_keccak_ctx *ctx, const uint8_t *in, size_t inlen) {
    /* Fill a partial block byte by byte. */
    while (inlen > 0 && (ctx->pos & 7) != 0) {
        xor_byte(ctx->s, ctx->pos, *in++);
        inlen--;
        if (++ctx->pos == ctx->rate) {
            pqf_keccak_f1600(ctx->s);
            ctx->pos = 0;
        }
    }
    /* Whole lanes. */
    while (inlen >= 8) {
        ctx->s[ctx->pos >> 3] ^= load64_le(in);
        in += 8;
        inlen -= 8;
        ctx->pos += 8;
        if (ctx->pos == ctx->rate) {
            pqf_keccak_f1600(ctx->s);
            ctx->pos = 0;
        }
    }
    while (inlen > 0) {
        xor_byte(ctx->s, ctx->pos, *in++);
        inlen--;
        if (++ctx->pos == ctx->rate) {
            pqf_keccak_f1600(ctx->s);
            ctx->pos = 0;
        }
    }
}

/* Pad (domain bits then pad10*1, FIPS 202 section 5.1 and B.2) and switch to squeezing. */
void pqf_keccak_finalize(pqf_keccak_ctx *ctx) {
    xor_byte(ctx->s, ctx->pos, ctx->dsbyte);
    xor_byte(ctx->s, ctx->rate - 1, 0x80);
    pqf_keccak_f1600(ctx->s);
    ctx->pos = 0;
    ctx->squeezing = 1;
}

void pqf_keccak_squeeze(pqf_keccak_ctx *ctx, uint8_t *out, size_t outlen) {
    if (!ctx->squeezing) {
        pqf_keccak_finalize(ctx);
    }
    while (outlen > 0) {
        if (ctx->pos == ctx->rate) {
            pqf_keccak_f1600(ctx->s);
            ctx->pos = 0;
        }
        if ((ctx->pos & 7) == 0 && outlen >= 8) {
            uint64_t v = ctx->s[ctx->pos >> 3];
            unsigned j;
            for (j = 0; j < 8; j++) {
                out[j] = (uint8_t)(v >> (8 * j));
            }
            out += 8;
            outlen -= 8;
            ctx->pos += 8;
        } else {
            *out++ = (uint8_t)(ctx->s[ctx->pos >> 3] >> (8 * (ctx->pos & 7)));
            outlen--;
            ctx->pos++;
        }
    }
}

void pqf_keccak_wipe(pqf_keccak_ctx *ctx) {
    pqf_wipe(ctx, sizeof(*ctx));
}

void pqf_shake128_init(pqf_keccak_ctx *ctx) {
    pqf_keccak_init(ctx, PQF_SHAKE128_RATE, 0x1F);
}

void pqf_shake256_init(pqf_keccak_ctx *ctx) {
    pqf_keccak_init(ctx, PQF_SHAKE256_RATE, 0x1F);
}

void pqf_sha3_init(pqf_keccak_ctx *ctx, unsigned outbytes) {
    pqf_keccak_init(ctx, 200 - 2 * outbytes, 0x06);
}

static void oneshot(unsigned rate, uint8_t ds, uint8_t *out, size_t outlen,
                    const uint8_t *in, size_t inlen) {
    pqf_keccak_ctx ctx;
    pqf_keccak_init(&ctx, rate, ds);
    pqf_keccak_absorb(&ctx, in, inlen);
    pqf_keccak_squeeze(&ctx, out, outlen);
    pqf_keccak_wipe(&ctx);
}

void pqf_shake128(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen) {
    oneshot(PQF_SHAKE128_RATE, 0x1F, out, outlen, in, inlen);
}

void pqf_shake256(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen) {
    oneshot(PQF_SHAKE256_RATE, 0x1F, out, outlen, in, inlen);
}

void pqf_sha3_224(uint8_t out[28], const uint8_t *in, size_t inlen) {
    oneshot(200 - 56, 0x06, out, 28, in, inlen);
}

void pqf_sha3_256(uint8_t out[32], const uint8_t *in, size_t inlen) {
    oneshot(PQF_SHA3_256_RATE, 0x06, out, 32, in, inlen);
}

void pqf_sha3_384(uint8_t out[48], const uint8_t *in, size_t inlen) {
    oneshot(200 - 96, 0x06, out, 48, in, inlen);
}

void pqf_sha3_512(uint8_t out[64], const uint8_t *in, size_t inlen) {
    oneshot(PQF_SHA3_512_RATE, 0x06, out, 64, in, inlen);
}

/*
 * SHA-2 hash functions, written for pqfence from FIPS 180-4: SHA-224 and
 * SHA-256 (section 6.2/6.3) over 32-bit words, SHA-384, SHA-512, SHA-512/224 and
 * SHA-512/256 (sections 6.4-6.7) over 64-bit words.
 *
 * The round constants and initial hash values below were derived from their
 * definitions in FIPS 180-4 sections 4.2 and 5.3 (fractional parts of square and
 * cube roots of primes; the SHA-512/t generation function of section 5.3.6).
 *
 * Control flow and memory addresses depend only on lengths, never on data.
 */
#include <string.h>

#include "ct.h"
#include "sha2.h"

/* FIPS 180-4 section 4.2.2 (K256) and 4.2.3 (K512), section 5.3 (H(0)). */
static const uint32_t pqf_sha256_k[64] = {
    0x428A2F98UL, 0x71374491UL, 0xB5C0FBCFUL, 0xE9B5DBA5UL,
    0x3956C25BUL, 0x59F111F1UL, 0x923F82A4UL, 0xAB1C5ED5UL,
    0xD807AA98UL, 0x12835B01UL, 0x243185BEUL, 0x550C7DC3UL,
    0x72BE5D74UL, 0x80DEB1FEUL, 0x9BDC06A7UL, 0xC19BF174UL,
    0xE49B69C1UL, 0xEFBE4786UL, 0x0FC19DC6UL, 0x240CA1CCUL,
    0x2DE92C6FUL, 0x4A7484AAUL, 0x5CB0A9DCUL, 0x76F988DAUL,
    0x983E5152UL, 0xA831C66DUL, 0xB00327C8UL, 0xBF597FC7UL,
    0xC6E00BF3UL, 0xD5A79147UL, 0x06CA6351UL, 0x14292967UL,
    0x27B70A85UL, 0x2E1B2138UL, 0x4D2C6DFCUL, 0x53380D13UL,
    0x650A7354UL, 0x766A0ABBUL, 0x81C2C92EUL, 0x92722C85UL,
    0xA2BFE8A1UL, 0xA81A664BUL, 0xC24B8B70UL, 0xC76C51A3UL,
    0xD192E819UL, 0xD6990624UL, 0xF40E3585UL, 0x106AA070UL,
    0x19A4C116UL, 0x1E376C08UL, 0x2748774CUL, 0x34B0BCB5UL,
    0x391C0CB3UL, 0x4ED8AA4AUL, 0x5B9CCA4FUL, 0x682E6FF3UL,
    0x748F82EEUL, 0x78A5636FUL, 0x84C87814UL, 0x8CC70208UL,
    0x90BEFFFAUL, 0xA4506CEBUL, 0xBEF9A3F7UL, 0xC67178F2UL,
};
static const uint64_t pqf_sha512_k[80] = {
    0x428A2F98D728AE22ULL, 0x7137449123EF65CDULL,
    0xB5C0FBCFEC4D3B2FULL, 0xE9B5DBA58189DBBCULL,
    0x3956C25BF348B538ULL, 0x59F111F1B605D019ULL,
    0x923F82A4AF194F9BULL, 0xAB1C5ED5DA6D8118ULL,
    0xD807AA98A3030242ULL, 0x12835B0145706FBEULL,
    0x243185BE4EE4B28CULL, 0x550C7DC3D5FFB4E2ULL,
    0x72BE5D74F27B896FULL, 0x80DEB1FE3B1696B1ULL,
    0x9BDC06A725C71235ULL, 0xC19BF174CF692694ULL,
    0xE49B69C19EF14AD2ULL, 0xEFBE4786384F25E3ULL,
    0x0FC19DC68B8CD5B5ULL, 0x240CA1CC77AC9C65ULL,
    0x2DE92C6F592B0275ULL, 0x4A7484AA6EA6E483ULL,
    0x5CB0A9DCBD41FBD4ULL, 0x76F988DA831153B5ULL,
    0x983E5152EE66DFABULL, 0xA831C66D2DB43210ULL,
    0xB00327C898FB213FULL, 0xBF597FC7BEEF0EE4ULL,
    0xC6E00BF33DA88FC2ULL, 0xD5A79147930AA725ULL,
    0x06CA6351E003826FULL, 0x142929670A0E6E70ULL,
    0x27B70A8546D22FFCULL, 0x2E1B21385C26C926ULL,
    0x4D2C6DFC5AC42AEDULL, 0x53380D139D95B3DFULL,
    0x650A73548BAF63DEULL, 0x766A0ABB3C77B2A8ULL,
    0x81C2C92E47EDAEE6ULL, 0x92722C851482353BULL,
    0xA2BFE8A14CF10364ULL, 0xA81A664BBC423001ULL,
    0xC24B8B70D0F89791ULL, 0xC76C51A30654BE30ULL,
    0xD192E819D6EF5218ULL, 0xD69906245565A910ULL,
    0xF40E35855771202AULL, 0x106AA07032BBD1B8ULL,
    0x19A4C116B8D2D0C8ULL, 0x1E376C085141AB53ULL,
    0x2748774CDF8EEB99ULL, 0x34B0BCB5E19B48A8ULL,
    0x391C0CB3C5C95A63ULL, 0x4ED8AA4AE3418ACBULL,
    0x5B9CCA4F7763E373ULL, 0x682E6FF3D6B2B8A3ULL,
    0x748F82EE5DEFB2FCULL, 0x78A5636F43172F60ULL,
    0x84C87814A1F0AB72ULL, 0x8CC702081A6439ECULL,
    0x90BEFFFA23631E28ULL, 0xA4506CEBDE82BDE9ULL,
    0xBEF9A3F7B2C67915ULL, 0xC67178F2E372532BULL,
    0xCA273ECEEA26619CULL, 0xD186B8C721C0C207ULL,
    0xEADA7DD6CDE0EB1EULL, 0xF57D4F7FEE6ED178ULL,
    0x06F067AA72176FBAULL, 0x0A637DC5A2C898A6ULL,
    0x113F9804BEF90DAEULL, 0x1B710B35131C471BULL,
    0x28DB77F523047D84ULL, 0x32CAAB7B40C72493ULL,
    0x3C9EBE0A15C9BEBCULL, 0x431D67C49C100D4CULL,
    0x4CC5D4BECB3E42B6ULL, 0x597F299CFC657E2AULL,
    0x5FCB6FAB3AD6FAECULL, 0x6C44198C4A475817ULL,
};
static const uint32_t pqf_sha224_iv[8] = {
    0xC1059ED8UL, 0x367CD507UL, 0x3070DD17UL, 0xF70E5939UL,
    0xFFC00B31UL, 0x68581511UL, 0x64F98FA7UL, 0xBEFA4FA4UL,
};
static const uint32_t pqf_sha256_iv[8] = {
    0x6A09E667UL, 0xBB67AE85UL, 0x3C6EF372UL, 0xA54FF53AUL,
    0x510E527FUL, 0x9B05688CUL, 0x1F83D9ABUL, 0x5BE0CD19UL,
};
static const uint64_t pqf_sha384_iv[8] = {
    0xCBBB9D5DC1059ED8ULL, 0x629A292A367CD507ULL,
    0x9159015A3070DD17ULL, 0x152FECD8F70E5939ULL,
    0x67332667FFC00B31ULL, 0x8EB44A8768581511ULL,
    0xDB0C2E0D64F98FA7ULL, 0x47B5481DBEFA4FA4ULL,
};
static const uint64_t pqf_sha512_iv[8] = {
    0x6A09E667F3BCC908ULL, 0xBB67AE8584CAA73BULL,
    0x3C6EF372FE94F82BULL, 0xA54FF53A5F1D36F1ULL,
    0x510E527FADE682D1ULL, 0x9B05688C2B3E6C1FULL,
    0x1F83D9ABFB41BD6BULL, 0x5BE0CD19137E2179ULL,
};
static const uint64_t pqf_sha512_224_iv[8] = {
    0x8C3D37C819544DA2ULL, 0x73E1996689DCD4D6ULL,
    0x1DFAB7AE32FF9C82ULL, 0x679DD514582F9FCFULL,
    0x0F6D2B697BD44DA8ULL, 0x77E36F7304C48942ULL,
    0x3F9D85A86A1D36C8ULL, 0x1112E6AD91D692A1ULL,
};
static const uint64_t pqf_sha512_256_iv[8] = {
    0x22312194FC2BF72CULL, 0x9F555FA3C84C64C2ULL,
    0x2393B86B6F53B151ULL, 0x963877195940EABDULL,
    0x96283EE2A88EFFE3ULL, 0xBE5E1E2553863992ULL,
    0x2B0199FC2C85B8AAULL, 0x0EB72DDC81C52CA2ULL,
};

/* Clears a small local buffer; cheap enough to run after every compression. */
static void scrub(void *p, size_t n) {
#ifdef PQF_HAVE_ASM_BARRIER
    memset(p, 0, n);
    __asm__ __volatile__("" : : "r"(p) : "memory");
#else
    pqf_wipe(p, n);
#endif
}

static uint32_t load32_be(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) |
           (uint32_t)p[3];
}

static uint64_t load64_be(const uint8_t *p) {
    return ((uint64_t)load32_be(p) << 32) | (uint64_t)load32_be(p + 4);
}

/* FIPS 180-4 section 4.1.2 / 4.1.3: Ch (in an equivalent form). Maj(a, b, c) is
 * computed as b ^ ((a ^ b) & (b ^ c)), reusing a ^ b of one round as b ^ c of
 * the next (p_ and q_ alternate). */
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))

/* ---- SHA-256 (FIPS 180-4 section 4.1.2 functions, section 6.2.2) ---- */

/* The big sigmas are written as nested rotations, e.g.
 * ROTR^6(ROTR^5(ROTR^14(x) ^ x) ^ x) = ROTR^6(x) ^ ROTR^11(x) ^ ROTR^25(x),
 * which needs fewer register copies. */

#define ROTR32(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define BSIG0_256(x) ROTR32(ROTR32(ROTR32(x, 9) ^ (x), 11) ^ (x), 2)
#define BSIG1_256(x) ROTR32(ROTR32(ROTR32(x, 14) ^ (x), 5) ^ (x), 6)
#define SSIG0_256(x) (ROTR32(x, 7) ^ ROTR32(x, 18) ^ ((x) >> 3))
#define SSIG1_256(x) (ROTR32(x, 17) ^ ROTR32(x, 19) ^ ((x) >> 10))

/* The message schedule is kept on a ring of 16 words: W[t mod 16]. */
#define W_PLAIN(W, j) (W[j])
#define W_NEXT256(W, j)                                                           \
    (W[(j)&15] += SSIG1_256(W[((j) + 14) & 15]) + W[((j) + 9) & 15] +             \
                  SSIG0_256(W[((j) + 1) & 15]))

#define ROUND256(a, b, c, d, e, f, g, h, t, j, WX, ab, bc)                       \
    do {                                                                          \
        uint32_t t1_ = (h) + BSIG1_256(e) + CH(e, f, g) + pqf_sha256_k[(t) + (j)] + \
                       WX(W, j);                                                  \
        (ab) = (a) ^ (b);                                                         \
        (d) += t1_;                                                               \
        (h) = t1_ + BSIG0_256(a) + ((b) ^ ((ab) & (bc)));                         \
    } while (0)

#define ROUNDS16_256(t, WX)                                                       \
    ROUND256(a, b, c, d, e, f, g, h, t, 0, WX, p_, q_);                           \
    ROUND256(h, a, b, c, d, e, f, g, t, 1, WX, q_, p_);                           \
    ROUND256(g, h, a, b, c, d, e, f, t, 2, WX, p_, q_);                           \
    ROUND256(f, g, h, a, b, c, d, e, t, 3, WX, q_, p_);                           \
    ROUND256(e, f, g, h, a, b, c, d, t, 4, WX, p_, q_);                           \
    ROUND256(d, e, f, g, h, a, b, c, t, 5, WX, q_, p_);                           \
    ROUND256(c, d, e, f, g, h, a, b, t, 6, WX, p_, q_);                           \
    ROUND256(b, c, d, e, f, g, h, a, t, 7, WX, q_, p_);                           \
    ROUND256(a, b, c, d, e, f, g, h, t, 8, WX, p_, q_);                           \
    ROUND256(h, a, b, c, d, e, f, g, t, 9, WX, q_, p_);                           \
    ROUND256(g, h, a, b, c, d, e, f, t, 10, WX, p_, q_);                          \
    ROUND256(f, g, h, a, b, c, d, e, t, 11, WX, q_, p_);                          \
    ROUND256(e, f, g, h, a, b, c, d, t, 12, WX, p_, q_);                          \
    ROUND256(d, e, f, g, h, a, b, c, t, 13, WX, q_, p_);                          \
    ROUND256(c, d, e, f, g, h, a, b, t, 14, WX, p_, q_);                          \
    ROUND256(b, c, d, e, f, g, h, a, t, 15, WX, q_, p_)

/* FIPS 180-4 section 6.2.2: SHA-256 hash computation, one block at a time. */
void pqf_sha256_blocks(uint32_t st[8], const uint8_t *in, size_t nblocks) {
    uint32_t W[16];
    uint32_t a, b, c, d, e, f, g, h, p_, q_;
    unsigned t;
    while (nblocks-- > 0) {
        for (t = 0; t < 16; t++) {
            W[t] = load32_be(in + 4 * t);
        }
        a = st[0];
        b = st[1];
        c = st[2];
        d = st[3];
        e = st[4];
        f = st[5];
        g = st[6];
        h = st[7];
        q_ = b ^ c;
        ROUNDS16_256(0, W_PLAIN);
        for (t = 16; t < 64; t += 16) {
            ROUNDS16_256(t, W_NEXT256);
        }
        st[0] += a;
        st[1] += b;
        st[2] += c;
        st[3] += d;
        st[4] += e;
        st[5] += f;
        st[6] += g;
        st[7] += h;
        in += 64;
    }
    scrub(W, sizeof(W));
}

/* ---- SHA-512 (FIPS 180-4 section 4.1.3 functions, section 6.4.2) ---- */

#define ROTR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
#define BSIG0_512(x) ROTR64(ROTR64(ROTR64(x, 5) ^ (x), 6) ^ (x), 28)
#define BSIG1_512(x) ROTR64(ROTR64(ROTR64(x, 23) ^ (x), 4) ^ (x), 14)
#define SSIG0_512(x) (ROTR64(x, 1) ^ ROTR64(x, 8) ^ ((x) >> 7))
#define SSIG1_512(x) (ROTR64(x, 19) ^ ROTR64(x, 61) ^ ((x) >> 6))

#define W_NEXT512(W, j)                                                           \
    (W[(j)&15] += SSIG1_512(W[((j) + 14) & 15]) + W[((j) + 9) & 15] +             \
                  SSIG0_512(W[((j) + 1) & 15]))

#define ROUND512(a, b, c, d, e, f, g, h, t, j, WX, ab, bc)                       \
    do {                                                                          \
        uint64_t t1_ = (h) + BSIG1_512(e) + CH(e, f, g) + pqf_sha512_k[(t) + (j)] + \
                       WX(W, j);                                                  \
        (ab) = (a) ^ (b);                                                         \
        (d) += t1_;                                                               \
        (h) = t1_ + BSIG0_512(a) + ((b) ^ ((ab) & (bc)));                         \
    } while (0)

#define ROUNDS16_512(t, WX)                                                       \
    ROUND512(a, b, c, d, e, f, g, h, t, 0, WX, p_, q_);                           \
    ROUND512(h, a, b, c, d, e, f, g, t, 1, WX, q_, p_);                           \
    ROUND512(g, h, a, b, c, d, e, f, t, 2, WX, p_, q_);                           \
    ROUND512(f, g, h, a, b, c, d, e, t, 3, WX, q_, p_);                           \
    ROUND512(e, f, g, h, a, b, c, d, t, 4, WX, p_, q_);                           \
    ROUND512(d, e, f, g, h, a, b, c, t, 5, WX, q_, p_);                           \
    ROUND512(c, d, e, f, g, h, a, b, t, 6, WX, p_, q_);                           \
    ROUND512(b, c, d, e, f, g, h, a, t, 7, WX, q_, p_);                           \
    ROUND512(a, b, c, d, e, f, g, h, t, 8, WX, p_, q_);                           \
    ROUND512(h, a, b, c, d, e, f, g, t, 9, WX, q_, p_);                           \
    ROUND512(g, h, a, b, c, d, e, f, t, 10, WX, p_, q_);                          \
    ROUND512(f, g, h, a, b, c, d, e, t, 11, WX, q_, p_);                          \
    ROUND512(e, f, g, h, a, b, c, d, t, 12, WX, p_, q_);                          \
    ROUND512(d, e, f, g, h, a, b, c, t, 13, WX, q_, p_);                          \
    ROUND512(c, d, e, f, g, h, a, b, t, 14, WX, p_, q_);                          \
    ROUND512(b, c, d, e, f, g, h, a, t, 15, WX, q_, p_)

/* FIPS 180-4 section 6.4.2: SHA-512 hash computation, one block at a time. */
void pqf_sha512_blocks(uint64_t st[8], const uint8_t *in, size_t nblocks) {
    uint64_t W[16];
    uint64_t a, b, c, d, e, f, g, h, p_, q_;
    unsigned t;
    while (nblocks-- > 0) {
        for (t = 0; t < 16; t++) {
            W[t] = load64_be(in + 8 * t);
        }
        a = st[0];
        b = st[1];
        c = st[2];
        d = st[3];
        e = st[4];
        f = st[5];
        g = st[6];
        h = st[7];
        q_ = b ^ c;
        ROUNDS16_512(0, W_PLAIN);
        for (t = 16; t < 80; t += 16) {
            ROUNDS16_512(t, W_NEXT512);
        }
        st[0] += a;
        st[1] += b;
        st[2] += c;
        st[3] += d;
        st[4] += e;
        st[5] += f;
        st[6] += g;
        st[7] += h;
        in += 128;
    }
    scrub(W, sizeof(W));
}

/* ---- Incremental interface (FIPS 180-4 section 5.1 padding) ---- */

static void sha256_start(pqf_sha256_ctx *ctx, const uint32_t iv[8], uint32_t outlen) {
    unsigned i;
    for (i = 0; i < 8; i++) {
        ctx->h[i] = iv[i];
    }
    ctx->nbytes = 0;
    memset(ctx->buf, 0, sizeof(ctx->buf));
    ctx->buflen = 0;
    ctx->outlen = outlen;
}

void pqf_sha224_init(pqf_sha256_ctx *ctx) {
    sha256_start(ctx, pqf_sha224_iv, 28);
}

void pqf_sha256_init(pqf_sha256_ctx *ctx) {
    sha256_start(ctx, pqf_sha256_iv, 32);
}

void pqf_sha256_update(pqf_sha256_ctx *ctx, const uint8_t *in, size_t inlen) {
    if (inlen == 0) {
        return;
    }
    ctx->nbytes += (uint64_t)inlen;
    if (ctx->buflen > 0) {
        size_t take = 64 - ctx->buflen;
        if (take > inlen) {
            take = inlen;
        }
        memcpy(ctx->buf + ctx->buflen, in, take);
        ctx->buflen += (uint32_t)take;
        in += take;
        inlen -= take;
        if (ctx->buflen < 64) {
            return;
        }
        pqf_sha256_blocks(ctx->h, ctx->buf, 1);
        ctx->buflen = 0;
    }
    if (inlen >= 64) {
        pqf_sha256_blocks(ctx->h, in, inlen / 64);
        in += inlen & ~(size_t)63;
        inlen &= 63;
    }
    if (inlen > 0) {
        memcpy(ctx->buf, in, inlen);
        ctx->buflen = (uint32_t)inlen;
    }
}

/* FIPS 180-4 section 5.1.1: append 1, zeros, and the 64-bit bit length. */
void pqf_sha256_final(pqf_sha256_ctx *ctx, uint8_t *out) {
    uint64_t bits = ctx->nbytes << 3;
    unsigned i = ctx->buflen;
    ctx->buf[i++] = 0x80;
    if (i > 56) {
        memset(ctx->buf + i, 0, 64 - i);
        pqf_sha256_blocks(ctx->h, ctx->buf, 1);
        i = 0;
    }
    memset(ctx->buf + i, 0, 56 - i);
    for (i = 0; i < 8; i++) {
        ctx->buf[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    }
    pqf_sha256_blocks(ctx->h, ctx->buf, 1);
    for (i = 0; i < ctx->outlen; i++) {
        out[i] = (uint8_t)(ctx->h[i >> 2] >> (24 - 8 * (i & 3)));
    }
    pqf_sha256_wipe(ctx);
}

static void sha512_start(pqf_sha512_ctx *ctx, const uint64_t iv[8], uint32_t outlen) {
    unsigned i;
    for (i = 0; i < 8; i++) {
        ctx->h[i] = iv[i];
    }
    ctx->nbytes = 0;
    memset(ctx->buf, 0, sizeof(ctx->buf));
    ctx->buflen = 0;
    ctx->outlen = outlen;
}

void pqf_sha384_init(pqf_sha512_ctx *ctx) {
    sha512_start(ctx, pqf_sha384_iv, 48);
}

void pqf_sha512_init(pqf_sha512_ctx *ctx) {
    sha512_start(ctx, pqf_sha512_iv, 64);
}

void pqf_sha512_224_init(pqf_sha512_ctx *ctx) {
    sha512_start(ctx, pqf_sha512_224_iv, 28);
}

void pqf_sha512_256_init(pqf_sha512_ctx *ctx) {
    sha512_start(ctx, pqf_sha512_256_iv, 32);
}

void pqf_sha512_update(pqf_sha512_ctx *ctx, const uint8_t *in, size_t inlen) {
    if (inlen == 0) {
        return;
    }
    ctx->nbytes += (uint64_t)inlen;
    if (ctx->buflen > 0) {
        size_t take = 128 - ctx->buflen;
        if (take > inlen) {
            take = inlen;
        }
        memcpy(ctx->buf + ctx->buflen, in, take);
        ctx->buflen += (uint32_t)take;
        in += take;
        inlen -= take;
        if (ctx->buflen < 128) {
            return;
        }
        pqf_sha512_blocks(ctx->h, ctx->buf, 1);
        ctx->buflen = 0;
    }
    if (inlen >= 128) {
        pqf_sha512_blocks(ctx->h, in, inlen / 128);
        in += inlen & ~(size_t)127;
        inlen &= 127;
    }
    if (inlen > 0) {
        memcpy(ctx->buf, in, inlen);
        ctx->buflen = (uint32_t)inlen;
    }
}

/* FIPS 180-4 section 5.1.2: append 1, zeros, and the 128-bit bit length. */
void pqf_sha512_final(pqf_sha512_ctx *ctx, uint8_t *out) {
    uint64_t lo = ctx->nbytes << 3;
    uint64_t hi = ctx->nbytes >> 61;
    unsigned i = ctx->buflen;
    ctx->buf[i++] = 0x80;
    if (i > 112) {
        memset(ctx->buf + i, 0, 128 - i);
        pqf_sha512_blocks(ctx->h, ctx->buf, 1);
        i = 0;
    }
    memset(ctx->buf + i, 0, 112 - i);
    for (i = 0; i < 8; i++) {
        ctx->buf[112 + i] = (uint8_t)(hi >> (56 - 8 * i));
        ctx->buf[120 + i] = (uint8_t)(lo >> (56 - 8 * i));
    }
    pqf_sha512_blocks(ctx->h, ctx->buf, 1);
    for (i = 0; i < ctx->outlen; i++) {
        out[i] = (uint8_t)(ctx->h[i >> 3] >> (56 - 8 * (i & 7)));
    }
    pqf_sha512_wipe(ctx);
}

void pqf_sha256_clone(pqf_sha256_ctx *dst, const pqf_sha256_ctx *src) {
    *dst = *src;
}

void pqf_sha512_clone(pqf_sha512_ctx *dst, const pqf_sha512_ctx *src) {
    *dst = *src;
}

void pqf_sha256_wipe(pqf_sha256_ctx *ctx) {
    pqf_wipe(ctx, sizeof(*ctx));
}

void pqf_sha512_wipe(pqf_sha512_ctx *ctx) {
    pqf_wipe(ctx, sizeof(*ctx));
}

/* ---- One-shot functions ---- */

static void sha256_oneshot(pqf_sha256_ctx *ctx, uint8_t *out, const uint8_t *in,
                           size_t inlen) {
    pqf_sha256_update(ctx, in, inlen);
    pqf_sha256_final(ctx, out);
}

static void sha512_oneshot(pqf_sha512_ctx *ctx, uint8_t *out, const uint8_t *in,
                           size_t inlen) {
    pqf_sha512_update(ctx, in, inlen);
    pqf_sha512_final(ctx, out);
}

void pqf_sha224(uint8_t out[28], const uint8_t *in, size_t inlen) {
    pqf_sha256_ctx ctx;
    pqf_sha224_init(&ctx);
    sha256_oneshot(&ctx, out, in, inlen);
}

void pqf_sha256(uint8_t out[32], const uint8_t *in, size_t inlen) {
    pqf_sha256_ctx ctx;
    pqf_sha256_init(&ctx);
    sha256_oneshot(&ctx, out, in, inlen);
}

void pqf_sha384(uint8_t out[48], const uint8_t *in, size_t inlen) {
    pqf_sha512_ctx ctx;
    pqf_sha384_init(&ctx);
    sha512_oneshot(&ctx, out, in, inlen);
}

void pqf_sha512(uint8_t out[64], const uint8_t *in, size_t inlen) {
    pqf_sha512_ctx ctx;
    pqf_sha512_init(&ctx);
    sha512_oneshot(&ctx, out, in, inlen);
}

void pqf_sha512_224(uint8_t out[28], const uint8_t *in, size_t inlen) {
    pqf_sha512_ctx ctx;
    pqf_sha512_224_init(&ctx);
    sha512_oneshot(&ctx, out, in, inlen);
}

void pqf_sha512_256(uint8_t out[32], const uint8_t *in, size_t inlen) {
    pqf_sha512_ctx ctx;
    pqf_sha512_256_init(&ctx);
    sha512_oneshot(&ctx, out, in, inlen);
}

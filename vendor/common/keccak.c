/*
 * Keccak-f[1600] and the FIPS 202 functions built on it: SHA3-224/256/384/512,
 * SHAKE128 and SHAKE256, with an incremental absorb/squeeze interface.
 *
 * Written for pqfence from FIPS 202. Nothing here depends on secret data for
 * control flow or memory addressing: the permutation is a fixed sequence of
 * XOR/AND/OR/NOT/rotate operations, and the sponge's position counters depend
 * only on public lengths.
 */
#include "fips202.h"

#include <string.h>

#include "ct.h"

/*
 * Byte order. FIPS 202 maps a byte string to lanes little-endian (section
 * B.1), so on a little-endian machine the state array already is the byte
 * string and blocks can be moved with memcpy. Anywhere the compiler does not
 * promise little-endian we fall back to shifts, which are correct on every
 * machine. PQF_KECCAK_PORTABLE_BYTES forces the fallback (for testing it).
 */
#if !defined(PQF_KECCAK_PORTABLE_BYTES) && defined(__BYTE_ORDER__) &&       \
    defined(__ORDER_LITTLE_ENDIAN__) &&                                        \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define PQF_KECCAK_LE 1
#endif

/* Rotate left by a constant 0 < n < 64; compilers turn this into one rol. */
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
 * One round Rnd(A, ir) of FIPS 202 section 3.3, from the 25 local lanes named
 * A<x><y> into the 25 lanes E<x><y> (a21 is lane x = 2, y = 1).
 *
 * theta: c<x> are the column parities, d<x> what theta adds to column x.
 * rho and pi: output plane y of pi takes lane (x', y') = (x + 3y, x) of theta's
 *   output, rotated by its rho offset, as b<x>; chi and iota then produce the
 *   five lanes of that plane directly.
 *
 * Lane complementing. Six lanes are kept inverted for the whole permutation:
 * (1,0), (2,0), (3,1), (2,2), (2,3) and (0,4). Columns 0..3 then hold an odd
 * number of inverted lanes and column 4 none, so c0..c3 come out inverted and
 * so do d0 = c4 ^ rol(c1) and d3 = c2 ^ rol(c4); d1, d2 and d4 are true.
 * Hence theta flips the inversion state of columns 0 and 3 and keeps the
 * others. chi's term ~u & v is then computed from the stored words as
 *   u & v         when u is held inverted and v true,
 *   ~(u | v)      when u is true and v held inverted (the outer ~ is folded
 *                 into the XOR with an inverted word or an inverted result),
 * which covers every output but one per plane; that one costs a single NOT.
 * The expressions below are arranged so each plane's outputs land inverted
 * exactly on the six lanes above, so the next round sees the same layout.
 * Five NOTs per round instead of twenty-five.
 */
#define PQF_KECCAK_ROUND(A, E, rc)                                             \
    c0 = A##00 ^ A##01 ^ A##02 ^ A##03 ^ A##04;                                \
    c1 = A##10 ^ A##11 ^ A##12 ^ A##13 ^ A##14;                                \
    c2 = A##20 ^ A##21 ^ A##22 ^ A##23 ^ A##24;                                \
    c3 = A##30 ^ A##31 ^ A##32 ^ A##33 ^ A##34;                                \
    c4 = A##40 ^ A##41 ^ A##42 ^ A##43 ^ A##44;                                \
    d0 = c4 ^ ROL64(c1, 1);                                                    \
    d1 = c0 ^ ROL64(c2, 1);                                                    \
    d2 = c1 ^ ROL64(c3, 1);                                                    \
    d3 = c2 ^ ROL64(c4, 1);                                                    \
    d4 = c3 ^ ROL64(c0, 1);                                                    \
    /* plane y = 0 */                                                          \
    b0 = A##00 ^ d0;                                                           \
    b1 = ROL64(A##11 ^ d1, 44);                                                \
    b2 = ROL64(A##22 ^ d2, 43);                                                \
    b3 = ROL64(A##33 ^ d3, 21);                                                \
    b4 = ROL64(A##44 ^ d4, 14);                                                \
    t = ~b2;                                                                   \
    E##00 = b0 ^ (b1 | b2) ^ (rc);                                             \
    E##10 = b1 ^ (t | b3);                                                     \
    E##20 = b2 ^ (b3 & b4);                                                    \
    E##30 = b3 ^ (b4 | b0);                                                    \
    E##40 = b4 ^ (b0 & b1);                                                    \
    /* plane y = 1 */                                                          \
    b0 = ROL64(A##30 ^ d3, 28);                                                \
    b1 = ROL64(A##41 ^ d4, 20);                                                \
    b2 = ROL64(A##02 ^ d0, 3);                                                 \
    b3 = ROL64(A##13 ^ d1, 45);                                                \
    b4 = ROL64(A##24 ^ d2, 61);                                                \
    t = ~b4;                                                                   \
    E##01 = b0 ^ (b1 | b2);                                                    \
    E##11 = b1 ^ (b2 & b3);                                                    \
    E##21 = b2 ^ (b3 | t);                                                     \
    E##31 = b3 ^ (b4 | b0);                                                    \
    E##41 = b4 ^ (b0 & b1);                                                    \
    /* plane y = 2 */                                                          \
    b0 = ROL64(A##10 ^ d1, 1);                                                 \
    b1 = ROL64(A##21 ^ d2, 6);                                                 \
    b2 = ROL64(A##32 ^ d3, 25);                                                \
    b3 = ROL64(A##43 ^ d4, 8);                                                 \
    b4 = ROL64(A##04 ^ d0, 18);                                                \
    t = ~b3;                                                                   \
    E##02 = b0 ^ (b1 | b2);                                                    \
    E##12 = b1 ^ (b2 & b3);                                                    \
    E##22 = b2 ^ (t & b4);                                                     \
    E##32 = t ^ (b4 | b0);                                                     \
    E##42 = b4 ^ (b0 & b1);                                                    \
    /* plane y = 3 */                                                          \
    b0 = ROL64(A##40 ^ d4, 27);                                                \
    b1 = ROL64(A##01 ^ d0, 36);                                                \
    b2 = ROL64(A##12 ^ d1, 10);                                                \
    b3 = ROL64(A##23 ^ d2, 15);                                                \
    b4 = ROL64(A##34 ^ d3, 56);                                                \
    t = ~b3;                                                                   \
    E##03 = b0 ^ (b1 & b2);                                                    \
    E##13 = b1 ^ (b2 | b3);                                                    \
    E##23 = b2 ^ (t | b4);                                                     \
    E##33 = t ^ (b4 & b0);                                                     \
    E##43 = b4 ^ (b0 | b1);                                                    \
    /* plane y = 4 */                                                          \
    b0 = ROL64(A##20 ^ d2, 62);                                                \
    b1 = ROL64(A##31 ^ d3, 55);                                                \
    b2 = ROL64(A##42 ^ d4, 39);                                                \
    b3 = ROL64(A##03 ^ d0, 41);                                                \
    b4 = ROL64(A##14 ^ d1, 2);                                                 \
    t = ~b1;                                                                   \
    E##04 = b0 ^ (t & b2);                                                     \
    E##14 = t ^ (b2 | b3);                                                     \
    E##24 = b2 ^ (b3 & b4);                                                    \
    E##34 = b3 ^ (b4 | b0);                                                    \
    E##44 = b4 ^ (b0 & b1);                                                    \
    (void)0

/*
 * FIPS 202 Algorithm 7, Keccak-p[1600, 24] (= Keccak-f[1600]). Lane (x, y) is
 * st[x + 5y]. The 25 lanes live in local variables; each loop iteration runs
 * two rounds, a -> e -> a, so no lanes are copied between rounds.
 */
void pqf_keccak_f1600(uint64_t st[25]) {
    uint64_t a00, a10, a20, a30, a40, a01, a11, a21, a31, a41;
    uint64_t a02, a12, a22, a32, a42, a03, a13, a23, a33, a43;
    uint64_t a04, a14, a24, a34, a44;
    uint64_t e00, e10, e20, e30, e40, e01, e11, e21, e31, e41;
    uint64_t e02, e12, e22, e32, e42, e03, e13, e23, e33, e43;
    uint64_t e04, e14, e24, e34, e44;
    uint64_t c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;
    uint64_t b0, b1, b2, b3, b4, t;
    unsigned i;

    /* Load, inverting the six complemented lanes. */
    a00 = st[0];  a10 = ~st[1]; a20 = ~st[2]; a30 = st[3];   a40 = st[4];
    a01 = st[5];  a11 = st[6];  a21 = st[7];  a31 = ~st[8];  a41 = st[9];
    a02 = st[10]; a12 = st[11]; a22 = ~st[12]; a32 = st[13]; a42 = st[14];
    a03 = st[15]; a13 = st[16]; a23 = ~st[17]; a33 = st[18]; a43 = st[19];
    a04 = ~st[20]; a14 = st[21]; a24 = st[22]; a34 = st[23]; a44 = st[24];

    for (i = 0; i < 24; i += 2) {
        PQF_KECCAK_ROUND(a, e, pqf_keccak_rc[i]);
        PQF_KECCAK_ROUND(e, a, pqf_keccak_rc[i + 1]);
    }

    /* Store, undoing the inversion. */
    st[0] = a00;  st[1] = ~a10; st[2] = ~a20; st[3] = a30;   st[4] = a40;
    st[5] = a01;  st[6] = a11;  st[7] = a21;  st[8] = ~a31;  st[9] = a41;
    st[10] = a02; st[11] = a12; st[12] = ~a22; st[13] = a32; st[14] = a42;
    st[15] = a03; st[16] = a13; st[17] = ~a23; st[18] = a33; st[19] = a43;
    st[20] = ~a04; st[21] = a14; st[22] = a24; st[23] = a34; st[24] = a44;
}

/* Little-endian 64-bit load (FIPS 202 section B.1 byte order). */
static uint64_t load64_le(const uint8_t *p) {
#ifdef PQF_KECCAK_LE
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    return (uint64_t)p[0] | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) |
           ((uint64_t)p[3] << 24) | ((uint64_t)p[4] << 32) |
           ((uint64_t)p[5] << 40) | ((uint64_t)p[6] << 48) |
           ((uint64_t)p[7] << 56);
#endif
}

/* XOR len bytes into the state from byte offset pos on (pos + len <= 200). */
static void xor_bytes(uint64_t s[25], unsigned pos, const uint8_t *in,
                      size_t len) {
    size_t i;
#ifdef PQF_KECCAK_LE
    unsigned char *sb = (unsigned char *)s + pos;
    for (i = 0; i < len; i++) {
        sb[i] ^= in[i];
    }
#else
    for (i = 0; i < len; i++, pos++) {
        s[pos >> 3] ^= (uint64_t)in[i] << (8 * (pos & 7));
    }
#endif
}

/* XOR len <= 200 bytes into the start of the state, whole lanes first. */
static void xor_block(uint64_t s[25], const uint8_t *in, size_t len) {
    size_t i, lanes = len >> 3;
    for (i = 0; i < lanes; i++) {
        s[i] ^= load64_le(in + 8 * i);
    }
    xor_bytes(s, (unsigned)(8 * lanes), in + 8 * lanes, len & 7);
}

/* Copy len state bytes starting at byte offset pos out (pos + len <= 200). */
static void extract_bytes(const uint64_t s[25], unsigned pos, uint8_t *out,
                          size_t len) {
#ifdef PQF_KECCAK_LE
    memcpy(out, (const unsigned char *)s + pos, len);
#else
    while (len > 0 && (pos & 7) != 0) {
        *out++ = (uint8_t)(s[pos >> 3] >> (8 * (pos & 7)));
        pos++;
        len--;
    }
    while (len >= 8) {
        uint64_t v = s[pos >> 3];
        unsigned j;
        for (j = 0; j < 8; j++) {
            out[j] = (uint8_t)(v >> (8 * j));
        }
        out += 8;
        pos += 8;
        len -= 8;
    }
    while (len > 0) {
        *out++ = (uint8_t)(s[pos >> 3] >> (8 * (pos & 7)));
        pos++;
        len--;
    }
#endif
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

/* FIPS 202 Algorithm 8, SPONGE, absorbing phase: XOR each rate-byte block of
 * the input into the state and permute. A partial block waits in the state. */
void pqf_keccak_absorb(pqf_keccak_ctx *ctx, const uint8_t *in, size_t inlen) {
    unsigned rate = ctx->rate;
    if (ctx->pos != 0) {
        size_t take = rate - ctx->pos;
        if (take > inlen) {
            take = inlen;
        }
        xor_bytes(ctx->s, ctx->pos, in, take);
        ctx->pos += (unsigned)take;
        in += take;
        inlen -= take;
        if (ctx->pos == rate) {
            pqf_keccak_f1600(ctx->s);
            ctx->pos = 0;
        }
    }
    while (inlen >= rate) {
        xor_block(ctx->s, in, rate);
        pqf_keccak_f1600(ctx->s);
        in += rate;
        inlen -= rate;
    }
    if (inlen > 0) {
        xor_block(ctx->s, in, inlen);
        ctx->pos = (unsigned)inlen;
    }
}

/* Pad (domain bits then pad10*1, FIPS 202 section 5.1 and B.2) and switch to squeezing. */
void pqf_keccak_finalize(pqf_keccak_ctx *ctx) {
    uint8_t last = 0x80;
    xor_bytes(ctx->s, ctx->pos, &ctx->dsbyte, 1);
    xor_bytes(ctx->s, ctx->rate - 1, &last, 1);
    pqf_keccak_f1600(ctx->s);
    ctx->pos = 0;
    ctx->squeezing = 1;
}

/* FIPS 202 Algorithm 8, SPONGE, squeezing phase: output the first rate bytes
 * of the state, permuting only when more output is actually requested. */
void pqf_keccak_squeeze(pqf_keccak_ctx *ctx, uint8_t *out, size_t outlen) {
    if (!ctx->squeezing) {
        pqf_keccak_finalize(ctx);
    }
    while (outlen > 0) {
        size_t take;
        if (ctx->pos == ctx->rate) {
            pqf_keccak_f1600(ctx->s);
            ctx->pos = 0;
        }
        take = ctx->rate - ctx->pos;
        if (take > outlen) {
            take = outlen;
        }
        extract_bytes(ctx->s, ctx->pos, out, take);
        ctx->pos += (unsigned)take;
        out += take;
        outlen -= take;
    }
}

/* Overwrites the stack just below the caller's frame, where absorb, squeeze
 * and the permutation ran. The permutation keeps lanes in locals, and a
 * compiler may spill them (gcc -O3 does): a spilled lane of a block still
 * being absorbed is a copy of the input, a secret when the input is. The
 * stack-residue check of `make assurance` found such a copy of d after
 * ML-KEM key generation. 2 KiB covers those frames with a wide margin. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static void burn_stack(void) {
    uint8_t buf[2048];
    pqf_wipe(buf, sizeof(buf));
}

void pqf_keccak_wipe(pqf_keccak_ctx *ctx) {
    pqf_wipe(ctx, sizeof(*ctx));
    burn_stack();
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

/*
 * FIPS 205 section 11.2: the SHA2 instantiations of F, H, T_l, PRF, PRF_msg and
 * H_msg. Section 11.2.1 (security category 1, n = 16) uses SHA-256 throughout;
 * section 11.2.2 (categories 3 and 5, n = 24 or 32) keeps SHA-256 for F and PRF
 * but uses SHA-512 for H, T_l, H_msg (MGF1-SHA-512) and PRF_msg (HMAC-SHA-512).
 *
 * F, H and PRF are one compression each: the seeded state already covers the
 * first block, and ADRSc || input || padding fits in the second.
 */
#include "params.h"

#if SLH_IS_SHA2

#include "hash.h"
#include "sha2x.h"

/* The "big" hash of H, T_l, H_msg and PRF_msg: SHA-256 at category 1, SHA-512
 * above. */
#if SLH_N == 16
#define BIG_CTX pqf_sha256_ctx
#define BIG_INIT pqf_sha256_init
#define BIG_UPDATE pqf_sha256_update
#define BIG_FINAL pqf_sha256_final
#define BIG_BLOCK_BYTES 64
#define BIG_OUT_BYTES 32
#define BIG_SEEDED seeded256
#else
#define BIG_CTX pqf_sha512_ctx
#define BIG_INIT pqf_sha512_init
#define BIG_UPDATE pqf_sha512_update
#define BIG_FINAL pqf_sha512_final
#define BIG_BLOCK_BYTES 128
#define BIG_OUT_BYTES 64
#define BIG_SEEDED seeded512
#endif

static void store32_be(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void store64_be(uint8_t *p, uint64_t v) {
    store32_be(p, (uint32_t)(v >> 32));
    store32_be(p + 4, (uint32_t)v);
}

void SLH_NS(ctx_init)(slh_ctx *ctx, const uint8_t *pk_seed, const uint8_t *sk_seed) {
    uint8_t block[128];
    memcpy(ctx->pk_seed, pk_seed, SLH_N);
    if (sk_seed != NULL) {
        memcpy(ctx->sk_seed, sk_seed, SLH_N);
    } else {
        memset(ctx->sk_seed, 0, SLH_N);
    }
    /* PK.seed || toByte(0, 64 - n): one SHA-256 block. */
    memset(block, 0, sizeof(block));
    memcpy(block, pk_seed, SLH_N);
    pqf_sha256_init(&ctx->seeded256);
    pqf_sha256_update(&ctx->seeded256, block, 64);
#if SLH_N > 16
    /* PK.seed || toByte(0, 128 - n): one SHA-512 block. */
    pqf_sha512_init(&ctx->seeded512);
    pqf_sha512_update(&ctx->seeded512, block, 128);
#endif
}

void SLH_NS(ctx_wipe)(slh_ctx *ctx) {
    pqf_wipe(ctx, sizeof(*ctx));
}

/* Trunc_n(SHA-256(PK.seed || toByte(0, 64 - n) || ADRSc || in)) for inlen <= 33:
 * the second block is ADRSc || in || padding. */
static void sha256_second_block(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs,
                                const uint8_t *in, size_t inlen) {
    uint8_t block[64];
    uint32_t st[8];
    const size_t used = SLH_ADRSC_BYTES + inlen;
    const uint64_t bits = (uint64_t)(64 + used) * 8;
    unsigned i;

    SLH_NS(adrs_compress)(block, adrs);
    memcpy(block + SLH_ADRSC_BYTES, in, inlen);
    block[used] = 0x80;
    memset(block + used + 1, 0, 56 - (used + 1));
    store64_be(block + 56, bits);
    memcpy(st, ctx->seeded256.h, sizeof(st));
    pqf_sha256_blocks(st, block, 1);
    for (i = 0; i < SLH_N / 4; i++) {
        store32_be(out + 4 * i, st[i]);
    }
    slh_scrub(block, sizeof(block));
    slh_scrub(st, sizeof(st));
}

#if SLH_N > 16
/* Trunc_n(SHA-512(PK.seed || toByte(0, 128 - n) || ADRSc || in)) for
 * inlen <= 89: the second block is ADRSc || in || padding. */
static void sha512_second_block(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs,
                                const uint8_t *in, size_t inlen) {
    uint8_t block[128];
    uint64_t st[8];
    const size_t used = SLH_ADRSC_BYTES + inlen;
    const uint64_t bits = (uint64_t)(128 + used) * 8;
    unsigned i;

    SLH_NS(adrs_compress)(block, adrs);
    memcpy(block + SLH_ADRSC_BYTES, in, inlen);
    block[used] = 0x80;
    memset(block + used + 1, 0, 120 - (used + 1));
    store64_be(block + 120, bits);
    memcpy(st, ctx->seeded512.h, sizeof(st));
    pqf_sha512_blocks(st, block, 1);
    for (i = 0; i < SLH_N / 8; i++) {
        store64_be(out + 8 * i, st[i]);
    }
    slh_scrub(block, sizeof(block));
    slh_scrub(st, sizeof(st));
}
#endif

/* Section 11.2: F = Trunc_n(SHA-256(PK.seed || toByte(0, 64-n) || ADRSc || M1)). */
void SLH_NS(hash_f)(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs,
                    const uint8_t *in) {
    sha256_second_block(ctx, out, adrs, in, SLH_N);
}

/* Section 11.2: H = Trunc_n(SHA-256 or SHA-512(PK.seed || pad || ADRSc || M2)). */
void SLH_NS(hash_h)(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs,
                    const uint8_t *in) {
#if SLH_N == 16
    sha256_second_block(ctx, out, adrs, in, 2 * SLH_N);
#else
    sha512_second_block(ctx, out, adrs, in, 2 * SLH_N);
#endif
}

/* Section 11.2: T_l = Trunc_n(SHA-256 or SHA-512(PK.seed || pad || ADRSc || M)). */
void SLH_NS(hash_t)(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs,
                    const uint8_t *in, size_t l) {
    BIG_CTX c = ctx->BIG_SEEDED;
    uint8_t adrsc[SLH_ADRSC_BYTES];
    uint8_t full[BIG_OUT_BYTES];
    SLH_NS(adrs_compress)(adrsc, adrs);
    BIG_UPDATE(&c, adrsc, sizeof(adrsc));
    BIG_UPDATE(&c, in, l * SLH_N);
    BIG_FINAL(&c, full);
    memcpy(out, full, SLH_N);
    slh_scrub(full, sizeof(full));
}

/* Section 11.2: PRF = Trunc_n(SHA-256(PK.seed || toByte(0, 64-n) || ADRSc || SK.seed)). */
void SLH_NS(hash_prf)(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs) {
    sha256_second_block(ctx, out, adrs, ctx->sk_seed, SLH_N);
}

/* ---- The multi-lane layer (hash.h) ---- */

/* Fewer busy lanes than this run the single-call functions instead. */
#define MIN_LANES_256 2
#define MIN_LANES_512 2

/* Blocks after the seed block for inlen input bytes: ADRSc, the input, the
 * 0x80 byte and the length field (lenbytes). */
#define TAIL_BLOCKS(inlen, bb, lenbytes)                                              \
    ((SLH_ADRSC_BYTES + (inlen) + 1 + (lenbytes) + (bb)-1) / (bb))

/* The longest input of a SHA-256 lane (T_len at category 1, F and PRF
 * above), and of a SHA-512 lane (T_len). */
#if SLH_N == 16
#define MAX_BLOCKS_256 TAIL_BLOCKS(SLH_LEN * SLH_N, 64, 8)
#else
#define MAX_BLOCKS_256 1
#define MAX_BLOCKS_512 TAIL_BLOCKS(SLH_LEN * SLH_N, 128, 16)
#endif

/* Writes the nblocks blocks of bb bytes that follow the seed block:
 * ADRSc || in || 0x80 || zeros || the bit length of the whole message in the
 * last 8 bytes (FIPS 180-4 sections 5.1.1 and 5.1.2; SHA-512's 16-byte field
 * starts with 8 zero bytes here). */
static inline void tail_blocks(uint8_t *dst, size_t nblocks, size_t bb,
                               const slh_adrs *adrs, const uint8_t *in, size_t inlen) {
    const size_t used = SLH_ADRSC_BYTES + inlen;
    /* ADRSc = ADRS[3] || ADRS[8:16] || ADRS[19] || ADRS[20:32] (section 11.2). */
    dst[0] = adrs->b[3];
    memcpy(dst + 1, adrs->b + 8, 8);
    dst[9] = adrs->b[19];
    memcpy(dst + 10, adrs->b + 20, 12);
    memcpy(dst + SLH_ADRSC_BYTES, in, inlen);
    dst[used] = 0x80;
    memset(dst + used + 1, 0, nblocks * bb - 8 - (used + 1));
    store64_be(dst + nblocks * bb - 8, (uint64_t)(bb + used) * 8);
}

/* Trunc_n(SHA-256(PK.seed || toByte(0, 64 - n) || ADRSc || in[j])) for count
 * lanes. */
static inline void sha256_lanes(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                                const slh_adrs adrs[], const uint8_t *const in[],
                                size_t inlen) {
    uint8_t blocks[8][MAX_BLOCKS_256 * 64];
    const uint8_t *ptr[8];
    const size_t nblocks = TAIL_BLOCKS(inlen, 64, 8);
    unsigned j;

    for (j = 0; j < 8; j++) {
        ptr[j] = blocks[j];
    }
    /* F and PRF (n input bytes, one block) are nearly every call: spelled
     * out with constant lengths, so that the copies and clears are inlined. */
    if (inlen == SLH_N) {
        for (j = 0; j < count; j++) {
            tail_blocks(blocks[j], 1, 64, &adrs[j], in[j], SLH_N);
        }
    } else {
        for (j = 0; j < count; j++) {
            tail_blocks(blocks[j], nblocks, 64, &adrs[j], in[j], inlen);
        }
    }
    pqf_sha256x8_tails(out, SLH_N, ctx->seeded256.h, ptr, nblocks, count);
    if (nblocks == 1) {
        for (j = 0; j < count; j++) {
            slh_scrub(blocks[j], 64);
        }
    } else {
        for (j = 0; j < count; j++) {
            slh_scrub(blocks[j], nblocks * 64);
        }
    }
}

#if SLH_N > 16
/* Trunc_n(SHA-512(PK.seed || toByte(0, 128 - n) || ADRSc || in[j])) for count
 * (at most four) lanes. */
static inline void sha512_lanes(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                                const slh_adrs adrs[], const uint8_t *const in[],
                                size_t inlen) {
    uint8_t blocks[4][MAX_BLOCKS_512 * 128];
    const uint8_t *ptr[4];
    const size_t nblocks = TAIL_BLOCKS(inlen, 128, 16);
    unsigned j;

    for (j = 0; j < 4; j++) {
        ptr[j] = blocks[j];
    }
    for (j = 0; j < count; j++) {
        tail_blocks(blocks[j], nblocks, 128, &adrs[j], in[j], inlen);
    }
    pqf_sha512x4_tails(out, SLH_N, ctx->seeded512.h, ptr, nblocks, count);
    for (j = 0; j < count; j++) {
        slh_scrub(blocks[j], nblocks * 128);
    }
}
#endif

static int use_lanes256(unsigned count) {
    return count >= MIN_LANES_256 && pqf_sha256x8_accelerated();
}

#if SLH_N > 16
static int use_lanes512(unsigned count) {
    return count >= MIN_LANES_512 && pqf_sha512x4_accelerated();
}
#endif

/* The "big" hash (H, T_l) over count lanes: SHA-256 at category 1, SHA-512 in
 * groups of four above. l is the input length in n-byte units. */
static void big_lanes(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                      const slh_adrs adrs[], const uint8_t *const in[], size_t l) {
    unsigned g, c, j;
#if SLH_N == 16
    const unsigned group = 8;
#define USE_BIG_LANES use_lanes256
#else
    const unsigned group = 4;
#define USE_BIG_LANES use_lanes512
#endif
    for (g = 0; g < count; g += group) {
        c = count - g < group ? count - g : group;
        if (USE_BIG_LANES(c)) {
#if SLH_N == 16
            sha256_lanes(ctx, c, out + g, adrs + g, in + g, l * SLH_N);
#else
            sha512_lanes(ctx, c, out + g, adrs + g, in + g, l * SLH_N);
#endif
        } else {
            for (j = g; j < g + c; j++) {
                if (l == 2) {
                    SLH_NS(hash_h)(ctx, out[j], &adrs[j], in[j]);
                } else {
                    SLH_NS(hash_t)(ctx, out[j], &adrs[j], in[j], l);
                }
            }
        }
    }
}

void SLH_NS(hash_f_lanes)(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                          const slh_adrs adrs[], const uint8_t *const in[]) {
    unsigned j;
    if (use_lanes256(count)) {
        sha256_lanes(ctx, count, out, adrs, in, SLH_N);
        return;
    }
    for (j = 0; j < count; j++) {
        SLH_NS(hash_f)(ctx, out[j], &adrs[j], in[j]);
    }
}

void SLH_NS(hash_h_lanes)(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                          const slh_adrs adrs[], const uint8_t *const in[]) {
    big_lanes(ctx, count, out, adrs, in, 2);
}

void SLH_NS(hash_t_lanes)(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                          const slh_adrs adrs[], const uint8_t *const in[], size_t l) {
    big_lanes(ctx, count, out, adrs, in, l);
}

void SLH_NS(hash_prf_lanes)(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                            const slh_adrs adrs[]) {
    const uint8_t *in[SLH_LANES];
    unsigned j;
    if (use_lanes256(count)) {
        for (j = 0; j < count; j++) {
            in[j] = ctx->sk_seed;
        }
        sha256_lanes(ctx, count, out, adrs, in, SLH_N);
        return;
    }
    for (j = 0; j < count; j++) {
        SLH_NS(hash_prf)(ctx, out[j], &adrs[j]);
    }
}

static void big_update_msg(BIG_CTX *c, const uint8_t *pre, size_t prelen,
                           const uint8_t *msg, size_t msglen) {
    if (prelen > 0) {
        BIG_UPDATE(c, pre, prelen);
    }
    if (msglen > 0) {
        BIG_UPDATE(c, msg, msglen);
    }
}

/* Section 11.2: PRF_msg = Trunc_n(HMAC-SHA-256 or HMAC-SHA-512(SK.prf, opt_rand || M)),
 * HMAC as in FIPS 198-1 with the n-byte key zero-padded to one block. */
void SLH_NS(hash_prf_msg)(uint8_t *out, const uint8_t *sk_prf, const uint8_t *opt_rand,
                          const uint8_t *pre, size_t prelen, const uint8_t *msg,
                          size_t msglen) {
    BIG_CTX c;
    uint8_t pad[BIG_BLOCK_BYTES];
    uint8_t inner[BIG_OUT_BYTES];
    uint8_t outer[BIG_OUT_BYTES];
    unsigned i;

    memset(pad, 0x36, sizeof(pad));
    for (i = 0; i < SLH_N; i++) {
        pad[i] ^= sk_prf[i];
    }
    BIG_INIT(&c);
    BIG_UPDATE(&c, pad, sizeof(pad));
    BIG_UPDATE(&c, opt_rand, SLH_N);
    big_update_msg(&c, pre, prelen, msg, msglen);
    BIG_FINAL(&c, inner);

    for (i = 0; i < sizeof(pad); i++) {
        pad[i] ^= (uint8_t)(0x36 ^ 0x5c);
    }
    BIG_INIT(&c);
    BIG_UPDATE(&c, pad, sizeof(pad));
    BIG_UPDATE(&c, inner, sizeof(inner));
    BIG_FINAL(&c, outer);
    memcpy(out, outer, SLH_N);

    pqf_wipe(pad, sizeof(pad));
    pqf_wipe(inner, sizeof(inner));
    pqf_wipe(outer, sizeof(outer));
}

/* Section 11.2: H_msg = MGF1-SHA-x(R || PK.seed || SHA-x(R || PK.seed || PK.root || M), m)
 * with SHA-x = SHA-256 at category 1 and SHA-512 above; MGF1 as in RFC 8017. */
void SLH_NS(hash_h_msg)(uint8_t *out, const uint8_t *r, const uint8_t *pk_seed,
                        const uint8_t *pk_root, const uint8_t *pre, size_t prelen,
                        const uint8_t *msg, size_t msglen) {
    BIG_CTX c;
    uint8_t seed[2 * SLH_N + BIG_OUT_BYTES];
    uint8_t block[BIG_OUT_BYTES];
    uint8_t counter[4];
    uint32_t ctr;
    size_t done, take;

    BIG_INIT(&c);
    BIG_UPDATE(&c, r, SLH_N);
    BIG_UPDATE(&c, pk_seed, SLH_N);
    BIG_UPDATE(&c, pk_root, SLH_N);
    big_update_msg(&c, pre, prelen, msg, msglen);
    memcpy(seed, r, SLH_N);
    memcpy(seed + SLH_N, pk_seed, SLH_N);
    BIG_FINAL(&c, seed + 2 * SLH_N);

    for (ctr = 0, done = 0; done < SLH_M; ctr++, done += take) {
        store32_be(counter, ctr);
        BIG_INIT(&c);
        BIG_UPDATE(&c, seed, sizeof(seed));
        BIG_UPDATE(&c, counter, sizeof(counter));
        BIG_FINAL(&c, block);
        take = SLH_M - done;
        if (take > BIG_OUT_BYTES) {
            take = BIG_OUT_BYTES;
        }
        memcpy(out + done, block, take);
    }
}

#else
/* SHAKE parameter set: see hash_shake.c. Keeps the translation unit non-empty. */
typedef int pqf_slhdsa_hash_sha2_unused;
#endif

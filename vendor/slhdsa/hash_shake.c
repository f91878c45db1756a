/*
 * FIPS 205 section 11.1: the SHAKE instantiations. Every function is SHAKE256
 * of a concatenation:
 *   F, H, T_l:  SHAKE256(PK.seed || ADRS || M, 8n)
 *   PRF:        SHAKE256(PK.seed || ADRS || SK.seed, 8n)
 *   PRF_msg:    SHAKE256(SK.prf || opt_rand || M, 8n)
 *   H_msg:      SHAKE256(R || PK.seed || PK.root || M, 8m)
 *
 * F, H and PRF fit in one 136-byte block and n is a multiple of 8, so their
 * inputs are whole 64-bit lanes: those calls XOR lanes into a copy of the
 * seeded state and run one permutation.
 */
#include "params.h"

#if !SLH_IS_SHA2

#include "cpu.h"
#include "fips202x4.h"
#include "hash.h"

static inline uint64_t load64_le(const uint8_t *p) {
    return (uint64_t)p[0] | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) |
           ((uint64_t)p[3] << 24) | ((uint64_t)p[4] << 32) | ((uint64_t)p[5] << 40) |
           ((uint64_t)p[6] << 48) | ((uint64_t)p[7] << 56);
}

static inline void store64_le(uint8_t *p, uint64_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
    p[4] = (uint8_t)(v >> 32);
    p[5] = (uint8_t)(v >> 40);
    p[6] = (uint8_t)(v >> 48);
    p[7] = (uint8_t)(v >> 56);
}

#define SEED_LANES (SLH_N / 8)

void SLH_NS(ctx_init)(slh_ctx *ctx, const uint8_t *pk_seed, const uint8_t *sk_seed) {
    memcpy(ctx->pk_seed, pk_seed, SLH_N);
    if (sk_seed != NULL) {
        memcpy(ctx->sk_seed, sk_seed, SLH_N);
    } else {
        memset(ctx->sk_seed, 0, SLH_N);
    }
    pqf_shake256_init(&ctx->seeded);
    pqf_keccak_absorb(&ctx->seeded, pk_seed, SLH_N);
}

void SLH_NS(ctx_wipe)(slh_ctx *ctx) {
    pqf_wipe(ctx, sizeof(*ctx));
}

/* SHAKE256(PK.seed || ADRS || in, 8n) for in of inlanes lanes (one block). */
static void shake_one_block(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs,
                            const uint8_t *in, unsigned inlanes) {
    uint64_t s[25];
    unsigned i;
    const unsigned pos = SEED_LANES + 4 + inlanes;

    memcpy(s, ctx->seeded.s, sizeof(s));
    for (i = 0; i < 4; i++) {
        s[SEED_LANES + i] ^= load64_le(adrs->b + 8 * i);
    }
    for (i = 0; i < inlanes; i++) {
        s[SEED_LANES + 4 + i] ^= load64_le(in + 8 * i);
    }
    /* FIPS 202 padding: SHAKE domain bits 1111 then pad10*1 over the 136-byte rate. */
    s[pos] ^= 0x1F;
    s[PQF_SHAKE256_RATE / 8 - 1] ^= 0x8000000000000000ULL;
    pqf_keccak_f1600(s);
    for (i = 0; i < SLH_N / 8; i++) {
        store64_le(out + 8 * i, s[i]);
    }
    slh_scrub(s, sizeof(s));
}

/* Section 11.1: F(PK.seed, ADRS, M1) = SHAKE256(PK.seed || ADRS || M1, 8n). */
void SLH_NS(hash_f)(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs,
                    const uint8_t *in) {
    shake_one_block(ctx, out, adrs, in, SLH_N / 8);
}

/* Section 11.1: H(PK.seed, ADRS, M2) = SHAKE256(PK.seed || ADRS || M2, 8n). */
void SLH_NS(hash_h)(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs,
                    const uint8_t *in) {
    shake_one_block(ctx, out, adrs, in, 2 * SLH_N / 8);
}

/* Section 11.1: T_l(PK.seed, ADRS, M) = SHAKE256(PK.seed || ADRS || M, 8n). */
void SLH_NS(hash_t)(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs,
                    const uint8_t *in, size_t l) {
    pqf_keccak_ctx c = ctx->seeded;
    pqf_keccak_absorb(&c, adrs->b, sizeof(adrs->b));
    pqf_keccak_absorb(&c, in, l * SLH_N);
    pqf_keccak_squeeze(&c, out, SLH_N);
    slh_scrub(&c, sizeof(c));
}

/* Section 11.1: PRF(PK.seed, SK.seed, ADRS) = SHAKE256(PK.seed || ADRS || SK.seed, 8n). */
void SLH_NS(hash_prf)(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs) {
    shake_one_block(ctx, out, adrs, ctx->sk_seed, SLH_N / 8);
}

/* ---- The multi-lane layer (hash.h) ---- */

/* Fewer busy lanes than this run the single-call functions instead. */
#define MIN_LANES 2
#define RATE_LANES (PQF_SHAKE256_RATE / 8)

/* Word w (8 bytes, little-endian) of PK.seed || ADRS || in. */
static uint64_t message_word(const slh_ctx *ctx, const slh_adrs *adrs, const uint8_t *in,
                             size_t w) {
    if (w < SEED_LANES) {
        return load64_le(ctx->pk_seed + 8 * w);
    }
    if (w < SEED_LANES + 4) {
        return load64_le(adrs->b + 8 * (w - SEED_LANES));
    }
    return load64_le(in + 8 * (w - SEED_LANES - 4));
}

/* SHAKE256(PK.seed || ADRS[j] || in[j], 8n) for four lanes (count busy; the
 * idle ones stay zero and are discarded), inlen a multiple of 8. Lane i of
 * state j is s[4 * i + j] (fips202x4.h). */
static void shake_lanes(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                        const slh_adrs adrs[], const uint8_t *const in[], size_t inlen) {
    uint64_t s[4 * 25];
    const size_t words = SEED_LANES + 4 + inlen / 8;
    size_t w, pos = 0;
    unsigned i, j;

    memset(s, 0, sizeof(s));
    if (words < RATE_LANES) {
        /* F, H, PRF: one block, written lane by lane (no permutation yet). */
        for (j = 0; j < count; j++) {
            for (i = 0; i < SEED_LANES; i++) {
                s[4 * i + j] = load64_le(ctx->pk_seed + 8 * i);
            }
            for (i = 0; i < 4; i++) {
                s[4 * (SEED_LANES + i) + j] = load64_le(adrs[j].b + 8 * i);
            }
            for (i = 0; i < inlen / 8; i++) {
                s[4 * (SEED_LANES + 4 + i) + j] = load64_le(in[j] + 8 * i);
            }
        }
        pos = words;
    } else {
        for (w = 0; w < words; w++) {
            for (j = 0; j < count; j++) {
                s[4 * pos + j] ^= message_word(ctx, &adrs[j], in[j], w);
            }
            if (++pos == RATE_LANES) {
                pqf_keccakx4_f1600(s);
                pos = 0;
            }
        }
    }
    /* FIPS 202 padding: domain bits 1111, then pad10*1 over the rate. */
    for (j = 0; j < count; j++) {
        s[4 * pos + j] ^= 0x1F;
        s[4 * (RATE_LANES - 1) + j] ^= 0x8000000000000000ULL;
    }
    pqf_keccakx4_f1600(s);
    for (j = 0; j < count; j++) {
        for (i = 0; i < SLH_N / 8; i++) {
            store64_le(out[j] + 8 * i, s[4 * i + j]);
        }
    }
    slh_scrub(s, sizeof(s));
}

static int use_vectors(unsigned count) {
    return count >= MIN_LANES && (pqf_cpu_features() & PQF_CPU_AVX2) != 0;
}

/* Runs the four-lane hash over count lanes in groups of four. */
static void lanes_in_groups(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                            const slh_adrs adrs[], const uint8_t *const in[], size_t l) {
    unsigned g, c, j;
    for (g = 0; g < count; g += 4) {
        c = count - g < 4 ? count - g : 4;
        if (use_vectors(c)) {
            shake_lanes(ctx, c, out + g, adrs + g, in + g, l * SLH_N);
        } else {
            for (j = g; j < g + c; j++) {
                if (l == 1) {
                    SLH_NS(hash_f)(ctx, out[j], &adrs[j], in[j]);
                } else if (l == 2) {
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
    lanes_in_groups(ctx, count, out, adrs, in, 1);
}

void SLH_NS(hash_h_lanes)(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                          const slh_adrs adrs[], const uint8_t *const in[]) {
    lanes_in_groups(ctx, count, out, adrs, in, 2);
}

void SLH_NS(hash_t_lanes)(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                          const slh_adrs adrs[], const uint8_t *const in[], size_t l) {
    lanes_in_groups(ctx, count, out, adrs, in, l);
}

/* PRF is F with SK.seed as the input. */
void SLH_NS(hash_prf_lanes)(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                            const slh_adrs adrs[]) {
    const uint8_t *in[SLH_LANES];
    unsigned j;
    for (j = 0; j < count; j++) {
        in[j] = ctx->sk_seed;
    }
    lanes_in_groups(ctx, count, out, adrs, in, 1);
}

static void absorb_msg(pqf_keccak_ctx *c, const uint8_t *pre, size_t prelen,
                       const uint8_t *msg, size_t msglen) {
    if (prelen > 0) {
        pqf_keccak_absorb(c, pre, prelen);
    }
    if (msglen > 0) {
        pqf_keccak_absorb(c, msg, msglen);
    }
}

/* Section 11.1: PRF_msg(SK.prf, opt_rand, M) = SHAKE256(SK.prf || opt_rand || M, 8n). */
void SLH_NS(hash_prf_msg)(uint8_t *out, const uint8_t *sk_prf, const uint8_t *opt_rand,
                          const uint8_t *pre, size_t prelen, const uint8_t *msg,
                          size_t msglen) {
    pqf_keccak_ctx c;
    pqf_shake256_init(&c);
    pqf_keccak_absorb(&c, sk_prf, SLH_N);
    pqf_keccak_absorb(&c, opt_rand, SLH_N);
    absorb_msg(&c, pre, prelen, msg, msglen);
    pqf_keccak_squeeze(&c, out, SLH_N);
    pqf_keccak_wipe(&c);
}

/* Section 11.1: H_msg(R, PK.seed, PK.root, M) = SHAKE256(R || PK.seed || PK.root || M, 8m). */
void SLH_NS(hash_h_msg)(uint8_t *out, const uint8_t *r, const uint8_t *pk_seed,
                        const uint8_t *pk_root, const uint8_t *pre, size_t prelen,
                        const uint8_t *msg, size_t msglen) {
    pqf_keccak_ctx c;
    pqf_shake256_init(&c);
    pqf_keccak_absorb(&c, r, SLH_N);
    pqf_keccak_absorb(&c, pk_seed, SLH_N);
    pqf_keccak_absorb(&c, pk_root, SLH_N);
    absorb_msg(&c, pre, prelen, msg, msglen);
    pqf_keccak_squeeze(&c, out, SLH_M);
    pqf_keccak_wipe(&c);
}

#else
/* SHA2 parameter set: see hash_sha2.c. Keeps the translation unit non-empty. */
typedef int pqf_slhdsa_hash_shake_unused;
#endif

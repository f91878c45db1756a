/*
 * FIPS 205 section 11: the tweakable hash functions F, H, T_l and the PRFs
 * PRF, PRF_msg, H_msg. hash_shake.c implements section 11.1 (SHAKE sets),
 * hash_sha2.c section 11.2 (SHA2 sets).
 *
 * Every operation (key generation, signing, verification) first builds an
 * slh_ctx: it holds PK.seed, SK.seed (zero when verifying) and the hash state
 * after absorbing PK.seed (SHAKE256) or PK.seed || toByte(0, 64 - n) (SHA-256)
 * and PK.seed || toByte(0, 128 - n) (SHA-512, security categories 3 and 5).
 * Each F/H/T_l/PRF call starts from a copy of that state. The context holds
 * SK.seed, so it is wiped with slh_ctx_wipe when the operation ends.
 */
#ifndef PQF_SLHDSA_HASH_H
#define PQF_SLHDSA_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "address.h"
#include "ct.h"
#include "params.h"

#if SLH_IS_SHA2
#include "sha2.h"
#else
#include "fips202.h"
#endif

typedef struct {
    uint8_t pk_seed[SLH_N];
    uint8_t sk_seed[SLH_N];
#if SLH_IS_SHA2
    pqf_sha256_ctx seeded256;
#if SLH_N > 16
    pqf_sha512_ctx seeded512;
#endif
#else
    pqf_keccak_ctx seeded;
#endif
} slh_ctx;

/* Clears a small buffer after use. Fast enough for the per-hash temporaries;
 * the empty asm with a memory clobber keeps the stores from being dropped. */
static inline void slh_scrub(void *p, size_t n) {
#ifdef PQF_HAVE_ASM_BARRIER
    memset(p, 0, n);
    __asm__ __volatile__("" : : "r"(p) : "memory");
#else
    pqf_wipe(p, n);
#endif
}

/* sk_seed may be NULL (verification): the context then holds zeros. */
void SLH_NS(ctx_init)(slh_ctx *ctx, const uint8_t *pk_seed, const uint8_t *sk_seed);
void SLH_NS(ctx_wipe)(slh_ctx *ctx);

/* F(PK.seed, ADRS, M1), M1 of n bytes. out may equal in. */
void SLH_NS(hash_f)(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs,
                    const uint8_t *in);
/* H(PK.seed, ADRS, M2), M2 of 2n bytes. out may equal in. */
void SLH_NS(hash_h)(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs,
                    const uint8_t *in);
/* T_l(PK.seed, ADRS, M), M of l*n bytes. */
void SLH_NS(hash_t)(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs,
                    const uint8_t *in, size_t l);
/* PRF(PK.seed, SK.seed, ADRS). */
void SLH_NS(hash_prf)(const slh_ctx *ctx, uint8_t *out, const slh_adrs *adrs);
/*
 * The multi-lane layer: up to SLH_LANES independent calls of F, H, T_l or PRF
 * at once. Lane j < count computes out[j] from adrs[j] and in[j]; lanes from
 * count on are not read. With AVX2 (cpu.h) the lanes run side by side: eight
 * SHA-256 lanes (F and PRF; H and T_l at category 1), four SHA-512 lanes (H
 * and T_l at categories 3 and 5, in two groups), four SHAKE256 lanes. Without
 * it, or when too few lanes are busy to gain, the single-call functions above
 * run once per lane; the bytes are the same either way.
 *
 * In place: out[j] may equal in[j], and may overlap in[i] for i < j (a tree
 * level hashed into the front of its own buffer). Every lane reads its input
 * before any lane writes its output.
 */
#if SLH_IS_SHA2
#define SLH_LANES 8
#else
#define SLH_LANES 4
#endif

void SLH_NS(hash_f_lanes)(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                          const slh_adrs adrs[], const uint8_t *const in[]);
void SLH_NS(hash_h_lanes)(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                          const slh_adrs adrs[], const uint8_t *const in[]);
/* T_l with the same l in every lane. */
void SLH_NS(hash_t_lanes)(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                          const slh_adrs adrs[], const uint8_t *const in[], size_t l);
void SLH_NS(hash_prf_lanes)(const slh_ctx *ctx, unsigned count, uint8_t *const out[],
                            const slh_adrs adrs[]);

/* PRF_msg(SK.prf, opt_rand, M) with M = pre || msg (pre may be NULL when
 * prelen is 0). */
void SLH_NS(hash_prf_msg)(uint8_t *out, const uint8_t *sk_prf, const uint8_t *opt_rand,
                          const uint8_t *pre, size_t prelen, const uint8_t *msg,
                          size_t msglen);
/* H_msg(R, PK.seed, PK.root, M) with M = pre || msg; out has SLH_M bytes. */
void SLH_NS(hash_h_msg)(uint8_t *out, const uint8_t *r, const uint8_t *pk_seed,
                        const uint8_t *pk_root, const uint8_t *pre, size_t prelen,
                        const uint8_t *msg, size_t msglen);

#endif

/*
 * SHA-2 (FIPS 180-4), exported for pre-hashing in the Rust layer. Included by
 * pqfence.h; self-contained so the C layer can also include it directly.
 *
 * Usage: init, update any number of times, final. final writes ctx->outlen bytes
 * (SHA-224: 28, SHA-256: 32; SHA-512/224: 28, SHA-512/256: 32, SHA-384: 48,
 * SHA-512: 64) and then zeroes the context. A context may be copied by plain
 * assignment to fork a hash that shares a prefix.
 */
#ifndef PQFENCE_SHA2_H
#define PQFENCE_SHA2_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* SHA-224 / SHA-256: eight 32-bit chaining words, the number of bytes hashed so
 * far, the pending partial block and its length, and the digest length. */
typedef struct {
    uint32_t h[8];
    uint64_t nbytes;
    uint8_t buf[64];
    uint32_t buflen;
    uint32_t outlen;
} pqf_sha256_ctx;

/* SHA-384 / SHA-512 / SHA-512/224 / SHA-512/256: the same with 64-bit words and
 * 128-byte blocks. */
typedef struct {
    uint64_t h[8];
    uint64_t nbytes;
    uint8_t buf[128];
    uint32_t buflen;
    uint32_t outlen;
} pqf_sha512_ctx;

void pqf_sha224_init(pqf_sha256_ctx *ctx);
void pqf_sha256_init(pqf_sha256_ctx *ctx);
void pqf_sha256_update(pqf_sha256_ctx *ctx, const uint8_t *in, size_t inlen);
/* Writes ctx->outlen bytes (32 for SHA-256, 28 for SHA-224), then wipes ctx. */
void pqf_sha256_final(pqf_sha256_ctx *ctx, uint8_t *out);

void pqf_sha384_init(pqf_sha512_ctx *ctx);
void pqf_sha512_init(pqf_sha512_ctx *ctx);
void pqf_sha512_224_init(pqf_sha512_ctx *ctx);
void pqf_sha512_256_init(pqf_sha512_ctx *ctx);
void pqf_sha512_update(pqf_sha512_ctx *ctx, const uint8_t *in, size_t inlen);
/* Writes ctx->outlen bytes (64, 48, 32 or 28), then wipes ctx. */
void pqf_sha512_final(pqf_sha512_ctx *ctx, uint8_t *out);

#ifdef __cplusplus
}
#endif

#endif

/*
 * FIPS 180-4: SHA-224, SHA-256, SHA-384, SHA-512, SHA-512/224, SHA-512/256.
 * Shared by every scheme; compiled once. The contexts and the incremental
 * functions are exported (pqfence_sha2.h); this header adds the raw
 * compression functions, context copy/wipe and one-shot functions.
 */
#ifndef PQF_SHA2_H
#define PQF_SHA2_H

#include <stddef.h>
#include <stdint.h>

#include "pqfence_sha2.h"

#define PQF_SHA256_BLOCK_BYTES 64
#define PQF_SHA512_BLOCK_BYTES 128

/* FIPS 180-4 section 6.2.2 / 6.4.2: apply the compression function to nblocks
 * consecutive blocks of in, updating the chaining value h. */
void pqf_sha256_blocks(uint32_t h[8], const uint8_t *in, size_t nblocks);
void pqf_sha512_blocks(uint64_t h[8], const uint8_t *in, size_t nblocks);

/* dst = src (forks a hash after a shared prefix). */
void pqf_sha256_clone(pqf_sha256_ctx *dst, const pqf_sha256_ctx *src);
void pqf_sha512_clone(pqf_sha512_ctx *dst, const pqf_sha512_ctx *src);

void pqf_sha256_wipe(pqf_sha256_ctx *ctx);
void pqf_sha512_wipe(pqf_sha512_ctx *ctx);

/* One-shot functions. */
void pqf_sha224(uint8_t out[28], const uint8_t *in, size_t inlen);
void pqf_sha256(uint8_t out[32], const uint8_t *in, size_t inlen);
void pqf_sha384(uint8_t out[48], const uint8_t *in, size_t inlen);
void pqf_sha512(uint8_t out[64], const uint8_t *in, size_t inlen);
void pqf_sha512_224(uint8_t out[28], const uint8_t *in, size_t inlen);
void pqf_sha512_256(uint8_t out[32], const uint8_t *in, size_t inlen);

#endif

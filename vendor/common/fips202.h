/*
 * FIPS 202: SHA-3 and SHAKE over Keccak-f[1600]. Shared by every scheme; compiled
 * once. All symbols carry the pqf_ prefix.
 */
#ifndef PQF_FIPS202_H
#define PQF_FIPS202_H

#include <stddef.h>
#include <stdint.h>

#include "pqfence.h"

#define PQF_SHAKE128_RATE 168
#define PQF_SHAKE256_RATE 136
#define PQF_SHA3_256_RATE 136
#define PQF_SHA3_512_RATE 72

/* pqf_keccak_ctx and the exported incremental functions are declared in
 * pqfence.h. */

/* Keccak-f[1600] (FIPS 202 section 3.4), dispatched at run time: the
 * AVX-512VL one-state permutation (keccak_avx512.c) when pqf_cpu_features()
 * has PQF_CPU_AVX512VL, else the scalar C, the reference (keccak.c). */
void pqf_keccak_f1600(uint64_t st[25]);
void pqf_keccak_f1600_portable(uint64_t st[25]);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PQF_HAVE_KECCAK_AVX512 1
void pqf_keccak_f1600_avx512vl(uint64_t st[25]);
#endif

/* Incremental interface: init, absorb any number of times, then squeeze any number
 * of times (the first squeeze pads). Wipe when the state held secrets. */
void pqf_keccak_init(pqf_keccak_ctx *ctx, unsigned rate, uint8_t dsbyte);
void pqf_keccak_finalize(pqf_keccak_ctx *ctx);

/* One-shot functions. */
void pqf_shake128(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen);
void pqf_shake256(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen);
void pqf_sha3_224(uint8_t out[28], const uint8_t *in, size_t inlen);
void pqf_sha3_256(uint8_t out[32], const uint8_t *in, size_t inlen);
void pqf_sha3_384(uint8_t out[48], const uint8_t *in, size_t inlen);
void pqf_sha3_512(uint8_t out[64], const uint8_t *in, size_t inlen);

#endif

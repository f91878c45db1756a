/*
 * Multi-lane SHA-2 compression (FIPS 180-4 sections 6.2.2 and 6.4.2): eight
 * independent SHA-256 chaining values, or four SHA-512 ones, each advanced
 * over its own blocks at once. For hashes that share their shape, such as
 * SLH-DSA's tweakable hashes (a state precomputed over the PK.seed block, then
 * one or a few blocks of equal length per lane): the caller pads.
 *
 * The chaining values are interleaved word by word: word i of lane j is
 * h[8 * i + j] (SHA-256) or h[4 * i + j] (SHA-512), so that one 256-bit vector
 * holds word i of every lane. With AVX2 (cpu.h) the rounds run on those
 * vectors (sha256x8_avx2.c, sha512x4_avx2.c); otherwise each lane runs
 * pqf_sha256_blocks / pqf_sha512_blocks in turn. Either way the values are
 * those of separate single-lane compressions.
 */
#ifndef PQF_SHA2X_H
#define PQF_SHA2X_H

#include <stddef.h>
#include <stdint.h>

#define PQF_SHA256X_LANES 8
#define PQF_SHA512X_LANES 4

/* Advances lane j over the nblocks 64-byte blocks at in[j], for j = 0..7. */
void pqf_sha256x8_blocks(uint32_t h[8 * 8], const uint8_t *const in[8], size_t nblocks);

/* Advances lane j over the nblocks 128-byte blocks at in[j], for j = 0..3. */
void pqf_sha512x4_blocks(uint64_t h[8 * 4], const uint8_t *const in[4], size_t nblocks);

/* The two paths, for tests and for callers that dispatch themselves: the
 * AVX2 kernels may run only when pqf_cpu_features() has PQF_CPU_AVX2. */
void pqf_sha256x8_blocks_portable(uint32_t h[8 * 8], const uint8_t *const in[8],
                                  size_t nblocks);
void pqf_sha512x4_blocks_portable(uint64_t h[8 * 4], const uint8_t *const in[4],
                                  size_t nblocks);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PQF_HAVE_SHA2X_AVX2 1
void pqf_sha256x8_blocks_avx2(uint32_t h[8 * 8], const uint8_t *const in[8],
                              size_t nblocks);
void pqf_sha512x4_blocks_avx2(uint64_t h[8 * 4], const uint8_t *const in[4],
                              size_t nblocks);
#endif

#endif

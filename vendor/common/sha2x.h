/*
 * Multi-lane SHA-2 compression (FIPS 180-4 sections 6.2.2 and 6.4.2): eight
 * independent SHA-256 chaining values, or four SHA-512 ones, each advanced
 * over its own blocks at once. For hashes that share their shape, such as
 * SLH-DSA's tweakable hashes (a state precomputed over the PK.seed block, then
 * one or a few blocks of equal length per lane): the caller pads.
 *
 * The chaining values are interleaved word by word: word i of lane j is
 * h[8 * i + j] (SHA-256) or h[4 * i + j] (SHA-512), so that one 256-bit vector
 * holds word i of every lane. Only lanes 0 .. count - 1 are busy: the others
 * keep their chaining values and their in[j] is not read.
 *
 * SHA-256 runs on the SHA extensions when the CPU has them, two lanes at a
 * time (sha256x8_shani.c), else on AVX2 vectors (sha256x8_avx2.c); SHA-512 on
 * AVX2 vectors (sha512x4_avx2.c); each falls back to running
 * pqf_sha256_blocks / pqf_sha512_blocks once per lane. Either way the values
 * are those of separate single-lane compressions.
 */
#ifndef PQF_SHA2X_H
#define PQF_SHA2X_H

#include <stddef.h>
#include <stdint.h>

#define PQF_SHA256X_LANES 8
#define PQF_SHA512X_LANES 4

/* Advances lane j over the nblocks 64-byte blocks at in[j], for j < count
 * (count <= 8). */
void pqf_sha256x8_blocks(uint32_t h[8 * 8], const uint8_t *const in[8], size_t nblocks,
                         unsigned count);

/* Advances lane j over the nblocks 128-byte blocks at in[j], for j < count
 * (count <= 4). */
void pqf_sha512x4_blocks(uint64_t h[8 * 4], const uint8_t *const in[4], size_t nblocks,
                         unsigned count);

/* Whether the dispatchers above have a faster path than one lane after
 * another (the SHA extensions or AVX2, allowed by pqf_cpu_features()). */
int pqf_sha256x8_accelerated(void);
int pqf_sha512x4_accelerated(void);

/* The paths, for tests: the portable loops, and the kernels, which may run
 * only when pqf_cpu_features() has PQF_CPU_SHANI or PQF_CPU_AVX2. The AVX2
 * kernels always run every lane (all in[j] must be readable). */
void pqf_sha256x8_blocks_portable(uint32_t h[8 * 8], const uint8_t *const in[8],
                                  size_t nblocks, unsigned count);
void pqf_sha512x4_blocks_portable(uint64_t h[8 * 4], const uint8_t *const in[4],
                                  size_t nblocks, unsigned count);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PQF_HAVE_SHA2X_KERNELS 1
void pqf_sha256x8_blocks_avx2(uint32_t h[8 * 8], const uint8_t *const in[8],
                              size_t nblocks);
void pqf_sha512x4_blocks_avx2(uint64_t h[8 * 4], const uint8_t *const in[4],
                              size_t nblocks);
void pqf_sha256x8_blocks_shani(uint32_t h[8 * 8], const uint8_t *const in[8],
                               size_t nblocks, unsigned count);
#endif

#endif

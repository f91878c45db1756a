/*
 * Multi-lane SHA-2 (FIPS 180-4 sections 6.2.2 and 6.4.2) for hashes that
 * share a first part: up to eight SHA-256 or four SHA-512 computations that
 * start from one common chaining value (the state after the shared blocks)
 * and each go on over their own, already padded, blocks of one common
 * length. SLH-DSA's tweakable hashes have this shape: a state precomputed
 * over the PK.seed block, then one or a few blocks per call.
 *
 * Lane j < count hashes the nblocks consecutive blocks at in[j] from the
 * chaining value start and writes the first outlen bytes of the result
 * (big-endian words, as a digest) to out[j]; lanes from count on are not read.
 * The caller pads (section 5.1), so out is the digest when the blocks end the
 * message.
 *
 * SHA-256 runs on the SHA extensions when the CPU has them, two lanes at a
 * time with interleaved instructions (sha256x8_shani.c), else on AVX2 vectors
 * of eight 32-bit words (sha256x8_avx2.c); SHA-512 on AVX2 vectors of four
 * 64-bit words (sha512x4_avx2.c). Otherwise, and under PQFENCE_BACKEND=portable,
 * each lane runs pqf_sha256_blocks / pqf_sha512_blocks in turn. The bytes are
 * the same on every path.
 */
#ifndef PQF_SHA2X_H
#define PQF_SHA2X_H

#include <stddef.h>
#include <stdint.h>

/* count <= 8, outlen <= 32. */
void pqf_sha256x8_tails(uint8_t *const out[8], size_t outlen, const uint32_t start[8],
                        const uint8_t *const in[8], size_t nblocks, unsigned count);

/* count <= 4, outlen <= 64. */
void pqf_sha512x4_tails(uint8_t *const out[4], size_t outlen, const uint64_t start[8],
                        const uint8_t *const in[4], size_t nblocks, unsigned count);

/* Whether the functions above have a faster path than one lane after
 * another (the SHA extensions or AVX2, as allowed by pqf_cpu_features()). */
int pqf_sha256x8_accelerated(void);
int pqf_sha512x4_accelerated(void);

/* The paths, for tests: the portable loops, and the kernels, which may run
 * only when pqf_cpu_features() has PQF_CPU_SHANI or PQF_CPU_AVX2. */
void pqf_sha256x8_tails_portable(uint8_t *const out[8], size_t outlen,
                                 const uint32_t start[8], const uint8_t *const in[8],
                                 size_t nblocks, unsigned count);
void pqf_sha512x4_tails_portable(uint8_t *const out[4], size_t outlen,
                                 const uint64_t start[8], const uint8_t *const in[4],
                                 size_t nblocks, unsigned count);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PQF_HAVE_SHA2X_KERNELS 1
void pqf_sha256x8_tails_avx2(uint8_t *const out[8], size_t outlen, const uint32_t start[8],
                             const uint8_t *const in[8], size_t nblocks, unsigned count);
void pqf_sha256x8_tails_shani(uint8_t *const out[8], size_t outlen, const uint32_t start[8],
                              const uint8_t *const in[8], size_t nblocks, unsigned count);
void pqf_sha512x4_tails_avx2(uint8_t *const out[4], size_t outlen, const uint64_t start[8],
                             const uint8_t *const in[4], size_t nblocks, unsigned count);
#endif

#endif

/*
 * Four independent SHAKE computations at once, for the parallel hashing of
 * ML-KEM and ML-DSA matrix expansion and noise, and of SLH-DSA-SHAKE chains.
 *
 * The four Keccak states are interleaved lane by lane: lane i of state j is
 * s[4 * i + j], so that one 256-bit vector holds lane i of all four. With
 * AVX2 (cpu.h) the permutation runs on vectors (keccakx4_avx2.c); otherwise
 * it runs the scalar permutation on each state in turn. Either way the bytes
 * are those of four separate pqf_shake128/256 calls.
 *
 * The absorb-once interface takes four inputs of one common length (the
 * callers' inputs are seeds with a nonce, all the same length) and pads them;
 * squeezeblocks then writes whole rate-sized blocks to each output.
 */
#ifndef PQF_FIPS202X4_H
#define PQF_FIPS202X4_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t s[4 * 25];
} pqf_keccakx4_state;

/* Keccak-f[1600] on each of the four interleaved states. */
void pqf_keccakx4_f1600(uint64_t s[4 * 25]);

/* The AVX2 permutation (keccakx4_avx2.c), built where the compiler can target
 * AVX2 in one file: x86-64 with GCC or Clang. Call it only when
 * pqf_cpu_features() has PQF_CPU_AVX2; pqf_keccakx4_f1600 dispatches. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PQF_HAVE_KECCAKX4_AVX2 1
void pqf_keccakx4_f1600_avx2(uint64_t s[4 * 25]);
/* Lanes 0..nlanes-1 of state j to out[j], 8 bytes each (FIPS 202 byte
 * order), with 4 x 4 transposes (keccakx4_avx2.c; AVX2 only). */
void pqf_keccakx4_extract_avx2(uint8_t *const out[4], const uint64_t s[4 * 25],
                               unsigned nlanes);
/* The same permutation with AVX-512VL's vprolq and vpternlogq on 256-bit
 * vectors (keccakx4_avx512.c): call it only when pqf_cpu_features() has
 * PQF_CPU_AVX2 and PQF_CPU_AVX512VL; pqf_keccakx4_f1600 prefers it then. */
#define PQF_HAVE_KECCAKX4_AVX512 1
void pqf_keccakx4_f1600_avx512vl(uint64_t s[4 * 25]);
#endif

/* Initialises st and absorbs in0..in3 (inlen bytes each), with the padding. */
void pqf_shake128x4_absorb_once(pqf_keccakx4_state *st, const uint8_t *in0,
                                const uint8_t *in1, const uint8_t *in2,
                                const uint8_t *in3, size_t inlen);
void pqf_shake256x4_absorb_once(pqf_keccakx4_state *st, const uint8_t *in0,
                                const uint8_t *in1, const uint8_t *in2,
                                const uint8_t *in3, size_t inlen);

/* Writes nblocks blocks of 168 (SHAKE128) or 136 (SHAKE256) bytes to each output. */
void pqf_shake128x4_squeezeblocks(uint8_t *out0, uint8_t *out1, uint8_t *out2,
                                  uint8_t *out3, size_t nblocks,
                                  pqf_keccakx4_state *st);
void pqf_shake256x4_squeezeblocks(uint8_t *out0, uint8_t *out1, uint8_t *out2,
                                  uint8_t *out3, size_t nblocks,
                                  pqf_keccakx4_state *st);

/*
 * Lane by lane, for SHAKE streams of different rates and input lengths in
 * one state (a SHAKE128 stream beside SHAKE256 ones), and for a lane that
 * starts a new stream while the others go on. absorb_lane sets lane j to a
 * fresh SHAKE state (rate PQF_SHAKE128_RATE or PQF_SHAKE256_RATE) that has
 * absorbed inlen < rate bytes of in with the padding; the other lanes are
 * untouched. squeezeblocks_lanes then writes, per block, the first rate[j]
 * bytes of lane j to out[j], advancing it; a NULL out[j] skips lane j (its
 * state is still permuted with the others).
 */
void pqf_shakex4_absorb_lane(pqf_keccakx4_state *st, unsigned j, unsigned rate,
                             const uint8_t *in, size_t inlen);
void pqf_shakex4_squeezeblocks_lanes(uint8_t *const out[4], const unsigned rate[4],
                                     size_t nblocks, pqf_keccakx4_state *st);

/* One-shot: outlen bytes of SHAKE256(in_j) to out_j, for j = 0..3. */
void pqf_shake256x4(uint8_t *out0, uint8_t *out1, uint8_t *out2, uint8_t *out3,
                    size_t outlen, const uint8_t *in0, const uint8_t *in1,
                    const uint8_t *in2, const uint8_t *in3, size_t inlen);

/* Overwrites the four states (they held secrets: noise seeds, SLH-DSA keys). */
void pqf_keccakx4_wipe(pqf_keccakx4_state *st);

#endif

/*
 * pqfence.h: the one header of pqfence's C layer (vendor/). bindgen reads this
 * file (and the per-standard headers it includes) to generate
 * rust/ffi/bindings.rs; every exported function and size macro is reachable from
 * here.
 *
 * Conventions for every entry point:
 *   - outputs first, const inputs after; all buffers are caller-owned and have
 *     the exact sizes given by the macros below;
 *   - deterministic: seeds and coins are arguments, the C never draws randomness;
 *   - reentrant: no malloc, no I/O, and no globals but the two words of
 *     vendor/common/cpu.c (the cached CPU features and the backend cap);
 *   - returns PQF_OK (0) or one of the negative PQF_ERR_* codes.
 */
#ifndef PQFENCE_H
#define PQFENCE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Return codes shared by every scheme. */
#define PQF_OK 0
/* A key failed a validity check (FIPS 203 section 7 input checks, out-of-range
 * coefficients, a hash that does not match, a malformed encoding). */
#define PQF_ERR_INVALID_KEY (-1)
/* A signature did not verify or was not canonically encoded. */
#define PQF_ERR_INVALID_SIGNATURE (-2)
/* An argument is out of range (for example a context longer than 255 bytes). */
#define PQF_ERR_BAD_ARGUMENT (-3)
/* A bounded loop ran out of iterations or an internal self-check failed. */
#define PQF_ERR_INTERNAL (-4)

/*
 * Backends. The C picks vector code at run time (CPUID, asked once) and
 * falls back to the portable C, whose outputs are the reference: every
 * backend gives identical bytes. pqf_backend_select caps the choice
 * (PQF_BACKEND_PORTABLE forces the portable C for the whole process,
 * PQF_BACKEND_AVX2 the AVX2 code without its AVX-512VL parts) and returns the
 * backend now in use; pqf_backend reports it. PQF_BACKEND_AVX512 is the AVX2
 * code with AVX-512VL instructions on 256-bit registers where they pay
 * (Keccak's rotations and chi), on CPUs that have them.
 */
#define PQF_BACKEND_PORTABLE 0
#define PQF_BACKEND_AVX2 1
#define PQF_BACKEND_AVX512 2
int pqf_backend_select(int max_backend);
int pqf_backend(void);

/* FIPS 202 hashing (vendor/common/keccak.c), exported so the Rust layer can
 * stream large inputs (ML-DSA's mu, pre-hashes) through the same Keccak as the
 * C. A sponge holds 25 lanes, the byte position in the current block, the rate
 * in bytes, the domain byte that starts the padding, and the phase. */
typedef struct {
    uint64_t s[25];
    unsigned pos;
    unsigned rate;
    uint8_t dsbyte;
    uint8_t squeezing;
} pqf_keccak_ctx;

void pqf_shake128_init(pqf_keccak_ctx *ctx);
void pqf_shake256_init(pqf_keccak_ctx *ctx);
/* SHA3-(8*outbytes) for outbytes in {28, 32, 48, 64}. */
void pqf_sha3_init(pqf_keccak_ctx *ctx, unsigned outbytes);
void pqf_keccak_absorb(pqf_keccak_ctx *ctx, const uint8_t *in, size_t inlen);
/* The first squeeze pads; squeeze may then be called any number of times. */
void pqf_keccak_squeeze(pqf_keccak_ctx *ctx, uint8_t *out, size_t outlen);
void pqf_keccak_wipe(pqf_keccak_ctx *ctx);

#include "pqfence_mlkem.h"
#include "pqfence_mldsa.h"
#include "pqfence_sha2.h"
#include "pqfence_falcon.h"
#include "pqfence_slhdsa.h"

#ifdef __cplusplus
}
#endif

#endif /* PQFENCE_H */

/*
 * ML-DSA parameter sets (FIPS 204 section 4, Table 1 and Table 2).
 *
 * The sources are compiled once per parameter set with -DPQF_MLDSA_MODE=44, 65
 * or 87. Every non-static symbol goes through PQF_MLDSA_NS so that the three
 * builds link into one library.
 */
#ifndef PQF_MLDSA_PARAMS_H
#define PQF_MLDSA_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "pqfence.h"
#include "pqfence_mldsa.h"

#ifndef PQF_MLDSA_MODE
#error "PQF_MLDSA_MODE must be defined to 44, 65 or 87"
#endif

#define PQF_MLDSA_N 256
#define PQF_MLDSA_Q 8380417
#define PQF_MLDSA_D 13 /* dropped bits of t */

#if PQF_MLDSA_MODE == 44
#define PQF_MLDSA_NS(s) pqf_mldsa44_##s
#define PQF_MLDSA_K 4
#define PQF_MLDSA_L 4
#define PQF_MLDSA_ETA 2
#define PQF_MLDSA_TAU 39
#define PQF_MLDSA_LAMBDA 128
#define PQF_MLDSA_GAMMA1_BITS 17
#define PQF_MLDSA_GAMMA2 ((PQF_MLDSA_Q - 1) / 88)
#define PQF_MLDSA_OMEGA 80
#define PQF_MLDSA_PK_EXPECTED PQF_MLDSA44_PK_BYTES
#define PQF_MLDSA_SK_EXPECTED PQF_MLDSA44_SK_BYTES
#define PQF_MLDSA_SIG_EXPECTED PQF_MLDSA44_SIG_BYTES
#define PQF_MLDSA_PK_CACHE_BYTES PQF_MLDSA44_PK_CACHE_BYTES
#define PQF_MLDSA_SK_CACHE_BYTES PQF_MLDSA44_SK_CACHE_BYTES
#elif PQF_MLDSA_MODE == 65
#define PQF_MLDSA_NS(s) pqf_mldsa65_##s
#define PQF_MLDSA_K 6
#define PQF_MLDSA_L 5
#define PQF_MLDSA_ETA 4
#define PQF_MLDSA_TAU 49
#define PQF_MLDSA_LAMBDA 192
#define PQF_MLDSA_GAMMA1_BITS 19
#define PQF_MLDSA_GAMMA2 ((PQF_MLDSA_Q - 1) / 32)
#define PQF_MLDSA_OMEGA 55
#define PQF_MLDSA_PK_EXPECTED PQF_MLDSA65_PK_BYTES
#define PQF_MLDSA_SK_EXPECTED PQF_MLDSA65_SK_BYTES
#define PQF_MLDSA_SIG_EXPECTED PQF_MLDSA65_SIG_BYTES
#define PQF_MLDSA_PK_CACHE_BYTES PQF_MLDSA65_PK_CACHE_BYTES
#define PQF_MLDSA_SK_CACHE_BYTES PQF_MLDSA65_SK_CACHE_BYTES
#elif PQF_MLDSA_MODE == 87
#define PQF_MLDSA_NS(s) pqf_mldsa87_##s
#define PQF_MLDSA_K 8
#define PQF_MLDSA_L 7
#define PQF_MLDSA_ETA 2
#define PQF_MLDSA_TAU 60
#define PQF_MLDSA_LAMBDA 256
#define PQF_MLDSA_GAMMA1_BITS 19
#define PQF_MLDSA_GAMMA2 ((PQF_MLDSA_Q - 1) / 32)
#define PQF_MLDSA_OMEGA 75
#define PQF_MLDSA_PK_EXPECTED PQF_MLDSA87_PK_BYTES
#define PQF_MLDSA_SK_EXPECTED PQF_MLDSA87_SK_BYTES
#define PQF_MLDSA_SIG_EXPECTED PQF_MLDSA87_SIG_BYTES
#define PQF_MLDSA_PK_CACHE_BYTES PQF_MLDSA87_PK_CACHE_BYTES
#define PQF_MLDSA_SK_CACHE_BYTES PQF_MLDSA87_SK_CACHE_BYTES
#else
#error "PQF_MLDSA_MODE must be 44, 65 or 87"
#endif

/* Derived quantities. */
#define PQF_MLDSA_GAMMA1 (1 << PQF_MLDSA_GAMMA1_BITS)
#define PQF_MLDSA_BETA (PQF_MLDSA_TAU * PQF_MLDSA_ETA)
#define PQF_MLDSA_CTILDE_BYTES (PQF_MLDSA_LAMBDA / 4)
/* (q - 1) / (2 gamma2): the number of high-bit values, 44 or 16. */
#define PQF_MLDSA_W1_COUNT ((PQF_MLDSA_Q - 1) / (2 * PQF_MLDSA_GAMMA2))

#if PQF_MLDSA_ETA == 2
#define PQF_MLDSA_ETA_BITS 3 /* bitlen(2 eta) */
#else
#define PQF_MLDSA_ETA_BITS 4
#endif
#if PQF_MLDSA_W1_COUNT == 44
#define PQF_MLDSA_W1_BITS 6 /* bitlen(W1_COUNT - 1) */
#else
#define PQF_MLDSA_W1_BITS 4
#endif
#define PQF_MLDSA_Z_BITS (PQF_MLDSA_GAMMA1_BITS + 1) /* bitlen(2 gamma1 - 1) */
#define PQF_MLDSA_T1_BITS 10                       /* bitlen(q - 1) - d */

/* Byte lengths of one packed polynomial and of the encodings. */
#define PQF_MLDSA_POLY_T1_BYTES (32 * PQF_MLDSA_T1_BITS)
#define PQF_MLDSA_POLY_T0_BYTES (32 * PQF_MLDSA_D)
#define PQF_MLDSA_POLY_ETA_BYTES (32 * PQF_MLDSA_ETA_BITS)
#define PQF_MLDSA_POLY_Z_BYTES (32 * PQF_MLDSA_Z_BITS)
#define PQF_MLDSA_POLY_W1_BYTES (32 * PQF_MLDSA_W1_BITS)

#define PQF_MLDSA_PK_BYTES (32 + PQF_MLDSA_K * PQF_MLDSA_POLY_T1_BYTES)
#define PQF_MLDSA_SK_BYTES                                                      \
    (32 + 32 + PQF_MLDSA_TR_BYTES +                                             \
     (PQF_MLDSA_K + PQF_MLDSA_L) * PQF_MLDSA_POLY_ETA_BYTES +                   \
     PQF_MLDSA_K * PQF_MLDSA_POLY_T0_BYTES)
#define PQF_MLDSA_SIG_BYTES                                                     \
    (PQF_MLDSA_CTILDE_BYTES + PQF_MLDSA_L * PQF_MLDSA_POLY_Z_BYTES +            \
     PQF_MLDSA_OMEGA + PQF_MLDSA_K)
#define PQF_MLDSA_W1_PACKED_BYTES (PQF_MLDSA_K * PQF_MLDSA_POLY_W1_BYTES)

#if PQF_MLDSA_PK_BYTES != PQF_MLDSA_PK_EXPECTED
#error "public key size does not match pqfence_mldsa.h"
#endif
#if PQF_MLDSA_SK_BYTES != PQF_MLDSA_SK_EXPECTED
#error "secret key size does not match pqfence_mldsa.h"
#endif
#if PQF_MLDSA_SIG_BYTES != PQF_MLDSA_SIG_EXPECTED
#error "signature size does not match pqfence_mldsa.h"
#endif

/* Bound on the signing rejection loop (expected iterations are below 6; 1000
 * iterations all rejecting has negligible probability). */
#ifndef PQF_MLDSA_MAX_SIGN_ITERATIONS
#define PQF_MLDSA_MAX_SIGN_ITERATIONS 1000
#endif

/* Polynomials of R_q (or T_q) and vectors of them; coefficients are int32. */
typedef struct {
    int32_t c[PQF_MLDSA_N];
} pqf_mldsa_poly;

typedef struct {
    pqf_mldsa_poly v[PQF_MLDSA_L];
} pqf_mldsa_polyvecl;

typedef struct {
    pqf_mldsa_poly v[PQF_MLDSA_K];
} pqf_mldsa_polyveck;

#endif

/*
 * Falcon (round-3 specification v1.2) parameter sets, section 3.13, Table 3.3.
 *
 * The build compiles every source of this directory once per parameter set with
 * -DPQF_FALCON_LOGN=9 (Falcon-512) or 10 (Falcon-1024), and with
 * -ffp-contract=off (see fft.c). Everything else is derived here, including the
 * per-set symbol prefix.
 */
#ifndef PQF_FALCON_PARAMS_H
#define PQF_FALCON_PARAMS_H

#include "pqfence.h"
/* pqfence.h includes it too; the include guard makes this a no-op then. */
#include "pqfence_falcon.h"

#ifndef PQF_FALCON_LOGN
#error "PQF_FALCON_LOGN must be defined to 9 or 10"
#endif

#define PQF_FALCON_Q 12289

#if PQF_FALCON_LOGN == 9
#define PQF_FALCON_NS(s) pqf_falcon512_##s
/* floor(beta^2), the acceptance bound on ||(s1, s2)||^2 */
#define PQF_FALCON_L2BOUND 34034726u
/* bit width of the f and g coefficients in the private key */
#define PQF_FALCON_FG_BITS 6
#define PQF_FALCON_API_PK_BYTES PQF_FALCON512_PK_BYTES
#define PQF_FALCON_API_SK_BYTES PQF_FALCON512_SK_BYTES
#define PQF_FALCON_API_SIG_MAX_BYTES PQF_FALCON512_SIG_MAX_BYTES
#define PQF_FALCON_API_SIG_PADDED_BYTES PQF_FALCON512_SIG_PADDED_BYTES
#define PQF_FALCON_API_TMP_BYTES PQF_FALCON512_TMP_BYTES
#elif PQF_FALCON_LOGN == 10
#define PQF_FALCON_NS(s) pqf_falcon1024_##s
#define PQF_FALCON_L2BOUND 70265242u
#define PQF_FALCON_FG_BITS 5
#define PQF_FALCON_API_PK_BYTES PQF_FALCON1024_PK_BYTES
#define PQF_FALCON_API_SK_BYTES PQF_FALCON1024_SK_BYTES
#define PQF_FALCON_API_SIG_MAX_BYTES PQF_FALCON1024_SIG_MAX_BYTES
#define PQF_FALCON_API_SIG_PADDED_BYTES PQF_FALCON1024_SIG_PADDED_BYTES
#define PQF_FALCON_API_TMP_BYTES PQF_FALCON1024_TMP_BYTES
#else
#error "PQF_FALCON_LOGN must be 9 or 10"
#endif

#define PQF_FALCON_N (1u << PQF_FALCON_LOGN)
#define PQF_FALCON_NONCE PQF_FALCON_NONCE_BYTES

/* Bound on the signing attempts (Algorithm 10 restarts), as ML-DSA bounds its
 * rejection loop; running out is PQF_ERR_INTERNAL. An honest key's attempt is
 * rejected when ||(s1, s2)||^2 > beta^2 or s2 does not compress into the
 * signature. ||(s1, s2)||^2 / sigma^2 is close to chi-square with 2n degrees
 * of freedom (mean 2n sigma^2); beta^2 is 1.21 times that mean, about 4.7
 * (Falcon-512) and 6.7 (Falcon-1024) standard deviations above it, so the
 * norm rejects an attempt with probability about 4e-6 and 1e-10 (the
 * Wilson-Hilferty approximation of the chi-square tail); the compression test
 * fails more rarely still (the padded lengths are chosen for that). Even
 * granting a rejection probability of 1/2 per attempt, 1000 attempts all
 * rejected has probability 2^-1000: only a key that is not a Falcon key (one
 * whose f G - g F is not q, which no loader accepts) gets there, and without
 * the bound it would make signing spin forever. Each attempt draws fresh PRNG
 * output, and a signature that is found is the one the unbounded loop would
 * have produced (known-answer signatures are unchanged). */
#ifndef PQF_FALCON_MAX_SIGN_ATTEMPTS
#define PQF_FALCON_MAX_SIGN_ATTEMPTS 1000
#endif

/* Encodings, section 3.11. */
#define PQF_FALCON_PK_BYTES (1 + (14 * PQF_FALCON_N) / 8)
#define PQF_FALCON_SK_BYTES (1 + (2 * PQF_FALCON_FG_BITS * PQF_FALCON_N) / 8 + PQF_FALCON_N)
/* header byte of a signature whose s2 is compressed: 0 c c 1 n n n n, cc = 01 */
#define PQF_FALCON_SIG_HEADER (0x30 + PQF_FALCON_LOGN)
#define PQF_FALCON_PK_HEADER (0x00 + PQF_FALCON_LOGN)
#define PQF_FALCON_SK_HEADER (0x50 + PQF_FALCON_LOGN)

typedef char pqf_falcon_pk_size_check[(PQF_FALCON_PK_BYTES == PQF_FALCON_API_PK_BYTES) ? 1 : -1];
typedef char pqf_falcon_sk_size_check[(PQF_FALCON_SK_BYTES == PQF_FALCON_API_SK_BYTES) ? 1 : -1];

#endif

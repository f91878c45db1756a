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

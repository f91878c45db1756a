/*
 * ML-KEM (FIPS 203) parameter sets, section 8, Table 2.
 *
 * The build compiles every source of this directory once per parameter set with
 * -DPQF_MLKEM_K=2 (ML-KEM-512), 3 (ML-KEM-768) or 4 (ML-KEM-1024). Everything
 * else is derived here, including the per-set symbol prefix.
 */
#ifndef PQF_MLKEM_PARAMS_H
#define PQF_MLKEM_PARAMS_H

#include "pqfence.h"

#ifndef PQF_MLKEM_K
#error "PQF_MLKEM_K must be defined to 2, 3 or 4"
#endif

#define PQF_MLKEM_N 256
#define PQF_MLKEM_Q 3329

#if PQF_MLKEM_K == 2
#define PQF_MLKEM_NS(s) pqf_mlkem512_##s
#define PQF_MLKEM_ETA1 3
#define PQF_MLKEM_DU 10
#define PQF_MLKEM_DV 4
#define PQF_MLKEM_API_EK_BYTES PQF_MLKEM512_EK_BYTES
#define PQF_MLKEM_API_DK_BYTES PQF_MLKEM512_DK_BYTES
#define PQF_MLKEM_API_CT_BYTES PQF_MLKEM512_CT_BYTES
#define PQF_MLKEM_API_EK_CACHE_BYTES PQF_MLKEM512_EK_CACHE_BYTES
#elif PQF_MLKEM_K == 3
#define PQF_MLKEM_NS(s) pqf_mlkem768_##s
#define PQF_MLKEM_ETA1 2
#define PQF_MLKEM_DU 10
#define PQF_MLKEM_DV 4
#define PQF_MLKEM_API_EK_BYTES PQF_MLKEM768_EK_BYTES
#define PQF_MLKEM_API_DK_BYTES PQF_MLKEM768_DK_BYTES
#define PQF_MLKEM_API_CT_BYTES PQF_MLKEM768_CT_BYTES
#define PQF_MLKEM_API_EK_CACHE_BYTES PQF_MLKEM768_EK_CACHE_BYTES
#elif PQF_MLKEM_K == 4
#define PQF_MLKEM_NS(s) pqf_mlkem1024_##s
#define PQF_MLKEM_ETA1 2
#define PQF_MLKEM_DU 11
#define PQF_MLKEM_DV 5
#define PQF_MLKEM_API_EK_BYTES PQF_MLKEM1024_EK_BYTES
#define PQF_MLKEM_API_DK_BYTES PQF_MLKEM1024_DK_BYTES
#define PQF_MLKEM_API_CT_BYTES PQF_MLKEM1024_CT_BYTES
#define PQF_MLKEM_API_EK_CACHE_BYTES PQF_MLKEM1024_EK_CACHE_BYTES
#else
#error "PQF_MLKEM_K must be 2, 3 or 4"
#endif

#define PQF_MLKEM_ETA2 2

/* Byte lengths (FIPS 203 section 8, Table 3). */
#define PQF_MLKEM_SYM_BYTES 32                      /* d, z, rho, sigma, m, K, r, h */
#define PQF_MLKEM_POLY12_BYTES 384                  /* ByteEncode_12 of one polynomial */
#define PQF_MLKEM_VEC12_BYTES (PQF_MLKEM_K * PQF_MLKEM_POLY12_BYTES)
#define PQF_MLKEM_POLY_DU_BYTES (32 * PQF_MLKEM_DU)
#define PQF_MLKEM_POLY_DV_BYTES (32 * PQF_MLKEM_DV)
#define PQF_MLKEM_EK_BYTES (PQF_MLKEM_VEC12_BYTES + PQF_MLKEM_SYM_BYTES)
#define PQF_MLKEM_DKPKE_BYTES PQF_MLKEM_VEC12_BYTES
#define PQF_MLKEM_DK_BYTES \
    (PQF_MLKEM_DKPKE_BYTES + PQF_MLKEM_EK_BYTES + 2 * PQF_MLKEM_SYM_BYTES)
#define PQF_MLKEM_CT_BYTES \
    (PQF_MLKEM_K * PQF_MLKEM_POLY_DU_BYTES + PQF_MLKEM_POLY_DV_BYTES)
/* The expanded ek (kpke.h): k^2 + k polynomials of N int16, then H(ek) and rho. */
#define PQF_MLKEM_EK_CACHE_BYTES \
    ((PQF_MLKEM_K * PQF_MLKEM_K + PQF_MLKEM_K) * PQF_MLKEM_N * 2 + 2 * PQF_MLKEM_SYM_BYTES)

/* Compile-time checks (C99 has no static_assert: an array of size -1 does not
 * compile) that the derived sizes match the public header. */
#define PQF_MLKEM_STATIC_CHECK(name, cond) typedef char pqf_mlkem_check_##name[(cond) ? 1 : -1]
PQF_MLKEM_STATIC_CHECK(ek_bytes, PQF_MLKEM_EK_BYTES == PQF_MLKEM_API_EK_BYTES);
PQF_MLKEM_STATIC_CHECK(dk_bytes, PQF_MLKEM_DK_BYTES == PQF_MLKEM_API_DK_BYTES);
PQF_MLKEM_STATIC_CHECK(ct_bytes, PQF_MLKEM_CT_BYTES == PQF_MLKEM_API_CT_BYTES);
PQF_MLKEM_STATIC_CHECK(ek_cache_bytes, PQF_MLKEM_EK_CACHE_BYTES == PQF_MLKEM_API_EK_CACHE_BYTES);
PQF_MLKEM_STATIC_CHECK(seed_bytes, PQF_MLKEM_SEED_BYTES == 2 * PQF_MLKEM_SYM_BYTES);
PQF_MLKEM_STATIC_CHECK(ss_bytes, PQF_MLKEM_SHARED_SECRET_BYTES == PQF_MLKEM_SYM_BYTES);
PQF_MLKEM_STATIC_CHECK(msg_bytes, PQF_MLKEM_MESSAGE_BYTES == PQF_MLKEM_SYM_BYTES);

#endif

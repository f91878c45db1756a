/*
 * SLH-DSA (FIPS 205) parameter sets, Table 2 of section 11.
 *
 * The sources in this directory are compiled once per parameter set. The build
 * selects the set with ONE macro, -DPQF_SLHDSA_SET=<number>:
 *
 *    1 SLH-DSA-SHA2-128s     7 SLH-DSA-SHAKE-128s
 *    2 SLH-DSA-SHA2-128f     8 SLH-DSA-SHAKE-128f
 *    3 SLH-DSA-SHA2-192s     9 SLH-DSA-SHAKE-192s
 *    4 SLH-DSA-SHA2-192f    10 SLH-DSA-SHAKE-192f
 *    5 SLH-DSA-SHA2-256s    11 SLH-DSA-SHAKE-256s
 *    6 SLH-DSA-SHA2-256f    12 SLH-DSA-SHAKE-256f
 *
 * Every global symbol is namespaced with SLH_NS(x), which expands to
 * pqf_slhdsa_<hash>_<n><s|f>_x (for example pqf_slhdsa_sha2_128s_sign_internal).
 * hash_sha2.c is empty for the SHAKE sets and hash_shake.c for the SHA2 sets, so
 * every .c file may be compiled for every set.
 */
#ifndef PQF_SLHDSA_PARAMS_H
#define PQF_SLHDSA_PARAMS_H

#ifndef PQF_SLHDSA_SET
#error "define PQF_SLHDSA_SET (1..12, see params.h)"
#endif

/* SLH_N: security parameter n (bytes); SLH_H: total height h; SLH_D: layers d;
 * SLH_HP: XMSS tree height h' = h/d; SLH_A: FORS tree height a; SLH_K: number
 * of FORS trees k; SLH_M: message digest length m (bytes). lg_w = 4 always. */
#if PQF_SLHDSA_SET == 1 || PQF_SLHDSA_SET == 7
#define SLH_N 16
#define SLH_H 63
#define SLH_D 7
#define SLH_HP 9
#define SLH_A 12
#define SLH_K 14
#define SLH_M 30
#elif PQF_SLHDSA_SET == 2 || PQF_SLHDSA_SET == 8
#define SLH_N 16
#define SLH_H 66
#define SLH_D 22
#define SLH_HP 3
#define SLH_A 6
#define SLH_K 33
#define SLH_M 34
#elif PQF_SLHDSA_SET == 3 || PQF_SLHDSA_SET == 9
#define SLH_N 24
#define SLH_H 63
#define SLH_D 7
#define SLH_HP 9
#define SLH_A 14
#define SLH_K 17
#define SLH_M 39
#elif PQF_SLHDSA_SET == 4 || PQF_SLHDSA_SET == 10
#define SLH_N 24
#define SLH_H 66
#define SLH_D 22
#define SLH_HP 3
#define SLH_A 8
#define SLH_K 33
#define SLH_M 42
#elif PQF_SLHDSA_SET == 5 || PQF_SLHDSA_SET == 11
#define SLH_N 32
#define SLH_H 64
#define SLH_D 8
#define SLH_HP 8
#define SLH_A 14
#define SLH_K 22
#define SLH_M 47
#elif PQF_SLHDSA_SET == 6 || PQF_SLHDSA_SET == 12
#define SLH_N 32
#define SLH_H 68
#define SLH_D 17
#define SLH_HP 4
#define SLH_A 9
#define SLH_K 35
#define SLH_M 49
#else
#error "PQF_SLHDSA_SET must be 1..12"
#endif

#if PQF_SLHDSA_SET <= 6
#define SLH_IS_SHA2 1
#else
#define SLH_IS_SHA2 0
#endif

#if PQF_SLHDSA_SET == 1
#define SLH_NS(s) pqf_slhdsa_sha2_128s_##s
#elif PQF_SLHDSA_SET == 2
#define SLH_NS(s) pqf_slhdsa_sha2_128f_##s
#elif PQF_SLHDSA_SET == 3
#define SLH_NS(s) pqf_slhdsa_sha2_192s_##s
#elif PQF_SLHDSA_SET == 4
#define SLH_NS(s) pqf_slhdsa_sha2_192f_##s
#elif PQF_SLHDSA_SET == 5
#define SLH_NS(s) pqf_slhdsa_sha2_256s_##s
#elif PQF_SLHDSA_SET == 6
#define SLH_NS(s) pqf_slhdsa_sha2_256f_##s
#elif PQF_SLHDSA_SET == 7
#define SLH_NS(s) pqf_slhdsa_shake_128s_##s
#elif PQF_SLHDSA_SET == 8
#define SLH_NS(s) pqf_slhdsa_shake_128f_##s
#elif PQF_SLHDSA_SET == 9
#define SLH_NS(s) pqf_slhdsa_shake_192s_##s
#elif PQF_SLHDSA_SET == 10
#define SLH_NS(s) pqf_slhdsa_shake_192f_##s
#elif PQF_SLHDSA_SET == 11
#define SLH_NS(s) pqf_slhdsa_shake_256s_##s
#else
#define SLH_NS(s) pqf_slhdsa_shake_256f_##s
#endif

/* WOTS+ (section 5): w = 2^lg_w, len1 = 8n/lg_w, len2 = 3 for every set. */
#define SLH_LGW 4
#define SLH_W 16
#define SLH_LEN1 (2 * SLH_N)
#define SLH_LEN2 3
#define SLH_LEN (SLH_LEN1 + SLH_LEN2)

/* Byte sizes of the signature parts (section 9.2 and Figure 17). */
#define SLH_WOTS_SIG_BYTES (SLH_LEN * SLH_N)
#define SLH_XMSS_SIG_BYTES ((SLH_LEN + SLH_HP) * SLH_N)
#define SLH_HT_SIG_BYTES (SLH_D * SLH_XMSS_SIG_BYTES)
#define SLH_FORS_SIG_BYTES (SLH_K * (SLH_A + 1) * SLH_N)
#define SLH_SIG_BYTES (SLH_N + SLH_FORS_SIG_BYTES + SLH_HT_SIG_BYTES)
#define SLH_PK_BYTES (2 * SLH_N)
#define SLH_SK_BYTES (4 * SLH_N)

/* Split of the m-byte digest in Algorithms 19 and 20. */
#define SLH_MD_BYTES ((SLH_K * SLH_A + 7) / 8)
#define SLH_TREE_BITS (SLH_H - SLH_HP)
#define SLH_TREE_BYTES ((SLH_TREE_BITS + 7) / 8)
#define SLH_LEAF_BYTES ((SLH_HP + 7) / 8)

/* The tallest tree built by the tree-hash (FORS or XMSS). */
#if SLH_A > SLH_HP
#define SLH_MAX_TREE_HEIGHT SLH_A
#else
#define SLH_MAX_TREE_HEIGHT SLH_HP
#endif

#endif

/*
 * Encodings of ML-DSA keys and signatures (FIPS 204 sections 7.1 and 7.2).
 * Bit strings are little-endian: bit i of a packed stream is bit (i mod 8) of
 * byte floor(i / 8).
 */
#ifndef PQF_MLDSA_PACKING_H
#define PQF_MLDSA_PACKING_H

#include "params.h"

#define pqf_mldsa_poly_z_unpack PQF_MLDSA_NS(poly_z_unpack)
#define pqf_mldsa_pk_encode PQF_MLDSA_NS(pk_encode)
#define pqf_mldsa_pk_decode PQF_MLDSA_NS(pk_decode)
#define pqf_mldsa_sk_encode PQF_MLDSA_NS(sk_encode)
#define pqf_mldsa_sk_decode PQF_MLDSA_NS(sk_decode)
#define pqf_mldsa_sig_encode PQF_MLDSA_NS(sig_encode)
#define pqf_mldsa_sig_decode PQF_MLDSA_NS(sig_decode)
#define pqf_mldsa_w1_encode PQF_MLDSA_NS(w1_encode)

/* FIPS 204 Algorithm 19: BitUnpack(v, gamma1 - 1, gamma1) of one polynomial of z
 * (also the last step of ExpandMask). Coefficients in (-gamma1, gamma1]. */
void pqf_mldsa_poly_z_unpack(pqf_mldsa_poly *a, const uint8_t in[PQF_MLDSA_POLY_Z_BYTES]);

/* FIPS 204 Algorithm 22: pkEncode(rho, t1), t1 coefficients in [0, 2^10). */
void pqf_mldsa_pk_encode(uint8_t pk[PQF_MLDSA_PK_BYTES], const uint8_t rho[32],
                         const pqf_mldsa_polyveck *t1);
/* FIPS 204 Algorithm 23: pkDecode. */
void pqf_mldsa_pk_decode(uint8_t rho[32], pqf_mldsa_polyveck *t1,
                         const uint8_t pk[PQF_MLDSA_PK_BYTES]);

/* FIPS 204 Algorithm 24: skEncode(rho, K, tr, s1, s2, t0). */
void pqf_mldsa_sk_encode(uint8_t sk[PQF_MLDSA_SK_BYTES], const uint8_t rho[32],
                         const uint8_t key[32], const uint8_t tr[PQF_MLDSA_TR_BYTES],
                         const pqf_mldsa_polyvecl *s1, const pqf_mldsa_polyveck *s2,
                         const pqf_mldsa_polyveck *t0);
/* FIPS 204 Algorithm 25: skDecode. s1 and s2 coefficients land in
 * [eta - 2^bitlen(2 eta) + 1, eta]; callers that need [-eta, eta] check it. */
void pqf_mldsa_sk_decode(uint8_t rho[32], uint8_t key[32], uint8_t tr[PQF_MLDSA_TR_BYTES],
                         pqf_mldsa_polyvecl *s1, pqf_mldsa_polyveck *s2,
                         pqf_mldsa_polyveck *t0, const uint8_t sk[PQF_MLDSA_SK_BYTES]);

/* FIPS 204 Algorithm 26: sigEncode(c~, z mod+- q, h); z centered, at most omega
 * ones in h. */
void pqf_mldsa_sig_encode(uint8_t sig[PQF_MLDSA_SIG_BYTES],
                          const uint8_t ctilde[PQF_MLDSA_CTILDE_BYTES],
                          const pqf_mldsa_polyvecl *z, const pqf_mldsa_polyveck *h);
/* FIPS 204 Algorithm 27: sigDecode. Returns 0, or -1 when the hint encoding is
 * malformed (HintBitUnpack returns bottom). */
int pqf_mldsa_sig_decode(uint8_t ctilde[PQF_MLDSA_CTILDE_BYTES], pqf_mldsa_polyvecl *z,
                         pqf_mldsa_polyveck *h, const uint8_t sig[PQF_MLDSA_SIG_BYTES]);

/* FIPS 204 Algorithm 28: w1Encode, w1 coefficients in [0, (q-1)/(2 gamma2)). */
void pqf_mldsa_w1_encode(uint8_t out[PQF_MLDSA_W1_PACKED_BYTES], const pqf_mldsa_polyveck *w1);

#endif

/*
 * K-PKE, the CPA-secure public-key encryption inside ML-KEM: FIPS 203 section 5,
 * Algorithms 13 (KeyGen), 14 (Encrypt) and 15 (Decrypt).
 */
#ifndef PQF_MLKEM_KPKE_H
#define PQF_MLKEM_KPKE_H

#include <stdint.h>

#include "params.h"
#include "poly.h"

/*
 * The expanded encapsulation key, the layout behind the opaque ek cache of
 * pqfence_mlkem.h (the caller's buffer, 8-byte aligned, is read through this
 * type). Every entry is public: it is derived from ek alone.
 */
typedef struct {
    /* a_hat_t[i k + j] = A_hat[j, i] = SampleNTT(rho || i || j): row i of the
     * transpose, the order in which K-PKE.Encrypt reads it; values in [0, q). */
    pqf_mlkem_poly a_hat_t[PQF_MLKEM_K * PQF_MLKEM_K];
    /* t_hat = ByteDecode_12(ek), values in [0, q). */
    pqf_mlkem_poly t_hat[PQF_MLKEM_K];
    uint8_t h[PQF_MLKEM_SYM_BYTES];   /* H(ek) */
    uint8_t rho[PQF_MLKEM_SYM_BYTES]; /* the matrix seed, as in ek */
} pqf_mlkem_expanded_ek;

#define pqf_mlkem_kpke_keygen PQF_MLKEM_NS(kpke_keygen)
#define pqf_mlkem_kpke_expand PQF_MLKEM_NS(kpke_expand)
#define pqf_mlkem_kpke_encrypt PQF_MLKEM_NS(kpke_encrypt)
#define pqf_mlkem_kpke_encrypt_expanded PQF_MLKEM_NS(kpke_encrypt_expanded)
#define pqf_mlkem_kpke_decrypt PQF_MLKEM_NS(kpke_decrypt)
#define pqf_mlkem_kpke_encrypt_j PQF_MLKEM_NS(kpke_encrypt_j)

/* K-PKE.KeyGen(d): ek (384k + 32 bytes) and dk_pke (384k bytes) from the 32-byte d.
 * When x is not NULL it also receives A_hat, t_hat and rho (not h), exactly as
 * pqf_mlkem_kpke_expand(x, ek) would write them. */
void pqf_mlkem_kpke_keygen(uint8_t ek[PQF_MLKEM_EK_BYTES], uint8_t dk[PQF_MLKEM_DKPKE_BYTES],
                           pqf_mlkem_expanded_ek *x, const uint8_t d[PQF_MLKEM_SYM_BYTES]);

/* The parts of K-PKE.Encrypt (Algorithm 14, lines 2-8) that depend on ek only:
 * t_hat, rho and A_hat into x (not h). ek's values are taken mod q. */
void pqf_mlkem_kpke_expand(pqf_mlkem_expanded_ek *x, const uint8_t ek[PQF_MLKEM_EK_BYTES]);

/* K-PKE.Encrypt(ek, m, r): the ciphertext c. ek's 12-bit values are taken mod q
 * (ByteDecode_12); the modulus check, where required, is the caller's. */
void pqf_mlkem_kpke_encrypt(uint8_t c[PQF_MLKEM_CT_BYTES], const uint8_t ek[PQF_MLKEM_EK_BYTES],
                            const uint8_t m[PQF_MLKEM_SYM_BYTES],
                            const uint8_t r[PQF_MLKEM_SYM_BYTES]);

/* K-PKE.Encrypt with A_hat and t_hat taken from an expanded ek: the same c as
 * pqf_mlkem_kpke_encrypt on the ek x was expanded from. */
void pqf_mlkem_kpke_encrypt_expanded(uint8_t c[PQF_MLKEM_CT_BYTES],
                                     const pqf_mlkem_expanded_ek *x,
                                     const uint8_t m[PQF_MLKEM_SYM_BYTES],
                                     const uint8_t r[PQF_MLKEM_SYM_BYTES]);

/* Decapsulation's two hashes-and-encryption steps (FIPS 203 Algorithm 18,
 * lines 7-8): c = K-PKE.Encrypt(ek, m, r) with the key as its bytes ek or
 * expanded as x (exactly one not NULL), and k_bar = J(z || c_in). With
 * AVX-512VL the AVX2 code hashes J in the 4-way sponge that draws the
 * encryption's noise. */
void pqf_mlkem_kpke_encrypt_j(uint8_t c[PQF_MLKEM_CT_BYTES], const uint8_t *ek,
                              const pqf_mlkem_expanded_ek *x,
                              const uint8_t m[PQF_MLKEM_SYM_BYTES],
                              const uint8_t r[PQF_MLKEM_SYM_BYTES],
                              uint8_t k_bar[PQF_MLKEM_SYM_BYTES],
                              const uint8_t z[PQF_MLKEM_SYM_BYTES],
                              const uint8_t c_in[PQF_MLKEM_CT_BYTES]);

/* K-PKE.Decrypt(dk_pke, c): the 32-byte message m. */
void pqf_mlkem_kpke_decrypt(uint8_t m[PQF_MLKEM_SYM_BYTES],
                            const uint8_t dk[PQF_MLKEM_DKPKE_BYTES],
                            const uint8_t c[PQF_MLKEM_CT_BYTES]);

#endif

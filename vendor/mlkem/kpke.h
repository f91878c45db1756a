/*
 * K-PKE, the CPA-secure public-key encryption inside ML-KEM: FIPS 203 section 5,
 * Algorithms 13 (KeyGen), 14 (Encrypt) and 15 (Decrypt).
 */
#ifndef PQF_MLKEM_KPKE_H
#define PQF_MLKEM_KPKE_H

#include <stdint.h>

#include "params.h"

#define pqf_mlkem_kpke_keygen PQF_MLKEM_NS(kpke_keygen)
#define pqf_mlkem_kpke_encrypt PQF_MLKEM_NS(kpke_encrypt)
#define pqf_mlkem_kpke_decrypt PQF_MLKEM_NS(kpke_decrypt)

/* K-PKE.KeyGen(d): ek (384k + 32 bytes) and dk_pke (384k bytes) from the 32-byte d. */
void pqf_mlkem_kpke_keygen(uint8_t ek[PQF_MLKEM_EK_BYTES], uint8_t dk[PQF_MLKEM_DKPKE_BYTES],
                           const uint8_t d[PQF_MLKEM_SYM_BYTES]);

/* K-PKE.Encrypt(ek, m, r): the ciphertext c. ek's 12-bit values are taken mod q
 * (ByteDecode_12); the modulus check, where required, is the caller's. */
void pqf_mlkem_kpke_encrypt(uint8_t c[PQF_MLKEM_CT_BYTES], const uint8_t ek[PQF_MLKEM_EK_BYTES],
                            const uint8_t m[PQF_MLKEM_SYM_BYTES],
                            const uint8_t r[PQF_MLKEM_SYM_BYTES]);

/* K-PKE.Decrypt(dk_pke, c): the 32-byte message m. */
void pqf_mlkem_kpke_decrypt(uint8_t m[PQF_MLKEM_SYM_BYTES],
                            const uint8_t dk[PQF_MLKEM_DKPKE_BYTES],
                            const uint8_t c[PQF_MLKEM_CT_BYTES]);

#endif

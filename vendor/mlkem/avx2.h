/*
 * The x86-64 AVX2 backend of ML-KEM: K-PKE (FIPS 203 section 5) on 256-bit
 * vectors, the same bytes as the portable C (kpke.c), which calls these
 * functions after one run-time check per K-PKE operation (cpu.h).
 *
 * Layers, one file each, all compiled with -mavx2 -mbmi2 -mpopcnt (build.rs
 * gives those flags to *_avx2.c files only):
 *   ntt_avx2.c       NTT, inverse NTT, MultiplyNTTs summed over a row, the
 *                    reductions (Algorithms 9-12);
 *   poly_avx2.c      Compress/Decompress and ByteEncode/ByteDecode (section
 *                    4.2.1, Algorithms 5 and 6);
 *   sampling_avx2.c  SampleNTT four streams at a time and SamplePolyCBD on
 *                    four PRF outputs at a time (Algorithms 7 and 8), over the
 *                    4-way SHAKE of vendor/common/fips202x4.h;
 *   kpke_avx2.c      K-PKE.KeyGen, Encrypt and Decrypt on those.
 *
 * Polynomials keep the portable layout (pqf_mlkem_poly, coefficients in the
 * order of FIPS 203, NTT outputs in its bit-reversed order), and every routine
 * performs the portable routine's arithmetic (the same Montgomery and Barrett
 * steps, in the same order), so intermediate values are equal too, not merely
 * congruent. The constants come from scripts/gen_mlkem_tables.py
 * (consts_avx2.h).
 */
#ifndef PQF_MLKEM_AVX2_H
#define PQF_MLKEM_AVX2_H

#include <stdint.h>

#include "kpke.h"
#include "params.h"
#include "poly.h"

/* The backend exists on x86-64 with a compiler that takes per-file target
 * flags; elsewhere every function here is absent and kpke.c never calls one. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PQF_MLKEM_HAVE_AVX2 1
#endif

#ifdef PQF_MLKEM_HAVE_AVX2

#define pqf_mlkem_ntt_avx2 PQF_MLKEM_NS(ntt_avx2)
#define pqf_mlkem_ntt_inverse_avx2 PQF_MLKEM_NS(ntt_inverse_avx2)
#define pqf_mlkem_multiply_row_avx2 PQF_MLKEM_NS(multiply_row_avx2)
#define pqf_mlkem_reduce_avx2 PQF_MLKEM_NS(reduce_avx2)
#define pqf_mlkem_canonical_avx2 PQF_MLKEM_NS(canonical_avx2)
#define pqf_mlkem_tomont_avx2 PQF_MLKEM_NS(tomont_avx2)
#define pqf_mlkem_add_avx2 PQF_MLKEM_NS(add_avx2)
#define pqf_mlkem_sub_avx2 PQF_MLKEM_NS(sub_avx2)
#define pqf_mlkem_encode12_avx2 PQF_MLKEM_NS(encode12_avx2)
#define pqf_mlkem_decode12_avx2 PQF_MLKEM_NS(decode12_avx2)
#define pqf_mlkem_compress_du_avx2 PQF_MLKEM_NS(compress_du_avx2)
#define pqf_mlkem_compress_dv_avx2 PQF_MLKEM_NS(compress_dv_avx2)
#define pqf_mlkem_decompress_du_avx2 PQF_MLKEM_NS(decompress_du_avx2)
#define pqf_mlkem_decompress_dv_avx2 PQF_MLKEM_NS(decompress_dv_avx2)
#define pqf_mlkem_add_msg_avx2 PQF_MLKEM_NS(add_msg_avx2)
#define pqf_mlkem_tomsg_avx2 PQF_MLKEM_NS(tomsg_avx2)
#define pqf_mlkem_sample_matrix_avx2 PQF_MLKEM_NS(sample_matrix_avx2)
#define pqf_mlkem_sample_noise_avx2 PQF_MLKEM_NS(sample_noise_avx2)
#define pqf_mlkem_sample_matrix_entries_avx2 PQF_MLKEM_NS(sample_matrix_entries_avx2)
#define pqf_mlkem_sample_ntt_noise_avx2 PQF_MLKEM_NS(sample_ntt_noise_avx2)
#define pqf_mlkem_sample_noise_j_avx2 PQF_MLKEM_NS(sample_noise_j_avx2)
#define pqf_mlkem_kpke_encrypt_j_avx2 PQF_MLKEM_NS(kpke_encrypt_j_avx2)
#define pqf_mlkem_kpke_keygen_avx2 PQF_MLKEM_NS(kpke_keygen_avx2)
#define pqf_mlkem_kpke_expand_avx2 PQF_MLKEM_NS(kpke_expand_avx2)
#define pqf_mlkem_kpke_encrypt_avx2 PQF_MLKEM_NS(kpke_encrypt_avx2)
#define pqf_mlkem_kpke_decrypt_avx2 PQF_MLKEM_NS(kpke_decrypt_avx2)

/* ntt_avx2.c: pqf_mlkem_ntt / pqf_mlkem_ntt_inverse (ntt.h), same bounds. */
void pqf_mlkem_ntt_avx2(int16_t f[PQF_MLKEM_N]);
void pqf_mlkem_ntt_inverse_avx2(int16_t f[PQF_MLKEM_N]);

/* r = sum_j a[j] x b[j] (MultiplyNTTs, Algorithm 11) times 2^-16, for j < k:
 * what pqf_mlkem_multiply_ntts_acc over j then pqf_mlkem_acc_reduce give. */
void pqf_mlkem_multiply_row_avx2(int16_t r[PQF_MLKEM_N], const int16_t *const a[PQF_MLKEM_K],
                                 const int16_t *const b[PQF_MLKEM_K]);

/* The coefficientwise maps of reduce.h and poly.h. */
void pqf_mlkem_reduce_avx2(int16_t a[PQF_MLKEM_N]);
void pqf_mlkem_canonical_avx2(int16_t a[PQF_MLKEM_N]);
void pqf_mlkem_tomont_avx2(int16_t a[PQF_MLKEM_N]);
void pqf_mlkem_add_avx2(int16_t r[PQF_MLKEM_N], const int16_t a[PQF_MLKEM_N]);
void pqf_mlkem_sub_avx2(int16_t r[PQF_MLKEM_N], const int16_t a[PQF_MLKEM_N]);

/* poly_avx2.c: the functions of poly.h with the same names less _avx2. */
void pqf_mlkem_encode12_avx2(uint8_t *out, const pqf_mlkem_poly *a);
void pqf_mlkem_decode12_avx2(pqf_mlkem_poly *r, const uint8_t *in);
void pqf_mlkem_compress_du_avx2(uint8_t *out, const pqf_mlkem_poly *a);
void pqf_mlkem_compress_dv_avx2(uint8_t *out, const pqf_mlkem_poly *a);
void pqf_mlkem_decompress_du_avx2(pqf_mlkem_poly *r, const uint8_t *in);
void pqf_mlkem_decompress_dv_avx2(pqf_mlkem_poly *r, const uint8_t *in);
void pqf_mlkem_add_msg_avx2(pqf_mlkem_poly *r, const uint8_t m[PQF_MLKEM_SYM_BYTES]);
void pqf_mlkem_tomsg_avx2(uint8_t m[PQF_MLKEM_SYM_BYTES], const pqf_mlkem_poly *a);

/* sampling_avx2.c. a[m k + n] = SampleNTT(rho || m || n) for m, n < k
 * (Algorithm 7), four SHAKE128 streams at a time. */
void pqf_mlkem_sample_matrix_avx2(pqf_mlkem_poly a[PQF_MLKEM_K * PQF_MLKEM_K],
                                  const uint8_t rho[PQF_MLKEM_SYM_BYTES]);

/* r[i] = SamplePolyCBD_eta[i](PRF_eta[i](s, nonce0 + i)) for i < count (Algorithm
 * 8), four SHAKE256 streams at a time; the PRF outputs are wiped. */
void pqf_mlkem_sample_noise_avx2(pqf_mlkem_poly *r, const unsigned *eta, unsigned count,
                                 const uint8_t s[PQF_MLKEM_SYM_BYTES], uint8_t nonce0);

/* The first count entries of pqf_mlkem_sample_matrix_avx2's a (the rest
 * untouched). */
void pqf_mlkem_sample_matrix_entries_avx2(pqf_mlkem_poly *a, const uint8_t rho[PQF_MLKEM_SYM_BYTES],
                                          unsigned count);

/* a = SampleNTT(rho || x || y) (Algorithm 7) in one lane of a 4-way sponge
 * and r[i] = SamplePolyCBD_eta[i](PRF_eta[i](s, nonce0 + i)) for i < count
 * (Algorithm 8) in the other three, a SHAKE128 stream beside SHAKE256 ones:
 * count <= 3 with eta[i] <= 3, or count <= 6 with every eta[i] = 2.
 * ML-KEM-768 key generation runs its ninth matrix entry with its six noise
 * polynomials this way. The PRF outputs are wiped. */
void pqf_mlkem_sample_ntt_noise_avx2(pqf_mlkem_poly *a, const uint8_t rho[PQF_MLKEM_SYM_BYTES],
                                     uint8_t x, uint8_t y, pqf_mlkem_poly *r,
                                     const unsigned *eta, unsigned count,
                                     const uint8_t s[PQF_MLKEM_SYM_BYTES], uint8_t nonce0);

/* r[i] as pqf_mlkem_sample_noise_avx2 gives them (in lanes 1-3 of a 4-way
 * sponge, a lane restarting when its stream is done) and, in lane 0,
 * k_bar = J(z || c) = SHAKE256(z || c, 32) (FIPS 203 eq. 4.4): decapsulation's
 * implicit-rejection key hashed beside its re-encryption's noise. */
void pqf_mlkem_sample_noise_j_avx2(pqf_mlkem_poly *r, const unsigned *eta, unsigned count,
                                   const uint8_t s[PQF_MLKEM_SYM_BYTES], uint8_t nonce0,
                                   uint8_t k_bar[PQF_MLKEM_SYM_BYTES],
                                   const uint8_t z[PQF_MLKEM_SYM_BYTES],
                                   const uint8_t c[PQF_MLKEM_CT_BYTES]);

/* kpke_avx2.c: the functions of kpke.h; encrypt takes ek or x (one NULL). */
void pqf_mlkem_kpke_keygen_avx2(uint8_t ek[PQF_MLKEM_EK_BYTES],
                                uint8_t dk[PQF_MLKEM_DKPKE_BYTES], pqf_mlkem_expanded_ek *x,
                                const uint8_t d[PQF_MLKEM_SYM_BYTES]);
void pqf_mlkem_kpke_expand_avx2(pqf_mlkem_expanded_ek *x, const uint8_t ek[PQF_MLKEM_EK_BYTES]);
void pqf_mlkem_kpke_encrypt_avx2(uint8_t c[PQF_MLKEM_CT_BYTES], const uint8_t *ek,
                                 const pqf_mlkem_expanded_ek *x,
                                 const uint8_t m[PQF_MLKEM_SYM_BYTES],
                                 const uint8_t r[PQF_MLKEM_SYM_BYTES]);
/* pqf_mlkem_kpke_encrypt_avx2, and k_bar = J(z || c_in) hashed beside the noise. */
void pqf_mlkem_kpke_encrypt_j_avx2(uint8_t c[PQF_MLKEM_CT_BYTES], const uint8_t *ek,
                                   const pqf_mlkem_expanded_ek *x,
                                   const uint8_t m[PQF_MLKEM_SYM_BYTES],
                                   const uint8_t r[PQF_MLKEM_SYM_BYTES],
                                   uint8_t k_bar[PQF_MLKEM_SYM_BYTES],
                                   const uint8_t z[PQF_MLKEM_SYM_BYTES],
                                   const uint8_t c_in[PQF_MLKEM_CT_BYTES]);
void pqf_mlkem_kpke_decrypt_avx2(uint8_t m[PQF_MLKEM_SYM_BYTES],
                                 const uint8_t dk[PQF_MLKEM_DKPKE_BYTES],
                                 const uint8_t c[PQF_MLKEM_CT_BYTES]);

#endif /* PQF_MLKEM_HAVE_AVX2 */

#endif

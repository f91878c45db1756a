/*
 * FIPS 203 section 5: K-PKE. Without an expanded ek the matrix A_hat is never
 * stored: each entry is sampled when its row is multiplied. With one (kpke.h),
 * A_hat and t_hat are read from it instead, with the same arithmetic, so both
 * ways give the same bytes. Products are summed in 32 bits and reduced once per
 * output polynomial (see ntt.h for the bounds).
 *
 * Coefficient bounds used below: CBD samples |x| <= 3; NTT outputs < 8q;
 * Barrett outputs <= q/2; a reduced product or an inverse NTT output < q.
 */
#include "kpke.h"

#include <string.h>

#include "avx2.h"
#include "cpu.h"
#include "ct.h"
#include "fips202.h"
#include "ntt.h"
#include "poly.h"
#include "reduce.h"
#include "sampling.h"

#define K PQF_MLKEM_K

/* The backend is chosen once per K-PKE operation: the AVX2 code (avx2.h) when
 * the CPU has it and the backend cap allows it, else the portable code below,
 * which is the reference; both give the same bytes. */
#ifdef PQF_MLKEM_HAVE_AVX2
#define USE_AVX2() ((pqf_cpu_features() & PQF_CPU_AVX2) != 0)
#endif

/* FIPS 203 Algorithm 13: K-PKE.KeyGen(d). */
void pqf_mlkem_kpke_keygen(uint8_t ek[PQF_MLKEM_EK_BYTES], uint8_t dk[PQF_MLKEM_DKPKE_BYTES],
                           pqf_mlkem_expanded_ek *x, const uint8_t d[PQF_MLKEM_SYM_BYTES]) {
    uint8_t seed[PQF_MLKEM_SYM_BYTES + 1];
    uint8_t rho_sigma[2 * PQF_MLKEM_SYM_BYTES]; /* (rho, sigma) = G(d || k) */
    const uint8_t *rho = rho_sigma, *sigma = rho_sigma + PQF_MLKEM_SYM_BYTES;
    pqf_mlkem_poly s_hat[K], a, t, e;
    int32_t acc[PQF_MLKEM_N];
    unsigned i, j;

#ifdef USE_AVX2
    if (USE_AVX2()) {
        pqf_mlkem_kpke_keygen_avx2(ek, dk, x, d);
        return;
    }
#endif
    memcpy(seed, d, PQF_MLKEM_SYM_BYTES);
    seed[PQF_MLKEM_SYM_BYTES] = (uint8_t)K;
    pqf_sha3_512(rho_sigma, seed, sizeof(seed));
    PQF_DECLASSIFY(rho, PQF_MLKEM_SYM_BYTES); /* rho is published in ek */

    /* s_hat = NTT(s), s[i] = SamplePolyCBD_eta1(PRF(sigma, i)); kept in [0, q). */
    for (i = 0; i < K; i++) {
        pqf_mlkem_sample_cbd_prf(&s_hat[i], sigma, (uint8_t)i, PQF_MLKEM_ETA1);
        pqf_mlkem_ntt(s_hat[i].c);
        pqf_mlkem_canonical_coeffs(s_hat[i].c);
        pqf_mlkem_poly_encode12(dk + i * PQF_MLKEM_POLY12_BYTES, &s_hat[i]);
    }

    /* t_hat[i] = sum_j A_hat[i, j] s_hat[j] + e_hat[i], A_hat[i, j] = SampleNTT(rho || j || i),
     * e[i] = SamplePolyCBD_eta1(PRF(sigma, k + i)). A_hat[i, j] is kept in x, as
     * entry j k + i of the transpose, when x is given. */
    for (i = 0; i < K; i++) {
        for (j = 0; j < K; j++) {
            pqf_mlkem_poly *a_ij = x != NULL ? &x->a_hat_t[j * K + i] : &a;
            pqf_mlkem_sample_ntt(a_ij, rho, (uint8_t)j, (uint8_t)i);
            pqf_mlkem_multiply_ntts_acc(acc, a_ij->c, s_hat[j].c, j == 0);
        }
        pqf_mlkem_acc_reduce(t.c, acc); /* product * 2^-16 */
        pqf_mlkem_tomont_coeffs(t.c);   /* product, |t| < q */
        pqf_mlkem_sample_cbd_prf(&e, sigma, (uint8_t)(K + i), PQF_MLKEM_ETA1);
        pqf_mlkem_ntt(e.c);             /* |e_hat| < 8q */
        pqf_mlkem_poly_add(&t, &e);     /* |t| < 9q < 2^15 */
        pqf_mlkem_canonical_coeffs(t.c);
        pqf_mlkem_poly_encode12(ek + i * PQF_MLKEM_POLY12_BYTES, &t);
        if (x != NULL) {
            x->t_hat[i] = t; /* what ByteDecode_12 gives back from ek */
        }
    }
    memcpy(ek + PQF_MLKEM_VEC12_BYTES, rho, PQF_MLKEM_SYM_BYTES);
    if (x != NULL) {
        memcpy(x->rho, rho, PQF_MLKEM_SYM_BYTES);
    }

    pqf_wipe(seed, sizeof(seed));
    pqf_wipe(rho_sigma, sizeof(rho_sigma));
    pqf_wipe(s_hat, sizeof(s_hat));
    pqf_wipe(&e, sizeof(e));
    pqf_wipe(acc, sizeof(acc)); /* t ends holding t_hat[k-1], which is public */
}

/* FIPS 203 Algorithm 14, lines 2-8: t_hat = ByteDecode_12(ek[0 : 384k]),
 * rho = ek[384k :], A_hat[i, j] = SampleNTT(rho || j || i), kept in x. */
void pqf_mlkem_kpke_expand(pqf_mlkem_expanded_ek *x, const uint8_t ek[PQF_MLKEM_EK_BYTES]) {
    const uint8_t *rho = ek + PQF_MLKEM_VEC12_BYTES;
    unsigned i, j;
#ifdef USE_AVX2
    if (USE_AVX2()) {
        pqf_mlkem_kpke_expand_avx2(x, ek);
        return;
    }
#endif
    for (i = 0; i < K; i++) {
        pqf_mlkem_poly_decode12(&x->t_hat[i], ek + i * PQF_MLKEM_POLY12_BYTES);
    }
    memcpy(x->rho, rho, PQF_MLKEM_SYM_BYTES);
    for (i = 0; i < K; i++) {
        for (j = 0; j < K; j++) {
            pqf_mlkem_sample_ntt(&x->a_hat_t[i * K + j], rho, (uint8_t)i, (uint8_t)j);
        }
    }
}

/* A_hat[j, i] = SampleNTT(rho || i || j), entry j of row i of the transpose:
 * read from the expanded key x when there is one, else sampled into tmp from
 * ek's rho. */
static const int16_t *a_hat_t_entry(pqf_mlkem_poly *tmp, const uint8_t *ek,
                                    const pqf_mlkem_expanded_ek *x, unsigned i, unsigned j) {
    if (x != NULL) {
        return x->a_hat_t[i * K + j].c;
    }
    pqf_mlkem_sample_ntt(tmp, ek + PQF_MLKEM_VEC12_BYTES, (uint8_t)i, (uint8_t)j);
    return tmp->c;
}

/* t_hat[j]: read from x when there is one, else ByteDecode_12 of ek's block j
 * into tmp. */
static const int16_t *t_hat_entry(pqf_mlkem_poly *tmp, const uint8_t *ek,
                                  const pqf_mlkem_expanded_ek *x, unsigned j) {
    if (x != NULL) {
        return x->t_hat[j].c;
    }
    pqf_mlkem_poly_decode12(tmp, ek + j * PQF_MLKEM_POLY12_BYTES);
    return tmp->c;
}

/* FIPS 203 Algorithm 14: K-PKE.Encrypt(ek, m, r), the key given as its bytes ek
 * or expanded as x (exactly one of them not NULL). */
static void encrypt(uint8_t c[PQF_MLKEM_CT_BYTES], const uint8_t *ek,
                    const pqf_mlkem_expanded_ek *x, const uint8_t m[PQF_MLKEM_SYM_BYTES],
                    const uint8_t r[PQF_MLKEM_SYM_BYTES]) {
    pqf_mlkem_poly y_hat[K], a, u;
    int32_t acc[PQF_MLKEM_N];
    unsigned i, j;

#ifdef USE_AVX2
    if (USE_AVX2()) {
        pqf_mlkem_kpke_encrypt_avx2(c, ek, x, m, r);
        return;
    }
#endif
    /* y_hat = NTT(y), y[i] = SamplePolyCBD_eta1(PRF(r, i)); Barrett-reduced. */
    for (i = 0; i < K; i++) {
        pqf_mlkem_sample_cbd_prf(&y_hat[i], r, (uint8_t)i, PQF_MLKEM_ETA1);
        pqf_mlkem_ntt(y_hat[i].c);
        pqf_mlkem_reduce_coeffs(y_hat[i].c);
    }

    /* u[i] = NTT^-1(sum_j A_hat[j, i] y_hat[j]) + e1[i], e1[i] from PRF(r, k + i);
     * A_hat[j, i] = SampleNTT(rho || i || j) is row i of the transpose. */
    for (i = 0; i < K; i++) {
        for (j = 0; j < K; j++) {
            const int16_t *a_ji = a_hat_t_entry(&a, ek, x, i, j);
            pqf_mlkem_multiply_ntts_acc(acc, a_ji, y_hat[j].c, j == 0);
        }
        pqf_mlkem_acc_reduce(u.c, acc);
        pqf_mlkem_ntt_inverse(u.c); /* |u| < q */
        pqf_mlkem_add_cbd_prf(&u, r, (uint8_t)(K + i), PQF_MLKEM_ETA2);
        pqf_mlkem_canonical_coeffs(u.c);
        pqf_mlkem_poly_compress_du(c + i * PQF_MLKEM_POLY_DU_BYTES, &u);
    }

    /* v = NTT^-1(t_hat^T y_hat) + e2 + Decompress_1(ByteDecode_1(m)),
     * e2 from PRF(r, 2k), t_hat = ByteDecode_12(ek). */
    for (j = 0; j < K; j++) {
        pqf_mlkem_multiply_ntts_acc(acc, t_hat_entry(&a, ek, x, j), y_hat[j].c, j == 0);
    }
    pqf_mlkem_acc_reduce(u.c, acc);
    pqf_mlkem_ntt_inverse(u.c);
    pqf_mlkem_add_cbd_prf(&u, r, (uint8_t)(2 * K), PQF_MLKEM_ETA2);
    pqf_mlkem_poly_add_msg(&u, m); /* |v| < q + 2 + 1665 */
    pqf_mlkem_canonical_coeffs(u.c);
    pqf_mlkem_poly_compress_dv(c + K * PQF_MLKEM_POLY_DU_BYTES, &u);

    pqf_wipe(y_hat, sizeof(y_hat));
    pqf_wipe(&u, sizeof(u));
    pqf_wipe(acc, sizeof(acc));
}

/* FIPS 203 Algorithm 14: K-PKE.Encrypt(ek, m, r). */
void pqf_mlkem_kpke_encrypt(uint8_t c[PQF_MLKEM_CT_BYTES], const uint8_t ek[PQF_MLKEM_EK_BYTES],
                            const uint8_t m[PQF_MLKEM_SYM_BYTES],
                            const uint8_t r[PQF_MLKEM_SYM_BYTES]) {
    encrypt(c, ek, NULL, m, r);
}

/* FIPS 203 Algorithm 18, lines 7-8: J(z || c_in) (eq. 4.4, SHAKE256 to 32
 * bytes), then K-PKE.Encrypt. Where a 4-way permutation costs what a
 * one-state one does (AVX-512VL: keccakx4_avx512.c, keccak_avx512.c) J's
 * permutations run in the noise's 4-way sponge; with AVX2 alone the 4-way
 * one is the dearer, and J keeps the one-state sponge. */
void pqf_mlkem_kpke_encrypt_j(uint8_t c[PQF_MLKEM_CT_BYTES], const uint8_t *ek,
                              const pqf_mlkem_expanded_ek *x,
                              const uint8_t m[PQF_MLKEM_SYM_BYTES],
                              const uint8_t r[PQF_MLKEM_SYM_BYTES],
                              uint8_t k_bar[PQF_MLKEM_SYM_BYTES],
                              const uint8_t z[PQF_MLKEM_SYM_BYTES],
                              const uint8_t c_in[PQF_MLKEM_CT_BYTES]) {
    pqf_keccak_ctx j_ctx;
#ifdef USE_AVX2
    if (USE_AVX2() && (pqf_cpu_features() & PQF_CPU_AVX512VL) != 0) {
        pqf_mlkem_kpke_encrypt_j_avx2(c, ek, x, m, r, k_bar, z, c_in);
        return;
    }
#endif
    pqf_shake256_init(&j_ctx);
    pqf_keccak_absorb(&j_ctx, z, PQF_MLKEM_SYM_BYTES);
    pqf_keccak_absorb(&j_ctx, c_in, PQF_MLKEM_CT_BYTES);
    pqf_keccak_squeeze(&j_ctx, k_bar, PQF_MLKEM_SYM_BYTES);
    pqf_keccak_wipe(&j_ctx);
    encrypt(c, ek, x, m, r);
}

/* FIPS 203 Algorithm 14 with A_hat and t_hat from an expanded ek. */
void pqf_mlkem_kpke_encrypt_expanded(uint8_t c[PQF_MLKEM_CT_BYTES],
                                     const pqf_mlkem_expanded_ek *x,
                                     const uint8_t m[PQF_MLKEM_SYM_BYTES],
                                     const uint8_t r[PQF_MLKEM_SYM_BYTES]) {
    encrypt(c, NULL, x, m, r);
}

/* FIPS 203 Algorithm 15: K-PKE.Decrypt(dk_pke, c). */
void pqf_mlkem_kpke_decrypt(uint8_t m[PQF_MLKEM_SYM_BYTES],
                            const uint8_t dk[PQF_MLKEM_DKPKE_BYTES],
                            const uint8_t c[PQF_MLKEM_CT_BYTES]) {
    pqf_mlkem_poly u_hat, s_hat, w, v;
    int32_t acc[PQF_MLKEM_N];
    unsigned j;

#ifdef USE_AVX2
    if (USE_AVX2()) {
        pqf_mlkem_kpke_decrypt_avx2(m, dk, c);
        return;
    }
#endif
    /* s_hat^T NTT(u'), u'[j] = Decompress_du(ByteDecode_du(c1[j])),
     * s_hat = ByteDecode_12(dk_pke). */
    for (j = 0; j < K; j++) {
        pqf_mlkem_poly_decompress_du(&u_hat, c + j * PQF_MLKEM_POLY_DU_BYTES);
        pqf_mlkem_ntt(u_hat.c);
        pqf_mlkem_reduce_coeffs(u_hat.c);
        pqf_mlkem_poly_decode12(&s_hat, dk + j * PQF_MLKEM_POLY12_BYTES);
        pqf_mlkem_multiply_ntts_acc(acc, s_hat.c, u_hat.c, j == 0);
    }
    pqf_mlkem_acc_reduce(w.c, acc);
    pqf_mlkem_ntt_inverse(w.c); /* |w| < q */

    /* w = v' - NTT^-1(s_hat^T u_hat), v' = Decompress_dv(ByteDecode_dv(c2));
     * m = ByteEncode_1(Compress_1(w)). */
    pqf_mlkem_poly_decompress_dv(&v, c + K * PQF_MLKEM_POLY_DU_BYTES);
    pqf_mlkem_poly_sub(&v, &w); /* |v' - w| < 2q */
    pqf_mlkem_canonical_coeffs(v.c);
    pqf_mlkem_poly_tomsg(m, &v);

    pqf_wipe(&s_hat, sizeof(s_hat));
    pqf_wipe(&w, sizeof(w));
    pqf_wipe(&v, sizeof(v));
    pqf_wipe(acc, sizeof(acc));
}

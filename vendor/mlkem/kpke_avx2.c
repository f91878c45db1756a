/*
 * FIPS 203 section 5, K-PKE, on the AVX2 layers (avx2.h): the steps of kpke.c
 * in the same order with the same arithmetic, except that the noise vectors are
 * sampled four PRF streams at a time and the matrix four SampleNTT streams at a
 * time, before they are used, and that each row of A_hat times a vector is
 * summed and reduced in registers. kpke.c calls these after its run-time check.
 */
#include "avx2.h"

#ifdef PQF_MLKEM_HAVE_AVX2

#include <string.h>

#include "ct.h"
#include "fips202.h"

#define K PQF_MLKEM_K

/* FIPS 203 Algorithm 13: K-PKE.KeyGen(d). */
void pqf_mlkem_kpke_keygen_avx2(uint8_t ek[PQF_MLKEM_EK_BYTES],
                                uint8_t dk[PQF_MLKEM_DKPKE_BYTES], pqf_mlkem_expanded_ek *x,
                                const uint8_t d[PQF_MLKEM_SYM_BYTES]) {
    uint8_t seed[PQF_MLKEM_SYM_BYTES + 1];
    uint8_t rho_sigma[2 * PQF_MLKEM_SYM_BYTES]; /* (rho, sigma) = G(d || k) */
    const uint8_t *rho = rho_sigma, *sigma = rho_sigma + PQF_MLKEM_SYM_BYTES;
    pqf_mlkem_poly noise[2 * K]; /* s[0..k-1], then e[0..k-1] */
    pqf_mlkem_poly a_local[K * K], t;
    pqf_mlkem_poly *a = x != NULL ? x->a_hat_t : a_local;
    const int16_t *row[K], *s_hat[K];
    unsigned eta[2 * K];
    unsigned i, j;

    memcpy(seed, d, PQF_MLKEM_SYM_BYTES);
    seed[PQF_MLKEM_SYM_BYTES] = (uint8_t)K;
    pqf_sha3_512(rho_sigma, seed, sizeof(seed));
    PQF_DECLASSIFY(rho, PQF_MLKEM_SYM_BYTES); /* rho is published in ek */

    /* s[i] = SamplePolyCBD_eta1(PRF(sigma, i)), e[i] from PRF(sigma, k + i) */
    for (i = 0; i < 2 * K; i++) {
        eta[i] = PQF_MLKEM_ETA1;
    }
#if K == 3
    /* The ninth matrix entry a[8] = SampleNTT(rho || 2 || 2) needs three
     * SHAKE128 blocks; the six one-block noise streams run beside it, two
     * after each other in each of the other three lanes. */
    pqf_mlkem_sample_ntt_noise_avx2(&a[8], rho, 2, 2, noise, eta, 2 * K, sigma, 0);
#else
    pqf_mlkem_sample_noise_avx2(noise, eta, 2 * K, sigma, 0);
#endif

    /* s_hat = NTT(s), kept in [0, q), is dk_pke */
    for (i = 0; i < K; i++) {
        pqf_mlkem_ntt_avx2(noise[i].c);
        pqf_mlkem_canonical_avx2(noise[i].c);
        pqf_mlkem_encode12_avx2(dk + i * PQF_MLKEM_POLY12_BYTES, &noise[i]);
        s_hat[i] = noise[i].c;
    }

    /* a[m k + n] = SampleNTT(rho || m || n), so A_hat[i, j] = a[j k + i];
     * t_hat[i] = sum_j A_hat[i, j] s_hat[j] + NTT(e[i]) */
#if K == 3
    pqf_mlkem_sample_matrix_entries_avx2(a, rho, 8); /* a[8] is sampled above */
#else
    pqf_mlkem_sample_matrix_avx2(a, rho);
#endif
    for (i = 0; i < K; i++) {
        for (j = 0; j < K; j++) {
            row[j] = a[j * K + i].c;
        }
        pqf_mlkem_multiply_row_avx2(t.c, row, s_hat); /* product * 2^-16 */
        pqf_mlkem_tomont_avx2(t.c);                   /* product, |t| < q */
        pqf_mlkem_ntt_avx2(noise[K + i].c);           /* |e_hat| < 8q */
        pqf_mlkem_add_avx2(t.c, noise[K + i].c);      /* |t| < 9q < 2^15 */
        pqf_mlkem_canonical_avx2(t.c);
        pqf_mlkem_encode12_avx2(ek + i * PQF_MLKEM_POLY12_BYTES, &t);
        if (x != NULL) {
            x->t_hat[i] = t;
        }
    }
    memcpy(ek + PQF_MLKEM_VEC12_BYTES, rho, PQF_MLKEM_SYM_BYTES);
    if (x != NULL) {
        memcpy(x->rho, rho, PQF_MLKEM_SYM_BYTES);
    }

    pqf_wipe(seed, sizeof(seed));
    pqf_wipe(rho_sigma, sizeof(rho_sigma));
    pqf_wipe(noise, sizeof(noise)); /* t ends holding t_hat[k-1], which is public */
}

/* FIPS 203 Algorithm 14, lines 2-8: t_hat, rho and A_hat into x. */
void pqf_mlkem_kpke_expand_avx2(pqf_mlkem_expanded_ek *x, const uint8_t ek[PQF_MLKEM_EK_BYTES]) {
    unsigned i;
    for (i = 0; i < K; i++) {
        pqf_mlkem_decode12_avx2(&x->t_hat[i], ek + i * PQF_MLKEM_POLY12_BYTES);
    }
    memcpy(x->rho, ek + PQF_MLKEM_VEC12_BYTES, PQF_MLKEM_SYM_BYTES);
    pqf_mlkem_sample_matrix_avx2(x->a_hat_t, x->rho);
}

/* FIPS 203 Algorithm 14: K-PKE.Encrypt(ek, m, r), the key as its bytes ek or
 * expanded as x (exactly one not NULL); with k_bar not NULL, also
 * k_bar = J(z || c_in), hashed beside the noise. */
static void encrypt(uint8_t c[PQF_MLKEM_CT_BYTES], const uint8_t *ek,
                    const pqf_mlkem_expanded_ek *x, const uint8_t m[PQF_MLKEM_SYM_BYTES],
                    const uint8_t r[PQF_MLKEM_SYM_BYTES], uint8_t *k_bar, const uint8_t *z,
                    const uint8_t *c_in) {
    pqf_mlkem_poly noise[2 * K + 1]; /* y[0..k-1], e1[0..k-1], e2 */
    pqf_mlkem_poly a_local[K * K], t_local[K], u;
    const pqf_mlkem_poly *a, *t_hat;
    const int16_t *row[K], *y_hat[K];
    unsigned eta[2 * K + 1];
    unsigned i, j;

    /* y[i] from PRF(r, i) (eta1), e1[i] from PRF(r, k + i), e2 from PRF(r, 2k) */
    for (i = 0; i < 2 * K + 1; i++) {
        eta[i] = i < K ? PQF_MLKEM_ETA1 : PQF_MLKEM_ETA2;
    }
    if (k_bar != NULL) {
        pqf_mlkem_sample_noise_j_avx2(noise, eta, 2 * K + 1, r, 0, k_bar, z, c_in);
    } else {
        pqf_mlkem_sample_noise_avx2(noise, eta, 2 * K + 1, r, 0);
    }
    for (i = 0; i < K; i++) {
        pqf_mlkem_ntt_avx2(noise[i].c);
        pqf_mlkem_reduce_avx2(noise[i].c);
        y_hat[i] = noise[i].c;
    }

    if (x != NULL) {
        a = x->a_hat_t;
        t_hat = x->t_hat;
    } else {
        for (i = 0; i < K; i++) {
            pqf_mlkem_decode12_avx2(&t_local[i], ek + i * PQF_MLKEM_POLY12_BYTES);
        }
        pqf_mlkem_sample_matrix_avx2(a_local, ek + PQF_MLKEM_VEC12_BYTES);
        a = a_local;
        t_hat = t_local;
    }

    /* u[i] = NTT^-1(sum_j A_hat[j, i] y_hat[j]) + e1[i], A_hat[j, i] = a[i k + j] */
    for (i = 0; i < K; i++) {
        for (j = 0; j < K; j++) {
            row[j] = a[i * K + j].c;
        }
        pqf_mlkem_multiply_row_avx2(u.c, row, y_hat);
        pqf_mlkem_ntt_inverse_avx2(u.c); /* |u| < q */
        pqf_mlkem_add_avx2(u.c, noise[K + i].c);
        pqf_mlkem_canonical_avx2(u.c);
        pqf_mlkem_compress_du_avx2(c + i * PQF_MLKEM_POLY_DU_BYTES, &u);
    }

    /* v = NTT^-1(t_hat^T y_hat) + e2 + Decompress_1(ByteDecode_1(m)) */
    for (j = 0; j < K; j++) {
        row[j] = t_hat[j].c;
    }
    pqf_mlkem_multiply_row_avx2(u.c, row, y_hat);
    pqf_mlkem_ntt_inverse_avx2(u.c);
    pqf_mlkem_add_avx2(u.c, noise[2 * K].c);
    pqf_mlkem_add_msg_avx2(&u, m); /* |v| < q + 2 + 1665 */
    pqf_mlkem_canonical_avx2(u.c);
    pqf_mlkem_compress_dv_avx2(c + K * PQF_MLKEM_POLY_DU_BYTES, &u);

    pqf_wipe(noise, sizeof(noise));
    pqf_wipe(&u, sizeof(u));
}

/* FIPS 203 Algorithm 14: K-PKE.Encrypt(ek, m, r) (ek or x). */
void pqf_mlkem_kpke_encrypt_avx2(uint8_t c[PQF_MLKEM_CT_BYTES], const uint8_t *ek,
                                 const pqf_mlkem_expanded_ek *x,
                                 const uint8_t m[PQF_MLKEM_SYM_BYTES],
                                 const uint8_t r[PQF_MLKEM_SYM_BYTES]) {
    encrypt(c, ek, x, m, r, NULL, NULL, NULL);
}

/* Algorithm 14 and decapsulation's J(z || c_in) (Algorithm 18, line 7). */
void pqf_mlkem_kpke_encrypt_j_avx2(uint8_t c[PQF_MLKEM_CT_BYTES], const uint8_t *ek,
                                   const pqf_mlkem_expanded_ek *x,
                                   const uint8_t m[PQF_MLKEM_SYM_BYTES],
                                   const uint8_t r[PQF_MLKEM_SYM_BYTES],
                                   uint8_t k_bar[PQF_MLKEM_SYM_BYTES],
                                   const uint8_t z[PQF_MLKEM_SYM_BYTES],
                                   const uint8_t c_in[PQF_MLKEM_CT_BYTES]) {
    encrypt(c, ek, x, m, r, k_bar, z, c_in);
}

/* FIPS 203 Algorithm 15: K-PKE.Decrypt(dk_pke, c). */
void pqf_mlkem_kpke_decrypt_avx2(uint8_t m[PQF_MLKEM_SYM_BYTES],
                                 const uint8_t dk[PQF_MLKEM_DKPKE_BYTES],
                                 const uint8_t c[PQF_MLKEM_CT_BYTES]) {
    pqf_mlkem_poly u_hat[K], s_hat[K], w, v;
    const int16_t *s_row[K], *u_row[K];
    unsigned j;

    /* s_hat^T NTT(u'), u'[j] = Decompress_du(ByteDecode_du(c1[j])) */
    for (j = 0; j < K; j++) {
        pqf_mlkem_decompress_du_avx2(&u_hat[j], c + j * PQF_MLKEM_POLY_DU_BYTES);
        pqf_mlkem_ntt_avx2(u_hat[j].c);
        pqf_mlkem_reduce_avx2(u_hat[j].c);
        pqf_mlkem_decode12_avx2(&s_hat[j], dk + j * PQF_MLKEM_POLY12_BYTES);
        s_row[j] = s_hat[j].c;
        u_row[j] = u_hat[j].c;
    }
    pqf_mlkem_multiply_row_avx2(w.c, s_row, u_row);
    pqf_mlkem_ntt_inverse_avx2(w.c); /* |w| < q */

    /* m = ByteEncode_1(Compress_1(v' - w)), v' = Decompress_dv(ByteDecode_dv(c2)) */
    pqf_mlkem_decompress_dv_avx2(&v, c + K * PQF_MLKEM_POLY_DU_BYTES);
    pqf_mlkem_sub_avx2(v.c, w.c); /* |v' - w| < 2q */
    pqf_mlkem_canonical_avx2(v.c);
    pqf_mlkem_tomsg_avx2(m, &v);

    pqf_wipe(s_hat, sizeof(s_hat));
    pqf_wipe(&w, sizeof(w));
    pqf_wipe(&v, sizeof(v));
}

#else
typedef int pqf_mlkem_kpke_avx2_unused;
#endif

/*
 * Each layer of the ML-KEM AVX2 backend (vendor/mlkem/avx2.h) against its
 * portable twin, on random and on exhaustive inputs: the outputs must be equal
 * value for value (tests/python/test_mlkem_avx2_c.py compiles this with the
 * ML-KEM sources for each parameter set and runs it).
 *
 * Usage: mlkem_avx2_cases ROUNDS SEED. Prints one line per failed comparison
 * and "ok NAME CASES" per layer; exits 1 on any failure, 77 when the CPU has
 * no AVX2 (the caller then skips).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "avx2.h"
#include "cpu.h"
#include "fips202.h"
#include "kpke.h"
#include "ntt.h"
#include "poly.h"
#include "reduce.h"
#include "sampling.h"

#define K PQF_MLKEM_K
#define N PQF_MLKEM_N
#define Q PQF_MLKEM_Q

static uint64_t rng_state;

static uint64_t next64(void) { /* splitmix64 */
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void fill(void *p, size_t n) {
    uint8_t *b = p;
    size_t i;
    for (i = 0; i < n; i++) {
        b[i] = (uint8_t)next64();
    }
}

/* A value in [-bound, bound]. */
static int16_t rnd(int bound) {
    return (int16_t)((int)(next64() % (uint64_t)(2 * bound + 1)) - bound);
}

static int failures;

static void compare(const char *what, unsigned round, const void *a, const void *b, size_t n) {
    if (memcmp(a, b, n) != 0) {
        failures++;
        if (failures < 20) {
            printf("MISMATCH %s round %u\n", what, round);
        }
    }
}

static void random_poly(pqf_mlkem_poly *p, int bound) {
    unsigned i;
    for (i = 0; i < N; i++) {
        p->c[i] = rnd(bound);
    }
}

static void canonical_poly(pqf_mlkem_poly *p) {
    unsigned i;
    for (i = 0; i < N; i++) {
        p->c[i] = (int16_t)(next64() % Q);
    }
}

static void test_ntt(unsigned rounds) {
    unsigned r;
    for (r = 0; r < rounds; r++) {
        pqf_mlkem_poly a, b;
        random_poly(&a, r % 2 ? Q : 3);
        b = a;
        pqf_mlkem_ntt(a.c);
        pqf_mlkem_ntt_avx2(b.c);
        compare("ntt", r, &a, &b, sizeof a);
        random_poly(&a, Q - 1);
        b = a;
        pqf_mlkem_ntt_inverse(a.c);
        pqf_mlkem_ntt_inverse_avx2(b.c);
        compare("ntt_inverse", r, &a, &b, sizeof a);
    }
    printf("ok ntt %u\n", rounds);
}

static void test_products(unsigned rounds) {
    unsigned r, j;
    for (r = 0; r < rounds; r++) {
        pqf_mlkem_poly f[K], g[K], want, got;
        int32_t acc[N];
        const int16_t *fp[K], *gp[K];
        for (j = 0; j < K; j++) {
            if (r % 2) {
                canonical_poly(&f[j]);
            } else {
                random_poly(&f[j], Q - 1);
            }
            random_poly(&g[j], r % 3 ? Q / 2 : Q - 1);
            fp[j] = f[j].c;
            gp[j] = g[j].c;
            pqf_mlkem_multiply_ntts_acc(acc, f[j].c, g[j].c, j == 0);
        }
        pqf_mlkem_acc_reduce(want.c, acc);
        pqf_mlkem_multiply_row_avx2(got.c, fp, gp);
        compare("multiply_row", r, &want, &got, sizeof want);
    }
    printf("ok multiply_row %u\n", rounds);
}

static void test_coefficientwise(unsigned rounds) {
    unsigned r, i;
    for (r = 0; r < rounds; r++) {
        pqf_mlkem_poly a, b, c, d;
        fill(&a, sizeof a); /* any int16 */
        b = a;
        pqf_mlkem_reduce_coeffs(a.c);
        pqf_mlkem_reduce_avx2(b.c);
        compare("reduce", r, &a, &b, sizeof a);
        fill(&a, sizeof a);
        b = a;
        pqf_mlkem_canonical_coeffs(a.c);
        pqf_mlkem_canonical_avx2(b.c);
        compare("canonical", r, &a, &b, sizeof a);
        fill(&a, sizeof a);
        b = a;
        pqf_mlkem_tomont_coeffs(a.c);
        pqf_mlkem_tomont_avx2(b.c);
        compare("tomont", r, &a, &b, sizeof a);
        random_poly(&a, 9 * Q);
        random_poly(&c, 9 * Q);
        b = a;
        d = c;
        pqf_mlkem_poly_add(&a, &c);
        pqf_mlkem_add_avx2(b.c, d.c);
        compare("add", r, &a, &b, sizeof a);
        pqf_mlkem_poly_sub(&a, &c);
        pqf_mlkem_sub_avx2(b.c, d.c);
        compare("sub", r, &a, &b, sizeof a);
    }
    /* every int16 through the reductions once */
    for (i = 0; i < 65536; i += N) {
        pqf_mlkem_poly a, b;
        unsigned k;
        for (k = 0; k < N; k++) {
            a.c[k] = (int16_t)(uint16_t)(i + k);
        }
        b = a;
        pqf_mlkem_canonical_coeffs(a.c);
        pqf_mlkem_canonical_avx2(b.c);
        compare("canonical (all int16)", i, &a, &b, sizeof a);
    }
    printf("ok coefficientwise %u\n", rounds);
}

static void test_encodings(unsigned rounds) {
    uint8_t x[PQF_MLKEM_POLY12_BYTES + 64], y[PQF_MLKEM_POLY12_BYTES + 64];
    unsigned r, i;
    /* Compress: every x in [0, q) through both d, 13 polynomials' worth. */
    for (i = 0; i < 13 * N; i += N) {
        pqf_mlkem_poly a;
        unsigned k;
        for (k = 0; k < N; k++) {
            a.c[k] = (int16_t)((i + k) % Q);
        }
        memset(x, 0xAA, sizeof x);
        memset(y, 0xAA, sizeof y);
        pqf_mlkem_poly_compress_du(x, &a);
        pqf_mlkem_compress_du_avx2(y, &a);
        compare("compress_du (all x)", i, x, y, sizeof x);
        memset(x, 0xAA, sizeof x);
        memset(y, 0xAA, sizeof y);
        pqf_mlkem_poly_compress_dv(x, &a);
        pqf_mlkem_compress_dv_avx2(y, &a);
        compare("compress_dv (all x)", i, x, y, sizeof x);
        pqf_mlkem_poly_tomsg(x, &a);
        pqf_mlkem_tomsg_avx2(y, &a);
        compare("tomsg (all x)", i, x, y, PQF_MLKEM_SYM_BYTES);
    }
    for (r = 0; r < rounds; r++) {
        pqf_mlkem_poly a, b;
        uint8_t in[PQF_MLKEM_POLY12_BYTES];
        fill(in, sizeof in);
        pqf_mlkem_poly_decode12(&a, in);
        pqf_mlkem_decode12_avx2(&b, in);
        compare("decode12", r, &a, &b, sizeof a);
        pqf_mlkem_poly_decompress_du(&a, in);
        pqf_mlkem_decompress_du_avx2(&b, in);
        compare("decompress_du", r, &a, &b, sizeof a);
        pqf_mlkem_poly_decompress_dv(&a, in);
        pqf_mlkem_decompress_dv_avx2(&b, in);
        compare("decompress_dv", r, &a, &b, sizeof a);
        canonical_poly(&a);
        memset(x, 0x55, sizeof x);
        memset(y, 0x55, sizeof y);
        pqf_mlkem_poly_encode12(x, &a);
        pqf_mlkem_encode12_avx2(y, &a);
        compare("encode12", r, x, y, sizeof x);
        pqf_mlkem_poly_compress_du(x, &a);
        pqf_mlkem_compress_du_avx2(y, &a);
        compare("compress_du", r, x, y, sizeof x);
        random_poly(&a, Q);
        b = a;
        pqf_mlkem_poly_add_msg(&a, in);
        pqf_mlkem_add_msg_avx2(&b, in);
        compare("add_msg", r, &a, &b, sizeof a);
    }
    printf("ok encodings %u\n", rounds);
}

static void test_sampling(unsigned rounds) {
    unsigned r, i;
    for (r = 0; r < rounds; r++) {
        static pqf_mlkem_poly want[K * K], got[K * K];
        pqf_mlkem_poly nw[2 * K + 1], ng[2 * K + 1];
        unsigned eta[2 * K + 1];
        uint8_t rho[PQF_MLKEM_SYM_BYTES];
        const unsigned count = 1 + r % (2 * K + 1);
        const uint8_t nonce0 = (uint8_t)next64();
        fill(rho, sizeof rho);
        for (i = 0; i < K * K; i++) {
            pqf_mlkem_sample_ntt(&want[i], rho, (uint8_t)(i / K), (uint8_t)(i % K));
        }
        pqf_mlkem_sample_matrix_avx2(got, rho);
        compare("sample_matrix", r, want, got, sizeof want);
        for (i = 0; i < count; i++) {
            eta[i] = (next64() & 1) ? 2 : 3;
            pqf_mlkem_sample_cbd_prf(&nw[i], rho, (uint8_t)(nonce0 + i), eta[i]);
        }
        pqf_mlkem_sample_noise_avx2(ng, eta, count, rho, nonce0);
        compare("sample_noise", r, nw, ng, count * sizeof nw[0]);
    }
    printf("ok sampling %u\n", rounds);
}

static void test_kpke(unsigned rounds) {
    unsigned r;
    for (r = 0; r < rounds; r++) {
        static pqf_mlkem_expanded_ek xa, xb;
        uint8_t d[32], m[32], coins[32];
        uint8_t eka[PQF_MLKEM_EK_BYTES], ekb[PQF_MLKEM_EK_BYTES];
        uint8_t dka[PQF_MLKEM_DKPKE_BYTES], dkb[PQF_MLKEM_DKPKE_BYTES];
        uint8_t ca[PQF_MLKEM_CT_BYTES], cb[PQF_MLKEM_CT_BYTES];
        uint8_t ma[32], mb[32];
        fill(d, 32);
        fill(m, 32);
        fill(coins, 32);
        memset(&xa, 0, sizeof xa);
        memset(&xb, 0, sizeof xb);
        pqf_backend_select(PQF_BACKEND_PORTABLE);
        pqf_mlkem_kpke_keygen(eka, dka, &xa, d);
        pqf_mlkem_kpke_encrypt(ca, eka, m, coins);
        pqf_mlkem_kpke_decrypt(ma, dka, ca);
        pqf_backend_select(PQF_BACKEND_AVX2);
        pqf_mlkem_kpke_keygen_avx2(ekb, dkb, &xb, d);
        compare("kpke_keygen ek", r, eka, ekb, sizeof eka);
        compare("kpke_keygen dk", r, dka, dkb, sizeof dka);
        compare("kpke_keygen expanded", r, &xa, &xb, sizeof xa);
        pqf_mlkem_kpke_expand_avx2(&xb, eka);
        compare("kpke_expand", r, xa.a_hat_t, xb.a_hat_t, sizeof xa.a_hat_t);
        compare("kpke_expand t_hat", r, xa.t_hat, xb.t_hat, sizeof xa.t_hat);
        pqf_mlkem_kpke_encrypt_avx2(cb, eka, NULL, m, coins);
        compare("kpke_encrypt", r, ca, cb, sizeof ca);
        pqf_mlkem_kpke_encrypt_avx2(cb, NULL, &xa, m, coins);
        compare("kpke_encrypt expanded", r, ca, cb, sizeof ca);
        pqf_mlkem_kpke_decrypt_avx2(mb, dka, ca);
        compare("kpke_decrypt", r, ma, mb, sizeof ma);
        {
            /* decapsulation's encryption with J(z || c_in) beside its noise,
             * against the portable encryption and a one-state SHAKE256 */
            uint8_t z[32], cin[PQF_MLKEM_CT_BYTES], ja[32], jb[32], zc[32 + PQF_MLKEM_CT_BYTES];
            fill(z, sizeof z);
            fill(cin, sizeof cin);
            memcpy(zc, z, 32);
            memcpy(zc + 32, cin, sizeof cin);
            pqf_shake256(ja, sizeof ja, zc, sizeof zc);
            pqf_mlkem_kpke_encrypt_j_avx2(cb, eka, NULL, m, coins, jb, z, cin);
            compare("kpke_encrypt_j", r, ca, cb, sizeof ca);
            compare("kpke_encrypt_j J", r, ja, jb, sizeof ja);
            memset(jb, 0, sizeof jb);
            pqf_mlkem_kpke_encrypt_j_avx2(cb, NULL, &xa, m, coins, jb, z, cin);
            compare("kpke_encrypt_j expanded", r, ca, cb, sizeof ca);
            compare("kpke_encrypt_j expanded J", r, ja, jb, sizeof ja);
            pqf_backend_select(PQF_BACKEND_PORTABLE);
            memset(jb, 0, sizeof jb);
            pqf_mlkem_kpke_encrypt_j(cb, eka, NULL, m, coins, jb, z, cin);
            compare("kpke_encrypt_j portable", r, ca, cb, sizeof ca);
            compare("kpke_encrypt_j portable J", r, ja, jb, sizeof ja);
            pqf_backend_select(PQF_BACKEND_AVX2);
        }
        fill(ca, sizeof ca); /* a random ciphertext decrypts alike too */
        pqf_mlkem_kpke_decrypt(ma, dka, ca);
        pqf_mlkem_kpke_decrypt_avx2(mb, dka, ca);
        compare("kpke_decrypt random", r, ma, mb, sizeof ma);
    }
    printf("ok kpke %u\n", rounds);
}

int main(int argc, char **argv) {
    unsigned rounds = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 200;
    rng_state = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    if ((pqf_cpu_features() & PQF_CPU_AVX2) == 0) {
        printf("SKIPPED: this CPU has no AVX2\n");
        return 77;
    }
    test_ntt(rounds);
    test_products(rounds);
    test_coefficientwise(rounds);
    test_encodings(rounds);
    test_sampling(rounds);
    test_kpke(rounds / 4 + 1);
    printf("%d failures\n", failures);
    return failures != 0;
}

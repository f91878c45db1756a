/*
 * The Falcon AVX2 backend against the portable C, on pseudorandom inputs:
 * every function of fft.c that dispatches (FFT, inverse FFT, split, merge,
 * the coefficient-wise and slot-wise operations, LDL*) at every size
 * logn = 0..10, the ChaCha20 generator and SamplerZ, and the entry points
 * (key generation, signing, verification), each run twice on the same input,
 * once with the backend capped at portable and once at AVX2. The outputs must
 * be equal bit for bit (memcmp of the doubles, not a tolerance).
 *
 * The doubles have random signs, mantissas and exponents over a wide range
 * (2^-60 .. 2^60, with zeros of both signs), so that the roundings of every
 * operation are exercised; divisors are nonzero (a zero gives NaN payloads
 * that the scalar code may produce with its operands swapped).
 *
 * tests/python/test_falcon_c.py compiles it once per parameter set.
 * usage: falcon_backends <cases> <seed>
 * Prints "backend <name>", one line per mismatch, then "checks N mismatches M";
 * exits 1 on a mismatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define N PQF_FALCON_N
#define NMAX 1024

static uint64_t prng_state;

/* xorshift64: test input only. */
static uint64_t prng(void) {
    prng_state ^= prng_state << 13;
    prng_state ^= prng_state >> 7;
    prng_state ^= prng_state << 17;
    return prng_state;
}

/* A double with a random sign, mantissa and exponent (2^-60 .. 2^60); one in
 * 64 a zero of either sign unless nonzero is asked for; one in 16 a small
 * integer (the coefficients the FFT usually sees). */
static double rnd_double(int nonzero) {
    uint64_t r = prng(), bits;
    double d;
    switch (r & 63) {
    case 0:
        if (!nonzero) {
            return (r & 64) ? -0.0 : 0.0;
        }
        break;
    case 1: case 2: case 3: case 4:
        return (double)((int64_t)(prng() % 4001) - 2000) + (nonzero ? 0.5 : 0.0);
    default:
        break;
    }
    bits = ((r >> 8) & (((uint64_t)1 << 52) - 1)) |
           ((uint64_t)(1023 - 60 + (prng() % 121)) << 52) | ((r & 128) << 56);
    memcpy(&d, &bits, sizeof d);
    return d;
}

static void fill(double *a, size_t n, int nonzero) {
    size_t i;
    for (i = 0; i < n; i++) {
        a[i] = rnd_double(nonzero);
    }
}

static unsigned long checks, mismatches;

/* The input of one comparison (5 polynomials of up to NMAX doubles) and its
 * copies for the two runs. */
static double in[5 * NMAX], run_p[5 * NMAX], run_v[5 * NMAX];
static double cst;
static unsigned cur_logn;

static void compare(const char *what, void (*op)(double *w)) {
    memcpy(run_p, in, sizeof in);
    memcpy(run_v, in, sizeof in);
    pqf_backend_select(PQF_BACKEND_PORTABLE);
    op(run_p);
    pqf_backend_select(PQF_BACKEND_AVX2);
    op(run_v);
    checks++;
    if (memcmp(run_p, run_v, sizeof run_p) != 0) {
        size_t i = 0;
        while (memcmp(&run_p[i], &run_v[i], sizeof(double)) == 0) {
            i++;
        }
        mismatches++;
        printf("mismatch %s logn %u at double %zu: %a vs %a\n", what, cur_logn, i, run_p[i],
               run_v[i]);
    }
}

#define P(k) (w + (k) * NMAX)
static void op_fft(double *w) { pqf_falcon_fft(P(0), cur_logn); }
static void op_ifft(double *w) { pqf_falcon_ifft(P(0), cur_logn); }
static void op_split(double *w) {
    pqf_falcon_fft_split(P(1), P(2), P(0), cur_logn);
}
static void op_merge(double *w) {
    pqf_falcon_fft_merge(P(0), P(1), P(2), cur_logn);
}
static void op_add(double *w) { pqf_falcon_fft_add(P(0), P(1), cur_logn); }
static void op_sub(double *w) { pqf_falcon_fft_sub(P(0), P(1), cur_logn); }
static void op_neg(double *w) { pqf_falcon_fft_neg(P(0), cur_logn); }
static void op_adj(double *w) { pqf_falcon_fft_adj(P(0), cur_logn); }
static void op_mul(double *w) { pqf_falcon_fft_mul(P(0), P(1), cur_logn); }
static void op_mul_adjoint(double *w) { pqf_falcon_fft_mul_adjoint(P(0), P(1), cur_logn); }
static void op_sqmod(double *w) { pqf_falcon_fft_sqmod(P(0), cur_logn); }
static void op_scale(double *w) { pqf_falcon_fft_scale(P(0), cst, cur_logn); }
static void op_div(double *w) { pqf_falcon_fft_div(P(0), P(1), cur_logn); }
static void op_ldl(double *w) {
    pqf_falcon_fft_ldl(P(3), P(4), P(0), P(1), P(2), cur_logn);
}
static void op_ldl_same(double *w) { /* g11 = g00, as below the root */
    pqf_falcon_fft_ldl(P(3), P(4), P(0), P(1), P(0), cur_logn);
}
/* a round trip, and a product of two transformed polynomials brought back */
static void op_roundtrip(double *w) {
    pqf_falcon_fft(P(0), cur_logn);
    pqf_falcon_fft(P(1), cur_logn);
    pqf_falcon_fft_mul(P(0), P(1), cur_logn);
    pqf_falcon_ifft(P(0), cur_logn);
    pqf_falcon_ifft(P(1), cur_logn);
}

/* ---- the generator and the sampler ---- */

static uint8_t seed_bytes[64];
static int sampled[4096];
static pqf_falcon_prng gen_p, gen_v;

/* 4096 SamplerZ draws (many refills) from a generator seeded from
 * SHAKE256(seed_bytes); compares the samples and the final generator. */
static void sampler_run(pqf_falcon_prng *g, int *out) {
    pqf_keccak_ctx sh;
    size_t i;
    pqf_shake256_init(&sh);
    pqf_keccak_absorb(&sh, seed_bytes, sizeof seed_bytes);
    pqf_falcon_prng_seed(g, &sh);
    for (i = 0; i < 4096; i++) {
        double mu = rnd_double(0) * 0x1p-40 + (double)((int)(prng() % 4001) - 2000);
        /* 1/sigma' for sigma' in [sigma_min, sigma_max] */
        double isig = 1.0 / (1.3 + (double)(prng() % 500) / 1000.0);
        out[i] = pqf_falcon_samplerz(g, mu, isig, 1.2778336969128337);
    }
}

static void compare_sampler(void) {
    static int out_p[4096];
    uint64_t keep = prng_state;
    pqf_backend_select(PQF_BACKEND_PORTABLE);
    sampler_run(&gen_p, out_p);
    prng_state = keep; /* the same centres and widths */
    pqf_backend_select(PQF_BACKEND_AVX2);
    sampler_run(&gen_v, sampled);
    checks++;
    if (memcmp(out_p, sampled, sizeof sampled) != 0 ||
        memcmp(gen_p.buf, gen_v.buf, sizeof gen_p.buf) != 0 || gen_p.ctr != gen_v.ctr ||
        gen_p.ptr != gen_v.ptr) {
        mismatches++;
        printf("mismatch sampler\n");
    }
}

/* ---- the entry points ---- */

#define SCHEME(s) PQF_FALCON_NS(s)
static uint8_t tmp_ws[PQF_FALCON_API_TMP_BYTES];

typedef struct {
    uint8_t pk[PQF_FALCON_API_PK_BYTES], sk[PQF_FALCON_API_SK_BYTES];
    uint8_t sig[PQF_FALCON_API_SIG_MAX_BYTES], psig[PQF_FALCON_API_SIG_PADDED_BYTES];
    size_t siglen, psiglen;
    int rc[4];
} scheme_out;

static void scheme_run(scheme_out *o, const uint8_t *seed, const uint8_t *msg, size_t mlen) {
    memset(o, 0, sizeof *o);
    o->rc[0] = SCHEME(keygen)(o->pk, o->sk, seed, tmp_ws);
    o->rc[1] = SCHEME(sign)(o->sig, &o->siglen, o->sk, msg, mlen, seed + 48, seed + 88, 0,
                            tmp_ws);
    o->rc[2] = SCHEME(sign)(o->psig, &o->psiglen, o->sk, msg, mlen, seed + 48, seed + 136, 1,
                            tmp_ws);
    o->rc[3] = SCHEME(verify)(o->pk, msg, mlen, o->sig, o->siglen, 0, tmp_ws);
}

static void compare_scheme(void) {
    static scheme_out a, b;
    uint8_t seed[184], msg[100];
    size_t i, mlen = prng() % sizeof msg;
    for (i = 0; i < sizeof seed; i++) {
        seed[i] = (uint8_t)prng();
    }
    for (i = 0; i < sizeof msg; i++) {
        msg[i] = (uint8_t)prng();
    }
    pqf_backend_select(PQF_BACKEND_PORTABLE);
    scheme_run(&a, seed, msg, mlen);
    pqf_backend_select(PQF_BACKEND_AVX2);
    scheme_run(&b, seed, msg, mlen);
    checks++;
    if (memcmp(&a, &b, sizeof a) != 0 || a.rc[0] != 0 || a.rc[1] != 0 || a.rc[2] != 0 ||
        a.rc[3] != 0) {
        mismatches++;
        printf("mismatch scheme (rc %d %d %d %d / %d %d %d %d)\n", a.rc[0], a.rc[1], a.rc[2],
               a.rc[3], b.rc[0], b.rc[1], b.rc[2], b.rc[3]);
    }
}

int main(int argc, char **argv) {
    unsigned cases, c;
    if (argc != 3) {
        fprintf(stderr, "usage: falcon_backends <cases> <seed>\n");
        return 2;
    }
    cases = (unsigned)strtoul(argv[1], NULL, 10);
    prng_state = strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ull + 1;
    printf("backend %s\n",
           pqf_backend_select(PQF_BACKEND_AVX2) == PQF_BACKEND_AVX2 ? "avx2" : "portable");
    for (c = 0; c < cases; c++) {
        for (cur_logn = 0; cur_logn <= 10; cur_logn++) {
            size_t n = (size_t)1 << cur_logn, k;
            fill(in, sizeof in / sizeof in[0], 0);
            if (cur_logn >= 1) {
                compare("fft", op_fft);
                compare("ifft", op_ifft);
                compare("split", op_split);
                compare("merge", op_merge);
                compare("roundtrip", op_roundtrip);
                compare("adj", op_adj);
                compare("mul_adjoint", op_mul_adjoint);
                compare("sqmod", op_sqmod);
            }
            compare("add", op_add);
            compare("sub", op_sub);
            compare("neg", op_neg);
            compare("mul", op_mul);
            cst = rnd_double(0);
            compare("scale", op_scale);
            /* divisors and pivots: nonzero at every slot */
            fill(in + NMAX, n, 1);
            compare("div", op_div);
            if (cur_logn >= 1) {
                fill(in, n, 1);
                compare("ldl", op_ldl);
                compare("ldl_same", op_ldl_same);
                /* a Gram matrix as signing has it: g00 = |a|^2 + |b|^2 */
                for (k = 0; k < n; k++) {
                    in[3 * NMAX + k] = (double)((int)(prng() % 63) - 31);
                    in[4 * NMAX + k] = (double)((int)(prng() % 63) - 31);
                }
                pqf_backend_select(PQF_BACKEND_PORTABLE);
                pqf_falcon_fft(in + 3 * NMAX, cur_logn);
                pqf_falcon_fft(in + 4 * NMAX, cur_logn);
                pqf_falcon_fft_sqmod(in + 3 * NMAX, cur_logn);
                pqf_falcon_fft_sqmod(in + 4 * NMAX, cur_logn);
                pqf_falcon_fft_add(in + 3 * NMAX, in + 4 * NMAX, cur_logn);
                memcpy(in, in + 3 * NMAX, n * sizeof(double));
                compare("ldl_gram", op_ldl);
            }
        }
        {
            size_t i;
            for (i = 0; i < sizeof seed_bytes; i++) {
                seed_bytes[i] = (uint8_t)prng();
            }
        }
        compare_sampler();
        if (c % 8 == 0) {
            compare_scheme();
        }
    }
    printf("checks %lu mismatches %lu\n", checks, mismatches);
    return mismatches != 0;
}

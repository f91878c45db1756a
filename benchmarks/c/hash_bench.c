/*
 * Microbenchmark of the shared hash primitives, per backend: the 4-way
 * Keccak-f[1600] against four scalar permutations, SHA-256's compression
 * on long messages and on one block (SLH-DSA's case), and SLH-DSA-SHA2-128f
 * signing, which SHA-256 dominates. Run by benchmarks/hash_bench.py, which
 * compiles it as build.rs compiles the library (vector files alone with
 * their target flags). Prints one line per measurement:
 * "<what> <backend> <value> <unit>", the median of several runs.
 *
 * usage: hash_bench [seconds-per-measurement]
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fips202.h"
#include "fips202x4.h"
#include "pqfence.h"
#include "sha2.h"

#define RUNS 7

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v) {
    qsort(v, RUNS, sizeof v[0], cmp_double);
    return v[RUNS / 2];
}

static uint64_t state[4 * 25];
static uint8_t msg[1 << 16];

/* ns per Keccak-f[1600] of one state, the x4 call counting as four. */
static double keccak_x4(long iters) {
    double t0 = now();
    long i;
    for (i = 0; i < iters; i++) {
        pqf_keccakx4_f1600(state);
    }
    return (now() - t0) * 1e9 / (4.0 * (double)iters);
}

static double keccak_scalar(long iters) {
    double t0 = now();
    long i;
    for (i = 0; i < iters; i++) {
        pqf_keccak_f1600(state);
    }
    return (now() - t0) * 1e9 / (double)iters;
}

/* MB/s of SHA-256 compression over a 64 KiB message. */
static double sha256_mbs(long iters) {
    uint32_t h[8] = {0};
    double t0 = now();
    long i;
    for (i = 0; i < iters; i++) {
        pqf_sha256_blocks(h, msg, sizeof msg / 64);
    }
    state[0] ^= h[0];
    return (double)iters * (double)sizeof msg / ((now() - t0) * 1e6);
}

/* ns per single-block compression (SLH-DSA's F, H and PRF calls). */
static double sha256_block_ns(long iters) {
    uint32_t h[8] = {0};
    double t0 = now();
    long i;
    for (i = 0; i < iters; i++) {
        pqf_sha256_blocks(h, msg + 64 * (i & 7), 1);
    }
    state[0] ^= h[0];
    return (now() - t0) * 1e9 / (double)iters;
}

/* ms per SLH-DSA-SHA2-128f signature (deterministic, 32-byte message). */
static double slhdsa_sign_ms(long iters) {
    static uint8_t pk[PQF_SLHDSA_SHA2_128F_PK_BYTES], sk[PQF_SLHDSA_SHA2_128F_SK_BYTES];
    static uint8_t sig[PQF_SLHDSA_SHA2_128F_SIG_BYTES];
    double t0;
    long i;
    pqf_slhdsa_sha2_128f_keygen_internal(pk, sk, msg, msg + 16, msg + 32);
    t0 = now();
    for (i = 0; i < iters; i++) {
        pqf_slhdsa_sha2_128f_sign_internal(sig, sk, NULL, 0, msg, 32, NULL);
    }
    state[0] ^= sig[0];
    return (now() - t0) * 1e3 / (double)iters;
}

/* Calls fn with a growing count until one call lasts secs, then RUNS times. */
static double measure(double (*fn)(long), double secs) {
    double v[RUNS];
    long iters = 1;
    double t0;
    int r;
    for (;;) {
        t0 = now();
        fn(iters);
        if (now() - t0 >= secs) {
            break;
        }
        iters *= 2;
    }
    for (r = 0; r < RUNS; r++) {
        v[r] = fn(iters);
    }
    return median(v);
}

int main(int argc, char **argv) {
    double secs = argc > 1 ? atof(argv[1]) : 0.05;
    static const int backends[2] = {PQF_BACKEND_PORTABLE, PQF_BACKEND_AVX2};
    static const char *names[2] = {"portable", "avx2"};
    unsigned i;
    int b;
    for (i = 0; i < sizeof msg; i++) {
        msg[i] = (uint8_t)(i * 131u + 7u);
    }
    printf("keccak-f1600 scalar %.1f ns/permutation\n", measure(keccak_scalar, secs));
    for (b = 0; b < 2; b++) {
        if (pqf_backend_select(backends[b]) != backends[b]) {
            printf("# no %s backend on this CPU\n", names[b]);
            continue;
        }
        printf("keccak-f1600-x4 %s %.1f ns/permutation\n", names[b],
               measure(keccak_x4, secs));
        printf("sha256-compress %s %.1f MB/s\n", names[b], measure(sha256_mbs, secs));
        printf("sha256-1-block %s %.1f ns\n", names[b], measure(sha256_block_ns, secs));
        printf("slh-dsa-sha2-128f-sign %s %.2f ms\n", names[b], measure(slhdsa_sign_ms, secs));
    }
    return 0;
}

/*
 * SHA-224 and SHA-256 (vendor/common/sha2.c) of pseudorandom inputs of
 * 0..1000 bytes, on the backend named on the command line, for
 * tests/python/test_sha2_c.py to compare with Python's hashlib. Each digest
 * is computed one-shot (whole blocks go to pqf_sha256_blocks together) and
 * incrementally with pseudorandom update lengths.
 *
 * usage: sha2_cases <cases> <seed> portable|avx2
 *
 * For avx2 the driver selects the vector backend, which uses the SHA
 * extensions when the CPU has them, and exits with 77 when it lacks them
 * (the test skips). First line: "backend <n> shani <0|1>", the backend in
 * use and whether the SHA extensions are. Then one line per case:
 * "<224|256> <input hex> <one-shot hex> <incremental hex>".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "pqfence.h"
#include "sha2.h"

static uint64_t prng_state;

/* xorshift64: test input only. */
static uint64_t prng(void) {
    prng_state ^= prng_state << 13;
    prng_state ^= prng_state >> 7;
    prng_state ^= prng_state << 17;
    return prng_state;
}

static void print_hex(const uint8_t *p, size_t n) {
    size_t i;
    putchar(' ');
    for (i = 0; i < n; i++) {
        printf("%02x", p[i]);
    }
}

int main(int argc, char **argv) {
    static uint8_t in[1001];
    long cases, c;
    int want, shani;
    if (argc != 4) {
        fprintf(stderr, "usage: sha2_cases <cases> <seed> portable|avx2\n");
        return 2;
    }
    cases = strtol(argv[1], NULL, 10);
    prng_state = strtoull(argv[2], NULL, 10) | 1;
    want = strcmp(argv[3], "avx2") == 0 ? PQF_BACKEND_AVX2 : PQF_BACKEND_PORTABLE;
    pqf_backend_select(want);
    shani = (pqf_cpu_features() & PQF_CPU_SHANI) != 0;
    if (want == PQF_BACKEND_AVX2 && !shani) {
        return 77;
    }
    printf("backend %d shani %d\n", pqf_backend(), shani);
    for (c = 0; c < cases; c++) {
        uint8_t once[32], incr[32];
        size_t inlen = (size_t)(prng() % 1001), i, off;
        unsigned bits = c % 2 == 0 ? 256 : 224, outlen = bits / 8;
        pqf_sha256_ctx ctx;
        for (i = 0; i < inlen; i++) {
            in[i] = (uint8_t)prng();
        }
        if (bits == 256) {
            pqf_sha256(once, in, inlen);
            pqf_sha256_init(&ctx);
        } else {
            pqf_sha224(once, in, inlen);
            pqf_sha224_init(&ctx);
        }
        for (off = 0; off < inlen;) {
            size_t take = (size_t)(prng() % 4 == 0 ? prng() % 300 : prng() % 70);
            if (take > inlen - off) {
                take = inlen - off;
            }
            pqf_sha256_update(&ctx, in + off, take);
            off += take;
        }
        pqf_sha256_final(&ctx, incr);
        printf("%u", bits);
        print_hex(in, inlen);
        print_hex(once, outlen);
        print_hex(incr, outlen);
        putchar('\n');
    }
    return 0;
}

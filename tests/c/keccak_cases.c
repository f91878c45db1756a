/*
 * Prints SHA3-224/256/384/512, SHAKE128 and SHAKE256 of pseudorandom inputs
 * (0..1000 bytes; SHAKE output 0..1199 bytes), each computed twice: one-shot,
 * and incrementally with pseudorandom absorb and squeeze splits. One line per
 * case: "<function> <outlen> <input hex> <one-shot hex> <incremental hex>".
 * tests/python/test_keccak_c.py compares every line with Python's hashlib.
 *
 * usage: keccak_cases <cases> <seed> [portable|avx2|avx512]
 *
 * With a backend the driver selects it first (pqf_backend_select; exit 77
 * when the CPU lacks AVX2, and the test skips): the avx2 backend runs the
 * AVX-512VL permutation of keccak_avx512.c where the CPU has AVX-512VL, the
 * portable one the scalar code of keccak.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fips202.h"
#include "pqfence.h"

static uint64_t prng_state;

/* xorshift64: test input only. */
static uint32_t prng(void) {
    prng_state ^= prng_state << 13;
    prng_state ^= prng_state >> 7;
    prng_state ^= prng_state << 17;
    return (uint32_t)(prng_state >> 11);
}

static void print_hex(const uint8_t *p, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        printf("%02x", p[i]);
    }
}

/* A split length: mostly small (crossing block boundaries one byte at a time),
 * sometimes up to max. */
static size_t split(size_t max) {
    return prng() % 4 == 0 ? prng() % max : prng() % 9;
}

int main(int argc, char **argv) {
    static uint8_t in[1001], once[1200], incr[1200];
    long cases, c;
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: keccak_cases <cases> <seed> [portable|avx2|avx512]\n");
        return 2;
    }
    if (argc == 4) {
        int want = strcmp(argv[3], "avx512") == 0 ? PQF_BACKEND_AVX512
                   : strcmp(argv[3], "avx2") == 0 ? PQF_BACKEND_AVX2
                                                  : PQF_BACKEND_PORTABLE;
        if (pqf_backend_select(want) != want) {
            return 77;
        }
    }
    cases = strtol(argv[1], NULL, 10);
    prng_state = strtoull(argv[2], NULL, 10) | 1;
    for (c = 0; c < cases; c++) {
        int fn = (int)(c % 6);
        size_t inlen = prng() % 1001, outlen, i, off;
        pqf_keccak_ctx ctx;
        for (i = 0; i < inlen; i++) {
            in[i] = (uint8_t)prng();
        }
        switch (fn) {
        case 0:
            outlen = 28;
            pqf_sha3_224(once, in, inlen);
            pqf_sha3_init(&ctx, 28);
            break;
        case 1:
            outlen = 32;
            pqf_sha3_256(once, in, inlen);
            pqf_sha3_init(&ctx, 32);
            break;
        case 2:
            outlen = 48;
            pqf_sha3_384(once, in, inlen);
            pqf_sha3_init(&ctx, 48);
            break;
        case 3:
            outlen = 64;
            pqf_sha3_512(once, in, inlen);
            pqf_sha3_init(&ctx, 64);
            break;
        case 4:
            outlen = prng() % 1200;
            pqf_shake128(once, outlen, in, inlen);
            pqf_shake128_init(&ctx);
            break;
        default:
            outlen = prng() % 1200;
            pqf_shake256(once, outlen, in, inlen);
            pqf_shake256_init(&ctx);
            break;
        }
        for (off = 0; off < inlen;) {
            size_t take = split(400);
            if (take > inlen - off) {
                take = inlen - off;
            }
            pqf_keccak_absorb(&ctx, in + off, take);
            off += take;
        }
        for (off = 0; off < outlen;) {
            size_t take = split(500);
            if (take > outlen - off) {
                take = outlen - off;
            }
            pqf_keccak_squeeze(&ctx, incr + off, take);
            off += take;
        }
        pqf_keccak_wipe(&ctx);
        printf("%d %lu ", fn, (unsigned long)outlen);
        print_hex(in, inlen);
        printf(" ");
        print_hex(once, outlen);
        printf(" ");
        print_hex(incr, outlen);
        printf("\n");
    }
    return 0;
}

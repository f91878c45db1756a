/*
 * Prints multi-lane SHA-256 and SHA-512 results (vendor/common/sha2x.h) of
 * pseudorandom messages, from every path this CPU can run: the dispatcher
 * with the backend capped at portable and uncapped, and each path called
 * directly (portable loops, AVX2 kernels, the SHA-NI kernel).
 *
 * Each case is one batch: a random first block (the shared part, hashed once
 * with pqf_sha256_update / pqf_sha512_update into the start state), then per
 * lane a random tail of one common length, padded here, and a random output
 * length and lane count. One line per lane and path:
 *   "<bits> <path> <outlen> <shared block || tail hex> <output hex>"
 * tests/python/test_sha2x_c.py compares every line with hashlib.
 *
 * usage: sha2x_cases <cases> <seed>
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "pqfence.h"
#include "sha2.h"
#include "sha2x.h"

#define MAX_BLOCKS 5

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

/* Pads the tail of a message whose first bb bytes were the shared block:
 * returns the number of bb-byte blocks written to dst. */
static size_t pad(uint8_t *dst, const uint8_t *tail, size_t len, size_t bb, size_t lenbytes) {
    const size_t nblocks = (len + 1 + lenbytes + bb - 1) / bb;
    const uint64_t bits = (uint64_t)(bb + len) * 8;
    size_t i;
    memset(dst, 0, nblocks * bb);
    memcpy(dst, tail, len);
    dst[len] = 0x80;
    for (i = 0; i < 8; i++) {
        dst[nblocks * bb - 1 - i] = (uint8_t)(bits >> (8 * i));
    }
    return nblocks;
}

typedef void (*fn256)(uint8_t *const out[8], size_t, const uint32_t[8],
                      const uint8_t *const in[8], size_t, unsigned);
typedef void (*fn512)(uint8_t *const out[4], size_t, const uint64_t[8],
                      const uint8_t *const in[4], size_t, unsigned);

static void dispatch_portable256(uint8_t *const out[8], size_t outlen, const uint32_t s[8],
                                 const uint8_t *const in[8], size_t nb, unsigned count) {
    pqf_backend_select(PQF_BACKEND_PORTABLE);
    pqf_sha256x8_tails(out, outlen, s, in, nb, count);
    pqf_backend_select(PQF_BACKEND_AVX2);
}

static void dispatch_portable512(uint8_t *const out[4], size_t outlen, const uint64_t s[8],
                                 const uint8_t *const in[4], size_t nb, unsigned count) {
    pqf_backend_select(PQF_BACKEND_PORTABLE);
    pqf_sha512x4_tails(out, outlen, s, in, nb, count);
    pqf_backend_select(PQF_BACKEND_AVX2);
}

int main(int argc, char **argv) {
    static uint8_t shared[128], tails[8][MAX_BLOCKS * 128], padded[8][MAX_BLOCKS * 128];
    static uint8_t outs[8][64];
    const uint32_t cpu = pqf_cpu_detected();
    const char *names256[5] = {"portable", "dispatch-portable", "dispatch", NULL, NULL};
    fn256 paths256[5] = {pqf_sha256x8_tails_portable, dispatch_portable256, pqf_sha256x8_tails,
                         NULL, NULL};
    const char *names512[4] = {"portable", "dispatch-portable", "dispatch", NULL};
    fn512 paths512[4] = {pqf_sha512x4_tails_portable, dispatch_portable512, pqf_sha512x4_tails,
                         NULL};
    unsigned n256 = 3, n512 = 3;
    long cases, c;
    if (argc != 3) {
        fprintf(stderr, "usage: sha2x_cases <cases> <seed>\n");
        return 2;
    }
#ifdef PQF_HAVE_SHA2X_KERNELS
    if ((cpu & PQF_CPU_AVX2) != 0) {
        names256[n256] = "avx2";
        paths256[n256++] = pqf_sha256x8_tails_avx2;
        names512[n512] = "avx2";
        paths512[n512++] = pqf_sha512x4_tails_avx2;
    }
    if ((cpu & PQF_CPU_SHANI) != 0) {
        names256[n256] = "shani";
        paths256[n256++] = pqf_sha256x8_tails_shani;
    }
#else
    (void)cpu;
#endif
    cases = strtol(argv[1], NULL, 10);
    prng_state = strtoull(argv[2], NULL, 10) | 1;
    for (c = 0; c < cases; c++) {
        const int big = (int)(c & 1);
        const size_t bb = big ? 128 : 64;
        const unsigned lanes = big ? 4 : 8;
        const unsigned count = 1 + prng() % lanes;
        const size_t outlen = 1 + prng() % (big ? 64 : 32);
        /* 0 .. MAX_BLOCKS * bb - (1 + length field) tail bytes. */
        const size_t len = prng() % (MAX_BLOCKS * bb - (big ? 16 : 8));
        const uint8_t *in[8];
        uint8_t *out[8];
        size_t nblocks = 0, i;
        unsigned j, p;
        for (i = 0; i < bb; i++) {
            shared[i] = (uint8_t)prng();
        }
        for (j = 0; j < count; j++) {
            for (i = 0; i < len; i++) {
                tails[j][i] = (uint8_t)prng();
            }
            nblocks = pad(padded[j], tails[j], len, bb, big ? 16 : 8);
            in[j] = padded[j];
            out[j] = outs[j];
        }
        for (p = 0; p < (big ? n512 : n256); p++) {
            memset(outs, 0, sizeof outs);
            if (big) {
                pqf_sha512_ctx ctx;
                pqf_sha512_init(&ctx);
                pqf_sha512_update(&ctx, shared, bb);
                paths512[p](out, outlen, ctx.h, in, nblocks, count);
            } else {
                pqf_sha256_ctx ctx;
                pqf_sha256_init(&ctx);
                pqf_sha256_update(&ctx, shared, bb);
                paths256[p](out, outlen, ctx.h, in, nblocks, count);
            }
            for (j = 0; j < count; j++) {
                const char *name = big ? names512[p] : names256[p];
                printf("%d %s %u ", big ? 512 : 256, name, (unsigned)outlen);
                print_hex(shared, bb);
                print_hex(tails[j], len);
                printf(" ");
                print_hex(outs[j], outlen);
                printf("\n");
            }
        }
    }
    return 0;
}

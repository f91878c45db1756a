/*
 * The 4-way SHAKE (vendor/common/fips202x4.h) on pseudorandom inputs, for
 * tests/python/test_keccak_c.py to compare with Python's hashlib.
 *
 * usage: keccakx4_cases <cases> <seed> portable|avx2
 *
 * The backend is chosen with pqf_backend_select; for avx2 the driver exits
 * with 77 when the CPU lacks it (the test skips). First line: the backend
 * in use ("backend 0" portable, "backend 1" AVX2). Then:
 *
 * - "perm <n> <bad>": n random states, each run through pqf_keccakx4_f1600
 *   and through pqf_keccak_f1600 one state at a time; bad counts the
 *   states that differ (0 expected);
 * - "direct <n> <avx2> <avx512> <bad>": the same n states through each
 *   vector permutation called directly, whatever the dispatch would pick
 *   (the AVX2 and AVX-512VL 4-way ones, the AVX-512VL one-state one),
 *   against the scalar pqf_keccak_f1600_portable; avx2 and avx512 are 1
 *   when the CPU has that instruction set and those were run (the avx2
 *   backend only), bad counts the states that differ (0 expected);
 * - one line per case, "<fn> <outlen> <in0> <in1> <in2> <in3> <out0> ...
 *   <out3>" (hex): fn 128 or 256 for absorb_once + squeezeblocks of
 *   SHAKE128/256 (outlen a whole number of blocks), 0 for the one-shot
 *   pqf_shake256x4 with any outlen. Input lengths are mostly the callers'
 *   (<= 66 bytes), a quarter up to 700 bytes (several absorbed blocks);
 *   up to 12 blocks are squeezed;
 * - then one line per mixed case, "lanes <rate0> .. <rate3> <in0> .. <in3>
 *   <out0> .. <out3> <in2'> <out2'>": pqf_shakex4_absorb_lane with a rate
 *   per lane (168 for SHAKE128, 136 for SHAKE256) and an input length per
 *   lane (below its rate), then squeezeblocks_lanes twice, the second time
 *   with lane 3's output NULL (out3 holds only the first call's blocks) and
 *   lane 2 restarted on a new input in2' (out2 holds the first call's
 *   blocks, out2' the second's, of in2').
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fips202.h"
#include "cpu.h"
#include "fips202x4.h"
#include "pqfence.h"

#define MAX_IN 700
#define MAX_BLOCKS 12
#define MAX_OUT (MAX_BLOCKS * PQF_SHAKE128_RATE)

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

static unsigned check_permutation(unsigned n) {
    uint64_t s[4 * 25], one[25];
    unsigned c, i, j, bad = 0;
    for (c = 0; c < n; c++) {
        uint64_t before[4 * 25];
        for (i = 0; i < 4 * 25; i++) {
            s[i] = prng();
        }
        memcpy(before, s, sizeof s);
        pqf_keccakx4_f1600(s);
        for (j = 0; j < 4; j++) {
            for (i = 0; i < 25; i++) {
                one[i] = before[4 * i + j];
            }
            pqf_keccak_f1600(one);
            for (i = 0; i < 25; i++) {
                if (one[i] != s[4 * i + j]) {
                    bad++;
                    break;
                }
            }
        }
    }
    return bad;
}

/* Each vector permutation the CPU can run against the scalar one, called
 * directly: on an AVX-512VL CPU the dispatcher never picks the AVX2 4-way
 * permutation, and this still checks it. */
static unsigned check_direct(unsigned n, int *avx2, int *avx512) {
    uint64_t s[4 * 25], v[4 * 25], one[25], z[25];
    unsigned c, i, j, bad = 0;
    uint32_t cpu = pqf_cpu_features();
    *avx2 = 0;
    *avx512 = 0;
#ifdef PQF_HAVE_KECCAKX4_AVX2
    *avx2 = (cpu & PQF_CPU_AVX2) != 0;
    *avx512 = (cpu & PQF_CPU_AVX512VL) != 0;
#endif
    for (c = 0; c < n; c++) {
        for (i = 0; i < 4 * 25; i++) {
            s[i] = prng();
        }
#ifdef PQF_HAVE_KECCAKX4_AVX2
        if (*avx2) {
            memcpy(v, s, sizeof s);
            pqf_keccakx4_f1600_avx2(v);
            for (j = 0; j < 4; j++) {
                for (i = 0; i < 25; i++) {
                    one[i] = s[4 * i + j];
                }
                pqf_keccak_f1600_portable(one);
                for (i = 0; i < 25; i++) {
                    bad += one[i] != v[4 * i + j];
                }
            }
        }
        if (*avx512) {
            memcpy(v, s, sizeof s);
            pqf_keccakx4_f1600_avx512vl(v);
            for (j = 0; j < 4; j++) {
                for (i = 0; i < 25; i++) {
                    one[i] = s[4 * i + j];
                    z[i] = s[4 * i + j];
                }
                pqf_keccak_f1600_portable(one);
                pqf_keccak_f1600_avx512vl(z);
                for (i = 0; i < 25; i++) {
                    bad += one[i] != v[4 * i + j];
                    bad += one[i] != z[i];
                }
            }
        }
#endif
    }
    (void)v;
    (void)one;
    (void)z;
    (void)j;
    return bad;
}

int main(int argc, char **argv) {
    static uint8_t in[4][MAX_IN], out[4][MAX_OUT];
    long cases, c;
    int want;
    if (argc != 4) {
        fprintf(stderr, "usage: keccakx4_cases <cases> <seed> portable|avx2|avx512\n");
        return 2;
    }
    cases = strtol(argv[1], NULL, 10);
    prng_state = strtoull(argv[2], NULL, 10) | 1;
    want = strcmp(argv[3], "avx512") == 0 ? PQF_BACKEND_AVX512
           : strcmp(argv[3], "avx2") == 0 ? PQF_BACKEND_AVX2
                                          : PQF_BACKEND_PORTABLE;
    if (pqf_backend_select(want) != want) {
        return 77;
    }
    printf("backend %d\n", pqf_backend());
    printf("perm 200 %u\n", check_permutation(200));
    {
        int avx2, avx512;
        unsigned bad = check_direct(200, &avx2, &avx512);
        printf("direct 200 %d %d %u\n", avx2, avx512, bad);
    }
    for (c = 0; c < cases; c++) {
        size_t inlen, outlen, i;
        unsigned j, kind = (unsigned)(c % 3);
        pqf_keccakx4_state st;
        inlen = prng() % 4 == 0 ? (size_t)(prng() % (MAX_IN + 1)) : (size_t)(prng() % 67);
        for (j = 0; j < 4; j++) {
            for (i = 0; i < inlen; i++) {
                in[j][i] = (uint8_t)prng();
            }
        }
        if (kind == 0) {
            size_t nblocks = (size_t)(prng() % (MAX_BLOCKS + 1));
            outlen = nblocks * PQF_SHAKE128_RATE;
            pqf_shake128x4_absorb_once(&st, in[0], in[1], in[2], in[3], inlen);
            pqf_shake128x4_squeezeblocks(out[0], out[1], out[2], out[3], nblocks, &st);
            pqf_keccakx4_wipe(&st);
            printf("128 %lu", (unsigned long)outlen);
        } else if (kind == 1) {
            size_t nblocks = (size_t)(prng() % (MAX_BLOCKS + 1));
            outlen = nblocks * PQF_SHAKE256_RATE;
            pqf_shake256x4_absorb_once(&st, in[0], in[1], in[2], in[3], inlen);
            /* in two calls, to check that squeezing resumes where it stopped */
            pqf_shake256x4_squeezeblocks(out[0], out[1], out[2], out[3], nblocks / 2, &st);
            i = (nblocks / 2) * PQF_SHAKE256_RATE;
            pqf_shake256x4_squeezeblocks(out[0] + i, out[1] + i, out[2] + i, out[3] + i,
                                         nblocks - nblocks / 2, &st);
            pqf_keccakx4_wipe(&st);
            printf("256 %lu", (unsigned long)outlen);
        } else {
            outlen = (size_t)(prng() % (MAX_OUT + 1));
            pqf_shake256x4(out[0], out[1], out[2], out[3], outlen, in[0], in[1], in[2],
                           in[3], inlen);
            printf("0 %lu", (unsigned long)outlen);
        }
        for (j = 0; j < 4; j++) {
            print_hex(in[j], inlen);
        }
        for (j = 0; j < 4; j++) {
            print_hex(out[j], outlen);
        }
        putchar('\n');
    }
    for (c = 0; c < cases / 3; c++) {
        pqf_keccakx4_state st;
        const uint8_t *ins[4];
        uint8_t *outs[4];
        static uint8_t in2[PQF_SHAKE128_RATE];
        size_t inlen[4], first = prng() % 4, second = prng() % 4, in2len, i;
        unsigned rate[4], j;
        for (j = 0; j < 4; j++) {
            rate[j] = prng() % 2 == 0 ? PQF_SHAKE128_RATE : PQF_SHAKE256_RATE;
            inlen[j] = (size_t)(prng() % rate[j]);
            for (i = 0; i < inlen[j]; i++) {
                in[j][i] = (uint8_t)prng();
            }
            ins[j] = in[j];
            outs[j] = out[j];
        }
        for (j = 0; j < 4; j++) {
            pqf_shakex4_absorb_lane(&st, j, rate[j], ins[j], inlen[j]);
        }
        pqf_shakex4_squeezeblocks_lanes(outs, rate, first, &st);
        for (j = 0; j < 4; j++) {
            outs[j] = out[j] + first * rate[j];
        }
        outs[3] = NULL;
        in2len = (size_t)(prng() % rate[2]);
        for (i = 0; i < in2len; i++) {
            in2[i] = (uint8_t)prng();
        }
        pqf_shakex4_absorb_lane(&st, 2, rate[2], in2, in2len);
        pqf_shakex4_squeezeblocks_lanes(outs, rate, second, &st);
        pqf_keccakx4_wipe(&st);
        printf("lanes");
        for (j = 0; j < 4; j++) {
            printf(" %u", rate[j]);
        }
        for (j = 0; j < 4; j++) {
            print_hex(in[j], inlen[j]);
        }
        for (j = 0; j < 4; j++) {
            print_hex(out[j], (j < 2 ? first + second : first) * rate[j]);
        }
        print_hex(in2, in2len);
        print_hex(out[2] + first * rate[2], second * rate[2]);
        putchar('\n');
    }
    return 0;
}

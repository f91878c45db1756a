/*
 * Four SHAKE computations side by side (fips202x4.h). The sponge logic here
 * is shared by both backends; only the permutation is dispatched: AVX2 runs
 * four lanes per vector instruction (when keccakx4_avx2.c exists), the portable path runs
 * pqf_keccak_f1600 on each state after gathering its lanes.
 */
#include "fips202x4.h"

#include "cpu.h"
#include "ct.h"
#include "fips202.h"

#define SHAKE_DS 0x1F

/* An AVX2 permutation (keccakx4_avx2.c) defines PQF_HAVE_KECCAKX4_AVX2 here
 * and declares pqf_keccakx4_f1600_avx2; without it every CPU runs the
 * portable path. */

static void f1600x4_portable(uint64_t s[4 * 25]) {
    uint64_t one[25];
    unsigned i, j;
    for (j = 0; j < 4; j++) {
        for (i = 0; i < 25; i++) {
            one[i] = s[4 * i + j];
        }
        pqf_keccak_f1600(one);
        for (i = 0; i < 25; i++) {
            s[4 * i + j] = one[i];
        }
    }
    pqf_wipe(one, sizeof one);
}

void pqf_keccakx4_f1600(uint64_t s[4 * 25]) {
#ifdef PQF_HAVE_KECCAKX4_AVX2
    if ((pqf_cpu_features() & PQF_CPU_AVX2) != 0) {
        pqf_keccakx4_f1600_avx2(s);
        return;
    }
#endif
    f1600x4_portable(s);
}

/* XORs byte b into byte position pos of lane-interleaved state j. */
static void xor_byte(uint64_t *s, unsigned j, size_t pos, uint8_t b) {
    s[4 * (pos / 8) + j] ^= (uint64_t)b << (8 * (pos % 8));
}

static void absorb_once(pqf_keccakx4_state *st, unsigned rate, const uint8_t *in0,
                        const uint8_t *in1, const uint8_t *in2, const uint8_t *in3,
                        size_t inlen) {
    const uint8_t *in[4];
    size_t off = 0, k;
    unsigned i, j;
    in[0] = in0;
    in[1] = in1;
    in[2] = in2;
    in[3] = in3;
    for (i = 0; i < 4 * 25; i++) {
        st->s[i] = 0;
    }
    while (inlen - off >= rate) {
        for (j = 0; j < 4; j++) {
            for (k = 0; k < rate; k++) {
                xor_byte(st->s, j, k, in[j][off + k]);
            }
        }
        pqf_keccakx4_f1600(st->s);
        off += rate;
    }
    for (j = 0; j < 4; j++) {
        for (k = 0; off + k < inlen; k++) {
            xor_byte(st->s, j, k, in[j][off + k]);
        }
        xor_byte(st->s, j, inlen - off, SHAKE_DS);
        xor_byte(st->s, j, rate - 1, 0x80);
    }
}

static void squeezeblocks(uint8_t *out0, uint8_t *out1, uint8_t *out2, uint8_t *out3,
                          size_t nblocks, unsigned rate, pqf_keccakx4_state *st) {
    uint8_t *out[4];
    size_t n, k;
    unsigned j;
    out[0] = out0;
    out[1] = out1;
    out[2] = out2;
    out[3] = out3;
    for (n = 0; n < nblocks; n++) {
        pqf_keccakx4_f1600(st->s);
        for (j = 0; j < 4; j++) {
            for (k = 0; k < rate; k++) {
                out[j][n * rate + k] = (uint8_t)(st->s[4 * (k / 8) + j] >> (8 * (k % 8)));
            }
        }
    }
}

void pqf_shake128x4_absorb_once(pqf_keccakx4_state *st, const uint8_t *in0,
                                const uint8_t *in1, const uint8_t *in2,
                                const uint8_t *in3, size_t inlen) {
    absorb_once(st, PQF_SHAKE128_RATE, in0, in1, in2, in3, inlen);
}

void pqf_shake256x4_absorb_once(pqf_keccakx4_state *st, const uint8_t *in0,
                                const uint8_t *in1, const uint8_t *in2,
                                const uint8_t *in3, size_t inlen) {
    absorb_once(st, PQF_SHAKE256_RATE, in0, in1, in2, in3, inlen);
}

void pqf_shake128x4_squeezeblocks(uint8_t *out0, uint8_t *out1, uint8_t *out2,
                                  uint8_t *out3, size_t nblocks,
                                  pqf_keccakx4_state *st) {
    squeezeblocks(out0, out1, out2, out3, nblocks, PQF_SHAKE128_RATE, st);
}

void pqf_shake256x4_squeezeblocks(uint8_t *out0, uint8_t *out1, uint8_t *out2,
                                  uint8_t *out3, size_t nblocks,
                                  pqf_keccakx4_state *st) {
    squeezeblocks(out0, out1, out2, out3, nblocks, PQF_SHAKE256_RATE, st);
}

void pqf_shake256x4(uint8_t *out0, uint8_t *out1, uint8_t *out2, uint8_t *out3,
                    size_t outlen, const uint8_t *in0, const uint8_t *in1,
                    const uint8_t *in2, const uint8_t *in3, size_t inlen) {
    pqf_keccakx4_state st;
    uint8_t tail[4][PQF_SHAKE256_RATE];
    size_t full = outlen / PQF_SHAKE256_RATE, rest = outlen % PQF_SHAKE256_RATE, k;
    pqf_shake256x4_absorb_once(&st, in0, in1, in2, in3, inlen);
    pqf_shake256x4_squeezeblocks(out0, out1, out2, out3, full, &st);
    if (rest != 0) {
        size_t at = full * PQF_SHAKE256_RATE;
        pqf_shake256x4_squeezeblocks(tail[0], tail[1], tail[2], tail[3], 1, &st);
        for (k = 0; k < rest; k++) {
            out0[at + k] = tail[0][k];
            out1[at + k] = tail[1][k];
            out2[at + k] = tail[2][k];
            out3[at + k] = tail[3][k];
        }
        pqf_wipe(tail, sizeof tail);
    }
    pqf_keccakx4_wipe(&st);
}

void pqf_keccakx4_wipe(pqf_keccakx4_state *st) {
    pqf_wipe(st, sizeof *st);
}

/*
 * Four SHAKE computations side by side (fips202x4.h). The sponge logic here
 * is shared by both backends; only the permutation is dispatched: with AVX2
 * (pqf_cpu_features) keccakx4_avx2.c runs the four states in the lanes of
 * each vector instruction (keccakx4_avx512.c, the same with AVX-512VL's
 * rotate and three-input logic, where the CPU also has AVX-512VL), and the
 * portable path runs pqf_keccak_f1600 on
 * each state after gathering its lanes. Positions and lengths are public;
 * nothing branches on or is indexed by the data.
 */
#include "fips202x4.h"

#include <string.h>

#include "cpu.h"
#include "ct.h"
#include "fips202.h"

#define SHAKE_DS 0x1F

/*
 * Byte order, as in keccak.c: FIPS 202 reads a byte string into lanes
 * little-endian (section B.1), so where the compiler promises a
 * little-endian machine a lane is moved with one 8-byte memcpy, and anywhere
 * else with shifts, correct on every machine. PQF_KECCAK_PORTABLE_BYTES
 * forces the shifts (tests/python/test_keccak_c.py builds both).
 */
#if !defined(PQF_KECCAK_PORTABLE_BYTES) && defined(__BYTE_ORDER__) &&       \
    defined(__ORDER_LITTLE_ENDIAN__) &&                                        \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define PQF_KECCAKX4_LE 1
#endif

static uint64_t load64_le(const uint8_t *p) {
#ifdef PQF_KECCAKX4_LE
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    return (uint64_t)p[0] | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) |
           ((uint64_t)p[3] << 24) | ((uint64_t)p[4] << 32) |
           ((uint64_t)p[5] << 40) | ((uint64_t)p[6] << 48) |
           ((uint64_t)p[7] << 56);
#endif
}

static void store64_le(uint8_t *p, uint64_t v) {
#ifdef PQF_KECCAKX4_LE
    memcpy(p, &v, 8);
#else
    unsigned k;
    for (k = 0; k < 8; k++) {
        p[k] = (uint8_t)(v >> (8 * k));
    }
#endif
}

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
    uint32_t cpu = pqf_cpu_features();
    if ((cpu & PQF_CPU_AVX2) != 0) {
        if ((cpu & PQF_CPU_AVX512VL) != 0) {
            pqf_keccakx4_f1600_avx512vl(s);
        } else {
            pqf_keccakx4_f1600_avx2(s);
        }
        return;
    }
#endif
    f1600x4_portable(s);
}

/* XORs len < 8 bytes of in into lane `lane` of state j, from its byte 0 on. */
static void xor_tail(uint64_t *s, unsigned lane, unsigned j, const uint8_t *in,
                     size_t len) {
    uint64_t v = 0;
    size_t k;
    for (k = 0; k < len; k++) {
        v |= (uint64_t)in[k] << (8 * k);
    }
    s[4 * lane + j] ^= v;
}

/* FIPS 202 Algorithm 8 (SPONGE), absorbing, on four inputs of one length:
 * whole lanes with 8-byte loads, then the last partial lane, the domain
 * byte and pad10*1 (section 5.1 and B.2). */
static void absorb_once(pqf_keccakx4_state *st, unsigned rate, const uint8_t *in0,
                        const uint8_t *in1, const uint8_t *in2, const uint8_t *in3,
                        size_t inlen) {
    const uint8_t *in[4];
    size_t off = 0;
    unsigned i, j, lanes;
    in[0] = in0;
    in[1] = in1;
    in[2] = in2;
    in[3] = in3;
    for (i = 0; i < 4 * 25; i++) {
        st->s[i] = 0;
    }
    while (inlen - off >= rate) {
        for (i = 0; i < rate / 8; i++) {
            for (j = 0; j < 4; j++) {
                st->s[4 * i + j] ^= load64_le(in[j] + off + 8 * i);
            }
        }
        pqf_keccakx4_f1600(st->s);
        off += rate;
    }
    lanes = (unsigned)((inlen - off) / 8);
    for (i = 0; i < lanes; i++) {
        for (j = 0; j < 4; j++) {
            st->s[4 * i + j] ^= load64_le(in[j] + off + 8 * i);
        }
    }
    off += 8 * (size_t)lanes;
    for (j = 0; j < 4; j++) {
        xor_tail(st->s, lanes, j, in[j] + off, inlen - off);
        st->s[4 * lanes + j] ^= (uint64_t)SHAKE_DS << (8 * (inlen - off));
        st->s[4 * (rate / 8 - 1) + j] ^= (uint64_t)0x80 << 56;
    }
}

/* Lanes 0..nlanes-1 of state j to out[j], little-endian: with AVX2 by 4 x 4
 * transposes (keccakx4_avx2.c), else lane by lane. */
static void extract(uint8_t *const out[4], const uint64_t s[4 * 25], unsigned nlanes) {
    unsigned i, j;
#ifdef PQF_HAVE_KECCAKX4_AVX2
    if ((pqf_cpu_features() & PQF_CPU_AVX2) != 0) {
        pqf_keccakx4_extract_avx2(out, s, nlanes);
        return;
    }
#endif
    for (j = 0; j < 4; j++) {
        for (i = 0; i < nlanes; i++) {
            store64_le(out[j] + 8 * i, s[4 * i + j]);
        }
    }
}

/* FIPS 202 Algorithm 8, squeezing: permute, then write the rate's lanes of
 * each state to its output (rate is a multiple of 8). */
static void squeezeblocks(uint8_t *out0, uint8_t *out1, uint8_t *out2, uint8_t *out3,
                          size_t nblocks, unsigned rate, pqf_keccakx4_state *st) {
    uint8_t *out[4];
    size_t n;
    unsigned j;
    out[0] = out0;
    out[1] = out1;
    out[2] = out2;
    out[3] = out3;
    for (n = 0; n < nblocks; n++) {
        pqf_keccakx4_f1600(st->s);
        extract(out, st->s, rate / 8);
        for (j = 0; j < 4; j++) {
            out[j] += rate;
        }
    }
}

/* FIPS 202 Algorithm 8, absorbing one padded block into lane j alone
 * (inlen < rate, rate a multiple of 8): its 25 words start from zero. */
void pqf_shakex4_absorb_lane(pqf_keccakx4_state *st, unsigned j, unsigned rate,
                             const uint8_t *in, size_t inlen) {
    unsigned i, lanes = (unsigned)(inlen / 8);
    size_t off = 8 * (size_t)lanes;
    for (i = 0; i < 25; i++) {
        st->s[4 * i + j] = 0;
    }
    for (i = 0; i < lanes; i++) {
        st->s[4 * i + j] = load64_le(in + 8 * i);
    }
    xor_tail(st->s, lanes, j, in + off, inlen - off);
    st->s[4 * lanes + j] ^= (uint64_t)SHAKE_DS << (8 * (inlen - off));
    st->s[4 * (rate / 8 - 1) + j] ^= (uint64_t)0x80 << 56;
}

/* FIPS 202 Algorithm 8, squeezing: permute, then write the first rate[j]
 * bytes of lane j to out[j] (skipped when NULL), for each block. */
void pqf_shakex4_squeezeblocks_lanes(uint8_t *const out[4], const unsigned rate[4],
                                     size_t nblocks, pqf_keccakx4_state *st) {
    size_t n;
    unsigned i, j;
    for (n = 0; n < nblocks; n++) {
        pqf_keccakx4_f1600(st->s);
        for (j = 0; j < 4; j++) {
            if (out[j] == NULL) { /* which lanes are wanted: public */
                continue;
            }
            for (i = 0; i < rate[j] / 8; i++) {
                store64_le(out[j] + n * rate[j] + 8 * i, st->s[4 * i + j]);
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

/* Overwrites the stack below the caller's frame, where the absorb, squeeze
 * and permutation frames were: the AVX2 permutation holds 50 vectors of
 * state in 16 registers, so the compiler spills lanes (copies of a secret
 * seed while it is absorbed), and the portable path's one[25] is a local
 * too. 4 KiB covers those frames with a margin (as keccak.c's 2 KiB does
 * the scalar one's). */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static void burn_stack(void) {
    uint8_t buf[4096];
    pqf_wipe(buf, sizeof buf);
}

void pqf_keccakx4_wipe(pqf_keccakx4_state *st) {
    pqf_wipe(st, sizeof *st);
    burn_stack();
}

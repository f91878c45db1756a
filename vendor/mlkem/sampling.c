/*
 * FIPS 203 Algorithms 7 and 8. SampleNTT runs its own SHAKE128 sponge over
 * pqf_keccak_f1600 (FIPS 202): its input always fits one block, and squeezing
 * whole blocks straight from the lanes avoids the byte-level bookkeeping of the
 * general interface.
 */
#include "sampling.h"

#include <string.h>

#include "ct.h"
#include "fips202.h"

/* SampleNTT draws three SHAKE128 blocks at once: 336 candidates for 256 slots,
 * each accepted with probability q / 4096 (about 0.81), which is almost always
 * enough; further blocks are squeezed one at a time. */
#define PQF_MLKEM_XOF_FIRST_BLOCKS 3
#define PQF_MLKEM_XOF_LANES (PQF_SHAKE128_RATE / 8)

static uint64_t load64_le(const uint8_t *p) {
    return (uint64_t)p[0] | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) |
           ((uint64_t)p[3] << 24) | ((uint64_t)p[4] << 32) | ((uint64_t)p[5] << 40) |
           ((uint64_t)p[6] << 48) | ((uint64_t)p[7] << 56);
}

/* SHAKE128 absorbing the 34-byte input rho || b0 || b1 in one block: FIPS 202
 * padding appends the SHAKE domain bits 1111 then pad10*1 (byte 0x1F after the
 * message, 0x80 in the last byte of the 168-byte block). */
static void xof_absorb(uint64_t s[25], const uint8_t rho[PQF_MLKEM_SYM_BYTES], uint8_t b0,
                       uint8_t b1) {
    unsigned i;
    for (i = 0; i < 25; i++) {
        s[i] = 0;
    }
    for (i = 0; i < PQF_MLKEM_SYM_BYTES / 8; i++) {
        s[i] = load64_le(rho + 8 * i);
    }
    s[PQF_MLKEM_SYM_BYTES / 8] = (uint64_t)b0 | ((uint64_t)b1 << 8) | ((uint64_t)0x1F << 16);
    s[PQF_MLKEM_XOF_LANES - 1] ^= (uint64_t)0x80 << 56;
}

/* Squeeze one 168-byte block: permute, then write the rate lanes little-endian
 * (a plain copy on little-endian targets). */
static void xof_squeeze_block(uint8_t out[PQF_SHAKE128_RATE], uint64_t s[25]) {
    pqf_keccak_f1600(s);
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(out, s, PQF_SHAKE128_RATE);
#else
    {
        unsigned i, j;
        for (i = 0; i < PQF_MLKEM_XOF_LANES; i++) {
            for (j = 0; j < 8; j++) {
                out[8 * i + j] = (uint8_t)(s[i] >> (8 * j));
            }
        }
    }
#endif
}

/*
 * Algorithm 7, lines 5-13: split each 3 bytes into two 12-bit candidates d1, d2
 * and keep those below q, appending to c[n..]. Returns the new count. The data
 * is public (it depends on rho only), so acceptance may branch. While there is
 * room for two more values the loop stores both candidates unconditionally and
 * advances only past accepted ones; the tail checks each slot.
 */
static unsigned rej_uniform(int16_t *c, unsigned n, const uint8_t *buf, size_t len) {
    const uint8_t *p = buf, *end = buf + len;
    while (end - p >= 3 && n + 2 <= PQF_MLKEM_N) {
        uint32_t w = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16);
        uint32_t d1 = w & 0xFFF, d2 = w >> 12;
        p += 3;
        c[n] = (int16_t)d1;
        n += (d1 < PQF_MLKEM_Q);
        c[n] = (int16_t)d2;
        n += (d2 < PQF_MLKEM_Q);
    }
    while (end - p >= 3 && n < PQF_MLKEM_N) {
        uint32_t w = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16);
        uint32_t d1 = w & 0xFFF, d2 = w >> 12;
        p += 3;
        if (d1 < PQF_MLKEM_Q) {
            c[n++] = (int16_t)d1;
        }
        if (d2 < PQF_MLKEM_Q && n < PQF_MLKEM_N) {
            c[n++] = (int16_t)d2;
        }
    }
    return n;
}

/* FIPS 203 Algorithm 7: SampleNTT(rho || b0 || b1), XOF = SHAKE128. */
void pqf_mlkem_sample_ntt(pqf_mlkem_poly *a, const uint8_t rho[PQF_MLKEM_SYM_BYTES],
                          uint8_t b0, uint8_t b1) {
    uint8_t buf[PQF_MLKEM_XOF_FIRST_BLOCKS * PQF_SHAKE128_RATE];
    uint64_t s[25];
    unsigned i, n;

    xof_absorb(s, rho, b0, b1);
    for (i = 0; i < PQF_MLKEM_XOF_FIRST_BLOCKS; i++) {
        xof_squeeze_block(buf + i * PQF_SHAKE128_RATE, s);
    }
    n = rej_uniform(a->c, 0, buf, sizeof(buf));
    while (n < PQF_MLKEM_N) {
        xof_squeeze_block(buf, s);
        n = rej_uniform(a->c, n, buf, PQF_SHAKE128_RATE);
    }
}

static uint32_t load24_le(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16);
}

/*
 * SamplePolyCBD_2: coefficient i is (b[4i] + b[4i+1]) - (b[4i+2] + b[4i+3]), so
 * each byte gives two coefficients. Adding the even and odd bits of the byte
 * forms the four 2-bit pair sums at once.
 */
static void cbd2(pqf_mlkem_poly *r, const uint8_t buf[128]) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N / 2; i++) {
        uint32_t t = (uint32_t)(buf[i] & 0x55) + (uint32_t)((buf[i] >> 1) & 0x55);
        r->c[2 * i] = (int16_t)((int16_t)(t & 3) - (int16_t)((t >> 2) & 3));
        r->c[2 * i + 1] = (int16_t)((int16_t)((t >> 4) & 3) - (int16_t)((t >> 6) & 3));
    }
}

/*
 * SamplePolyCBD_3: coefficient i is the sum of bits 6i..6i+2 minus the sum of
 * bits 6i+3..6i+5, so 3 bytes give four coefficients; three shifted masks form
 * the eight 3-bit triple sums at once.
 */
static void cbd3(pqf_mlkem_poly *r, const uint8_t buf[192]) {
    unsigned i, j;
    for (i = 0; i < PQF_MLKEM_N / 4; i++) {
        uint32_t w = load24_le(buf + 3 * i);
        uint32_t t = (w & 0x249249u) + ((w >> 1) & 0x249249u) + ((w >> 2) & 0x249249u);
        for (j = 0; j < 4; j++) {
            int16_t x = (int16_t)((t >> (6 * j)) & 7);
            int16_t y = (int16_t)((t >> (6 * j + 3)) & 7);
            r->c[4 * i + j] = (int16_t)(x - y);
        }
    }
}

/* FIPS 203 Algorithm 8: SamplePolyCBD_eta(PRF_eta(s, n)). */
void pqf_mlkem_sample_cbd_prf(pqf_mlkem_poly *r, const uint8_t s[PQF_MLKEM_SYM_BYTES],
                              uint8_t n, unsigned eta) {
    uint8_t in[PQF_MLKEM_SYM_BYTES + 1];
    uint8_t buf[64 * 3];
    unsigned i;

    for (i = 0; i < PQF_MLKEM_SYM_BYTES; i++) {
        in[i] = s[i];
    }
    in[PQF_MLKEM_SYM_BYTES] = n;
    pqf_shake256(buf, 64 * eta, in, sizeof(in));
    if (eta == 3) {
        cbd3(r, buf);
    } else {
        cbd2(r, buf);
    }
    pqf_wipe(in, sizeof(in));
    pqf_wipe(buf, 64 * eta);
}

/*
 * FIPS 203 Algorithms 7 and 8, with the XOF (SHAKE128) and PRF (SHAKE256) of
 * section 4.1.
 *
 * Both hash inputs here are short (34 and 33 bytes), so they fit one block: the
 * sponge is run directly over pqf_keccak_f1600 (FIPS 202), absorbing in one step
 * and squeezing whole blocks straight from the lanes, without the byte-level
 * bookkeeping of the general interface.
 */
#include "sampling.h"

#include <string.h>

#include "ct.h"
#include "fips202.h"

/* SampleNTT draws three SHAKE128 blocks at once: 336 candidates for 256 slots,
 * each accepted with probability q / 4096 (about 0.81), which is almost always
 * enough; further blocks are squeezed one at a time. */
#define PQF_MLKEM_XOF_FIRST_BLOCKS 3

/*
 * SHAKE128/256 absorbing seed || suffix, a 32-byte seed followed by 1 or 2
 * bytes, in one block (rate in bytes). FIPS 202 padding appends the SHAKE suffix
 * bits 1111 and pad10*1: the byte 0x1F right after the message and 0x80 in the
 * last byte of the block.
 */
static void shake_absorb_seed(uint64_t s[25], unsigned rate,
                              const uint8_t seed[PQF_MLKEM_SYM_BYTES], const uint8_t *suffix,
                              unsigned suffixlen) {
    unsigned i;
    for (i = 0; i < 25; i++) {
        s[i] = 0;
    }
    for (i = 0; i < PQF_MLKEM_SYM_BYTES; i++) {
        s[i / 8] |= (uint64_t)seed[i] << (8 * (i % 8));
    }
    for (i = 0; i < suffixlen; i++) {
        s[PQF_MLKEM_SYM_BYTES / 8] |= (uint64_t)suffix[i] << (8 * i);
    }
    s[PQF_MLKEM_SYM_BYTES / 8] |= (uint64_t)0x1F << (8 * suffixlen);
    s[(rate - 1) / 8] |= (uint64_t)0x80 << 56;
}

#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The state's bytes in FIPS 202 order are its memory bytes. */
#define PQF_MLKEM_LITTLE_ENDIAN 1
#endif

/* Squeeze n <= rate bytes: permute, then write the first n bytes of the state
 * (its lanes little-endian). */
static void shake_squeeze_block(uint8_t *out, uint64_t s[25], unsigned n) {
    pqf_keccak_f1600(s);
#ifdef PQF_MLKEM_LITTLE_ENDIAN
    memcpy(out, s, n);
#else
    {
        unsigned i;
        for (i = 0; i < n; i++) {
            out[i] = (uint8_t)(s[i / 8] >> (8 * (i % 8)));
        }
    }
#endif
}

/*
 * Algorithm 7, lines 5-13: split each 3 bytes into two 12-bit candidates d1, d2
 * and keep those below q, appending to c[n..]. Returns the new count. The data
 * is public (it depends on rho only), so acceptance may branch. While there is
 * room for four more values the loop takes 6 bytes (4 candidates) at a time,
 * stores every candidate and advances only past accepted ones; the tail checks
 * each slot.
 */
static unsigned rej_uniform(int16_t *restrict c, unsigned n, const uint8_t *restrict buf,
                            size_t len) {
    const uint8_t *p = buf, *end = buf + len;
    while (end - p >= 6 && n + 4 <= PQF_MLKEM_N) {
        uint64_t w = (uint64_t)p[0] | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) |
                     ((uint64_t)p[3] << 24) | ((uint64_t)p[4] << 32) | ((uint64_t)p[5] << 40);
        uint32_t d1 = (uint32_t)w & 0xFFF, d2 = (uint32_t)(w >> 12) & 0xFFF;
        uint32_t d3 = (uint32_t)(w >> 24) & 0xFFF, d4 = (uint32_t)(w >> 36) & 0xFFF;
        p += 6;
        c[n] = (int16_t)d1;
        n += (d1 < PQF_MLKEM_Q);
        c[n] = (int16_t)d2;
        n += (d2 < PQF_MLKEM_Q);
        c[n] = (int16_t)d3;
        n += (d3 < PQF_MLKEM_Q);
        c[n] = (int16_t)d4;
        n += (d4 < PQF_MLKEM_Q);
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
    const uint8_t suffix[2] = {b0, b1};
    uint8_t buf[PQF_MLKEM_XOF_FIRST_BLOCKS * PQF_SHAKE128_RATE];
    uint64_t s[25];
    unsigned i, n;

    shake_absorb_seed(s, PQF_SHAKE128_RATE, rho, suffix, 2);
    for (i = 0; i < PQF_MLKEM_XOF_FIRST_BLOCKS; i++) {
        shake_squeeze_block(buf + i * PQF_SHAKE128_RATE, s, PQF_SHAKE128_RATE);
    }
    n = rej_uniform(a->c, 0, buf, sizeof(buf));
    while (n < PQF_MLKEM_N) {
        shake_squeeze_block(buf, s, PQF_SHAKE128_RATE);
        n = rej_uniform(a->c, n, buf, PQF_SHAKE128_RATE);
    }
}

/*
 * SamplePolyCBD_2 (Algorithm 8, eta = 2): coefficient i is
 * (b[4i] + b[4i+1]) - (b[4i+2] + b[4i+3]), so each byte gives two. Adding the
 * even and odd bits of the byte forms its four 2-bit pair sums x0, y0, x1, y1;
 * then (x + 4) - y per nibble cannot borrow. cbd2_byte returns the two nibbles
 * x0 - y0 + 4 and x1 - y1 + 4.
 */
static inline uint32_t cbd2_byte(uint32_t b) {
    uint32_t t = (b & 0x55) + ((b >> 1) & 0x55);
    return (t & 0x33) + 0x44 - ((t >> 2) & 0x33);
}

/* r = SamplePolyCBD_2(buf), or r += it when add is nonzero. */
static void cbd2(pqf_mlkem_poly *restrict r, const uint8_t *restrict buf, int add) {
    unsigned i;
    if (add) {
        for (i = 0; i < PQF_MLKEM_N / 2; i++) {
            uint32_t d = cbd2_byte(buf[i]);
            r->c[2 * i] = (int16_t)(r->c[2 * i] + (int16_t)(d & 0xF) - 4);
            r->c[2 * i + 1] = (int16_t)(r->c[2 * i + 1] + (int16_t)(d >> 4) - 4);
        }
    } else {
        for (i = 0; i < PQF_MLKEM_N / 2; i++) {
            uint32_t d = cbd2_byte(buf[i]);
            r->c[2 * i] = (int16_t)((int16_t)(d & 0xF) - 4);
            r->c[2 * i + 1] = (int16_t)((int16_t)(d >> 4) - 4);
        }
    }
}

/*
 * SamplePolyCBD_3 (eta = 3): coefficient i is the sum of bits 6i..6i+2 minus
 * the sum of bits 6i+3..6i+5, so 3 bytes give four; three shifted masks form
 * the eight 3-bit triple sums at once. Stored, or added when add is nonzero.
 */
static void cbd3(pqf_mlkem_poly *restrict r, const uint8_t *restrict buf, int add) {
    unsigned i, j;
    for (i = 0; i < PQF_MLKEM_N / 4; i++) {
        uint32_t w = (uint32_t)buf[3 * i] | ((uint32_t)buf[3 * i + 1] << 8) |
                     ((uint32_t)buf[3 * i + 2] << 16);
        uint32_t t = (w & 0x249249u) + ((w >> 1) & 0x249249u) + ((w >> 2) & 0x249249u);
        for (j = 0; j < 4; j++) {
            int16_t x = (int16_t)((t >> (6 * j)) & 7);
            int16_t y = (int16_t)((t >> (6 * j + 3)) & 7);
            int16_t c = (int16_t)(x - y);
            r->c[4 * i + j] = add ? (int16_t)(r->c[4 * i + j] + c) : c;
        }
    }
}

/*
 * FIPS 203 Algorithm 8 on PRF_eta(s, n) = SHAKE256(s || n, 64 eta) (eq. 4.3).
 * For eta = 2 the 128 output bytes are the first bytes of the state after one
 * permutation; on little-endian targets they are read in place, so the state is
 * the only secret buffer to wipe.
 */
static void cbd_prf(pqf_mlkem_poly *r, const uint8_t s[PQF_MLKEM_SYM_BYTES], uint8_t n,
                    unsigned eta, int add) {
    uint64_t st[25];
    shake_absorb_seed(st, PQF_SHAKE256_RATE, s, &n, 1);
#ifdef PQF_MLKEM_LITTLE_ENDIAN
    if (eta == 2) {
        pqf_keccak_f1600(st);
        cbd2(r, (const uint8_t *)st, add);
        pqf_wipe(st, sizeof(st));
        return;
    }
#endif
    {
        uint8_t buf[64 * 3];
        const unsigned len = 64 * eta;
        const unsigned first = len < PQF_SHAKE256_RATE ? len : PQF_SHAKE256_RATE;
        shake_squeeze_block(buf, st, first);
        if (len > first) {
            shake_squeeze_block(buf + first, st, len - first);
        }
        if (eta == 3) {
            cbd3(r, buf, add);
        } else {
            cbd2(r, buf, add);
        }
        pqf_wipe(buf, len);
        pqf_wipe(st, sizeof(st));
    }
}

void pqf_mlkem_sample_cbd_prf(pqf_mlkem_poly *r, const uint8_t s[PQF_MLKEM_SYM_BYTES],
                              uint8_t n, unsigned eta) {
    cbd_prf(r, s, n, eta, 0);
}

void pqf_mlkem_add_cbd_prf(pqf_mlkem_poly *r, const uint8_t s[PQF_MLKEM_SYM_BYTES],
                           uint8_t n, unsigned eta) {
    cbd_prf(r, s, n, eta, 1);
}

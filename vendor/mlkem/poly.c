/*
 * FIPS 203 section 4.2.1: ByteEncode_d / ByteDecode_d (Algorithms 5 and 6) and
 * Compress_d / Decompress_d.
 *
 * Compress_d(x) = round(2^d x / q) mod 2^d is computed as
 * floor((2^d x + (q-1)/2) / q) mod 2^d (q is odd, so there are no ties), and the
 * division by q is a multiplication by ceil(2^33 / q) followed by a shift, exact
 * for every numerator that occurs here (below 2^11 q). Nothing in this file
 * branches on, indexes with, or divides a coefficient.
 */
#include "poly.h"

#include "ct.h"
#include "reduce.h"

/* ceil(2^33 / q): floor(y / q) == (y * PQF_MLKEM_DIVQ_M) >> 33 for y < 2^23. */
#define PQF_MLKEM_DIVQ_M 2580335u
#define PQF_MLKEM_DIVQ_SHIFT 33

/* Compress_d for x in [0, q), 1 <= d <= 11. */
static inline uint16_t compress_d(int16_t x, unsigned d) {
    uint64_t y = ((uint64_t)(uint16_t)x << d) + (PQF_MLKEM_Q - 1) / 2;
    return (uint16_t)(((y * PQF_MLKEM_DIVQ_M) >> PQF_MLKEM_DIVQ_SHIFT) & ((1u << d) - 1));
}

/* Decompress_d(y) = round(q y / 2^d) for y < 2^d (2^d divides no q y, so
 * adding 2^(d-1) then shifting rounds half up as the standard does). */
static inline int16_t decompress_d(uint16_t y, unsigned d) {
    return (int16_t)(((uint32_t)y * PQF_MLKEM_Q + (1u << (d - 1))) >> d);
}

/*
 * FIPS 203 Algorithm 5 applied to Compress_d(a): ByteEncode_d(Compress_d(a)) for
 * d <= 11, values packed least significant bit first. Each group of 8 values
 * fills exactly d bytes, so the packing pattern is fixed per group.
 */
static inline void compress_encode(uint8_t *out, const pqf_mlkem_poly *a, unsigned d) {
    unsigned g, k;
    for (g = 0; g < PQF_MLKEM_N / 8; g++) {
        uint32_t acc = 0;
        unsigned bits = 0;
        for (k = 0; k < 8; k++) {
            acc |= (uint32_t)compress_d(a->c[8 * g + k], d) << bits;
            bits += d;
            while (bits >= 8) {
                *out++ = (uint8_t)acc;
                acc >>= 8;
                bits -= 8;
            }
        }
    }
}

/* FIPS 203 Algorithm 6 followed by Decompress_d: Decompress_d(ByteDecode_d(in))
 * for d <= 11 (no reduction mod q is needed below 12 bits). */
static inline void decode_decompress(pqf_mlkem_poly *r, const uint8_t *in, unsigned d) {
    const uint32_t mask = (1u << d) - 1;
    unsigned g, k;
    for (g = 0; g < PQF_MLKEM_N / 8; g++) {
        uint32_t acc = 0;
        unsigned bits = 0;
        for (k = 0; k < 8; k++) {
            while (bits < d) {
                acc |= (uint32_t)*in++ << bits;
                bits += 8;
            }
            r->c[8 * g + k] = decompress_d((uint16_t)(acc & mask), d);
            acc >>= d;
            bits -= d;
        }
    }
}

void pqf_mlkem_poly_encode12(uint8_t out[PQF_MLKEM_POLY12_BYTES], const pqf_mlkem_poly *a) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N / 2; i++) {
        uint16_t x0 = (uint16_t)a->c[2 * i], x1 = (uint16_t)a->c[2 * i + 1];
        out[3 * i] = (uint8_t)x0;
        out[3 * i + 1] = (uint8_t)((x0 >> 8) | (x1 << 4));
        out[3 * i + 2] = (uint8_t)(x1 >> 4);
    }
}

void pqf_mlkem_poly_decode12(pqf_mlkem_poly *r, const uint8_t in[PQF_MLKEM_POLY12_BYTES]) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N / 2; i++) {
        uint16_t b0 = in[3 * i], b1 = in[3 * i + 1], b2 = in[3 * i + 2];
        /* 12-bit values are below 2q: one masked subtraction reduces mod q. */
        r->c[2 * i] = pqf_mlkem_csubq((int16_t)(b0 | ((b1 & 0x0F) << 8)));
        r->c[2 * i + 1] = pqf_mlkem_csubq((int16_t)((b1 >> 4) | (b2 << 4)));
    }
}

int pqf_mlkem_poly_check12(const uint8_t in[PQF_MLKEM_POLY12_BYTES]) {
    uint32_t bad = 0;
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N / 2; i++) {
        uint32_t b0 = in[3 * i], b1 = in[3 * i + 1], b2 = in[3 * i + 2];
        uint32_t x0 = b0 | ((b1 & 0x0F) << 8), x1 = (b1 >> 4) | (b2 << 4);
        /* (q - 1 - x) wraps to a value with the top bit set exactly when x >= q */
        bad |= ((uint32_t)(PQF_MLKEM_Q - 1) - x0) | ((uint32_t)(PQF_MLKEM_Q - 1) - x1);
    }
    return (int)(bad >> 31);
}

void pqf_mlkem_poly_compress_du(uint8_t out[PQF_MLKEM_POLY_DU_BYTES], const pqf_mlkem_poly *a) {
    compress_encode(out, a, PQF_MLKEM_DU);
}

void pqf_mlkem_poly_compress_dv(uint8_t out[PQF_MLKEM_POLY_DV_BYTES], const pqf_mlkem_poly *a) {
    compress_encode(out, a, PQF_MLKEM_DV);
}

void pqf_mlkem_poly_decompress_du(pqf_mlkem_poly *r, const uint8_t in[PQF_MLKEM_POLY_DU_BYTES]) {
    decode_decompress(r, in, PQF_MLKEM_DU);
}

void pqf_mlkem_poly_decompress_dv(pqf_mlkem_poly *r, const uint8_t in[PQF_MLKEM_POLY_DV_BYTES]) {
    decode_decompress(r, in, PQF_MLKEM_DV);
}

void pqf_mlkem_poly_frommsg(pqf_mlkem_poly *r, const uint8_t m[PQF_MLKEM_SYM_BYTES]) {
    unsigned i, j;
    for (i = 0; i < PQF_MLKEM_SYM_BYTES; i++) {
        for (j = 0; j < 8; j++) {
            /* all-ones when the message bit is set; the barrier keeps the
             * compiler from turning the select into a branch */
            uint32_t mask = pqf_value_barrier_u32(0u - (uint32_t)((m[i] >> j) & 1u));
            r->c[8 * i + j] = (int16_t)(mask & ((PQF_MLKEM_Q + 1) / 2));
        }
    }
}

void pqf_mlkem_poly_tomsg(uint8_t m[PQF_MLKEM_SYM_BYTES], const pqf_mlkem_poly *a) {
    unsigned i, j;
    for (i = 0; i < PQF_MLKEM_SYM_BYTES; i++) {
        uint32_t byte = 0;
        for (j = 0; j < 8; j++) {
            byte |= (uint32_t)compress_d(a->c[8 * i + j], 1) << j;
        }
        m[i] = (uint8_t)byte;
    }
}

void pqf_mlkem_poly_add(pqf_mlkem_poly *r, const pqf_mlkem_poly *a, const pqf_mlkem_poly *b) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i++) {
        r->c[i] = (int16_t)(a->c[i] + b->c[i]);
    }
}

void pqf_mlkem_poly_sub(pqf_mlkem_poly *r, const pqf_mlkem_poly *a, const pqf_mlkem_poly *b) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i++) {
        r->c[i] = (int16_t)(a->c[i] - b->c[i]);
    }
}

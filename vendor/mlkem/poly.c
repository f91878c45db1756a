/*
 * FIPS 203 section 4.2.1: ByteEncode_d / ByteDecode_d (Algorithms 5 and 6) and
 * Compress_d / Decompress_d (equations 4.7 and 4.8).
 *
 * Compress_d(x) = round(2^d x / q) mod 2^d is computed as
 * floor((2^d x + (q-1)/2) / q) mod 2^d (q is odd, so there are no ties), and the
 * division by q is a multiplication by ceil(2^33 / q) followed by a shift, exact
 * for every numerator that occurs here (below 2^23). Nothing in this file
 * branches on, indexes with, or divides a coefficient.
 *
 * Packing: ByteEncode_d writes the d bits of each value least significant bit
 * first, so 8 values always fill exactly d bytes. Each group of 8 is handled as
 * two halves of 4 values (4d <= 48 bits) held in 64-bit words.
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

/* Decompress_d(y) = round(q y / 2^d) = floor((q y + 2^(d-1)) / 2^d), rounding
 * halves up as the standard's rounding does. */
static inline int16_t decompress_d(uint16_t y, unsigned d) {
    return (int16_t)(((uint32_t)y * PQF_MLKEM_Q + (1u << (d - 1))) >> d);
}

/* Little-endian load / store of n <= 8 bytes; n is a constant at every call, so
 * the tests fold away (written out because loops this short are not always
 * unrolled). */
static inline uint64_t load_le(const uint8_t *p, unsigned n) {
    uint64_t w = 0;
    if (n > 0) w |= (uint64_t)p[0];
    if (n > 1) w |= (uint64_t)p[1] << 8;
    if (n > 2) w |= (uint64_t)p[2] << 16;
    if (n > 3) w |= (uint64_t)p[3] << 24;
    if (n > 4) w |= (uint64_t)p[4] << 32;
    if (n > 5) w |= (uint64_t)p[5] << 40;
    if (n > 6) w |= (uint64_t)p[6] << 48;
    if (n > 7) w |= (uint64_t)p[7] << 56;
    return w;
}

static inline void store_le(uint8_t *p, uint64_t w, unsigned n) {
    if (n > 0) p[0] = (uint8_t)w;
    if (n > 1) p[1] = (uint8_t)(w >> 8);
    if (n > 2) p[2] = (uint8_t)(w >> 16);
    if (n > 3) p[3] = (uint8_t)(w >> 24);
    if (n > 4) p[4] = (uint8_t)(w >> 32);
    if (n > 5) p[5] = (uint8_t)(w >> 40);
    if (n > 6) p[6] = (uint8_t)(w >> 48);
    if (n > 7) p[7] = (uint8_t)(w >> 56);
}

/* Four d-bit values packed into one word, least significant first. */
static inline uint64_t pack4(uint64_t t0, uint64_t t1, uint64_t t2, uint64_t t3, unsigned d) {
    return t0 | (t1 << d) | (t2 << (2 * d)) | (t3 << (3 * d));
}

/*
 * FIPS 203 Algorithm 5 for one group of 8 values: w0 and w1 each hold four
 * d-bit values (pack4); together they make d bytes. When 4d is not a multiple
 * of 8 the byte that straddles the halves takes 4 bits from each.
 */
static inline void encode_group(uint8_t *out, uint64_t w0, uint64_t w1, unsigned d) {
    const unsigned n0 = (4 * d) / 8, r = 4 * d - 8 * n0; /* r is 0 or 4 */
    store_le(out, w0, n0);
    store_le(out + n0, (w0 >> (8 * n0)) | (w1 << r), d - n0);
}

/* FIPS 203 Algorithm 6 for one group, without the reduction mod q: t[0..7]. */
static inline void decode_group(uint16_t t[8], const uint8_t *in, unsigned d) {
    const unsigned n0 = (4 * d) / 8, r = 4 * d - 8 * n0;
    const uint64_t mask = ((uint64_t)1 << d) - 1;
    const uint64_t w0 = load_le(in, (4 * d + 7) / 8);
    const uint64_t w1 = load_le(in + n0, d - n0) >> r;
    t[0] = (uint16_t)(w0 & mask);
    t[1] = (uint16_t)((w0 >> d) & mask);
    t[2] = (uint16_t)((w0 >> (2 * d)) & mask);
    t[3] = (uint16_t)((w0 >> (3 * d)) & mask);
    t[4] = (uint16_t)(w1 & mask);
    t[5] = (uint16_t)((w1 >> d) & mask);
    t[6] = (uint16_t)((w1 >> (2 * d)) & mask);
    t[7] = (uint16_t)((w1 >> (3 * d)) & mask);
}

/* FIPS 203 Algorithm 5: ByteEncode_12. */
void pqf_mlkem_poly_encode12(uint8_t *restrict out, const pqf_mlkem_poly *restrict a) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N / 2; i++) {
        uint16_t x0 = (uint16_t)a->c[2 * i], x1 = (uint16_t)a->c[2 * i + 1];
        out[3 * i] = (uint8_t)x0;
        out[3 * i + 1] = (uint8_t)((x0 >> 8) | (x1 << 4));
        out[3 * i + 2] = (uint8_t)(x1 >> 4);
    }
}

/* FIPS 203 Algorithm 6: ByteDecode_12 (values reduced mod q). */
void pqf_mlkem_poly_decode12(pqf_mlkem_poly *restrict r, const uint8_t *restrict in) {
    unsigned g, k;
    for (g = 0; g < PQF_MLKEM_N / 8; g++) {
        uint16_t t[8];
        decode_group(t, in + 12 * g, 12);
        for (k = 0; k < 8; k++) {
            /* a 12-bit value is below 2q: one masked subtraction reduces it mod q */
            r->c[8 * g + k] = pqf_mlkem_csubq((int16_t)t[k]);
        }
    }
}

/* FIPS 203 section 7.2: modulus check of one ByteEncode_12 block. */
int pqf_mlkem_poly_check12(const uint8_t *in) {
    uint32_t bad = 0;
    unsigned g, k;
    for (g = 0; g < PQF_MLKEM_N / 8; g++) {
        uint16_t t[8];
        decode_group(t, in + 12 * g, 12);
        for (k = 0; k < 8; k++) {
            /* q - 1 - x wraps around, setting the top bit, exactly when x >= q */
            bad |= (uint32_t)(PQF_MLKEM_Q - 1) - t[k];
        }
    }
    return (int)(bad >> 31);
}

/* ByteEncode_d(Compress_d(a)) for a with coefficients in [0, q). */
static inline void compress_encode(uint8_t *restrict out, const pqf_mlkem_poly *restrict a,
                                   unsigned d) {
    unsigned g;
    for (g = 0; g < PQF_MLKEM_N / 8; g++) {
        const int16_t *c = a->c + 8 * g;
#define PQF_MLKEM_C(i) ((uint64_t)compress_d(c[i], d))
        const uint64_t w0 =
            pack4(PQF_MLKEM_C(0), PQF_MLKEM_C(1), PQF_MLKEM_C(2), PQF_MLKEM_C(3), d);
        const uint64_t w1 =
            pack4(PQF_MLKEM_C(4), PQF_MLKEM_C(5), PQF_MLKEM_C(6), PQF_MLKEM_C(7), d);
#undef PQF_MLKEM_C
        encode_group(out + d * g, w0, w1, d);
    }
}

/* Decompress_d(ByteDecode_d(in)). */
static inline void decode_decompress(pqf_mlkem_poly *restrict r, const uint8_t *restrict in,
                                     unsigned d) {
    unsigned g, k;
    for (g = 0; g < PQF_MLKEM_N / 8; g++) {
        uint16_t t[8];
        decode_group(t, in + d * g, d);
        for (k = 0; k < 8; k++) {
            r->c[8 * g + k] = decompress_d(t[k], d);
        }
    }
}

/* FIPS 203 Algorithm 5 and eq. 4.7: ByteEncode_du(Compress_du(a)). */
void pqf_mlkem_poly_compress_du(uint8_t *restrict out, const pqf_mlkem_poly *restrict a) {
    compress_encode(out, a, PQF_MLKEM_DU);
}

/* FIPS 203 Algorithm 5 and eq. 4.7: ByteEncode_dv(Compress_dv(a)). */
void pqf_mlkem_poly_compress_dv(uint8_t *restrict out, const pqf_mlkem_poly *restrict a) {
    compress_encode(out, a, PQF_MLKEM_DV);
}

/* FIPS 203 Algorithm 6 and eq. 4.8: Decompress_du(ByteDecode_du(in)). */
void pqf_mlkem_poly_decompress_du(pqf_mlkem_poly *restrict r, const uint8_t *restrict in) {
    decode_decompress(r, in, PQF_MLKEM_DU);
}

/* FIPS 203 Algorithm 6 and eq. 4.8: Decompress_dv(ByteDecode_dv(in)). */
void pqf_mlkem_poly_decompress_dv(pqf_mlkem_poly *restrict r, const uint8_t *restrict in) {
    decode_decompress(r, in, PQF_MLKEM_DV);
}

/* FIPS 203 Algorithm 14 (the term mu): r += Decompress_1(ByteDecode_1(m)). */
void pqf_mlkem_poly_add_msg(pqf_mlkem_poly *restrict r, const uint8_t *restrict m) {
    unsigned i, j;
    for (i = 0; i < PQF_MLKEM_SYM_BYTES; i++) {
        /* the barrier hides the message byte from the optimiser, so the masked
         * selects below cannot be turned back into branches on its bits */
        const uint32_t byte = pqf_value_barrier_u32(m[i]);
        for (j = 0; j < 8; j++) {
            uint32_t mask = 0u - ((byte >> j) & 1u); /* all-ones when bit j is set */
            int16_t mu = (int16_t)(mask & ((PQF_MLKEM_Q + 1) / 2));
            r->c[8 * i + j] = (int16_t)(r->c[8 * i + j] + mu);
        }
    }
}

/* FIPS 203 Algorithm 15 (the message): ByteEncode_1(Compress_1(a)). */
void pqf_mlkem_poly_tomsg(uint8_t *restrict m, const pqf_mlkem_poly *restrict a) {
    unsigned i, j;
    for (i = 0; i < PQF_MLKEM_SYM_BYTES; i++) {
        uint32_t byte = 0;
        for (j = 0; j < 8; j++) {
            byte |= (uint32_t)compress_d(a->c[8 * i + j], 1) << j;
        }
        m[i] = (uint8_t)byte;
    }
}

/* Coefficientwise r += a in R_q (no reduction). */
void pqf_mlkem_poly_add(pqf_mlkem_poly *restrict r, const pqf_mlkem_poly *restrict a) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i++) {
        r->c[i] = (int16_t)(r->c[i] + a->c[i]);
    }
}

/* Coefficientwise r -= a in R_q (no reduction). */
void pqf_mlkem_poly_sub(pqf_mlkem_poly *restrict r, const pqf_mlkem_poly *restrict a) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i++) {
        r->c[i] = (int16_t)(r->c[i] - a->c[i]);
    }
}

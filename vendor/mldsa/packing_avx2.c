/*
 * Bit packing of ML-DSA polynomials with AVX2 (FIPS 204 Algorithms 16 to 19;
 * avx2.h): 256 coefficients of 'bits' bits, little-endian bit order, eight
 * coefficients (= 'bits' bytes) per step. Same bytes and coefficients as
 * packing.c's loops, masks included, for the widths ML-DSA uses (3, 4, 6, 10,
 * 13, 18, 20).
 *
 * Unpacking: coefficient i of a group starts at bit w i, that is byte
 * B_i = floor(w i / 8), bit s_i = w i mod 8, and ends within the four bytes
 * from B_i (s_i + w <= 27). A byte shuffle gathers those four bytes into lane
 * i (lanes 0-3 from the group's first 16 bytes, lanes 4-7 from 16 bytes
 * starting at B_4), then a variable shift by s_i and a mask leave the value.
 *
 * Packing goes the other way in halving steps: pairs of lanes into 64-bit
 * values (2w bits), pairs of those into 128-bit values (4w bits, through
 * 64-bit shifts of both halves), and the two 128-bit halves joined in
 * general-purpose registers.
 */
#include "avx2.h"

#ifdef PQF_MLDSA_HAVE_AVX2

#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -mpopcnt (build.rs TARGET_FLAGS)"
#endif

#include <immintrin.h>
#include <string.h>

#include "ct.h"

/* B_i, the first byte of coefficient i, relative to the 16 bytes its half of
 * the vector is loaded from. */
#define BYTE(w, i) (((w) * (i)) / 8 - ((i) >= 4 ? ((w) * 4) / 8 : 0))
/* Byte shuffle control: lane i takes bytes BYTE(w, i) .. BYTE(w, i) + 3. */
#define LANE(w, i) BYTE(w, i), BYTE(w, i) + 1, BYTE(w, i) + 2, BYTE(w, i) + 3

static inline __m256i unpack8(const uint8_t *in, unsigned w) {
    const __m256i ctl = _mm256_setr_epi8(LANE(w, 0), LANE(w, 1), LANE(w, 2), LANE(w, 3),
                                         LANE(w, 4), LANE(w, 5), LANE(w, 6), LANE(w, 7));
    const __m256i sh = _mm256_setr_epi32(0, (int)(w % 8), (int)(2 * w % 8), (int)(3 * w % 8),
                                         (int)(4 * w % 8), (int)(5 * w % 8), (int)(6 * w % 8),
                                         (int)(7 * w % 8));
    const __m256i mask = _mm256_set1_epi32((int)((1u << w) - 1u));
    __m128i lo = _mm_loadu_si128((const __m128i *)(const void *)in);
    __m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(in + (w * 4) / 8));
    __m256i x = _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
    x = _mm256_shuffle_epi8(x, ctl);
    return _mm256_and_si256(_mm256_srlv_epi32(x, sh), mask);
}

/* SimpleBitUnpack / BitUnpack of 256 coefficients; inlined per width so that
 * the shuffle constants fold. Groups whose 16-byte loads would pass the end of
 * the input read a zero-padded copy of the tail. */
static inline void unpack_w(int32_t *a, const uint8_t *in, unsigned w, int32_t b, int sub) {
    const __m256i bb = _mm256_set1_epi32(b);
    /* The first group whose second load ends past 32 w bytes. */
    const unsigned tail = (32 * w - (w * 4) / 8 - 16) / w + 1;
    uint8_t pad[64];
    unsigned g;
    for (g = 0; g < 32; g++) {
        const uint8_t *src = in + w * g;
        __m256i v;
        if (g == tail) {
            memset(pad, 0, sizeof(pad));
            memcpy(pad, in + w * tail, w * (32 - tail));
        }
        if (g >= tail) {
            src = pad + w * (g - tail);
        }
        v = unpack8(src, w);
        if (sub) {
            v = _mm256_sub_epi32(bb, v);
        }
        _mm256_storeu_si256((__m256i *)(void *)(a + 8 * g), v);
    }
    pqf_wipe(pad, sizeof(pad));
}

/* The eight w-bit values of v joined into w bytes at out; h and t are
 * scratch (the caller wipes them). */
static inline void pack8(uint8_t *out, __m256i v, unsigned w, uint64_t h[4], uint8_t t[16]) {
    const __m256i lo32 = _mm256_set1_epi64x(0xFFFFFFFF);
    const __m256i lo64 = _mm256_setr_epi64x(-1, 0, -1, 0);
    /* Lanes 2k, 2k + 1 -> one 64-bit value of 2w bits. */
    v = _mm256_or_si256(_mm256_and_si256(v, lo32),
                        _mm256_srli_epi64(_mm256_andnot_si256(lo32, v), 32 - w));
    /* 64-bit values 2k, 2k + 1 -> one 128-bit value of 4w bits: the upper
     * one moves up by 2w bits, across the 64-bit boundary. */
    {
        __m256i up = _mm256_bsrli_epi128(v, 8);                     /* upper to lower half */
        __m256i lo = _mm256_or_si256(_mm256_and_si256(v, lo64),     /* low half: v0 | v1 << 2w */
                                     _mm256_slli_epi64(up, 2 * w)); /* (mod 2^64) */
        __m256i hi = _mm256_andnot_si256(lo64, _mm256_srli_epi64(v, 64 - 2 * w));
        v = _mm256_or_si256(lo, hi);
    }
    _mm256_storeu_si256((__m256i *)(void *)h, v);
    /* The two 4w-bit halves, h[0..1] and h[2..3], one after the other. */
    if ((w & 1) == 0) {
        memcpy(out, h, (4 * w) / 8);
        memcpy(out + (4 * w) / 8, h + 2, (4 * w) / 8);
    } else {
        /* Odd widths used here (3, 13) have 4w < 64: one word per half. */
        uint64_t r0 = h[0] | (h[2] << (4 * w));
        uint64_t r1 = h[2] >> (64 - 4 * w);
        memcpy(t, &r0, 8);
        memcpy(t + 8, &r1, 8);
        memcpy(out, t, w);
    }
}

static inline void pack_w(uint8_t *out, const int32_t *a, unsigned w, int32_t b, int sub) {
    const __m256i bb = _mm256_set1_epi32(b);
    const __m256i mask = _mm256_set1_epi32((int)((1u << w) - 1u));
    uint64_t h[4];
    uint8_t t[16];
    unsigned g;
    for (g = 0; g < 32; g++) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(a + 8 * g));
        if (sub) {
            v = _mm256_sub_epi32(bb, v);
        }
        pack8(out + w * g, _mm256_and_si256(v, mask), w, h, t);
    }
    pqf_wipe(h, sizeof(h));
    pqf_wipe(t, sizeof(t));
}

int pqf_mldsa_pack_avx2(uint8_t *out, const int32_t *a, unsigned bits, int32_t b, int sub) {
    switch (bits) {
    case 3:
        pack_w(out, a, 3, b, sub);
        return 0;
    case 4:
        pack_w(out, a, 4, b, sub);
        return 0;
    case 6:
        pack_w(out, a, 6, b, sub);
        return 0;
    case 10:
        pack_w(out, a, 10, b, sub);
        return 0;
    case 13:
        pack_w(out, a, 13, b, sub);
        return 0;
    case 18:
        pack_w(out, a, 18, b, sub);
        return 0;
    case 20:
        pack_w(out, a, 20, b, sub);
        return 0;
    default:
        return -1;
    }
}

int pqf_mldsa_unpack_avx2(int32_t *a, const uint8_t *in, unsigned bits, int32_t b, int sub) {
    switch (bits) {
    case 3:
        unpack_w(a, in, 3, b, sub);
        return 0;
    case 4:
        unpack_w(a, in, 4, b, sub);
        return 0;
    case 6:
        unpack_w(a, in, 6, b, sub);
        return 0;
    case 10:
        unpack_w(a, in, 10, b, sub);
        return 0;
    case 13:
        unpack_w(a, in, 13, b, sub);
        return 0;
    case 18:
        unpack_w(a, in, 18, b, sub);
        return 0;
    case 20:
        unpack_w(a, in, 20, b, sub);
        return 0;
    default:
        return -1;
    }
}

#else
typedef int pqf_mldsa_packing_avx2_unused; /* ISO C: no empty translation unit */
#endif

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
 * 64-bit shifts of both halves), then the two 128-bit halves joined (pack8).
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

/* Bytes pack8 stores from its destination: w meaningful, the rest junk that
 * the next group (or the caller) overwrites. */
#define PACK8_SPAN(w) ((w) <= 16 ? 16 : (4 * (w)) / 8 + 16)

/*
 * The eight w-bit values of v joined into w bytes at dst (and junk after
 * them, up to PACK8_SPAN(w) bytes). Each 128-bit half ends with 4w bits:
 * for w <= 16 the upper half is shifted up by 4w bits into the lower one and
 * stored once; for w = 18, 20 (4w a multiple of 8) the halves are stored one
 * after the other.
 */
static inline void pack8(uint8_t *dst, __m256i v, unsigned w) {
    const __m256i lo32 = _mm256_set1_epi64x(0xFFFFFFFF);
    const __m256i lo64 = _mm256_setr_epi64x(-1, 0, -1, 0);
    __m128i x, y;
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
    x = _mm256_castsi256_si128(v);
    y = _mm256_extracti128_si256(v, 1);
    if (w <= 16) {
        /* 4w < 64 bits per half: y << 4w as a 128-bit shift. */
        y = _mm_or_si128(_mm_slli_epi64(y, (int)(4 * w)),
                         _mm_srli_epi64(_mm_bslli_si128(y, 8), (int)(64 - 4 * w)));
        _mm_storeu_si128((__m128i *)(void *)dst, _mm_or_si128(x, y));
    } else {
        _mm_storeu_si128((__m128i *)(void *)dst, x);
        _mm_storeu_si128((__m128i *)(void *)(dst + (4 * w) / 8), y);
    }
}

/* SimpleBitPack / BitPack of 256 coefficients. Groups in increasing order,
 * each store's junk overwritten by the next group; the groups whose stores
 * would pass the end of the 32 w output bytes go through a buffer. */
static inline void pack_w(uint8_t *out, const int32_t *a, unsigned w, int32_t b, int sub) {
    const __m256i bb = _mm256_set1_epi32(b);
    const __m256i mask = _mm256_set1_epi32((int)((1u << w) - 1u));
    /* The first group whose store would end past 32 w bytes. */
    const unsigned tail = (32 * w - PACK8_SPAN(w)) / w + 1;
    uint8_t pad[64];
    unsigned g;
    for (g = 0; g < 32; g++) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(a + 8 * g));
        if (sub) {
            v = _mm256_sub_epi32(bb, v);
        }
        v = _mm256_and_si256(v, mask);
        pack8(g < tail ? out + w * g : pad + w * (g - tail), v, w);
    }
    memcpy(out + w * tail, pad, w * (32 - tail));
    pqf_wipe(pad, sizeof(pad));
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

/*
 * The signing sampler's ChaCha20 generator (sampler.c, SPEC-NOTES section 6)
 * with AVX2: the eight blocks of one refill are the eight 32-bit lanes of a
 * vector, so state word v of all blocks is one vector and its output is one
 * 32-byte store at byte 32 v of the pool, the layout sampler.c writes word by
 * word (lane l at byte 32 v + 4 l, little-endian). The words are the same
 * integers, so the pool is the same bytes.
 *
 * Constant time: integer additions, XORs, shifts and byte shuffles only. The
 * state lives in registers, in the two local arrays (wiped before return,
 * like the portable refill's) and in the pool; the exported entry point that
 * called us clears the registers on return (pqf_leave).
 */
#include "internal.h"
#include "ct.h"

#ifdef PQF_FALCON_HAVE_AVX2

#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -mpopcnt (build.rs TARGET_FLAGS)"
#endif

#include <immintrin.h>

static inline __m256i rotl_bytes(__m256i v, __m256i shuf) {
    return _mm256_shuffle_epi8(v, shuf);
}

#define ROTL(v, c) _mm256_or_si256(_mm256_slli_epi32((v), (c)), _mm256_srli_epi32((v), 32 - (c)))

/* One quarter round on words a, b, c, d of all eight blocks. */
static inline void quarter(__m256i *a, __m256i *b, __m256i *c, __m256i *d, __m256i r16,
                           __m256i r8) {
    *a = _mm256_add_epi32(*a, *b);
    *d = rotl_bytes(_mm256_xor_si256(*d, *a), r16);
    *c = _mm256_add_epi32(*c, *d);
    *b = ROTL(_mm256_xor_si256(*b, *c), 12);
    *a = _mm256_add_epi32(*a, *b);
    *d = rotl_bytes(_mm256_xor_si256(*d, *a), r8);
    *c = _mm256_add_epi32(*c, *d);
    *b = ROTL(_mm256_xor_si256(*b, *c), 7);
}

void pqf_falcon_prng_refill_avx2(pqf_falcon_prng *p) {
    static const uint32_t sigma_words[4] = {0x61707865u, 0x3320646eu, 0x79622d32u,
                                            0x6b206574u};
    /* byte shuffles rotating each 32-bit word left by 16 and by 8 */
    const __m256i r16 = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,
                                         2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
    const __m256i r8 = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14,
                                        3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);
    __m256i init[16], w[16];
    /* block counters ctr + l, l = 0..7, as 64-bit lanes, then split into
     * their low and high words (lane order 0..7) */
    const __m256i c = _mm256_set1_epi64x((long long)p->ctr);
    const __m256i c03 = _mm256_add_epi64(c, _mm256_setr_epi64x(0, 1, 2, 3));
    const __m256i c47 = _mm256_add_epi64(c, _mm256_setr_epi64x(4, 5, 6, 7));
    const __m256i pick = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
    const __m256i a = _mm256_permutevar8x32_epi32(c03, pick); /* lo0..3 | hi0..3 */
    const __m256i b = _mm256_permutevar8x32_epi32(c47, pick); /* lo4..7 | hi4..7 */
    const __m256i lo = _mm256_permute2x128_si256(a, b, 0x20);
    const __m256i hi = _mm256_permute2x128_si256(a, b, 0x31);
    int v, dr;
    for (v = 0; v < 4; v++) {
        init[v] = _mm256_set1_epi32((int)sigma_words[v]);
    }
    for (v = 0; v < 12; v++) {
        init[4 + v] = _mm256_set1_epi32((int)p->key[v]);
    }
    init[14] = _mm256_xor_si256(init[14], lo);
    init[15] = _mm256_xor_si256(init[15], hi);
    for (v = 0; v < 16; v++) {
        w[v] = init[v];
    }
    for (dr = 0; dr < 10; dr++) {
        quarter(&w[0], &w[4], &w[8], &w[12], r16, r8);
        quarter(&w[1], &w[5], &w[9], &w[13], r16, r8);
        quarter(&w[2], &w[6], &w[10], &w[14], r16, r8);
        quarter(&w[3], &w[7], &w[11], &w[15], r16, r8);
        quarter(&w[0], &w[5], &w[10], &w[15], r16, r8);
        quarter(&w[1], &w[6], &w[11], &w[12], r16, r8);
        quarter(&w[2], &w[7], &w[8], &w[13], r16, r8);
        quarter(&w[3], &w[4], &w[9], &w[14], r16, r8);
    }
    for (v = 0; v < 16; v++) {
        _mm256_storeu_si256((__m256i *)(void *)(p->buf + 32 * v),
                            _mm256_add_epi32(w[v], init[v]));
    }
    p->ctr += 8;
    p->ptr = 0;
    /* as the portable refill does: no copy of the state stays on the stack
     * where the compiler kept the two arrays */
    pqf_wipe(init, sizeof init);
    pqf_wipe(w, sizeof w);
}

#else
/* ISO C forbids an empty translation unit */
typedef int pqf_falcon_sampler_avx2_unused;
#endif

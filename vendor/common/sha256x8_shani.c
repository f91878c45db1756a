/*
 * Up to eight SHA-256 compressions (sha2x.h) on the SHA extensions, two lanes
 * at a time with their instructions interleaved: one lane's rounds form a
 * single dependency chain that leaves the SHA unit idle between instructions,
 * and a second, independent lane fills those gaps. Compiled with -msha
 * -msse4.1 (the _shani.c suffix, build.rs) and called only when
 * pqf_cpu_features() reports PQF_CPU_SHANI.
 *
 * Written from FIPS 180-4 section 6.2.2 and the instruction definitions of
 * the Intel SDM (SHA256RNDS2, SHA256MSG1, SHA256MSG2):
 *  - SHA256RNDS2 does rounds t and t+1 from the state split as (A, B, E, F)
 *    and (C, D, G, H), dword 3 down to dword 0, with W_t + K_t and
 *    W_{t+1} + K_{t+1} in the low two dwords of its implicit operand; it
 *    returns the new (A, B, E, F), and the old one is the new (C, D, G, H).
 *  - SHA256MSG1(X, Y) gives W_i + SSIG0(W_{i+1}) for the four words of X
 *    (lowest dword first) and the first word of Y; SHA256MSG2(Z, V) adds
 *    SSIG1 of the words two back, V holding the four words before Z's.
 */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

#include <immintrin.h>
#include <string.h>

#include "sha2x.h"

#define PQF_SHA2X_WANT_K256
#include "sha2x_k.h"

typedef struct {
    __m128i abef, cdgh;
} shani_state;

/* A chaining value H_0..H_7 as the (A, B, E, F), (C, D, G, H) split. */
static shani_state state_split(const uint32_t h[8]) {
    shani_state s;
    s.abef = _mm_set_epi32((int)h[0], (int)h[1], (int)h[4], (int)h[5]);
    s.cdgh = _mm_set_epi32((int)h[2], (int)h[3], (int)h[6], (int)h[7]);
    return s;
}

/* The first outlen bytes (<= 32) of the chaining value held as (A, B, E, F),
 * (C, D, G, H), big-endian, to out. */
static void state_out(uint8_t *out, size_t outlen, __m128i abef, __m128i cdgh) {
    uint8_t bytes[32];
    /* (A, B, E, F) and (C, D, G, H), dword 3 first, to A B C D and E F G H
     * in memory order. */
    const __m128i abcd = _mm_unpackhi_epi64(cdgh, abef); /* dwords: D C B A */
    const __m128i efgh = _mm_unpacklo_epi64(cdgh, abef); /* dwords: H G F E */
    /* All sixteen bytes reversed: dword 3 comes first, each word big-endian. */
    const __m128i rev = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    _mm_storeu_si128((__m128i *)(void *)bytes, _mm_shuffle_epi8(abcd, rev));
    _mm_storeu_si128((__m128i *)(void *)(bytes + 16), _mm_shuffle_epi8(efgh, rev));
    memcpy(out, bytes, outlen);
    memset(bytes, 0, sizeof bytes);
    __asm__ __volatile__("" : : "r"(bytes) : "memory");
}

/* One lane's variables: the state halves, the state at the block's start,
 * and the ring of message words, W_{4q}..W_{4q+3} in w<q mod 4>. */
#define LANE_VARS(L) __m128i L##abef, L##cdgh, L##abef0, L##cdgh0, L##w0, L##w1, L##w2, L##w3

/* Four rounds of lane L with wk = W + K for those rounds. */
#define FOUR_ROUNDS(L, wk)                                                            \
    do {                                                                              \
        const __m128i wk_ = (wk);                                                     \
        L##cdgh = _mm_sha256rnds2_epu32(L##cdgh, L##abef, wk_);                       \
        L##abef = _mm_sha256rnds2_epu32(L##abef, L##cdgh, _mm_shuffle_epi32(wk_, 0x0E)); \
    } while (0)

/* Loads block blk of lane L's input as big-endian words and keeps the state. */
#define LOAD_BLOCK(L, ptr, blk)                                                       \
    do {                                                                              \
        const uint8_t *b_ = (ptr) + 64 * (blk);                                       \
        L##w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)b_), bswap); \
        L##w1 = _mm_shuffle_epi8(                                                     \
            _mm_loadu_si128((const __m128i *)(const void *)(b_ + 16)), bswap);        \
        L##w2 = _mm_shuffle_epi8(                                                     \
            _mm_loadu_si128((const __m128i *)(const void *)(b_ + 32)), bswap);        \
        L##w3 = _mm_shuffle_epi8(                                                     \
            _mm_loadu_si128((const __m128i *)(const void *)(b_ + 48)), bswap);        \
        L##abef0 = L##abef;                                                           \
        L##cdgh0 = L##cdgh;                                                           \
    } while (0)

/* W_t..W_{t+3} (t >= 16) into wa, the ring slot of W_{t-16}..W_{t-13}; wb, wc
 * and wd hold the following three groups. Then the four rounds. */
#define SCHED_ROUNDS(L, wa, wb, wc, wd, k)                                            \
    do {                                                                              \
        const __m128i m_ = _mm_add_epi32(_mm_sha256msg1_epu32(L##wa, L##wb),          \
                                         _mm_alignr_epi8(L##wd, L##wc, 4));           \
        L##wa = _mm_sha256msg2_epu32(m_, L##wd);                                      \
        FOUR_ROUNDS(L, _mm_add_epi32(L##wa, (k)));                                    \
    } while (0)

#define KV(t) _mm_loadu_si128((const __m128i *)(const void *)(pqf_sha2x_k256 + (t)))

/* Rounds 0-63 of one block for the lanes listed in EACH (a macro applying
 * its argument to every lane), interleaved round group by round group. */
#define BLOCK_ROUNDS(EACH)                                                            \
    do {                                                                              \
        unsigned t_;                                                                  \
        EACH(R0_15, 0);                                                               \
        for (t_ = 16; t_ < 64; t_ += 16) {                                            \
            EACH(R16, t_);                                                            \
        }                                                                             \
    } while (0)

#define R0_15(L, t)                                                                   \
    do {                                                                              \
        (void)(t);                                                                    \
        FOUR_ROUNDS(L, _mm_add_epi32(L##w0, KV(0)));                                  \
        FOUR_ROUNDS(L, _mm_add_epi32(L##w1, KV(4)));                                  \
        FOUR_ROUNDS(L, _mm_add_epi32(L##w2, KV(8)));                                  \
        FOUR_ROUNDS(L, _mm_add_epi32(L##w3, KV(12)));                                 \
    } while (0)

#define R16(L, t)                                                                     \
    do {                                                                              \
        SCHED_ROUNDS(L, w0, w1, w2, w3, KV((t) + 0));                                 \
        SCHED_ROUNDS(L, w1, w2, w3, w0, KV((t) + 4));                                 \
        SCHED_ROUNDS(L, w2, w3, w0, w1, KV((t) + 8));                                 \
        SCHED_ROUNDS(L, w3, w0, w1, w2, KV((t) + 12));                                \
    } while (0)

#define FINISH_BLOCK(L)                                                               \
    do {                                                                              \
        L##abef = _mm_add_epi32(L##abef, L##abef0);                                   \
        L##cdgh = _mm_add_epi32(L##cdgh, L##cdgh0);                                   \
    } while (0)

#define WIPE_LANE(L)                                                                  \
    do {                                                                              \
        L##w0 = L##w1 = L##w2 = L##w3 = _mm_setzero_si128();                          \
    } while (0)

#define BSWAP_MASK _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3)

/* One lane from the state s0. */
static void one_lane(uint8_t *out, size_t outlen, shani_state s0, const uint8_t *in,
                     size_t nblocks) {
    const __m128i bswap = BSWAP_MASK;
    LANE_VARS(a_);
    size_t blk;
#define EACH1(M, t) M(a_, t)
    a_abef = s0.abef;
    a_cdgh = s0.cdgh;
    for (blk = 0; blk < nblocks; blk++) {
        LOAD_BLOCK(a_, in, blk);
        BLOCK_ROUNDS(EACH1);
        FINISH_BLOCK(a_);
    }
    state_out(out, outlen, a_abef, a_cdgh);
    WIPE_LANE(a_);
#undef EACH1
}

/* Two lanes from the state s0, their instructions interleaved. */
static void two_lanes(uint8_t *out0, uint8_t *out1, size_t outlen, shani_state s0,
                      const uint8_t *in0, const uint8_t *in1, size_t nblocks) {
    const __m128i bswap = BSWAP_MASK;
    LANE_VARS(a_);
    LANE_VARS(b_);
    size_t blk;
#define EACH2(M, t)                                                                   \
    do {                                                                              \
        M(a_, t);                                                                     \
        M(b_, t);                                                                     \
    } while (0)
    a_abef = b_abef = s0.abef;
    a_cdgh = b_cdgh = s0.cdgh;
    for (blk = 0; blk < nblocks; blk++) {
        LOAD_BLOCK(a_, in0, blk);
        LOAD_BLOCK(b_, in1, blk);
        BLOCK_ROUNDS(EACH2);
        FINISH_BLOCK(a_);
        FINISH_BLOCK(b_);
    }
    state_out(out0, outlen, a_abef, a_cdgh);
    state_out(out1, outlen, b_abef, b_cdgh);
    WIPE_LANE(a_);
    WIPE_LANE(b_);
#undef EACH2
}

void pqf_sha256x8_tails_shani(uint8_t *const out[8], size_t outlen, const uint32_t start[8],
                              const uint8_t *const in[8], size_t nblocks, unsigned count) {
    const shani_state s0 = state_split(start);
    unsigned j;
    for (j = 0; j + 1 < count; j += 2) {
        two_lanes(out[j], out[j + 1], outlen, s0, in[j], in[j + 1], nblocks);
    }
    if (j < count) {
        one_lane(out[j], outlen, s0, in[j], nblocks);
    }
}

#else
/* Not x86-64: the portable path in sha2x.c serves every call. */
typedef int pqf_sha256x8_shani_unused;
#endif

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

#include "sha2x.h"

#define PQF_SHA2X_WANT_K256
#include "sha2x_k.h"

typedef struct {
    __m128i abef, cdgh;
} shani_state;

/* Lane j of the interleaved chaining value (word i at h[8 * i + j]) to the
 * (A, B, E, F), (C, D, G, H) split, and back. */
static shani_state state_in(const uint32_t h[8 * 8], unsigned j) {
    shani_state s;
    s.abef = _mm_set_epi32((int)h[j], (int)h[8 + j], (int)h[32 + j], (int)h[40 + j]);
    s.cdgh = _mm_set_epi32((int)h[16 + j], (int)h[24 + j], (int)h[48 + j], (int)h[56 + j]);
    return s;
}

static void state_out(uint32_t h[8 * 8], unsigned j, shani_state s) {
    uint32_t x[4], y[4];
    _mm_storeu_si128((__m128i *)(void *)x, s.abef);
    _mm_storeu_si128((__m128i *)(void *)y, s.cdgh);
    h[j] = x[3];
    h[8 + j] = x[2];
    h[32 + j] = x[1];
    h[40 + j] = x[0];
    h[16 + j] = y[3];
    h[24 + j] = y[2];
    h[48 + j] = y[1];
    h[56 + j] = y[0];
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

/* Lane `lane` alone. */
static void one_lane(uint32_t h[8 * 8], const uint8_t *in, size_t nblocks, unsigned lane) {
    const __m128i bswap = BSWAP_MASK;
    LANE_VARS(a_);
    shani_state s = state_in(h, lane);
    size_t blk;
#define EACH1(M, t) M(a_, t)
    a_abef = s.abef;
    a_cdgh = s.cdgh;
    for (blk = 0; blk < nblocks; blk++) {
        LOAD_BLOCK(a_, in, blk);
        BLOCK_ROUNDS(EACH1);
        FINISH_BLOCK(a_);
    }
    s.abef = a_abef;
    s.cdgh = a_cdgh;
    state_out(h, lane, s);
    WIPE_LANE(a_);
#undef EACH1
}

/* Lanes lane0 and lane0 + 1, their instructions interleaved. */
static void two_lanes(uint32_t h[8 * 8], const uint8_t *in0, const uint8_t *in1,
                      size_t nblocks, unsigned lane0) {
    const __m128i bswap = BSWAP_MASK;
    LANE_VARS(a_);
    LANE_VARS(b_);
    shani_state s = state_in(h, lane0), u = state_in(h, lane0 + 1);
    size_t blk;
#define EACH2(M, t)                                                                   \
    do {                                                                              \
        M(a_, t);                                                                     \
        M(b_, t);                                                                     \
    } while (0)
    a_abef = s.abef;
    a_cdgh = s.cdgh;
    b_abef = u.abef;
    b_cdgh = u.cdgh;
    for (blk = 0; blk < nblocks; blk++) {
        LOAD_BLOCK(a_, in0, blk);
        LOAD_BLOCK(b_, in1, blk);
        BLOCK_ROUNDS(EACH2);
        FINISH_BLOCK(a_);
        FINISH_BLOCK(b_);
    }
    s.abef = a_abef;
    s.cdgh = a_cdgh;
    u.abef = b_abef;
    u.cdgh = b_cdgh;
    state_out(h, lane0, s);
    state_out(h, lane0 + 1, u);
    WIPE_LANE(a_);
    WIPE_LANE(b_);
#undef EACH2
}

void pqf_sha256x8_blocks_shani(uint32_t h[8 * 8], const uint8_t *const in[8],
                               size_t nblocks, unsigned count) {
    unsigned j;
    for (j = 0; j + 1 < count; j += 2) {
        two_lanes(h, in[j], in[j + 1], nblocks, j);
    }
    if (j < count) {
        one_lane(h, in[j], nblocks, j);
    }
}

#else
/* Not x86-64: the portable path in sha2x.c serves every call. */
typedef int pqf_sha256x8_shani_unused;
#endif

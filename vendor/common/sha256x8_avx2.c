/*
 * Eight SHA-256 compressions at once (sha2x.h), one lane per 32-bit element of
 * the 256-bit AVX2 vectors: FIPS 180-4 section 6.2.2 with every word operation
 * applied to eight words. Compiled with -mavx2 (the _avx2.c suffix, build.rs)
 * and called only when pqf_cpu_features() reports AVX2.
 *
 * Each lane's 64-byte block is read as two 32-byte rows; an 8x8 transpose of
 * 32-bit words turns the eight lanes' rows into the vectors W_0..W_15 (word t
 * of every lane), then a byte shuffle makes them big-endian words. The
 * schedule is kept on a ring of 16 vectors: W_t for t >= 16 overwrites
 * W_{t-16} (section 6.2.2 step 1).
 */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

#include <immintrin.h>
#include <string.h>

#include "sha2x.h"

#define PQF_SHA2X_WANT_K256
#include "sha2x_k.h"

typedef __m256i v256;

#define ADD(a, b) _mm256_add_epi32((a), (b))
#define XOR(a, b) _mm256_xor_si256((a), (b))
#define AND(a, b) _mm256_and_si256((a), (b))
#define OR(a, b) _mm256_or_si256((a), (b))
#define SHR(x, n) _mm256_srli_epi32((x), (n))
#define SHL(x, n) _mm256_slli_epi32((x), (n))
/* FIPS 180-4 section 3.2: ROTR^n on each 32-bit word. */
#define ROTR(x, n) OR(SHR((x), (n)), SHL((x), 32 - (n)))

/* Section 4.1.2, functions (4.4) to (4.7). */
#define BSIG0(x) XOR(XOR(ROTR((x), 2), ROTR((x), 13)), ROTR((x), 22))
#define BSIG1(x) XOR(XOR(ROTR((x), 6), ROTR((x), 11)), ROTR((x), 25))
#define SSIG0(x) XOR(XOR(ROTR((x), 7), ROTR((x), 18)), SHR((x), 3))
#define SSIG1(x) XOR(XOR(ROTR((x), 17), ROTR((x), 19)), SHR((x), 10))

/* Ch(x, y, z) = (x AND y) XOR (NOT x AND z), as z XOR (x AND (y XOR z)).
 * Maj(x, y, z) = (x AND y) XOR (x AND z) XOR (y AND z), as
 * y XOR ((x XOR y) AND (y XOR z)); x XOR y of one round is y XOR z of the
 * next, so each round computes one of the two (xy) and inherits the other (yz). */
#define CH(x, y, z) XOR((z), AND((x), XOR((y), (z))))

/* One round t (section 6.2.2 step 3) on working variables named so that the
 * caller's rotation of names replaces the eight moves: d and h are updated in
 * place and become e and a of the next round. */
#define ROUND(a, b, c, d, e, f, g, h, wt, t, xy, yz)                                  \
    do {                                                                              \
        v256 t1_ = ADD(ADD(ADD((h), BSIG1(e)), ADD(CH((e), (f), (g)), (wt))),         \
                       _mm256_set1_epi32((int)pqf_sha2x_k256[t]));                    \
        (xy) = XOR((a), (b));                                                         \
        (d) = ADD((d), t1_);                                                          \
        (h) = ADD(ADD(t1_, BSIG0(a)), XOR((b), AND((xy), (yz))));                     \
    } while (0)

/* Step 1 for t >= 16: W_t = SSIG1(W_{t-2}) + W_{t-7} + SSIG0(W_{t-15}) + W_{t-16},
 * on the ring w[t mod 16]. */
#define SCHED(w, t)                                                                   \
    ((w)[(t)&15] = ADD(ADD((w)[(t)&15], SSIG1((w)[((t) + 14) & 15])),                 \
                       ADD((w)[((t) + 9) & 15], SSIG0((w)[((t) + 1) & 15]))))

/* Eight rounds t0..t0+7; W from the ring as loaded (t0 < 16) or scheduled. */
#define EIGHT(w, t0, WORD)                                                            \
    do {                                                                              \
        ROUND(a, b, c, d, e, f, g, h, WORD(w, (t0) + 0), (t0) + 0, p, q);             \
        ROUND(h, a, b, c, d, e, f, g, WORD(w, (t0) + 1), (t0) + 1, q, p);             \
        ROUND(g, h, a, b, c, d, e, f, WORD(w, (t0) + 2), (t0) + 2, p, q);             \
        ROUND(f, g, h, a, b, c, d, e, WORD(w, (t0) + 3), (t0) + 3, q, p);             \
        ROUND(e, f, g, h, a, b, c, d, WORD(w, (t0) + 4), (t0) + 4, p, q);             \
        ROUND(d, e, f, g, h, a, b, c, WORD(w, (t0) + 5), (t0) + 5, q, p);             \
        ROUND(c, d, e, f, g, h, a, b, WORD(w, (t0) + 6), (t0) + 6, p, q);             \
        ROUND(b, c, d, e, f, g, h, a, WORD(w, (t0) + 7), (t0) + 7, q, p);             \
    } while (0)
#define LOADED(w, t) ((w)[(t)&15])

/* Transposes rows r[0..7] (lane j's eight words in r[j]) into columns
 * c[0..7] (word i of every lane in c[i]), and byte-swaps each word. */
static void transpose_be(v256 c[8], const v256 r[8]) {
    const v256 bswap = _mm256_setr_epi8(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13,
                                        12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14,
                                        13, 12);
    v256 t[8], u[8];
    unsigned i;
    /* Pairs of lanes: t[2k] = words (0,1 | 4,5), t[2k+1] = words (2,3 | 6,7)
     * of lanes 2k and 2k+1, interleaved. */
    for (i = 0; i < 4; i++) {
        t[2 * i] = _mm256_unpacklo_epi32(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm256_unpackhi_epi32(r[2 * i], r[2 * i + 1]);
    }
    /* Quads of lanes: u[m] holds word m (low half) and m + 4 (high half) of
     * lanes 0-3 (u[0..3]) or 4-7 (u[4..7]). */
    for (i = 0; i < 2; i++) {
        u[4 * i + 0] = _mm256_unpacklo_epi64(t[4 * i], t[4 * i + 2]);
        u[4 * i + 1] = _mm256_unpackhi_epi64(t[4 * i], t[4 * i + 2]);
        u[4 * i + 2] = _mm256_unpacklo_epi64(t[4 * i + 1], t[4 * i + 3]);
        u[4 * i + 3] = _mm256_unpackhi_epi64(t[4 * i + 1], t[4 * i + 3]);
    }
    for (i = 0; i < 4; i++) {
        c[i] = _mm256_shuffle_epi8(_mm256_permute2x128_si256(u[i], u[i + 4], 0x20), bswap);
        c[i + 4] =
            _mm256_shuffle_epi8(_mm256_permute2x128_si256(u[i], u[i + 4], 0x31), bswap);
    }
}

#define LOADV(p) _mm256_loadu_si256((const v256 *)(const void *)(p))
#define STOREV(p, v) _mm256_storeu_si256((v256 *)(void *)(p), (v))

void pqf_sha256x8_tails_avx2(uint8_t *const out[8], size_t outlen, const uint32_t start[8],
                             const uint8_t *const in[8], size_t nblocks, unsigned count) {
    const uint8_t *src[8];
    uint8_t row[32];
    v256 w[16], r[8], st[8];
    v256 a, b, c, d, e, f, g, h, p, q;
    size_t blk;
    unsigned i, j;

    /* Idle lanes repeat lane 0; their results are dropped. */
    for (j = 0; j < 8; j++) {
        src[j] = in[j < count ? j : 0];
    }
    for (i = 0; i < 8; i++) {
        st[i] = _mm256_set1_epi32((int)start[i]);
    }
    for (blk = 0; blk < nblocks; blk++) {
        for (j = 0; j < 8; j++) {
            r[j] = LOADV(src[j] + 64 * blk);
        }
        transpose_be(w, r);
        for (j = 0; j < 8; j++) {
            r[j] = LOADV(src[j] + 64 * blk + 32);
        }
        transpose_be(w + 8, r);

        /* Step 2: the working variables from H^(i-1). */
        a = st[0];
        b = st[1];
        c = st[2];
        d = st[3];
        e = st[4];
        f = st[5];
        g = st[6];
        h = st[7];
        /* Step 3: 64 rounds; q starts as b XOR c for the first Maj. */
        q = XOR(b, c);
        EIGHT(w, 0, LOADED);
        EIGHT(w, 8, LOADED);
        EIGHT(w, 16, SCHED);
        EIGHT(w, 24, SCHED);
        EIGHT(w, 32, SCHED);
        EIGHT(w, 40, SCHED);
        EIGHT(w, 48, SCHED);
        EIGHT(w, 56, SCHED);
        /* Step 4: H^(i) = working variables + H^(i-1). */
        st[0] = ADD(st[0], a);
        st[1] = ADD(st[1], b);
        st[2] = ADD(st[2], c);
        st[3] = ADD(st[3], d);
        st[4] = ADD(st[4], e);
        st[5] = ADD(st[5], f);
        st[6] = ADD(st[6], g);
        st[7] = ADD(st[7], h);
    }
    /* Back to one row per lane, big-endian: the same transpose and swap. */
    transpose_be(r, st);
    for (j = 0; j < count; j++) {
        STOREV(row, r[j]);
        memcpy(out[j], row, outlen);
    }
    /* The schedule held the message (SLH-DSA's PRF lanes carry SK.seed), the
     * state and rows the digests. */
    memset(w, 0, sizeof w);
    memset(r, 0, sizeof r);
    memset(st, 0, sizeof st);
    memset(row, 0, sizeof row);
    __asm__ __volatile__("" : : "r"(w), "r"(r), "r"(st), "r"(row) : "memory");
}

#else
/* Not x86-64: the portable path in sha2x.c serves every call. */
typedef int pqf_sha256x8_avx2_unused;
#endif

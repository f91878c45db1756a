/*
 * Four SHA-512 compressions at once (sha2x.h), one lane per 64-bit element of
 * the 256-bit AVX2 vectors: FIPS 180-4 section 6.4.2 with every word operation
 * applied to four words. Compiled with -mavx2 (the _avx2.c suffix, build.rs)
 * and called only when pqf_cpu_features() reports AVX2.
 *
 * Each lane's 128-byte block is read as four 32-byte rows; a 4x4 transpose of
 * 64-bit words per row turns the four lanes' rows into the vectors W_0..W_15
 * (word t of every lane), then a byte shuffle makes them big-endian words.
 * The schedule is kept on a ring of 16 vectors, as in sha256x8_avx2.c.
 */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

#include <immintrin.h>
#include <string.h>

#include "sha2x.h"

#define PQF_SHA2X_WANT_K512
#include "sha2x_k.h"

typedef __m256i v256;

#define ADD(a, b) _mm256_add_epi64((a), (b))
#define XOR(a, b) _mm256_xor_si256((a), (b))
#define AND(a, b) _mm256_and_si256((a), (b))
#define OR(a, b) _mm256_or_si256((a), (b))
#define SHR(x, n) _mm256_srli_epi64((x), (n))
#define SHL(x, n) _mm256_slli_epi64((x), (n))
/* FIPS 180-4 section 3.2: ROTR^n on each 64-bit word. */
#define ROTR(x, n) OR(SHR((x), (n)), SHL((x), 64 - (n)))

/* Section 4.1.3, functions (4.10) to (4.13). */
#define BSIG0(x) XOR(XOR(ROTR((x), 28), ROTR((x), 34)), ROTR((x), 39))
#define BSIG1(x) XOR(XOR(ROTR((x), 14), ROTR((x), 18)), ROTR((x), 41))
#define SSIG0(x) XOR(XOR(ROTR((x), 1), ROTR((x), 8)), SHR((x), 7))
#define SSIG1(x) XOR(XOR(ROTR((x), 19), ROTR((x), 61)), SHR((x), 6))

/* Ch and Maj as in sha256x8_avx2.c. */
#define CH(x, y, z) XOR((z), AND((x), XOR((y), (z))))

#define ROUND(a, b, c, d, e, f, g, h, wt, t, xy, yz)                                  \
    do {                                                                              \
        v256 t1_ = ADD(ADD(ADD((h), BSIG1(e)), ADD(CH((e), (f), (g)), (wt))),         \
                       _mm256_set1_epi64x((long long)pqf_sha2x_k512[t]));             \
        (xy) = XOR((a), (b));                                                         \
        (d) = ADD((d), t1_);                                                          \
        (h) = ADD(ADD(t1_, BSIG0(a)), XOR((b), AND((xy), (yz))));                     \
    } while (0)

/* Step 1 for t >= 16 on the ring w[t mod 16]. */
#define SCHED(w, t)                                                                   \
    ((w)[(t)&15] = ADD(ADD((w)[(t)&15], SSIG1((w)[((t) + 14) & 15])),                 \
                       ADD((w)[((t) + 9) & 15], SSIG0((w)[((t) + 1) & 15]))))

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

/* Transposes rows r[0..3] (lane j's four words in r[j]) into columns c[0..3]
 * (word i of every lane in c[i]), and byte-swaps each word. */
static void transpose_be(v256 c[4], const v256 r[4]) {
    const v256 bswap = _mm256_setr_epi8(7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9,
                                        8, 7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10,
                                        9, 8);
    /* t0 = words (0 | 2) of lanes 0,1; t1 = words (1 | 3) of lanes 0,1;
     * t2, t3 the same for lanes 2,3. */
    const v256 t0 = _mm256_unpacklo_epi64(r[0], r[1]);
    const v256 t1 = _mm256_unpackhi_epi64(r[0], r[1]);
    const v256 t2 = _mm256_unpacklo_epi64(r[2], r[3]);
    const v256 t3 = _mm256_unpackhi_epi64(r[2], r[3]);
    c[0] = _mm256_shuffle_epi8(_mm256_permute2x128_si256(t0, t2, 0x20), bswap);
    c[1] = _mm256_shuffle_epi8(_mm256_permute2x128_si256(t1, t3, 0x20), bswap);
    c[2] = _mm256_shuffle_epi8(_mm256_permute2x128_si256(t0, t2, 0x31), bswap);
    c[3] = _mm256_shuffle_epi8(_mm256_permute2x128_si256(t1, t3, 0x31), bswap);
}

#define LOADV(p) _mm256_loadu_si256((const v256 *)(const void *)(p))
#define STOREV(p, v) _mm256_storeu_si256((v256 *)(void *)(p), (v))

void pqf_sha512x4_tails_avx2(uint8_t *const out[4], size_t outlen, const uint64_t start[8],
                             const uint8_t *const in[4], size_t nblocks, unsigned count) {
    const uint8_t *src[4];
    uint8_t row[64];
    v256 w[16], r[4], st[8], lo[4], hi[4];
    v256 a, b, c, d, e, f, g, h, p, q;
    size_t blk;
    unsigned i, j, k;

    /* Idle lanes repeat lane 0; their results are dropped. */
    for (j = 0; j < 4; j++) {
        src[j] = in[j < count ? j : 0];
    }
    for (i = 0; i < 8; i++) {
        st[i] = _mm256_set1_epi64x((long long)start[i]);
    }
    for (blk = 0; blk < nblocks; blk++) {
        for (k = 0; k < 4; k++) {
            for (j = 0; j < 4; j++) {
                r[j] = LOADV(src[j] + 128 * blk + 32 * k);
            }
            transpose_be(w + 4 * k, r);
        }

        /* Step 2: the working variables from H^(i-1). */
        a = st[0];
        b = st[1];
        c = st[2];
        d = st[3];
        e = st[4];
        f = st[5];
        g = st[6];
        h = st[7];
        /* Step 3: 80 rounds; q starts as b XOR c for the first Maj. */
        q = XOR(b, c);
        EIGHT(w, 0, LOADED);
        EIGHT(w, 8, LOADED);
        EIGHT(w, 16, SCHED);
        EIGHT(w, 24, SCHED);
        EIGHT(w, 32, SCHED);
        EIGHT(w, 40, SCHED);
        EIGHT(w, 48, SCHED);
        EIGHT(w, 56, SCHED);
        EIGHT(w, 64, SCHED);
        EIGHT(w, 72, SCHED);
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
    /* Back to rows per lane, big-endian: words 0-3 and 4-7. */
    transpose_be(lo, st);
    transpose_be(hi, st + 4);
    for (j = 0; j < count; j++) {
        STOREV(row, lo[j]);
        STOREV(row + 32, hi[j]);
        memcpy(out[j], row, outlen);
    }
    /* The schedule held the message, the state and rows the digests. */
    memset(w, 0, sizeof w);
    memset(r, 0, sizeof r);
    memset(st, 0, sizeof st);
    memset(lo, 0, sizeof lo);
    memset(hi, 0, sizeof hi);
    memset(row, 0, sizeof row);
    __asm__ __volatile__("" : : "r"(w), "r"(r), "r"(st), "r"(lo), "r"(hi), "r"(row)
                         : "memory");
}

#else
/* Not x86-64: the portable path in sha2x.c serves every call. */
typedef int pqf_sha512x4_avx2_unused;
#endif

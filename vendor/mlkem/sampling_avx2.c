/*
 * FIPS 203 section 4.2.2 on AVX2: SampleNTT (Algorithm 7) on four SHAKE128
 * streams at once and SamplePolyCBD_eta (Algorithm 8) on four PRF outputs
 * (SHAKE256, eq. 4.3) at once, through the 4-way sponge of fips202x4.h. Each
 * stream's bytes are those of its own SHAKE call, so the polynomials are those
 * of sampling.c.
 *
 * Rejection sampling reads 24 bytes as sixteen 12-bit candidates (one byte
 * shuffle puts each candidate's two bytes in its 16-bit position; even
 * candidates keep the low 12 bits, odd ones the high 12), compares them with q,
 * and packs each lane's accepted candidates to the front with a shuffle chosen
 * by the lane's 8-bit acceptance mask (a generated table). The bytes come from
 * the public seed rho, so the mask may pick a table row and end the loops.
 *
 * Noise is secret: the CBD arithmetic is straight-line vector code, and the PRF
 * outputs and the sponge states are wiped.
 */
#include "avx2.h"

#ifdef PQF_MLKEM_HAVE_AVX2

#include <immintrin.h>
#include <string.h>

#include "consts_avx2.h"
#include "ct.h"
#include "fips202.h"
#include "fips202x4.h"
#include "sampling.h"

typedef __m256i vec;

#define LOADV(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define STOREV(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))
#define LOAD128(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
#define STORE128(p, v) _mm_storeu_si128((__m128i *)(void *)(p), (v))

/* SampleNTT squeezes three SHAKE128 blocks per stream first, as sampling.c. */
#define XOF_FIRST_BLOCKS 3
/* A 24-byte group is read with a 32-byte load: buffers have 8 bytes more. */
#define SLACK 8

/*
 * Algorithm 7, lines 5-13, on len bytes at buf (len a multiple of 3, buf
 * readable up to buf + len + SLACK): appends the accepted values to c[n..] and
 * returns the new count, at most 256. The vector step runs while 16 more values
 * fit below c + 256 (it stores 8 values per lane whatever it accepts); the
 * scalar step finishes exactly.
 */
static unsigned rej_uniform(int16_t *c, unsigned n, const uint8_t *buf, size_t len) {
    const vec q = _mm256_set1_epi16(PQF_MLKEM_Q);
    const vec low12 = _mm256_set1_epi16(0xFFF);
    const vec shuffle = LOADV(pqf_mlkem_avx2_sample_shuffle);
    size_t pos = 0;
    while (n <= PQF_MLKEM_N - 16 && len - pos >= 24) {
        vec v = _mm256_permute4x64_epi64(LOADV(buf + pos), 0x94); /* bytes 0-15 | 8-23 */
        vec ok;
        uint32_t mask, m0, m1;
        v = _mm256_shuffle_epi8(v, shuffle);
        v = _mm256_blend_epi16(_mm256_and_si256(v, low12), _mm256_srli_epi16(v, 4), 0xAA);
        ok = _mm256_cmpgt_epi16(q, v);
        mask = (uint32_t)_mm256_movemask_epi8(_mm256_packs_epi16(ok, ok));
        m0 = mask & 0xFF;
        m1 = (mask >> 16) & 0xFF;
        STORE128(c + n, _mm_shuffle_epi8(_mm256_castsi256_si128(v),
                                         LOAD128(pqf_mlkem_avx2_compact[m0])));
        n += (unsigned)_mm_popcnt_u32(m0);
        STORE128(c + n, _mm_shuffle_epi8(_mm256_extracti128_si256(v, 1),
                                         LOAD128(pqf_mlkem_avx2_compact[m1])));
        n += (unsigned)_mm_popcnt_u32(m1);
        pos += 24;
    }
    while (n < PQF_MLKEM_N && len - pos >= 3) {
        const uint8_t *p = buf + pos;
        uint16_t d1 = (uint16_t)(p[0] | ((p[1] & 0x0F) << 8));
        uint16_t d2 = (uint16_t)((p[1] >> 4) | (p[2] << 4));
        pos += 3;
        if (d1 < PQF_MLKEM_Q) {
            c[n++] = (int16_t)d1;
        }
        if (d2 < PQF_MLKEM_Q && n < PQF_MLKEM_N) {
            c[n++] = (int16_t)d2;
        }
    }
    return n;
}

/* a[p] = SampleNTT(rho || m || n), p = m k + n < count: four entries per 4-way
 * sponge; a last single entry (k = 3) runs the one-stream code of sampling.c. */
void pqf_mlkem_sample_matrix_entries_avx2(pqf_mlkem_poly *a, const uint8_t rho[PQF_MLKEM_SYM_BYTES],
                                          unsigned count) {
    uint8_t in[4][PQF_MLKEM_SYM_BYTES + 2];
    uint8_t buf[4][XOF_FIRST_BLOCKS * PQF_SHAKE128_RATE + SLACK];
    pqf_keccakx4_state st;
    unsigned p, j, n[4];
    memset(buf, 0, sizeof buf);
    for (j = 0; j < 4; j++) {
        memcpy(in[j], rho, PQF_MLKEM_SYM_BYTES);
    }
    for (p = 0; p + 4 <= count; p += 4) {
        for (j = 0; j < 4; j++) {
            in[j][PQF_MLKEM_SYM_BYTES] = (uint8_t)((p + j) / PQF_MLKEM_K);
            in[j][PQF_MLKEM_SYM_BYTES + 1] = (uint8_t)((p + j) % PQF_MLKEM_K);
        }
        pqf_shake128x4_absorb_once(&st, in[0], in[1], in[2], in[3], sizeof in[0]);
        pqf_shake128x4_squeezeblocks(buf[0], buf[1], buf[2], buf[3], XOF_FIRST_BLOCKS, &st);
        for (j = 0; j < 4; j++) {
            n[j] = rej_uniform(a[p + j].c, 0, buf[j], XOF_FIRST_BLOCKS * PQF_SHAKE128_RATE);
        }
        while (n[0] < PQF_MLKEM_N || n[1] < PQF_MLKEM_N || n[2] < PQF_MLKEM_N ||
               n[3] < PQF_MLKEM_N) {
            pqf_shake128x4_squeezeblocks(buf[0], buf[1], buf[2], buf[3], 1, &st);
            for (j = 0; j < 4; j++) {
                n[j] = rej_uniform(a[p + j].c, n[j], buf[j], PQF_SHAKE128_RATE);
            }
        }
    }
    for (; p < count; p++) {
        pqf_mlkem_sample_ntt(&a[p], rho, (uint8_t)(p / PQF_MLKEM_K), (uint8_t)(p % PQF_MLKEM_K));
    }
}

/* a[m k + n] = SampleNTT(rho || m || n) for every entry. */
void pqf_mlkem_sample_matrix_avx2(pqf_mlkem_poly a[PQF_MLKEM_K * PQF_MLKEM_K],
                                  const uint8_t rho[PQF_MLKEM_SYM_BYTES]) {
    pqf_mlkem_sample_matrix_entries_avx2(a, rho, PQF_MLKEM_K * PQF_MLKEM_K);
}

/*
 * SamplePolyCBD_2 (Algorithm 8, eta = 2) of 128 bytes, as sampling.c's cbd2:
 * in each byte the pairs of bits are summed (x0, y0, x1, y1), the nibbles
 * x0 - y0 + 4 and x1 - y1 + 4 formed (no borrow), then split, interleaved into
 * coefficient order and widened, and 4 subtracted.
 */
static void cbd2(int16_t r[PQF_MLKEM_N], const uint8_t buf[128]) {
    const vec m55 = _mm256_set1_epi8(0x55), m33 = _mm256_set1_epi8(0x33);
    const vec m0f = _mm256_set1_epi8(0x0F), c44 = _mm256_set1_epi8(0x44);
    const vec four = _mm256_set1_epi16(4);
    unsigned i;
    for (i = 0; i < 4; i++) {
        vec b = LOADV(buf + 32 * i), t, d, lo, hi, e0, e1;
        t = _mm256_add_epi8(_mm256_and_si256(b, m55),
                            _mm256_and_si256(_mm256_srli_epi16(b, 1), m55));
        d = _mm256_sub_epi8(_mm256_add_epi8(_mm256_and_si256(t, m33), c44),
                            _mm256_and_si256(_mm256_srli_epi16(t, 2), m33));
        lo = _mm256_and_si256(d, m0f);
        hi = _mm256_and_si256(_mm256_srli_epi16(d, 4), m0f);
        e0 = _mm256_unpacklo_epi8(lo, hi); /* bytes 0-7 | 16-23 of the 32 */
        e1 = _mm256_unpackhi_epi8(lo, hi); /* bytes 8-15 | 24-31 */
        STOREV(r + 64 * i, _mm256_sub_epi16(_mm256_cvtepu8_epi16(_mm256_castsi256_si128(e0)), four));
        STOREV(r + 64 * i + 16,
               _mm256_sub_epi16(_mm256_cvtepu8_epi16(_mm256_castsi256_si128(e1)), four));
        STOREV(r + 64 * i + 32,
               _mm256_sub_epi16(_mm256_cvtepu8_epi16(_mm256_extracti128_si256(e0, 1)), four));
        STOREV(r + 64 * i + 48,
               _mm256_sub_epi16(_mm256_cvtepu8_epi16(_mm256_extracti128_si256(e1, 1)), four));
    }
}

/*
 * SamplePolyCBD_3 (eta = 3) of 192 bytes (buf readable to 200), as sampling.c's
 * cbd3: each 3-byte group goes to a 32-bit position, its eight 3-bit sums are
 * formed by three masked shifts, x - y + 3 for its four coefficients (6-bit
 * fields, no borrow), which are moved into 16-bit positions, ordered, and 3
 * subtracted.
 */
static void cbd3(int16_t r[PQF_MLKEM_N], const uint8_t *buf) {
    const vec m249 = _mm256_set1_epi32(0x249249), m1c7 = _mm256_set1_epi32(0x1C71C7);
    const vec c3 = _mm256_set1_epi32(0x0C30C3), m3f = _mm256_set1_epi32(0x3F);
    const vec m3f_hi = _mm256_set1_epi32(0x3F0000), three = _mm256_set1_epi16(3);
    const vec shuffle = LOADV(pqf_mlkem_avx2_cbd3_shuffle);
    unsigned i;
    for (i = 0; i < 8; i++) {
        vec w = _mm256_permute4x64_epi64(LOADV(buf + 24 * i), 0x94), t, d, lo, hi, r0, r1;
        w = _mm256_shuffle_epi8(w, shuffle);
        t = _mm256_add_epi32(_mm256_and_si256(w, m249),
                             _mm256_and_si256(_mm256_srli_epi32(w, 1), m249));
        t = _mm256_add_epi32(t, _mm256_and_si256(_mm256_srli_epi32(w, 2), m249));
        d = _mm256_sub_epi32(_mm256_add_epi32(_mm256_and_si256(t, m1c7), c3),
                             _mm256_and_si256(_mm256_srli_epi32(t, 3), m1c7));
        lo = _mm256_or_si256(_mm256_and_si256(d, m3f),
                             _mm256_and_si256(_mm256_slli_epi32(d, 10), m3f_hi));
        hi = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi32(d, 12), m3f),
                             _mm256_and_si256(_mm256_srli_epi32(d, 2), m3f_hi));
        r0 = _mm256_unpacklo_epi32(lo, hi); /* coefficients 0-7 | 16-23 */
        r1 = _mm256_unpackhi_epi32(lo, hi); /* 8-15 | 24-31 */
        STOREV(r + 32 * i, _mm256_sub_epi16(_mm256_permute2x128_si256(r0, r1, 0x20), three));
        STOREV(r + 32 * i + 16,
               _mm256_sub_epi16(_mm256_permute2x128_si256(r0, r1, 0x31), three));
    }
}

static void cbd(pqf_mlkem_poly *r, const uint8_t *buf, unsigned eta) {
    if (eta == 3) { /* a parameter, not data */
        cbd3(r->c, buf);
    } else {
        cbd2(r->c, buf);
    }
}

/* Groups of four (two or three padded with repeats of the first nonce, whose
 * output is dropped); a last single one through the one-stream sponge. */
void pqf_mlkem_sample_noise_avx2(pqf_mlkem_poly *r, const unsigned *eta, unsigned count,
                                 const uint8_t s[PQF_MLKEM_SYM_BYTES], uint8_t nonce0) {
    uint8_t in[4][PQF_MLKEM_SYM_BYTES + 1];
    uint8_t buf[4][2 * PQF_SHAKE256_RATE]; /* 64 eta <= 192 bytes, + SLACK */
    pqf_keccakx4_state st;
    unsigned i = 0, j;
    for (j = 0; j < 4; j++) {
        memcpy(in[j], s, PQF_MLKEM_SYM_BYTES);
    }
    while (count - i >= 2) {
        const unsigned lanes = count - i < 4 ? count - i : 4;
        unsigned blocks = 1;
        for (j = 0; j < 4; j++) {
            in[j][PQF_MLKEM_SYM_BYTES] = (uint8_t)(nonce0 + i + (j < lanes ? j : 0));
        }
        for (j = 0; j < lanes; j++) {
            if (64 * eta[i + j] > PQF_SHAKE256_RATE) {
                blocks = 2;
            }
        }
        pqf_shake256x4_absorb_once(&st, in[0], in[1], in[2], in[3], sizeof in[0]);
        pqf_shake256x4_squeezeblocks(buf[0], buf[1], buf[2], buf[3], blocks, &st);
        for (j = 0; j < lanes; j++) {
            cbd(&r[i + j], buf[j], eta[i + j]);
        }
        i += lanes;
    }
    if (i < count) {
        in[0][PQF_MLKEM_SYM_BYTES] = (uint8_t)(nonce0 + i);
        memset(buf[0], 0, sizeof buf[0]);
        pqf_shake256(buf[0], 64 * eta[i], in[0], sizeof in[0]);
        cbd(&r[i], buf[0], eta[i]);
    }
    pqf_wipe(in, sizeof in);
    pqf_wipe(buf, sizeof buf);
    pqf_keccakx4_wipe(&st);
}

/*
 * Noise streams in lanes 1-3 of a 4-way sponge whose lane 0 runs another
 * stream: PRF stream (s, nonce0 + i), i < count, in lane 1 + i % 3, each lane
 * starting its next stream (pqf_shakex4_absorb_lane) once the previous one
 * has its 64 eta bytes. Which lane does what depends only on count and eta,
 * never on data.
 */
typedef struct {
    uint8_t in[PQF_MLKEM_SYM_BYTES + 1]; /* s || nonce */
    uint8_t buf[3][2 * PQF_SHAKE256_RATE]; /* 64 eta <= 192 bytes, + SLACK */
    unsigned cur[3], have[3];              /* each lane's stream, its blocks so far */
    unsigned count, left;
    uint8_t nonce0;
} noise_lanes;

/* Starts the first stream of each lane; a lane without one absorbs the empty
 * string, its output unused. */
static void noise_start(noise_lanes *nl, pqf_keccakx4_state *st, unsigned count,
                        const uint8_t s[PQF_MLKEM_SYM_BYTES], uint8_t nonce0) {
    unsigned l;
    memcpy(nl->in, s, PQF_MLKEM_SYM_BYTES);
    nl->count = count;
    nl->left = count;
    nl->nonce0 = nonce0;
    for (l = 0; l < 3; l++) {
        nl->cur[l] = l;
        nl->have[l] = 0;
        nl->in[PQF_MLKEM_SYM_BYTES] = (uint8_t)(nonce0 + l);
        pqf_shakex4_absorb_lane(st, 1 + l, PQF_SHAKE256_RATE, nl->in,
                                l < count ? sizeof nl->in : 0);
    }
}

/* Where lanes 1-3 write the next block (NULL: no stream left in the lane). */
static void noise_outputs(noise_lanes *nl, uint8_t *out[4]) {
    unsigned l;
    for (l = 0; l < 3; l++) {
        out[1 + l] = nl->cur[l] < nl->count ? nl->buf[l] + nl->have[l] * PQF_SHAKE256_RATE
                                            : NULL;
    }
}

/* After a block: each stream that has its bytes becomes r[i], and its lane
 * starts its next stream. */
static void noise_after_block(noise_lanes *nl, pqf_keccakx4_state *st, pqf_mlkem_poly *r,
                              const unsigned *eta) {
    unsigned l;
    for (l = 0; l < 3; l++) {
        unsigned i = nl->cur[l];
        if (i >= nl->count) {
            continue;
        }
        nl->have[l]++;
        if (nl->have[l] * PQF_SHAKE256_RATE >= 64 * eta[i]) {
            cbd(&r[i], nl->buf[l], eta[i]);
            nl->left--;
            nl->cur[l] = i + 3;
            nl->have[l] = 0;
            if (nl->cur[l] < nl->count) {
                nl->in[PQF_MLKEM_SYM_BYTES] = (uint8_t)(nl->nonce0 + nl->cur[l]);
                pqf_shakex4_absorb_lane(st, 1 + l, PQF_SHAKE256_RATE, nl->in, sizeof nl->in);
            }
        }
    }
}

/*
 * SampleNTT(rho || x || y) in lane 0 beside the noise lanes. Lane 0 takes the
 * three SHAKE128 blocks the matrix code takes first, so the noise must fit in
 * those three permutations: count <= 3, or count <= 6 with eta 2.
 */
void pqf_mlkem_sample_ntt_noise_avx2(pqf_mlkem_poly *a, const uint8_t rho[PQF_MLKEM_SYM_BYTES],
                                     uint8_t x, uint8_t y, pqf_mlkem_poly *r,
                                     const unsigned *eta, unsigned count,
                                     const uint8_t s[PQF_MLKEM_SYM_BYTES], uint8_t nonce0) {
    uint8_t in_a[PQF_MLKEM_SYM_BYTES + 2];
    uint8_t buf_a[XOF_FIRST_BLOCKS * PQF_SHAKE128_RATE + SLACK];
    uint8_t *out[4];
    const unsigned rate[4] = {PQF_SHAKE128_RATE, PQF_SHAKE256_RATE, PQF_SHAKE256_RATE,
                              PQF_SHAKE256_RATE};
    noise_lanes nl;
    pqf_keccakx4_state st;
    unsigned b, n;

    memset(buf_a, 0, sizeof buf_a);
    memcpy(in_a, rho, PQF_MLKEM_SYM_BYTES);
    in_a[PQF_MLKEM_SYM_BYTES] = x;
    in_a[PQF_MLKEM_SYM_BYTES + 1] = y;
    pqf_shakex4_absorb_lane(&st, 0, PQF_SHAKE128_RATE, in_a, sizeof in_a);
    noise_start(&nl, &st, count, s, nonce0);
    for (b = 0; b < XOF_FIRST_BLOCKS; b++) {
        out[0] = buf_a + b * PQF_SHAKE128_RATE;
        noise_outputs(&nl, out);
        pqf_shakex4_squeezeblocks_lanes(out, rate, 1, &st);
        noise_after_block(&nl, &st, r, eta);
    }
    n = rej_uniform(a->c, 0, buf_a, XOF_FIRST_BLOCKS * PQF_SHAKE128_RATE);
    out[0] = buf_a;
    out[1] = out[2] = out[3] = NULL;
    while (n < PQF_MLKEM_N) {
        pqf_shakex4_squeezeblocks_lanes(out, rate, 1, &st);
        n = rej_uniform(a->c, n, buf_a, PQF_SHAKE128_RATE);
    }
    pqf_wipe(&nl, sizeof nl);
    pqf_keccakx4_wipe(&st);
}

/* J's input z || c, a whole number of 8-byte lanes for every parameter set. */
#define JLEN (PQF_MLKEM_SYM_BYTES + PQF_MLKEM_CT_BYTES)
PQF_MLKEM_STATIC_CHECK(j_input_whole_words, JLEN % 8 == 0);

/*
 * J(z || c) = SHAKE256(z || c, 32) in lane 0 (absorbed a block per
 * permutation, its words XORed into the lane, then the padding), beside the
 * noise lanes; the permutations go on while either is unfinished.
 */
void pqf_mlkem_sample_noise_j_avx2(pqf_mlkem_poly *r, const unsigned *eta, unsigned count,
                                   const uint8_t s[PQF_MLKEM_SYM_BYTES], uint8_t nonce0,
                                   uint8_t k_bar[PQF_MLKEM_SYM_BYTES],
                                   const uint8_t z[PQF_MLKEM_SYM_BYTES],
                                   const uint8_t c[PQF_MLKEM_CT_BYTES]) {
    uint8_t zc[JLEN];
    uint8_t *out[4];
    const unsigned rate[4] = {PQF_SHAKE256_RATE, PQF_SHAKE256_RATE, PQF_SHAKE256_RATE,
                              PQF_SHAKE256_RATE};
    noise_lanes nl;
    pqf_keccakx4_state st;
    size_t pos = 0;
    unsigned i;
    int padded = 0, j_done = 0;

    memcpy(zc, z, PQF_MLKEM_SYM_BYTES);
    memcpy(zc + PQF_MLKEM_SYM_BYTES, c, PQF_MLKEM_CT_BYTES);
    for (i = 0; i < 25; i++) {
        st.s[4 * i] = 0;
    }
    noise_start(&nl, &st, count, s, nonce0);
    while (!j_done || nl.left > 0) {
        if (!j_done) {
            /* the next block of z || c, or the last words and the padding
             * (FIPS 202 section 5.1 and B.2, SHAKE's domain bits 1111) */
            size_t take = JLEN - pos < PQF_SHAKE256_RATE ? JLEN - pos : PQF_SHAKE256_RATE;
            for (i = 0; i < take / 8; i++) {
                uint64_t w;
                memcpy(&w, zc + pos + 8 * i, 8);
                st.s[4 * i] ^= w;
            }
            pos += take;
            if (take < PQF_SHAKE256_RATE) {
                st.s[4 * (take / 8)] ^= 0x1F;
                st.s[4 * (PQF_SHAKE256_RATE / 8 - 1)] ^= (uint64_t)0x80 << 56;
                padded = 1;
            }
        }
        out[0] = NULL;
        noise_outputs(&nl, out);
        pqf_shakex4_squeezeblocks_lanes(out, rate, 1, &st);
        noise_after_block(&nl, &st, r, eta);
        if (padded && !j_done) {
            for (i = 0; i < PQF_MLKEM_SYM_BYTES / 8; i++) {
                memcpy(k_bar + 8 * i, &st.s[4 * i], 8);
            }
            j_done = 1;
        }
    }
    pqf_wipe(zc, sizeof zc);
    pqf_wipe(&nl, sizeof nl);
    pqf_keccakx4_wipe(&st);
}

#undef JLEN

#else
typedef int pqf_mlkem_sampling_avx2_unused;
#endif

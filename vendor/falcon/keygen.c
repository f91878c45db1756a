/*
 * Falcon specification section 3.8: key generation (Algorithm 4, KeyGen, with
 * Algorithm 5, NTRUGen). f and g are drawn from a discrete Gaussian of
 * parameter sigma_{f,g} = 1.17 sqrt(q / 2n) driven by SHAKE256(seed); (f, g) is
 * kept when its coefficients fit the private-key encoding, when
 * ||(g, -f)||^2 < 1.17^2 q and the Gram-Schmidt norm of the second basis
 * vector, ||(q adj(f), q adj(g)) / (f adj(f) + g adj(g))||^2, is below 1.17^2 q,
 * when f is invertible modulo q and NTRUSolve succeeds.
 *
 * Sampling: a 63-bit value is compared with a cumulative table of the Gaussian
 * of parameter 1.17 sqrt(q / 2048) (n = 1024); for n = 512 two such samples
 * are added (variance doubles, matching sigma_{f,g} for n = 512). The whole
 * table is scanned for each draw (constant time). The sum of the coefficients
 * of f (and of g) is forced odd by redrawing the last coefficient, so that the
 * resultants are odd.
 */
#include <string.h>

#include "internal.h"

#include "ct.h"

#define Q PQF_FALCON_Q

/*
 * T[0] = round(2^63 P(X = 0)); T[k] = round(2^63 P(|X| > k | X != 0)) for
 * k = 1..26, X of the discrete Gaussian over Z with sigma = 1.17 sqrt(12289 /
 * 2048) = 2.8660196105754624 (computed with 80-digit arithmetic).
 */
static const uint64_t gauss_cdt[27] = {
    1283868770400643928u, 6416574995475331444u, 4078260278032692663u,
    2353523259288686585u, 1227179971273316331u, 575931623374121527u,
    242543240509105209u,  91437049221049666u,   30799446349977173u,
    9255276791179340u,    2478152334826140u,    590642893610164u,
    125206034929641u,     23590435911403u,      3948334035941u,
    586753615614u,        77391054539u,         9056793210u,
    940121950u,           86539696u,            7062824u,
    510971u,              32764u,               1862u,
    94u,                  4u,                   0u};

static uint64_t shake_u64(pqf_keccak_ctx *rng) {
    uint8_t b[8];
    uint64_t r = 0;
    int i;
    pqf_keccak_squeeze(rng, b, 8);
    for (i = 7; i >= 0; i--) {
        r = (r << 8) | b[i];
    }
    pqf_wipe(b, sizeof b);
    return r;
}

/* One coefficient of D_{Z, sigma_{f,g}} (constant time). */
static int32_t gauss_sample(pqf_keccak_ctx *rng) {
    const unsigned reps = 1u << (10 - PQF_FALCON_LOGN);
    int32_t val = 0;
    unsigned i, k;
    for (i = 0; i < reps; i++) {
        uint64_t r = shake_u64(rng);
        uint32_t neg = (uint32_t)(r >> 63), zero, v = 0;
        r &= ~((uint64_t)1 << 63);
        /* zero = 1 when r < T[0]: the sample is 0 */
        zero = (uint32_t)((r - gauss_cdt[0]) >> 63);
        r = shake_u64(rng) & ~((uint64_t)1 << 63);
        /* v = first k >= 1 with r >= T[k] (the magnitude), unless zero */
        for (k = 1; k < 27; k++) {
            uint32_t t = (uint32_t)((r - gauss_cdt[k]) >> 63) ^ 1u;
            v |= k & (uint32_t)(0u - (t & (zero ^ 1u)));
            zero |= t;
        }
        v = (v ^ (0u - neg)) + neg;
        val += (int32_t)v;
    }
    return val;
}

/* Algorithm 5 line 2: a polynomial with D_{Z, sigma_{f,g}} coefficients and
 * odd coefficient sum. */
static void sample_poly(int8_t *f, pqf_keccak_ctx *rng) {
    const size_t n = PQF_FALCON_N;
    size_t u;
    uint32_t parity = 0;
    for (u = 0; u < n; u++) {
        int32_t s;
        for (;;) {
            uint32_t redraw;
            s = gauss_sample(rng);
            /* a value outside the encodable range, or a last coefficient
             * that would make the sum even, is redrawn: public decisions on
             * discarded values (assurance/suppressions.md, K2) */
            redraw = (uint32_t)(s < -127) | (uint32_t)(s > 127);
            redraw |= (uint32_t)(u == n - 1) & ~((uint32_t)s ^ parity);
            redraw &= 1u;
            PQF_DECLASSIFY(&redraw, sizeof redraw);
            if (!redraw) {
                break;
            }
        }
        parity ^= (uint32_t)s & 1u;
        f[u] = (int8_t)s;
    }
}

/* Coefficients within the private-key encoding: |x| < 2^(bits-1). */
static uint32_t fits_encoding(const int8_t *f) {
    const size_t n = PQF_FALCON_N;
    const uint32_t lim = 1u << (PQF_FALCON_FG_BITS - 1);
    uint32_t bad = 0;
    size_t u;
    for (u = 0; u < n; u++) {
        bad |= pqf_ct_mask_lt_u32(2 * lim - 2, (uint32_t)((int32_t)f[u] + (int32_t)lim - 1));
    }
    return ~bad;
}

static uint32_t sqnorm(const int8_t *f) {
    uint32_t s = 0;
    size_t u;
    for (u = 0; u < PQF_FALCON_N; u++) {
        s += (uint32_t)((int32_t)f[u] * f[u]);
    }
    return s;
}

/* ||(q adj(f), q adj(g)) / (f adj(f) + g adj(g))||^2 < 1.17^2 q; w: 3n doubles */
static uint32_t gs_norm_ok(const int8_t *f, const int8_t *g, double *w) {
    const unsigned logn = PQF_FALCON_LOGN;
    const size_t n = PQF_FALCON_N;
    double *a = w, *b = w + n, *c = w + 2 * n, s = 0.0;
    size_t u;
    for (u = 0; u < n; u++) {
        a[u] = (double)f[u];
        b[u] = (double)g[u];
    }
    pqf_falcon_fft(a, logn);
    pqf_falcon_fft(b, logn);
    for (u = 0; u < n / 2; u++) {
        double ar = a[u], ai = a[u + n / 2], br = b[u], bi = b[u + n / 2];
        c[u] = 1.0 / ((ar * ar + ai * ai) + (br * br + bi * bi));
    }
    pqf_falcon_fft_adj(a, logn);
    pqf_falcon_fft_adj(b, logn);
    pqf_falcon_fft_mulconst(a, (double)Q, logn);
    pqf_falcon_fft_mulconst(b, (double)Q, logn);
    for (u = 0; u < n / 2; u++) {
        a[u] *= c[u];
        a[u + n / 2] *= c[u];
        b[u] *= c[u];
        b[u + n / 2] *= c[u];
    }
    pqf_falcon_ifft(a, logn);
    pqf_falcon_ifft(b, logn);
    for (u = 0; u < n; u++) {
        s += a[u] * a[u];
        s += b[u] * b[u];
    }
    return (uint32_t)(s < 16822.4121);
}

/* Algorithm 4: KeyGen. */
int PQF_FALCON_NS(keygen)(uint8_t *pk, uint8_t *sk, const uint8_t *seed48,
                          uint8_t *tmp) {
    const unsigned logn = PQF_FALCON_LOGN;
    const size_t n = PQF_FALCON_N;
    int8_t *f = (int8_t *)tmp, *g = f + n, *F = g + n, *G = F + n;
    uint16_t *h = (uint16_t *)(void *)(G + n), *t = h + n;
    uint8_t *work = tmp + 8 * n;
    size_t worklen = PQF_FALCON_API_TMP_BYTES - 8 * n, off;
    pqf_keccak_ctx rng;

    if (worklen < PQF_FALCON_NTRU_TMP_BYTES()) {
        return pqf_leave(PQF_ERR_INTERNAL);
    }
    pqf_shake256_init(&rng);
    pqf_keccak_absorb(&rng, seed48, PQF_FALCON_SEED_BYTES);
    for (;;) {
        sample_poly(f, &rng);
        sample_poly(g, &rng);
        /* each test below is a public decision to draw again: a rejected
         * candidate is discarded (assurance/suppressions.md, K1) */
        uint32_t ok = fits_encoding(f) & fits_encoding(g) & 1u;
        ok &= (uint32_t)(sqnorm(f) + sqnorm(g) < 16823);
        PQF_DECLASSIFY(&ok, sizeof ok);
        if (!ok) {
            continue;
        }
        ok = gs_norm_ok(f, g, (double *)(void *)work);
        PQF_DECLASSIFY(&ok, sizeof ok);
        if (!ok) {
            continue;
        }
        pqf_falcon_mq_from_small(h, g, logn);
        pqf_falcon_mq_from_small(t, f, logn);
        ok = (uint32_t)pqf_falcon_mq_div_poly(h, t, logn);
        PQF_DECLASSIFY(&ok, sizeof ok);
        if (!ok) {
            continue;
        }
        ok = (uint32_t)pqf_falcon_ntru_solve(F, G, f, g, logn, work, worklen);
        PQF_DECLASSIFY(&ok, sizeof ok);
        if (!ok) {
            continue;
        }
        break;
    }
    pqf_keccak_wipe(&rng);

    pk[0] = PQF_FALCON_PK_HEADER;
    pqf_falcon_modq_encode(pk + 1, h, logn);
    sk[0] = PQF_FALCON_SK_HEADER;
    off = 1;
    off += pqf_falcon_trim_i8_encode(sk + off, f, logn, PQF_FALCON_FG_BITS);
    off += pqf_falcon_trim_i8_encode(sk + off, g, logn, PQF_FALCON_FG_BITS);
    pqf_falcon_trim_i8_encode(sk + off, F, logn, 8);
    pqf_wipe(tmp, PQF_FALCON_API_TMP_BYTES);
    return pqf_leave(PQF_OK);
}

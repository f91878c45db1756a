/*
 * Falcon specification section 3.8: key generation (Algorithm 4, KeyGen, with
 * Algorithm 5, NTRUGen). f and g are drawn from a discrete Gaussian of
 * parameter sigma_{f,g} = 1.17 sqrt(q / 2n) driven by SHAKE256(seed); (f, g) is
 * kept when its coefficients fit the private-key encoding, when
 * ||(g, -f)||^2 < 1.17^2 q and the Gram-Schmidt norm of the second basis
 * vector, ||(q adj(f), q adj(g)) / (f adj(f) + g adj(g))||^2, is below 1.17^2 q,
 * when f is invertible modulo q and NTRUSolve succeeds.
 *
 * The sampling and acceptance part (the table kg_tab, kg_next64,
 * kg_base_sample, sample_poly, fits_encoding, sqnorm, gs_norm_ok) was
 * rewritten clean room for issue 13: written from the specification and from
 * vendor/falcon/SPEC-NOTES.md sections 1, 4, 5.1 to 5.4, 11 and 12 only,
 * without reading the code it replaces or any other Falcon implementation,
 * and checked against the previous code as a black box (identical keys). The
 * table is the output of scripts/gen_falcon_tables.py, which derives it from
 * its definition and --checks it. Each coefficient is one base sample (two
 * 64-bit draws against a table for n = 1024, every entry compared, so
 * constant time) for n = 1024 and the sum of two for n = 512 (twice the
 * variance); the last coefficient is redrawn until the coefficient sum is odd,
 * so that the resultants are odd.
 */
#include <string.h>

#include "internal.h"

#include "ct.h"

/* ---- SPEC-NOTES 5.2.1: the table T (27 values below 2^63, decreasing from
 * index 1, kg_tab[26] = 0), output of scripts/gen_falcon_tables.py, which
 * derives it and --checks it. kg_tab[0] = 2^63 P(X = 0); kg_tab[k] =
 * 2^63 P(|X| > k | X != 0), X ~ D_{Z, 1.17 sqrt(q / 2048)}. */
static const uint64_t kg_tab[27] = {
    1283868770400643928u, 6416574995475331444u, 4078260278032692663u,
    2353523259288686585u, 1227179971273316331u, 575931623374121527u,
    242543240509105209u, 91437049221049666u, 30799446349977173u,
    9255276791179340u, 2478152334826140u, 590642893610164u,
    125206034929641u, 23590435911403u, 3948334035941u,
    586753615614u, 77391054539u, 9056793210u,
    940121950u, 86539696u, 7062824u,
    510971u, 32764u, 1862u,
    94u, 4u, 0u,
};

/* SPEC-NOTES 5.4 test 2: the bound 1.17^2 q (exact decimal) on the squared
 * Gram-Schmidt norm */
static const double kg_gs_bound = 16822.4121;

/* SPEC-NOTES 5.1: the next 8 bytes of the SHAKE256 stream, little-endian */
static uint64_t kg_next64(pqf_keccak_ctx *rng) {
    uint8_t buf[8];
    uint64_t r = 0;
    unsigned j;

    pqf_keccak_squeeze(rng, buf, sizeof buf);
    for (j = 8; j-- > 0;) {
        r = (r << 8) | buf[j];
    }
    pqf_wipe(buf, sizeof buf);
    return r;
}

/* 1 when a < b, for a, b < 2^63, without a comparison instruction's branch */
static uint64_t kg_lt63(uint64_t a, uint64_t b) {
    return (a - b) >> 63;
}

/* SPEC-NOTES 5.2: one base sample from two draws u, v. Every entry of the
 * table is compared (constant time). Since kg_tab[1..26] decreases to 0, the
 * least k >= 1 with v' >= kg_tab[k] is 1 + #{k in 1..26 : v' < kg_tab[k]}. */
static int32_t kg_base_sample(pqf_keccak_ctx *rng) {
    const uint64_t m63 = ((uint64_t)1 << 63) - 1;
    uint64_t u = kg_next64(rng);
    uint64_t v = kg_next64(rng) & m63;
    uint64_t neg = u >> 63, mag = 1, nonzero;
    unsigned k;
    int32_t m, s;

    u &= m63;
    for (k = 1; k < 27; k++) {
        mag += kg_lt63(v, kg_tab[k]);
    }
    nonzero = kg_lt63(u, kg_tab[0]) ^ 1;
    mag &= (uint64_t)0 - nonzero;
    m = (int32_t)mag;
    s = (int32_t)neg;
    return m - 2 * s * m;
}

/* SPEC-NOTES 5.3: n coefficients in index order; a draw outside [-127, 127],
 * or a last draw that would leave the coefficient sum even, is redrawn (a
 * public decision, assurance/suppressions.md row 18, K2). */
static void sample_poly(int8_t *p, pqf_keccak_ctx *rng) {
    const size_t n = PQF_FALCON_N;
    uint32_t par = 0;
    size_t i = 0;

    while (i < n) {
        int32_t c = kg_base_sample(rng);
        uint32_t redraw, even;
#if PQF_FALCON_LOGN == 9
        /* the table is for n = 1024: two samples give twice the variance */
        c += kg_base_sample(rng);
#endif
        redraw = ((uint32_t)(127 - c) | (uint32_t)(c + 127)) >> 31;
        even = ((par ^ (uint32_t)c) & 1u) ^ 1u;
        redraw |= even & (uint32_t)(i == n - 1);
        PQF_DECLASSIFY(&redraw, sizeof redraw);
        if (redraw) {
            continue;
        }
        p[i] = (int8_t)c;
        par ^= (uint32_t)c & 1u;
        i++;
    }
}

/* SPEC-NOTES 5.4 test 1, first half: 1 when every |x_i| <= 2^(b-1) - 1 */
static uint32_t fits_encoding(const int8_t *x) {
    const int32_t lim = (1 << (PQF_FALCON_FG_BITS - 1)) - 1;
    uint32_t bad = 0;
    size_t i;

    for (i = 0; i < PQF_FALCON_N; i++) {
        int32_t c = x[i];
        bad |= (uint32_t)(lim - c) | (uint32_t)(c + lim);
    }
    return (bad >> 31) ^ 1u;
}

/* sum of x_i^2 (at most 1024 * 128^2) */
static uint32_t sqnorm(const int8_t *x) {
    uint32_t s = 0;
    size_t i;

    for (i = 0; i < PQF_FALCON_N; i++) {
        int32_t c = x[i];
        s += (uint32_t)(c * c);
    }
    return s;
}

/* SPEC-NOTES 5.4 test 2, with the binary64 sequence the note fixes: in FFT
 * form, per slot c = 1 / (|f_j|^2 + |g_j|^2), A = (adj(f) q) c,
 * B = (adj(g) q) c; back to coefficients; the squares summed in index order,
 * A_i^2 then B_i^2. w holds 2n doubles; wiped before returning. */
static uint32_t gs_norm_ok(const int8_t *f, const int8_t *g, double *w) {
    const unsigned logn = PQF_FALCON_LOGN;
    const size_t n = PQF_FALCON_N, hn = PQF_FALCON_N / 2;
    const double q = (double)PQF_FALCON_Q;
    double *a = w, *b = w + n, acc = 0.0;
    uint32_t ok;
    size_t i;

    for (i = 0; i < n; i++) {
        a[i] = (double)f[i];
        b[i] = (double)g[i];
    }
    pqf_falcon_fft(a, logn);
    pqf_falcon_fft(b, logn);
    for (i = 0; i < hn; i++) {
        double ar = a[i], ai = a[i + hn], br = b[i], bi = b[i + hn];
        double c = 1.0 / ((ar * ar + ai * ai) + (br * br + bi * bi));
        a[i] = (ar * q) * c;
        a[i + hn] = ((-ai) * q) * c;
        b[i] = (br * q) * c;
        b[i + hn] = ((-bi) * q) * c;
    }
    pqf_falcon_ifft(a, logn);
    pqf_falcon_ifft(b, logn);
    for (i = 0; i < n; i++) {
        acc += a[i] * a[i];
        acc += b[i] * b[i];
    }
    ok = (uint32_t)(acc < kg_gs_bound);
    pqf_wipe(w, 2 * n * sizeof(double));
    return ok;
}

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
    pqf_falcon_q14_pack(pk + 1, h, logn);
    sk[0] = PQF_FALCON_SK_HEADER;
    off = 1;
    off += pqf_falcon_small_pack(sk + off, f, logn, PQF_FALCON_FG_BITS);
    off += pqf_falcon_small_pack(sk + off, g, logn, PQF_FALCON_FG_BITS);
    pqf_falcon_small_pack(sk + off, F, logn, 8);
    pqf_wipe(tmp, PQF_FALCON_API_TMP_BYTES);
    return pqf_leave(PQF_OK);
}

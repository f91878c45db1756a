/*
 * Falcon specification section 3.9: signature generation (Algorithm 10) with
 * fast Fourier sampling (Algorithm 11, ffSampling) over the LDL* tree of the
 * Gram matrix (Algorithms 8 and 9, ffLDL*), built level by level as sampling
 * proceeds rather than stored. Also the private-key completion G = g*F/f mod q
 * (section 3.8.4) and check_sk.
 *
 * Constant time: the floating-point code has no data-dependent branch or
 * index; the loop that draws a fresh sample when ||(s1, s2)|| is too large (or
 * the compressed s2 does not fit) depends on a public decision. See fft.c for
 * the floating-point requirements (-ffp-contract=off).
 */
#include <string.h>

#include "internal.h"

#include "ct.h"

#define Q PQF_FALCON_Q

#if PQF_FALCON_LOGN == 9
/* 1/sigma and sigma_min (Table 3.3), correctly rounded from their definitions */
static const double inv_sigma = 0x1.8b6c2de64c7c9p-8;   /* 1/165.7366171829776 */
static const double sigma_min = 0x1.47201bf1f7a75p+0;   /* 1.2778336969128337 */
#else
static const double inv_sigma = 0x1.8531ef6311ae2p-8;   /* 1/168.38857144654395 */
static const double sigma_min = 0x1.4c5c19990c764p+0;   /* 1.298280334344292 */
#endif
static const double inv_q = 0x1.554e39097a782p-14;      /* 1/12289 */

/* Section 3.8.4: G = g*F/f mod q, centred; fails (0) unless f is invertible
 * and every |G| <= 127. Constant time. t1, t2: n uint16_t each. */
static uint32_t complete_private(int8_t *G, const int8_t *f, const int8_t *g,
                                 const int8_t *F, uint16_t *t1, uint16_t *t2) {
    const unsigned logn = PQF_FALCON_LOGN;
    const size_t n = PQF_FALCON_N;
    size_t u;
    uint32_t ok;
    pqf_falcon_mq_from_small(t1, g, logn);
    pqf_falcon_mq_from_small(t2, F, logn);
    pqf_falcon_mq_ntt(t1, logn);
    pqf_falcon_mq_ntt(t2, logn);
    for (u = 0; u < n; u++) {
        t1[u] = (uint16_t)pqf_falcon_mq_mul(t1[u], t2[u]);
    }
    pqf_falcon_mq_intt(t1, logn);
    pqf_falcon_mq_from_small(t2, f, logn);
    ok = pqf_falcon_mq_div_poly(t1, t2, logn);
    for (u = 0; u < n; u++) {
        /* centre into (-q/2, q/2] and require |G| <= 127 */
        uint32_t w = t1[u];
        uint32_t big = pqf_ct_mask_lt_u32(Q / 2, w);
        int32_t s = (int32_t)(w - (Q & big));
        ok &= ~pqf_ct_mask_lt_u32(254, (uint32_t)(s + 127));
        G[u] = (int8_t)s;
    }
    return ok;
}

/*
 * The square root of a positive normal double, correctly rounded (so equal to
 * the C library's sqrt), without the branch that sqrt carries for errno and
 * without the square-root instruction, whose latency may depend on its operand.
 *
 * Write x = M 2^(2k) with M an integer in [2^104, 2^106). An approximation R of
 * sqrt(M) in [2^52, 2^53] comes from Newton's iteration on 1/sqrt(z),
 * z = M / 2^104 in [1, 4), started from the exponent-halving guess; it is
 * within a few units of sqrt(M), so D = M - R^2 is small and is exact in the
 * low 64 bits. One Newton step on D (R += D / (2 sqrt(M))) brings R within one
 * unit. The correctly rounded root is the R with -R < D <= R
 * ((R - 1/2)^2 < M <= (R + 1/2)^2, ties being impossible); R moves by one
 * towards it, without branches, until it holds. The approximation's roundings
 * (and a contracted multiply-add) only change R before the correction.
 */
static double ct_sqrt(double x) {
    uint64_t bits, m, e, s, mlow, zb, yb;
    int64_t k, r, d;
    double z, y;
    int i;
    memcpy(&bits, &x, sizeof bits);
    e = (bits >> 52) & 0x7FF;
    m = (bits & (((uint64_t)1 << 52) - 1)) | ((uint64_t)1 << 52);
    /* M = m 2^s, s = 52 or 53 so that e - 1075 - s is even */
    s = 52 + ((e + 1) & 1);
    k = ((int64_t)e - 1075 - (int64_t)s) / 2;
    /* z = m 2^(s - 104): exponent field 1023 (s = 52) or 1024 (s = 53) */
    zb = ((s + 971) << 52) | (m & (((uint64_t)1 << 52) - 1));
    memcpy(&z, &zb, sizeof z);
    yb = (uint64_t)0x5FE6EB50C7B537A9u - (zb >> 1);
    memcpy(&y, &yb, sizeof y);
    for (i = 0; i < 4; i++) {
        y = y * (1.5 - (0.5 * z) * (y * y));
    }
    /* z y ~ sqrt(z) in [1, 2], so R ~ z y 2^52 */
    r = (int64_t)((z * y) * 4503599627370496.0 + 0.5);
    mlow = m << s; /* M mod 2^64 */
    d = (int64_t)(mlow - (uint64_t)r * (uint64_t)r);
    /* D / (2 sqrt(M)) = D y 2^-53, a few units at most: truncated */
    r += (int64_t)(((double)d * y) * 0x1p-53);
    d = (int64_t)(mlow - (uint64_t)r * (uint64_t)r);
    for (i = 0; i < 2; i++) {
        /* D > R: R + 1; D <= -R: R - 1 */
        uint64_t up = (uint64_t)(r - d) >> 63;
        uint64_t dn = (uint64_t)(d + r - 1) >> 63;
        d -= (int64_t)((0 - up) & (uint64_t)(2 * r + 1));
        r += (int64_t)up;
        d += (int64_t)((0 - dn) & (uint64_t)(2 * r - 1));
        r -= (int64_t)dn;
    }
    /* value R 2^k: exponent field k + 1075; R = 2^53 carries into it */
    bits = ((uint64_t)(k + 1075) << 52) + ((uint64_t)r - ((uint64_t)1 << 52));
    memcpy(&x, &bits, sizeof x);
    return x;
}

static void small_to_fft(double *d, const int8_t *s, unsigned logn) {
    size_t n = (size_t)1 << logn, u;
    for (u = 0; u < n; u++) {
        d[u] = (double)s[u];
    }
    pqf_falcon_fft(d, logn);
}

/* Algorithm 11: ffSampling, with the LDL* tree (Algorithm 9) computed on the
 * way. Inputs t0, t1 and the Gram matrix [[g00, g01], [adj(g01), g11]] (n
 * doubles each, all overwritten); output z0 in t0, z1 in t1. tmp: 5n doubles. */
static void ff_sampling(pqf_falcon_prng *p, double *t0, double *t1, double *g00,
                        double *g01, double *g11, unsigned logn, double *tmp) {
    size_t n, hn;
    double *c00, *c01, *c11, *za, *zb;
    if (logn == 0) {
        /* leaf: sigma' = sigma / sqrt(D), given to SamplerZ as 1/sigma' */
        double isig = ct_sqrt(g00[0]) * inv_sigma;
        t0[0] = (double)pqf_falcon_samplerz(p, t0[0], isig, sigma_min);
        t1[0] = (double)pqf_falcon_samplerz(p, t1[0], isig, sigma_min);
        return;
    }
    n = (size_t)1 << logn;
    hn = n >> 1;
    c00 = tmp;
    c01 = tmp + hn;
    c11 = tmp + n;
    za = tmp + n + hn;
    zb = tmp + 2 * n;

    /* L10 into g01, D11 into g11 (D00 = g00) */
    pqf_falcon_fft_ldl(g00, g01, g11, logn);

    /* right subtree: Gram matrix [[d0, d1], [adj(d1), d0]] of D11's split */
    pqf_falcon_fft_split(c00, c01, g11, logn);
    memcpy(c11, c00, hn * sizeof *c00);
    pqf_falcon_fft_split(za, zb, t1, logn);
    ff_sampling(p, za, zb, c00, c01, c11, logn - 1, tmp + 2 * n + hn);
    pqf_falcon_fft_merge(g11, za, zb, logn); /* z1 */

    /* t0' = t0 + (t1 - z1) L10, then t1 <- z1 */
    pqf_falcon_fft_sub(t1, g11, logn);
    pqf_falcon_fft_mul(t1, g01, logn);
    pqf_falcon_fft_add(t0, t1, logn);
    memcpy(t1, g11, n * sizeof *t1);

    /* left subtree, from D00 */
    pqf_falcon_fft_split(c00, c01, g00, logn);
    memcpy(c11, c00, hn * sizeof *c00);
    pqf_falcon_fft_split(za, zb, t0, logn);
    ff_sampling(p, za, zb, c00, c01, c11, logn - 1, tmp + 2 * n + hn);
    pqf_falcon_fft_merge(t0, za, zb, logn);
}

/* One attempt of Algorithm 10 lines 3-10 with a freshly seeded sampler:
 * s2 on success (1), 0 when ||(s1, s2)||^2 exceeds the bound (computed
 * without a branch). */
static uint32_t sign_attempt(int16_t *s2, pqf_falcon_prng *p, const int8_t *f,
                             const int8_t *g, const int8_t *F, const int8_t *G,
                             const uint16_t *hm, double *w) {
    const unsigned logn = PQF_FALCON_LOGN;
    const size_t n = PQF_FALCON_N;
    double *b00 = w, *b01 = w + n, *b10 = w + 2 * n, *b11 = w + 3 * n;
    double *g00 = w + 4 * n, *g01 = w + 5 * n, *g11 = w + 6 * n;
    double *t0 = w + 7 * n, *t1 = w + 8 * n, *tmp = w + 9 * n;
    uint64_t sqn = 0;
    size_t u;

    /* B = [[g, -f], [G, -F]] in FFT form */
    small_to_fft(b00, g, logn);
    small_to_fft(b01, f, logn);
    pqf_falcon_fft_neg(b01, logn);
    small_to_fft(b10, G, logn);
    small_to_fft(b11, F, logn);
    pqf_falcon_fft_neg(b11, logn);

    /* Gram matrix B B* */
    memcpy(g00, b00, n * sizeof *g00);
    pqf_falcon_fft_sqmod(g00, logn);
    memcpy(tmp, b01, n * sizeof *tmp);
    pqf_falcon_fft_sqmod(tmp, logn);
    pqf_falcon_fft_add(g00, tmp, logn);
    memcpy(g01, b00, n * sizeof *g01);
    pqf_falcon_fft_mul_adjoint(g01, b10, logn);
    memcpy(tmp, b01, n * sizeof *tmp);
    pqf_falcon_fft_mul_adjoint(tmp, b11, logn);
    pqf_falcon_fft_add(g01, tmp, logn);
    memcpy(g11, b10, n * sizeof *g11);
    pqf_falcon_fft_sqmod(g11, logn);
    memcpy(tmp, b11, n * sizeof *tmp);
    pqf_falcon_fft_sqmod(tmp, logn);
    pqf_falcon_fft_add(g11, tmp, logn);

    /* t = (c, 0) B^-1 = (c * (-F) / q, -c * (-f) / q) */
    for (u = 0; u < n; u++) {
        t0[u] = (double)hm[u];
    }
    pqf_falcon_fft(t0, logn);
    memcpy(t1, t0, n * sizeof *t1);
    pqf_falcon_fft_mul(t1, b01, logn);
    pqf_falcon_fft_scale(t1, -inv_q, logn);
    pqf_falcon_fft_mul(t0, b11, logn);
    pqf_falcon_fft_scale(t0, inv_q, logn);

    ff_sampling(p, t0, t1, g00, g01, g11, logn, tmp);

    /* s = (t - z) B, i.e. s1 = c - (z0 g + z1 G), s2 = z0 f + z1 F */
    memcpy(g00, t0, n * sizeof *g00);
    pqf_falcon_fft_mul(g00, b00, logn);
    memcpy(g01, t1, n * sizeof *g01);
    pqf_falcon_fft_mul(g01, b10, logn);
    pqf_falcon_fft_add(g00, g01, logn);
    pqf_falcon_fft_mul(t0, b01, logn);
    pqf_falcon_fft_mul(t1, b11, logn);
    pqf_falcon_fft_add(t0, t1, logn);
    pqf_falcon_ifft(g00, logn);
    pqf_falcon_ifft(t0, logn);
    for (u = 0; u < n; u++) {
        int64_t s1 = (int64_t)hm[u] - pqf_falcon_round_i64(g00[u]);
        int64_t z2 = -pqf_falcon_round_i64(t0[u]);
        sqn += (uint64_t)(s1 * s1) + (uint64_t)(z2 * z2);
        s2[u] = (int16_t)z2;
        /* values outside int16 always exceed the bound */
    }
    /* sqn <= bound, exactly for any 64-bit sqn */
    return (uint32_t)(((sqn - (uint64_t)PQF_FALCON_L2BOUND - 1) & ~sqn) >> 63);
}

/* Whether Compress(x) (section 3.11.2) is defined and fits in maxlen bytes,
 * i.e. whether pqf_falcon_comp_encode succeeds: every |x| <= 2047 and
 * sum(9 + (|x| >> 7)) bits within 8 maxlen. 1 or 0, in constant time. */
static uint32_t comp_fits(const int16_t *x, size_t maxlen, unsigned logn) {
    size_t n = (size_t)1 << logn, u;
    uint32_t bad = 0, nbits = 0;
    for (u = 0; u < n; u++) {
        uint32_t v = (uint32_t)(int32_t)x[u];
        uint32_t neg = (uint32_t)0 - (v >> 31);
        uint32_t t = (v ^ neg) - neg; /* |x|, at most 32768 */
        bad |= pqf_ct_mask_lt_u32(2047, t);
        nbits += 9 + (t >> 7);
    }
    bad |= pqf_ct_mask_lt_u32((uint32_t)maxlen, (nbits + 7) >> 3);
    return ~bad & 1u;
}

/* Algorithm 10: Sign. */
int PQF_FALCON_NS(sign)(uint8_t *sig, size_t *siglen, const uint8_t *sk,
                        const uint8_t *msg, size_t msglen, const uint8_t *nonce40,
                        const uint8_t *seed48, int padded, uint8_t *tmp) {
    const unsigned logn = PQF_FALCON_LOGN;
    const size_t n = PQF_FALCON_N;
    const size_t head = 1 + PQF_FALCON_NONCE_BYTES;
    double *w = (double *)(void *)tmp;
    int8_t *f = (int8_t *)(void *)(w + 14 * n);
    int8_t *g = f + n, *F = g + n, *G = F + n;
    uint16_t *hm = (uint16_t *)(void *)(G + n);
    int16_t *s2 = (int16_t *)(void *)(hm + n);
    size_t maxlen, len = 0, attempt;
    pqf_keccak_ctx rng;
    pqf_falcon_prng p;
    uint32_t ok;
    int ret = PQF_OK;

    /* Whether the key decodes and G exists: public, it is the return code
     * (assurance/suppressions.md, S4). Both are computed either way. */
    ok = pqf_ct_mask_eq_u32((uint32_t)pqf_falcon_decode_sk(f, g, F, sk), (uint32_t)PQF_OK);
    ok &= complete_private(G, f, g, F, hm, (uint16_t *)(void *)s2);
    PQF_DECLASSIFY(&ok, sizeof ok);
    if (!ok) {
        ret = PQF_ERR_INVALID_KEY;
        goto out;
    }
    pqf_falcon_hash_to_point(hm, nonce40, msg, msglen, logn);
    pqf_shake256_init(&rng);
    pqf_keccak_absorb(&rng, seed48, PQF_FALCON_SEED_BYTES);

    maxlen = (padded ? PQF_FALCON_API_SIG_PADDED_BYTES : PQF_FALCON_API_SIG_MAX_BYTES) - head;
    /* At most PQF_FALCON_MAX_SIGN_ATTEMPTS (params.h: the probability
     * argument); the count of attempts is public (S3). */
    for (attempt = 0; attempt < PQF_FALCON_MAX_SIGN_ATTEMPTS; attempt++) {
        uint32_t accept;
        pqf_falcon_prng_init(&p, &rng);
        /* Public: whether the attempt is rejected for its norm, then whether
         * its s2 does not compress into the signature; a rejected attempt is
         * discarded (assurance/suppressions.md, S3). */
        accept = sign_attempt(s2, &p, f, g, F, G, hm, w);
        PQF_DECLASSIFY(&accept, sizeof accept);
        if (!accept) {
            continue;
        }
        accept = comp_fits(s2, maxlen, logn);
        PQF_DECLASSIFY(&accept, sizeof accept);
        if (!accept) {
            continue;
        }
        /* s2 is the signature's content from here on (S3) */
        PQF_DECLASSIFY(s2, n * sizeof *s2);
        len = pqf_falcon_comp_encode(sig + head, maxlen, s2, logn);
        if (len != 0) {
            break;
        }
    }
    if (len == 0) {
        /* every attempt rejected: not a Falcon key (params.h) */
        memset(sig, 0, head + maxlen);
        *siglen = 0;
        ret = PQF_ERR_INTERNAL;
        goto done;
    }
    sig[0] = PQF_FALCON_SIG_HEADER;
    memcpy(sig + 1, nonce40, PQF_FALCON_NONCE_BYTES);
    if (padded) {
        memset(sig + head + len, 0, maxlen - len);
        len = maxlen;
    }
    *siglen = head + len;
done:
    pqf_keccak_wipe(&rng);
    pqf_wipe(&p, sizeof p);
out:
    pqf_wipe(tmp, 14 * n * sizeof(double) + 8 * n);
    return pqf_leave(ret);
}

/* Private key check: decodes, recomputes G and checks f*G - g*F = q over the
 * integers (schoolbook product modulo x^n + 1; all sums fit in int32). */
int PQF_FALCON_NS(check_sk)(const uint8_t *sk) {
    const size_t n = PQF_FALCON_N;
    int8_t f[PQF_FALCON_N], g[PQF_FALCON_N], F[PQF_FALCON_N], G[PQF_FALCON_N];
    uint16_t t1[PQF_FALCON_N], t2[PQF_FALCON_N];
    int32_t acc[PQF_FALCON_N];
    uint32_t ok, diff = 0;
    size_t i, j;
    int ret;
    ret = pqf_falcon_decode_sk(f, g, F, sk);
    ok = complete_private(G, f, g, F, t1, t2);
    memset(acc, 0, sizeof acc);
    for (i = 0; i < n; i++) {
        for (j = 0; j < n; j++) {
            int32_t v = (int32_t)f[i] * G[j] - (int32_t)g[i] * F[j];
            /* x^(i+j) = -x^(i+j-n) when i + j >= n; i, j are public */
            if (i + j < n) {
                acc[i + j] += v;
            } else {
                acc[i + j - n] -= v;
            }
        }
    }
    diff |= (uint32_t)acc[0] ^ Q;
    for (i = 1; i < n; i++) {
        diff |= (uint32_t)acc[i];
    }
    ok &= ~pqf_ct_mask_nonzero_u32(diff);
    pqf_wipe(f, sizeof f);
    pqf_wipe(g, sizeof g);
    pqf_wipe(F, sizeof F);
    pqf_wipe(G, sizeof G);
    pqf_wipe(t1, sizeof t1);
    pqf_wipe(t2, sizeof t2);
    pqf_wipe(acc, sizeof acc);
    /* The verdict is the return code, chosen without a branch. */
    ok &= pqf_ct_mask_eq_u32((uint32_t)ret, (uint32_t)PQF_OK);
    return pqf_leave(
        (int)pqf_ct_select_u32(ok, (uint32_t)PQF_OK, (uint32_t)PQF_ERR_INVALID_KEY));
}

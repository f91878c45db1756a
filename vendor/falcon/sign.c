/*
 * Falcon specification section 3.9: signature generation (Algorithm 10). The
 * sampler (ffSampling, SPEC-NOTES.md 8) recurses over the LDL* tree of the
 * Gram matrix, factorising each node when it is reached, so the tree is never
 * held whole. Also the private-key completion G = g*F/f mod q (section 3.8.4)
 * and check_sk.
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
 * and every |G| <= 127. Constant time. t1, t2, t3: n uint16_t each. */
static uint32_t complete_private(int8_t *G, const int8_t *f, const int8_t *g,
                                 const int8_t *F, uint16_t *t1, uint16_t *t2,
                                 uint16_t *t3) {
    const unsigned logn = PQF_FALCON_LOGN;
    const size_t n = PQF_FALCON_N;
    size_t u;
    uint32_t ok, inv;
    /* in the NTT domain throughout: g F f^-1 slot by slot, one inverse NTT
     * (the same residues as dividing g*F by f after the product) */
    pqf_falcon_mq_from_small(t1, g, logn);
    pqf_falcon_mq_from_small(t2, F, logn);
    pqf_falcon_mq_ntt(t1, logn);
    pqf_falcon_mq_ntt(t2, logn);
    for (u = 0; u < n; u++) {
        t1[u] = (uint16_t)pqf_falcon_mq_mul(t1[u], t2[u]);
    }
    pqf_falcon_mq_from_small(t2, f, logn);
    pqf_falcon_mq_ntt(t2, logn);
    /* The n inverses by simultaneous inversion: prefix products in t3, one
     * inversion of the whole product, then back down. f is invertible iff no
     * slot is 0, i.e. iff the product is not 0 (q is prime); when it is 0
     * every "inverse" is 0 and the key is rejected (ok = 0) whatever G. */
    t3[0] = t2[0];
    for (u = 1; u < n; u++) {
        t3[u] = (uint16_t)pqf_falcon_mq_mul(t3[u - 1], t2[u]);
    }
    ok = ~pqf_ct_mask_eq_u32(t3[n - 1], 0);
    inv = pqf_falcon_mq_inv(t3[n - 1]);
    for (u = n - 1; u > 0; u--) {
        /* inv = (t2[0] ... t2[u])^-1 here */
        t1[u] = (uint16_t)pqf_falcon_mq_mul(t1[u], pqf_falcon_mq_mul(inv, t3[u - 1]));
        inv = pqf_falcon_mq_mul(inv, t2[u]);
    }
    t1[0] = (uint16_t)pqf_falcon_mq_mul(t1[0], inv);
    pqf_falcon_mq_intt(t1, logn);
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

/*
 * ffSampling (SPEC-NOTES.md 8) as a recursion over the nodes of the LDL*
 * tree, each node factorised when sampling reaches it. A node of size
 * N = 2^logn receives its target (t0, t1) and its Gram matrix
 * [[g00, g01], [adj(g01), g11]]; it overwrites the target with the sample
 * (z0, z1). Below the root every Gram matrix has g11 = g00.
 *
 * Each node uses three buffers of N doubles of its own: lo (the lower entry
 * of L), kid_gram (the child's diagonal then its off-diagonal entry, or the
 * merged sample of the right child) and kid_t (the child's target, or a
 * difference); pivot receives the second pivot before it is split (it may be
 * kid_t, or the first N doubles of more). The children use `more`.
 */
static void ffs_node(pqf_falcon_prng *p, double *t0, double *t1,
                     const double *g00, const double *g01, const double *g11,
                     double *lo, double *pivot, double *kid_gram, double *kid_t,
                     double *more, unsigned logn);

/* A child node: Gram matrix [[d, e], [adj(e), d]], scratch in `more` */
static void ffs_child(pqf_falcon_prng *p, double *t0, double *t1, const double *d,
                      const double *e, double *more, unsigned logn) {
    size_t size = (size_t)1 << logn;
    if (logn == 0) {
        /* leaf: 1/sigma' = sqrt(d) / sigma; t0 first, then t1 */
        double isig = ct_sqrt(d[0]) * inv_sigma;
        t0[0] = (double)pqf_falcon_samplerz(p, t0[0], isig, sigma_min);
        t1[0] = (double)pqf_falcon_samplerz(p, t1[0], isig, sigma_min);
        return;
    }
    ffs_node(p, t0, t1, d, e, d, more, more + 2 * size, more + size, more + 2 * size,
             more + 3 * size, logn);
}

static void ffs_node(pqf_falcon_prng *p, double *t0, double *t1,
                     const double *g00, const double *g01, const double *g11,
                     double *lo, double *pivot, double *kid_gram, double *kid_t,
                     double *more, unsigned logn) {
    size_t size = (size_t)1 << logn, half = size >> 1;
    /* G = L D L*, D = diag(g00, pivot) */
    pqf_falcon_fft_ldl(lo, pivot, g00, g01, g11, logn);
    /* right half first: target t1, Gram matrix from the second pivot */
    pqf_falcon_fft_split(kid_gram, kid_gram + half, pivot, logn);
    pqf_falcon_fft_split(kid_t, kid_t + half, t1, logn);
    ffs_child(p, kid_t, kid_t + half, kid_gram, kid_gram + half, more, logn - 1);
    pqf_falcon_fft_merge(kid_gram, kid_t, kid_t + half, logn); /* z1 */
    /* t0 += (t1 - z1) * lo */
    memcpy(kid_t, t1, size * sizeof *t1);
    pqf_falcon_fft_sub(kid_t, kid_gram, logn);
    pqf_falcon_fft_mul(kid_t, lo, logn);
    pqf_falcon_fft_add(t0, kid_t, logn);
    memcpy(t1, kid_gram, size * sizeof *t1);
    /* left half: target t0, Gram matrix from the first pivot g00 */
    pqf_falcon_fft_split(kid_gram, kid_gram + half, g00, logn);
    pqf_falcon_fft_split(kid_t, kid_t + half, t0, logn);
    ffs_child(p, kid_t, kid_t + half, kid_gram, kid_gram + half, more, logn - 1);
    pqf_falcon_fft_merge(t0, kid_t, kid_t + half, logn); /* z0 */
}

/*
 * One attempt of Algorithm 10 (SPEC-NOTES.md 9, steps 3 to 7 but the
 * compression test) with the freshly seeded sampler p: writes s2 and returns
 * 1 when ||(s1, s2)||^2 <= floor(beta^2), else 0, without a branch on the
 * values. ws: 14 n doubles, laid out as
 *   [B: 4n, the basis rows (b00 b01 b10 b11)] [T: 2n, the target, then z]
 *   [M: 3n, the Gram matrix] [lo: n] [rest: 4n]
 * The root's own kid buffers are the Gram matrix's g01 and g11, free once the
 * root is factorised; its children use `rest` (under 3n).
 */
static uint32_t sign_attempt(int16_t *s2, pqf_falcon_prng *p, const int8_t *f,
                             const int8_t *g, const int8_t *F, const int8_t *G,
                             const uint16_t *hm, double *ws) {
    const unsigned logn = PQF_FALCON_LOGN;
    const size_t n = PQF_FALCON_N;
    double *b00 = ws, *b01 = ws + n, *b10 = ws + 2 * n, *b11 = ws + 3 * n;
    double *x0 = ws + 4 * n, *x1 = ws + 5 * n;
    double *m00 = ws + 6 * n, *m01 = ws + 7 * n, *m11 = ws + 8 * n;
    double *lo = ws + 9 * n, *rest = ws + 10 * n;
    uint64_t sq = 0, big = 0;
    size_t k;

    /* basis [[g, -f], [G, -F]] in FFT form */
    small_to_fft(b00, g, logn);
    small_to_fft(b01, f, logn);
    pqf_falcon_fft_neg(b01, logn);
    small_to_fft(b10, G, logn);
    small_to_fft(b11, F, logn);
    pqf_falcon_fft_neg(b11, logn);

    /* Gram matrix B B*, x0 as a temporary */
    memcpy(m00, b00, n * sizeof *b00);
    pqf_falcon_fft_sqmod(m00, logn);
    memcpy(x0, b01, n * sizeof *b01);
    pqf_falcon_fft_sqmod(x0, logn);
    pqf_falcon_fft_add(m00, x0, logn);
    memcpy(m01, b00, n * sizeof *b00);
    pqf_falcon_fft_mul_adjoint(m01, b10, logn);
    memcpy(x0, b01, n * sizeof *b01);
    pqf_falcon_fft_mul_adjoint(x0, b11, logn);
    pqf_falcon_fft_add(m01, x0, logn);
    memcpy(m11, b10, n * sizeof *b10);
    pqf_falcon_fft_sqmod(m11, logn);
    memcpy(x0, b11, n * sizeof *b11);
    pqf_falcon_fft_sqmod(x0, logn);
    pqf_falcon_fft_add(m11, x0, logn);

    /* target (c, 0) B^-1: x1 = c b01 (-1/q), x0 = c b11 (1/q) */
    for (k = 0; k < n; k++) {
        x0[k] = (double)hm[k];
    }
    pqf_falcon_fft(x0, logn);
    memcpy(x1, x0, n * sizeof *x0);
    pqf_falcon_fft_mul(x1, b01, logn);
    pqf_falcon_fft_scale(x1, -inv_q, logn);
    pqf_falcon_fft_mul(x0, b11, logn);
    pqf_falcon_fft_scale(x0, inv_q, logn);

    /* z = ffSampling(x, M), in place of x */
    ffs_node(p, x0, x1, m00, m01, m11, lo, rest, m01, m11, rest, logn);

    /* (v, w) = z B: v in m00, w in x0 (m01 as a temporary) */
    memcpy(m00, x0, n * sizeof *x0);
    pqf_falcon_fft_mul(m00, b00, logn);
    memcpy(m01, x1, n * sizeof *x1);
    pqf_falcon_fft_mul(m01, b10, logn);
    pqf_falcon_fft_add(m00, m01, logn);
    pqf_falcon_fft_mul(x0, b01, logn);
    pqf_falcon_fft_mul(x1, b11, logn);
    pqf_falcon_fft_add(x0, x1, logn);
    pqf_falcon_ifft(m00, logn);
    pqf_falcon_ifft(x0, logn);

    /* s1 = c - rint(v), s2 = -rint(w). A value of magnitude 2^16 or more
     * rejects on its own (its square exceeds every bound); the others are
     * squared exactly, the sum staying far below 2^64. */
    for (k = 0; k < n; k++) {
        int64_t a = (int64_t)hm[k] - pqf_falcon_round_i64(m00[k]);
        int64_t b = -pqf_falcon_round_i64(x0[k]);
        uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
        uint64_t sa = (uint64_t)0 - (ua >> 63), sb = (uint64_t)0 - (ub >> 63);
        uint64_t ma = (ua ^ sa) - sa, mb = (ub ^ sb) - sb; /* magnitudes */
        big |= (ma | mb) >> 16;
        ma &= 0xFFFF;
        mb &= 0xFFFF;
        sq += ma * ma + mb * mb;
        s2[k] = (int16_t)b;
    }
    /* accept iff big == 0 and sq <= bound */
    big = (big | ((uint64_t)0 - big)) >> 63;
    return (uint32_t)((1u ^ (((uint64_t)PQF_FALCON_L2BOUND - sq) >> 63)) & (1u ^ big));
}

/* Whether Compress(x) (section 3.11.2) is defined and fits in maxlen bytes,
 * i.e. whether pqf_falcon_compress succeeds: every |x| <= 2047 and
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
    /* the doubles' workspace w is free until signing starts */
    ok &= complete_private(G, f, g, F, hm, (uint16_t *)(void *)s2, (uint16_t *)(void *)w);
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
        pqf_falcon_prng_seed(&p, &rng);
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
        len = pqf_falcon_compress(sig + head, maxlen, s2, logn);
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
    uint16_t t1[PQF_FALCON_N], t2[PQF_FALCON_N], t3[PQF_FALCON_N];
    int32_t acc[PQF_FALCON_N];
    uint32_t ok, diff = 0;
    size_t i, j;
    int ret;
    ret = pqf_falcon_decode_sk(f, g, F, sk);
    ok = complete_private(G, f, g, F, t1, t2, t3);
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
    pqf_wipe(t3, sizeof t3);
    pqf_wipe(acc, sizeof acc);
    /* The verdict is the return code, chosen without a branch. */
    ok &= pqf_ct_mask_eq_u32((uint32_t)ret, (uint32_t)PQF_OK);
    return pqf_leave(
        (int)pqf_ct_select_u32(ok, (uint32_t)PQF_OK, (uint32_t)PQF_ERR_INVALID_KEY));
}

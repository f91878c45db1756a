/*
 * Falcon specification section 3.8.2, Algorithm 6: NTRUSolve, finding F, G with
 * f*G - g*F = q by descending the tower of field norms
 *     f_{d+1}(y) = f0(y)^2 - y f1(y)^2   (f_d(x) = f0(x^2) + x f1(x^2)),
 * solving the integer equation at the bottom with an extended GCD, and lifting
 *     F_d(x) = F_{d+1}(x^2) g_d(-x),  G_d(x) = G_{d+1}(x^2) f_d(-x),
 * each lifted pair being size-reduced against (f_d, g_d) with Babai's rounding
 * (Algorithm 7, Reduce), computed in floating point on scaled approximations.
 * At depth 0 the reduction runs to its fixed point with exact inputs, so the
 * result is the unique reduced solution: (F, G) minus round(k)*(f, g) with
 * k = (F adj(f) + G adj(g)) / (f adj(f) + g adj(g)).
 *
 * Integers are two's complement, 32-bit limbs, little-endian, with a fixed
 * number of limbs per depth (tables below, sized from the observed sizes of
 * the norms plus a wide margin); arithmetic wraps modulo 2^(32 L), which is
 * exact whenever the true value fits, and the final result is checked exactly.
 *
 * Timing: the limb loops and polynomial products have fixed bounds, and the
 * sign handling is masked. Not constant time: the extended GCD at the bottom
 * (binary algorithm, data-dependent loop) and the number of Babai iterations.
 */
#include <string.h>

#include "internal.h"

#include "ct.h"

#define Q PQF_FALCON_Q
#define LOGN PQF_FALCON_LOGN

/* Bits (of the absolute value) allowed for f_d and g_d at depth d: the largest
 * observed sizes (the same for n = 512 and 1024 at a given depth) plus about
 * 5% and 10 bits. */
static const uint16_t bits_fg[11] = {6, 16, 32, 60, 116, 226, 440, 850, 1680, 3330, 6620};
/* Extra bits allowed for a size-reduced F_d, G_d over f_d, g_d. */
#define RED_SLACK 24
/* Bits kept per Babai round: k is rounded to its top BABAI_STEP bits times a
 * power of two, so that the rounding error of the floating-point estimate
 * stays far below one unit of what is kept. */
#define BABAI_STEP 25
#define MAX_BABAI_ITER 2000

static size_t limbs_for(unsigned bits) {
    return (size_t)(bits + 1 + 31) / 32; /* one sign bit */
}
static size_t lf(unsigned d) {
    return limbs_for(bits_fg[d]);
}
/* limbs of F_d, G_d (lifted, before reduction) */
static size_t lbig(unsigned d) {
    unsigned b;
    if (d == LOGN) {
        b = bits_fg[d] + 16; /* q * Bezout coefficient */
    } else {
        b = bits_fg[d + 1] + RED_SLACK + bits_fg[d] + (LOGN - d) + 4;
    }
    return limbs_for(b);
}

/* ---- fixed-length two's complement integers ---- */

static uint32_t bn_sign(const uint32_t *x, size_t L) {
    return (uint32_t)0 - (x[L - 1] >> 31);
}

/* d = s, sign-extended or truncated to Ld limbs */
static void bn_copy_ext(uint32_t *d, size_t Ld, const uint32_t *s, size_t Ls) {
    size_t i;
    uint32_t m = bn_sign(s, Ls);
    for (i = 0; i < Ld; i++) {
        d[i] = i < Ls ? s[i] : m; /* public lengths */
    }
}

/* x = m ? -x : x */
static void bn_cneg(uint32_t *x, size_t L, uint32_t m) {
    uint64_t c = m & 1u;
    size_t i;
    for (i = 0; i < L; i++) {
        c += (uint64_t)(x[i] ^ m);
        x[i] = (uint32_t)c;
        c >>= 32;
    }
}

/* d += m ? -a : a (both L limbs) */
static void bn_add_cneg(uint32_t *d, const uint32_t *a, size_t L, uint32_t m) {
    uint64_t c = m & 1u;
    size_t i;
    for (i = 0; i < L; i++) {
        c += (uint64_t)d[i] + (uint64_t)(a[i] ^ m);
        d[i] = (uint32_t)c;
        c >>= 32;
    }
}

/* |x| into y (L limbs), returns the sign mask */
static uint32_t bn_abs(uint32_t *y, const uint32_t *x, size_t L) {
    uint32_t m = bn_sign(x, L);
    memmove(y, x, L * sizeof *y);
    bn_cneg(y, L, m);
    return m;
}

/*
 * d (Ld limbs) += (neg ? -1 : 1) * a * b, a of La limbs and b of Lb limbs, all
 * signed; tmp holds La + Lb + Ld limbs.
 */
static void bn_mul_acc(uint32_t *d, size_t Ld, const uint32_t *a, size_t La,
                       const uint32_t *b, size_t Lb, uint32_t neg, uint32_t *tmp) {
    uint32_t *ta = tmp, *tb = tmp + La, *p = tmp + La + Lb;
    uint32_t m;
    size_t i, j;
    m = bn_abs(ta, a, La) ^ bn_abs(tb, b, Lb) ^ neg;
    memset(p, 0, Ld * sizeof *p);
    for (i = 0; i < La && i < Ld; i++) {
        uint64_t c = 0;
        for (j = 0; j < Lb && i + j < Ld; j++) {
            c += (uint64_t)p[i + j] + (uint64_t)ta[i] * tb[j];
            p[i + j] = (uint32_t)c;
            c >>= 32;
        }
        if (i + j < Ld) {
            p[i + j] = (uint32_t)c;
        }
    }
    bn_add_cneg(d, p, Ld, m);
}

/* bit length of |x| (constant time) */
static unsigned bn_bitlen(const uint32_t *x, size_t L) {
    uint32_t m = bn_sign(x, L), c = m & 1u, top = 0;
    size_t i;
    for (i = 0; i < L; i++) {
        uint64_t t = (uint64_t)(x[i] ^ m) + c;
        uint32_t y = (uint32_t)t, len = 0, k;
        c = (uint32_t)(t >> 32);
        for (k = 16; k > 0; k >>= 1) {
            uint32_t hi = pqf_ct_mask_nonzero_u32(y >> k);
            len += k & hi;
            y = pqf_ct_select_u32(hi, y >> k, y);
        }
        len += y & 1u;
        top = pqf_ct_select_u32(pqf_ct_mask_nonzero_u32(len), (uint32_t)(32 * i) + len, top);
    }
    return top;
}

static unsigned poly_maxbits(const uint32_t *x, size_t m, size_t L) {
    unsigned mx = 0;
    size_t u;
    for (u = 0; u < m; u++) {
        uint32_t b = bn_bitlen(x + u * L, L);
        mx = pqf_ct_select_u32(pqf_ct_mask_lt_u32(mx, b), b, mx);
    }
    return mx;
}

/* 2^e as a double; 0 outside the normal range (callers only scale limbs that
 * are zero there) */
static double pow2(int e) {
    uint64_t bits;
    double r;
    /* ok = 1 iff -1022 <= e <= 1023 */
    uint32_t ok = (((uint32_t)(e + 1022) >> 31) | ((uint32_t)(1023 - e) >> 31)) ^ 1u;
    bits = (uint64_t)(uint32_t)(e + 1023) << 52;
    bits &= (uint64_t)0 - (uint64_t)ok;
    memcpy(&r, &bits, sizeof r);
    return r;
}

/* x * 2^-e as a double (approximate) */
static double bn_to_double(const uint32_t *x, size_t L, int e) {
    uint32_t m = bn_sign(x, L), c = m & 1u;
    double r = 0.0;
    uint64_t bits;
    size_t i;
    for (i = 0; i < L; i++) {
        uint64_t t = (uint64_t)(x[i] ^ m) + c;
        c = (uint32_t)(t >> 32);
        r += (double)(uint32_t)t * pow2((int)(32 * i) - e);
    }
    memcpy(&bits, &r, sizeof bits);
    bits ^= (uint64_t)(m & 1u) << 63;
    memcpy(&r, &bits, sizeof r);
    return r;
}

/* ---- the tower of field norms ---- */

/* nf = N(f) = f0^2 - y f1^2 (size m/2, Lo limbs) from f (size m, Li limbs).
 * tmp: (m/2) * Lo + 2 Li + Lo limbs. */
static void field_norm(uint32_t *nf, size_t Lo, const uint32_t *f, size_t Li,
                       size_t m, uint32_t *tmp) {
    size_t h = m >> 1, i, j;
    uint32_t *sq1 = tmp, *mt = tmp + h * Lo;
    memset(nf, 0, h * Lo * sizeof *nf);
    memset(sq1, 0, h * Lo * sizeof *sq1);
    for (i = 0; i < h; i++) {
        for (j = 0; j < h; j++) {
            size_t k = i + j;
            uint32_t neg = 0;
            if (k >= h) { /* public indices: x^h = -1 */
                k -= h;
                neg = 0xFFFFFFFFu;
            }
            bn_mul_acc(nf + k * Lo, Lo, f + (2 * i) * Li, Li, f + (2 * j) * Li, Li, neg, mt);
            bn_mul_acc(sq1 + k * Lo, Lo, f + (2 * i + 1) * Li, Li, f + (2 * j + 1) * Li,
                       Li, neg, mt);
        }
    }
    /* nf -= y * sq1, with y * y^(h-1) = -1 */
    for (i = 0; i < h; i++) {
        if (i + 1 < h) {
            bn_add_cneg(nf + (i + 1) * Lo, sq1 + i * Lo, Lo, 0xFFFFFFFFu);
        } else {
            bn_add_cneg(nf, sq1 + i * Lo, Lo, 0);
        }
    }
}

/* F_d(x) = Fp(x^2) * g(-x) modulo x^m + 1: out (m values, Lo limbs) from Fp
 * (m/2 values, Lp limbs) and g (m values, Lg limbs). tmp: Lp + Lg + Lo. */
static void lift(uint32_t *out, size_t Lo, const uint32_t *Fp, size_t Lp,
                 const uint32_t *g, size_t Lg, size_t m, uint32_t *tmp) {
    size_t i, j;
    memset(out, 0, m * Lo * sizeof *out);
    for (i = 0; i < (m >> 1); i++) {
        for (j = 0; j < m; j++) {
            size_t k = 2 * i + j;
            uint32_t neg = (j & 1u) ? 0xFFFFFFFFu : 0; /* g(-x): public index */
            if (k >= m) {
                k -= m;
                neg = ~neg;
            }
            bn_mul_acc(out + k * Lo, Lo, Fp + i * Lp, Lp, g + j * Lg, Lg, neg, tmp);
        }
    }
}

/* d (L limbs) -= (k * a) << s, a of La limbs, k a signed 32-bit value;
 * tmp: La + 1 + L limbs */
static void bn_sub_scaled(uint32_t *d, size_t L, const uint32_t *a, size_t La,
                          int32_t k, unsigned s, uint32_t neg, uint32_t *tmp) {
    uint32_t *ta = tmp, *p = tmp + La + 1;
    uint32_t km = (uint32_t)0 - ((uint32_t)k >> 31);
    uint32_t ka = ((uint32_t)k ^ km) - km, m;
    size_t sw = s >> 5, i;
    unsigned sb = s & 31;
    uint64_t c = 0;
    m = bn_abs(ta, a, La);
    ta[La] = 0;
    memset(p, 0, L * sizeof *p);
    /* p = (|a| * |k|) << s, truncated to L limbs */
    for (i = 0; i <= La && i + sw < L; i++) {
        c += (uint64_t)ta[i] * ka;
        p[i + sw] = (uint32_t)c;
        c >>= 32;
    }
    if (sb != 0) {
        uint32_t prev = 0;
        for (i = sw; i < L; i++) {
            uint32_t cur = p[i];
            p[i] = (cur << sb) | (prev >> (32 - sb));
            prev = cur;
        }
    }
    /* d -= sign * p, sign = sign(a) * sign(k) * (neg ? -1 : 1) */
    bn_add_cneg(d, p, L, ~(m ^ km ^ neg));
}

/* polynomial to FFT of its values scaled by 2^-e */
static void poly_to_fft(double *d, const uint32_t *x, size_t L, int e, unsigned logm) {
    size_t m = (size_t)1 << logm, u;
    for (u = 0; u < m; u++) {
        d[u] = bn_to_double(x + u * L, L, e);
    }
    pqf_falcon_fft(d, logm);
}

/*
 * Algorithm 7 (Reduce): (F, G) -= k (f, g) until k = 0, k computed on
 * approximations with BABAI_STEP bits of headroom per round.
 * F, G: m values of Lo limbs; f, g: m values of Lf limbs.
 * dw: 5m doubles; kw: m int32; tmp: Lf + 1 + Lo limbs.
 * Returns 0 when the reduction did not converge.
 */
static int babai_reduce(uint32_t *F, uint32_t *G, size_t Lo, const uint32_t *f,
                        const uint32_t *g, size_t Lf, unsigned logm, double *dw,
                        int32_t *kw, uint32_t *tmp) {
    size_t m = (size_t)1 << logm, u, i, j;
    double *fa = dw, *ga = dw + m, *den = dw + 2 * m, *Fa = dw + 3 * m, *Ga = dw + 4 * m;
    int bf, ef, iter;
    unsigned prev = 0xFFFFFFFFu;
    int stalls = 0;

    bf = (int)poly_maxbits(f, m, Lf);
    u = poly_maxbits(g, m, Lf);
    bf = (int)u > bf ? (int)u : bf;
    ef = bf > 53 ? bf - 53 : 0;
    poly_to_fft(fa, f, Lf, ef, logm);
    poly_to_fft(ga, g, Lf, ef, logm);
    memcpy(den, fa, m * sizeof *den);
    pqf_falcon_fft_mulselfadj(den, logm);
    memcpy(Fa, ga, m * sizeof *Fa);
    pqf_falcon_fft_mulselfadj(Fa, logm);
    pqf_falcon_fft_add(den, Fa, logm);
    pqf_falcon_fft_adj(fa, logm);
    pqf_falcon_fft_adj(ga, logm);

    for (iter = 0; iter < MAX_BABAI_ITER; iter++) {
        unsigned bF = poly_maxbits(F, m, Lo), bG = poly_maxbits(G, m, Lo);
        int eF, s;
        double scale;
        uint32_t nz = 0;
        bF = bF > bG ? bF : bG;
        /* progress check: while shifting, each round must shrink (F, G) */
        if (bF >= prev) {
            if (++stalls > 4) {
                return 0;
            }
        } else {
            stalls = 0;
        }
        prev = bF;
        eF = (int)bF > 53 ? (int)bF - 53 : 0;
        poly_to_fft(Fa, F, Lo, eF, logm);
        poly_to_fft(Ga, G, Lo, eF, logm);
        pqf_falcon_fft_mul(Fa, fa, logm);
        pqf_falcon_fft_mul(Ga, ga, logm);
        pqf_falcon_fft_add(Fa, Ga, logm);
        pqf_falcon_fft_div(Fa, den, logm);
        pqf_falcon_ifft(Fa, logm);
        /* k = Fa * 2^(eF - ef); keep its top BABAI_STEP bits: k ~ 2^s round(k / 2^s) */
        {
            double mx = 0.0;
            uint64_t bits;
            for (u = 0; u < m; u++) {
                double a = Fa[u] < 0 ? -Fa[u] : Fa[u];
                mx = a > mx ? a : mx;
            }
            memcpy(&bits, &mx, sizeof bits);
            s = (int)((bits >> 52) & 0x7FF) - 1022 + eF - ef - BABAI_STEP;
            s = s > 0 ? s : 0;
        }
        scale = pow2(eF - ef - s);
        for (u = 0; u < m; u++) {
            double v = Fa[u] * scale;
            /* clamp into int32 range (only reached on divergence) */
            v = v > 1073741824.0 ? 1073741824.0 : v;
            v = v < -1073741824.0 ? -1073741824.0 : v;
            kw[u] = (int32_t)pqf_falcon_fpr_rint(v);
            nz |= (uint32_t)kw[u];
        }
        if (nz == 0) {
            if (s == 0) {
                return 1;
            }
            continue; /* cannot happen with sane inputs: stalls ends it */
        }
        for (i = 0; i < m; i++) {
            for (j = 0; j < m; j++) {
                size_t k = i + j;
                uint32_t neg = 0;
                if (k >= m) { /* public indices */
                    k -= m;
                    neg = 0xFFFFFFFFu;
                }
                bn_sub_scaled(F + k * Lo, Lo, f + i * Lf, Lf, kw[j], (unsigned)s, neg, tmp);
                bn_sub_scaled(G + k * Lo, Lo, g + i * Lf, Lf, kw[j], (unsigned)s, neg, tmp);
            }
        }
    }
    return 0;
}

/* a = (a - b) / 2^t style helpers for the extended GCD (L limbs) */
static void bn_sub(uint32_t *a, const uint32_t *b, size_t L) {
    bn_add_cneg(a, b, L, 0xFFFFFFFFu);
}
static void bn_add(uint32_t *a, const uint32_t *b, size_t L) {
    bn_add_cneg(a, b, L, 0);
}
static void bn_half(uint32_t *a, size_t L) { /* arithmetic shift right by 1 */
    size_t i;
    for (i = 0; i + 1 < L; i++) {
        a[i] = (a[i] >> 1) | (a[i + 1] << 31);
    }
    a[L - 1] = (uint32_t)((int32_t)a[L - 1] >> 1);
}
static int bn_is_zero(const uint32_t *a, size_t L) {
    uint32_t r = 0;
    size_t i;
    for (i = 0; i < L; i++) {
        r |= a[i];
    }
    return r == 0;
}
static int bn_is_one(const uint32_t *a, size_t L) {
    uint32_t r = a[0] ^ 1u;
    size_t i;
    for (i = 1; i < L; i++) {
        r |= a[i];
    }
    return r == 0;
}

/*
 * Binary extended GCD for odd A, B > 0: u A + v B = gcd(A, B). Returns 1 when
 * the gcd is 1. All values L limbs (L leaves room for a sign bit above A, B).
 * w: 6 L limbs. Variable time (see the file comment).
 */
static int xgcd(uint32_t *u, uint32_t *v, const uint32_t *A, const uint32_t *B,
                size_t L, uint32_t *w) {
    uint32_t *a = w, *b = w + L, *ua = w + 2 * L, *va = w + 3 * L, *ub = w + 4 * L,
             *vb = w + 5 * L;
    memcpy(a, A, L * sizeof *a);
    memcpy(b, B, L * sizeof *b);
    memset(ua, 0, 4 * L * sizeof *ua);
    ua[0] = 1; /* a = 1 A + 0 B */
    vb[0] = 1; /* b = 0 A + 1 B */
    for (;;) {
        uint32_t *x, *y, *ux, *vx, *uy, *vy;
        memcpy(u, a, L * sizeof *u);
        bn_sub(u, b, L);
        if (bn_is_zero(u, L)) {
            break;
        }
        if (bn_sign(u, L) == 0) { /* a > b */
            x = a; y = b; ux = ua; vx = va; uy = ub; vy = vb;
        } else {
            x = b; y = a; ux = ub; vx = vb; uy = ua; vy = va;
        }
        bn_sub(x, y, L);
        bn_sub(ux, uy, L);
        bn_sub(vx, vy, L);
        while ((x[0] & 1u) == 0) {
            if ((ux[0] & 1u) != 0 || (vx[0] & 1u) != 0) {
                bn_add(ux, B, L);
                bn_sub(vx, A, L);
            }
            bn_half(x, L);
            bn_half(ux, L);
            bn_half(vx, L);
        }
    }
    memcpy(u, ua, L * sizeof *u);
    memcpy(v, va, L * sizeof *v);
    return bn_is_one(a, L);
}

/* offsets (in limbs) of f_d, g_d in the tower */
static size_t tower_off(unsigned d) {
    size_t off = 0;
    unsigned e;
    for (e = 0; e < d; e++) {
        off += 2 * ((size_t)1 << (LOGN - e)) * lf(e);
    }
    return off;
}

static size_t area_words(void) {
    size_t mx = 0;
    unsigned d;
    for (d = 0; d <= LOGN; d++) {
        size_t w = 2 * ((size_t)1 << (LOGN - d)) * lbig(d);
        mx = w > mx ? w : mx;
    }
    return mx;
}

static size_t lmax(void) {
    size_t mx = 0;
    unsigned d;
    for (d = 0; d <= LOGN; d++) {
        mx = lbig(d) > mx ? lbig(d) : mx;
    }
    return mx + lf(LOGN) + 8;
}

/* workspace: tower, two F/G areas, 5n doubles, n int32, 8 lmax limbs */
size_t PQF_FALCON_NTRU_TMP_BYTES(void) {
    size_t words = tower_off(LOGN + 1) + 2 * area_words() + 10 * ((size_t)1 << LOGN) +
                   ((size_t)1 << LOGN) + 8 * lmax();
    return 4 * words + 8;
}

int pqf_falcon_ntru_solve(int8_t *Fo, int8_t *Go, const int8_t *f, const int8_t *g,
                          unsigned logn, uint8_t *tmp, size_t tmplen) {
    const size_t n = (size_t)1 << LOGN;
    uint32_t *tower, *areaA, *areaB, *bt;
    double *dw;
    int32_t *kw;
    uint32_t *Fc, *Gc;
    size_t u, L, Lc;
    unsigned d;
    uint32_t bad = 0;

    (void)logn;
    if (tmplen < PQF_FALCON_NTRU_TMP_BYTES()) {
        return 0;
    }
    dw = (double *)(void *)tmp;
    kw = (int32_t *)(void *)(dw + 5 * n);
    tower = (uint32_t *)(void *)(kw + n);
    areaA = tower + tower_off(LOGN + 1);
    areaB = areaA + area_words();
    bt = areaB + area_words();

    /* depth 0: f and g */
    L = lf(0);
    for (u = 0; u < n; u++) {
        uint32_t fv = (uint32_t)(int32_t)f[u], gv = (uint32_t)(int32_t)g[u];
        size_t i;
        for (i = 0; i < L; i++) {
            tower[u * L + i] = i == 0 ? fv : (uint32_t)0 - (fv >> 31);
            tower[(n + u) * L + i] = i == 0 ? gv : (uint32_t)0 - (gv >> 31);
        }
    }
    /* descent: field norms */
    for (d = 0; d < LOGN; d++) {
        size_t m = n >> d;
        uint32_t *fd = tower + tower_off(d), *gd = fd + m * lf(d);
        uint32_t *fn = tower + tower_off(d + 1), *gn = fn + (m >> 1) * lf(d + 1);
        field_norm(fn, lf(d + 1), fd, lf(d), m, areaA);
        field_norm(gn, lf(d + 1), gd, lf(d), m, areaA);
    }

    /* bottom: f_L G - g_L F = q from the Bezout relation */
    {
        uint32_t *fl = tower + tower_off(LOGN), *gl = fl + lf(LOGN);
        uint32_t *ua = areaB, *va = areaB + lbig(LOGN), *A = bt, *B = bt + lbig(LOGN);
        uint32_t sf, sg, qv = Q;
        Lc = lbig(LOGN);
        bn_copy_ext(A, Lc, fl, lf(LOGN));
        bn_copy_ext(B, Lc, gl, lf(LOGN));
        sf = bn_abs(A, A, Lc);
        sg = bn_abs(B, B, Lc);
        if ((A[0] & B[0] & 1u) == 0 || !xgcd(ua, va, A, B, Lc, bt + 2 * Lc)) {
            return 0;
        }
        /* G = q u sign(f), F = -q v sign(g) */
        Gc = areaA + Lc;
        Fc = areaA;
        memset(areaA, 0, 2 * Lc * sizeof *areaA);
        bn_mul_acc(Gc, Lc, ua, Lc, &qv, 1, sf, bt);
        bn_mul_acc(Fc, Lc, va, Lc, &qv, 1, ~sg, bt);
        if (!babai_reduce(Fc, Gc, Lc, fl, gl, lf(LOGN), 0, dw, kw, bt)) {
            return 0;
        }
    }

    /* ascent: (Fc, Gc) in one area, lifted into the other */
    for (d = LOGN; d-- > 0;) {
        size_t m = n >> d, Lb = lbig(d);
        uint32_t *fd = tower + tower_off(d), *gd = fd + m * lf(d);
        uint32_t *dst = (Fc == areaA) ? areaB : areaA;
        lift(dst, Lb, Fc, Lc, gd, lf(d), m, bt);
        lift(dst + m * Lb, Lb, Gc, Lc, fd, lf(d), m, bt);
        if (!babai_reduce(dst, dst + m * Lb, Lb, fd, gd, lf(d), LOGN - d, dw, kw, bt)) {
            return 0;
        }
        if (poly_maxbits(dst, 2 * m, Lb) > (unsigned)bits_fg[d] + RED_SLACK) {
            return 0;
        }
        Lc = Lb;
        Fc = dst;
        Gc = dst + m * Lb;
    }
    /* F, G at depth 0: small, with |F|, |G| <= 127 */
    for (u = 0; u < n; u++) {
        int32_t vF = (int32_t)Fc[u * Lc], vG = (int32_t)Gc[u * Lc];
        size_t i;
        for (i = 1; i < Lc; i++) {
            bad |= Fc[u * Lc + i] ^ (uint32_t)(vF >> 31);
            bad |= Gc[u * Lc + i] ^ (uint32_t)(vG >> 31);
        }
        bad |= pqf_ct_mask_lt_u32(254, (uint32_t)(vF + 127));
        bad |= pqf_ct_mask_lt_u32(254, (uint32_t)(vG + 127));
        Fo[u] = (int8_t)vF;
        Go[u] = (int8_t)vG;
    }
    /* exact check f*G - g*F = q modulo x^n + 1 (sums fit in int32) */
    {
        int32_t *acc = (int32_t *)(void *)(Fc == areaA ? areaB : areaA);
        size_t i, j;
        memset(acc, 0, n * sizeof *acc);
        for (i = 0; i < n; i++) {
            for (j = 0; j < n; j++) {
                int32_t v = (int32_t)f[i] * Go[j] - (int32_t)g[i] * Fo[j];
                if (i + j < n) { /* public indices */
                    acc[i + j] += v;
                } else {
                    acc[i + j - n] -= v;
                }
            }
        }
        bad |= (uint32_t)acc[0] ^ Q;
        for (i = 1; i < n; i++) {
            bad |= (uint32_t)acc[i];
        }
    }
    return bad == 0;
}

/*
 * The ML-DSA AVX2 backend against the portable C, layer by layer, on
 * pseudorandom inputs: every function that dispatches (NTT, NTT^-1, products,
 * reductions, rounding, hints, norm checks, encodings, the samplers), the
 * three internal entry points and their cached forms (caches compared too)
 * run twice on the same input, once with the backend capped at portable and
 * once at AVX2, and the outputs must be equal
 * byte for byte. Inputs cover each function's whole documented domain and its
 * edges (q - 1, the Decompose wrap, the norm bounds, every bit pattern for
 * the decoders).
 *
 * tests/python/test_mldsa_c.py compiles it once per parameter set, and once
 * more with one SHAKE block per first squeeze (PQF_MLDSA_AVX2_UNIFORM_BLOCKS,
 * PQF_MLDSA_AVX2_BOUNDED_BLOCKS) so that the samplers' refill paths, which
 * real parameters almost never reach, run on every call.
 *
 * usage: mldsa_backends <cases> <seed>
 * Prints "backend <name>", one line per mismatch, then "checks N mismatches M";
 * exits 1 on a mismatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ntt.h"
#include "packing.h"
#include "params.h"
#include "poly.h"
#include "sampling.h"

#define pqf_mldsa_keygen_internal PQF_MLDSA_NS(keygen_internal)
#define pqf_mldsa_sign_internal PQF_MLDSA_NS(sign_internal)
#define pqf_mldsa_verify_internal PQF_MLDSA_NS(verify_internal)
#define pqf_mldsa_keygen_cached PQF_MLDSA_NS(keygen_cached)
#define pqf_mldsa_sk_expand PQF_MLDSA_NS(sk_expand)
#define pqf_mldsa_sign_cached PQF_MLDSA_NS(sign_cached)
#define pqf_mldsa_verify_cached PQF_MLDSA_NS(verify_cached)
int pqf_mldsa_keygen_cached(uint8_t *pk, uint8_t *sk, uint8_t *pk_cache, const uint8_t *xi);
int pqf_mldsa_sk_expand(uint8_t *sk_cache, const uint8_t *sk);
int pqf_mldsa_sign_cached(uint8_t *sig, const uint8_t *sk_cache, const uint8_t *pk_cache,
                          const uint8_t *pre, size_t prelen, const uint8_t *msg, size_t msglen,
                          const uint8_t *rnd);
int pqf_mldsa_verify_cached(const uint8_t *pk_cache, const uint8_t *pre, size_t prelen,
                            const uint8_t *msg, size_t msglen, const uint8_t *sig,
                            size_t siglen);
int pqf_mldsa_keygen_internal(uint8_t *pk, uint8_t *sk, const uint8_t *xi);
int pqf_mldsa_sign_internal(uint8_t *sig, const uint8_t *sk, const uint8_t *pre, size_t prelen,
                            const uint8_t *msg, size_t msglen, const uint8_t *rnd);
int pqf_mldsa_verify_internal(const uint8_t *pk, const uint8_t *pre, size_t prelen,
                              const uint8_t *msg, size_t msglen, const uint8_t *sig,
                              size_t siglen);

#define Q PQF_MLDSA_Q
#define N PQF_MLDSA_N

static uint64_t prng_state;

/* xorshift64: test input only. */
static uint32_t prng(void) {
    prng_state ^= prng_state << 13;
    prng_state ^= prng_state >> 7;
    prng_state ^= prng_state << 17;
    return (uint32_t)(prng_state >> 11);
}

/* Uniform in [lo, hi] (hi - lo < 2^32). */
static int32_t in_range(int64_t lo, int64_t hi) {
    uint64_t span = (uint64_t)(hi - lo) + 1;
    uint64_t r = ((uint64_t)prng() << 21) ^ prng();
    return (int32_t)(lo + (int64_t)(r % span));
}

/* A coefficient in [lo, hi], one time in eight taken from the edges. */
static int32_t coeff(int64_t lo, int64_t hi) {
    switch (prng() % 16) {
    case 0:
        return (int32_t)lo;
    case 1:
        return (int32_t)hi;
    case 2:
        return (int32_t)(lo + (prng() % 4 < 3 && hi > lo ? 1 : 0));
    default:
        return in_range(lo, hi);
    }
}

static void fill(int32_t *a, size_t n, int64_t lo, int64_t hi) {
    size_t i;
    for (i = 0; i < n; i++) {
        a[i] = coeff(lo, hi);
    }
}

static void fill_bytes(uint8_t *p, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        p[i] = (uint8_t)prng();
    }
}

/* Decompose edges: r - r0 = q - 1, and values next to multiples of 2 gamma2. */
static void fill_decompose(int32_t *a) {
    unsigned i;
    for (i = 0; i < N; i++) {
        int32_t m = (int32_t)(prng() % (PQF_MLDSA_W1_COUNT + 1)) * 2 * PQF_MLDSA_GAMMA2;
        switch (prng() % 4) {
        case 0: /* the wrap: r - r0 = q - 1 */
            a[i] = in_range(Q - 1 - PQF_MLDSA_GAMMA2 - 2, Q - 1);
            break;
        case 1: /* r0 = gamma2 or -gamma2 + 1 around a multiple of 2 gamma2 */
            a[i] = m + in_range(-PQF_MLDSA_GAMMA2 - 1, PQF_MLDSA_GAMMA2 + 1);
            break;
        default:
            a[i] = in_range(0, Q - 1);
            break;
        }
        if (a[i] < 0 || a[i] >= Q) {
            a[i] = in_range(0, Q - 1);
        }
    }
}

/* One test input; each case reads the parts it needs. */
static struct {
    pqf_mldsa_poly p[3];
    pqf_mldsa_polyvecl u, v;
    pqf_mldsa_polyveck k, k2, k3, k4;
    int32_t bound;
    unsigned index;
    uint8_t bytes[PQF_MLDSA_SK_BYTES + PQF_MLDSA_SIG_BYTES];
    uint8_t seed[66];
} in;

/* Outputs of the two runs (the largest: ExpandA, and the decoders' state). */
static uint8_t out_p[PQF_MLDSA_K * sizeof(pqf_mldsa_polyvecl) + 65536];
static uint8_t out_v[sizeof(out_p)];
static unsigned checks, mismatches;

typedef size_t (*layer)(uint8_t *out);

static void compare(const char *name, layer fn) {
    size_t n1, n2, i;
    memset(out_p, 0xA5, sizeof(out_p));
    memset(out_v, 0x5A, sizeof(out_v));
    pqf_backend_select(PQF_BACKEND_PORTABLE);
    n1 = fn(out_p);
    pqf_backend_select(PQF_BACKEND_AVX2);
    n2 = fn(out_v);
    checks++;
    if (n1 != n2 || memcmp(out_p, out_v, n1) != 0) {
        for (i = 0; i < n1 && out_p[i] == out_v[i]; i++) {
        }
        printf("mismatch %s at byte %zu of %zu\n", name, i, n1);
        mismatches++;
    }
}

/* Each case copies its input, runs one function and returns the output size. */
static size_t c_ntt(uint8_t *out) {
    pqf_mldsa_poly a = in.p[0];
    pqf_mldsa_poly_ntt(&a);
    memcpy(out, &a, sizeof(a));
    return sizeof(a);
}

static size_t c_invntt(uint8_t *out) {
    pqf_mldsa_poly a = in.p[0];
    pqf_mldsa_poly_invntt(&a);
    memcpy(out, &a, sizeof(a));
    return sizeof(a);
}

static size_t c_pointwise(uint8_t *out) {
    pqf_mldsa_poly c;
    pqf_mldsa_poly_pointwise(&c, &in.p[1], &in.p[2]);
    memcpy(out, &c, sizeof(c));
    return sizeof(c);
}

static size_t c_pointwise_acc(uint8_t *out) {
    pqf_mldsa_poly c;
    pqf_mldsa_polyvecl_pointwise_acc(&c, &in.u, &in.v);
    memcpy(out, &c, sizeof(c));
    return sizeof(c);
}

static size_t c_arith(uint8_t *out) {
    pqf_mldsa_poly a[4];
    pqf_mldsa_poly_add(&a[0], &in.p[1], &in.p[2]);
    pqf_mldsa_poly_sub(&a[1], &in.p[1], &in.p[2]);
    a[2] = in.p[1];
    pqf_mldsa_poly_neg(&a[2]);
    a[3] = in.p[2];
    pqf_mldsa_poly_shiftl(&a[3]);
    memcpy(out, a, sizeof(a));
    return sizeof(a);
}

static size_t c_reduce(uint8_t *out) {
    pqf_mldsa_poly a[4];
    a[0] = in.p[0]; /* |a| < 2^31 - 2^22 */
    pqf_mldsa_poly_reduce32(&a[0]);
    a[1] = in.p[0];
    pqf_mldsa_poly_freeze(&a[1]);
    a[2] = in.p[1]; /* (-q, q) */
    pqf_mldsa_poly_caddq(&a[2]);
    a[3] = in.p[1];
    pqf_mldsa_poly_center(&a[3]);
    memcpy(out, a, sizeof(a));
    return sizeof(a);
}

static size_t c_chknorm(uint8_t *out) {
    uint32_t r[3];
    r[0] = pqf_mldsa_poly_chknorm(&in.p[0], in.bound);
    r[1] = pqf_mldsa_polyvecl_chknorm(&in.u, in.bound);
    r[2] = pqf_mldsa_polyveck_chknorm(&in.k, in.bound);
    memcpy(out, r, sizeof(r));
    return sizeof(r);
}

static size_t c_rounding(uint8_t *out) {
    pqf_mldsa_poly a[6];
    pqf_mldsa_poly_power2round(&a[0], &a[1], &in.p[0]);
    pqf_mldsa_poly_decompose(&a[2], &a[3], &in.p[1]);
    pqf_mldsa_poly_highbits(&a[4], &in.p[1]);
    pqf_mldsa_poly_lowbits(&a[5], &in.p[1]);
    memcpy(out, a, sizeof(a));
    /* In place, as the signer calls them. */
    a[0] = in.p[0];
    pqf_mldsa_poly_power2round(&a[1], &a[0], &a[0]);
    memcpy(out + sizeof(a), &a[0], 2 * sizeof(a[0]));
    return sizeof(a) + 2 * sizeof(a[0]);
}

static size_t c_hints(uint8_t *out) {
    pqf_mldsa_poly h, w1;
    unsigned count = pqf_mldsa_poly_make_hint(&h, &in.p[2], &in.p[1]);
    pqf_mldsa_poly_use_hint(&w1, &in.p[0], &in.p[1]); /* p[0]: bits */
    memcpy(out, &h, sizeof(h));
    memcpy(out + sizeof(h), &w1, sizeof(w1));
    memcpy(out + 2 * sizeof(h), &count, sizeof(count));
    return 2 * sizeof(h) + sizeof(count);
}

static size_t c_encode(uint8_t *out) {
    /* k: t1, u: s1, k2: s2, k3: t0, p: z, k4: w1. */
    uint8_t *o = out;
    pqf_mldsa_polyvecl z;
    pqf_mldsa_polyveck h;
    unsigned i;
    pqf_mldsa_pk_encode(o, in.seed, &in.k);
    o += PQF_MLDSA_PK_BYTES;
    pqf_mldsa_sk_encode(o, in.seed, in.seed + 32, in.bytes, &in.u, &in.k2, &in.k3);
    o += PQF_MLDSA_SK_BYTES;
    for (i = 0; i < PQF_MLDSA_L; i++) {
        z.v[i] = in.p[i % 3];
    }
    memset(&h, 0, sizeof(h));
    for (i = 0; i < PQF_MLDSA_OMEGA; i++) {
        h.v[in.bytes[i] % PQF_MLDSA_K].c[in.bytes[i + 100]] = 1;
    }
    pqf_mldsa_sig_encode(o, in.seed, &z, &h);
    o += PQF_MLDSA_SIG_BYTES;
    pqf_mldsa_w1_encode(o, &in.k4);
    o += PQF_MLDSA_W1_PACKED_BYTES;
    return (size_t)(o - out);
}

static size_t c_decode(uint8_t *out) {
    struct {
        uint8_t rho[32], key[32], tr[PQF_MLDSA_TR_BYTES], ctilde[PQF_MLDSA_CTILDE_BYTES];
        pqf_mldsa_polyveck t1, s2, t0, h;
        pqf_mldsa_polyvecl s1, z;
        pqf_mldsa_poly y;
        int rc;
    } d;
    memset(&d, 0, sizeof(d));
    pqf_mldsa_pk_decode(d.rho, &d.t1, in.bytes);
    pqf_mldsa_sk_decode(d.rho, d.key, d.tr, &d.s1, &d.s2, &d.t0, in.bytes);
    d.rc = pqf_mldsa_sig_decode(d.ctilde, &d.z, &d.h, in.bytes + PQF_MLDSA_SK_BYTES);
    pqf_mldsa_poly_z_unpack(&d.y, in.bytes + 7);
    memcpy(out, &d, sizeof(d));
    return sizeof(d);
}

static size_t c_rej_ntt(uint8_t *out) {
    pqf_mldsa_poly a;
    pqf_mldsa_rej_ntt_poly(&a, in.seed);
    memcpy(out, &a, sizeof(a));
    return sizeof(a);
}

static size_t c_expand_a(uint8_t *out) {
    static pqf_mldsa_polyvecl a[PQF_MLDSA_K];
    pqf_mldsa_expand_a(a, in.seed);
    memcpy(out, a, sizeof(a));
    return sizeof(a);
}

static size_t c_expand_a_row(uint8_t *out) {
    pqf_mldsa_polyvecl row;
    pqf_mldsa_expand_a_row(&row, in.seed, in.index % PQF_MLDSA_K);
    memcpy(out, &row, sizeof(row));
    return sizeof(row);
}

static size_t c_expand_s(uint8_t *out) {
    pqf_mldsa_polyvecl s1;
    pqf_mldsa_polyveck s2;
    pqf_mldsa_expand_s(&s1, &s2, in.seed);
    memcpy(out, &s1, sizeof(s1));
    memcpy(out + sizeof(s1), &s2, sizeof(s2));
    return sizeof(s1) + sizeof(s2);
}

static size_t c_expand_mask(uint8_t *out) {
    pqf_mldsa_polyvecl y;
    pqf_mldsa_expand_mask(&y, in.seed, in.index);
    memcpy(out, &y, sizeof(y));
    return sizeof(y);
}

/* keygen, a hedged signature of a random message and its verification, and
 * the verification of a tampered signature. */
static size_t c_scheme(uint8_t *out) {
    uint8_t *pk = out, *sk = pk + PQF_MLDSA_PK_BYTES, *sig = sk + PQF_MLDSA_SK_BYTES;
    int rc[4];
    size_t mlen = in.index % 200;
    rc[0] = pqf_mldsa_keygen_internal(pk, sk, in.seed);
    rc[1] = pqf_mldsa_sign_internal(sig, sk, in.bytes, 2, in.bytes + 2, mlen, in.seed + 32);
    rc[2] = pqf_mldsa_verify_internal(pk, in.bytes, 2, in.bytes + 2, mlen, sig,
                                      PQF_MLDSA_SIG_BYTES);
    sig[in.index % PQF_MLDSA_SIG_BYTES] ^= (uint8_t)(1u << (in.index % 8));
    rc[3] = pqf_mldsa_verify_internal(pk, in.bytes, 2, in.bytes + 2, mlen, sig,
                                      PQF_MLDSA_SIG_BYTES);
    memcpy(sig + PQF_MLDSA_SIG_BYTES, rc, sizeof(rc));
    return PQF_MLDSA_PK_BYTES + PQF_MLDSA_SK_BYTES + PQF_MLDSA_SIG_BYTES + sizeof(rc);
}

/* The same through the expanded-key caches (keygen_cached, sk_expand,
 * sign_cached, verify_cached): the caches themselves are compared too, and the
 * cached signature must equal the uncached one (the last rc). */
static uint64_t pk_cache[PQF_MLDSA_PK_CACHE_BYTES / 8], sk_cache[PQF_MLDSA_SK_CACHE_BYTES / 8];
static size_t c_scheme_cached(uint8_t *out) {
    uint8_t *pk = out, *sk = pk + PQF_MLDSA_PK_BYTES, *sig = sk + PQF_MLDSA_SK_BYTES;
    uint8_t *caches = sig + PQF_MLDSA_SIG_BYTES + 5 * sizeof(int);
    uint8_t sig2[PQF_MLDSA_SIG_BYTES];
    int rc[5];
    size_t mlen = in.index % 200;
    memset(pk_cache, 0, sizeof(pk_cache));
    memset(sk_cache, 0, sizeof(sk_cache));
    rc[0] = pqf_mldsa_keygen_cached(pk, sk, (uint8_t *)pk_cache, in.seed);
    rc[1] = pqf_mldsa_sk_expand((uint8_t *)sk_cache, sk);
    rc[1] |= pqf_mldsa_sign_cached(sig, (const uint8_t *)sk_cache, (const uint8_t *)pk_cache,
                                   in.bytes, 2, in.bytes + 2, mlen, in.seed + 32);
    rc[2] = pqf_mldsa_verify_cached((const uint8_t *)pk_cache, in.bytes, 2, in.bytes + 2, mlen,
                                    sig, PQF_MLDSA_SIG_BYTES);
    pqf_mldsa_sign_internal(sig2, sk, in.bytes, 2, in.bytes + 2, mlen, in.seed + 32);
    rc[4] = memcmp(sig, sig2, sizeof(sig2)) != 0;
    memcpy(caches, pk_cache, sizeof(pk_cache));
    memcpy(caches + sizeof(pk_cache), sk_cache, sizeof(sk_cache));
    sig[in.index % PQF_MLDSA_SIG_BYTES] ^= (uint8_t)(1u << (in.index % 8));
    rc[3] = pqf_mldsa_verify_cached((const uint8_t *)pk_cache, in.bytes, 2, in.bytes + 2, mlen,
                                    sig, PQF_MLDSA_SIG_BYTES);
    if (rc[4] != 0) {
        printf("cached and uncached signatures differ\n");
        mismatches++;
    }
    memcpy(sig + PQF_MLDSA_SIG_BYTES, rc, sizeof(rc));
    return (size_t)(caches - out) + sizeof(pk_cache) + sizeof(sk_cache);
}

static const int32_t bounds[] = {
    PQF_MLDSA_GAMMA1 - PQF_MLDSA_BETA, PQF_MLDSA_GAMMA2 - PQF_MLDSA_BETA, PQF_MLDSA_GAMMA2,
    PQF_MLDSA_ETA + 1, 1 << PQF_MLDSA_D, 1, (1 << 30) - 1,
};

int main(int argc, char **argv) {
    unsigned cases, n, i;
    if (argc != 3) {
        fprintf(stderr, "usage: mldsa_backends <cases> <seed>\n");
        return 2;
    }
    cases = (unsigned)strtoul(argv[1], NULL, 10);
    prng_state = strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ull + 1;
    printf("backend %s\n",
           pqf_backend_select(PQF_BACKEND_AVX2) == PQF_BACKEND_AVX2 ? "avx2" : "portable");
    for (n = 0; n < cases; n++) {
        int32_t b;
        fill_bytes(in.seed, sizeof(in.seed));
        fill_bytes(in.bytes, sizeof(in.bytes));
        in.index = prng() % 4 == 0 ? 250 + prng() % 10 : prng() % 65000;

        fill(in.p[0].c, N, -(Q - 1), Q - 1);
        compare("ntt", c_ntt);
        compare("invntt", c_invntt);
        fill(in.p[1].c, N, -9 * (int64_t)Q + 1, 9 * (int64_t)Q - 1);
        fill(in.p[2].c, N, -9 * (int64_t)Q + 1, 9 * (int64_t)Q - 1);
        compare("pointwise", c_pointwise);
        for (i = 0; i < PQF_MLDSA_L; i++) {
            fill(in.u.v[i].c, N, 0, Q - 1);
            fill(in.v.v[i].c, N, -9 * (int64_t)Q + 1, 9 * (int64_t)Q - 1);
        }
        compare("pointwise_acc", c_pointwise_acc);

        fill(in.p[0].c, N, -(1 << 30) - (1 << 29), (1 << 30) + (1 << 29));
        fill(in.p[1].c, N, -(Q - 1), Q - 1);
        fill(in.p[2].c, N, 0, (1 << PQF_MLDSA_T1_BITS) - 1);
        compare("reduce", c_reduce);
        compare("arith", c_arith);

        b = bounds[prng() % (sizeof(bounds) / sizeof(bounds[0]))];
        in.bound = b;
        /* Mostly inside the bound, sometimes one coefficient at or past it. */
        fill(in.p[0].c, N, -(b - 1), b - 1);
        for (i = 0; i < PQF_MLDSA_L; i++) {
            fill(in.u.v[i].c, N, -(b - 1), b - 1);
        }
        for (i = 0; i < PQF_MLDSA_K; i++) {
            fill(in.k.v[i].c, N, -(b - 1), b - 1);
        }
        if (prng() % 2) {
            int32_t bad = prng() % 2 ? b : (int32_t)(b + prng() % 1000);
            in.p[0].c[prng() % N] = prng() % 2 ? bad : -bad;
            in.u.v[prng() % PQF_MLDSA_L].c[prng() % N] = prng() % 2 ? bad : -bad;
            in.k.v[prng() % PQF_MLDSA_K].c[prng() % N] = prng() % 2 ? bad : -bad;
        }
        compare("chknorm", c_chknorm);

        fill(in.p[0].c, N, 0, Q - 1);
        fill_decompose(in.p[1].c);
        compare("rounding", c_rounding);
        fill(in.p[0].c, N, 0, 1);
        fill(in.p[2].c, N, -(Q - 1) / 2, (Q - 1) / 2);
        if (prng() % 2) {
            fill(in.p[2].c, N, -PQF_MLDSA_GAMMA2, PQF_MLDSA_GAMMA2);
        }
        compare("hints", c_hints);

        for (i = 0; i < PQF_MLDSA_L; i++) {
            fill(in.u.v[i].c, N, -PQF_MLDSA_ETA, PQF_MLDSA_ETA);
        }
        for (i = 0; i < 3; i++) {
            fill(in.p[i].c, N, -PQF_MLDSA_GAMMA1 + 1, PQF_MLDSA_GAMMA1);
        }
        for (i = 0; i < PQF_MLDSA_K; i++) {
            fill(in.k.v[i].c, N, 0, (1 << PQF_MLDSA_T1_BITS) - 1);
            fill(in.k2.v[i].c, N, -PQF_MLDSA_ETA, PQF_MLDSA_ETA);
            fill(in.k3.v[i].c, N, -(1 << (PQF_MLDSA_D - 1)) + 1, 1 << (PQF_MLDSA_D - 1));
            fill(in.k4.v[i].c, N, 0, PQF_MLDSA_W1_COUNT - 1);
        }
        compare("encode", c_encode);
        compare("decode", c_decode);

        compare("rej_ntt_poly", c_rej_ntt);
        compare("expand_a_row", c_expand_a_row);
        compare("expand_s", c_expand_s);
        compare("expand_mask", c_expand_mask);
        if (n % 8 == 0) {
            compare("expand_a", c_expand_a);
            compare("scheme", c_scheme);
            compare("scheme_cached", c_scheme_cached);
        }
    }
    printf("checks %u mismatches %u\n", checks, mismatches);
    return mismatches != 0;
}

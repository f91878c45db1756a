/*
 * ML-DSA (FIPS 204 section 6): KeyGen_internal, Sign_internal and
 * Verify_internal, plus the expanded secret key check.
 *
 * The *_cached entry points read the caller's caches (pqfence_mldsa.h) as the
 * expanded keys below: A-hat, NTT(t1 2^d) and tr for the public key; NTT(s1),
 * NTT(s2), NTT(t0), K and tr for the secret key (FIPS 204 section 3.6.3 lets
 * these be precomputed). The uncached entry points expand into the same
 * structures on the stack and share every later step, so both give the same
 * bytes.
 */
#include <string.h>

#include "ct.h"
#include "fips202.h"
#include "ntt.h"
#include "packing.h"
#include "params.h"
#include "poly.h"
#include "reduce.h"
#include "sampling.h"

#define pqf_mldsa_keygen_internal PQF_MLDSA_NS(keygen_internal)
#define pqf_mldsa_sign_internal PQF_MLDSA_NS(sign_internal)
#define pqf_mldsa_sign_mu PQF_MLDSA_NS(sign_mu)
#define pqf_mldsa_verify_internal PQF_MLDSA_NS(verify_internal)
#define pqf_mldsa_verify_mu PQF_MLDSA_NS(verify_mu)
#define pqf_mldsa_sk_to_pk PQF_MLDSA_NS(sk_to_pk)
#define pqf_mldsa_check_pk PQF_MLDSA_NS(check_pk)
#define pqf_mldsa_pk_tr PQF_MLDSA_NS(pk_tr)

/* The public key expanded (the pk cache). */
typedef struct {
    uint8_t rho[32];
    uint8_t tr[PQF_MLDSA_TR_BYTES];
    pqf_mldsa_polyvecl a[PQF_MLDSA_K]; /* A-hat = ExpandA(rho) */
    pqf_mldsa_polyveck t1hat;          /* NTT(t1 2^d) */
} pqf_mldsa_expanded_pk;

/* The secret key expanded (the sk cache): rho and tr first (public), then
 * the secrets. */
typedef struct {
    uint8_t rho[32];
    uint8_t tr[PQF_MLDSA_TR_BYTES];
    uint8_t key[32];
    pqf_mldsa_polyvecl s1hat;
    pqf_mldsa_polyveck s2hat, t0hat;
} pqf_mldsa_expanded_sk;

typedef char pqf_mldsa_check_pk_cache[(sizeof(pqf_mldsa_expanded_pk) ==
                                       PQF_MLDSA_PK_CACHE_BYTES) ? 1 : -1];
typedef char pqf_mldsa_check_sk_cache[(sizeof(pqf_mldsa_expanded_sk) ==
                                       PQF_MLDSA_SK_CACHE_BYTES) ? 1 : -1];

/* A cache pointer as its structure: NULL unless 8-byte aligned (as the API
 * requires). */
static pqf_mldsa_expanded_pk *as_pk_cache(uint8_t *p) {
    return (p != NULL && ((uintptr_t)p & 7u) == 0) ? (pqf_mldsa_expanded_pk *)(void *)p : NULL;
}
static const pqf_mldsa_expanded_pk *as_pk_cache_const(const uint8_t *p) {
    return (p != NULL && ((uintptr_t)p & 7u) == 0)
               ? (const pqf_mldsa_expanded_pk *)(const void *)p
               : NULL;
}
static pqf_mldsa_expanded_sk *as_sk_cache(uint8_t *p) {
    return (p != NULL && ((uintptr_t)p & 7u) == 0) ? (pqf_mldsa_expanded_sk *)(void *)p : NULL;
}
static const pqf_mldsa_expanded_sk *as_sk_cache_const(const uint8_t *p) {
    return (p != NULL && ((uintptr_t)p & 7u) == 0)
               ? (const pqf_mldsa_expanded_sk *)(const void *)p
               : NULL;
}

/* NTT(t1 2^d), as Algorithm 8 line 9 uses it. */
static void t1_hat(pqf_mldsa_polyveck *t1hat, const pqf_mldsa_polyveck *t1) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_K; i++) {
        t1hat->v[i] = t1->v[i];
        pqf_mldsa_poly_shiftl(&t1hat->v[i]);
        pqf_mldsa_poly_ntt(&t1hat->v[i]);
    }
}

/* The public key expanded: A-hat, NTT(t1 2^d), tr = H(pk, 64). */
static void expand_pk(pqf_mldsa_expanded_pk *x, const uint8_t *pk) {
    pqf_mldsa_polyveck t1;
    pqf_mldsa_pk_decode(x->rho, &t1, pk);
    pqf_mldsa_expand_a(x->a, x->rho);
    t1_hat(&x->t1hat, &t1);
    pqf_shake256(x->tr, sizeof(x->tr), pk, PQF_MLDSA_PK_BYTES);
}

/* The secret key expanded (sk decoded, s1, s2, t0 to NTT form). */
static void expand_sk(pqf_mldsa_expanded_sk *x, const uint8_t *sk) {
    pqf_mldsa_sk_decode(x->rho, x->key, x->tr, &x->s1hat, &x->s2hat, &x->t0hat, sk);
    pqf_mldsa_polyvecl_ntt(&x->s1hat);
    pqf_mldsa_polyveck_ntt(&x->s2hat);
    pqf_mldsa_polyveck_ntt(&x->t0hat);
}

/* mu = H(tr || pre || msg, 64), absorbing the three pieces in turn. */
static void compute_mu(uint8_t mu[PQF_MLDSA_MU_BYTES], const uint8_t tr[PQF_MLDSA_TR_BYTES],
                       const uint8_t *pre, size_t prelen, const uint8_t *msg, size_t msglen) {
    pqf_keccak_ctx ctx;
    pqf_shake256_init(&ctx);
    pqf_keccak_absorb(&ctx, tr, PQF_MLDSA_TR_BYTES);
    if (prelen > 0) {
        pqf_keccak_absorb(&ctx, pre, prelen);
    }
    if (msglen > 0) {
        pqf_keccak_absorb(&ctx, msg, msglen);
    }
    pqf_keccak_squeeze(&ctx, mu, PQF_MLDSA_MU_BYTES);
    pqf_keccak_wipe(&ctx);
}

/*
 * t = NTT^-1(A NTT(s1)) + s2 in [0, q), A-hat given. A is expanded whole, as
 * in signing and verification: the AVX2 backend fills four entries per 4-way
 * SHAKE128 call across rows (a row of l = 5 alone would leave one entry to a
 * scalar SHAKE); for the portable code it is the same work either way.
 */
static void compute_t(pqf_mldsa_polyveck *t, const pqf_mldsa_polyvecl a[PQF_MLDSA_K],
                      const pqf_mldsa_polyvecl *s1hat, const pqf_mldsa_polyveck *s2) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_polyvecl_pointwise_acc(&t->v[i], &a[i], s1hat);
        pqf_mldsa_poly_invntt(&t->v[i]);
        pqf_mldsa_poly_add(&t->v[i], &t->v[i], &s2->v[i]);
        pqf_mldsa_poly_freeze(&t->v[i]);
    }
}

/* FIPS 204 Algorithm 6: ML-DSA.KeyGen_internal(xi). A-hat and tr are made in
 * xpk (the caller's pk cache or a stack buffer); when fill is set, the rest of
 * the pk cache is filled too. */
static void keygen(uint8_t *pk, uint8_t *sk, pqf_mldsa_expanded_pk *xpk, int fill,
                   const uint8_t *xi) {
    uint8_t in[PQF_MLDSA_SEED_BYTES + 2];
    uint8_t seeds[128]; /* rho (32) || rho' (64) || K (32) */
    struct {
        pqf_mldsa_polyvecl s1, s1hat;
        pqf_mldsa_polyveck s2, t;
    } st;
    pqf_mldsa_polyveck t1;
    unsigned i;

    memcpy(in, xi, PQF_MLDSA_SEED_BYTES);
    in[PQF_MLDSA_SEED_BYTES] = PQF_MLDSA_K;
    in[PQF_MLDSA_SEED_BYTES + 1] = PQF_MLDSA_L;
    pqf_shake256(seeds, sizeof(seeds), in, sizeof(in));
    PQF_DECLASSIFY(seeds, 32); /* rho is published in pk */

    pqf_mldsa_expand_a(xpk->a, seeds);
    pqf_mldsa_expand_s(&st.s1, &st.s2, seeds + 32);
    st.s1hat = st.s1;
    pqf_mldsa_polyvecl_ntt(&st.s1hat);
    compute_t(&st.t, xpk->a, &st.s1hat, &st.s2);
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_poly_power2round(&t1.v[i], &st.t.v[i], &st.t.v[i]); /* t now holds t0 */
    }
    pqf_mldsa_pk_encode(pk, seeds, &t1);
    pqf_shake256(xpk->tr, sizeof(xpk->tr), pk, PQF_MLDSA_PK_BYTES);
    pqf_mldsa_sk_encode(sk, seeds, seeds + 96, xpk->tr, &st.s1, &st.s2, &st.t);
    if (fill) {
        memcpy(xpk->rho, seeds, sizeof(xpk->rho));
        t1_hat(&xpk->t1hat, &t1);
    }

    pqf_wipe(in, sizeof(in));
    pqf_wipe(seeds, sizeof(seeds));
    pqf_wipe(&st, sizeof(st));
}

/* FIPS 204 Algorithm 6: ML-DSA.KeyGen_internal(xi). */
int pqf_mldsa_keygen_internal(uint8_t *pk, uint8_t *sk, const uint8_t *xi) {
    /* Only A-hat and tr of it are used (public). */
    pqf_mldsa_expanded_pk xpk;
    keygen(pk, sk, &xpk, 0, xi);
    return pqf_leave(PQF_OK);
}

/* FIPS 204 Algorithm 6, also filling the pk cache for the new pk. */
int PQF_MLDSA_NS(keygen_cached)(uint8_t *pk, uint8_t *sk, uint8_t *pk_cache, const uint8_t *xi) {
    pqf_mldsa_expanded_pk *xpk = as_pk_cache(pk_cache);
    if (xpk == NULL) {
        memset(pk, 0, PQF_MLDSA_PK_BYTES);
        memset(sk, 0, PQF_MLDSA_SK_BYTES);
        return pqf_leave(PQF_ERR_BAD_ARGUMENT);
    }
    keygen(pk, sk, xpk, 1, xi);
    return pqf_leave(PQF_OK);
}

/* The pk cache from pk. */
int PQF_MLDSA_NS(pk_expand)(uint8_t *pk_cache, const uint8_t *pk) {
    pqf_mldsa_expanded_pk *x = as_pk_cache(pk_cache);
    if (x == NULL) {
        return pqf_leave(PQF_ERR_BAD_ARGUMENT);
    }
    expand_pk(x, pk);
    return pqf_leave(PQF_OK);
}

/* The sk cache from a validated sk. */
int PQF_MLDSA_NS(sk_expand)(uint8_t *sk_cache, const uint8_t *sk) {
    pqf_mldsa_expanded_sk *x = as_sk_cache(sk_cache);
    if (x == NULL) {
        return pqf_leave(PQF_ERR_BAD_ARGUMENT);
    }
    expand_sk(x, sk);
    return pqf_leave(PQF_OK);
}

/* Secret state of one signature, kept together so that it is wiped at once.
 * Hat-vectors are in NTT form. */
typedef struct {
    pqf_mldsa_polyvecl y, z;
    pqf_mldsa_polyveck w, tmp;
    pqf_mldsa_poly c, rr;
    uint8_t rhopp[64];
    uint8_t ctilde[PQF_MLDSA_CTILDE_BYTES];
    uint8_t w1packed[PQF_MLDSA_W1_PACKED_BYTES];
    pqf_keccak_ctx ctx;
} pqf_mldsa_sign_state;

/*
 * One iteration of the FIPS 204 Algorithm 7 loop (lines 11 to 31) for
 * kappa. Every check is evaluated in full; returns the combined reject mask
 * (all-ones to reject), the only value the caller branches on.
 */
static uint32_t sign_attempt(pqf_mldsa_sign_state *st, const pqf_mldsa_expanded_sk *xs,
                             const pqf_mldsa_polyvecl a[PQF_MLDSA_K],
                             const uint8_t mu[PQF_MLDSA_MU_BYTES], unsigned kappa) {
    uint32_t reject;
    unsigned i, hints = 0;

    /* y = ExpandMask(rho'', kappa); w = NTT^-1(A NTT(y)); w1 = HighBits(w). */
    pqf_mldsa_expand_mask(&st->y, st->rhopp, kappa);
    st->z = st->y;
    pqf_mldsa_polyvecl_ntt(&st->z);
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_polyvecl_pointwise_acc(&st->w.v[i], &a[i], &st->z);
        pqf_mldsa_poly_invntt(&st->w.v[i]);
        pqf_mldsa_poly_caddq(&st->w.v[i]);
        pqf_mldsa_poly_highbits(&st->tmp.v[i], &st->w.v[i]);
    }
    pqf_mldsa_w1_encode(st->w1packed, &st->tmp);

    /* c~ = H(mu || w1Encode(w1), lambda/4); c = NTT(SampleInBall(c~)). */
    pqf_shake256_init(&st->ctx);
    pqf_keccak_absorb(&st->ctx, mu, PQF_MLDSA_MU_BYTES);
    pqf_keccak_absorb(&st->ctx, st->w1packed, sizeof(st->w1packed));
    pqf_keccak_squeeze(&st->ctx, st->ctilde, PQF_MLDSA_CTILDE_BYTES);
    PQF_DECLASSIFY(st->ctilde, sizeof(st->ctilde)); /* hash of w1; see sampling.c */
    pqf_mldsa_sample_in_ball(&st->c, st->ctilde);
    pqf_mldsa_poly_ntt(&st->c);

    /* z = y + <<c s1>>; reject if ||z|| >= gamma1 - beta. */
    for (i = 0; i < PQF_MLDSA_L; i++) {
        pqf_mldsa_poly_pointwise(&st->z.v[i], &st->c, &xs->s1hat.v[i]);
        pqf_mldsa_poly_invntt(&st->z.v[i]);
        pqf_mldsa_poly_center(&st->z.v[i]);
        pqf_mldsa_poly_add(&st->z.v[i], &st->z.v[i], &st->y.v[i]);
    }
    reject = pqf_mldsa_polyvecl_chknorm(&st->z, PQF_MLDSA_GAMMA1 - PQF_MLDSA_BETA);

    /* r0 = LowBits(w - <<c s2>>); reject if ||r0|| >= gamma2 - beta. w becomes
     * w - c s2 in [0, q). */
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_poly_pointwise(&st->tmp.v[i], &st->c, &xs->s2hat.v[i]);
        pqf_mldsa_poly_invntt(&st->tmp.v[i]);
        pqf_mldsa_poly_sub(&st->w.v[i], &st->w.v[i], &st->tmp.v[i]);
        pqf_mldsa_poly_freeze(&st->w.v[i]);
        pqf_mldsa_poly_lowbits(&st->tmp.v[i], &st->w.v[i]);
    }
    reject |= pqf_mldsa_polyveck_chknorm(&st->tmp, PQF_MLDSA_GAMMA2 - PQF_MLDSA_BETA);

    /* ct0 = <<c t0>>; reject if ||ct0|| >= gamma2. Then
     * h = MakeHint(-ct0, w - c s2 + ct0), reject if it has more than omega ones. */
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_poly_pointwise(&st->tmp.v[i], &st->c, &xs->t0hat.v[i]);
        pqf_mldsa_poly_invntt(&st->tmp.v[i]);
        pqf_mldsa_poly_center(&st->tmp.v[i]);
    }
    reject |= pqf_mldsa_polyveck_chknorm(&st->tmp, PQF_MLDSA_GAMMA2);
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_poly_add(&st->rr, &st->w.v[i], &st->tmp.v[i]);
        pqf_mldsa_poly_freeze(&st->rr);
        pqf_mldsa_poly_neg(&st->tmp.v[i]);
        hints += pqf_mldsa_poly_make_hint(&st->tmp.v[i], &st->tmp.v[i], &st->rr);
    }
    reject |= 0u - (((uint32_t)PQF_MLDSA_OMEGA - hints) >> 31);
    return pqf_value_barrier_u32(reject);
}

/* FIPS 204 Algorithm 7: ML-DSA.Sign_internal from mu and the expanded keys
 * (lines 1 to 5 done by the expansion, then the rejection loop). */
static int sign_from_mu(uint8_t *sig, const pqf_mldsa_expanded_sk *xs,
                        const pqf_mldsa_polyvecl a[PQF_MLDSA_K], const uint8_t *mu,
                        const uint8_t *rnd) {
    pqf_mldsa_sign_state st;
    unsigned n;
    int ret = PQF_ERR_INTERNAL;

    /* rho'' = H(K || rnd || mu, 64). */
    pqf_shake256_init(&st.ctx);
    pqf_keccak_absorb(&st.ctx, xs->key, 32);
    pqf_keccak_absorb(&st.ctx, rnd, PQF_MLDSA_RND_BYTES);
    pqf_keccak_absorb(&st.ctx, mu, PQF_MLDSA_MU_BYTES);
    pqf_keccak_squeeze(&st.ctx, st.rhopp, sizeof(st.rhopp));

    for (n = 0; n < PQF_MLDSA_MAX_SIGN_ITERATIONS; n++) {
        /* Only the combined accept/reject bit is branched on: the number of
         * iterations is public in the standard's algorithm. */
        uint32_t reject = sign_attempt(&st, xs, a, mu, n * PQF_MLDSA_L);
        PQF_DECLASSIFY(&reject, sizeof(reject));
        if (reject == 0) {
            PQF_DECLASSIFY(&st.tmp, sizeof(st.tmp)); /* the hint h is published */
            pqf_mldsa_sig_encode(sig, st.ctilde, &st.z, &st.tmp);
            ret = PQF_OK;
            break;
        }
    }
    if (ret != PQF_OK) {
        memset(sig, 0, PQF_MLDSA_SIG_BYTES);
    }
    pqf_wipe(&st, sizeof(st));
    return ret;
}

/* Sign_internal from mu with sk expanded on the stack (wiped). */
static int sign_sk(uint8_t *sig, const uint8_t *sk, const uint8_t *mu, const uint8_t *rnd) {
    pqf_mldsa_expanded_sk xs;
    pqf_mldsa_polyvecl a[PQF_MLDSA_K];
    int ret;
    expand_sk(&xs, sk);
    pqf_mldsa_expand_a(a, xs.rho);
    ret = sign_from_mu(sig, &xs, a, mu, rnd);
    pqf_wipe(&xs, sizeof(xs));
    return ret;
}

/* FIPS 204 Algorithm 7: ML-DSA.Sign_internal(sk, M' = pre || msg, rnd). */
int pqf_mldsa_sign_internal(uint8_t *sig, const uint8_t *sk, const uint8_t *pre, size_t prelen,
                            const uint8_t *msg, size_t msglen, const uint8_t *rnd) {
    uint8_t mu[PQF_MLDSA_MU_BYTES];
    int ret;
    /* tr is stored in sk after rho and K. */
    compute_mu(mu, sk + 64, pre, prelen, msg, msglen);
    ret = sign_sk(sig, sk, mu, rnd);
    pqf_wipe(mu, sizeof(mu));
    return pqf_leave(ret);
}

/* FIPS 204 Algorithm 7 from an externally computed mu. */
int pqf_mldsa_sign_mu(uint8_t *sig, const uint8_t *sk, const uint8_t *mu, const uint8_t *rnd) {
    return pqf_leave(sign_sk(sig, sk, mu, rnd));
}

/* The two caches of one key pair, or NULL (sig zeroed): misaligned, or rho
 * or tr differs (caches of different keys; both are public). */
static const pqf_mldsa_expanded_sk *cached_pair(uint8_t *sig, const uint8_t *sk_cache,
                                                const pqf_mldsa_expanded_pk **xp,
                                                const uint8_t *pk_cache) {
    const pqf_mldsa_expanded_sk *xs = as_sk_cache_const(sk_cache);
    *xp = as_pk_cache_const(pk_cache);
    if (xs == NULL || *xp == NULL ||
        (pqf_ct_memneq(xs->rho, (*xp)->rho, 32) | pqf_ct_memneq(xs->tr, (*xp)->tr, PQF_MLDSA_TR_BYTES)) != 0) {
        memset(sig, 0, PQF_MLDSA_SIG_BYTES);
        return NULL;
    }
    return xs;
}

/* FIPS 204 Algorithm 7 with the expanded key pair, M' = pre || msg. */
int PQF_MLDSA_NS(sign_cached)(uint8_t *sig, const uint8_t *sk_cache, const uint8_t *pk_cache,
                              const uint8_t *pre, size_t prelen, const uint8_t *msg,
                              size_t msglen, const uint8_t *rnd) {
    const pqf_mldsa_expanded_pk *xp;
    const pqf_mldsa_expanded_sk *xs = cached_pair(sig, sk_cache, &xp, pk_cache);
    uint8_t mu[PQF_MLDSA_MU_BYTES];
    int ret;
    if (xs == NULL) {
        return pqf_leave(PQF_ERR_BAD_ARGUMENT);
    }
    compute_mu(mu, xs->tr, pre, prelen, msg, msglen);
    ret = sign_from_mu(sig, xs, xp->a, mu, rnd);
    pqf_wipe(mu, sizeof(mu));
    return pqf_leave(ret);
}

/* FIPS 204 Algorithm 7 with the expanded key pair, from mu. */
int PQF_MLDSA_NS(sign_mu_cached)(uint8_t *sig, const uint8_t *sk_cache, const uint8_t *pk_cache,
                                 const uint8_t *mu, const uint8_t *rnd) {
    const pqf_mldsa_expanded_pk *xp;
    const pqf_mldsa_expanded_sk *xs = cached_pair(sig, sk_cache, &xp, pk_cache);
    if (xs == NULL) {
        return pqf_leave(PQF_ERR_BAD_ARGUMENT);
    }
    return pqf_leave(sign_from_mu(sig, xs, xp->a, mu, rnd));
}

/* FIPS 204 Algorithm 8: ML-DSA.Verify_internal from mu and the expanded
 * public key (all inputs public). */
static int verify_from_mu(const pqf_mldsa_expanded_pk *x, const uint8_t *mu, const uint8_t *sig,
                          size_t siglen) {
    uint8_t ctilde[PQF_MLDSA_CTILDE_BYTES], ctilde2[PQF_MLDSA_CTILDE_BYTES];
    uint8_t w1packed[PQF_MLDSA_W1_PACKED_BYTES];
    pqf_mldsa_polyveck w1, h;
    pqf_mldsa_polyvecl z;
    pqf_mldsa_poly c, w, ct1;
    pqf_keccak_ctx ctx;
    unsigned i;

    if (siglen != PQF_MLDSA_SIG_BYTES) {
        return PQF_ERR_INVALID_SIGNATURE;
    }
    if (pqf_mldsa_sig_decode(ctilde, &z, &h, sig) != 0) {
        return PQF_ERR_INVALID_SIGNATURE;
    }
    if (pqf_mldsa_polyvecl_chknorm(&z, PQF_MLDSA_GAMMA1 - PQF_MLDSA_BETA) != 0) {
        return PQF_ERR_INVALID_SIGNATURE;
    }

    /* w'_approx = NTT^-1(A NTT(z) - NTT(c) NTT(t1 2^d)); w1' = UseHint(h, w'). */
    pqf_mldsa_sample_in_ball(&c, ctilde);
    pqf_mldsa_poly_ntt(&c);
    pqf_mldsa_polyvecl_ntt(&z);
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_polyvecl_pointwise_acc(&w, &x->a[i], &z);
        pqf_mldsa_poly_pointwise(&ct1, &c, &x->t1hat.v[i]);
        pqf_mldsa_poly_sub(&w, &w, &ct1);
        pqf_mldsa_poly_reduce32(&w);
        pqf_mldsa_poly_invntt(&w);
        pqf_mldsa_poly_caddq(&w);
        pqf_mldsa_poly_use_hint(&w1.v[i], &h.v[i], &w);
    }
    pqf_mldsa_w1_encode(w1packed, &w1);

    /* c~' = H(mu || w1Encode(w1'), lambda/4). */
    pqf_shake256_init(&ctx);
    pqf_keccak_absorb(&ctx, mu, PQF_MLDSA_MU_BYTES);
    pqf_keccak_absorb(&ctx, w1packed, sizeof(w1packed));
    pqf_keccak_squeeze(&ctx, ctilde2, sizeof(ctilde2));
    if (pqf_ct_memneq(ctilde, ctilde2, sizeof(ctilde)) != 0) {
        return PQF_ERR_INVALID_SIGNATURE;
    }
    return PQF_OK;
}

/* FIPS 204 Algorithm 8: ML-DSA.Verify_internal(pk, M' = pre || msg, sigma). */
int pqf_mldsa_verify_internal(const uint8_t *pk, const uint8_t *pre, size_t prelen,
                              const uint8_t *msg, size_t msglen, const uint8_t *sig,
                              size_t siglen) {
    pqf_mldsa_expanded_pk x;
    uint8_t mu[PQF_MLDSA_MU_BYTES];
    if (siglen != PQF_MLDSA_SIG_BYTES) {
        return pqf_leave(PQF_ERR_INVALID_SIGNATURE);
    }
    expand_pk(&x, pk);
    compute_mu(mu, x.tr, pre, prelen, msg, msglen);
    return pqf_leave(verify_from_mu(&x, mu, sig, siglen));
}

/* FIPS 204 Algorithm 8 from an externally computed mu. */
int pqf_mldsa_verify_mu(const uint8_t *pk, const uint8_t *mu, const uint8_t *sig, size_t siglen) {
    pqf_mldsa_expanded_pk x;
    if (siglen != PQF_MLDSA_SIG_BYTES) {
        return pqf_leave(PQF_ERR_INVALID_SIGNATURE);
    }
    expand_pk(&x, pk);
    return pqf_leave(verify_from_mu(&x, mu, sig, siglen));
}

/* FIPS 204 Algorithm 8 with the expanded public key, M' = pre || msg. */
int PQF_MLDSA_NS(verify_cached)(const uint8_t *pk_cache, const uint8_t *pre, size_t prelen,
                                const uint8_t *msg, size_t msglen, const uint8_t *sig,
                                size_t siglen) {
    const pqf_mldsa_expanded_pk *x = as_pk_cache_const(pk_cache);
    uint8_t mu[PQF_MLDSA_MU_BYTES];
    if (x == NULL) {
        return pqf_leave(PQF_ERR_BAD_ARGUMENT);
    }
    if (siglen != PQF_MLDSA_SIG_BYTES) {
        return pqf_leave(PQF_ERR_INVALID_SIGNATURE);
    }
    compute_mu(mu, x->tr, pre, prelen, msg, msglen);
    return pqf_leave(verify_from_mu(x, mu, sig, siglen));
}

/* FIPS 204 Algorithm 8 with the expanded public key, from mu. */
int PQF_MLDSA_NS(verify_mu_cached)(const uint8_t *pk_cache, const uint8_t *mu, const uint8_t *sig,
                                   size_t siglen) {
    const pqf_mldsa_expanded_pk *x = as_pk_cache_const(pk_cache);
    if (x == NULL) {
        return pqf_leave(PQF_ERR_BAD_ARGUMENT);
    }
    return pqf_leave(verify_from_mu(x, mu, sig, siglen));
}

/* Expanded secret key check and public key derivation (FIPS 204 Algorithms 25,
 * 6 and 22): s1, s2 in [-eta, eta], t0 in (-2^(d-1), 2^(d-1)], the t0 derived
 * from rho, s1, s2 equal to the stored one, and tr = H(pk, 64). */
int pqf_mldsa_sk_to_pk(uint8_t *pk, const uint8_t *sk) {
    struct {
        pqf_mldsa_polyvecl s1, s1hat;
        pqf_mldsa_polyveck s2, t0, t, t1;
        uint8_t key[32];
    } st;
    pqf_mldsa_polyvecl a[PQF_MLDSA_K];
    uint8_t rho[32];
    uint8_t tr[PQF_MLDSA_TR_BYTES], tr2[PQF_MLDSA_TR_BYTES];
    uint32_t bad, diff = 0;
    unsigned i, j;

    pqf_mldsa_sk_decode(rho, st.key, tr, &st.s1, &st.s2, &st.t0, sk);
    bad = pqf_mldsa_polyvecl_chknorm(&st.s1, PQF_MLDSA_ETA + 1);
    bad |= pqf_mldsa_polyveck_chknorm(&st.s2, PQF_MLDSA_ETA + 1);
    /* t0 decodes into [-(2^12 - 1), 2^12] by construction; checked anyway:
     * t0 is in that interval exactly when |2 t0 - 1| < 2^13. */
    for (i = 0; i < PQF_MLDSA_K; i++) {
        for (j = 0; j < PQF_MLDSA_N; j++) {
            st.t.v[i].c[j] = 2 * st.t0.v[i].c[j] - 1;
        }
    }
    bad |= pqf_mldsa_polyveck_chknorm(&st.t, 1 << PQF_MLDSA_D);

    st.s1hat = st.s1;
    pqf_mldsa_polyvecl_ntt(&st.s1hat);
    pqf_mldsa_expand_a(a, rho);
    compute_t(&st.t, a, &st.s1hat, &st.s2);
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_poly_power2round(&st.t1.v[i], &st.t.v[i], &st.t.v[i]);
        for (j = 0; j < PQF_MLDSA_N; j++) {
            diff |= (uint32_t)(st.t.v[i].c[j] ^ st.t0.v[i].c[j]);
        }
    }
    bad |= pqf_ct_mask_nonzero_u32(diff);
    pqf_mldsa_pk_encode(pk, rho, &st.t1);
    pqf_shake256(tr2, sizeof(tr2), pk, PQF_MLDSA_PK_BYTES);
    bad |= pqf_ct_memneq(tr, tr2, sizeof(tr));
    pqf_wipe(&st, sizeof(st));
    PQF_DECLASSIFY(&bad, sizeof(bad)); /* the key is accepted or rejected */
    if (pqf_value_barrier_u32(bad) != 0) {
        memset(pk, 0, PQF_MLDSA_PK_BYTES);
        return pqf_leave(PQF_ERR_INVALID_KEY);
    }
    return pqf_leave(PQF_OK);
}

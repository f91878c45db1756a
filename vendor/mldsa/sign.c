/*
 * ML-DSA (FIPS 204 section 6): KeyGen_internal, Sign_internal and
 * Verify_internal, plus the expanded secret key check.
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
 * t = NTT^-1(A NTT(s1)) + s2 in [0, q). A is expanded whole, as in signing
 * and verification: the AVX2 backend fills four entries per 4-way SHAKE128
 * call across rows (a row of l = 5 alone would leave one entry to a scalar
 * SHAKE); for the portable code it is the same work either way.
 */
static void compute_t(pqf_mldsa_polyveck *t, const uint8_t rho[32],
                      const pqf_mldsa_polyvecl *s1hat, const pqf_mldsa_polyveck *s2) {
    pqf_mldsa_polyvecl a[PQF_MLDSA_K];
    unsigned i;
    pqf_mldsa_expand_a(a, rho);
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_polyvecl_pointwise_acc(&t->v[i], &a[i], s1hat);
        pqf_mldsa_poly_invntt(&t->v[i]);
        pqf_mldsa_poly_add(&t->v[i], &t->v[i], &s2->v[i]);
        pqf_mldsa_poly_freeze(&t->v[i]);
    }
}

/* FIPS 204 Algorithm 6: ML-DSA.KeyGen_internal(xi). */
int pqf_mldsa_keygen_internal(uint8_t *pk, uint8_t *sk, const uint8_t *xi) {
    uint8_t in[PQF_MLDSA_SEED_BYTES + 2];
    uint8_t seeds[128]; /* rho (32) || rho' (64) || K (32) */
    uint8_t tr[PQF_MLDSA_TR_BYTES];
    pqf_mldsa_polyvecl s1, s1hat;
    pqf_mldsa_polyveck s2, t, t1;

    memcpy(in, xi, PQF_MLDSA_SEED_BYTES);
    in[PQF_MLDSA_SEED_BYTES] = PQF_MLDSA_K;
    in[PQF_MLDSA_SEED_BYTES + 1] = PQF_MLDSA_L;
    pqf_shake256(seeds, sizeof(seeds), in, sizeof(in));
    PQF_DECLASSIFY(seeds, 32); /* rho is published in pk */

    pqf_mldsa_expand_s(&s1, &s2, seeds + 32);
    s1hat = s1;
    pqf_mldsa_polyvecl_ntt(&s1hat);
    compute_t(&t, seeds, &s1hat, &s2);
    {
        unsigned i;
        for (i = 0; i < PQF_MLDSA_K; i++) {
            pqf_mldsa_poly_power2round(&t1.v[i], &t.v[i], &t.v[i]); /* t now holds t0 */
        }
    }
    pqf_mldsa_pk_encode(pk, seeds, &t1);
    pqf_shake256(tr, sizeof(tr), pk, PQF_MLDSA_PK_BYTES);
    pqf_mldsa_sk_encode(sk, seeds, seeds + 96, tr, &s1, &s2, &t);

    pqf_wipe(in, sizeof(in));
    pqf_wipe(seeds, sizeof(seeds));
    pqf_wipe(&s1, sizeof(s1));
    pqf_wipe(&s1hat, sizeof(s1hat));
    pqf_wipe(&s2, sizeof(s2));
    pqf_wipe(&t, sizeof(t));
    return pqf_leave(PQF_OK);
}

/* Secret state of one signature, kept together so that it is wiped at once.
 * Hat-vectors are in NTT form. */
typedef struct {
    pqf_mldsa_polyvecl s1hat, y, z;
    pqf_mldsa_polyveck s2hat, t0hat, w, tmp;
    pqf_mldsa_poly c, rr;
    uint8_t key[32];
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
static uint32_t sign_attempt(pqf_mldsa_sign_state *st, const pqf_mldsa_polyvecl a[PQF_MLDSA_K],
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
        pqf_mldsa_poly_pointwise(&st->z.v[i], &st->c, &st->s1hat.v[i]);
        pqf_mldsa_poly_invntt(&st->z.v[i]);
        pqf_mldsa_poly_center(&st->z.v[i]);
        pqf_mldsa_poly_add(&st->z.v[i], &st->z.v[i], &st->y.v[i]);
    }
    reject = pqf_mldsa_polyvecl_chknorm(&st->z, PQF_MLDSA_GAMMA1 - PQF_MLDSA_BETA);

    /* r0 = LowBits(w - <<c s2>>); reject if ||r0|| >= gamma2 - beta. w becomes
     * w - c s2 in [0, q). */
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_poly_pointwise(&st->tmp.v[i], &st->c, &st->s2hat.v[i]);
        pqf_mldsa_poly_invntt(&st->tmp.v[i]);
        pqf_mldsa_poly_sub(&st->w.v[i], &st->w.v[i], &st->tmp.v[i]);
        pqf_mldsa_poly_freeze(&st->w.v[i]);
        pqf_mldsa_poly_lowbits(&st->tmp.v[i], &st->w.v[i]);
    }
    reject |= pqf_mldsa_polyveck_chknorm(&st->tmp, PQF_MLDSA_GAMMA2 - PQF_MLDSA_BETA);

    /* ct0 = <<c t0>>; reject if ||ct0|| >= gamma2. Then
     * h = MakeHint(-ct0, w - c s2 + ct0), reject if it has more than omega ones. */
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_poly_pointwise(&st->tmp.v[i], &st->c, &st->t0hat.v[i]);
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

/* FIPS 204 Algorithm 7: ML-DSA.Sign_internal, from mu (lines 1 to 5 except the
 * computation of mu, then the rejection loop). */
static int sign_from_mu(uint8_t *sig, const uint8_t *sk, const uint8_t *mu,
                        const uint8_t *rnd) {
    pqf_mldsa_sign_state st;
    pqf_mldsa_polyvecl a[PQF_MLDSA_K];
    uint8_t rho[32];
    uint8_t tr[PQF_MLDSA_TR_BYTES];
    unsigned n;
    int ret = PQF_ERR_INTERNAL;

    pqf_mldsa_sk_decode(rho, st.key, tr, &st.s1hat, &st.s2hat, &st.t0hat, sk);
    pqf_mldsa_polyvecl_ntt(&st.s1hat);
    pqf_mldsa_polyveck_ntt(&st.s2hat);
    pqf_mldsa_polyveck_ntt(&st.t0hat);
    pqf_mldsa_expand_a(a, rho);

    /* rho'' = H(K || rnd || mu, 64). */
    pqf_shake256_init(&st.ctx);
    pqf_keccak_absorb(&st.ctx, st.key, 32);
    pqf_keccak_absorb(&st.ctx, rnd, PQF_MLDSA_RND_BYTES);
    pqf_keccak_absorb(&st.ctx, mu, PQF_MLDSA_MU_BYTES);
    pqf_keccak_squeeze(&st.ctx, st.rhopp, sizeof(st.rhopp));

    for (n = 0; n < PQF_MLDSA_MAX_SIGN_ITERATIONS; n++) {
        /* Only the combined accept/reject bit is branched on: the number of
         * iterations is public in the standard's algorithm. */
        uint32_t reject = sign_attempt(&st, a, mu, n * PQF_MLDSA_L);
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

/* FIPS 204 Algorithm 7: ML-DSA.Sign_internal(sk, M' = pre || msg, rnd). */
int pqf_mldsa_sign_internal(uint8_t *sig, const uint8_t *sk, const uint8_t *pre, size_t prelen,
                            const uint8_t *msg, size_t msglen, const uint8_t *rnd) {
    uint8_t mu[PQF_MLDSA_MU_BYTES];
    int ret;
    /* tr is stored in sk after rho and K. */
    compute_mu(mu, sk + 64, pre, prelen, msg, msglen);
    ret = sign_from_mu(sig, sk, mu, rnd);
    pqf_wipe(mu, sizeof(mu));
    return pqf_leave(ret);
}

/* FIPS 204 Algorithm 7 from an externally computed mu. */
int pqf_mldsa_sign_mu(uint8_t *sig, const uint8_t *sk, const uint8_t *mu, const uint8_t *rnd) {
    return pqf_leave(sign_from_mu(sig, sk, mu, rnd));
}

/* FIPS 204 Algorithm 8: ML-DSA.Verify_internal, from mu (all inputs public). */
static int verify_from_mu(const uint8_t *pk, const uint8_t *mu, const uint8_t *sig, size_t siglen) {
    uint8_t rho[32];
    uint8_t ctilde[PQF_MLDSA_CTILDE_BYTES], ctilde2[PQF_MLDSA_CTILDE_BYTES];
    uint8_t w1packed[PQF_MLDSA_W1_PACKED_BYTES];
    pqf_mldsa_polyveck t1, h;
    pqf_mldsa_polyvecl z, a[PQF_MLDSA_K];
    pqf_mldsa_poly c, w, ct1;
    pqf_keccak_ctx ctx;
    unsigned i;

    if (siglen != PQF_MLDSA_SIG_BYTES) {
        return PQF_ERR_INVALID_SIGNATURE;
    }
    pqf_mldsa_pk_decode(rho, &t1, pk);
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
    pqf_mldsa_expand_a(a, rho); /* whole, as in compute_t */
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_polyvecl_pointwise_acc(&w, &a[i], &z);
        pqf_mldsa_poly_shiftl(&t1.v[i]);
        pqf_mldsa_poly_ntt(&t1.v[i]);
        pqf_mldsa_poly_pointwise(&ct1, &c, &t1.v[i]);
        pqf_mldsa_poly_sub(&w, &w, &ct1);
        pqf_mldsa_poly_reduce32(&w);
        pqf_mldsa_poly_invntt(&w);
        pqf_mldsa_poly_caddq(&w);
        pqf_mldsa_poly_use_hint(&t1.v[i], &h.v[i], &w); /* t1 now holds w1' */
    }
    pqf_mldsa_w1_encode(w1packed, &t1);

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
    uint8_t tr[PQF_MLDSA_TR_BYTES];
    uint8_t mu[PQF_MLDSA_MU_BYTES];
    if (siglen != PQF_MLDSA_SIG_BYTES) {
        return pqf_leave(PQF_ERR_INVALID_SIGNATURE);
    }
    pqf_shake256(tr, sizeof(tr), pk, PQF_MLDSA_PK_BYTES);
    compute_mu(mu, tr, pre, prelen, msg, msglen);
    return pqf_leave(verify_from_mu(pk, mu, sig, siglen));
}

/* FIPS 204 Algorithm 8 from an externally computed mu. */
int pqf_mldsa_verify_mu(const uint8_t *pk, const uint8_t *mu, const uint8_t *sig, size_t siglen) {
    return pqf_leave(verify_from_mu(pk, mu, sig, siglen));
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
    compute_t(&st.t, rho, &st.s1hat, &st.s2);
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

/* Polynomial arithmetic and FIPS 204 section 7.4 rounding for ML-DSA. */
#include "poly.h"

#include "avx2.h"
#include "ct.h"
#include "ntt.h"
#include "reduce.h"

void pqf_mldsa_poly_add(pqf_mldsa_poly *c, const pqf_mldsa_poly *a, const pqf_mldsa_poly *b) {
    unsigned i;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_add_avx2(c->c, a->c, b->c); return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        c->c[i] = a->c[i] + b->c[i];
    }
}

void pqf_mldsa_poly_sub(pqf_mldsa_poly *c, const pqf_mldsa_poly *a, const pqf_mldsa_poly *b) {
    unsigned i;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_sub_avx2(c->c, a->c, b->c); return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        c->c[i] = a->c[i] - b->c[i];
    }
}

void pqf_mldsa_poly_neg(pqf_mldsa_poly *a) {
    unsigned i;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_neg_avx2(a->c); return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        a->c[i] = -a->c[i];
    }
}

void pqf_mldsa_poly_shiftl(pqf_mldsa_poly *a) {
    unsigned i;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_shiftl_avx2(a->c); return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        a->c[i] = (int32_t)((uint32_t)a->c[i] << PQF_MLDSA_D);
    }
}

void pqf_mldsa_poly_reduce32(pqf_mldsa_poly *a) {
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_reduce32_avx2(a->c); return);
    pqf_mldsa_reduce32_coeffs(a->c, PQF_MLDSA_N);
}

void pqf_mldsa_poly_caddq(pqf_mldsa_poly *a) {
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_caddq_avx2(a->c); return);
    pqf_mldsa_caddq_coeffs(a->c, PQF_MLDSA_N);
}

void pqf_mldsa_poly_freeze(pqf_mldsa_poly *a) {
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_freeze_avx2(a->c); return);
    pqf_mldsa_freeze_coeffs(a->c, PQF_MLDSA_N);
}

void pqf_mldsa_poly_center(pqf_mldsa_poly *a) {
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_center_avx2(a->c); return);
    pqf_mldsa_center_coeffs(a->c, PQF_MLDSA_N);
}

void pqf_mldsa_poly_ntt(pqf_mldsa_poly *a) {
    pqf_mldsa_ntt(a->c);
}

void pqf_mldsa_poly_invntt(pqf_mldsa_poly *a) {
    pqf_mldsa_invntt(a->c);
}

void pqf_mldsa_poly_pointwise(pqf_mldsa_poly *c, const pqf_mldsa_poly *a,
                              const pqf_mldsa_poly *b) {
    pqf_mldsa_ntt_pointwise(c->c, a->c, b->c);
}

/* Infinity norm test: |x| >= bound for any coefficient, without early exit. */
uint32_t pqf_mldsa_poly_chknorm(const pqf_mldsa_poly *a, int32_t bound) {
    uint32_t bad = 0;
    unsigned i;
    PQF_MLDSA_TRY_AVX2(return pqf_mldsa_chknorm_avx2(a->c, bound));
    for (i = 0; i < PQF_MLDSA_N; i++) {
        int32_t x = a->c[i];
        int32_t s = x >> 31;
        uint32_t absx = (uint32_t)((x ^ s) - s);
        /* bound - 1 - |x| is negative exactly when |x| >= bound. */
        bad |= ((uint32_t)(bound - 1) - absx) >> 31;
    }
    return pqf_value_barrier_u32(0u - bad);
}

/* FIPS 204 Algorithm 35: Power2Round(r) for r in [0, q): r = r1 2^d + r0 with
 * r0 in (-2^(d-1), 2^(d-1)]. */
static inline int32_t power2round(int32_t *r0, int32_t r) {
    int32_t r1 = (r + (1 << (PQF_MLDSA_D - 1)) - 1) >> PQF_MLDSA_D;
    *r0 = r - (r1 << PQF_MLDSA_D);
    return r1;
}

/*
 * FIPS 204 Algorithm 36: Decompose(r) for r in [0, q): r = r1 (2 gamma2) + r0
 * with r0 in (-gamma2, gamma2], except that r - r0 = q - 1 gives r1 = 0 and
 * r0 - 1. r1 = floor((r + gamma2 - 1) / (2 gamma2)) is computed by multiply and
 * shift: 2 gamma2 = 2^9 * 1023 (gamma2 = (q-1)/32) or 2^11 * 93 ((q-1)/88), and
 * for y = (r + gamma2 - 1) >> 9 (resp. >> 11) floor(y / 1023) = (y 32801) >> 25
 * (resp. floor(y / 93) = (y 11276) >> 20) over the whole input range.
 */
static inline int32_t decompose(int32_t *r0, int32_t r) {
    uint32_t x = (uint32_t)r + (uint32_t)(PQF_MLDSA_GAMMA2 - 1);
    uint32_t r1, wrap;
    int32_t a0;
#if PQF_MLDSA_W1_COUNT == 16
    r1 = ((x >> 9) * 32801u) >> 25;
#else
    r1 = ((x >> 11) * 11276u) >> 20;
#endif
    a0 = r - (int32_t)r1 * (2 * PQF_MLDSA_GAMMA2);
    /* r1 == (q - 1) / (2 gamma2) exactly when r - r0 = q - 1. */
    wrap = pqf_value_barrier_u32(0u - (((uint32_t)(PQF_MLDSA_W1_COUNT - 1) - r1) >> 31));
    *r0 = a0 - (int32_t)(wrap & 1u);
    return (int32_t)(r1 & ~wrap);
}

void pqf_mldsa_poly_power2round(pqf_mldsa_poly *a1, pqf_mldsa_poly *a0,
                                const pqf_mldsa_poly *a) {
    unsigned i;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_power2round_avx2(a1->c, a0->c, a->c); return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        int32_t lo;
        a1->c[i] = power2round(&lo, a->c[i]);
        a0->c[i] = lo;
    }
}

void pqf_mldsa_poly_decompose(pqf_mldsa_poly *a1, pqf_mldsa_poly *a0,
                              const pqf_mldsa_poly *a) {
    unsigned i;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_decompose_avx2(a1->c, a0->c, a->c); return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        int32_t lo;
        a1->c[i] = decompose(&lo, a->c[i]);
        a0->c[i] = lo;
    }
}

/* FIPS 204 Algorithm 37: HighBits. */
void pqf_mldsa_poly_highbits(pqf_mldsa_poly *a1, const pqf_mldsa_poly *a) {
    unsigned i;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_decompose_avx2(a1->c, NULL, a->c); return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        int32_t lo;
        a1->c[i] = decompose(&lo, a->c[i]);
    }
}

/* FIPS 204 Algorithm 38: LowBits. */
void pqf_mldsa_poly_lowbits(pqf_mldsa_poly *a0, const pqf_mldsa_poly *a) {
    unsigned i;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_decompose_avx2(NULL, a0->c, a->c); return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        int32_t lo;
        (void)decompose(&lo, a->c[i]);
        a0->c[i] = lo;
    }
}

/* FIPS 204 Algorithm 39: MakeHint. */
unsigned pqf_mldsa_poly_make_hint(pqf_mldsa_poly *h, const pqf_mldsa_poly *z,
                                  const pqf_mldsa_poly *r) {
    uint32_t count = 0;
    unsigned i;
    PQF_MLDSA_TRY_AVX2(return pqf_mldsa_make_hint_avx2(h->c, z->c, r->c));
    for (i = 0; i < PQF_MLDSA_N; i++) {
        int32_t lo;
        int32_t r1 = decompose(&lo, r->c[i]);
        int32_t v1 = decompose(&lo, pqf_mldsa_freeze(r->c[i] + z->c[i]));
        uint32_t d = (uint32_t)(r1 ^ v1);
        uint32_t bit = (d | (0u - d)) >> 31;
        h->c[i] = (int32_t)bit;
        count += bit;
    }
    return count;
}

/* FIPS 204 Algorithm 40: UseHint (inputs are public; still branch-free). */
void pqf_mldsa_poly_use_hint(pqf_mldsa_poly *w1, const pqf_mldsa_poly *h,
                             const pqf_mldsa_poly *r) {
    unsigned i;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_use_hint_avx2(w1->c, h->c, r->c); return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        int32_t r0, t;
        int32_t r1 = decompose(&r0, r->c[i]);
        /* +1 when r0 > 0, -1 otherwise, applied only when the hint is set. */
        int32_t pos = (int32_t)((uint32_t)(-r0) >> 31);
        t = r1 + h->c[i] * (2 * pos - 1);
#if PQF_MLDSA_W1_COUNT == 16
        t &= 15;
#else
        t += (t >> 31) & PQF_MLDSA_W1_COUNT;
        t -= ((PQF_MLDSA_W1_COUNT - 1 - t) >> 31) & PQF_MLDSA_W1_COUNT;
#endif
        w1->c[i] = t;
    }
}

void pqf_mldsa_polyvecl_ntt(pqf_mldsa_polyvecl *v) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_L; i++) {
        pqf_mldsa_ntt(v->v[i].c);
    }
}

void pqf_mldsa_polyveck_ntt(pqf_mldsa_polyveck *v) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pqf_mldsa_ntt(v->v[i].c);
    }
}

void pqf_mldsa_polyvecl_pointwise_acc(pqf_mldsa_poly *w, const pqf_mldsa_polyvecl *u,
                                      const pqf_mldsa_polyvecl *v) {
    unsigned i, j;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_pointwise_acc_avx2(w, u, v); return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        int64_t acc = 0;
        for (j = 0; j < PQF_MLDSA_L; j++) {
            acc += (int64_t)u->v[j].c[i] * v->v[j].c[i];
        }
        w->c[i] = pqf_mldsa_montgomery_reduce(acc);
    }
}

uint32_t pqf_mldsa_polyvecl_chknorm(const pqf_mldsa_polyvecl *v, int32_t bound) {
    uint32_t bad = 0;
    unsigned i;
    for (i = 0; i < PQF_MLDSA_L; i++) {
        bad |= pqf_mldsa_poly_chknorm(&v->v[i], bound);
    }
    return bad;
}

uint32_t pqf_mldsa_polyveck_chknorm(const pqf_mldsa_polyveck *v, int32_t bound) {
    uint32_t bad = 0;
    unsigned i;
    for (i = 0; i < PQF_MLDSA_K; i++) {
        bad |= pqf_mldsa_poly_chknorm(&v->v[i], bound);
    }
    return bad;
}

/* ML-DSA pseudorandom sampling (FIPS 204 Algorithms 14, 15 and 29 to 34). */
#include "sampling.h"

#include <string.h>

#include "avx2.h"
#include "ct.h"
#include "fips202.h"
#include "packing.h"

/*
 * FIPS 204 Algorithm 29: SampleInBall. c~ of the accepted iteration is part of
 * the signature; a rejected iteration's c~ is a hash of a w1 that is never
 * revealed. The byte-driven swaps therefore follow the standard directly.
 */
void pqf_mldsa_sample_in_ball(pqf_mldsa_poly *c, const uint8_t ctilde[PQF_MLDSA_CTILDE_BYTES]) {
    pqf_keccak_ctx ctx;
    uint8_t buf[PQF_SHAKE256_RATE];
    uint64_t signs = 0;
    unsigned i, j, pos;

    pqf_shake256_init(&ctx);
    pqf_keccak_absorb(&ctx, ctilde, PQF_MLDSA_CTILDE_BYTES);
    pqf_keccak_squeeze(&ctx, buf, sizeof(buf));
    for (i = 0; i < 8; i++) {
        signs |= (uint64_t)buf[i] << (8 * i);
    }
    pos = 8;
    memset(c, 0, sizeof(*c));
    for (i = PQF_MLDSA_N - PQF_MLDSA_TAU; i < PQF_MLDSA_N; i++) {
        do {
            if (pos == sizeof(buf)) {
                pqf_keccak_squeeze(&ctx, buf, sizeof(buf));
                pos = 0;
            }
            j = buf[pos++];
        } while (j > i);
        c->c[i] = c->c[j];
        c->c[j] = 1 - 2 * (int32_t)(signs & 1);
        signs >>= 1;
    }
    pqf_wipe(buf, sizeof(buf));
    pqf_wipe(&signs, sizeof(signs));
    pqf_keccak_wipe(&ctx);
}

/* FIPS 204 Algorithm 14: CoeffFromThreeBytes, over a buffer; appends the
 * accepted values to a from index ctr and returns the new count. */
static unsigned coeffs_from_three_bytes(int32_t *a, unsigned ctr, const uint8_t *buf, size_t len) {
    size_t pos;
    for (pos = 0; pos + 3 <= len && ctr < PQF_MLDSA_N; pos += 3) {
        uint32_t t = (uint32_t)buf[pos] | ((uint32_t)buf[pos + 1] << 8) |
                     ((uint32_t)(buf[pos + 2] & 0x7F) << 16);
        if (t < PQF_MLDSA_Q) {
            a[ctr++] = (int32_t)t;
        }
    }
    return ctr;
}

/* FIPS 204 Algorithm 30: RejNTTPoly (public data: rejection branches are fine).
 * Five SHAKE128 blocks give 280 candidates, almost always enough. */
void pqf_mldsa_rej_ntt_poly(pqf_mldsa_poly *a, const uint8_t seed[34]) {
    pqf_keccak_ctx ctx;
    uint8_t buf[5 * PQF_SHAKE128_RATE];
    unsigned ctr;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_rej_ntt_poly_avx2(a, seed); return);

    pqf_shake128_init(&ctx);
    pqf_keccak_absorb(&ctx, seed, 34);
    pqf_keccak_squeeze(&ctx, buf, sizeof(buf));
    ctr = coeffs_from_three_bytes(a->c, 0, buf, sizeof(buf));
    while (ctr < PQF_MLDSA_N) {
        pqf_keccak_squeeze(&ctx, buf, PQF_SHAKE128_RATE);
        ctr = coeffs_from_three_bytes(a->c, ctr, buf, PQF_SHAKE128_RATE);
    }
}

/* FIPS 204 Algorithm 15: CoeffFromHalfByte(b). Returns the coefficient and sets
 * *ok to 1 when b is accepted, 0 otherwise, without branching on b. For eta = 2
 * the value is 2 - (b mod 5), with b mod 5 = b - 5 floor(13 b / 64) for b < 16. */
static int32_t coeff_from_half_byte(uint32_t b, uint32_t *ok) {
#if PQF_MLDSA_ETA == 2
    *ok = (b - 15u) >> 31;
    return 2 - (int32_t)(b - 5u * ((b * 13u) >> 6));
#else
    *ok = (b - 9u) >> 31;
    return 4 - (int32_t)b;
#endif
}

/*
 * FIPS 204 Algorithm 31: RejBoundedPoly. The secret nibbles are never branched
 * on: every candidate is written at the current position and the position
 * advances by the acceptance bit. Only the number of SHAKE256 blocks used
 * varies, which depends on how many nibbles were rejected, not on the values
 * kept.
 */
void pqf_mldsa_rej_bounded_poly(pqf_mldsa_poly *a, const uint8_t seed[66]) {
    pqf_keccak_ctx ctx;
    uint8_t buf[PQF_SHAKE256_RATE];
    int32_t tmp[PQF_MLDSA_N + 1];
    uint32_t ctr = 0;
    unsigned i;

    pqf_shake256_init(&ctx);
    pqf_keccak_absorb(&ctx, seed, 66);
    while (ctr < PQF_MLDSA_N) {
        pqf_keccak_squeeze(&ctx, buf, sizeof(buf));
        for (i = 0; i < 2 * sizeof(buf); i++) {
            uint32_t ok;
            uint32_t b = (uint32_t)(buf[i >> 1] >> (4 * (i & 1))) & 15u;
            int32_t v = coeff_from_half_byte(b, &ok);
            /* Whether a nibble is accepted is independent of the values kept. */
            PQF_DECLASSIFY(&ok, sizeof(ok));
            /* Positions stop advancing once 256 coefficients are kept. */
            uint32_t room = (ctr - PQF_MLDSA_N) >> 31;
            tmp[ctr] = v;
            ctr += ok & room;
        }
    }
    memcpy(a->c, tmp, sizeof(a->c));
    pqf_wipe(tmp, sizeof(tmp));
    pqf_wipe(buf, sizeof(buf));
    pqf_keccak_wipe(&ctx);
}

void pqf_mldsa_expand_a_row(pqf_mldsa_polyvecl *row, const uint8_t rho[32], unsigned r) {
    uint8_t seed[34];
    unsigned s;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_expand_a_row_avx2(row, rho, r); return);
    memcpy(seed, rho, 32);
    for (s = 0; s < PQF_MLDSA_L; s++) {
        seed[32] = (uint8_t)s;
        seed[33] = (uint8_t)r;
        pqf_mldsa_rej_ntt_poly(&row->v[s], seed);
    }
}

void pqf_mldsa_expand_a(pqf_mldsa_polyvecl a[PQF_MLDSA_K], const uint8_t rho[32]) {
    unsigned r;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_expand_a_avx2(a, rho); return);
    for (r = 0; r < PQF_MLDSA_K; r++) {
        pqf_mldsa_expand_a_row(&a[r], rho, r);
    }
}

void pqf_mldsa_expand_s(pqf_mldsa_polyvecl *s1, pqf_mldsa_polyveck *s2,
                        const uint8_t rhoprime[64]) {
    uint8_t seed[66];
    unsigned r;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_expand_s_avx2(s1, s2, rhoprime); return);
    memcpy(seed, rhoprime, 64);
    seed[65] = 0;
    for (r = 0; r < PQF_MLDSA_L; r++) {
        seed[64] = (uint8_t)r;
        pqf_mldsa_rej_bounded_poly(&s1->v[r], seed);
    }
    for (r = 0; r < PQF_MLDSA_K; r++) {
        seed[64] = (uint8_t)(r + PQF_MLDSA_L);
        pqf_mldsa_rej_bounded_poly(&s2->v[r], seed);
    }
    pqf_wipe(seed, sizeof(seed));
}

void pqf_mldsa_expand_mask(pqf_mldsa_polyvecl *y, const uint8_t rhopp[64], unsigned kappa) {
    pqf_keccak_ctx ctx;
    uint8_t seed[66];
    uint8_t buf[PQF_MLDSA_POLY_Z_BYTES];
    unsigned r;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_expand_mask_avx2(y, rhopp, kappa); return);
    memcpy(seed, rhopp, 64);
    for (r = 0; r < PQF_MLDSA_L; r++) {
        unsigned n = kappa + r;
        seed[64] = (uint8_t)n;
        seed[65] = (uint8_t)(n >> 8);
        pqf_shake256_init(&ctx);
        pqf_keccak_absorb(&ctx, seed, sizeof(seed));
        pqf_keccak_squeeze(&ctx, buf, sizeof(buf));
        pqf_mldsa_poly_z_unpack(&y->v[r], buf);
    }
    pqf_wipe(seed, sizeof(seed));
    pqf_wipe(buf, sizeof(buf));
    pqf_keccak_wipe(&ctx);
}

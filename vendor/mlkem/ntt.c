/*
 * FIPS 203 section 4.3: the NTT over Z_q[X]/(X^256 + 1), q = 3329, with
 * zeta = 17 a primitive 256-th root of unity. Coefficients are int16_t; twiddle
 * factors are stored premultiplied by 2^16 so that one Montgomery reduction
 * yields zeta * x mod q. Reductions are lazy: the bounds are in ntt.h and at
 * each step below. All loops have fixed bounds and no secret-dependent access.
 */
#include "ntt.h"

#include "reduce.h"

/*
 * zeta^BitRev7(i) * 2^16 mod q for i = 0..127, as signed representatives in
 * [-q/2, q/2] (FIPS 203 Appendix A lists zeta^BitRev7(i) mod q). Entry 0 is not
 * used by the transforms.
 */
static const int16_t pqf_mlkem_zetas_mont[128] = {
    -1044, -758,  -359,  -1517, 1493,  1422,  287,   202,   -171,  622,   1577,
    182,   962,   -1202, -1474, 1468,  573,   -1325, 264,   383,   -829,  1458,
    -1602, -130,  -681,  1017,  732,   608,   -1542, 411,   -205,  -1571, 1223,
    652,   -552,  1015,  -1293, 1491,  -282,  -1544, 516,   -8,    -320,  -666,
    -1618, -1162, 126,   1469,  -853,  -90,   -271,  830,   107,   -1421, -247,
    -951,  -398,  961,   -1508, -725,  448,   -1065, 677,   -1275, -1103, 430,
    555,   843,   -1251, 871,   1550,  105,   422,   587,   177,   -235,  -291,
    -460,  1574,  1653,  -246,  778,   1159,  -147,  -777,  1483,  -602,  1119,
    -1590, 644,   -872,  349,   418,   329,   -156,  -75,   817,   1097,  603,
    610,   1322,  -1285, -1465, 384,   -1215, -136,  1218,  -1335, -874,  220,
    -1187, -1659, -1185, -1530, -1278, 794,   -1510, -854,  -870,  478,   -108,
    -308,  996,   991,   958,   -1460, 1522,  1628,
};

/*
 * gamma_i = zeta^(2 BitRev7(i) + 1) * 2^16 mod q for i = 0..127, signed
 * (the moduli X^2 - gamma_i of Algorithm 11).
 */
static const int16_t pqf_mlkem_gammas_mont[128] = {
    -1103, 1103,  430,   -430,  555,   -555,  843,   -843,  -1251, 1251,  871,
    -871,  1550,  -1550, 105,   -105,  422,   -422,  587,   -587,  177,   -177,
    -235,  235,   -291,  291,   -460,  460,   1574,  -1574, 1653,  -1653, -246,
    246,   778,   -778,  1159,  -1159, -147,  147,   -777,  777,   1483,  -1483,
    -602,  602,   1119,  -1119, -1590, 1590,  644,   -644,  -872,  872,   349,
    -349,  418,   -418,  329,   -329,  -156,  156,   -75,   75,    817,   -817,
    1097,  -1097, 603,   -603,  610,   -610,  1322,  -1322, -1285, 1285,  -1465,
    1465,  384,   -384,  -1215, 1215,  -136,  136,   1218,  -1218, -1335, 1335,
    -874,  874,   220,   -220,  -1187, 1187,  -1659, 1659,  -1185, 1185,  -1530,
    1530,  -1278, 1278,  794,   -794,  -1510, 1510,  -854,  854,   -870,  870,
    478,   -478,  -108,  108,   -308,  308,   996,   -996,  991,   -991,  958,
    -958,  -1460, 1460,  1522,  -1522, 1628,  -1628,
};

/* 128^-1 * 2^32 mod q: the final scaling of Algorithm 10 (by 128^-1 = 3303), as
 * a Montgomery factor that also undoes the 2^-16 of a Montgomery-reduced product
 * (fqmul(PQF_MLKEM_INV128_R2, x) = x * 128^-1 * 2^16). */
#define PQF_MLKEM_INV128_R2 1441
/* zeta^BitRev7(1) * 128^-1 * 2^32 mod q = 1729 * 3303 * 2^32 mod q: the twiddle
 * of the last layer of Algorithm 10 with the same final scaling folded in. */
#define PQF_MLKEM_ZETA1_INV128_R2 1397

/*
 * One Cooley-Tukey layer of Algorithm 9: blocks of 2*len coefficients, twiddles
 * zetas[k..]. Inlined with a constant len so that the inner loop has a fixed trip
 * count and vectorizes.
 */
static inline void ntt_layer(int16_t f[PQF_MLKEM_N], unsigned len, unsigned k) {
    unsigned start, j;
    for (start = 0; start < PQF_MLKEM_N; start += 2 * len) {
        const int16_t zeta = pqf_mlkem_zetas_mont[k++];
        int16_t *lo = f + start, *hi = f + start + len;
        for (j = 0; j < len; j++) {
            int16_t t = pqf_mlkem_fqmul(zeta, hi[j]); /* |t| < q */
            hi[j] = (int16_t)(lo[j] - t);
            lo[j] = (int16_t)(lo[j] + t);
        }
    }
}

/* One Cooley-Tukey butterfly: (lo, hi) <- (lo + zeta hi, lo - zeta hi). */
#define PQF_MLKEM_CT_BUTTERFLY(lo, hi, zeta)                                     \
    do {                                                                         \
        int16_t t_ = pqf_mlkem_fqmul((zeta), (hi));                              \
        (hi) = (int16_t)((lo) - t_);                                             \
        (lo) = (int16_t)((lo) + t_);                                             \
    } while (0)

/*
 * The layers len = 4 and len = 2 of Algorithm 9 together, one group of eight
 * coefficients at a time (group g uses zetas[32 + g], then zetas[64 + 2g] and
 * zetas[65 + 2g]). These layers are too narrow to vectorize well; keeping the
 * group in registers halves the loads and stores.
 */
static void ntt_last_layers(int16_t f[PQF_MLKEM_N]) {
    unsigned g;
    for (g = 0; g < PQF_MLKEM_N / 8; g++) {
        int16_t *p = f + 8 * g;
        const int16_t z4 = pqf_mlkem_zetas_mont[32 + g];
        const int16_t z2a = pqf_mlkem_zetas_mont[64 + 2 * g];
        const int16_t z2b = pqf_mlkem_zetas_mont[65 + 2 * g];
        int16_t a0 = p[0], a1 = p[1], a2 = p[2], a3 = p[3];
        int16_t a4 = p[4], a5 = p[5], a6 = p[6], a7 = p[7];
        PQF_MLKEM_CT_BUTTERFLY(a0, a4, z4);
        PQF_MLKEM_CT_BUTTERFLY(a1, a5, z4);
        PQF_MLKEM_CT_BUTTERFLY(a2, a6, z4);
        PQF_MLKEM_CT_BUTTERFLY(a3, a7, z4);
        PQF_MLKEM_CT_BUTTERFLY(a0, a2, z2a);
        PQF_MLKEM_CT_BUTTERFLY(a1, a3, z2a);
        PQF_MLKEM_CT_BUTTERFLY(a4, a6, z2b);
        PQF_MLKEM_CT_BUTTERFLY(a5, a7, z2b);
        p[0] = a0; p[1] = a1; p[2] = a2; p[3] = a3;
        p[4] = a4; p[5] = a5; p[6] = a6; p[7] = a7;
    }
}

/* FIPS 203 Algorithm 9: NTT. Layer len uses zetas[128/len ..]. Each layer adds
 * less than q to the bound, so an input bounded by q leaves below 8q < 2^15. */
void pqf_mlkem_ntt(int16_t f[PQF_MLKEM_N]) {
    ntt_layer(f, 128, 1);
    ntt_layer(f, 64, 2);
    ntt_layer(f, 32, 4);
    ntt_layer(f, 16, 8);
    ntt_layer(f, 8, 16);
    ntt_last_layers(f); /* len = 4 and len = 2 */
}

/*
 * One Gentleman-Sande layer of Algorithm 10, twiddles zetas[k], zetas[k-1], ...;
 * the sums are Barrett-reduced when reduce is nonzero (a constant after inlining).
 */
static inline void ntt_inverse_layer(int16_t f[PQF_MLKEM_N], unsigned len, unsigned k,
                                     int reduce) {
    unsigned start, j;
    for (start = 0; start < PQF_MLKEM_N; start += 2 * len) {
        const int16_t zeta = pqf_mlkem_zetas_mont[k--];
        int16_t *lo = f + start, *hi = f + start + len;
        for (j = 0; j < len; j++) {
            int16_t t = lo[j];
            int16_t s = (int16_t)(t + hi[j]);
            lo[j] = reduce ? pqf_mlkem_barrett_reduce(s) : s;
            hi[j] = pqf_mlkem_fqmul(zeta, (int16_t)(hi[j] - t));
        }
    }
}

/* One Gentleman-Sande butterfly: (lo, hi) <- (lo + hi, zeta (hi - lo)). */
#define PQF_MLKEM_GS_BUTTERFLY(lo, hi, zeta)                                     \
    do {                                                                         \
        int16_t t_ = (lo);                                                       \
        (lo) = (int16_t)(t_ + (hi));                                             \
        (hi) = pqf_mlkem_fqmul((zeta), (int16_t)((hi) - t_));                    \
    } while (0)

/*
 * The layers len = 2 and len = 4 of Algorithm 10 together, one group of eight
 * coefficients at a time (group g uses zetas[127 - 2g] and zetas[126 - 2g], then
 * zetas[63 - g]).
 */
static void ntt_inverse_first_layers(int16_t f[PQF_MLKEM_N]) {
    unsigned g;
    for (g = 0; g < PQF_MLKEM_N / 8; g++) {
        int16_t *p = f + 8 * g;
        const int16_t z2a = pqf_mlkem_zetas_mont[127 - 2 * g];
        const int16_t z2b = pqf_mlkem_zetas_mont[126 - 2 * g];
        const int16_t z4 = pqf_mlkem_zetas_mont[63 - g];
        int16_t a0 = p[0], a1 = p[1], a2 = p[2], a3 = p[3];
        int16_t a4 = p[4], a5 = p[5], a6 = p[6], a7 = p[7];
        PQF_MLKEM_GS_BUTTERFLY(a0, a2, z2a);
        PQF_MLKEM_GS_BUTTERFLY(a1, a3, z2a);
        PQF_MLKEM_GS_BUTTERFLY(a4, a6, z2b);
        PQF_MLKEM_GS_BUTTERFLY(a5, a7, z2b);
        PQF_MLKEM_GS_BUTTERFLY(a0, a4, z4);
        PQF_MLKEM_GS_BUTTERFLY(a1, a5, z4);
        PQF_MLKEM_GS_BUTTERFLY(a2, a6, z4);
        PQF_MLKEM_GS_BUTTERFLY(a3, a7, z4);
        p[0] = a0; p[1] = a1; p[2] = a2; p[3] = a3;
        p[4] = a4; p[5] = a5; p[6] = a6; p[7] = a7;
    }
}

/* The last layer of Algorithm 10 (len = 128, zetas[1]) merged with its final
 * multiplication by 128^-1 (3303), times 2^16. Inputs below 2q in absolute
 * value give outputs below q. */
static void ntt_inverse_last_layer(int16_t f[PQF_MLKEM_N]) {
    unsigned j;
    for (j = 0; j < PQF_MLKEM_N / 2; j++) {
        int16_t t = f[j];
        f[j] = pqf_mlkem_fqmul(PQF_MLKEM_INV128_R2, (int16_t)(t + f[j + 128]));
        f[j + 128] = pqf_mlkem_fqmul(PQF_MLKEM_ZETA1_INV128_R2, (int16_t)(f[j + 128] - t));
    }
}

/*
 * FIPS 203 Algorithm 10: NTT^-1, times 2^16. Layer len uses zetas[256/len - 1]
 * downwards. With inputs below q, sums double per layer and differences return
 * below q through the Montgomery product, so reducing the sums in the third and
 * sixth layers keeps every value below 8q; the last layer, which also applies
 * the factor 128^-1 (and 2^16), leaves |f| < q.
 */
void pqf_mlkem_ntt_inverse(int16_t f[PQF_MLKEM_N]) {
    ntt_inverse_first_layers(f); /* len = 2 and len = 4 */
    ntt_inverse_layer(f, 8, 31, 1);
    ntt_inverse_layer(f, 16, 15, 0);
    ntt_inverse_layer(f, 32, 7, 0);
    ntt_inverse_layer(f, 64, 3, 1);
    ntt_inverse_last_layer(f); /* len = 128 */
}

/*
 * FIPS 203 Algorithm 12: BaseCaseMultiply, (a0 + a1 X)(b0 + b1 X) mod X^2 - gamma,
 * unreduced: c0 = a0 b0 + a1 b1 gamma, c1 = a0 b1 + a1 b0. The a1 b1 gamma term
 * goes through one Montgomery product a1 b1 2^-16 and then gamma 2^16, so it is
 * exact mod q; each output is a sum of two 16x16-bit products.
 */
#define PQF_MLKEM_BASECASE(f, g, gamma, c0, c1)                                  \
    do {                                                                         \
        int16_t a0_ = (f)[0], a1_ = (f)[1], b0_ = (g)[0], b1_ = (g)[1];          \
        int16_t m_ = pqf_mlkem_fqmul(a1_, b1_);                                  \
        (c0) = (int32_t)a0_ * b0_ + (int32_t)m_ * (gamma);                       \
        (c1) = (int32_t)a0_ * b1_ + (int32_t)a1_ * b0_;                          \
    } while (0)

/* FIPS 203 Algorithm 11: MultiplyNTTs, accumulated (see ntt.h). */
void pqf_mlkem_multiply_ntts_acc(int32_t acc[PQF_MLKEM_N], const int16_t f[PQF_MLKEM_N],
                                 const int16_t g[PQF_MLKEM_N], int first) {
    unsigned i;
    int32_t c0, c1;
    if (first) {
        for (i = 0; i < PQF_MLKEM_N / 2; i++) {
            PQF_MLKEM_BASECASE(f + 2 * i, g + 2 * i, pqf_mlkem_gammas_mont[i], c0, c1);
            acc[2 * i] = c0;
            acc[2 * i + 1] = c1;
        }
    } else {
        for (i = 0; i < PQF_MLKEM_N / 2; i++) {
            PQF_MLKEM_BASECASE(f + 2 * i, g + 2 * i, pqf_mlkem_gammas_mont[i], c0, c1);
            acc[2 * i] += c0;
            acc[2 * i + 1] += c1;
        }
    }
}

void pqf_mlkem_acc_reduce(int16_t r[PQF_MLKEM_N], const int32_t acc[PQF_MLKEM_N]) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i++) {
        r[i] = pqf_mlkem_montgomery_reduce(acc[i]);
    }
}

/* NTT and inverse NTT for ML-DSA (FIPS 204 Algorithms 41, 42 and 45). */
#include "ntt.h"

#include "avx2.h"
#include "reduce.h"

/*
 * zetas[m] = zeta^BitRev8(m) R mod q (centered), zeta = 1753 the 512-th root of
 * unity of FIPS 204 Appendix B, R = 2^32. Entry 0 is not used.
 */
static const int32_t zetas[PQF_MLDSA_N] = {
    -4186625, 25847, -2608894, -518909, 237124, -777960, -876248, 466468,
    1826347, 2353451, -359251, -2091905, 3119733, -2884855, 3111497, 2680103,
    2725464, 1024112, -1079900, 3585928, -549488, -1119584, 2619752, -2108549,
    -2118186, -3859737, -1399561, -3277672, 1757237, -19422, 4010497, 280005,
    2706023, 95776, 3077325, 3530437, -1661693, -3592148, -2537516, 3915439,
    -3861115, -3043716, 3574422, -2867647, 3539968, -300467, 2348700, -539299,
    -1699267, -1643818, 3505694, -3821735, 3507263, -2140649, -1600420, 3699596,
    811944, 531354, 954230, 3881043, 3900724, -2556880, 2071892, -2797779,
    -3930395, -1528703, -3677745, -3041255, -1452451, 3475950, 2176455, -1585221,
    -1257611, 1939314, -4083598, -1000202, -3190144, -3157330, -3632928, 126922,
    3412210, -983419, 2147896, 2715295, -2967645, -3693493, -411027, -2477047,
    -671102, -1228525, -22981, -1308169, -381987, 1349076, 1852771, -1430430,
    -3343383, 264944, 508951, 3097992, 44288, -1100098, 904516, 3958618,
    -3724342, -8578, 1653064, -3249728, 2389356, -210977, 759969, -1316856,
    189548, -3553272, 3159746, -1851402, -2409325, -177440, 1315589, 1341330,
    1285669, -1584928, -812732, -1439742, -3019102, -3881060, -3628969, 3839961,
    2091667, 3407706, 2316500, 3817976, -3342478, 2244091, -2446433, -3562462,
    266997, 2434439, -1235728, 3513181, -3520352, -3759364, -1197226, -3193378,
    900702, 1859098, 909542, 819034, 495491, -1613174, -43260, -522500,
    -655327, -3122442, 2031748, 3207046, -3556995, -525098, -768622, -3595838,
    342297, 286988, -2437823, 4108315, 3437287, -3342277, 1735879, 203044,
    2842341, 2691481, -2590150, 1265009, 4055324, 1247620, 2486353, 1595974,
    -3767016, 1250494, 2635921, -3548272, -2994039, 1869119, 1903435, -1050970,
    -1333058, 1237275, -3318210, -1430225, -451100, 1312455, 3306115, -1962642,
    -1279661, 1917081, -2546312, -1374803, 1500165, 777191, 2235880, 3406031,
    -542412, -2831860, -1671176, -1846953, -2584293, -3724270, 594136, -3776993,
    -2013608, 2432395, 2454455, -164721, 1957272, 3369112, 185531, -1207385,
    -3183426, 162844, 1616392, 3014001, 810149, 1652634, -3694233, -1799107,
    -3038916, 3523897, 3866901, 269760, 2213111, -975884, 1717735, 472078,
    -426683, 1723600, -1803090, 1910376, -1667432, -1104333, -260646, -3833893,
    -2939036, -2235985, -420899, -2286327, 183443, -976891, 1612842, -3545687,
    -554416, 3919660, -48306, -1362209, 3937738, 1400424, -846154, 1976782,
};

/* R^2 / 256 mod q: the NTT^-1 scaling by 256^-1, which also removes the R^-1
 * left by pointwise multiplication and the R^-1 of this multiplication. */
#define PQF_MLDSA_INVNTT_SCALE 41978
/* The scaling folded into the last layer's twiddle: -zetas[1] times the scale
 * (times R^-1, so that one Montgomery multiplication applies both). */
#define PQF_MLDSA_INVNTT_LAST_ZETA_SCALED 3975713

/* FIPS 204 Algorithm 41: NTT (Cooley-Tukey butterflies, in place). Layer by
 * layer: 'blocks' blocks of 2 len coefficients, each with its own zeta. */
void pqf_mldsa_ntt(int32_t a[PQF_MLDSA_N]) {
    unsigned len, blocks, b, j, m = 0;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_ntt_avx2(a); return);
    for (len = 128, blocks = 1; len >= 1; len >>= 1, blocks <<= 1) {
        for (b = 0; b < blocks; b++) {
            int32_t z = zetas[++m];
            int32_t *lo = a + 2 * len * b;
            int32_t *hi = lo + len;
            for (j = 0; j < len; j++) {
                int32_t t = pqf_mldsa_fqmul(z, hi[j]);
                hi[j] = lo[j] - t;
                lo[j] = lo[j] + t;
            }
        }
    }
}

/*
 * FIPS 204 Algorithm 42: NTT^-1 (Gentleman-Sande butterflies, in place), with
 * the final multiplication by 256^-1 merged into the last layer. With inputs
 * below q, the sums stay below 128 (q - 1) before the last layer and each
 * Montgomery product is below q.
 */
void pqf_mldsa_invntt(int32_t a[PQF_MLDSA_N]) {
    unsigned len, blocks, b, j, m = PQF_MLDSA_N;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_invntt_avx2(a); return);
    for (len = 1, blocks = 128; len < PQF_MLDSA_N / 2; len <<= 1, blocks >>= 1) {
        for (b = 0; b < blocks; b++) {
            int32_t z = -zetas[--m];
            int32_t *lo = a + 2 * len * b;
            int32_t *hi = lo + len;
            for (j = 0; j < len; j++) {
                int32_t t = lo[j];
                lo[j] = t + hi[j];
                hi[j] = pqf_mldsa_fqmul(z, t - hi[j]);
            }
        }
    }
    for (j = 0; j < PQF_MLDSA_N / 2; j++) {
        int32_t t = a[j];
        int32_t u = a[j + PQF_MLDSA_N / 2];
        a[j] = pqf_mldsa_fqmul(PQF_MLDSA_INVNTT_SCALE, t + u);
        a[j + PQF_MLDSA_N / 2] = pqf_mldsa_fqmul(PQF_MLDSA_INVNTT_LAST_ZETA_SCALED, t - u);
    }
}

/* FIPS 204 Algorithm 45: MultiplyNTT (coefficient-wise, Montgomery). */
void pqf_mldsa_ntt_pointwise(int32_t c[PQF_MLDSA_N], const int32_t a[PQF_MLDSA_N],
                             const int32_t b[PQF_MLDSA_N]) {
    unsigned i;
    PQF_MLDSA_TRY_AVX2(pqf_mldsa_pointwise_avx2(c, a, b); return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        c[i] = pqf_mldsa_fqmul(a[i], b[i]);
    }
}

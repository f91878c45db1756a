/* ML-DSA key and signature encodings (FIPS 204 Algorithms 16 to 28). */
#include "packing.h"

#include <string.h>

#include "avx2.h"

/* FIPS 204 Algorithms 16 and 17: SimpleBitPack / BitPack of 256 coefficients.
 * Stores v_i = a_i (sub = 0) or v_i = b - a_i (sub = 1) in 'bits' bits each.
 * The control flow depends only on 'bits'. */
static void pack_coeffs(uint8_t *out, const int32_t *a, unsigned bits, int32_t b, int sub) {
    uint64_t acc = 0;
    uint32_t mask = (1u << bits) - 1u;
    unsigned nacc = 0, i;
    size_t o = 0;
    PQF_MLDSA_TRY_AVX2(if (pqf_mldsa_pack_avx2(out, a, bits, b, sub) == 0) return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        uint32_t v = sub ? (uint32_t)(b - a[i]) : (uint32_t)a[i];
        acc |= (uint64_t)(v & mask) << nacc;
        nacc += bits;
        while (nacc >= 8) {
            out[o++] = (uint8_t)acc;
            acc >>= 8;
            nacc -= 8;
        }
    }
}

/* FIPS 204 Algorithms 18 and 19: SimpleBitUnpack / BitUnpack, the inverse of
 * pack_coeffs: a_i = v_i (sub = 0) or a_i = b - v_i (sub = 1). */
static void unpack_coeffs(int32_t *a, const uint8_t *in, unsigned bits, int32_t b, int sub) {
    uint64_t acc = 0;
    uint32_t mask = (1u << bits) - 1u;
    unsigned nacc = 0, i;
    size_t o = 0;
    PQF_MLDSA_TRY_AVX2(if (pqf_mldsa_unpack_avx2(a, in, bits, b, sub) == 0) return);
    for (i = 0; i < PQF_MLDSA_N; i++) {
        int32_t v;
        while (nacc < bits) {
            acc |= (uint64_t)in[o++] << nacc;
            nacc += 8;
        }
        v = (int32_t)((uint32_t)acc & mask);
        acc >>= bits;
        nacc -= bits;
        a[i] = sub ? b - v : v;
    }
}

void pqf_mldsa_poly_z_unpack(pqf_mldsa_poly *a, const uint8_t in[PQF_MLDSA_POLY_Z_BYTES]) {
    unpack_coeffs(a->c, in, PQF_MLDSA_Z_BITS, PQF_MLDSA_GAMMA1, 1);
}

void pqf_mldsa_pk_encode(uint8_t pk[PQF_MLDSA_PK_BYTES], const uint8_t rho[32],
                         const pqf_mldsa_polyveck *t1) {
    unsigned i;
    memcpy(pk, rho, 32);
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pack_coeffs(pk + 32 + i * PQF_MLDSA_POLY_T1_BYTES, t1->v[i].c, PQF_MLDSA_T1_BITS, 0, 0);
    }
}

void pqf_mldsa_pk_decode(uint8_t rho[32], pqf_mldsa_polyveck *t1,
                         const uint8_t pk[PQF_MLDSA_PK_BYTES]) {
    unsigned i;
    memcpy(rho, pk, 32);
    for (i = 0; i < PQF_MLDSA_K; i++) {
        unpack_coeffs(t1->v[i].c, pk + 32 + i * PQF_MLDSA_POLY_T1_BYTES, PQF_MLDSA_T1_BITS, 0, 0);
    }
}

void pqf_mldsa_sk_encode(uint8_t sk[PQF_MLDSA_SK_BYTES], const uint8_t rho[32],
                         const uint8_t key[32], const uint8_t tr[PQF_MLDSA_TR_BYTES],
                         const pqf_mldsa_polyvecl *s1, const pqf_mldsa_polyveck *s2,
                         const pqf_mldsa_polyveck *t0) {
    unsigned i;
    memcpy(sk, rho, 32);
    memcpy(sk + 32, key, 32);
    memcpy(sk + 64, tr, PQF_MLDSA_TR_BYTES);
    sk += 64 + PQF_MLDSA_TR_BYTES;
    for (i = 0; i < PQF_MLDSA_L; i++) {
        pack_coeffs(sk, s1->v[i].c, PQF_MLDSA_ETA_BITS, PQF_MLDSA_ETA, 1);
        sk += PQF_MLDSA_POLY_ETA_BYTES;
    }
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pack_coeffs(sk, s2->v[i].c, PQF_MLDSA_ETA_BITS, PQF_MLDSA_ETA, 1);
        sk += PQF_MLDSA_POLY_ETA_BYTES;
    }
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pack_coeffs(sk, t0->v[i].c, PQF_MLDSA_D, 1 << (PQF_MLDSA_D - 1), 1);
        sk += PQF_MLDSA_POLY_T0_BYTES;
    }
}

void pqf_mldsa_sk_decode(uint8_t rho[32], uint8_t key[32], uint8_t tr[PQF_MLDSA_TR_BYTES],
                         pqf_mldsa_polyvecl *s1, pqf_mldsa_polyveck *s2,
                         pqf_mldsa_polyveck *t0, const uint8_t sk[PQF_MLDSA_SK_BYTES]) {
    unsigned i;
    memcpy(rho, sk, 32);
    memcpy(key, sk + 32, 32);
    memcpy(tr, sk + 64, PQF_MLDSA_TR_BYTES);
    sk += 64 + PQF_MLDSA_TR_BYTES;
    for (i = 0; i < PQF_MLDSA_L; i++) {
        unpack_coeffs(s1->v[i].c, sk, PQF_MLDSA_ETA_BITS, PQF_MLDSA_ETA, 1);
        sk += PQF_MLDSA_POLY_ETA_BYTES;
    }
    for (i = 0; i < PQF_MLDSA_K; i++) {
        unpack_coeffs(s2->v[i].c, sk, PQF_MLDSA_ETA_BITS, PQF_MLDSA_ETA, 1);
        sk += PQF_MLDSA_POLY_ETA_BYTES;
    }
    for (i = 0; i < PQF_MLDSA_K; i++) {
        unpack_coeffs(t0->v[i].c, sk, PQF_MLDSA_D, 1 << (PQF_MLDSA_D - 1), 1);
        sk += PQF_MLDSA_POLY_T0_BYTES;
    }
}

/* FIPS 204 Algorithm 20: HintBitPack. The hint is part of the signature, so
 * the positions of its ones are public. */
static void hint_bit_pack(uint8_t y[PQF_MLDSA_OMEGA + PQF_MLDSA_K], const pqf_mldsa_polyveck *h) {
    unsigned i, j, index = 0;
    memset(y, 0, PQF_MLDSA_OMEGA + PQF_MLDSA_K);
    for (i = 0; i < PQF_MLDSA_K; i++) {
        for (j = 0; j < PQF_MLDSA_N; j++) {
            if (h->v[i].c[j] != 0 && index < PQF_MLDSA_OMEGA) {
                y[index++] = (uint8_t)j;
            }
        }
        y[PQF_MLDSA_OMEGA + i] = (uint8_t)index;
    }
}

/* FIPS 204 Algorithm 21: HintBitUnpack, strict: the cut points must be
 * non-decreasing and at most omega, the indices strictly increasing within a
 * polynomial, and the unused positions zero. Returns -1 for bottom. */
static int hint_bit_unpack(pqf_mldsa_polyveck *h, const uint8_t y[PQF_MLDSA_OMEGA + PQF_MLDSA_K]) {
    unsigned i, index = 0;
    memset(h, 0, sizeof(*h));
    for (i = 0; i < PQF_MLDSA_K; i++) {
        unsigned end = y[PQF_MLDSA_OMEGA + i];
        unsigned first = index;
        if (end < index || end > PQF_MLDSA_OMEGA) {
            return -1;
        }
        for (; index < end; index++) {
            if (index > first && y[index - 1] >= y[index]) {
                return -1;
            }
            h->v[i].c[y[index]] = 1;
        }
    }
    for (; index < PQF_MLDSA_OMEGA; index++) {
        if (y[index] != 0) {
            return -1;
        }
    }
    return 0;
}

void pqf_mldsa_sig_encode(uint8_t sig[PQF_MLDSA_SIG_BYTES],
                          const uint8_t ctilde[PQF_MLDSA_CTILDE_BYTES],
                          const pqf_mldsa_polyvecl *z, const pqf_mldsa_polyveck *h) {
    unsigned i;
    memcpy(sig, ctilde, PQF_MLDSA_CTILDE_BYTES);
    sig += PQF_MLDSA_CTILDE_BYTES;
    for (i = 0; i < PQF_MLDSA_L; i++) {
        pack_coeffs(sig, z->v[i].c, PQF_MLDSA_Z_BITS, PQF_MLDSA_GAMMA1, 1);
        sig += PQF_MLDSA_POLY_Z_BYTES;
    }
    hint_bit_pack(sig, h);
}

int pqf_mldsa_sig_decode(uint8_t ctilde[PQF_MLDSA_CTILDE_BYTES], pqf_mldsa_polyvecl *z,
                         pqf_mldsa_polyveck *h, const uint8_t sig[PQF_MLDSA_SIG_BYTES]) {
    unsigned i;
    memcpy(ctilde, sig, PQF_MLDSA_CTILDE_BYTES);
    sig += PQF_MLDSA_CTILDE_BYTES;
    for (i = 0; i < PQF_MLDSA_L; i++) {
        pqf_mldsa_poly_z_unpack(&z->v[i], sig);
        sig += PQF_MLDSA_POLY_Z_BYTES;
    }
    return hint_bit_unpack(h, sig);
}

void pqf_mldsa_w1_encode(uint8_t out[PQF_MLDSA_W1_PACKED_BYTES], const pqf_mldsa_polyveck *w1) {
    unsigned i;
    for (i = 0; i < PQF_MLDSA_K; i++) {
        pack_coeffs(out + i * PQF_MLDSA_POLY_W1_BYTES, w1->v[i].c, PQF_MLDSA_W1_BITS, 0, 0);
    }
}

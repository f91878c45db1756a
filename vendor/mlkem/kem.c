/*
 * ML-KEM (FIPS 203 section 6): KeyGen_internal, Encaps_internal and
 * Decaps_internal (Algorithms 16-18), with the input checks of sections 7.2 and
 * 7.3. Entry points are named pqf_mlkem{512,768,1024}_* (pqfence_mlkem.h).
 *
 * dk layout (Algorithm 16): dk_pke (384k) || ek (384k + 32) || H(ek) (32) || z (32).
 *
 * The *_cached entry points take the caller's ek cache, read as the expanded ek
 * of kpke.h (A_hat, t_hat, H(ek), rho), so that encapsulation and the
 * re-encryption inside decapsulation sample nothing from rho and hash no ek.
 */
#include <string.h>

#include "ct.h"
#include "fips202.h"
#include "kpke.h"
#include "params.h"
#include "poly.h"

#define SYM PQF_MLKEM_SYM_BYTES
#define DK_EK_OFFSET PQF_MLKEM_DKPKE_BYTES
#define DK_H_OFFSET (DK_EK_OFFSET + PQF_MLKEM_EK_BYTES)
#define DK_Z_OFFSET (DK_H_OFFSET + SYM)

PQF_MLKEM_STATIC_CHECK(expanded_ek_layout,
                       sizeof(pqf_mlkem_expanded_ek) == PQF_MLKEM_EK_CACHE_BYTES);

/* The cache as the expanded ek: NULL unless it is 8-byte aligned, as the API
 * requires (the struct itself needs the alignment of int16_t). */
static pqf_mlkem_expanded_ek *expanded_ek(uint8_t *cache) {
    return ((uintptr_t)cache & 7u) == 0 ? (pqf_mlkem_expanded_ek *)(void *)cache : NULL;
}

static const pqf_mlkem_expanded_ek *expanded_ek_const(const uint8_t *cache) {
    return ((uintptr_t)cache & 7u) == 0 ? (const pqf_mlkem_expanded_ek *)(const void *)cache
                                         : NULL;
}

/* FIPS 203 section 7.2, encapsulation key modulus check. */
int PQF_MLKEM_NS(check_ek)(const uint8_t *ek) {
    int bad = 0;
    unsigned i;
    for (i = 0; i < PQF_MLKEM_K; i++) {
        bad |= pqf_mlkem_poly_check12(ek + i * PQF_MLKEM_POLY12_BYTES);
    }
    return pqf_leave(bad ? PQF_ERR_INVALID_KEY : PQF_OK);
}

/* FIPS 203 section 7.3, decapsulation key hash check: H(ek) == h inside dk. */
int PQF_MLKEM_NS(check_dk)(const uint8_t *dk) {
    uint8_t h[SYM];
    uint32_t differ;
    pqf_sha3_256(h, dk + DK_EK_OFFSET, PQF_MLKEM_EK_BYTES);
    differ = pqf_ct_memneq(h, dk + DK_H_OFFSET, SYM);
    return pqf_leave(differ ? PQF_ERR_INVALID_KEY : PQF_OK);
}

/* FIPS 203 Algorithm 16: ML-KEM.KeyGen_internal(d, z); x (may be NULL)
 * receives the expanded ek. */
static void keygen(uint8_t *ek, uint8_t *dk, pqf_mlkem_expanded_ek *x, const uint8_t *d,
                   const uint8_t *z) {
    pqf_mlkem_kpke_keygen(ek, dk, x, d);
    memcpy(dk + DK_EK_OFFSET, ek, PQF_MLKEM_EK_BYTES);
    pqf_sha3_256(dk + DK_H_OFFSET, ek, PQF_MLKEM_EK_BYTES);
    memcpy(dk + DK_Z_OFFSET, z, SYM);
    if (x != NULL) {
        memcpy(x->h, dk + DK_H_OFFSET, SYM);
    }
}

/* FIPS 203 Algorithm 16: ML-KEM.KeyGen_internal(d, z). */
int PQF_MLKEM_NS(keygen_internal)(uint8_t *ek, uint8_t *dk, const uint8_t *d,
                                  const uint8_t *z) {
    keygen(ek, dk, NULL, d, z);
    return pqf_leave(PQF_OK);
}

/* FIPS 203 Algorithm 16, also filling the caller's ek cache. */
int PQF_MLKEM_NS(keygen_cached)(uint8_t *ek, uint8_t *dk, uint8_t *cache, const uint8_t *d,
                                const uint8_t *z) {
    pqf_mlkem_expanded_ek *x = expanded_ek(cache);
    if (x == NULL) {
        memset(ek, 0, PQF_MLKEM_EK_BYTES);
        memset(dk, 0, PQF_MLKEM_DK_BYTES);
        return pqf_leave(PQF_ERR_BAD_ARGUMENT);
    }
    keygen(ek, dk, x, d, z);
    return pqf_leave(PQF_OK);
}

/* Expanding ek (FIPS 203 Algorithm 14, lines 2-8, and H(ek) of Algorithm 17)
 * after the section 7.2 modulus check. */
int PQF_MLKEM_NS(ek_expand)(uint8_t *cache, const uint8_t *ek) {
    pqf_mlkem_expanded_ek *x = expanded_ek(cache);
    if (x == NULL) {
        return pqf_leave(PQF_ERR_BAD_ARGUMENT);
    }
    if (PQF_MLKEM_NS(check_ek)(ek) != PQF_OK) {
        memset(cache, 0, PQF_MLKEM_EK_CACHE_BYTES);
        return pqf_leave(PQF_ERR_INVALID_KEY);
    }
    pqf_mlkem_kpke_expand(x, ek);
    pqf_sha3_256(x->h, ek, PQF_MLKEM_EK_BYTES);
    return pqf_leave(PQF_OK);
}

/* FIPS 203 Algorithm 17: ML-KEM.Encaps_internal(ek, m), h = H(ek); the key is
 * given as its bytes ek or expanded as x (exactly one not NULL). */
static void encaps(uint8_t *ss, uint8_t *ct, const uint8_t *ek, const pqf_mlkem_expanded_ek *x,
                   const uint8_t *h, const uint8_t *m) {
    uint8_t m_h[2 * SYM]; /* m || H(ek) */
    uint8_t k_r[2 * SYM]; /* (K, r) = G(m || H(ek)) */

    memcpy(m_h, m, SYM);
    memcpy(m_h + SYM, h, SYM);
    pqf_sha3_512(k_r, m_h, sizeof(m_h));
    if (x != NULL) {
        pqf_mlkem_kpke_encrypt_expanded(ct, x, m, k_r + SYM);
    } else {
        pqf_mlkem_kpke_encrypt(ct, ek, m, k_r + SYM);
    }
    memcpy(ss, k_r, SYM);

    pqf_wipe(m_h, sizeof(m_h));
    pqf_wipe(k_r, sizeof(k_r));
}

/* FIPS 203 Algorithm 17, after the section 7.2 check. */
int PQF_MLKEM_NS(encaps_internal)(uint8_t *ss, uint8_t *ct, const uint8_t *ek,
                                  const uint8_t *m) {
    uint8_t h[SYM];
    if (PQF_MLKEM_NS(check_ek)(ek) != PQF_OK) {
        memset(ss, 0, PQF_MLKEM_SHARED_SECRET_BYTES);
        memset(ct, 0, PQF_MLKEM_CT_BYTES);
        return pqf_leave(PQF_ERR_INVALID_KEY);
    }
    pqf_sha3_256(h, ek, PQF_MLKEM_EK_BYTES);
    encaps(ss, ct, ek, NULL, h, m);
    return pqf_leave(PQF_OK);
}

/* FIPS 203 Algorithm 17 through the expanded ek (checked when it was expanded). */
int PQF_MLKEM_NS(encaps_cached)(uint8_t *ss, uint8_t *ct, const uint8_t *cache,
                                const uint8_t *m) {
    const pqf_mlkem_expanded_ek *x = expanded_ek_const(cache);
    if (x == NULL) {
        memset(ss, 0, PQF_MLKEM_SHARED_SECRET_BYTES);
        memset(ct, 0, PQF_MLKEM_CT_BYTES);
        return pqf_leave(PQF_ERR_BAD_ARGUMENT);
    }
    encaps(ss, ct, NULL, x, x->h, m);
    return pqf_leave(PQF_OK);
}

/* FIPS 203 Algorithm 18: ML-KEM.Decaps_internal(dk, c), re-encrypting with dk's
 * own ek, or with x when it is not NULL. A ciphertext that does not re-encrypt
 * to itself yields the implicit rejection key J(z || c), selected without
 * branching. */
static void decaps(uint8_t *ss, const uint8_t *dk, const pqf_mlkem_expanded_ek *x,
                   const uint8_t *ct) {
    const uint8_t *ek = dk + DK_EK_OFFSET;
    uint8_t m_h[2 * SYM];  /* m' || h */
    uint8_t k_r[2 * SYM];  /* (K', r') = G(m' || h) */
    uint8_t k_bar[SYM];    /* J(z || c) */
    uint8_t ct2[PQF_MLKEM_CT_BYTES];
    uint32_t differ;

    pqf_mlkem_kpke_decrypt(m_h, dk, ct);
    memcpy(m_h + SYM, dk + DK_H_OFFSET, SYM);
    pqf_sha3_512(k_r, m_h, sizeof(m_h));

    /* k_bar = J(z || c) and c' = K-PKE.Encrypt(ek, m', r') */
    pqf_mlkem_kpke_encrypt_j(ct2, x != NULL ? NULL : ek, x, m_h, k_r + SYM, k_bar,
                             dk + DK_Z_OFFSET, ct);
    differ = pqf_ct_memneq(ct, ct2, PQF_MLKEM_CT_BYTES);
    memcpy(ss, k_r, SYM);
    pqf_ct_cmov(ss, k_bar, SYM, (uint8_t)differ);

    pqf_wipe(m_h, sizeof(m_h));
    pqf_wipe(k_r, sizeof(k_r));
    pqf_wipe(k_bar, sizeof(k_bar));
    pqf_wipe(ct2, sizeof(ct2));
}

/* FIPS 203 Algorithm 18, after the section 7.3 check. */
int PQF_MLKEM_NS(decaps_internal)(uint8_t *ss, const uint8_t *dk, const uint8_t *ct) {
    if (PQF_MLKEM_NS(check_dk)(dk) != PQF_OK) {
        memset(ss, 0, PQF_MLKEM_SHARED_SECRET_BYTES);
        return pqf_leave(PQF_ERR_INVALID_KEY);
    }
    decaps(ss, dk, NULL, ct);
    return pqf_leave(PQF_OK);
}

/* FIPS 203 Algorithm 18 through the expanded ek; dk was checked by the caller
 * (section 7.3). The cache must belong to dk: its H(ek) (public) must be the one
 * stored in dk. */
int PQF_MLKEM_NS(decaps_cached)(uint8_t *ss, const uint8_t *dk, const uint8_t *cache,
                                const uint8_t *ct) {
    const pqf_mlkem_expanded_ek *x = expanded_ek_const(cache);
    if (x == NULL || pqf_ct_memneq(x->h, dk + DK_H_OFFSET, SYM) != 0) {
        memset(ss, 0, PQF_MLKEM_SHARED_SECRET_BYTES);
        return pqf_leave(PQF_ERR_BAD_ARGUMENT);
    }
    decaps(ss, dk, x, ct);
    return pqf_leave(PQF_OK);
}

/*
 * FIPS 205 section 5: WOTS+ with w = 16. The message digits that pick chain
 * lengths are public (they are the root of the layer below or the FORS public
 * key); SK.seed only enters PRF.
 */
#include "wots.h"

#include <string.h>

/* FIPS 205 Algorithm 4: base_2^b. */
void SLH_NS(base_2b)(uint32_t *out, const uint8_t *x, unsigned b, unsigned out_len) {
    unsigned in = 0, bits = 0, i;
    uint32_t total = 0;
    const uint32_t mask = ((uint32_t)1 << b) - 1;
    for (i = 0; i < out_len; i++) {
        while (bits < b) {
            total = (total << 8) | x[in++];
            bits += 8;
        }
        bits -= b;
        out[i] = (total >> bits) & mask;
    }
}

/* FIPS 205 Algorithm 7 lines 1-9: message digits followed by checksum digits. */
void SLH_NS(wots_digits)(uint32_t digits[SLH_LEN], const uint8_t *m) {
    uint32_t csum = 0;
    uint8_t cbytes[(SLH_LEN2 * SLH_LGW + 7) / 8];
    unsigned i;
    SLH_NS(base_2b)(digits, m, SLH_LGW, SLH_LEN1);
    for (i = 0; i < SLH_LEN1; i++) {
        csum += SLH_W - 1 - digits[i];
    }
    csum <<= (8 - ((SLH_LEN2 * SLH_LGW) % 8)) % 8;
    for (i = 0; i < sizeof(cbytes); i++) {
        cbytes[i] = (uint8_t)(csum >> (8 * (sizeof(cbytes) - 1 - i)));
    }
    SLH_NS(base_2b)(digits + SLH_LEN1, cbytes, SLH_LGW, SLH_LEN2);
}

/* FIPS 205 Algorithm 5: chain. */
void SLH_NS(wots_chain)(const slh_ctx *ctx, uint8_t *x, uint32_t i, uint32_t s,
                        slh_adrs *adrs) {
    uint32_t j;
    for (j = i; j < i + s; j++) {
        SLH_NS(adrs_set_hash)(adrs, j);
        SLH_NS(hash_f)(ctx, x, adrs, x);
    }
}

/* The PRF address for the secret values of the key pair in adrs. */
static void wots_prf_adrs(slh_adrs *sk_adrs, const slh_adrs *adrs) {
    *sk_adrs = *adrs;
    SLH_NS(adrs_set_type_and_clear)(sk_adrs, SLH_ADRS_WOTS_PRF);
    SLH_NS(adrs_set_keypair)(sk_adrs, SLH_NS(adrs_get_keypair)(adrs));
}

/* Compresses the len chain ends into the WOTS+ public key (T_len, WOTS_PK address). */
static void wots_compress_pk(const slh_ctx *ctx, uint8_t *pk, const slh_adrs *adrs,
                             const uint8_t *ends) {
    slh_adrs pk_adrs = *adrs;
    SLH_NS(adrs_set_type_and_clear)(&pk_adrs, SLH_ADRS_WOTS_PK);
    SLH_NS(adrs_set_keypair)(&pk_adrs, SLH_NS(adrs_get_keypair)(adrs));
    SLH_NS(hash_t)(ctx, pk, &pk_adrs, ends, SLH_LEN);
}

/* FIPS 205 Algorithm 6: wots_pkGen, optionally capturing Algorithm 7's
 * signature values (chain i at step digits[i]) on the way up. */
void SLH_NS(wots_pkgen)(const slh_ctx *ctx, uint8_t *pk, slh_adrs *adrs,
                        const uint32_t *digits, uint8_t *sig) {
    uint8_t ends[SLH_LEN * SLH_N];
    slh_adrs sk_adrs;
    uint32_t i;

    wots_prf_adrs(&sk_adrs, adrs);
    for (i = 0; i < SLH_LEN; i++) {
        uint8_t *x = ends + i * SLH_N;
        SLH_NS(adrs_set_chain)(&sk_adrs, i);
        SLH_NS(hash_prf)(ctx, x, &sk_adrs);
        SLH_NS(adrs_set_chain)(adrs, i);
        if (digits != NULL) {
            SLH_NS(wots_chain)(ctx, x, 0, digits[i], adrs);
            memcpy(sig + i * SLH_N, x, SLH_N);
            SLH_NS(wots_chain)(ctx, x, digits[i], SLH_W - 1 - digits[i], adrs);
        } else {
            SLH_NS(wots_chain)(ctx, x, 0, SLH_W - 1, adrs);
        }
    }
    wots_compress_pk(ctx, pk, adrs, ends);
    slh_scrub(ends, sizeof(ends));
}

/* FIPS 205 Algorithm 8: wots_pkFromSig. */
void SLH_NS(wots_pk_from_sig)(const slh_ctx *ctx, uint8_t *pk, const uint8_t *sig,
                              const uint8_t *m, slh_adrs *adrs) {
    uint8_t ends[SLH_LEN * SLH_N];
    uint32_t digits[SLH_LEN];
    uint32_t i;

    SLH_NS(wots_digits)(digits, m);
    memcpy(ends, sig, sizeof(ends));
    for (i = 0; i < SLH_LEN; i++) {
        SLH_NS(adrs_set_chain)(adrs, i);
        SLH_NS(wots_chain)(ctx, ends + i * SLH_N, digits[i], SLH_W - 1 - digits[i], adrs);
    }
    wots_compress_pk(ctx, pk, adrs, ends);
}

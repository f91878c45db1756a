/*
 * FIPS 205 section 5: WOTS+ with w = 16. The message digits that pick chain
 * lengths are public (they are the root of the layer below or the FORS public
 * key); SK.seed only enters PRF, and the chain values it starts are secret
 * until published, so they are wiped and never pick a branch or an index.
 *
 * Key generation and signing run SLH_LANES key pairs side by side, chain i of
 * key pair first + j in lane j: every step of the loop is one call of the
 * multi-lane F. Verification has one key pair whose chains have unequal
 * lengths; there the lanes take the chains in turn, a lane taking the next
 * unfinished chain whenever its own ends.
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

/* The address of key pair keypair, type `type`, in the tree of adrs. */
static void keypair_adrs(slh_adrs *out, const slh_adrs *adrs, uint32_t type,
                         uint32_t keypair) {
    *out = *adrs;
    SLH_NS(adrs_set_type_and_clear)(out, type);
    SLH_NS(adrs_set_keypair)(out, keypair);
}

/* FIPS 205 Algorithm 6 (with Algorithm 5's chains and, for the signing key
 * pair, Algorithm 7), for count key pairs in count lanes. */
void SLH_NS(wots_pkgen_lanes)(const slh_ctx *ctx, uint8_t *pk, const slh_adrs *adrs,
                              uint32_t first, unsigned count, uint32_t sign_keypair,
                              const uint32_t *digits, uint8_t *sig) {
    uint8_t ends[SLH_LANES][SLH_LEN * SLH_N];
    slh_adrs prf[SLH_LANES], chain[SLH_LANES];
    uint8_t *x[SLH_LANES];
    const uint8_t *cx[SLH_LANES];
    /* The lane of the signing key pair, or count when none signs here. */
    const unsigned sl =
        (digits != NULL && sign_keypair - first < count) ? sign_keypair - first : count;
    unsigned i, j;
    uint32_t s;

    for (j = 0; j < count; j++) {
        keypair_adrs(&prf[j], adrs, SLH_ADRS_WOTS_PRF, first + j);
        keypair_adrs(&chain[j], adrs, SLH_ADRS_WOTS_HASH, first + j);
    }
    for (i = 0; i < SLH_LEN; i++) {
        /* Algorithm 6 lines 4-5: sk = PRF(PK.seed, SK.seed, skADRS) at chain i. */
        for (j = 0; j < count; j++) {
            x[j] = ends[j] + i * SLH_N;
            cx[j] = x[j];
            SLH_NS(adrs_set_chain)(&prf[j], i);
            SLH_NS(adrs_set_chain)(&chain[j], i);
        }
        SLH_NS(hash_prf_lanes)(ctx, count, x, prf);
        /* Algorithm 5: chain(sk, 0, w - 1), step s under hash address s. */
        for (s = 0; s < SLH_W - 1; s++) {
            if (sl < count && digits[i] == s) {
                memcpy(sig + i * SLH_N, x[sl], SLH_N);
            }
            for (j = 0; j < count; j++) {
                SLH_NS(adrs_set_hash)(&chain[j], s);
            }
            SLH_NS(hash_f_lanes)(ctx, count, x, chain, cx);
        }
        if (sl < count && digits[i] == SLH_W - 1) {
            memcpy(sig + i * SLH_N, x[sl], SLH_N);
        }
    }
    /* Algorithm 6 lines 9-13: pk = T_len(PK.seed, wotspkADRS, tmp). */
    for (j = 0; j < count; j++) {
        keypair_adrs(&chain[j], adrs, SLH_ADRS_WOTS_PK, first + j);
        x[j] = pk + j * SLH_N;
        cx[j] = ends[j];
    }
    SLH_NS(hash_t_lanes)(ctx, count, x, chain, cx, SLH_LEN);
    slh_scrub(ends, sizeof(ends));
}

/* FIPS 205 Algorithm 8: wots_pkFromSig. Chain i runs from step digits[i] to
 * w - 1; a lane holds one chain at a time. */
void SLH_NS(wots_pk_from_sig)(const slh_ctx *ctx, uint8_t *pk, const uint8_t *sig,
                              const uint8_t *m, const slh_adrs *adrs) {
    uint8_t ends[SLH_LEN * SLH_N];
    uint32_t digits[SLH_LEN];
    slh_adrs a[SLH_LANES];
    uint8_t *x[SLH_LANES];
    const uint8_t *cx[SLH_LANES];
    unsigned id[SLH_LANES];
    uint32_t step[SLH_LANES];
    unsigned busy = 0, next = 0, j;
    slh_adrs pk_adrs;

    SLH_NS(wots_digits)(digits, m);
    memcpy(ends, sig, sizeof(ends));
    for (;;) {
        /* Fill idle lanes with the next chains that still have steps. */
        while (busy < SLH_LANES && next < SLH_LEN) {
            if (digits[next] < SLH_W - 1) {
                id[busy] = next;
                step[busy] = digits[next];
                a[busy] = *adrs;
                SLH_NS(adrs_set_chain)(&a[busy], next);
                busy++;
            }
            next++;
        }
        if (busy == 0) {
            break;
        }
        for (j = 0; j < busy; j++) {
            SLH_NS(adrs_set_hash)(&a[j], step[j]);
            x[j] = ends + id[j] * SLH_N;
            cx[j] = x[j];
        }
        SLH_NS(hash_f_lanes)(ctx, busy, x, a, cx);
        /* Retire the chains that reached w - 1, keeping the others packed. */
        for (j = 0; j < busy;) {
            if (++step[j] == SLH_W - 1) {
                busy--;
                id[j] = id[busy];
                step[j] = step[busy];
                a[j] = a[busy];
            } else {
                j++;
            }
        }
    }
    keypair_adrs(&pk_adrs, adrs, SLH_ADRS_WOTS_PK, SLH_NS(adrs_get_keypair)(adrs));
    SLH_NS(hash_t)(ctx, pk, &pk_adrs, ends, SLH_LEN);
}

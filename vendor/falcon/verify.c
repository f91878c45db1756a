/*
 * Falcon specification section 3.10: verification (Algorithm 16), with the
 * hash of section 3.7 (Algorithm 3, HashToPoint) and strict decoding of the
 * public key and of the signature. Everything here handles public data.
 */
#include <string.h>

#include "internal.h"

#include "ct.h"

#define Q PQF_FALCON_Q

/* Algorithm 3: HashToPoint(r || m): SHAKE256, 16-bit big-endian draws, kept
 * when below 5q = 61445 and reduced mod q. */
void pqf_falcon_hash_to_point(uint16_t *c, const uint8_t *nonce, const uint8_t *msg,
                              size_t msglen, unsigned logn) {
    size_t n = (size_t)1 << logn, u = 0;
    pqf_keccak_ctx ctx;
    pqf_shake256_init(&ctx);
    pqf_keccak_absorb(&ctx, nonce, PQF_FALCON_NONCE_BYTES);
    pqf_keccak_absorb(&ctx, msg, msglen);
    while (u < n) {
        uint8_t b[2];
        uint32_t t;
        pqf_keccak_squeeze(&ctx, b, 2);
        t = ((uint32_t)b[0] << 8) | b[1];
        if (t < 5u * Q) {
            c[u++] = (uint16_t)(t % Q);
        }
    }
}

/* Public key decoding, section 3.11.4. */
static int decode_pk(uint16_t *h, const uint8_t *pk) {
    if (pk[0] != PQF_FALCON_PK_HEADER) {
        return PQF_ERR_INVALID_KEY;
    }
    if (pqf_falcon_q14_unpack(h, pk + 1, PQF_FALCON_LOGN) != PQF_FALCON_PK_BYTES - 1) {
        return PQF_ERR_INVALID_KEY;
    }
    return PQF_OK;
}

int PQF_FALCON_NS(check_pk)(const uint8_t *pk) {
    uint16_t h[PQF_FALCON_N];
    return pqf_leave(decode_pk(h, pk));
}

/* Signature decoding, section 3.11.3: header, nonce, compressed s2 with
 * nothing after it (compressed) or only zero bytes up to the fixed length
 * (padded). Returns the nonce pointer, or NULL. */
static const uint8_t *decode_sig(int16_t *s2, const uint8_t *sig, size_t siglen,
                                 int padded) {
    size_t body, v;
    if (padded) {
        if (siglen != PQF_FALCON_API_SIG_PADDED_BYTES) {
            return NULL;
        }
    } else if (siglen > PQF_FALCON_API_SIG_MAX_BYTES) {
        return NULL;
    }
    if (siglen < 2 + PQF_FALCON_NONCE_BYTES || sig[0] != PQF_FALCON_SIG_HEADER) {
        return NULL;
    }
    body = siglen - 1 - PQF_FALCON_NONCE_BYTES;
    v = pqf_falcon_decompress(s2, sig + 1 + PQF_FALCON_NONCE_BYTES, body,
                              PQF_FALCON_LOGN);
    if (v == 0) {
        return NULL;
    }
    if (padded) {
        for (; v < body; v++) {
            if (sig[1 + PQF_FALCON_NONCE_BYTES + v] != 0) {
                return NULL;
            }
        }
    } else if (v != body) {
        return NULL;
    }
    return sig + 1;
}

/* Algorithm 16: Verify. */
int PQF_FALCON_NS(verify)(const uint8_t *pk, const uint8_t *msg, size_t msglen,
                          const uint8_t *sig, size_t siglen, int padded,
                          uint8_t *tmp) {
    const unsigned logn = PQF_FALCON_LOGN;
    const size_t n = PQF_FALCON_N;
    uint16_t *h = (uint16_t *)(void *)tmp;
    uint16_t *c = h + n;
    uint16_t *t = c + n;
    int16_t *s2 = (int16_t *)(void *)(t + n);
    const uint8_t *nonce;
    uint64_t norm = 0;
    size_t u;

    if (decode_pk(h, pk) != PQF_OK) {
        return pqf_leave(PQF_ERR_INVALID_KEY);
    }
    nonce = decode_sig(s2, sig, siglen, padded);
    if (nonce == NULL) {
        return pqf_leave(PQF_ERR_INVALID_SIGNATURE);
    }
    pqf_falcon_hash_to_point(c, nonce, msg, msglen, logn);

    /* s1 = c - s2 * h mod q, in the NTT domain */
    for (u = 0; u < n; u++) {
        int32_t w = s2[u];
        w += Q & -(int32_t)((uint32_t)w >> 31);
        t[u] = (uint16_t)w;
    }
    pqf_falcon_mq_ntt(t, logn);
    pqf_falcon_mq_ntt(h, logn);
    for (u = 0; u < n; u++) {
        t[u] = (uint16_t)pqf_falcon_mq_mul(t[u], h[u]);
    }
    pqf_falcon_mq_intt(t, logn);

    /* ||(s1, s2)||^2 with s1 centred in (-q/2, q/2] */
    for (u = 0; u < n; u++) {
        int32_t s1 = (int32_t)c[u] - (int32_t)t[u];
        if (s1 < 0) {
            s1 += Q;
        }
        if (s1 > Q / 2) {
            s1 -= Q;
        }
        norm += (uint64_t)((int64_t)s1 * s1);
        norm += (uint64_t)((int64_t)s2[u] * s2[u]);
    }
    return pqf_leave(norm <= PQF_FALCON_L2BOUND ? PQF_OK : PQF_ERR_INVALID_SIGNATURE);
}

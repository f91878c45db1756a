/*
 * Falcon specification section 3.11: encodings of public keys (3.11.4), private
 * keys (3.11.5) and of the compressed s2 of signatures (3.11.2). Bits are packed
 * most significant first.
 */
#include "internal.h"

#include "ct.h"

/* Section 3.11.4: h as 14-bit values. */
size_t pqf_falcon_modq_encode(uint8_t *out, const uint16_t *x, unsigned logn) {
    size_t n = (size_t)1 << logn, u, len = 0;
    uint32_t acc = 0;
    unsigned acc_len = 0;
    for (u = 0; u < n; u++) {
        acc = (acc << 14) | x[u];
        acc_len += 14;
        while (acc_len >= 8) {
            acc_len -= 8;
            out[len++] = (uint8_t)(acc >> acc_len);
        }
    }
    if (acc_len > 0) {
        out[len++] = (uint8_t)(acc << (8 - acc_len));
    }
    return len;
}

/* Section 3.11.4 decoding: rejects any value >= q (public data). */
size_t pqf_falcon_modq_decode(uint16_t *x, const uint8_t *in, unsigned logn) {
    size_t n = (size_t)1 << logn, u = 0, len = 0;
    uint32_t acc = 0;
    unsigned acc_len = 0;
    while (u < n) {
        acc = (acc << 8) | in[len++];
        acc_len += 8;
        if (acc_len >= 14) {
            uint32_t w;
            acc_len -= 14;
            w = (acc >> acc_len) & 0x3FFF;
            if (w >= PQF_FALCON_Q) {
                return 0;
            }
            x[u++] = (uint16_t)w;
        }
    }
    if ((acc & ((1u << acc_len) - 1u)) != 0) {
        return 0;
    }
    return len;
}

/* Section 3.11.5: small signed values as bits-wide two's complement. */
size_t pqf_falcon_trim_i8_encode(uint8_t *out, const int8_t *x, unsigned logn,
                                 unsigned bits) {
    size_t n = (size_t)1 << logn, u, len = 0;
    uint32_t acc = 0, mask = (1u << bits) - 1u;
    unsigned acc_len = 0;
    for (u = 0; u < n; u++) {
        acc = (acc << bits) | ((uint32_t)(int32_t)x[u] & mask);
        acc_len += bits;
        while (acc_len >= 8) {
            acc_len -= 8;
            out[len++] = (uint8_t)(acc >> acc_len);
        }
    }
    if (acc_len > 0) {
        out[len++] = (uint8_t)(acc << (8 - acc_len));
    }
    return len;
}

/* Section 3.11.5 decoding; -2^(bits-1) is not a valid value. Constant time. */
size_t pqf_falcon_trim_i8_decode(int8_t *x, const uint8_t *in, unsigned logn,
                                 unsigned bits) {
    size_t n = (size_t)1 << logn, u = 0, len = 0;
    uint32_t acc = 0, mask = (1u << bits) - 1u, sbit = 1u << (bits - 1), bad = 0;
    unsigned acc_len = 0;
    while (u < n) {
        acc = (acc << 8) | in[len++];
        acc_len += 8;
        while (acc_len >= bits && u < n) {
            uint32_t w;
            acc_len -= bits;
            w = (acc >> acc_len) & mask;
            bad |= pqf_ct_mask_eq_u32(w, sbit);
            w |= (uint32_t)0 - (w & sbit); /* sign extension */
            x[u++] = (int8_t)(int32_t)w;
        }
    }
    bad |= pqf_ct_mask_nonzero_u32(acc & ((1u << acc_len) - 1u));
    acc = 0;
    return (size_t)(len & ~(size_t)bad);
}

/* Section 3.11.2 Compress(s2): per value a sign bit, the 7 low bits of |s|,
 * then |s| >> 7 zeros and a one. */
size_t pqf_falcon_comp_encode(uint8_t *out, size_t maxlen, const int16_t *x,
                              unsigned logn) {
    size_t n = (size_t)1 << logn, u, len = 0;
    uint32_t acc = 0;
    unsigned acc_len = 0;
    for (u = 0; u < n; u++) {
        int32_t s = x[u];
        uint32_t t;
        if (s < -2047 || s > 2047) {
            return 0;
        }
        t = (uint32_t)(s < 0 ? -s : s);
        acc = (acc << 1) | (uint32_t)(s < 0);
        acc = (acc << 7) | (t & 0x7F);
        t >>= 7;
        acc = (acc << (t + 1)) | 1u;
        acc_len += 8 + t + 1;
        while (acc_len >= 8) {
            acc_len -= 8;
            if (len >= maxlen) {
                return 0;
            }
            out[len++] = (uint8_t)(acc >> acc_len);
        }
    }
    if (acc_len > 0) {
        if (len >= maxlen) {
            return 0;
        }
        out[len++] = (uint8_t)(acc << (8 - acc_len));
    }
    return len;
}

/* Section 3.11.2 Decompress: strict, rejects -0, values above 2047, running
 * past maxlen and non-zero padding bits in the last byte. */
size_t pqf_falcon_comp_decode(int16_t *x, const uint8_t *in, size_t maxlen,
                              unsigned logn) {
    size_t n = (size_t)1 << logn, u, len = 0;
    uint32_t acc = 0;
    unsigned acc_len = 0;
    for (u = 0; u < n; u++) {
        uint32_t b, m;
        if (len >= maxlen) {
            return 0;
        }
        acc = (acc << 8) | in[len++];
        /* acc_len bits were pending, now acc_len + 8: the sign and 7 low bits
         * are the top 8 of them. */
        b = (acc >> acc_len) & 0xFF;
        m = b & 0x7F;
        for (;;) {
            if (acc_len == 0) {
                if (len >= maxlen) {
                    return 0;
                }
                acc = (acc << 8) | in[len++];
                acc_len = 8;
            }
            acc_len--;
            if ((acc >> acc_len) & 1u) {
                break;
            }
            m += 128;
            if (m > 2047) {
                return 0;
            }
        }
        if ((b & 0x80) && m == 0) {
            return 0;
        }
        x[u] = (int16_t)((b & 0x80) ? -(int32_t)m : (int32_t)m);
        acc &= (1u << acc_len) - 1u;
    }
    if ((acc & ((1u << acc_len) - 1u)) != 0) {
        return 0;
    }
    return len;
}

/* Section 3.11.5: sk = 0x50 + logn || f || g || F. */
int pqf_falcon_decode_sk(int8_t *f, int8_t *g, int8_t *F, const uint8_t *sk) {
    const unsigned logn = PQF_FALCON_LOGN;
    size_t off = 1, r;
    uint32_t ok = pqf_ct_mask_eq_u32(sk[0], PQF_FALCON_SK_HEADER);
    r = pqf_falcon_trim_i8_decode(f, sk + off, logn, PQF_FALCON_FG_BITS);
    ok &= ~pqf_ct_mask_eq_u32((uint32_t)r, 0);
    off += (PQF_FALCON_FG_BITS << logn) / 8;
    r = pqf_falcon_trim_i8_decode(g, sk + off, logn, PQF_FALCON_FG_BITS);
    ok &= ~pqf_ct_mask_eq_u32((uint32_t)r, 0);
    off += (PQF_FALCON_FG_BITS << logn) / 8;
    r = pqf_falcon_trim_i8_decode(F, sk + off, logn, 8);
    ok &= ~pqf_ct_mask_eq_u32((uint32_t)r, 0);
    return ok ? PQF_OK : PQF_ERR_INVALID_KEY;
}

/*
 * Falcon encodings (specification section 3.11): the public key (14-bit
 * values mod q), the private key (fixed-width two's complement fields) and
 * the compressed signature body (sign, 7 low bits, unary high part).
 *
 * Written clean room for issue 13 from the Falcon specification (round 3,
 * v1.2) and vendor/falcon/SPEC-NOTES.md sections 1 and 2, without looking at
 * any other implementation. Only the interface (internal.h) was kept so the
 * rest of vendor/falcon/ can call it unchanged.
 *
 * All packings are most significant bit first. The private-key routines
 * handle secrets and run in constant time: no branch or index depends on a
 * field's value, and the validity verdict is one combined mask. The
 * signature routines handle public data (s2 is declassified by the signer
 * before compressing it, assurance/suppressions.md row 17).
 */
#include "internal.h"

#include "ct.h"

#define Q PQF_FALCON_Q

/* An MSB-first bit sink. `hold` keeps the `nheld` (< 8 between calls) bits
 * not yet written out in its low bits. */
typedef struct {
    uint8_t *dst;
    size_t pos;
    uint32_t hold;
    unsigned nheld;
} bitsink;

static void sink_put(bitsink *s, uint32_t value, unsigned width) {
    s->hold = (s->hold << width) | value;
    s->nheld += width;
    while (s->nheld >= 8) {
        s->nheld -= 8;
        s->dst[s->pos++] = (uint8_t)(s->hold >> s->nheld);
    }
}

/* Pads the last partial byte with zero bits; returns the byte count. */
static size_t sink_close(bitsink *s) {
    if (s->nheld != 0) {
        s->dst[s->pos++] = (uint8_t)(s->hold << (8 - s->nheld));
        s->nheld = 0;
    }
    return s->pos;
}

/* ---- public key: n values in [0, q), 14 bits each ---- */

size_t pqf_falcon_q14_pack(uint8_t *out, const uint16_t *x, unsigned logn) {
    size_t count = (size_t)1 << logn, i;
    bitsink s;
    /* callers give values in [0, q); they are packed as they are */
    s.dst = out;
    s.pos = 0;
    s.hold = 0;
    s.nheld = 0;
    for (i = 0; i < count; i++) {
        sink_put(&s, x[i] & 0x3FFFu, 14);
    }
    return sink_close(&s);
}

size_t pqf_falcon_q14_unpack(uint16_t *x, const uint8_t *in, unsigned logn) {
    size_t count = (size_t)1 << logn, nbytes = (14 * count + 7) / 8;
    size_t rd = 0, got = 0;
    uint32_t window = 0;
    unsigned avail = 0;
    while (got < count) {
        window = (window << 8) | in[rd++];
        avail += 8;
        if (avail >= 14) {
            uint32_t v;
            avail -= 14;
            v = (window >> avail) & 0x3FFFu;
            if (v >= Q) {
                return 0;
            }
            x[got++] = (uint16_t)v;
        }
    }
    /* 14 n is a multiple of 8: nothing is left over */
    return rd == nbytes ? rd : 0;
}

/* ---- private key fields: `width`-bit two's complement ---- */

size_t pqf_falcon_small_pack(uint8_t *out, const int8_t *x, unsigned logn,
                             unsigned width) {
    size_t count = (size_t)1 << logn, i, len;
    /* key generation only gives values within the field's range (the
     * decoder rejects the one pattern that has no positive counterpart);
     * each value is packed as its low `width` bits */
    uint32_t field = ((uint32_t)1 << width) - 1;
    bitsink s;
    s.dst = out;
    s.pos = 0;
    s.hold = 0;
    s.nheld = 0;
    for (i = 0; i < count; i++) {
        sink_put(&s, (uint32_t)(int32_t)x[i] & field, width);
    }
    len = sink_close(&s);
    s.hold = 0;
    return len;
}

size_t pqf_falcon_small_unpack(int8_t *x, const uint8_t *in, unsigned logn,
                               unsigned width) {
    size_t count = (size_t)1 << logn, rd = 0, got = 0;
    uint32_t field = ((uint32_t)1 << width) - 1;
    uint32_t signbit = (uint32_t)1 << (width - 1);
    uint32_t window = 0, bad = 0;
    unsigned avail = 0;
    /* the loop's shape depends on count and width only */
    while (got < count) {
        window = (window << 8) | in[rd++];
        avail += 8;
        while (avail >= width && got < count) {
            uint32_t raw, v;
            avail -= width;
            raw = (window >> avail) & field;
            /* sign extension: subtract 2^width when the sign bit is set */
            v = raw - ((raw & signbit) << 1);
            bad |= pqf_ct_mask_eq_u32(raw, signbit);
            x[got++] = (int8_t)(int32_t)v;
        }
    }
    window = 0;
    return (size_t)(~bad & (uint32_t)rd);
}

/* ---- signature body: Compress / Decompress ---- */

size_t pqf_falcon_compress(uint8_t *out, size_t maxlen, const int16_t *x,
                           unsigned logn) {
    size_t count = (size_t)1 << logn, i;
    bitsink s;
    /* the bound first, so that nothing is written for an invalid input */
    for (i = 0; i < count; i++) {
        if (x[i] < -2047 || x[i] > 2047) {
            return 0;
        }
    }
    s.dst = out;
    s.pos = 0;
    s.hold = 0;
    s.nheld = 0;
    for (i = 0; i < count; i++) {
        int32_t v = x[i];
        uint32_t mag = (uint32_t)(v < 0 ? -v : v);
        uint32_t high = mag >> 7;
        /* up to 8 + 16 bits per value: stop before writing past maxlen */
        if (s.pos + (s.nheld + 8 + high + 1 + 7) / 8 > maxlen) {
            return 0;
        }
        sink_put(&s, ((uint32_t)(v < 0) << 7) | (mag & 0x7Fu), 8);
        sink_put(&s, 1, high + 1); /* high zeros, then a one */
    }
    return sink_close(&s);
}

size_t pqf_falcon_decompress(int16_t *x, const uint8_t *in, size_t maxlen,
                             unsigned logn) {
    size_t count = (size_t)1 << logn, rd = 0, got;
    uint32_t window = 0;
    unsigned avail = 0;
    for (got = 0; got < count; got++) {
        uint32_t head, mag, high = 0;
        if (avail < 8) {
            if (rd >= maxlen) {
                return 0;
            }
            window = (window << 8) | in[rd++];
            avail += 8;
        }
        avail -= 8;
        head = (window >> avail) & 0xFFu;
        for (;;) {
            if (avail == 0) {
                if (rd >= maxlen) {
                    return 0;
                }
                window = (window << 8) | in[rd++];
                avail = 8;
            }
            avail--;
            if ((window >> avail) & 1u) {
                break;
            }
            if (++high > 15) {
                return 0; /* |s| would exceed 2047 */
            }
        }
        mag = (high << 7) | (head & 0x7Fu);
        if ((head & 0x80u) != 0) {
            if (mag == 0) {
                return 0; /* "-0" is not canonical */
            }
            x[got] = (int16_t)(-(int32_t)mag);
        } else {
            x[got] = (int16_t)mag;
        }
    }
    /* the unused low bits of the last byte read must be zero */
    if ((window & (((uint32_t)1 << avail) - 1)) != 0) {
        return 0;
    }
    return rd;
}

/* ---- private key: header, f, g, F ---- */

int pqf_falcon_decode_sk(int8_t *f, int8_t *g, int8_t *F, const uint8_t *sk) {
    const unsigned logn = PQF_FALCON_LOGN;
    size_t off = 1, len;
    uint32_t bad;
    bad = ~pqf_ct_mask_eq_u32(sk[0], PQF_FALCON_SK_HEADER);
    len = pqf_falcon_small_unpack(f, sk + off, logn, PQF_FALCON_FG_BITS);
    bad |= pqf_ct_mask_eq_u32((uint32_t)len, 0);
    off += (PQF_FALCON_FG_BITS * PQF_FALCON_N) / 8;
    len = pqf_falcon_small_unpack(g, sk + off, logn, PQF_FALCON_FG_BITS);
    bad |= pqf_ct_mask_eq_u32((uint32_t)len, 0);
    off += (PQF_FALCON_FG_BITS * PQF_FALCON_N) / 8;
    len = pqf_falcon_small_unpack(F, sk + off, logn, 8);
    bad |= pqf_ct_mask_eq_u32((uint32_t)len, 0);
    /* PQF_OK is 0 and PQF_ERR_INVALID_KEY is -1: the mask's low bit picks */
    return PQF_OK + (int)(bad & 1u) * (PQF_ERR_INVALID_KEY - PQF_OK);
}

/* assurance/harness.c: buffers and chain execution for the C drivers. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pqfence.h"

/* A deterministic pattern per (set, op, buffer): FNV-1a of the names seeds a
 * xorshift64* stream, so every fresh input is recognisable and distinct. */
static uint64_t name_hash(const char *a, const char *b, const char *c) {
    const char *parts[3];
    uint64_t h = 0xcbf29ce484222325ull;
    size_t i;
    parts[0] = a;
    parts[1] = b;
    parts[2] = c;
    for (i = 0; i < 3; i++) {
        const char *p;
        for (p = parts[i]; *p; p++) {
            h ^= (uint8_t)*p;
            h *= 0x100000001b3ull;
        }
        h ^= 0xff;
        h *= 0x100000001b3ull;
    }
    return h | 1;
}

static void fill_pattern(uint8_t *p, size_t n, uint64_t x) {
    size_t i;
    for (i = 0; i < n; i++) {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        p[i] = (uint8_t)((x * 0x2545F4914F6CDD1Dull) >> 56);
    }
}

int as_state_init(as_state *s) {
    size_t i, k;
    s->slots = calloc(as_nops, sizeof(as_slot));
    if (s->slots == NULL) {
        return -1;
    }
    for (i = 0; i < as_nops; i++) {
        if (as_ops[i].nbufs > AS_MAX_BUFS) {
            return -1;
        }
        for (k = 0; k < as_ops[i].nbufs; k++) {
            size_t n = (as_ops[i].bufs[k].size + 63) & ~(size_t)63;
            void *p = NULL;
            if (posix_memalign(&p, 64, n ? n : 64) != 0) {
                return -1;
            }
            memset(p, 0, n ? n : 64);
            s->slots[i].b[k] = p;
        }
    }
    return 0;
}

void as_state_free(as_state *s) {
    size_t i, k;
    if (s->slots == NULL) {
        return;
    }
    for (i = 0; i < as_nops; i++) {
        for (k = 0; k < as_ops[i].nbufs; k++) {
            free(s->slots[i].b[k]);
        }
    }
    free(s->slots);
    s->slots = NULL;
}

void as_prepare(as_state *s, size_t i) {
    const as_op *op = &as_ops[i];
    size_t k;
    for (k = 0; k < op->nbufs; k++) {
        const as_buf *b = &op->bufs[k];
        uint8_t *p = s->slots[i].b[k];
        if (b->kind == AS_OUT || b->kind == AS_OUT_SECRET) {
            memset(p, 0, b->size);
        } else if (b->src_op >= 0) {
            memcpy(p, s->slots[b->src_op].b[b->src_buf], b->size);
            if (b->tamper >= 0 && (size_t)(b->tamper / 8) < b->size) {
                p[b->tamper / 8] ^= (uint8_t)(1u << (b->tamper % 8));
            }
        } else {
            fill_pattern(p, b->size, name_hash(op->set, op->op, b->name));
        }
    }
}

int as_call(as_state *s, size_t i) {
    return as_ops[i].call(s->slots[i].b);
}

int as_selected(size_t i, const char *filter) {
    if (filter == NULL || filter[0] == '\0') {
        return 1;
    }
    return strcmp(filter, as_ops[i].family) == 0 || strcmp(filter, as_ops[i].set) == 0;
}

int as_is_secret(const as_buf *b) {
    return b->kind == AS_IN_SECRET || b->kind == AS_OUT_SECRET;
}

void as_each_secret(as_state *s, size_t i, size_t k,
                    void (*f)(uint8_t *p, size_t n, void *ctx), void *ctx) {
    const as_buf *b = &as_ops[i].bufs[k];
    uint8_t *p = s->slots[i].b[k];
    size_t r;
    if (!as_is_secret(b)) {
        return;
    }
    if (b->nranges == 0) {
        f(p, b->size, ctx);
        return;
    }
    for (r = 0; r < b->nranges; r++) {
        if (b->ranges[r].off + b->ranges[r].len <= b->size) {
            f(p + b->ranges[r].off, b->ranges[r].len, ctx);
        }
    }
}

int as_select_backend(void) {
    const char *want = getenv("AS_BACKEND");
    int b;
    if (want != NULL && strcmp(want, "portable") == 0) {
        pqf_backend_select(PQF_BACKEND_PORTABLE);
    } else if (want != NULL && strcmp(want, "avx2") == 0) {
        pqf_backend_select(PQF_BACKEND_AVX2);
    }
    b = pqf_backend();
    printf("backend\t%s\n", b == PQF_BACKEND_AVX512 ? "avx512"
                             : b == PQF_BACKEND_AVX2  ? "avx2"
                                                      : "portable");
    fflush(stdout);
    return b;
}

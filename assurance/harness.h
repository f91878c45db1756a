/*
 * assurance/harness.h: the operation table the C drivers walk, and the state
 * that runs it. The table (as_ops) is generated from the registry in
 * assurance/ops.py; the drivers (ct_driver.c, stack_driver.c, race_driver.c)
 * never name an algorithm.
 *
 * The operations of one parameter set are consecutive in the table and form a
 * chain: an input may be copied from an earlier operation's buffer (src_op,
 * src_buf: absolute indices), so decapsulation receives the key that key
 * generation wrote.
 */
#ifndef AS_HARNESS_H
#define AS_HARNESS_H

#include <stddef.h>
#include <stdint.h>

enum { AS_OUT, AS_OUT_SECRET, AS_IN, AS_IN_SECRET };

typedef struct {
    size_t off, len;
} as_range;

typedef struct {
    const char *name;
    size_t size;
    int kind;
    int src_op, src_buf; /* copied from this buffer, or -1 */
    long tamper;         /* bit flipped after the copy, or -1 */
    const as_range *ranges; /* secret ranges of an input (none: all of it) */
    size_t nranges;
} as_buf;

typedef struct {
    const char *family, *set, *op;
    int (*call)(uint8_t *const *b);
    int expect;
    size_t nbufs;
    const as_buf *bufs;
} as_op;

extern const as_op as_ops[];
extern const size_t as_nops;

#define AS_MAX_BUFS 12

/* One set of buffers for every operation of the table (heap, 64-byte aligned). */
typedef struct {
    uint8_t *b[AS_MAX_BUFS];
} as_slot;

typedef struct {
    as_slot *slots; /* as_nops entries */
} as_state;

int as_state_init(as_state *s);
void as_state_free(as_state *s);

/* Fills the inputs of operation i (fresh pattern or copy) and zeroes its outputs. */
void as_prepare(as_state *s, size_t i);

/* Calls operation i on its buffers. */
int as_call(as_state *s, size_t i);

/* Whether operation i matches the command-line filter (family or set name,
 * or the empty filter). */
int as_selected(size_t i, const char *filter);

/* Whether a buffer of operation i is secret: a secret input (its ranges) or a
 * secret output. */
int as_is_secret(const as_buf *b);

/* Applies the backend named by the environment variable AS_BACKEND
 * ("portable" caps the C at its portable code with pqf_backend_select,
 * "avx2" at its AVX2 code without the AVX-512VL parts; unset or "avx512"
 * leaves the best this CPU has), prints "backend<TAB>name" with the
 * backend then in use, and returns it (PQF_BACKEND_*). Every driver calls it
 * first, so that each check runs once per backend (assurance/run.py). */
int as_select_backend(void);

/* Calls f(ptr, len, ctx) for every secret byte range of buffer k of op i. */
void as_each_secret(as_state *s, size_t i, size_t k,
                    void (*f)(uint8_t *p, size_t n, void *ctx), void *ctx);

#endif

/*
 * assurance/kat_driver.c: the known answers of every operation chain, for the
 * cross-architecture check (assurance/run.py, check_cross).
 *
 * Runs each operation of the table on its deterministic inputs (harness.c:
 * fixed patterns, or an earlier operation's outputs) and prints its return
 * code and every output byte in hex. The same driver built for x86-64 and,
 * with Debian's cross compilers, for aarch64 and s390x (big-endian) under
 * qemu-user must print identical lines: the x86-64 portable run is the one
 * the known-answer tests hold to the standards' vectors.
 *
 * A caller's workspace (a secret range of length 0: its contents are
 * scratch) is not printed. Outputs that are in-memory structures in the
 * host's byte order (a family's `host_order` in assurance/ops.py: ML-KEM's
 * ek cache, Falcon's signature length) are printed, and left out of the
 * comparison across architectures only.
 *
 * Usage: kat_driver [FILTER]   (family or set name)
 * Prints "kat<TAB>family<TAB>set<TAB>op<TAB>rc<TAB>name=hex ...".
 */
#include <stdio.h>

#include "harness.h"

static int is_workspace(const as_buf *b) {
    return b->nranges == 1 && b->ranges[0].len == 0;
}

int main(int argc, char **argv) {
    as_state s;
    size_t i, k, j;
    int failed = 0;
    const char *filter = argc > 1 ? argv[1] : "";

    as_select_backend();
    if (as_state_init(&s) != 0) {
        fprintf(stderr, "kat_driver: out of memory\n");
        return 2;
    }
    for (i = 0; i < as_nops; i++) {
        const as_op *op = &as_ops[i];
        int rc;
        if (!as_selected(i, filter)) {
            continue;
        }
        as_prepare(&s, i);
        rc = as_call(&s, i);
        printf("kat\t%s\t%s\t%s\t%d\t", op->family, op->set, op->op, rc);
        for (k = 0; k < op->nbufs; k++) {
            const as_buf *b = &op->bufs[k];
            const uint8_t *p = s.slots[i].b[k];
            if ((b->kind != AS_OUT && b->kind != AS_OUT_SECRET) || is_workspace(b)) {
                continue;
            }
            printf(" %s=", b->name);
            for (j = 0; j < b->size; j++) {
                printf("%02x", p[j]);
            }
        }
        printf("\n");
        if (rc != op->expect) {
            failed = 1;
        }
    }
    as_state_free(&s);
    return failed;
}

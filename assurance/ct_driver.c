/*
 * assurance/ct_driver.c: constant-time check under valgrind memcheck.
 *
 * For every operation of the table, the secret inputs (seeds, coins, the
 * secret ranges of secret keys) are marked undefined with a client request.
 * memcheck then reports every conditional jump and every memory address that
 * depends on them: a branch or a table index on a secret. Only what the
 * standard makes public is declassified: here the public outputs and the
 * return code after the call; inside the C, the PQF_DECLASSIFY points listed
 * in assurance/suppressions.md (compiled in with -DPQF_CT_TESTING).
 *
 * Usage: valgrind --error-exitcode=1 ct_driver [FILTER]   (family or set name)
 *        valgrind ct_driver --canary   (leaky code that memcheck must catch)
 * Prints one line per operation: "ct<TAB>family<TAB>set<TAB>op<TAB>reports<TAB>rc".
 */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>

#include "harness.h"

static void mark_undefined(uint8_t *p, size_t n, void *ctx) {
    (void)ctx;
    (void)VALGRIND_MAKE_MEM_UNDEFINED(p, n);
}

/* Canaries: leaks of the two kinds the check exists for. */
static int canary_branch(const uint8_t *secret) {
    volatile int r = 0;
    if (secret[0] & 1) { /* branch on a secret */
        r = 1;
    }
    return r;
}

static const uint8_t sbox[256] = {1, 2, 3};

static int canary_index(const uint8_t *secret) {
    volatile uint8_t r = sbox[secret[1]]; /* table index from a secret */
    return r;
}

static int run_canaries(void) {
    uint8_t secret[32];
    unsigned before, reports = 0;
    int r;
    memset(secret, 0x3c, sizeof(secret));
    (void)VALGRIND_MAKE_MEM_UNDEFINED(secret, sizeof(secret));
    before = VALGRIND_COUNT_ERRORS;
    r = canary_branch(secret);
    reports = VALGRIND_COUNT_ERRORS - before;
    (void)VALGRIND_MAKE_MEM_DEFINED(&r, sizeof(r));
    printf("ct\tcanary\tcanary\tbranch\t%u\tok\n", reports);
    before = VALGRIND_COUNT_ERRORS;
    r = canary_index(secret);
    reports = VALGRIND_COUNT_ERRORS - before;
    (void)VALGRIND_MAKE_MEM_DEFINED(&r, sizeof(r));
    printf("ct\tcanary\tcanary\tindex\t%u\tok\n", reports);
    return 0;
}

int main(int argc, char **argv) {
    as_state s;
    size_t i, k;
    int failed = 0;
    const char *filter = argc > 1 ? argv[1] : "";

    if (!RUNNING_ON_VALGRIND) {
        fprintf(stderr, "ct_driver: run me under valgrind (memcheck)\n");
        return 2;
    }
    if (strcmp(filter, "--canary") == 0) {
        return run_canaries();
    }
    as_select_backend();
    if (as_state_init(&s) != 0) {
        fprintf(stderr, "ct_driver: out of memory\n");
        return 2;
    }
    for (i = 0; i < as_nops; i++) {
        const as_op *op = &as_ops[i];
        unsigned before, reports;
        int rc;
        if (!as_selected(i, filter)) {
            continue;
        }
        as_prepare(&s, i);
        /* Inputs copied from earlier outputs start defined; then the secret
         * bytes are made undefined. */
        for (k = 0; k < op->nbufs; k++) {
            (void)VALGRIND_MAKE_MEM_DEFINED(s.slots[i].b[k], op->bufs[k].size);
            if (op->bufs[k].kind == AS_IN_SECRET) {
                as_each_secret(&s, i, k, mark_undefined, NULL);
            }
        }
        before = VALGRIND_COUNT_ERRORS;
        rc = as_call(&s, i);
        /* The return code and the public outputs are public. */
        (void)VALGRIND_MAKE_MEM_DEFINED(&rc, sizeof(rc));
        for (k = 0; k < op->nbufs; k++) {
            if (op->bufs[k].kind == AS_OUT) {
                (void)VALGRIND_MAKE_MEM_DEFINED(s.slots[i].b[k], op->bufs[k].size);
            }
        }
        reports = VALGRIND_COUNT_ERRORS - before;
        printf("ct\t%s\t%s\t%s\t%u\t%s\n", op->family, op->set, op->op, reports,
               rc == op->expect ? "ok" : "unexpected-rc");
        fflush(stdout);
        if (rc != op->expect) {
            failed = 1;
        }
    }
    as_state_free(&s);
    return failed;
}

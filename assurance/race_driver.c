/*
 * assurance/race_driver.c: the C is reentrant. Several threads run every
 * operation chain of the table at once, each on its own buffers, and every
 * output must equal the single-threaded reference run. Run natively for the
 * comparison, and under valgrind --tool=helgrind (or drd) so that any write to
 * shared state is reported as a race.
 *
 * Usage: race_driver THREADS ROUNDS [FILTER]
 *        race_driver --canary   (two threads share a counter unprotected: a
 *                                race the tool must report)
 * Prints "race<TAB>family<TAB>set<TAB>op<TAB>mismatches<TAB>calls" per operation.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define MAX_THREADS 64

static as_state reference;
static const char *filter = "";
static unsigned rounds = 1;

typedef struct {
    as_state s;
    unsigned long *mismatches; /* per operation */
    unsigned long *calls;
} worker;

static void *work(void *arg) {
    worker *w = arg;
    unsigned r;
    size_t i, k;
    for (r = 0; r < rounds; r++) {
        for (i = 0; i < as_nops; i++) {
            const as_op *op = &as_ops[i];
            int rc;
            if (!as_selected(i, filter)) {
                continue;
            }
            as_prepare(&w->s, i);
            rc = as_call(&w->s, i);
            w->calls[i]++;
            if (rc != op->expect) {
                w->mismatches[i]++;
                continue;
            }
            for (k = 0; k < op->nbufs; k++) {
                if (memcmp(w->s.slots[i].b[k], reference.slots[i].b[k], op->bufs[k].size) != 0) {
                    w->mismatches[i]++;
                    break;
                }
            }
        }
    }
    return NULL;
}

static unsigned long shared_counter;

static void *canary_work(void *arg) {
    unsigned i;
    (void)arg;
    for (i = 0; i < 1000; i++) {
        shared_counter++; /* unsynchronised read-modify-write: a data race */
    }
    return NULL;
}

static int run_canary(void) {
    pthread_t a, b;
    if (pthread_create(&a, NULL, canary_work, NULL) != 0 ||
        pthread_create(&b, NULL, canary_work, NULL) != 0) {
        return 2;
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("race\tcanary\tcanary\tshared-counter\t0\t2\n");
    return 0;
}

int main(int argc, char **argv) {
    unsigned nthreads = argc > 1 ? (unsigned)atoi(argv[1]) : 4;
    worker *ws;
    pthread_t tid[MAX_THREADS];
    size_t i;
    unsigned t;
    int failed = 0;

    if (argc > 1 && strcmp(argv[1], "--canary") == 0) {
        return run_canary();
    }
    as_select_backend();
    rounds = argc > 2 ? (unsigned)atoi(argv[2]) : 1;
    filter = argc > 3 ? argv[3] : "";
    if (nthreads == 0 || nthreads > MAX_THREADS || as_state_init(&reference) != 0) {
        fprintf(stderr, "usage: race_driver THREADS(1-%d) ROUNDS [FILTER]\n", MAX_THREADS);
        return 2;
    }
    for (i = 0; i < as_nops; i++) {
        if (as_selected(i, filter)) {
            as_prepare(&reference, i);
            if (as_call(&reference, i) != as_ops[i].expect) {
                fprintf(stderr, "race_driver: %s %s returned an unexpected code\n",
                        as_ops[i].set, as_ops[i].op);
                failed = 1;
            }
        }
    }
    ws = calloc(nthreads, sizeof(*ws));
    if (ws == NULL) {
        return 2;
    }
    for (t = 0; t < nthreads; t++) {
        ws[t].mismatches = calloc(as_nops, sizeof(unsigned long));
        ws[t].calls = calloc(as_nops, sizeof(unsigned long));
        if (ws[t].mismatches == NULL || ws[t].calls == NULL || as_state_init(&ws[t].s) != 0 ||
            pthread_create(&tid[t], NULL, work, &ws[t]) != 0) {
            fprintf(stderr, "race_driver: cannot start thread %u\n", t);
            return 2;
        }
    }
    for (t = 0; t < nthreads; t++) {
        pthread_join(tid[t], NULL);
    }
    for (i = 0; i < as_nops; i++) {
        unsigned long mism = 0, calls = 0;
        if (!as_selected(i, filter)) {
            continue;
        }
        for (t = 0; t < nthreads; t++) {
            mism += ws[t].mismatches[i];
            calls += ws[t].calls[i];
        }
        printf("race\t%s\t%s\t%s\t%lu\t%lu\n", as_ops[i].family, as_ops[i].set, as_ops[i].op,
               mism, calls);
        if (mism != 0) {
            failed = 1;
        }
    }
    for (t = 0; t < nthreads; t++) {
        as_state_free(&ws[t].s);
        free(ws[t].mismatches);
        free(ws[t].calls);
    }
    free(ws);
    as_state_free(&reference);
    return failed;
}

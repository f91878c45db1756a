/*
 * assurance/stack_driver.c: no secret is left on the stack after an operation.
 *
 * Each operation runs on a thread whose stack is a heap buffer painted with a
 * fixed byte. When the thread has finished, the whole buffer is searched for
 * the operation's secrets: every 16-byte window (at 8-byte steps) of its secret
 * inputs (seeds, coins, the secret ranges of a secret key) and of its secret
 * outputs. A window found means a copy the C did not wipe. The deepest byte
 * that changed gives the stack the operation used.
 *
 * Registers too, deliberately: the instant the entry point returns, the thread
 * sends itself a signal whose handler runs on an alternate stack, also a
 * painted heap buffer. The kernel saves every register there (general
 * registers and the whole XSAVE area: xmm, ymm, zmm and opmask state), so a
 * secret the C left in any register is found in that buffer, rather than only
 * when something (the lazy-binding resolver, a signal) happens to spill it.
 *
 * Usage: stack_driver [FILTER]             (family or set name)
 *        stack_driver --canary             (leaves its seed on the stack: must be found)
 *        stack_driver --register-canary    (leaves its seed in xmm registers: must be found)
 * Prints "stack<TAB>family<TAB>set<TAB>op<TAB>windows-found<TAB>windows<TAB>stack-bytes<TAB>rc"
 * and   "regs<TAB>family<TAB>set<TAB>op<TAB>windows-found<TAB>windows<TAB>saved-bytes".
 */
#define _GNU_SOURCE 1
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "harness.h"

#define STACK_BYTES (2u << 20)
#define ALT_BYTES (256u << 10) /* the signal stack: a full XSAVE frame fits many times */
#define PAINT 0x5A
#define WIN 16
#define STEP 8

/* The windows to look for, collected from the secret ranges. */
typedef struct {
    const uint8_t **w;
    const char **what;
    size_t n, cap;
    const char *cur;
} windows;

typedef struct {
    as_state *s;
    size_t i;
    int (*fn)(uint8_t *const *b);
    uint8_t *const *args;
    const uint8_t *stack;
    uint8_t *alt; /* the signal stack the registers are saved on */
    const windows *ws;
    int rc;
    size_t found, searched, used;
    size_t reg_found, reg_searched, reg_saved;
    uintptr_t gap_bottom;
    long pid, tid;
} job;

static size_t count_found(const uint8_t *stack, size_t bytes, const windows *ws, int verbose,
                          const char *where);
static size_t searched; /* windows searched by the last count_found */
static size_t painted_depth(const uint8_t *buf, size_t bytes);

static volatile sig_atomic_t registers_saved;

static void on_save_registers(int sig) {
    (void)sig;
    registers_saved = 1;
}

/* Sends this thread SIGUSR1 with nothing in between that touches a vector
 * register: on x86-64 Linux the tgkill system call itself (the syscall
 * instruction clobbers only rax, rcx and r11), elsewhere pthread_kill. */
static void save_registers_now(const job *j) {
#if defined(__x86_64__) && defined(__linux__)
    long ret = SYS_tgkill;
    __asm__ __volatile__("syscall"
                         : "+a"(ret)
                         : "D"(j->pid), "S"(j->tid), "d"((long)SIGUSR1)
                         : "rcx", "r11", "memory");
    (void)ret;
#else
    (void)j;
    pthread_kill(pthread_self(), SIGUSR1);
#endif
}

/* Calls the operation below a gap of GAP bytes, so that the scan that follows
 * (which runs on this thread, from the runner's frame) only overwrites the gap
 * and never the stack the operation used. */
#define GAP 16384
static __attribute__((noinline)) int call_below_gap(job *j) {
    volatile uint8_t gap[GAP];
    int rc;
    gap[0] = 0;
    gap[GAP - 1] = 0;
    j->gap_bottom = (uintptr_t)&gap[0];
    rc = j->fn != NULL ? j->fn(j->args) : as_call(j->s, j->i);
    save_registers_now(j);
    gap[1] = (uint8_t)rc;
    return rc;
}

static void *runner(void *arg) {
    job *j = arg;
    stack_t ss, off;
    int verbose = getenv("AS_VERBOSE") != NULL;
    memset(j->alt, PAINT, ALT_BYTES);
    ss.ss_sp = j->alt;
    ss.ss_size = ALT_BYTES;
    ss.ss_flags = 0;
    registers_saved = 0;
    j->pid = (long)getpid();
    j->tid = (long)syscall(SYS_gettid);
    if (sigaltstack(&ss, NULL) != 0) {
        j->rc = -999;
        return NULL;
    }
    j->rc = call_below_gap(j);
    off.ss_sp = NULL;
    off.ss_size = 0;
    off.ss_flags = SS_DISABLE;
    sigaltstack(&off, NULL);
    /* Scan now, before the thread's exit path can reuse the stack. */
    searched = 0;
    j->found = count_found(j->stack, STACK_BYTES, j->ws, verbose, "stack");
    j->searched = searched;
    searched = 0;
    j->reg_found = count_found(j->alt, ALT_BYTES, j->ws, verbose, "registers");
    j->reg_searched = searched;
    /* No frame saved (no signal delivered) must not pass as "none found". */
    j->reg_saved = registers_saved ? painted_depth(j->alt, ALT_BYTES) : 0;
    j->used = painted_depth(j->stack, STACK_BYTES);
    if (j->used > 0) {
        uintptr_t top = (uintptr_t)j->stack + STACK_BYTES;
        j->used -= top - j->gap_bottom; /* the operation's own stack */
    }
    return NULL;
}

/* Runs the job on a painted stack, with a painted signal stack alt for the
 * registers; returns 0 or -1 when threads fail. */
static int run_on_painted_stack(job *j, uint8_t *stack, uint8_t *alt) {
    pthread_attr_t attr;
    pthread_t t;
    memset(stack, PAINT, STACK_BYTES);
    j->stack = stack;
    j->alt = alt;
    if (pthread_attr_init(&attr) != 0 || pthread_attr_setstack(&attr, stack, STACK_BYTES) != 0) {
        return -1;
    }
    if (pthread_create(&t, &attr, runner, j) != 0) {
        return -1;
    }
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
    return 0;
}

static void add_windows(uint8_t *p, size_t n, void *ctx) {
    windows *ws = ctx;
    size_t off;
    for (off = 0; off + WIN <= n; off += STEP) {
        if (ws->n == ws->cap) {
            size_t cap = ws->cap ? 2 * ws->cap : 256;
            const uint8_t **w = realloc((void *)ws->w, cap * sizeof(*w));
            const char **what;
            if (w == NULL) {
                return;
            }
            ws->w = w;
            what = realloc((void *)ws->what, cap * sizeof(*what));
            if (what == NULL) {
                return;
            }
            ws->what = what;
            ws->cap = cap;
        }
        ws->what[ws->n] = ws->cur;
        ws->w[ws->n++] = p + off;
    }
}

/* Counts the windows present anywhere in the buffer (naive search over the
 * windows' first 8 bytes, then a full compare). */
static size_t count_found(const uint8_t *stack, size_t bytes, const windows *ws, int verbose,
                          const char *where) {
    size_t k, found = 0;
    for (k = 0; k < ws->n; k++) {
        const uint8_t *w = ws->w[k];
        size_t same = 1;
        /* A window of one repeated byte (zeros, padding) is no fingerprint.
         * Judged now, after the call, when the secret outputs hold their value. */
        while (same < WIN && w[same] == w[0]) {
            same++;
        }
        if (same == WIN) {
            continue;
        }
        searched++;
        const uint8_t *p = stack;
        const uint8_t *end = stack + bytes - WIN;
        while (p <= end) {
            const uint8_t *q = memchr(p, w[0], (size_t)(end - p) + 1);
            if (q == NULL) {
                break;
            }
            if (memcmp(q, w, WIN) == 0) {
                if (verbose) {
                    fprintf(stderr, "  %s window %zu in %s at offset %zu\n", ws->what[k], k,
                            where, (size_t)(q - stack));
                }
                found++;
                break;
            }
            p = q + 1;
        }
    }
    return found;
}

/* How far down a downward-growing stack was written: the bytes from the
 * lowest byte that lost its paint to the top. */
static size_t painted_depth(const uint8_t *buf, size_t bytes) {
    size_t i;
    for (i = 0; i < bytes; i++) {
        if (buf[i] != PAINT) {
            return bytes - i;
        }
    }
    return 0;
}

/* The canary: copies its 32-byte seed into a local array and returns without
 * wiping it, as a forgotten pqf_wipe would. */
static int canary_leak(uint8_t *const *b) {
    volatile uint8_t copy[32];
    size_t i;
    unsigned acc = 0;
    for (i = 0; i < sizeof(copy); i++) {
        copy[i] = b[0][i];
    }
    for (i = 0; i < sizeof(copy); i++) {
        acc += copy[i];
    }
    return (int)(acc & 1) - (int)(acc & 1);
}

/* The register canary: loads its 32-byte seed into two vector registers and
 * returns without clearing them, as an entry point that skipped its exit
 * clearing would. */
static int canary_register_leak(uint8_t *const *b) {
#if defined(__x86_64__)
    __asm__ __volatile__("movdqu (%0), %%xmm6\n\t"
                         "movdqu 16(%0), %%xmm7"
                         :
                         : "r"(b[0])
                         : "xmm6", "xmm7", "memory");
#else
    (void)b;
#endif
    return 0;
}

static int run_canary(uint8_t *stack, uint8_t *alt, int registers) {
    uint8_t seed[32];
    uint8_t *args[1];
    windows ws = {NULL, NULL, 0, 0, "seed"};
    job j;
    size_t i;
    for (i = 0; i < sizeof(seed); i++) {
        seed[i] = (uint8_t)(0xC3 ^ (i * 29));
    }
    args[0] = seed;
    add_windows(seed, sizeof(seed), &ws);
    memset(&j, 0, sizeof(j));
    j.fn = registers ? canary_register_leak : canary_leak;
    j.args = args;
    j.ws = &ws;
    if (run_on_painted_stack(&j, stack, alt) != 0) {
        return 2;
    }
    if (registers) {
        printf("regs\tcanary\tcanary\tleak\t%zu\t%zu\t%zu\n", j.reg_found, j.reg_searched,
               j.reg_saved);
    } else {
        printf("stack\tcanary\tcanary\tleak\t%zu\t%zu\t%zu\n", j.found, j.searched, j.used);
    }
    free((void *)ws.w);
    free((void *)ws.what);
    return 0;
}

int main(int argc, char **argv) {
    const char *filter = argc > 1 ? argv[1] : "";
    uint8_t *stack = NULL, *alt = NULL;
    struct sigaction sa;
    as_state s;
    size_t i, k;
    int failed = 0;

    if (posix_memalign((void **)&stack, 4096, STACK_BYTES) != 0 ||
        posix_memalign((void **)&alt, 4096, ALT_BYTES) != 0) {
        return 2;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_save_registers;
    sa.sa_flags = SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0) {
        return 2;
    }
    if (strcmp(filter, "--canary") == 0 || strcmp(filter, "--register-canary") == 0) {
        int rc = run_canary(stack, alt, strcmp(filter, "--register-canary") == 0);
        free(stack);
        free(alt);
        return rc;
    }
    as_select_backend();
    if (as_state_init(&s) != 0) {
        free(stack);
        free(alt);
        return 2;
    }
    for (i = 0; i < as_nops; i++) {
        const as_op *op = &as_ops[i];
        windows ws = {NULL, NULL, 0, 0, NULL};
        job j;
        if (!as_selected(i, filter)) {
            continue;
        }
        as_prepare(&s, i);
        /* Secret outputs are searched for after the call: collect their
         * addresses now (the windows point into the buffers). */
        for (k = 0; k < op->nbufs; k++) {
            ws.cur = op->bufs[k].name;
            as_each_secret(&s, i, k, add_windows, &ws);
        }
        memset(&j, 0, sizeof(j));
        j.s = &s;
        j.i = i;
        j.ws = &ws;
        if (run_on_painted_stack(&j, stack, alt) != 0) {
            failed = 2;
            break;
        }
        printf("stack\t%s\t%s\t%s\t%zu\t%zu\t%zu\t%s\n", op->family, op->set, op->op, j.found,
               j.searched, j.used, j.rc == op->expect ? "ok" : "unexpected-rc");
        printf("regs\t%s\t%s\t%s\t%zu\t%zu\t%zu\n", op->family, op->set, op->op, j.reg_found,
               j.reg_searched, j.reg_saved);
        fflush(stdout);
        if (j.found != 0 || j.rc != op->expect || j.reg_found != 0 || j.reg_saved == 0) {
            failed = 1;
        }
        free((void *)ws.w);
        free((void *)ws.what);
    }
    as_state_free(&s);
    free(stack);
    free(alt);
    return failed;
}

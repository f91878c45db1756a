/* Run-time CPU feature detection and the backend cap (cpu.h, pqfence.h). */
#include "cpu.h"

#include "pqfence.h"

/*
 * The C's only process-wide state, two words that hold nothing secret:
 *   detected_cache: the CPU's features plus PQF_CPU_KNOWN once asked. Every
 *     thread computes and stores the same value (relaxed atomics: a race only
 *     repeats the question).
 *   backend_cap: the highest backend the dispatchers may use, set by
 *     pqf_backend_select(). A dispatcher reads it once per decision; a change
 *     while another thread computes can only switch between backends whose
 *     outputs are identical.
 */
#define PQF_CPU_KNOWN (1u << 31)

#if defined(__GNUC__) || defined(__clang__)
#define LOAD(v) __atomic_load_n(&(v), __ATOMIC_RELAXED)
#define STORE(v, x) __atomic_store_n(&(v), (x), __ATOMIC_RELAXED)
#else
#define LOAD(v) (v)
#define STORE(v, x) ((v) = (x))
#endif

static uint32_t detected_cache;
static int backend_cap = PQF_BACKEND_AVX512;

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>

static uint32_t detect(void) {
    unsigned a, b, c, d;
    unsigned b7 = 0;
    uint32_t xcr0 = 0, xcr0_hi = 0;
    uint32_t f = 0;
    int osxsave_avx;
    if (!__get_cpuid(1, &a, &b, &c, &d)) {
        return 0;
    }
    /* OSXSAVE (ECX bit 27) and AVX (bit 28): then XCR0 says what the OS saves. */
    osxsave_avx = (c & (1u << 27)) != 0 && (c & (1u << 28)) != 0;
    if (__get_cpuid_max(0, NULL) >= 7) {
        unsigned a7, c7, d7;
        __cpuid_count(7, 0, a7, b7, c7, d7);
        (void)a7;
        (void)c7;
        (void)d7;
    }
    /* SHA (leaf 7 EBX bit 29) with SSE4.1 (leaf 1 ECX bit 19): xmm only. */
    if ((b7 & (1u << 29)) != 0 && (c & (1u << 19)) != 0) {
        f |= PQF_CPU_SHANI;
    }
    if (osxsave_avx) {
        __asm__ __volatile__("xgetbv" : "=a"(xcr0), "=d"(xcr0_hi) : "c"(0));
        if ((xcr0 & 0x6u) == 0x6u) {
            f |= PQF_CPU_AVX;
            /* AVX2 (EBX bit 5), BMI2 (bit 8); POPCNT (leaf 1 ECX bit 23). */
            if ((b7 & (1u << 5)) != 0 && (b7 & (1u << 8)) != 0 && (c & (1u << 23)) != 0) {
                f |= PQF_CPU_AVX2;
            }
            /* AVX-512F (EBX bit 16) with opmask and both zmm states. */
            if ((b7 & (1u << 16)) != 0 && (xcr0 & 0xE6u) == 0xE6u) {
                f |= PQF_CPU_AVX512F;
                /* AVX-512VL (EBX bit 31), used only beside AVX2. */
                if ((b7 & (1u << 31)) != 0 && (f & PQF_CPU_AVX2) != 0) {
                    f |= PQF_CPU_AVX512VL;
                }
            }
        }
    }
    return f;
}
#else
static uint32_t detect(void) {
    return 0;
}
#endif

uint32_t pqf_cpu_detected(void) {
    uint32_t f = LOAD(detected_cache);
    if ((f & PQF_CPU_KNOWN) == 0) {
        f = detect() | PQF_CPU_KNOWN;
        STORE(detected_cache, f);
    }
    return f & ~PQF_CPU_KNOWN;
}

uint32_t pqf_cpu_features(void) {
    uint32_t f = pqf_cpu_detected();
    int cap = LOAD(backend_cap);
    if (cap < PQF_BACKEND_AVX512) {
        f &= ~PQF_CPU_AVX512VL;
    }
    if (cap < PQF_BACKEND_AVX2) {
        f &= ~(PQF_CPU_AVX2 | PQF_CPU_SHANI);
    }
    return f;
}

int pqf_backend_select(int max_backend) {
    int cap = max_backend;
    if (cap < PQF_BACKEND_PORTABLE) {
        cap = PQF_BACKEND_PORTABLE;
    }
    if (cap > PQF_BACKEND_AVX512) {
        cap = PQF_BACKEND_AVX512;
    }
    STORE(backend_cap, cap);
    return pqf_backend();
}

int pqf_backend(void) {
    uint32_t f = pqf_cpu_features();
    if ((f & PQF_CPU_AVX512VL) != 0) {
        return PQF_BACKEND_AVX512;
    }
    return (f & PQF_CPU_AVX2) != 0 ? PQF_BACKEND_AVX2 : PQF_BACKEND_PORTABLE;
}

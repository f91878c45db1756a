/* Constant-time comparison, conditional move, secure wipe and the register
 * clearing every entry point returns through. */
#include "ct.h"

#include <string.h>

uint32_t pqf_ct_memneq(const uint8_t *a, const uint8_t *b, size_t n) {
    uint32_t acc = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        acc |= (uint32_t)(a[i] ^ b[i]);
    }
    return pqf_ct_mask_nonzero_u32(acc);
}

void pqf_ct_cmov(uint8_t *dst, const uint8_t *src, size_t n, uint8_t mask) {
    size_t i;
    mask = pqf_value_barrier_u8(mask);
    for (i = 0; i < n; i++) {
        dst[i] ^= (uint8_t)(mask & (dst[i] ^ src[i]));
    }
}

void pqf_wipe(void *p, size_t n) {
#ifdef PQF_HAVE_ASM_BARRIER
    /* memset at full speed, then an asm statement that claims to read the
     * memory through p: the compiler must assume the zeros are observed, so
     * it cannot drop the stores as dead. */
    memset(p, 0, n);
    __asm__ __volatile__("" : : "r"(p) : "memory");
#else
    volatile uint8_t *v = (volatile uint8_t *)p;
    size_t i;
    for (i = 0; i < n; i++) {
        v[i] = 0;
    }
#endif
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include "cpu.h"

#define PQF_CLEAR_GPRS                                                                  \
    "xorl %%ecx, %%ecx\n\t"                                                             \
    "xorl %%edx, %%edx\n\t"                                                             \
    "xorl %%esi, %%esi\n\t"                                                             \
    "xorl %%edi, %%edi\n\t"                                                             \
    "xorl %%r8d, %%r8d\n\t"                                                             \
    "xorl %%r9d, %%r9d\n\t"                                                             \
    "xorl %%r10d, %%r10d\n\t"                                                           \
    "xorl %%r11d, %%r11d\n\t"
#define PQF_CLOBBER_GPRS "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11"
#define PQF_CLOBBER_XMM                                                                 \
    "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",      \
        "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"
#endif

int pqf_leave(int rc) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    /* What the CPU has (cached in cpu.c), not what the backend cap allows:
     * glibc's string functions use every register the CPU offers. */
    uint32_t cpu = pqf_cpu_detected();
    if ((cpu & PQF_CPU_AVX512F) != 0) {
        /* vzeroall clears zmm0-15 whole; zmm16-31 (used by glibc's EVEX
         * string functions) and the opmask registers need their own. */
        __asm__ __volatile__(
            "vzeroall\n\t"
            "vpxord %%zmm16, %%zmm16, %%zmm16\n\t"
            "vpxord %%zmm17, %%zmm17, %%zmm17\n\t"
            "vpxord %%zmm18, %%zmm18, %%zmm18\n\t"
            "vpxord %%zmm19, %%zmm19, %%zmm19\n\t"
            "vpxord %%zmm20, %%zmm20, %%zmm20\n\t"
            "vpxord %%zmm21, %%zmm21, %%zmm21\n\t"
            "vpxord %%zmm22, %%zmm22, %%zmm22\n\t"
            "vpxord %%zmm23, %%zmm23, %%zmm23\n\t"
            "vpxord %%zmm24, %%zmm24, %%zmm24\n\t"
            "vpxord %%zmm25, %%zmm25, %%zmm25\n\t"
            "vpxord %%zmm26, %%zmm26, %%zmm26\n\t"
            "vpxord %%zmm27, %%zmm27, %%zmm27\n\t"
            "vpxord %%zmm28, %%zmm28, %%zmm28\n\t"
            "vpxord %%zmm29, %%zmm29, %%zmm29\n\t"
            "vpxord %%zmm30, %%zmm30, %%zmm30\n\t"
            "vpxord %%zmm31, %%zmm31, %%zmm31\n\t"
            "kxorw %%k1, %%k1, %%k1\n\t"
            "kxorw %%k2, %%k2, %%k2\n\t"
            "kxorw %%k3, %%k3, %%k3\n\t"
            "kxorw %%k4, %%k4, %%k4\n\t"
            "kxorw %%k5, %%k5, %%k5\n\t"
            "kxorw %%k6, %%k6, %%k6\n\t"
            "kxorw %%k7, %%k7, %%k7\n\t" PQF_CLEAR_GPRS
            :
            :
            : PQF_CLOBBER_GPRS, PQF_CLOBBER_XMM, "memory");
    } else if ((cpu & PQF_CPU_AVX) != 0) {
        __asm__ __volatile__("vzeroall\n\t" PQF_CLEAR_GPRS
                             :
                             :
                             : PQF_CLOBBER_GPRS, PQF_CLOBBER_XMM, "memory");
    } else {
        __asm__ __volatile__("pxor %%xmm0, %%xmm0\n\t"
                             "pxor %%xmm1, %%xmm1\n\t"
                             "pxor %%xmm2, %%xmm2\n\t"
                             "pxor %%xmm3, %%xmm3\n\t"
                             "pxor %%xmm4, %%xmm4\n\t"
                             "pxor %%xmm5, %%xmm5\n\t"
                             "pxor %%xmm6, %%xmm6\n\t"
                             "pxor %%xmm7, %%xmm7\n\t"
                             "pxor %%xmm8, %%xmm8\n\t"
                             "pxor %%xmm9, %%xmm9\n\t"
                             "pxor %%xmm10, %%xmm10\n\t"
                             "pxor %%xmm11, %%xmm11\n\t"
                             "pxor %%xmm12, %%xmm12\n\t"
                             "pxor %%xmm13, %%xmm13\n\t"
                             "pxor %%xmm14, %%xmm14\n\t"
                             "pxor %%xmm15, %%xmm15\n\t" PQF_CLEAR_GPRS
                             :
                             :
                             : PQF_CLOBBER_GPRS, PQF_CLOBBER_XMM, "memory");
    }
#endif
    return rc;
}

/* Constant-time comparison, conditional move and secure wipe. */
#include "ct.h"

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
    volatile uint8_t *v = (volatile uint8_t *)p;
    size_t i;
    for (i = 0; i < n; i++) {
        v[i] = 0;
    }
#ifdef PQF_HAVE_ASM_BARRIER
    /* Tell the compiler the zeroed memory is observed. */
    __asm__ __volatile__("" : : "r"(p) : "memory");
#endif
}

/* Constant-time comparison, conditional move and secure wipe. */
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

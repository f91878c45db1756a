/*
 * Constant-time helpers and a secure wipe, shared by every scheme.
 *
 * pqf_value_barrier_* hides a value from the optimiser: after the barrier the
 * compiler cannot know that a mask is all-zero or all-one, so it cannot turn a
 * masked select back into a branch. With GCC and Clang this is an empty asm that
 * claims to modify its operand; elsewhere a volatile round trip.
 */
#ifndef PQF_CT_H
#define PQF_CT_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define PQF_HAVE_ASM_BARRIER 1
#endif

/*
 * PQF_DECLASSIFY(ptr, len): marks len bytes as public at a point where the
 * standard makes them public (a value published in a key or a signature, the
 * signing loop's accept/reject decision). A no-op in every normal build; with
 * -DPQF_CT_TESTING (the constant-time check of `make assurance`) it tells
 * valgrind memcheck the bytes are defined, so that only branches and indices
 * on data still secret are reported. Every use is listed, with its reason, in
 * assurance/suppressions.md.
 */
#ifdef PQF_CT_TESTING
#include <valgrind/memcheck.h>
#define PQF_DECLASSIFY(ptr, len) ((void)VALGRIND_MAKE_MEM_DEFINED((ptr), (len)))
#else
#define PQF_DECLASSIFY(ptr, len) ((void)(ptr), (void)(len))
#endif

static inline uint32_t pqf_value_barrier_u32(uint32_t x) {
#ifdef PQF_HAVE_ASM_BARRIER
    __asm__("" : "+r"(x));
    return x;
#else
    volatile uint32_t v = x;
    return v;
#endif
}

static inline uint64_t pqf_value_barrier_u64(uint64_t x) {
#ifdef PQF_HAVE_ASM_BARRIER
    __asm__("" : "+r"(x));
    return x;
#else
    volatile uint64_t v = x;
    return v;
#endif
}

static inline uint8_t pqf_value_barrier_u8(uint8_t x) {
    return (uint8_t)pqf_value_barrier_u32(x);
}

/* All-ones if x != 0, else 0. */
static inline uint32_t pqf_ct_mask_nonzero_u32(uint32_t x) {
    return pqf_value_barrier_u32((uint32_t)0 - ((x | ((uint32_t)0 - x)) >> 31));
}

/* All-ones if a == b, else 0. */
static inline uint32_t pqf_ct_mask_eq_u32(uint32_t a, uint32_t b) {
    return ~pqf_ct_mask_nonzero_u32(a ^ b);
}

/* All-ones if a < b (unsigned 32-bit), else 0. */
static inline uint32_t pqf_ct_mask_lt_u32(uint32_t a, uint32_t b) {
    uint64_t d = (uint64_t)a - (uint64_t)b;
    return pqf_value_barrier_u32((uint32_t)0 - (uint32_t)(d >> 63));
}

/* mask ? a : b for a mask that is all-ones or zero. */
static inline uint32_t pqf_ct_select_u32(uint32_t mask, uint32_t a, uint32_t b) {
    return b ^ (mask & (a ^ b));
}

/* Returns 0 when the n bytes of a and b are equal, else 0xFFFFFFFF; time depends
 * on n only. */
uint32_t pqf_ct_memneq(const uint8_t *a, const uint8_t *b, size_t n);

/* dst = mask ? src : dst, for mask 0x00 or 0xFF. */
void pqf_ct_cmov(uint8_t *dst, const uint8_t *src, size_t n, uint8_t mask);

/* Overwrites n bytes with zeros in a way the compiler may not remove. */
void pqf_wipe(void *p, size_t n);

/*
 * pqf_leave(rc): returns rc after clearing the registers a caller could find
 * secrets in. Every exported scheme entry point returns through it
 * (`return pqf_leave(rc);`), so that no secret stays in a register once the
 * C has returned, where a later spill (a signal frame, a lazy-binding
 * resolver that saves every register) would copy it to memory nobody wipes.
 * The exported hash functions do not: Rust gives them public data only
 * (messages and public keys, to pre-hash).
 * On x86-64 it zeroes the vector registers this CPU has (xmm0-15; all of
 * ymm0-15 with AVX; zmm16-31 and k1-k7 with AVX-512F) and the general
 * registers a call may clobber (rcx, rdx, rsi, rdi, r8-r11). The callee-saved
 * registers hold the caller's own values again by then. Which vector registers
 * exist is asked of CPUID once and cached (cpu.c). Elsewhere it returns rc and
 * clears nothing (see README, "Assurance").
 */
int pqf_leave(int rc);

#endif

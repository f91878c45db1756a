/*
 * Which vector backend the C may use, decided at run time.
 *
 * The CPU is asked once (CPUID, and XGETBV for the register state the
 * operating system saves) and the answer cached: CPUID costs microseconds
 * where a hypervisor traps it. A feature counts only when the OS saves its
 * registers. pqf_backend_select() (pqfence.h) caps what the dispatchers may
 * use, so that PQFENCE_BACKEND=portable, read by the Rust layer, forces the
 * portable C; the cap never changes which registers pqf_leave() clears.
 *
 * Each dispatcher reads pqf_cpu_features() and calls a vector function only
 * when its bit is set. Vector code lives in files named *_avx2.c (compiled
 * with -mavx2 -mbmi2 -mpopcnt), *_avx512.c (those and -mavx512f -mavx512vl)
 * and *_shani.c (-msha -msse4.1): build.rs and
 * the assurance harness give those flags to those files alone, never to the
 * whole build.
 */
#ifndef PQF_CPU_H
#define PQF_CPU_H

#include <stdint.h>

/* AVX2 with BMI2 and POPCNT, ymm state saved by the OS. */
#define PQF_CPU_AVX2 (1u << 0)
/* SHA extensions (SHA-256 rounds) with SSE4.1. */
#define PQF_CPU_SHANI (1u << 1)
/* AVX-512F, with opmask and zmm state saved by the OS (registers to clear;
 * no backend uses AVX-512 arithmetic). */
#define PQF_CPU_AVX512F (1u << 2)
/* AVX (ymm registers exist): registers to clear. */
#define PQF_CPU_AVX (1u << 3)
/* AVX-512VL with AVX-512F (zmm state saved by the OS): the avx512 backend,
 * the AVX2 code plus 256-bit AVX-512VL instructions (vprolq, vpternlogq) in
 * *_avx512.c files, compiled with -mavx512f -mavx512vl. A cap at
 * PQF_BACKEND_AVX2 masks it off alone, at PQF_BACKEND_PORTABLE with AVX2. */
#define PQF_CPU_AVX512VL (1u << 4)

/* Features the CPU has, whatever the backend cap (for register clearing). */
uint32_t pqf_cpu_detected(void);

/* Features the dispatchers may use: detected, masked by the backend cap. */
uint32_t pqf_cpu_features(void);

#endif

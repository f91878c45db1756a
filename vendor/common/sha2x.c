/* Multi-lane SHA-2 (sha2x.h): the dispatch and the portable path. */
#include "sha2x.h"

#include <string.h>

#include "cpu.h"
#include "ct.h"
#include "sha2.h"

void pqf_sha256x8_tails_portable(uint8_t *const out[8], size_t outlen,
                                 const uint32_t start[8], const uint8_t *const in[8],
                                 size_t nblocks, unsigned count) {
    uint32_t h[8];
    uint8_t digest[32];
    unsigned i, j;
    for (j = 0; j < count; j++) {
        memcpy(h, start, sizeof h);
        pqf_sha256_blocks(h, in[j], nblocks);
        for (i = 0; i < 8; i++) {
            digest[4 * i] = (uint8_t)(h[i] >> 24);
            digest[4 * i + 1] = (uint8_t)(h[i] >> 16);
            digest[4 * i + 2] = (uint8_t)(h[i] >> 8);
            digest[4 * i + 3] = (uint8_t)h[i];
        }
        memcpy(out[j], digest, outlen);
    }
    pqf_wipe(h, sizeof h);
    pqf_wipe(digest, sizeof digest);
}

void pqf_sha512x4_tails_portable(uint8_t *const out[4], size_t outlen,
                                 const uint64_t start[8], const uint8_t *const in[4],
                                 size_t nblocks, unsigned count) {
    uint64_t h[8];
    uint8_t digest[64];
    unsigned i, j, k;
    for (j = 0; j < count; j++) {
        memcpy(h, start, sizeof h);
        pqf_sha512_blocks(h, in[j], nblocks);
        for (i = 0; i < 8; i++) {
            for (k = 0; k < 8; k++) {
                digest[8 * i + k] = (uint8_t)(h[i] >> (56 - 8 * k));
            }
        }
        memcpy(out[j], digest, outlen);
    }
    pqf_wipe(h, sizeof h);
    pqf_wipe(digest, sizeof digest);
}

int pqf_sha256x8_accelerated(void) {
#ifdef PQF_HAVE_SHA2X_KERNELS
    return (pqf_cpu_features() & (PQF_CPU_SHANI | PQF_CPU_AVX2)) != 0;
#else
    return 0;
#endif
}

int pqf_sha512x4_accelerated(void) {
#ifdef PQF_HAVE_SHA2X_KERNELS
    return (pqf_cpu_features() & PQF_CPU_AVX2) != 0;
#else
    return 0;
#endif
}

void pqf_sha256x8_tails(uint8_t *const out[8], size_t outlen, const uint32_t start[8],
                        const uint8_t *const in[8], size_t nblocks, unsigned count) {
#ifdef PQF_HAVE_SHA2X_KERNELS
    const uint32_t f = pqf_cpu_features();
    /* Two interleaved SHA-NI lanes beat eight AVX2 lanes where both exist
     * (measured on AMD Zen 4: about 25 against 45 ns per block and lane). */
    if ((f & PQF_CPU_SHANI) != 0) {
        pqf_sha256x8_tails_shani(out, outlen, start, in, nblocks, count);
        return;
    }
    if ((f & PQF_CPU_AVX2) != 0) {
        pqf_sha256x8_tails_avx2(out, outlen, start, in, nblocks, count);
        return;
    }
#endif
    pqf_sha256x8_tails_portable(out, outlen, start, in, nblocks, count);
}

void pqf_sha512x4_tails(uint8_t *const out[4], size_t outlen, const uint64_t start[8],
                        const uint8_t *const in[4], size_t nblocks, unsigned count) {
#ifdef PQF_HAVE_SHA2X_KERNELS
    if ((pqf_cpu_features() & PQF_CPU_AVX2) != 0) {
        pqf_sha512x4_tails_avx2(out, outlen, start, in, nblocks, count);
        return;
    }
#endif
    pqf_sha512x4_tails_portable(out, outlen, start, in, nblocks, count);
}

/* Multi-lane SHA-2 compression (sha2x.h): the dispatch and the portable path. */
#include "sha2x.h"

#include <string.h>

#include "cpu.h"
#include "ct.h"
#include "sha2.h"

void pqf_sha256x8_blocks_portable(uint32_t h[8 * 8], const uint8_t *const in[8],
                                  size_t nblocks, unsigned count) {
    uint32_t one[8];
    unsigned i, j;
    for (j = 0; j < count; j++) {
        for (i = 0; i < 8; i++) {
            one[i] = h[8 * i + j];
        }
        pqf_sha256_blocks(one, in[j], nblocks);
        for (i = 0; i < 8; i++) {
            h[8 * i + j] = one[i];
        }
    }
    pqf_wipe(one, sizeof one);
}

void pqf_sha512x4_blocks_portable(uint64_t h[8 * 4], const uint8_t *const in[4],
                                  size_t nblocks, unsigned count) {
    uint64_t one[8];
    unsigned i, j;
    for (j = 0; j < count; j++) {
        for (i = 0; i < 8; i++) {
            one[i] = h[4 * i + j];
        }
        pqf_sha512_blocks(one, in[j], nblocks);
        for (i = 0; i < 8; i++) {
            h[4 * i + j] = one[i];
        }
    }
    pqf_wipe(one, sizeof one);
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

void pqf_sha256x8_blocks(uint32_t h[8 * 8], const uint8_t *const in[8], size_t nblocks,
                         unsigned count) {
#ifdef PQF_HAVE_SHA2X_KERNELS
    const uint32_t f = pqf_cpu_features();
    if ((f & PQF_CPU_SHANI) != 0) {
        pqf_sha256x8_blocks_shani(h, in, nblocks, count);
        return;
    }
    if ((f & PQF_CPU_AVX2) != 0) {
        /* Idle lanes hash lane 0's blocks; their chaining values come back. */
        const uint8_t *all[8];
        uint32_t keep[8 * 8];
        unsigned i, j;
        for (j = 0; j < 8; j++) {
            all[j] = in[j < count ? j : 0];
        }
        if (count == 8) {
            pqf_sha256x8_blocks_avx2(h, all, nblocks);
            return;
        }
        memcpy(keep, h, sizeof keep);
        pqf_sha256x8_blocks_avx2(h, all, nblocks);
        for (i = 0; i < 8; i++) {
            for (j = count; j < 8; j++) {
                h[8 * i + j] = keep[8 * i + j];
            }
        }
        pqf_wipe(keep, sizeof keep);
        return;
    }
#endif
    pqf_sha256x8_blocks_portable(h, in, nblocks, count);
}

void pqf_sha512x4_blocks(uint64_t h[8 * 4], const uint8_t *const in[4], size_t nblocks,
                         unsigned count) {
#ifdef PQF_HAVE_SHA2X_KERNELS
    if ((pqf_cpu_features() & PQF_CPU_AVX2) != 0) {
        const uint8_t *all[4];
        uint64_t keep[8 * 4];
        unsigned i, j;
        for (j = 0; j < 4; j++) {
            all[j] = in[j < count ? j : 0];
        }
        if (count == 4) {
            pqf_sha512x4_blocks_avx2(h, all, nblocks);
            return;
        }
        memcpy(keep, h, sizeof keep);
        pqf_sha512x4_blocks_avx2(h, all, nblocks);
        for (i = 0; i < 8; i++) {
            for (j = count; j < 4; j++) {
                h[4 * i + j] = keep[4 * i + j];
            }
        }
        pqf_wipe(keep, sizeof keep);
        return;
    }
#endif
    pqf_sha512x4_blocks_portable(h, in, nblocks, count);
}

/* Multi-lane SHA-2 compression (sha2x.h): the dispatch and the portable path. */
#include "sha2x.h"

#include "cpu.h"
#include "ct.h"
#include "sha2.h"

void pqf_sha256x8_blocks_portable(uint32_t h[8 * 8], const uint8_t *const in[8],
                                  size_t nblocks) {
    uint32_t one[8];
    unsigned i, j;
    for (j = 0; j < 8; j++) {
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
                                  size_t nblocks) {
    uint64_t one[8];
    unsigned i, j;
    for (j = 0; j < 4; j++) {
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

void pqf_sha256x8_blocks(uint32_t h[8 * 8], const uint8_t *const in[8], size_t nblocks) {
#ifdef PQF_HAVE_SHA2X_AVX2
    if ((pqf_cpu_features() & PQF_CPU_AVX2) != 0) {
        pqf_sha256x8_blocks_avx2(h, in, nblocks);
        return;
    }
#endif
    pqf_sha256x8_blocks_portable(h, in, nblocks);
}

void pqf_sha512x4_blocks(uint64_t h[8 * 4], const uint8_t *const in[4], size_t nblocks) {
#ifdef PQF_HAVE_SHA2X_AVX2
    if ((pqf_cpu_features() & PQF_CPU_AVX2) != 0) {
        pqf_sha512x4_blocks_avx2(h, in, nblocks);
        return;
    }
#endif
    pqf_sha512x4_blocks_portable(h, in, nblocks);
}

/* Coefficient-array reductions for ML-DSA (see reduce.h for the bounds). */
#include "reduce.h"

/* Each coefficient to a representative of absolute value below q. */
void pqf_mldsa_reduce32_coeffs(int32_t *a, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        a[i] = pqf_mldsa_reduce32(a[i]);
    }
}

/* Each coefficient from (-q, q) to [0, q). */
void pqf_mldsa_caddq_coeffs(int32_t *a, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        a[i] = pqf_mldsa_caddq(a[i]);
    }
}

/* Each coefficient to its canonical representative in [0, q). */
void pqf_mldsa_freeze_coeffs(int32_t *a, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        a[i] = pqf_mldsa_freeze(a[i]);
    }
}

/* Each coefficient from (-q, q) to its mod+- q representative. */
void pqf_mldsa_center_coeffs(int32_t *a, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        a[i] = pqf_mldsa_center(a[i]);
    }
}

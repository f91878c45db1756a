/* Coefficient-array reductions mod q = 3329 (see reduce.h for the bounds). */
#include "reduce.h"

void pqf_mlkem_reduce_coeffs(int16_t a[PQF_MLKEM_N]) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i++) {
        a[i] = pqf_mlkem_barrett_reduce(a[i]);
    }
}

void pqf_mlkem_canonical_coeffs(int16_t a[PQF_MLKEM_N]) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i++) {
        a[i] = pqf_mlkem_caddq(pqf_mlkem_barrett_reduce(a[i]));
    }
}

void pqf_mlkem_tomont_coeffs(int16_t a[PQF_MLKEM_N]) {
    unsigned i;
    for (i = 0; i < PQF_MLKEM_N; i++) {
        a[i] = pqf_mlkem_fqmul(a[i], PQF_MLKEM_MONT_R2);
    }
}

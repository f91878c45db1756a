/*
 * Polynomials of R_q = Z_q[X]/(X^256 + 1) and their byte encodings: FIPS 203
 * Algorithms 5 (ByteEncode_d) and 6 (ByteDecode_d), and Compress_d /
 * Decompress_d (section 4.2.1, equations 4.7 and 4.8).
 */
#ifndef PQF_MLKEM_POLY_H
#define PQF_MLKEM_POLY_H

#include <stdint.h>

#include "params.h"

/* One polynomial (or its NTT representation), coefficients as int16_t. */
typedef struct {
    int16_t c[PQF_MLKEM_N];
} pqf_mlkem_poly;

#define pqf_mlkem_poly_encode12 PQF_MLKEM_NS(poly_encode12)
#define pqf_mlkem_poly_decode12 PQF_MLKEM_NS(poly_decode12)
#define pqf_mlkem_poly_check12 PQF_MLKEM_NS(poly_check12)
#define pqf_mlkem_poly_compress_du PQF_MLKEM_NS(poly_compress_du)
#define pqf_mlkem_poly_decompress_du PQF_MLKEM_NS(poly_decompress_du)
#define pqf_mlkem_poly_compress_dv PQF_MLKEM_NS(poly_compress_dv)
#define pqf_mlkem_poly_decompress_dv PQF_MLKEM_NS(poly_decompress_dv)
#define pqf_mlkem_poly_add_msg PQF_MLKEM_NS(poly_add_msg)
#define pqf_mlkem_poly_tomsg PQF_MLKEM_NS(poly_tomsg)
#define pqf_mlkem_poly_add PQF_MLKEM_NS(poly_add)
#define pqf_mlkem_poly_sub PQF_MLKEM_NS(poly_sub)

/* Buffers of encodings: 384 bytes for d = 12, 32 d bytes otherwise (32 for the
 * message). Distinct arguments must not overlap (restrict). */

/* ByteEncode_12(a) into 384 bytes; coefficients must be in [0, q). */
void pqf_mlkem_poly_encode12(uint8_t *restrict out, const pqf_mlkem_poly *restrict a);

/* ByteDecode_12: 12-bit values reduced mod q (into [0, q)), as Algorithm 6 does
 * for d = 12. Constant time. */
void pqf_mlkem_poly_decode12(pqf_mlkem_poly *restrict r, const uint8_t *restrict in);

/* Section 7.2 modulus check for one polynomial: returns 0 when every 12-bit value
 * is below q (ByteEncode_12(ByteDecode_12(in)) == in), else 1. */
int pqf_mlkem_poly_check12(const uint8_t *in);

/* ByteEncode_du(Compress_du(a)) / ByteEncode_dv(Compress_dv(a)); coefficients in
 * [0, q). */
void pqf_mlkem_poly_compress_du(uint8_t *restrict out, const pqf_mlkem_poly *restrict a);
void pqf_mlkem_poly_compress_dv(uint8_t *restrict out, const pqf_mlkem_poly *restrict a);

/* Decompress_du(ByteDecode_du(in)) / the same for dv; outputs in [0, q). */
void pqf_mlkem_poly_decompress_du(pqf_mlkem_poly *restrict r, const uint8_t *restrict in);
void pqf_mlkem_poly_decompress_dv(pqf_mlkem_poly *restrict r, const uint8_t *restrict in);

/* r += Decompress_1(ByteDecode_1(m)): bit i of m adds 0 or round(q/2) = 1665 to
 * coefficient i. */
void pqf_mlkem_poly_add_msg(pqf_mlkem_poly *restrict r, const uint8_t *restrict m);

/* ByteEncode_1(Compress_1(a)); coefficients in [0, q). */
void pqf_mlkem_poly_tomsg(uint8_t *restrict m, const pqf_mlkem_poly *restrict a);

/* r += a and r -= a, coefficientwise, no reduction (r and a distinct). */
void pqf_mlkem_poly_add(pqf_mlkem_poly *restrict r, const pqf_mlkem_poly *restrict a);
void pqf_mlkem_poly_sub(pqf_mlkem_poly *restrict r, const pqf_mlkem_poly *restrict a);

#endif

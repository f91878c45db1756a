"""Generates vendor/mlkem/consts_avx2.h, the constants of the ML-KEM AVX2 backend.

Everything is derived here from FIPS 203 and from the data layout of the vector
code (described in vendor/mlkem/ntt_avx2.c and sampling_avx2.c), not typed in:

- zeta = 17, a primitive 256-th root of unity mod q = 3329 (checked here), the
  twiddles zeta^BitRev7(i) (FIPS 203 section 4.3) times the Montgomery factor
  2^16 mod q, as signed representatives in [-q/2, q/2], each with its companion
  zeta * q^-1 mod 2^16 that a vector Montgomery product needs;
- the twiddle vectors of the three NTT layers done inside one register
  (len = 8, 4, 2) in the lane order the vector code keeps them in, and their
  inverse-NTT counterparts;
- gamma_i = zeta^(2 BitRev7(i) + 1) * 2^16 mod q (the moduli of Algorithm 11)
  at the odd positions of a 256-entry vector, for the base-case products;
- byte-shuffle patterns: the 12-bit candidates of Algorithm 7 read from 24 bytes,
  and the compaction of accepted candidates, indexed by the 8-bit acceptance mask.

The script also checks the committed portable tables of vendor/mlkem/ntt.c
against the same definitions, and checks exhaustively the 16-bit Compress_d and
Decompress_d formulas the vector code uses (vendor/mlkem/poly_avx2.c) against
the definitions of FIPS 203 equations 4.7 and 4.8 for d = 1, 4, 5, 10, 11.

Usage: gen_mlkem_tables.py            rewrite vendor/mlkem/consts_avx2.h
       gen_mlkem_tables.py --check    exit 1 when the committed file (or the
                                      portable tables in ntt.c) differ
       gen_mlkem_tables.py --stdout   print the header
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
HEADER = ROOT / "vendor" / "mlkem" / "consts_avx2.h"
NTT_C = ROOT / "vendor" / "mlkem" / "ntt.c"

Q = 3329
N = 256
ZETA = 17
R = 1 << 16  # Montgomery factor
QINV = pow(Q, -1, R)  # q^-1 mod 2^16


def bitrev7(i: int) -> int:
    return int(f"{i:07b}"[::-1], 2)


def signed_mod(x: int, m: int = Q) -> int:
    """x mod m as a representative in [-m/2, m/2]."""
    r = x % m
    return r - m if r > m // 2 else r


def s16(x: int) -> int:
    """x mod 2^16 as a signed 16-bit value."""
    x &= 0xFFFF
    return x - 0x10000 if x >= 0x8000 else x


def check_root() -> None:
    """zeta = 17 is a primitive 256-th root of unity mod q (FIPS 203 section 4.3)."""
    if pow(ZETA, 256, Q) != 1 or pow(ZETA, 128, Q) != Q - 1:
        raise SystemExit("zeta = 17 is not a primitive 256-th root of unity mod q")


def zetas_mont() -> list[int]:
    """zeta^BitRev7(i) * 2^16 mod q, signed, i = 0..127."""
    return [signed_mod(pow(ZETA, bitrev7(i), Q) * R) for i in range(128)]


def gammas_mont() -> list[int]:
    """zeta^(2 BitRev7(i) + 1) * 2^16 mod q, signed, i = 0..127."""
    return [signed_mod(pow(ZETA, 2 * bitrev7(i) + 1, Q) * R) for i in range(128)]


def qinv_of(z: int) -> int:
    """The companion z * q^-1 mod 2^16 (signed) of a Montgomery twiddle z."""
    return s16(z * QINV)


# ---------------------------------------------------------------------------
# The in-register layers. A pair of registers (A, B) holds coefficients
# 32b .. 32b + 31 (A the first 16). The vector code rearranges them so that the
# two operands of each butterfly sit at the same position of two registers:
#   len = 8: X = [A0-7 | B0-7],            Y = [A8-15 | B8-15]
#   len = 4: X = [A0-3 A8-11 | B0-3 B8-11], Y = [A4-7 A12-15 | B4-7 B12-15]
#   len = 2: P = [A0A1 A4A5 A8A9 A12A13 | same for B], Q = [A2A3 A6A7 ...]
# The lists below give, for each of the 16 positions of the first operand, the
# index (within the 32 coefficients) of the coefficient it holds.


def positions_len8() -> list[int]:
    return [i for i in range(8)] + [16 + i for i in range(8)]


def positions_len4() -> list[int]:
    a = [0, 1, 2, 3, 8, 9, 10, 11]
    return a + [16 + i for i in a]


def positions_len2() -> list[int]:
    a = [0, 1, 4, 5, 8, 9, 12, 13]
    return a + [16 + i for i in a]


def layer_vectors(b: int, inverse: bool) -> list[list[int]]:
    """The twiddles of layers len = 8, 4, 2 for register pair b, one per position.

    Forward (Algorithm 9): the block of 2 len coefficients starting at s uses
    zetas[128 / len + s / (2 len)]. Inverse (Algorithm 10, as vendor/mlkem/ntt.c
    runs it): zetas[256 / len - 1 - s / (2 len)].
    """
    z = zetas_mont()
    out = []
    for length, pos in ((8, positions_len8()), (4, positions_len4()), (2, positions_len2())):
        row = []
        for p in pos:
            s = 32 * b + p  # coefficient index of the first operand
            block = s // (2 * length)
            k = 256 // length - 1 - block if inverse else 128 // length + block
            row.append(z[k])
        out.append(row)
    return out


# ---------------------------------------------------------------------------
# Byte shuffles.


def sample_shuffle() -> list[int]:
    """_mm256_shuffle_epi8 pattern: 16-bit position i of a lane receives the two
    bytes holding 12-bit candidate i (candidate 2k starts at byte 3k, candidate
    2k + 1 at byte 3k + 1, and takes the upper 12 bits). Lane 0 reads bytes 0..11
    of the 24-byte group; lane 1 holds bytes 8..23, so its group starts at 4."""
    out = []
    for base in (0, 4):
        for i in range(8):
            first = base + 3 * (i // 2) + (i & 1)
            out += [first, first + 1]
    return out


def compact_table() -> list[list[int]]:
    """For each 8-bit mask m (bit i: 16-bit candidate i accepted), the
    _mm_shuffle_epi8 pattern moving the accepted candidates, in order, to the
    front; the rest of the bytes are zeroed (0x80)."""
    table = []
    for m in range(256):
        row: list[int] = []
        for i in range(8):
            if m >> i & 1:
                row += [2 * i, 2 * i + 1]
        row += [0x80] * (16 - len(row))
        table.append(row)
    return table


def swap16_shuffle() -> list[int]:
    """Swaps the two 16-bit halves of each 32-bit word."""
    return [b ^ 2 for b in range(16)] * 2


def cbd3_shuffle() -> list[int]:
    """SamplePolyCBD_3 reads 3 bytes per 4 coefficients: 32-bit word k of a lane
    receives bytes 3k, 3k + 1, 3k + 2 and a zero byte. Lane 0 holds bytes 0..15 of
    the 24, lane 1 bytes 8..23 (its group starts at 4)."""
    out = []
    for base in (0, 4):
        for k in range(4):
            out += [base + 3 * k, base + 3 * k + 1, base + 3 * k + 2, 0x80]
    return out


def decode_shuffle(d: int) -> list[int]:
    """ByteDecode_d (Algorithm 6) for d in {4, 5, 10, 12}: each 128-bit lane holds
    the d bytes of 8 values; 16-bit position i receives the two bytes starting at
    byte floor(i d / 8), which hold all d bits of value i (its bit offset o_i plus
    d is at most 16 for these d)."""
    row = []
    for i in range(8):
        b = (i * d) // 8
        if (i * d) % 8 + d > 16:
            raise SystemExit(f"decode d={d}: value {i} spans three bytes")
        row += [b, b + 1]
    return row * 2


def decode_multipliers(d: int) -> list[int]:
    """2^(16 - d - o_i): multiplying (mod 2^16) moves the top bit of value i to
    bit 15, then a right shift by 16 - d leaves the value."""
    return [s16(1 << (16 - d - (i * d) % 8)) for i in range(8)] * 2


def decode11_shuffle(half: int) -> list[int]:
    """ByteDecode_11: 32-bit position k of a lane receives the three bytes holding
    value 4 half + k (of the lane's 8) and a zero byte."""
    row = []
    for k in range(4):
        b = (11 * (4 * half + k)) // 8
        row += [b, b + 1, b + 2, 0x80]
    return row * 2


def decode11_shifts(half: int) -> list[int]:
    """The bit offsets the 32-bit positions above are shifted right by."""
    return [(11 * (4 * half + k)) % 8 for k in range(4)] * 2


def bit16() -> list[int]:
    """2^i at 16-bit position i (the bits of two message bytes)."""
    return [s16(1 << i) for i in range(16)]


# ---------------------------------------------------------------------------
# Exhaustive checks of the 16-bit Compress / Decompress formulas.


def compress_spec(x: int, d: int) -> int:
    """FIPS 203 eq. 4.7: round(2^d / q * x) mod 2^d (q is odd: no ties)."""
    return ((x * (1 << d) * 2 + Q) // (2 * Q)) % (1 << d)


def decompress_spec(y: int, d: int) -> int:
    """FIPS 203 eq. 4.8: round(q / 2^d * y), halves rounded up."""
    return (2 * Q * y + (1 << d)) // (1 << (d + 1))


def compress_multiplier(d: int) -> int:
    """floor(2^(16 + d) / q): the estimate floor(x M / 2^16) undershoots
    floor(2^d x / q) by at most one."""
    return (1 << (16 + d)) // Q


def compress_model(x: int, d: int) -> int:
    """The vector code's Compress_d on one 16-bit lane (poly_avx2.c): an
    estimate from the high half of a 16x16-bit product, then the remainder of
    2^d x + (q - 1)/2 computed mod 2^16 (exact: it lies in [0, 3q)) and up to two
    corrections."""
    m = compress_multiplier(d)
    est = (x * m) >> 16  # _mm256_mulhi_epu16
    rem = s16((x << d) + (Q - 1) // 2 - est * Q)  # wrapping 16-bit arithmetic
    if not 0 <= rem < 3 * Q:
        raise SystemExit(f"compress d={d}: remainder {rem} out of range at x={x}")
    est += (rem >= Q) + (rem >= 2 * Q)  # two compare-and-subtract of the mask
    return est & ((1 << d) - 1)


def decompress_model(y: int, d: int) -> int:
    """_mm256_mulhrs_epi16(y << (15 - d), q): (a b + 2^14) >> 15 with a < 2^15."""
    a = y << (15 - d)
    if a >= 1 << 15:
        raise SystemExit(f"decompress d={d}: operand {a} overflows int16")
    return (a * Q + (1 << 14)) >> 15


def check_formulas() -> None:
    for d in (1, 4, 5, 10, 11):
        if compress_multiplier(d) >= 1 << 16:
            raise SystemExit(f"compress d={d}: multiplier does not fit 16 bits")
        for x in range(Q):
            if compress_model(x, d) != compress_spec(x, d):
                raise SystemExit(f"compress d={d} wrong at x={x}")
        for y in range(1 << d):
            if decompress_model(y, d) != decompress_spec(y, d):
                raise SystemExit(f"decompress d={d} wrong at y={y}")


# ---------------------------------------------------------------------------
# The portable tables of vendor/mlkem/ntt.c.


def c_int_array(src: str, name: str) -> list[int]:
    m = re.search(name + r"\[\d+\]\s*=\s*\{([^}]*)\}", src)
    if m is None:
        raise SystemExit(f"{name} not found in {NTT_C}")
    return [int(v) for v in m.group(1).replace("\n", " ").split(",") if v.strip()]


def check_portable(ntt_c: pathlib.Path) -> list[str]:
    src = ntt_c.read_text()
    errors = []
    if c_int_array(src, "pqf_mlkem_zetas_mont") != zetas_mont():
        errors.append("pqf_mlkem_zetas_mont in ntt.c differs from zeta^BitRev7(i) 2^16 mod q")
    if c_int_array(src, "pqf_mlkem_gammas_mont") != gammas_mont():
        errors.append("pqf_mlkem_gammas_mont in ntt.c differs from its definition")
    inv128 = pow(128, -1, Q)
    if f"PQF_MLKEM_INV128_R2 {signed_mod(inv128 * R * R)}" not in src:
        errors.append("PQF_MLKEM_INV128_R2 in ntt.c differs from 128^-1 2^32 mod q")
    z1 = pow(ZETA, bitrev7(1), Q)
    if f"PQF_MLKEM_ZETA1_INV128_R2 {signed_mod(z1 * inv128 * R * R)}" not in src:
        errors.append("PQF_MLKEM_ZETA1_INV128_R2 in ntt.c differs from its definition")
    return errors


# ---------------------------------------------------------------------------
# Emitting the header.


def c_num(v: int) -> str:
    """A macro value, parenthesised when negative."""
    return f"({v})" if v < 0 else str(v)


def c_rows(values: list[int], per_line: int, width: int) -> str:
    lines = []
    for i in range(0, len(values), per_line):
        lines.append("    " + " ".join(f"{v:>{width}}," for v in values[i : i + per_line]))
    return "\n".join(lines)


def emit() -> str:
    check_root()
    check_formulas()
    z = zetas_mont()
    inv128 = pow(128, -1, Q)
    inv128_r2 = signed_mod(inv128 * R * R)
    z1_inv128_r2 = signed_mod(pow(ZETA, bitrev7(1), Q) * inv128 * R * R)
    gamma_odd = []
    for g in gammas_mont():
        gamma_odd += [0, g]
    out = [
        "/* Generated by scripts/gen_mlkem_tables.py from FIPS 203 (do not edit by hand;",
        " * rerun the script, --check compares). Constants of the ML-KEM AVX2 backend;",
        " * the layouts they serve are described in ntt_avx2.c and sampling_avx2.c. */",
        "#ifndef PQF_MLKEM_CONSTS_AVX2_H",
        "#define PQF_MLKEM_CONSTS_AVX2_H",
        "",
        "#include <stdint.h>",
        "",
        f"#define PQF_MLKEM_AVX2_QINV {c_num(s16(QINV))} /* q^-1 mod 2^16, signed */",
        f"#define PQF_MLKEM_AVX2_BARRETT_V {((1 << 26) + Q // 2) // Q} /* round(2^26 / q) */",
        f"#define PQF_MLKEM_AVX2_MONT_R2 {signed_mod(R * R)} /* 2^32 mod q */",
        f"#define PQF_MLKEM_AVX2_MONT_R2_QINV {c_num(qinv_of(signed_mod(R * R)))}",
        f"#define PQF_MLKEM_AVX2_INV128_R2 {inv128_r2} /* 128^-1 2^32 mod q */",
        f"#define PQF_MLKEM_AVX2_INV128_R2_QINV {c_num(qinv_of(inv128_r2))}",
        f"#define PQF_MLKEM_AVX2_ZETA1_INV128_R2 {z1_inv128_r2} /* zeta^64 128^-1 2^32 mod q */",
        f"#define PQF_MLKEM_AVX2_ZETA1_INV128_R2_QINV {c_num(qinv_of(z1_inv128_r2))}",
        "/* floor(2^(16 + d) / q): the Compress_d estimate multiplier */",
    ]
    for d in (1, 4, 5, 10, 11):
        out.append(f"#define PQF_MLKEM_AVX2_COMPRESS_M{d} {compress_multiplier(d)}")
    out += [
        "",
        "/* zeta^BitRev7(i) 2^16 mod q (signed) and its companion times q^-1 mod 2^16,",
        " * i = 0..127: [0][i] the twiddle, [1][i] the companion. */",
        "static const int16_t pqf_mlkem_avx2_zetas[2][128] = {",
        "  {",
        c_rows(z, 10, 6),
        "  }, {",
        c_rows([qinv_of(v) for v in z], 10, 6),
        "  }",
        "};",
        "",
        "/* Per register pair b = 0..7 (coefficients 32b..32b+31): the twiddle vectors",
        " * of the layers len = 8, 4, 2 in the lane order of ntt_avx2.c, each followed",
        " * by its companion: [b][0] len 8, [b][1] its companion, [b][2] len 4, [b][3],",
        " * [b][4] len 2, [b][5]. */",
        "static const int16_t pqf_mlkem_avx2_fwd_inner[8][6][16] = {",
    ]
    for inverse in (False, True):
        if inverse:
            out += [
                "};",
                "",
                "/* The same for the inverse NTT (Algorithm 10's twiddles, as ntt.c uses",
                " * them: zetas[256 / len - 1 - block]). */",
                "static const int16_t pqf_mlkem_avx2_inv_inner[8][6][16] = {",
            ]
        for b in range(8):
            rows = layer_vectors(b, inverse)
            out.append("  {")
            for row in rows:
                out.append("    {" + ", ".join(str(v) for v in row) + "},")
                out.append("    {" + ", ".join(str(qinv_of(v)) for v in row) + "},")
            out.append("  },")
    out += [
        "};",
        "",
        "/* gamma_i 2^16 mod q (signed) at position 2i + 1, zero at 2i: the second",
        " * factor of the a1 b1 gamma_i term of Algorithm 12 (BaseCaseMultiply). */",
        "static const int16_t pqf_mlkem_avx2_gamma_odd[256] = {",
        c_rows(gamma_odd, 10, 6),
        "};",
        "",
        "/* Byte shuffles (see the functions that use them). */",
        "static const uint8_t pqf_mlkem_avx2_sample_shuffle[32] = {",
        c_rows(sample_shuffle(), 16, 2),
        "};",
        "static const uint8_t pqf_mlkem_avx2_swap16[32] = {",
        c_rows(swap16_shuffle(), 16, 2),
        "};",
        "static const uint8_t pqf_mlkem_avx2_cbd3_shuffle[32] = {",
        c_rows(cbd3_shuffle(), 16, 3),
        "};",
        "",
        "/* ByteDecode_d, d = 4, 5, 10, 12: the byte pairs and the multipliers of",
        " * poly_avx2.c (per 128-bit lane; both lanes alike). */",
    ]
    for d in (4, 5, 10, 12):
        out += [
            f"static const uint8_t pqf_mlkem_avx2_decode{d}_shuffle[32] = {{",
            c_rows(decode_shuffle(d), 16, 2),
            "};",
            f"static const int16_t pqf_mlkem_avx2_decode{d}_mult[16] = {{",
            c_rows(decode_multipliers(d), 8, 6),
            "};",
        ]
    out += [
        "/* ByteDecode_11: three bytes per 32-bit position, then the bit offsets;",
        " * [0] values 0..3 of each lane's 8, [1] values 4..7. */",
        "static const uint8_t pqf_mlkem_avx2_decode11_shuffle[2][32] = {",
        "  {",
        c_rows(decode11_shuffle(0), 16, 3),
        "  }, {",
        c_rows(decode11_shuffle(1), 16, 3),
        "  }",
        "};",
        "static const int32_t pqf_mlkem_avx2_decode11_shift[2][8] = {",
        "  {" + ", ".join(str(v) for v in decode11_shifts(0)) + "},",
        "  {" + ", ".join(str(v) for v in decode11_shifts(1)) + "},",
        "};",
        "/* 2^i at 16-bit position i (Decompress_1 of two message bytes). */",
        "static const int16_t pqf_mlkem_avx2_bit16[16] = {",
        c_rows(bit16(), 8, 6),
        "};",
        "",
        "/* Rejection sampling: for each 8-bit acceptance mask, the shuffle that packs",
        " * the accepted 16-bit candidates of a 128-bit lane to its front. */",
        "static const uint8_t pqf_mlkem_avx2_compact[256][16] = {",
    ]
    for row in compact_table():
        out.append("    {" + ", ".join(str(v) for v in row) + "},")
    out += ["};", "", "#endif", ""]
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--stdout", action="store_true")
    ap.add_argument("--file", type=pathlib.Path, default=HEADER)
    ap.add_argument("--ntt", type=pathlib.Path, default=NTT_C)
    args = ap.parse_args()
    text = emit()
    errors = check_portable(args.ntt)
    if args.stdout:
        sys.stdout.write(text)
        return 0
    if args.check:
        if not args.file.exists() or args.file.read_text() != text:
            errors.append(f"{args.file} differs from what scripts/gen_mlkem_tables.py writes")
        for e in errors:
            print(e, file=sys.stderr)
        return 1 if errors else 0
    for e in errors:
        print(e, file=sys.stderr)
    args.file.write_text(text)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())

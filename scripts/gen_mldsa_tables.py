"""Generates the constant tables of the ML-DSA AVX2 backend from FIPS 204.

Writes vendor/mldsa/tables_avx2.h (scalar constants and declarations) and
vendor/mldsa/tables_avx2.c (the arrays). Every value is derived here from its
definition, not typed in:

- q = 8380417 and zeta = 1753, the 512-th root of unity of FIPS 204 Appendix B
  (checked: q is prime and zeta^256 = -1 mod q);
- the Montgomery radix R = 2^32 and q^-1 mod R;
- zetas[m] = zeta^BitRev8(m) R mod q (centered), the twiddles of FIPS 204
  Algorithms 41 and 42 in Montgomery form, with each one's companion
  zetas[m] q^-1 mod 2^32 that the vector Montgomery multiplication uses;
- the per-lane twiddle vectors of the three NTT layers that run inside a
  vector after an 8 x 8 transpose (see lane_tables() for the layout);
- the NTT^-1 scaling R^2 / 256 mod q and its merge into the last layer;
- the multiply-and-shift constants of Decompose's division by 2 gamma2, found
  by search and checked exhaustively over the whole input range;
- the compaction table of rejection sampling: for every 8-bit acceptance mask,
  the positions of its set bits in increasing order.

The portable C (vendor/mldsa/ntt.c) carries its own copy of the twiddles and of
the two NTT^-1 constants; `--check` also verifies those against the same
definitions, so both backends start from the same numbers.

    gen_mldsa_tables.py            write both files
    gen_mldsa_tables.py --check    exit 1 if a committed file differs
    gen_mldsa_tables.py --stdout   print both files
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
VENDOR = ROOT / "vendor" / "mldsa"

Q = 8380417
ZETA = 1753
N = 256
R = 1 << 32


def is_prime(n: int) -> bool:
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True


def brv8(m: int) -> int:
    """BitRev8(m): the 8 bits of m in reverse order (FIPS 204 section 7.5)."""
    return int(f"{m:08b}"[::-1], 2)


def centered(x: int) -> int:
    """x mod q in (-(q - 1) / 2, (q - 1) / 2]."""
    x %= Q
    return x - Q if x > (Q - 1) // 2 else x


def signed32(x: int) -> int:
    """x mod 2^32 as a two's complement int32."""
    x %= R
    return x - R if x >= 1 << 31 else x


QINV = pow(Q, -1, R)


def check_definitions() -> None:
    assert is_prime(Q), "q is not prime"
    assert Q == (1 << 23) - (1 << 13) + 1
    assert pow(ZETA, 256, Q) == Q - 1, "zeta is not a primitive 512-th root of unity"
    assert (Q * QINV) % R == 1


def zetas() -> list[int]:
    """zetas[m] = zeta^BitRev8(m) R mod q, centered (entry 0 is R mod q)."""
    return [centered(pow(ZETA, brv8(m), Q) * R) for m in range(N)]


def qinv_of(z: int) -> int:
    """The companion of a twiddle: z q^-1 mod 2^32 as int32."""
    return signed32(z * QINV)


def invntt_scale() -> int:
    """R^2 / 256 mod q: one Montgomery multiplication by it scales by 256^-1 and
    removes the R^-1 of the pointwise product and its own."""
    return centered(R * R * pow(256, -1, Q))


def invntt_last() -> int:
    """The last NTT^-1 layer's twiddle -zetas[1] with the scaling folded in:
    (-zetas[1]) * scale * R^-1 mod q."""
    return centered(-zetas()[1] * invntt_scale() * pow(R, -1, Q))


def lane_tables() -> tuple[list[list[int]], list[list[int]]]:
    """Per-lane twiddles of the three in-vector layers, forward and inverse.

    The NTT works on four groups g of 64 coefficients held in eight vectors V_r
    (V_r lane c = coefficient 64 g + 8 r + c). After an 8 x 8 transpose W_c
    lane r holds that same coefficient, so a butterfly between coefficients c
    and c' of every V_r is one between W_c and W_c', lane r belonging to the
    block of V_r. Each group gets seven vectors of eight twiddles:

      0     layer len 4, pairs (W_c, W_c+4): block 8 g + r
      1, 2  layer len 2, pairs (W_0, W_2), (W_1, W_3), then (W_4, W_6),
            (W_5, W_7): blocks 16 g + 2 r and 16 g + 2 r + 1
      3..6  layer len 1, pairs (W_2k, W_2k+1) for k = 0..3: block 32 g + 4 r + k

    Forward (Algorithm 41) block b of the layer with B blocks uses
    zetas[B + b]; inverse (Algorithm 42) uses -zetas[2 B - 1 - b].
    """
    z = zetas()
    fwd: list[list[int]] = []
    inv: list[list[int]] = []
    for g in range(4):
        rows: list[tuple[int, list[int]]] = []
        rows.append((32, [8 * g + r for r in range(8)]))
        for k in range(2):
            rows.append((64, [16 * g + 2 * r + k for r in range(8)]))
        for k in range(4):
            rows.append((128, [32 * g + 4 * r + k for r in range(8)]))
        for blocks, bs in rows:
            fwd.append([z[blocks + b] for b in bs])
            inv.append([centered(-z[2 * blocks - 1 - b]) for b in bs])
    return fwd, inv


def decompose_constants(gamma2: int) -> tuple[int, int, int, int]:
    """(pre, mul, post, odd) with floor(x / (2 gamma2)) = ((x >> pre) * mul) >> post
    for every x = r + gamma2 - 1, r in [0, q): 2 gamma2 = 2^pre * odd, and
    mul = ceil(2^post / odd) for the smallest post >= 16 that is exact on the
    range (checked value by value). x >> pre and mul are below 2^16, so the
    vector code takes the product's upper half from one unsigned 16-bit
    multiply and shifts it by post - 16; r1 * 2 gamma2 = (r1 * odd) << pre
    with r1 * odd below 2^16 as well."""
    two = 2 * gamma2
    pre = (two & -two).bit_length() - 1
    odd = two >> pre
    ymax = (Q - 1 + gamma2 - 1) >> pre
    assert ymax < 1 << 16
    assert ((Q - 1) // two) * odd < 1 << 16  # r1 <= (q - 1) / (2 gamma2)
    for post in range(16, 32):
        mul = -(-(1 << post) // odd)
        if mul >= 1 << 16:
            break
        if all((y * mul) >> post == y // odd for y in range(ymax + 1)):
            # Exact on every y, hence on every x (floor(floor(x/2^pre)/odd)).
            return pre, mul, post, odd
    raise AssertionError(f"no multiply-and-shift division by {two}")


def compaction_table() -> list[list[int]]:
    """For each 8-bit mask, the indices of its set bits in increasing order,
    padded with zeros to eight."""
    out = []
    for m in range(256):
        idx = [i for i in range(8) if (m >> i) & 1]
        out.append(idx + [0] * (8 - len(idx)))
    return out


# ---------------------------------------------------------------------------
# Emitting C


def c_array(values: list[int], per_line: int = 8, width: int = 0) -> str:
    lines = []
    for i in range(0, len(values), per_line):
        chunk = values[i : i + per_line]
        lines.append("    " + ", ".join(f"{v:{width}d}" for v in chunk) + ",")
    return "\n".join(lines)


HEADER_NOTE = "Generated by scripts/gen_mldsa_tables.py from FIPS 204. Do not edit."


def header() -> str:
    g88 = decompose_constants((Q - 1) // 88)
    g32 = decompose_constants((Q - 1) // 32)
    scale = invntt_scale()
    last = invntt_last()
    return f"""/*
 * Constants of the ML-DSA AVX2 backend. {HEADER_NOTE}
 *
 * Twiddles are in Montgomery form (R = 2^32), centered; each has a companion
 * z q^-1 mod 2^32 (as int32) so that a Montgomery product a z R^-1 needs no
 * multiplication by q^-1 at run time. tables_avx2.c holds the arrays.
 */
#ifndef PQF_MLDSA_TABLES_AVX2_H
#define PQF_MLDSA_TABLES_AVX2_H

#include "params.h"

#define PQF_MLDSA_AVX2_Q {Q}
/* q^-1 mod 2^32, as int32. */
#define PQF_MLDSA_AVX2_QINV {signed32(QINV)}

/* NTT^-1 scaling R^2 / 256 mod q, and the last layer's twiddle -zetas[1]
 * with the scaling folded in; each with its companion. */
#define PQF_MLDSA_AVX2_INV_SCALE {scale}
#define PQF_MLDSA_AVX2_INV_SCALE_QINV {qinv_of(scale)}
#define PQF_MLDSA_AVX2_INV_LAST {last}
#define PQF_MLDSA_AVX2_INV_LAST_QINV {qinv_of(last)}

/* Decompose (FIPS 204 Algorithm 36): floor((r + gamma2 - 1) / (2 gamma2)) =
 * (((r + gamma2 - 1) >> PRE) * MUL) >> POST for every r in [0, q), with both
 * factors below 2^16 and POST >= 16; 2 gamma2 = ODD << PRE. */
#if PQF_MLDSA_W1_COUNT == 16
#define PQF_MLDSA_AVX2_DEC_PRE {g32[0]}
#define PQF_MLDSA_AVX2_DEC_MUL {g32[1]}
#define PQF_MLDSA_AVX2_DEC_POST {g32[2]}
#define PQF_MLDSA_AVX2_DEC_ODD {g32[3]}
#else
#define PQF_MLDSA_AVX2_DEC_PRE {g88[0]}
#define PQF_MLDSA_AVX2_DEC_MUL {g88[1]}
#define PQF_MLDSA_AVX2_DEC_POST {g88[2]}
#define PQF_MLDSA_AVX2_DEC_ODD {g88[3]}
#endif

#define pqf_mldsa_avx2_zetas PQF_MLDSA_NS(avx2_zetas)
#define pqf_mldsa_avx2_zetas_qinv PQF_MLDSA_NS(avx2_zetas_qinv)
#define pqf_mldsa_avx2_fwd_lanes PQF_MLDSA_NS(avx2_fwd_lanes)
#define pqf_mldsa_avx2_fwd_lanes_qinv PQF_MLDSA_NS(avx2_fwd_lanes_qinv)
#define pqf_mldsa_avx2_inv_lanes PQF_MLDSA_NS(avx2_inv_lanes)
#define pqf_mldsa_avx2_inv_lanes_qinv PQF_MLDSA_NS(avx2_inv_lanes_qinv)
#define pqf_mldsa_avx2_compact PQF_MLDSA_NS(avx2_compact)

/* zetas[m] = zeta^BitRev8(m) R mod q, and -zetas[m] for NTT^-1 is negated at
 * the call (its companion is the negated companion). */
extern const int32_t pqf_mldsa_avx2_zetas[PQF_MLDSA_N];
extern const int32_t pqf_mldsa_avx2_zetas_qinv[PQF_MLDSA_N];

/* Seven vectors of eight twiddles per group of 64 coefficients, for the
 * layers of length 4, 2 and 1 after the 8 x 8 transpose: index
 * [8 * (7 g + row) + lane], rows as in scripts/gen_mldsa_tables.py. */
extern const int32_t pqf_mldsa_avx2_fwd_lanes[4 * 7 * 8];
extern const int32_t pqf_mldsa_avx2_fwd_lanes_qinv[4 * 7 * 8];
extern const int32_t pqf_mldsa_avx2_inv_lanes[4 * 7 * 8];
extern const int32_t pqf_mldsa_avx2_inv_lanes_qinv[4 * 7 * 8];

/* compact[8 m + i]: position of the i-th set bit of the 8-bit mask m (0 past
 * the last one). */
extern const uint8_t pqf_mldsa_avx2_compact[256 * 8];

#endif
"""


def source() -> str:
    z = zetas()
    fwd, inv = lane_tables()
    flat_fwd = [v for row in fwd for v in row]
    flat_inv = [v for row in inv for v in row]
    comp = [v for row in compaction_table() for v in row]

    def arr(ctype: str, name: str, size: str, values: list[int], per: int = 8) -> str:
        return f"const {ctype} {name}[{size}] = {{\n{c_array(values, per)}\n}};\n"

    parts = [
        "/*\n * Constant tables of the ML-DSA AVX2 backend (tables_avx2.h).\n"
        f" * {HEADER_NOTE}\n */\n",
        '#include "tables_avx2.h"\n\n#include "avx2.h"\n\n#ifdef PQF_MLDSA_HAVE_AVX2\n',
        arr("int32_t", "pqf_mldsa_avx2_zetas", "PQF_MLDSA_N", z),
        arr("int32_t", "pqf_mldsa_avx2_zetas_qinv", "PQF_MLDSA_N", [qinv_of(v) for v in z]),
        arr("int32_t", "pqf_mldsa_avx2_fwd_lanes", "4 * 7 * 8", flat_fwd),
        arr(
            "int32_t",
            "pqf_mldsa_avx2_fwd_lanes_qinv",
            "4 * 7 * 8",
            [qinv_of(v) for v in flat_fwd],
        ),
        arr("int32_t", "pqf_mldsa_avx2_inv_lanes", "4 * 7 * 8", flat_inv),
        arr(
            "int32_t",
            "pqf_mldsa_avx2_inv_lanes_qinv",
            "4 * 7 * 8",
            [qinv_of(v) for v in flat_inv],
        ),
        arr("uint8_t", "pqf_mldsa_avx2_compact", "256 * 8", comp, 16),
        "#else\ntypedef int pqf_mldsa_tables_avx2_unused; /* ISO C: no empty translation unit */\n"
        "#endif\n",
    ]
    return "\n".join(parts)


# ---------------------------------------------------------------------------
# The portable C's own copy


def check_portable(ntt_c: pathlib.Path) -> list[str]:
    """Differences between vendor/mldsa/ntt.c's typed-in constants and the
    definitions (empty when they agree)."""
    text = ntt_c.read_text()
    errors = []
    m = re.search(r"static const int32_t zetas\[PQF_MLDSA_N\] = \{(.*?)\};", text, re.S)
    if m is None:
        return [f"{ntt_c}: zetas table not found"]
    values = [int(v) for v in re.findall(r"-?\d+", m.group(1))]
    if values != zetas():
        errors.append(f"{ntt_c}: zetas differ from zeta^BitRev8(m) R mod q")
    for name, want in (
        ("PQF_MLDSA_INVNTT_SCALE", invntt_scale()),
        ("PQF_MLDSA_INVNTT_LAST_ZETA_SCALED", invntt_last()),
    ):
        mm = re.search(rf"#define {name} (-?\d+)", text)
        if mm is None or int(mm.group(1)) != want:
            errors.append(f"{ntt_c}: {name} is not {want}")
    return errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if a committed file differs")
    ap.add_argument("--stdout", action="store_true", help="print the files instead")
    ap.add_argument("--vendor", type=pathlib.Path, default=VENDOR, help="vendor/mldsa directory")
    args = ap.parse_args()
    check_definitions()
    files = {"tables_avx2.h": header(), "tables_avx2.c": source()}
    if args.stdout:
        for text in files.values():
            sys.stdout.write(text)
        return 0
    vendor: pathlib.Path = args.vendor
    if args.check:
        bad = check_portable(vendor / "ntt.c")
        for name, text in files.items():
            path = vendor / name
            if not path.exists() or path.read_text() != text:
                bad.append(f"{path} differs from scripts/gen_mldsa_tables.py's output")
        for line in bad:
            print(line, file=sys.stderr)
        if bad:
            print("run python3 scripts/gen_mldsa_tables.py", file=sys.stderr)
            return 1
        return 0
    for name, text in files.items():
        (vendor / name).write_text(text)
    errors = check_portable(vendor / "ntt.c")
    for line in errors:
        print(line, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

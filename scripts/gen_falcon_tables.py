#!/usr/bin/env python3
"""Falcon's constant tables, computed from their definitions (issue 13).

Each table the Falcon C in vendor/falcon/ needs and that a definition
determines is computed here with exact or high-precision arithmetic (Python
integers, fractions and mpmath), never copied from an implementation; the
definitions are stated in vendor/falcon/SPEC-NOTES.md, with the convention
that reproduces the committed values.

    gen_falcon_tables.py                 print every table as C
    gen_falcon_tables.py --check         compare with vendor/falcon/*.c; exit 1
                                         on any difference
    gen_falcon_tables.py --measure N     measure the field-norm tower over N
                                         random (f, g) per degree and derive
                                         the per-depth size schedule
    gen_falcon_tables.py --schedule      print the round-by-round reduction
                                         schedule the size tables imply

Derived exactly: the BaseSampler RCDT (Table 3.1 of the specification), the
key-generation Gaussian table, the FFT roots, the NTT root powers, and the
scalar constants (sigma, sigma_min, 1/(2 sigma_max^2), ln 2, the norm bounds).
Not derivable: the ApproxExp coefficients (copied from the specification's
Algorithm 13, checked here for their properties) and the size schedule
SCHED_SMALL / SCHED_LARGE / SCHED_BITS (statistics of the reference
implementation's own measurement; --measure re-measures them and reports how
they relate). --check compares those with the values pinned below.
"""

from __future__ import annotations

import argparse
import math
import pathlib
import random
import re
import statistics
import sys
from fractions import Fraction

try:
    import mpmath
    from mpmath import mp, mpf
except ImportError:  # pragma: no cover - reported at run time
    mpmath = None

Q = 12289
REPO = pathlib.Path(__file__).resolve().parents[1]

# --------------------------------------------------------------------------
# helpers


def need_mpmath() -> None:
    if mpmath is None:
        sys.exit("gen_falcon_tables.py needs mpmath (pip install mpmath)")


def to_double(x) -> float:
    """x (an mpf computed with >= 200 bits) correctly rounded to binary64."""
    return float(x)  # mpmath rounds to nearest-even from its working precision


def is_binary64(fr: Fraction) -> bool:
    return Fraction(float(fr)) == fr


# --------------------------------------------------------------------------
# BaseSampler: RCDT of the half-Gaussian (specification 3.9.3, Table 3.1)

SIGMA_MAX = "1.8205"  # specification Table 3.3 (sigma_max), a decimal


def rcdt_table() -> list[int]:
    """RCDT[i] = sum_{j > i} floor(2^72 rho(j) / S), i = 0..17, where
    rho(j) = exp(-j^2 / (2 sigma_max^2)) and S = sum_{j >= 0} rho(j).

    The probabilities of the half-Gaussian are each truncated to 72 bits first,
    then the tails are summed: this is the convention that reproduces Table 3.1
    of the specification exactly (rounding the tail 2^72 P(Z > i) itself, to
    nearest or down, is off by up to 9 units in the low entries)."""
    need_mpmath()
    mp.prec = 400
    s = mpf(SIGMA_MAX)
    rho = [mpmath.exp(-(mpf(j) ** 2) / (2 * s * s)) for j in range(64)]
    total = mpmath.fsum(rho)  # rho(64) < 2^-880: negligible at this precision
    p = [int(mpmath.floor(mpf(2) ** 72 * r / total)) for r in rho]
    assert all(x == 0 for x in p[19:])
    return [sum(p[i + 1 :]) for i in range(18)]


# --------------------------------------------------------------------------
# ApproxExp (specification 3.9.3, Algorithm 13)

# Copied from the specification (round 3, v1.2, Algorithm 13 ApproxExp, the
# table C of 13 64-bit constants, highest degree first). They are the
# coefficients of the FACCT polynomial approximation of exp(-x) on [0, ln 2]
# (Zhao, Steinfeld, Sakzad, IEEE TC 2020), scaled by 2^63; that polynomial
# was produced by a minimax search (Sollya fpminimax on binary64
# coefficients) which this script cannot re-run, so the values are NOT derived
# here (nor were they re-compared with the specification's printed table for
# this script: its text was not at hand). approx_exp_checks() verifies what
# can be verified: each is an exact
# binary64 times 2^63, each is within a few percent of the Taylor coefficient
# 2^63 (-1)^k / k! in magnitude, and the fixed-point evaluation the
# specification prescribes approximates 2^63 exp(-x) within 2^-47 relative.
APPROX_EXP_C = [
    0x00000004741183A3,
    0x00000036548CFC06,
    0x0000024FDCBF140A,
    0x0000171D939DE045,
    0x0000D00CF58F6F84,
    0x000680681CF796E3,
    0x002D82D8305B0FEA,
    0x011111110E066FD0,
    0x0555555555070F00,
    0x155555555581FF00,
    0x400000000002B400,
    0x7FFFFFFFFFFF4800,
    0x8000000000000000,
]


def approx_exp_eval(x: float, ccs: float) -> int:
    """The fixed-point evaluation of Algorithm 13 (Horner, with
    y <- C_k - floor(z y / 2^63), z = floor(2^63 x), then floor(z' y / 2^63)
    with z' = floor(2^63 ccs)); in exact integers."""
    z = int(Fraction(x) * 2**63)
    y = APPROX_EXP_C[0]
    for c in APPROX_EXP_C[1:]:
        y = c - ((z * y) >> 63)
    z = int(Fraction(ccs) * 2**63)
    return (z * y) >> 63


def approx_exp_checks() -> list[str]:
    problems = []
    for k, c in enumerate(APPROX_EXP_C):
        deg = 12 - k
        if not is_binary64(Fraction(c, 2**63)):
            problems.append(f"ApproxExp C[{k}] is not a binary64 times 2^63")
        taylor = Fraction(2**63, math.factorial(deg))
        if abs(Fraction(c) - taylor) > taylor / 20:
            problems.append(f"ApproxExp C[{k}] is far from 2^63/{deg}!")
    need_mpmath()
    mp.prec = 200
    worst = mpf(0)
    for i in range(1, 2000):
        x = float(mpmath.log(2) * i / 2000)
        v = approx_exp_eval(x, 1.0)
        ref = mpf(2) ** 63 * mpmath.exp(-mpf(x))
        worst = max(worst, abs(v - ref) / ref)
    if worst > mpf(2) ** -47:
        problems.append(f"ApproxExp relative error {float(worst):.3g} above 2^-47")
    return problems


# --------------------------------------------------------------------------
# Key generation: the table of the Gaussian over Z, sigma = 1.17 sqrt(q/2048)


def gauss_cdt_table() -> list[int]:
    """T[0] = round(2^63 P(X = 0)), T[k] = round(2^63 P(|X| > k | X != 0))
    for k = 1..26, X ~ D_{Z, sigma}, sigma = 1.17 sqrt(12289 / 2048) exactly
    (1.17 the decimal), P from the untruncated Gaussian (any truncation at
    |x| >= 27 gives the same integers), round = to nearest."""
    need_mpmath()
    mp.prec = 400
    sigma = mpf(117) / 100 * mpmath.sqrt(mpf(Q) / 2048)
    rho = [mpmath.exp(-(mpf(j) ** 2) / (2 * sigma * sigma)) for j in range(200)]
    total = rho[0] + 2 * mpmath.fsum(rho[1:])
    nonzero = total - rho[0]
    out = [int(mpmath.nint(mpf(2) ** 63 * rho[0] / total))]
    for k in range(1, 27):
        tail = 2 * mpmath.fsum(rho[k + 1 :])
        out.append(int(mpmath.nint(mpf(2) ** 63 * tail / nonzero)))
    return out


# --------------------------------------------------------------------------
# FFT roots (specification 3.5/3.6 with the merge order of Algorithm 2)


def fft_root_angles() -> list[Fraction]:
    """Angles (in units of pi) of the evaluation points, slot by slot, for
    every size N = 4, 8, ..., 2048: entry s + m (s = N/4, m < s) is the point
    of slot m at size N. Slots at size 2: [1/2] (the point i). At size 2N:
    slot m < N/2 is the square root (angle halved) of slot m at size N, and
    slot m + N/2 is -conj of slot m (angle 1 - a)."""
    slots = [Fraction(1, 2)]  # size 2
    table: list[Fraction] = [Fraction(1, 2)]  # entry 0: i (unused by the C)
    while len(table) < 512:
        half = [a / 2 for a in slots]
        # the table stores, at index s + m, slot m (< s) at size 4s
        table.extend(half)
        slots = half + [1 - a for a in half]
    return table[:512]


def fft_roots_table() -> list[tuple[float, float]]:
    need_mpmath()
    mp.prec = 256
    out = []
    for a in fft_root_angles():
        if a == Fraction(1, 2):  # exactly i
            out.append((0.0, 1.0))
            continue
        t = mpmath.pi * mpf(a.numerator) / a.denominator
        out.append((to_double(mpmath.cos(t)), to_double(mpmath.sin(t))))
    return out


# --------------------------------------------------------------------------
# NTT: powers of a primitive 2048-th root of unity modulo q in bit-reversed order


def bitrev(x: int, bits: int) -> int:
    return int(format(x, f"0{bits}b")[::-1], 2)


def ntt_tables() -> tuple[list[int], list[int]]:
    """zetas[k] = psi^bitrev10(k), izetas[k] = psi^-bitrev10(k) (mod q),
    psi = 11^((q-1)/2048) = 1945 (11 is the least generator of Z_q^*)."""
    g = next(x for x in range(2, Q) if all(pow(x, (Q - 1) // p, Q) != 1 for p in (2, 3)))
    psi = pow(g, (Q - 1) // 2048, Q)
    ipsi = pow(psi, Q - 2, Q)
    return (
        [pow(psi, bitrev(k, 10), Q) for k in range(1024)],
        [pow(ipsi, bitrev(k, 10), Q) for k in range(1024)],
    )


# --------------------------------------------------------------------------
# scalar constants (specification Table 3.3 and section 3.9)


def scalar_constants() -> dict[str, float | int]:
    need_mpmath()
    mp.prec = 256
    out: dict[str, float | int] = {}
    s0 = mpf(SIGMA_MAX)
    out["inv_2sqrsigma0"] = to_double(1 / (2 * s0 * s0))
    out["ln2"] = to_double(mpmath.log(2))
    out["inv_ln2"] = to_double(1 / mpmath.log(2))
    out["inv_q"] = to_double(mpf(1) / Q)
    for logn, lam in ((9, 128), (10, 256)):
        n = 2**logn
        eps = 1 / mpmath.sqrt(mpf(2) ** 64 * lam)  # Q_s = 2^64 signatures
        smin = mpmath.sqrt(mpmath.log(4 * n * (1 + 1 / eps)) / 2) / mpmath.pi
        sigma = mpf(117) / 100 * mpmath.sqrt(Q) * smin
        beta = mpf(11) / 10 * sigma * mpmath.sqrt(2 * n)
        out[f"sigma_min_{n}"] = to_double(smin)
        out[f"inv_sigma_{n}"] = to_double(1 / sigma)
        out[f"l2bound_{n}"] = int(mpmath.floor(beta * beta))
    kg = Fraction(117, 100) ** 2 * Q  # (1.17)^2 q = 16822.4121 exactly
    out["keygen_bound"] = float(kg)
    out["keygen_bound_int"] = math.ceil(kg)  # integer norms: < 16823 iff < 1.17^2 q
    return out


# --------------------------------------------------------------------------
# the size schedule of NTRUSolve (pinned: see --measure)

# Pinned from the reference implementation's published figures (which are
# themselves measurements); reproduced by --measure only approximately.
SCHED_BITS = [
    (4, 0),
    (11, 1),
    (24, 1),
    (50, 1),
    (102, 1),
    (202, 2),
    (401, 4),
    (794, 5),
    (1577, 8),
    (3138, 13),
    (6308, 25),
]
SCHED_SMALL = [1, 1, 2, 2, 4, 7, 14, 27, 53, 106, 209]
SCHED_LARGE = [2, 2, 5, 7, 12, 21, 40, 78, 157, 308]
# depths where SCHED_SMALL is not ceil((avg + 6 sd + 1) / 31)
SMALL_EXCEPTIONS = {2: 1, 9: 104}  # depth: what the formula gives


def sched_rows() -> list[tuple[int, int, int, int]]:
    """The rows of ntru.c's ntru_sched: a_d, e_d, W_d, H_d (H_10 = 0: unused)."""
    large = [*SCHED_LARGE, 0]
    return [(a, e, SCHED_SMALL[d], large[d]) for d, (a, e) in enumerate(SCHED_BITS)]


def small_from_bits(avg: int, sd: int) -> int:
    """31-bit words for a signed value of avg + 6 sd bits (plus its sign)."""
    return -(-(avg + 6 * sd + 1) // 31)


def schedule_rounds(d: int) -> tuple[list[tuple[int, int, int]], int]:
    """(shift, words, window) of each round at depth d (2 <= d < logn), and
    the word count after the last round's update (before the final min with
    SCHED_SMALL[d])."""
    avg, sd = SCHED_BITS[d]
    lo_bits, hi_bits = avg - 6 * sd, avg + 6 * sd
    words = SCHED_LARGE[d]
    bound = 31 * words
    shift = bound - lo_bits
    rounds = []
    while True:
        rounds.append((shift, words, min(words, 10)))
        nxt = shift + hi_bits + 10
        if nxt < bound:
            bound = nxt
            if 31 * words >= bound + 31:
                words -= 1
        if shift <= 0:
            break
        shift = max(shift - 25, 0)
    return rounds, words


# ---- measurement: the tower of field norms with Python integers ----


def sample_fg(rng: random.Random, logn: int, table: list[int]) -> list[int]:
    """A polynomial with the key-generation distribution (the table's Gaussian,
    2^(10 - logn) samples summed per coefficient, odd coefficient sum)."""
    n = 1 << logn

    def one() -> int:
        v = 0
        for _ in range(1 << (10 - logn)):
            r1, r2 = rng.getrandbits(64), rng.getrandbits(63)
            if (r1 & (2**63 - 1)) < table[0]:
                continue
            k = next(k for k in range(1, 27) if r2 >= table[k])
            v += -k if r1 >> 63 else k
        return v

    f = [one() for _ in range(n)]
    while sum(f) % 2 == 0:
        f[-1] = one()
    return f


def fft_neg(a: list[complex]) -> list[complex]:
    """values of a at exp(i pi (2j+1)/n), j = 0..n-1 (any order)."""
    n = len(a)
    tw = [complex(math.cos(math.pi * k / n), math.sin(math.pi * k / n)) for k in range(n)]
    return _dft([a[k] * tw[k] for k in range(n)])


def _dft(a: list[complex]) -> list[complex]:
    n = len(a)
    if n == 1:
        return a
    ev, od = _dft(a[0::2]), _dft(a[1::2])
    out = [0j] * n
    for k in range(n // 2):
        t = complex(math.cos(2 * math.pi * k / n), -math.sin(2 * math.pi * k / n)) * od[k]
        out[k], out[k + n // 2] = ev[k] + t, ev[k] - t
    return out


def keygen_filters(f: list[int], g: list[int], logn: int) -> bool:
    """The acceptance tests that precede NTRUSolve (encodability, norms)."""
    lim = 31 if logn == 9 else 15
    if max(map(abs, f + g)) > lim:
        return False
    if sum(x * x for x in f + g) >= 16823:
        return False
    n = len(f)
    fv, gv = fft_neg([complex(x) for x in f]), fft_neg([complex(x) for x in g])
    gs = Q * Q / n * sum(1.0 / (abs(a) ** 2 + abs(b) ** 2) for a, b in zip(fv, gv))
    return gs < 16822.4121


def poly_field_norm(a: list[int]) -> list[int]:
    """N(a)(y) with N(a)(x^2) = a(x) a(-x) mod x^m + 1, by Kronecker substitution."""
    m = len(a)
    if m == 1:
        return a
    bits = max(abs(x) for x in a).bit_length()
    width = 2 * bits + m.bit_length() + 2
    ea = sum(x << (width * i) for i, x in enumerate(a))
    eb = sum((-x if i & 1 else x) << (width * i) for i, x in enumerate(a))
    prod = ea * eb
    coeffs = []
    half, mask = 1 << (width - 1), (1 << width) - 1
    for _ in range(2 * m - 1):
        c = prod & mask
        if c >= half:
            c -= 1 << width
        coeffs.append(c)
        prod = (prod - c) >> width
    coeffs += [0]
    red = [coeffs[i] - coeffs[i + m] for i in range(m)]
    assert all(x == 0 for x in red[1::2])
    return red[0::2]


def measure(count: int, seed: int) -> int:
    """Statistics of the largest coefficient bit length of f_d and g_d
    (max over both) at each depth d of the field-norm tower, over `count`
    accepted (f, g) per degree; the words each depth needs with the margin
    avg + 6 sd (plus a sign bit), compared with the pinned tables."""
    table = gauss_cdt_table()
    rng = random.Random(seed)
    for logn in (9, 10):
        per_depth: dict[int, list[int]] = {}
        done = 0
        while done < count:
            f, g = sample_fg(rng, logn, table), sample_fg(rng, logn, table)
            if not keygen_filters(f, g, logn):
                continue
            done += 1
            d = 0
            while True:
                per_depth.setdefault(d, []).append(
                    max(max(abs(x).bit_length() for x in f), max(abs(x).bit_length() for x in g))
                )
                if len(f) == 1:
                    break
                f, g, d = poly_field_norm(f), poly_field_norm(g), d + 1
        print(
            f"# logn = {logn}: max coefficient bit length of (f_d, g_d) over {count}"
            " accepted (f, g)"
        )
        print(
            "depth   mean      sd   min   max | pinned avg  sd | (mean-avg)/sd"
            " | words: measured  SMALL"
        )
        for d in sorted(per_depth):
            v = per_depth[d]
            mean, sd = statistics.mean(v), statistics.pstdev(v)
            avg_p, sd_p = SCHED_BITS[d]
            words = small_from_bits(round(mean), math.ceil(sd))
            z = (mean - avg_p) / sd if sd else 0.0
            print(
                f"{d:5d} {mean:7.1f} {sd:7.2f} {min(v):5d} {max(v):5d} | {avg_p:10d} {sd_p:3d} |"
                f" {z:13.2f} | {words:15d} {SCHED_SMALL[d]:6d}"
            )
    return 0


# --------------------------------------------------------------------------
# C output


def c_u64_list(vals: list[int], per_line: int = 3) -> str:
    lines = []
    for i in range(0, len(vals), per_line):
        lines.append("    " + ", ".join(f"{v}u" for v in vals[i : i + per_line]) + ",")
    return "\n".join(lines)


def hexfloat(x: float) -> str:
    if x == 0.0:
        return "0x0.0p+0"
    return x.hex()


def emit() -> str:
    out = []
    r = rcdt_table()
    out.append("/* sampler.c: RCDT, 72-bit values as {bits 64..71, bits 0..63} */")
    out.append("static const uint64_t half_gauss_tail[18][2] = {")
    for v in r:
        out.append(f"    {{0x{v >> 64:02X}u, 0x{v & (2**64 - 1):016X}u}}, /* {v} */")
    out.append("};\n")
    out.append("/* sampler.c: ApproxExp coefficients (copied from the specification) */")
    out.append("static const uint64_t exp_poly[13] = {")
    out.append("\n".join(f"    0x{c:016X}u," for c in APPROX_EXP_C))
    out.append("};\n")
    out.append("/* keygen.c: key-generation Gaussian table */")
    out.append("static const uint64_t kg_tab[27] = {")
    out.append(c_u64_list(gauss_cdt_table()))
    out.append("};\n")
    out.append("/* ntru.c: reduction schedule {a_d, e_d, W_d, H_d} (pinned, see --measure) */")
    out.append("static const uint16_t ntru_sched[11][4] = {")
    out.append(",\n".join(f"    {{{r[0]}, {r[1]}, {r[2]}, {r[3]}}}" for r in sched_rows()))
    out.append("};\n")
    out.append("/* fft.c: cos and sin of the evaluation points */")
    out.append("static const double pqf_falcon_fft_roots[512][2] = {")
    for c, s in fft_roots_table():
        out.append(f"    {{{hexfloat(c)}, {hexfloat(s)}}},")
    out.append("};\n")
    z, iz = ntt_tables()
    out.append("/* ntt.c: psi^bitrev10(k) and psi^-bitrev10(k) mod q */")
    out.append("static const uint16_t pqf_falcon_zetas[1024] = {" + ", ".join(map(str, z)) + "};")
    out.append(
        "static const uint16_t pqf_falcon_izetas[1024] = {" + ", ".join(map(str, iz)) + "};\n"
    )
    out.append("/* scalar constants */")
    for k, v in scalar_constants().items():
        out.append(f"/* {k} = {hexfloat(v) if isinstance(v, float) else v} */")
    return "\n".join(out)


# --------------------------------------------------------------------------
# --check: parse the committed C


def c_array(src: str, name: str) -> str:
    m = re.search(
        r"static\s+const\s+\w+\s+" + re.escape(name) + r"\s*((?:\[\w*\])+)\s*=\s*\{(.*?)\};",
        src,
        re.S,
    )
    if not m:
        raise LookupError(f"array {name} not found")
    return re.sub(r"/\*.*?\*/", "", m.group(2), flags=re.S)


def c_ints(body: str) -> list[int]:
    return [int(t, 0) for t in re.findall(r"0[xX][0-9a-fA-F]+|\d+", body)]


def c_floats(body: str) -> list[float]:
    toks = re.findall(r"-?0x[0-9a-fA-F.]+p[+-]?\d+|-?\d+\.\d*(?:e[+-]?\d+)?", body)
    return [float.fromhex(t) if "x" in t else float(t) for t in toks]


def c_scalar(src: str, name: str) -> str:
    m = re.search(r"\b" + re.escape(name) + r"\s*=\s*([^;]+);", src)
    if not m:
        raise LookupError(f"constant {name} not found")
    return m.group(1).strip()


def parse_double(tok: str) -> float:
    return float.fromhex(tok) if "x" in tok else float(tok)


def check(vendor: pathlib.Path) -> int:
    src = {p.name: p.read_text() for p in vendor.glob("*.[ch]")}
    errors: list[str] = []

    def cmp(what: str, got, want) -> None:
        if got != want:
            if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
                idx = [i for i in range(len(got)) if got[i] != want[i]]
                errors.append(
                    f"{what}: differs at entries {idx[:8]}"
                    f" (committed {got[idx[0]]}, derived {want[idx[0]]})"
                )
            else:
                errors.append(f"{what}: committed {got!r}, derived {want!r}")

    sampler, keygen, ntru = src["sampler.c"], src["keygen.c"], src["ntru.c"]
    pairs = c_ints(c_array(sampler, "half_gauss_tail"))
    committed = [(pairs[i] << 64) | pairs[i + 1] for i in range(0, len(pairs), 2)]
    cmp("sampler.c half_gauss_tail (RCDT)", committed, rcdt_table())
    cmp("sampler.c exp_poly (ApproxExp C)", c_ints(c_array(sampler, "exp_poly")), APPROX_EXP_C)
    errors.extend(approx_exp_checks())
    cmp("keygen.c kg_tab (table T)", c_ints(c_array(keygen, "kg_tab")), gauss_cdt_table())
    sched = c_ints(c_array(ntru, "ntru_sched"))
    cmp(
        "ntru.c ntru_sched {a_d, e_d, W_d, H_d}",
        [tuple(sched[i : i + 4]) for i in range(0, len(sched), 4)],
        sched_rows(),
    )
    for d, (a, s) in enumerate(SCHED_BITS):
        want = SMALL_EXCEPTIONS.get(d, SCHED_SMALL[d])
        if small_from_bits(a, s) != want:
            errors.append(f"SCHED relation: depth {d} gives {small_from_bits(a, s)} words")
    roots = c_floats(c_array(src["fft.c"], "pqf_falcon_fft_roots"))
    derived = [v for pair in fft_roots_table() for v in pair]
    # entry 0 (the point i) is not used by the C; compare it anyway
    cmp("fft.c pqf_falcon_fft_roots", roots, derived)
    z, iz = ntt_tables()
    cmp("ntt.c pqf_falcon_zetas", c_ints(c_array(src["ntt.c"], "pqf_falcon_zetas")), z)
    cmp("ntt.c pqf_falcon_izetas", c_ints(c_array(src["ntt.c"], "pqf_falcon_izetas")), iz)

    k = scalar_constants()
    cmp(
        "sampler.c base_inv_2var",
        parse_double(c_scalar(sampler, "base_inv_2var")),
        k["inv_2sqrsigma0"],
    )
    cmp("sampler.c exp_ln2", parse_double(c_scalar(sampler, "exp_ln2")), k["ln2"])
    cmp("sampler.c exp_inv_ln2", parse_double(c_scalar(sampler, "exp_inv_ln2")), k["inv_ln2"])
    sign = src["sign.c"]
    blocks = re.split(r"#else", sign.split("#if PQF_FALCON_LOGN == 9", 1)[1].split("#endif", 1)[0])
    for n, blk in zip((512, 1024), blocks):
        cmp(
            f"sign.c inv_sigma ({n})", parse_double(c_scalar(blk, "inv_sigma")), k[f"inv_sigma_{n}"]
        )
        cmp(
            f"sign.c sigma_min ({n})", parse_double(c_scalar(blk, "sigma_min")), k[f"sigma_min_{n}"]
        )
    cmp("sign.c inv_q", parse_double(c_scalar(sign, "inv_q")), k["inv_q"])
    params = src["params.h"]
    l2 = [int(x) for x in re.findall(r"PQF_FALCON_L2BOUND\s+(\d+)u", params)]
    cmp("params.h L2BOUND (512, 1024)", l2, [k["l2bound_512"], k["l2bound_1024"]])
    cmp(
        "keygen.c 1.17^2 q",
        parse_double(c_scalar(keygen, "kg_gs_bound")),
        k["keygen_bound"],
    )
    cmp(
        "keygen.c integer norm bound",
        int(re.search(r"sqnorm\(g\) < (\d+)\)", keygen).group(1)),
        k["keygen_bound_int"],
    )

    for e in errors:
        print("MISMATCH", e)
    if not errors:
        print(
            "all Falcon tables match their definitions (ApproxExp and the size "
            "schedule: pinned values, see the note)"
        )
    return 1 if errors else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--vendor", type=pathlib.Path, default=REPO / "vendor" / "falcon")
    ap.add_argument("--measure", type=int, metavar="N")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--schedule", action="store_true")
    a = ap.parse_args()
    if a.check:
        return check(a.vendor)
    if a.measure:
        return measure(a.measure, a.seed)
    if a.schedule:
        print(
            "depth rounds first-shifts   words (first round -> last round -> after it,"
            " first drop after round)  kept  logn"
        )
        for d in range(9, 1, -1):
            rs, after = schedule_rounds(d)
            words = [w for _, w, _ in rs] + [after]
            drop = next(i for i in range(1, len(rs)) if words[i] != words[i - 1])
            shifts = ", ".join(str(sh) for sh, _, _ in rs[:3])
            which = "10" if d == 9 else "9, 10"
            print(
                f"{d:5d} {len(rs):6d}  {shifts:>16} ...  {words[0]:4d} -> {words[-2]:4d} ->"
                f" {after:4d}, round {drop:2d}      {min(after, SCHED_SMALL[d]):4d}  {which}"
            )
        return 0
    print(emit())
    return 0


if __name__ == "__main__":
    sys.exit(main())

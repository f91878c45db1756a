"""The C SHA-3 and SHAKE (vendor/common/keccak.c, keccakx4.c) against hashlib.

tests/c/keccak_cases.c is compiled here with the C compiler together with the
real keccak.c and ct.c, once with the little-endian memcpy byte order and once
with PQF_KECCAK_PORTABLE_BYTES (the shift-based path every other machine uses),
and each of its cases, one-shot and incremental with random absorb/squeeze
splits, must equal hashlib's digest.

tests/c/keccakx4_cases.c does the same for the 4-way SHAKE (fips202x4.h), on
each backend (the portable permutation forced with pqf_backend_select, and
the vector one, skipped on a CPU without AVX2: keccakx4_avx512.c where the
CPU has AVX-512VL, else keccakx4_avx2.c) and both byte orders: every lane of
every case must be hashlib's SHAKE of its own input, the 4-way permutation
must equal four scalar ones on random states, and so must each vector
permutation the CPU can run, called directly (the AVX2 one even where the
dispatcher picks AVX-512VL, and the AVX-512VL one-state one).
"""

from __future__ import annotations

import hashlib
import pathlib
import subprocess

import pytest

from .c_build import compiler, target_flags

REPO = pathlib.Path(__file__).resolve().parents[2]
COMMON = REPO / "vendor" / "common"
CASES = 1800  # 300 per function
FLAGS = ["-std=c99", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Wvla", "-Werror"]


def _expected(fn: int, msg: bytes, outlen: int) -> bytes:
    if fn < 4:
        return hashlib.new(("sha3_224", "sha3_256", "sha3_384", "sha3_512")[fn], msg).digest()
    shake = hashlib.shake_128(msg) if fn == 4 else hashlib.shake_256(msg)
    return shake.digest(outlen)


@pytest.mark.parametrize("backend", ["portable", "avx2", "avx512"])
@pytest.mark.parametrize(
    "defines", [[], ["-DPQF_KECCAK_PORTABLE_BYTES"]], ids=["native", "portable"]
)
def test_keccak_matches_hashlib(tmp_path: pathlib.Path, defines: list[str], backend: str) -> None:
    """On the avx512 backend the sponges run the one-state AVX-512VL
    permutation (keccak_avx512.c), on the avx2 and portable ones the scalar C."""
    sources = [REPO / "tests" / "c" / "keccak_cases.c"]
    sources += [COMMON / f for f in ("keccak.c", "keccak_avx512.c", "ct.c", "cpu.c")]
    exe = build_c(tmp_path, "keccak_cases", sources, defines)
    lines = run_cases(exe, str(CASES), "1600", backend)
    assert len(lines) == CASES
    for n, line in enumerate(lines):
        fn_s, outlen_s, msg_hex, once_hex, incr_hex = line.split(" ")
        fn, outlen = int(fn_s), int(outlen_s)
        want = _expected(fn, bytes.fromhex(msg_hex), outlen)
        assert bytes.fromhex(once_hex) == want, (n, fn, len(msg_hex) // 2, outlen, "one-shot")
        assert bytes.fromhex(incr_hex) == want, (n, fn, len(msg_hex) // 2, outlen, "incremental")


def build_c(
    tmp_path: pathlib.Path, name: str, sources: list[pathlib.Path], defines: list[str]
) -> pathlib.Path:
    """Compiles and links sources as build.rs does: each vector file (*_avx2.c,
    *_shani.c) alone with its target flags, the rest without any."""
    cc = compiler()
    inc = [f"-I{COMMON}", f"-I{REPO / 'vendor' / 'include'}"]
    objs = []
    for src in sources:
        obj = tmp_path / (src.stem + ".o")
        cmd = [cc, *FLAGS, *defines, *target_flags(src), *inc, "-c", str(src), "-o", str(obj)]
        subprocess.run(cmd, check=True)
        objs.append(str(obj))
    exe = tmp_path / name
    subprocess.run([cc, *objs, "-o", str(exe)], check=True)
    return exe


def run_cases(exe: pathlib.Path, *args: str) -> list[str]:
    """The driver's lines; a skip when it exits 77 (the CPU lacks the backend)."""
    p = subprocess.run([str(exe), *args], capture_output=True, text=True, check=False)
    if p.returncode == 77:
        pytest.skip(f"this CPU has no {args[-1]} backend")
    assert p.returncode == 0, p.stderr
    return p.stdout.splitlines()


X4_CASES = 300
BACKENDS = {"portable": 0, "avx2": 1, "avx512": 2}


@pytest.mark.parametrize("backend", list(BACKENDS))
@pytest.mark.parametrize(
    "defines", [[], ["-DPQF_KECCAK_PORTABLE_BYTES"]], ids=["native", "portable-bytes"]
)
def test_shake_x4_matches_hashlib(tmp_path: pathlib.Path, backend: str, defines: list[str]) -> None:
    sources = [
        REPO / "tests" / "c" / "keccakx4_cases.c",
        *(
            COMMON / f
            for f in (
                "keccak.c",
                "keccak_avx512.c",
                "keccakx4.c",
                "keccakx4_avx2.c",
                "keccakx4_avx512.c",
                "cpu.c",
                "ct.c",
            )
        ),
    ]
    exe = build_c(tmp_path, "keccakx4_cases", sources, defines)
    lines = run_cases(exe, str(X4_CASES), "4", backend)
    assert lines[0] == f"backend {BACKENDS[backend]}"
    assert lines[1] == "perm 200 0", "4-way permutation differs from four scalar ones"
    direct = lines[2].split(" ")
    assert direct[0] == "direct", lines[2]
    assert direct[-1] == "0", "a vector permutation differs from the scalar one"
    if backend == "portable":
        assert direct[2:4] == ["0", "0"], "the portable backend ran vector code"
    else:
        assert direct[2] == "1", "the AVX2 4-way permutation was not run"
    if backend == "avx512":
        assert direct[3] == "1", "the AVX-512VL 4-way permutation was not run"
    cases = lines[3 : 3 + X4_CASES]
    mixed = lines[3 + X4_CASES :]
    assert len(cases) == X4_CASES
    assert len(mixed) == X4_CASES // 3
    check_mixed_lanes(mixed)
    multi_block = many_blocks = 0
    for n, line in enumerate(cases):
        fn_s, outlen_s, *fields = line.split(" ")
        fn, outlen = int(fn_s), int(outlen_s)
        assert len(fields) == 8, n
        ins = [bytes.fromhex(h) for h in fields[:4]]
        outs = [bytes.fromhex(h) for h in fields[4:]]
        rate = 168 if fn == 128 else 136
        multi_block += len(ins[0]) >= rate
        many_blocks += outlen >= 8 * rate
        for j in range(4):
            shake = hashlib.shake_128(ins[j]) if fn == 128 else hashlib.shake_256(ins[j])
            assert outs[j] == shake.digest(outlen), (n, fn, len(ins[j]), outlen, j)
    # the random lengths did reach several absorbed and squeezed blocks
    assert multi_block > 20
    assert many_blocks > 20


def check_mixed_lanes(lines: list[str]) -> None:
    """The per-lane sponge (pqf_shakex4_absorb_lane, squeezeblocks_lanes):
    each lane is hashlib's SHAKE of its own rate and input; lane 3, skipped
    (NULL) in the second squeeze, holds the first squeeze's blocks; lane 2,
    restarted on a new input between the squeezes, gives that input's SHAKE."""
    both_rates = restarted = 0

    def shake(rate: int, msg: bytes, n: int) -> bytes:
        h = hashlib.shake_128(msg) if rate == 168 else hashlib.shake_256(msg)
        return h.digest(n)

    for n, line in enumerate(lines):
        tag, *fields = line.split(" ")
        assert tag == "lanes", n
        assert len(fields) == 14, n
        rates = [int(r) for r in fields[:4]]
        ins = [bytes.fromhex(h) for h in fields[4:8]]
        outs = [bytes.fromhex(h) for h in fields[8:12]]
        in2, out2 = bytes.fromhex(fields[12]), bytes.fromhex(fields[13])
        both_rates += len(set(rates)) == 2
        restarted += len(out2) > 0
        for j in range(4):
            assert outs[j] == shake(rates[j], ins[j], len(outs[j])), (n, j, rates[j])
            assert len(outs[j]) % rates[j] == 0, (n, j)
        assert out2 == shake(rates[2], in2, len(out2)), (n, "restarted lane")
    assert both_rates > len(lines) // 2
    assert restarted > len(lines) // 2

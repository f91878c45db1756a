"""Each layer of the ML-KEM AVX2 backend against its portable twin, in C.

tests/c/mlkem_avx2_cases.c is compiled with the ML-KEM sources (the *_avx2.c
files with build.rs's per-file target flags, the rest without) for each
parameter set, under AddressSanitizer and UndefinedBehaviorSanitizer, and
compares NTT, inverse NTT, row products, reductions, every encoding (Compress
on every value of [0, q), all int16 through the reductions), SampleNTT,
SamplePolyCBD and K-PKE, value for value. Skipped when the CPU has no AVX2.
"""

from __future__ import annotations

import pathlib
import platform
import subprocess

import pytest

from .c_build import compiler, target_flags

REPO = pathlib.Path(__file__).resolve().parents[2]
MLKEM = REPO / "vendor" / "mlkem"
COMMON = REPO / "vendor" / "common"
FLAGS = [
    "-std=c99",
    "-O1",
    "-Wall",
    "-Wextra",
    "-Wpedantic",
    "-Wvla",
    "-Werror",
    "-fsanitize=address,undefined",
    "-fno-sanitize-recover=all",
    f"-I{REPO / 'vendor' / 'include'}",
    f"-I{COMMON}",
    f"-I{MLKEM}",
]
PORTABLE = ["reduce.c", "ntt.c", "poly.c", "sampling.c", "kpke.c"]
SHARED = ["keccak.c", "keccakx4.c", "ct.c", "cpu.c"]


@pytest.mark.skipif(platform.machine() not in ("x86_64", "AMD64"), reason="x86-64 only")
@pytest.mark.parametrize("k", [2, 3, 4], ids=["ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"])
def test_avx2_layers_match_portable(tmp_path: pathlib.Path, k: int) -> None:
    cc = compiler()
    objs = []
    vector_files = sorted(MLKEM.glob("*_avx2.c"))
    shared_vector = sorted(COMMON.glob("*_avx2.c")) + sorted(COMMON.glob("*_avx512.c"))
    assert vector_files
    for src in [*vector_files, *shared_vector]:
        obj = tmp_path / (src.stem + ".o")
        subprocess.run(
            [cc, *FLAGS, *target_flags(src), f"-DPQF_MLKEM_K={k}", "-c", str(src), "-o", str(obj)],
            check=True,
        )
        objs.append(str(obj))
    exe = tmp_path / "cases"
    subprocess.run(
        [
            cc,
            *FLAGS,
            f"-DPQF_MLKEM_K={k}",
            str(REPO / "tests" / "c" / "mlkem_avx2_cases.c"),
            *(str(MLKEM / f) for f in PORTABLE),
            *(str(COMMON / f) for f in SHARED),
            *objs,
            "-o",
            str(exe),
        ],
        check=True,
    )
    r = subprocess.run([str(exe), "300", str(k)], capture_output=True, text=True, check=False)
    if r.returncode == 77:
        pytest.skip(r.stdout.strip())
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[-1] == "0 failures"

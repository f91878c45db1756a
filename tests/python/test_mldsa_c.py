"""The ML-DSA AVX2 backend equals the portable C, function by function.

tests/c/mldsa_backends.c is compiled here with the C compiler together with
the real ML-DSA and shared sources (the file lists and per-file target flags
of build.rs, read through assurance/ops.py), once per parameter set, and once
more per set with a single SHAKE block per first squeeze so that the
samplers' refill paths run on every call. Each run compares, on pseudorandom
inputs over every function's domain and edges, the output of each layer
function and of key generation, signing and verification with the backend
capped at portable and then at AVX2. A CPU without AVX2 skips the test.
"""

from __future__ import annotations

import pathlib
import subprocess

import pytest

from .c_build import assurance_ops, compiler

REPO = pathlib.Path(__file__).resolve().parents[2]
FLAGS = ["-std=c99", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Wvla", "-Werror"]
CASES = 120


def _build(tmp: pathlib.Path, mode: int, defines: list[str]) -> pathlib.Path:
    ops = assurance_ops()
    units = {u.name: u for u in ops.units()}
    dsa = units[f"pqf_mldsa{mode}"]
    common = units["pqf_common"]
    cc = compiler()
    includes = [f"-I{REPO / d}" for d in ("vendor/include", "vendor/common", "vendor/mldsa")]
    objs = []
    for unit, extra in ((dsa, [f"-D{d}" for d in dsa.defines] + defines), (common, [])):
        for src in unit.sources:
            obj = tmp / f"{unit.name}_{src.stem}.o"
            flags = [*FLAGS, *ops.target_flags(src), *extra, *includes]
            subprocess.run([cc, *flags, "-c", str(src), "-o", str(obj)], check=True)
            objs.append(str(obj))
    exe = tmp / "mldsa_backends"
    driver = REPO / "tests" / "c" / "mldsa_backends.c"
    subprocess.run(
        [cc, *FLAGS, f"-DPQF_MLDSA_MODE={mode}", *includes, str(driver), *objs, "-o", str(exe)],
        check=True,
    )
    return exe


@pytest.mark.parametrize(
    "defines",
    [[], ["PQF_MLDSA_AVX2_UNIFORM_BLOCKS=1", "PQF_MLDSA_AVX2_BOUNDED_BLOCKS=1"]],
    ids=["default", "refills"],
)
@pytest.mark.parametrize("mode", [44, 65, 87], ids=lambda m: f"ML-DSA-{m}")
def test_avx2_equals_portable(tmp_path: pathlib.Path, mode: int, defines: list[str]) -> None:
    exe = _build(tmp_path, mode, [f"-D{d}" for d in defines])
    run = subprocess.run(
        [str(exe), str(CASES), str(mode)], capture_output=True, text=True, check=False
    )
    lines = run.stdout.splitlines()
    if lines and lines[0] == "backend portable":
        pytest.skip("this CPU has no AVX2: nothing to compare")
    assert run.returncode == 0, run.stdout + run.stderr
    assert lines[-1] == f"checks {CASES * 15 + 3 * ((CASES + 7) // 8)} mismatches 0"

"""The Falcon AVX2 backend equals the portable C, function by function.

tests/c/falcon_backends.c is compiled here with the C compiler together with
the real Falcon and shared sources (the file lists and per-file target flags
of build.rs, read through assurance/ops.py), once per parameter set, with
-ffp-contract=off as build.rs compiles them. Each run compares, on
pseudorandom doubles of every sign and a wide range of magnitudes, the output
of each FFT-layer function at every size (logn 0 to 10), of the ChaCha20
generator with SamplerZ, and of key generation, signing and verification,
with the backend capped at portable and then at AVX2: the doubles and bytes
must be equal bit for bit. A CPU without AVX2 skips the test.
"""

from __future__ import annotations

import pathlib
import subprocess

import pytest

from .c_build import assurance_ops, compiler

REPO = pathlib.Path(__file__).resolve().parents[2]
FLAGS = [
    "-std=c99",
    "-O2",
    "-ffp-contract=off",
    "-Wall",
    "-Wextra",
    "-Wpedantic",
    "-Wvla",
    "-Werror",
]
CASES = 16


def _build(tmp: pathlib.Path, name: str) -> pathlib.Path:
    ops = assurance_ops()
    units = {u.name: u for u in ops.units()}
    fal = units[f"pqf_{name}"]
    common = units["pqf_common"]
    cc = compiler()
    includes = [f"-I{REPO / d}" for d in ("vendor/include", "vendor/common", "vendor/falcon")]
    objs = []
    for unit, extra in ((fal, [f"-D{d}" for d in fal.defines]), (common, [])):
        for src in unit.sources:
            obj = tmp / f"{unit.name}_{src.stem}.o"
            flags = [*FLAGS, *ops.target_flags(src), *extra, *includes]
            subprocess.run([cc, *flags, "-c", str(src), "-o", str(obj)], check=True)
            objs.append(str(obj))
    exe = tmp / "falcon_backends"
    driver = REPO / "tests" / "c" / "falcon_backends.c"
    subprocess.run(
        [
            cc,
            *FLAGS,
            *[f"-D{d}" for d in fal.defines],
            *includes,
            str(driver),
            *objs,
            "-lm",
            "-o",
            str(exe),
        ],
        check=True,
    )
    return exe


@pytest.mark.parametrize("name", ["falcon512", "falcon1024"])
def test_avx2_equals_portable(tmp_path: pathlib.Path, name: str) -> None:
    exe = _build(tmp_path, name)
    run = subprocess.run([str(exe), str(CASES), "7"], capture_output=True, text=True, check=False)
    lines = run.stdout.splitlines()
    if lines and lines[0] == "backend portable":
        pytest.skip("this CPU has no AVX2: nothing to compare")
    assert run.returncode == 0, run.stdout + run.stderr
    # per case: 8 ops at logn 1..10, 6 at logn 0..10, 3 LDL at logn 1..10,
    # the sampler; the scheme every eighth case
    per_case = 8 * 10 + 6 * 11 + 3 * 10 + 1
    assert lines[-1] == f"checks {CASES * per_case + (CASES + 7) // 8} mismatches 0"

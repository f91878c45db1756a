"""The C SHA-224/256 (vendor/common/sha2.c, sha2_shani.c) against hashlib.

tests/c/sha2_cases.c is compiled here as build.rs compiles the library (the
SHA-extensions file alone with its target flags) and run on each backend:
the portable compression forced with pqf_backend_select, and the SHA
extensions (skipped on a CPU without them). Every digest, one-shot and
incremental with random update lengths, must equal hashlib's.
"""

from __future__ import annotations

import hashlib
import pathlib

import pytest

from .test_keccak_c import COMMON, REPO, build_c, run_cases

CASES = 600


@pytest.mark.parametrize("backend", ["portable", "avx2"])
def test_sha256_matches_hashlib(tmp_path: pathlib.Path, backend: str) -> None:
    sources = [REPO / "tests" / "c" / "sha2_cases.c"]
    sources += [COMMON / f for f in ("sha2.c", "sha2_shani.c", "cpu.c", "ct.c")]
    exe = build_c(tmp_path, "sha2_cases", sources, [])
    lines = run_cases(exe, str(CASES), "180", backend)
    backend_s, shani_s = lines[0].split(" ")[1::2]
    if backend == "portable":
        assert (backend_s, shani_s) == ("0", "0")
    else:
        assert shani_s == "1"  # the SHA extensions ran (whatever AVX2 says)
    cases = lines[1:]
    assert len(cases) == CASES
    long_inputs = 0
    for n, line in enumerate(cases):
        bits_s, msg_hex, once_hex, incr_hex = line.split(" ")
        msg = bytes.fromhex(msg_hex)
        long_inputs += len(msg) > 128
        want = hashlib.new(f"sha{bits_s}", msg).digest()
        assert bytes.fromhex(once_hex) == want, (n, bits_s, len(msg), "one-shot")
        assert bytes.fromhex(incr_hex) == want, (n, bits_s, len(msg), "incremental")
    assert long_inputs > CASES // 2

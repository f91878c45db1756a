"""The C SHA-3 and SHAKE (vendor/common/keccak.c) against Python's hashlib.

tests/c/keccak_cases.c is compiled here with the C compiler together with the
real keccak.c and ct.c, once with the little-endian memcpy byte order and once
with PQF_KECCAK_PORTABLE_BYTES (the shift-based path every other machine uses),
and each of its cases, one-shot and incremental with random absorb/squeeze
splits, must equal hashlib's digest.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import shutil
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
COMMON = REPO / "vendor" / "common"
CASES = 1800  # 300 per function
FLAGS = ["-std=c99", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Wvla", "-Werror"]


def _compiler() -> str:
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler")
    return cc


def _expected(fn: int, msg: bytes, outlen: int) -> bytes:
    if fn < 4:
        return hashlib.new(("sha3_224", "sha3_256", "sha3_384", "sha3_512")[fn], msg).digest()
    shake = hashlib.shake_128(msg) if fn == 4 else hashlib.shake_256(msg)
    return shake.digest(outlen)


@pytest.mark.parametrize(
    "defines", [[], ["-DPQF_KECCAK_PORTABLE_BYTES"]], ids=["native", "portable"]
)
def test_keccak_matches_hashlib(tmp_path: pathlib.Path, defines: list[str]) -> None:
    exe = tmp_path / "keccak_cases"
    subprocess.run(
        [
            _compiler(),
            *FLAGS,
            *defines,
            f"-I{COMMON}",
            f"-I{REPO / 'vendor' / 'include'}",
            str(REPO / "tests" / "c" / "keccak_cases.c"),
            str(COMMON / "keccak.c"),
            str(COMMON / "ct.c"),
            str(COMMON / "cpu.c"),
            "-o",
            str(exe),
        ],
        check=True,
    )
    out = subprocess.run(
        [str(exe), str(CASES), "1600"], check=True, capture_output=True, text=True
    ).stdout
    lines = out.splitlines()
    assert len(lines) == CASES
    for n, line in enumerate(lines):
        fn_s, outlen_s, msg_hex, once_hex, incr_hex = line.split(" ")
        fn, outlen = int(fn_s), int(outlen_s)
        want = _expected(fn, bytes.fromhex(msg_hex), outlen)
        assert bytes.fromhex(once_hex) == want, (n, fn, len(msg_hex) // 2, outlen, "one-shot")
        assert bytes.fromhex(incr_hex) == want, (n, fn, len(msg_hex) // 2, outlen, "incremental")

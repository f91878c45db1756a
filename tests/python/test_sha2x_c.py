"""The multi-lane SHA-256 and SHA-512 of vendor/common/sha2x.h against hashlib.

tests/c/sha2x_cases.c is compiled here with the real sha2x.c, its kernels (each
with the target flags build.rs gives its file-name suffix) and the scalar SHA-2.
For random batches (a shared first block, then per lane a tail of one common
length; random lane counts and output lengths) it prints what every path this
CPU can run gives: the portable loops, the dispatcher capped at portable and
uncapped, and the AVX2 and SHA-NI kernels called directly. Each line must be
the matching prefix of hashlib's digest of the lane's whole message, and every
path must have answered for every lane.
"""

from __future__ import annotations

import collections
import hashlib
import pathlib
import platform
import subprocess

from .c_build import compiler

REPO = pathlib.Path(__file__).resolve().parents[2]
COMMON = REPO / "vendor" / "common"
CASES = 600
FLAGS = ["-std=c99", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Wvla", "-Werror"]
TARGET_FLAGS = {
    "_avx2.c": ["-mavx2", "-mbmi2", "-mpopcnt"],
    "_shani.c": ["-msha", "-msse4.1"],
}
SOURCES = ["sha2x.c", "sha2.c", "ct.c", "cpu.c"]
# sha2.c dispatches its own SHA-256 blocks to sha2_shani.c, so that joins too.
KERNELS = ["sha256x8_avx2.c", "sha512x4_avx2.c", "sha256x8_shani.c", "sha2_shani.c"]


def _cpu_flags() -> set[str]:
    try:
        text = pathlib.Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def _build(tmp_path: pathlib.Path) -> pathlib.Path:
    cc = compiler()
    include = [f"-I{COMMON}", f"-I{REPO / 'vendor' / 'include'}"]
    objects = []
    x86 = platform.machine() in ("x86_64", "AMD64")
    for name in KERNELS if x86 else []:
        extra = next(f for suffix, f in TARGET_FLAGS.items() if name.endswith(suffix))
        obj = tmp_path / (name + ".o")
        subprocess.run(
            [cc, *FLAGS, *extra, *include, "-c", str(COMMON / name), "-o", str(obj)], check=True
        )
        objects.append(str(obj))
    exe = tmp_path / "sha2x_cases"
    subprocess.run(
        [
            cc,
            *FLAGS,
            *include,
            str(REPO / "tests" / "c" / "sha2x_cases.c"),
            *(str(COMMON / s) for s in SOURCES),
            *objects,
            "-o",
            str(exe),
        ],
        check=True,
    )
    return exe


def test_multilane_sha2_matches_hashlib(tmp_path: pathlib.Path) -> None:
    exe = _build(tmp_path)
    out = subprocess.run(
        [str(exe), str(CASES), "2050"], check=True, capture_output=True, text=True
    ).stdout
    seen: collections.Counter[tuple[str, str]] = collections.Counter()
    for n, line in enumerate(out.splitlines()):
        bits, path, outlen_s, msg_hex, got_hex = line.split(" ")
        msg = bytes.fromhex(msg_hex)
        want = (hashlib.sha256 if bits == "256" else hashlib.sha512)(msg).digest()
        assert bytes.fromhex(got_hex) == want[: int(outlen_s)], (n, bits, path, len(msg))
        seen[(bits, path)] += 1
    paths = {"portable", "dispatch-portable", "dispatch"}
    flags = _cpu_flags()
    if platform.machine() in ("x86_64", "AMD64"):
        if {"avx2", "bmi2", "popcnt"} <= flags:
            paths.add("avx2")
        if "sha_ni" in flags:
            paths.add("shani")
    for bits in ("256", "512"):
        lanes = seen[(bits, "portable")]
        assert lanes > 0
        want_paths = paths if bits == "256" else paths - {"shani"}
        assert {p for b, p in seen if b == bits} == want_paths
        for p in want_paths:
            assert seen[(bits, p)] == lanes, (bits, p)

"""Builds and runs benchmarks/c/hash_bench.c: the shared hash primitives per backend.

The C is compiled as build.rs compiles the library: the units' file lists and
the per-file target flags are read from build.rs (through assurance/ops.py),
so the vector files get their instruction sets and nothing else does. Prints
the driver's lines: the 4-way AVX2 Keccak-f[1600] against four scalar
permutations (ns per permutation), SHA-256 on the SHA extensions against the
portable C (MB/s, and ns per single block), and SLH-DSA-SHA2-128f signing on
each backend (ms). Not a test: the numbers depend on the machine.

Usage: python benchmarks/hash_bench.py [--cc gcc] [--seconds 0.2]
"""

from __future__ import annotations

import argparse
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "assurance"))

import ops  # noqa: E402  (assurance/ops.py: the units and flags of build.rs)

FLAGS = ["-std=c99", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Wvla", "-ffp-contract=off"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--seconds", type=float, default=0.2, help="per timed run")
    args = ap.parse_args()
    units = {u.name: u for u in ops.units()}
    inc = [f"-I{ROOT / 'vendor' / 'include'}", f"-I{ROOT / 'vendor' / 'common'}"]
    with tempfile.TemporaryDirectory() as tmp:
        objs = []
        wanted = [(units["pqf_common"], ()), (units["pqf_slhdsa_sha2_128f"], ())]
        for unit, _ in wanted:
            for src in unit.sources:
                obj = pathlib.Path(tmp) / f"{unit.name}-{src.stem}.o"
                defines = [f"-D{d}" for d in unit.defines]
                cmd = [args.cc, *FLAGS, *defines, *ops.target_flags(src), *inc]
                subprocess.run([*cmd, "-c", str(src), "-o", str(obj)], check=True)
                objs.append(str(obj))
        exe = pathlib.Path(tmp) / "hash_bench"
        bench = ROOT / "benchmarks" / "c" / "hash_bench.c"
        subprocess.run([args.cc, *FLAGS, *inc, str(bench), *objs, "-o", str(exe)], check=True)
        subprocess.run([str(exe), str(args.seconds)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Generated C is what its generator script writes, and each check can fail.

- scripts/gen_keccak.py: the Keccak-f[1600] permutation in vendor/common/keccak.c,
  emitted from the FIPS 202 step mappings (issue 13).
- scripts/gen_sha2x_tables.py: the SHA-256 and SHA-512 round constants of the
  multi-lane SHA-2 kernels (vendor/common/sha2x_k.h), from cube roots of primes.
- scripts/gen_falcon_tables.py: Falcon's constant tables (BaseSampler RCDT, the
  key-generation Gaussian table and Gram-Schmidt bound, the NTRUSolve schedule,
  FFT roots, NTT powers, scalar constants), recomputed from their definitions
  (or pinned, for the schedule) and compared with the committed C.

A hand edit of generated C, or a change of a script without rerunning it, fails
here; so does one altered value (the second half of each pair of tests).
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts"
KECCAK_C = REPO / "vendor" / "common" / "keccak.c"
SHA2X_K = REPO / "vendor" / "common" / "sha2x_k.h"
FALCON = REPO / "vendor" / "falcon"


def run_check(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Runs `scripts/<script> --check ARGS`."""
    return subprocess.run(
        [sys.executable, str(SCRIPTS / script), "--check", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_keccak_permutation_is_generated() -> None:
    r = run_check("gen_keccak.py", "--file", str(KECCAK_C))
    assert r.returncode == 0, r.stderr


def test_keccak_check_catches_one_changed_character(tmp_path: pathlib.Path) -> None:
    """One rotation amount changed by a digit fails the check."""
    text = KECCAK_C.read_text()
    needle = "ROTL64(c1, 1)"
    assert needle in text
    edited = tmp_path / "keccak.c"
    edited.write_text(text.replace(needle, "ROTL64(c1, 2)", 1))
    r = run_check("gen_keccak.py", "--file", str(edited))
    assert r.returncode == 1
    assert "differs" in r.stderr


def test_sha2x_constants_are_generated() -> None:
    r = run_check("gen_sha2x_tables.py", "--file", str(SHA2X_K))
    assert r.returncode == 0, r.stderr


def test_sha2x_check_catches_one_changed_constant(tmp_path: pathlib.Path) -> None:
    """One unit in the last SHA-512 constant fails the check."""
    text = SHA2X_K.read_text()
    needle = "0x6C44198C4A475817ull"
    assert text.count(needle) == 1
    edited = tmp_path / "sha2x_k.h"
    edited.write_text(text.replace(needle, "0x6C44198C4A475818ull"))
    r = run_check("gen_sha2x_tables.py", "--file", str(edited))
    assert r.returncode == 1
    assert "differs" in r.stderr


def test_falcon_tables_match_their_definitions() -> None:
    r = run_check("gen_falcon_tables.py", "--vendor", str(FALCON))
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize(
    ("file", "old", "new", "what"),
    [
        # one unit in the low word of an RCDT entry
        (
            "sampler.c",
            "{0x00u, 0x00000000000000C6u}",
            "{0x00u, 0x00000000000000C7u}",
            "half_gauss_tail",
        ),
        # one unit in an entry of the key-generation table T
        ("keygen.c", "1227179971273316331u", "1227179971273316332u", "kg_tab"),
        # the Gram-Schmidt bound 1.17^2 q of key generation
        ("keygen.c", "16822.4121;", "16822.4122;", "1.17^2 q"),
        # schedule entries: a spread e_d, a lifted size H_d
        ("ntru.c", "{1577, 8, 53, 157}", "{1577, 9, 53, 157}", "ntru_sched"),
        ("ntru.c", "{794, 5, 27, 78}", "{794, 5, 27, 79}", "ntru_sched"),
        # one ulp of an FFT root
        (
            "fft.c",
            "{0x1.d906bcf328d46p-1, 0x1.87de2a6aea963p-2}",
            "{0x1.d906bcf328d47p-1, 0x1.87de2a6aea963p-2}",
            "fft_roots",
        ),
    ],
)
def test_falcon_check_fails_on_an_altered_table(
    tmp_path: pathlib.Path, file: str, old: str, new: str, what: str
) -> None:
    vendor = tmp_path / "falcon"
    shutil.copytree(FALCON, vendor)
    src = (vendor / file).read_text()
    assert src.count(old) == 1, f"{old!r} not found once in {file}"
    (vendor / file).write_text(src.replace(old, new))
    r = run_check("gen_falcon_tables.py", "--vendor", str(vendor))
    assert r.returncode == 1
    assert what in r.stdout

"""Generated C is what its generator script writes, and each check can fail.

- scripts/gen_keccak.py: the Keccak-f[1600] permutation in vendor/common/keccak.c,
  emitted from the FIPS 202 step mappings (issue 13).
- scripts/gen_mldsa_tables.py: the ML-DSA AVX2 backend's tables (twiddles and
  their Montgomery companions, per-lane twiddles, NTT^-1 scaling, Decompose
  constants, the compaction table), and the twiddles typed into the portable
  vendor/mldsa/ntt.c, all from zeta = 1753 and q.
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
FALCON = REPO / "vendor" / "falcon"
MLDSA = REPO / "vendor" / "mldsa"


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


def test_mldsa_tables_match_their_definitions() -> None:
    r = run_check("gen_mldsa_tables.py", "--vendor", str(MLDSA))
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize(
    ("file", "old", "new", "what"),
    [
        # one twiddle of the vector tables
        ("tables_avx2.c", "2091667, 3407706,", "2091668, 3407706,", "tables_avx2.c differs"),
        # a Decompose multiplier
        (
            "tables_avx2.h",
            "#define PQF_MLDSA_AVX2_DEC_MUL 2819",
            "#define PQF_MLDSA_AVX2_DEC_MUL 2818",
            "tables_avx2.h differs",
        ),
        # one twiddle typed into the portable NTT
        ("ntt.c", "-3343383, 264944,", "-3343383, 264945,", "zetas differ"),
        # the portable NTT^-1 scaling
        (
            "ntt.c",
            "#define PQF_MLDSA_INVNTT_SCALE 41978",
            "#define PQF_MLDSA_INVNTT_SCALE 41979",
            "PQF_MLDSA_INVNTT_SCALE",
        ),
    ],
)
def test_mldsa_check_fails_on_an_altered_table(
    tmp_path: pathlib.Path, file: str, old: str, new: str, what: str
) -> None:
    vendor = tmp_path / "mldsa"
    shutil.copytree(MLDSA, vendor)
    src = (vendor / file).read_text()
    assert src.count(old) == 1, f"{old!r} not found once in {file}"
    (vendor / file).write_text(src.replace(old, new))
    r = run_check("gen_mldsa_tables.py", "--vendor", str(vendor))
    assert r.returncode == 1
    assert what in r.stderr

"""Generated C is what its generator script writes, and each check can fail.

- scripts/gen_keccak.py: the Keccak-f[1600] permutation in vendor/common/keccak.c,
  emitted from the FIPS 202 step mappings (issue 13), and the 4-way AVX2 one in
  vendor/common/keccakx4_avx2.c from the same model (issue 16).
- scripts/gen_sha2.py: the SHA-2 round constants and initial hash values in
  vendor/common/sha2.c, from the roots of primes and the SHA-512/t IV function.
- scripts/gen_falcon_tables.py: Falcon's constant tables (BaseSampler RCDT, the
  key-generation Gaussian table and Gram-Schmidt bound, the NTRUSolve schedule,
  FFT roots, NTT powers, scalar constants), recomputed from their definitions
  (or pinned, for the schedule) and compared with the committed C.
- scripts/gen_sha2x_tables.py: the SHA-256 and SHA-512 round constants of the
  multi-lane SHA-2 kernels (vendor/common/sha2x_k.h), from cube roots of primes.
- scripts/gen_mldsa_tables.py: the ML-DSA AVX2 backend's tables (twiddles and
  their Montgomery companions, per-lane twiddles, NTT^-1 scaling, Decompose
  constants, the compaction table), and the twiddles typed into the portable
  vendor/mldsa/ntt.c, all from zeta = 1753 and q.
- scripts/gen_mlkem_tables.py: the ML-KEM AVX2 constants (vendor/mlkem/consts_avx2.h)
  from FIPS 203 and the vector layout, and the portable NTT tables of ntt.c.

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
KECCAKX4_C = REPO / "vendor" / "common" / "keccakx4_avx2.c"
SHA2_C = REPO / "vendor" / "common" / "sha2.c"
MLDSA = REPO / "vendor" / "mldsa"
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
    r = run_check("gen_keccak.py", "--file", str(KECCAK_C), "--x4-file", str(KECCAKX4_C))
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


def test_keccak_x4_check_catches_one_changed_rotation(tmp_path: pathlib.Path) -> None:
    """One rho offset of the AVX2 permutation changed fails the check."""
    text = KECCAKX4_C.read_text()
    needle = "X4_ROTL(X4_XOR(s11, d1), 44)"
    assert needle in text
    edited = tmp_path / "keccakx4_avx2.c"
    edited.write_text(text.replace(needle, "X4_ROTL(X4_XOR(s11, d1), 45)", 1))
    r = run_check("gen_keccak.py", "--file", str(KECCAK_C), "--x4-file", str(edited))
    assert r.returncode == 1
    assert "keccakx4_avx2.c differs" in r.stderr


def test_sha2_constants_are_generated() -> None:
    r = run_check("gen_sha2.py", "--file", str(SHA2_C))
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("0xC67178F2UL", "0xC67178F3UL"),  # the last K256 word
        ("0x5BE0CD19UL", "0x5BE0CD18UL"),  # the last SHA-256 H(0) word
        ("0x0EB72DDC81C52CA2ULL", "0x0EB72DDC81C52CA3ULL"),  # SHA-512/256 H(0)
    ],
)
def test_sha2_check_catches_one_changed_constant(
    tmp_path: pathlib.Path, old: str, new: str
) -> None:
    text = SHA2_C.read_text()
    assert text.count(old) == 1, old
    edited = tmp_path / "sha2.c"
    edited.write_text(text.replace(old, new))
    r = run_check("gen_sha2.py", "--file", str(edited))
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


MLKEM = REPO / "vendor" / "mlkem"


def test_mlkem_avx2_constants_are_generated() -> None:
    """vendor/mlkem/consts_avx2.h and the portable tables of ntt.c."""
    r = run_check("gen_mlkem_tables.py")
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize(
    ("file", "old", "new", "what"),
    [
        # one twiddle of the AVX2 table (the first of pqf_mlkem_avx2_zetas)
        ("consts_avx2.h", "    -1044,   -758,", "    -1045,   -758,", "consts_avx2.h differs"),
        # one entry of the rejection-sampling compaction table
        ("consts_avx2.h", "{2, 3, 128, 128,", "{2, 3, 128, 129,", "consts_avx2.h differs"),
        # one twiddle of the portable NTT
        ("ntt.c", "-1044, -758,", "-1044, -757,", "pqf_mlkem_zetas_mont"),
        # the scaling of the portable inverse NTT
        ("ntt.c", "PQF_MLKEM_INV128_R2 1441", "PQF_MLKEM_INV128_R2 1442", "INV128_R2"),
    ],
)
def test_mlkem_check_fails_on_an_altered_table(
    tmp_path: pathlib.Path, file: str, old: str, new: str, what: str
) -> None:
    header, ntt = tmp_path / "consts_avx2.h", tmp_path / "ntt.c"
    shutil.copy(MLKEM / "consts_avx2.h", header)
    shutil.copy(MLKEM / "ntt.c", ntt)
    target = tmp_path / file
    src = target.read_text()
    assert src.count(old) == 1, f"{old!r} not found once in {file}"
    target.write_text(src.replace(old, new))
    r = run_check("gen_mlkem_tables.py", "--file", str(header), "--ntt", str(ntt))
    assert r.returncode == 1
    assert what in r.stderr


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

"""Falcon's constant tables against their definitions: scripts/gen_falcon_tables.py
--check recomputes every table a definition determines (BaseSampler RCDT, the
key-generation Gaussian table, FFT roots, NTT powers, scalar constants) and
compares them with the committed C; it must also fail when a committed value
is altered (issue 13)."""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("mpmath")

REPO = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "gen_falcon_tables.py"
VENDOR = REPO / "vendor" / "falcon"


def run_check(vendor: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--vendor", str(vendor)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_committed_tables_match_their_definitions() -> None:
    r = run_check(VENDOR)
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
def test_check_fails_on_an_altered_table(
    tmp_path: pathlib.Path, file: str, old: str, new: str, what: str
) -> None:
    vendor = tmp_path / "falcon"
    shutil.copytree(VENDOR, vendor)
    src = (vendor / file).read_text()
    assert src.count(old) == 1, f"{old!r} not found once in {file}"
    (vendor / file).write_text(src.replace(old, new))
    r = run_check(vendor)
    assert r.returncode == 1
    assert what in r.stdout

"""Generated C tables and code are what their generator scripts write.

vendor/common/keccak.c holds a permutation emitted by scripts/gen_keccak.py from
the FIPS 202 step mappings; a hand edit of the generated part, or a change of the
script without rerunning it, fails here.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
GEN_KECCAK = REPO / "scripts" / "gen_keccak.py"
KECCAK_C = REPO / "vendor" / "common" / "keccak.c"


def _check(path: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(GEN_KECCAK), "--check", "--file", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_keccak_permutation_is_generated() -> None:
    result = _check(KECCAK_C)
    assert result.returncode == 0, result.stderr


def test_keccak_check_catches_one_changed_character(tmp_path: pathlib.Path) -> None:
    """The check is not vacuous: one rotation amount changed by a digit fails it."""
    text = KECCAK_C.read_text()
    needle = "ROTL64(c1, 1)"
    assert needle in text
    edited = tmp_path / "keccak.c"
    edited.write_text(text.replace(needle, "ROTL64(c1, 2)", 1))
    result = _check(edited)
    assert result.returncode == 1
    assert "differs" in result.stderr

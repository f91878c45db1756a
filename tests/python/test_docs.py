"""The documentation site's examples run as written (docs/, mkdocs.yml).

Every ```python block of every page under docs/ is a test, run in a fresh
namespace in a temporary working directory. A block that cannot run yet says so
on the line just above its fence, and is skipped with that reason:

    <!-- docs-test: requires pqfence.hpke -->   runs once the module imports
    <!-- docs-test: skip REASON -->             never runs (shown for reading)

The Rust blocks are doctests (rust/lib.rs includes the pages that have some).
The size tables and the API pages come from scripts/docs_hooks.py, tested here
against the built module's catalogue.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import pathlib
import re
import sys
import textwrap
from types import ModuleType

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>```+)(?P<info>[^\n`]*)\n", re.M)
MARKER = re.compile(r"^[ \t]*<!-- docs-test: (?P<verb>\w+) (?P<arg>[^>]*?) -->[ \t]*$")
VERBS = {"requires", "skip"}


@dataclasses.dataclass
class Block:
    page: pathlib.Path
    line: int
    lang: str
    code: str
    marker: tuple[str, str] | None

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(DOCS)}:{self.line}"


def blocks(page: pathlib.Path) -> list[Block]:
    """Every fenced code block of a page (any indentation: tabs, admonitions)."""
    text = page.read_text()
    found: list[Block] = []
    pos = 0
    while (m := FENCE.search(text, pos)) is not None:
        indent, ticks = m.group("indent"), m.group("ticks")
        close = re.compile(rf"^{re.escape(indent)}{ticks}[ \t]*$", re.M)
        end = close.search(text, m.end())
        if end is None:
            raise AssertionError(f"{page}: unclosed code fence at offset {m.start()}")
        body = textwrap.dedent(text[m.end() : end.start()])
        line = text.count("\n", 0, m.start()) + 1
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        mm = MARKER.match(before)
        marker = (mm.group("verb"), mm.group("arg")) if mm else None
        lang = m.group("info").strip().split(" ")[0]
        found.append(Block(page, line, lang, body, marker))
        pos = end.end()
    return found


ALL_BLOCKS = [b for page in PAGES for b in blocks(page)]
PYTHON_BLOCKS = [b for b in ALL_BLOCKS if b.lang == "python"]


def test_the_docs_have_python_examples() -> None:
    assert len(PYTHON_BLOCKS) >= 10, [b.id for b in PYTHON_BLOCKS]


def test_every_fence_names_its_language() -> None:
    # rustdoc runs the pages with Rust examples as doctests: a fence without a
    # language would be compiled as Rust.
    unnamed = [b.id for b in ALL_BLOCKS if not b.lang]
    assert not unnamed, f"code fences without a language: {unnamed}"


def test_markers_are_well_formed() -> None:
    bad = []
    for page in PAGES:
        for n, line in enumerate(page.read_text().splitlines(), 1):
            if "docs-test:" in line:
                m = MARKER.match(line)
                if m is None or m.group("verb") not in VERBS or not m.group("arg"):
                    bad.append(f"{page.relative_to(DOCS)}:{n}: {line.strip()}")
    assert not bad, bad


@pytest.mark.parametrize("block", PYTHON_BLOCKS, ids=lambda b: b.id)
def test_python_example_runs(
    block: Block, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if block.marker is not None:
        verb, arg = block.marker
        if verb == "skip":
            pytest.skip(f"marked not runnable: {arg}")
        if verb == "requires" and importlib.util.find_spec(arg) is None:
            pytest.skip(f"needs {arg}, not importable here")
    monkeypatch.chdir(tmp_path)
    exec(compile(block.code, str(block.page), "exec"), {"__name__": "__docs__"})


# --- scripts/docs_hooks.py ------------------------------------------------------


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "scripts/docs_hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("docs_hooks", module)
    spec.loader.exec_module(module)
    return module


def test_every_algorithm_has_a_security_category() -> None:
    import pqfence

    hooks = _hooks()
    for info in pqfence.algorithms():
        assert hooks.nist_category(info.name) in (1, 2, 3, 4, 5)
    with pytest.raises(ValueError, match="no NIST security category"):
        hooks.nist_category("ML-KEM-999")


def test_size_tables_list_every_algorithm_with_its_sizes() -> None:
    import pqfence

    hooks = _hooks()
    tables = {kind: hooks.size_table(kind) for kind in ("kem", "signature")}
    for info in pqfence.algorithms():
        row = next(
            (r for r in tables[info.kind].splitlines() if r.startswith(f"| {info.name} |")),
            None,
        )
        assert row is not None, info.name
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[3] == f"{info.public_key_bytes:,}"
        assert f"{info.private_key_bytes:,}" == cells[-1]
        assert f"{info.seed_bytes:,}" == cells[-2]
        size = info.ciphertext_bytes if info.kind == "kem" else info.signature_bytes
        assert cells[4] == f"{size:,}"
    with pytest.raises(ValueError, match="no algorithm of kind"):
        hooks.size_table("cipher")


def test_every_public_module_gets_an_api_page() -> None:
    hooks = _hooks()
    modules = hooks.public_modules()
    assert modules[0] == "pqfence"
    for name in ("mlkem", "mldsa", "slhdsa", "falcon", "serialization", "exceptions"):
        assert f"pqfence.{name}" in modules
    assert all(importlib.util.find_spec(m) is not None for m in modules)

"""Shared by the tests that compile the C themselves (test_*_c.py): the C
compiler, build.rs's per-file target flags, and assurance/ops.py (whose
registry lists every compile unit and entry point)."""

from __future__ import annotations

import importlib.util
import os
import pathlib
import re
import shutil
import sys
from types import ModuleType

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


def compiler() -> str:
    """$CC, else cc, else gcc; a skip when there is none."""
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler")
    return cc


def target_flags(src: pathlib.Path) -> list[str]:
    """The flags build.rs's TARGET_FLAGS gives a vector file (by suffix)."""
    text = (REPO / "build.rs").read_text()
    m = re.search(r"const TARGET_FLAGS: &\[\(&str, &\[&str\]\)\] = &\[(.*?)\n\];", text, re.S)
    assert m, "build.rs: TARGET_FLAGS not found"
    for row in re.finditer(r'\("([^"]+)", &\[([^\]]*)\]\)', m.group(1)):
        if src.name.endswith(row.group(1)):
            return re.findall(r'"([^"]+)"', row.group(2))
    return []


def assurance_ops() -> ModuleType:
    """assurance/ops.py, loaded as a module."""
    spec = importlib.util.spec_from_file_location("assurance_ops", REPO / "assurance/ops.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module

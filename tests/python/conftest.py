"""Shared fixtures: the official vectors are read in place from ../shared/vectors."""

from __future__ import annotations

import json
import os
import pathlib
from collections.abc import Iterator
from typing import Any

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="run the slow conformance tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow conformance test: run `make conformance`")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def vectors_dir() -> pathlib.Path:
    """The vectors folder, or a skip (a failure when PQFENCE_REQUIRE_VECTORS=1)."""
    d = pathlib.Path(os.environ.get("PQFENCE_VECTORS", REPO.parent / "shared" / "vectors"))
    if d.is_dir():
        return d
    if os.environ.get("PQFENCE_REQUIRE_VECTORS") == "1":
        pytest.fail(f"test vectors required but not found at {d}")
    pytest.skip(f"test vectors not found at {d} (set PQFENCE_VECTORS)")


@pytest.fixture(scope="session")
def vectors() -> pathlib.Path:
    return vectors_dir()


def read_rsp(path: pathlib.Path) -> list[dict[str, str]]:
    """Records of a NIST .rsp file as dicts of hex strings."""
    records: list[dict[str, str]] = []
    cur: dict[str, str] = {}
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if cur:
                records.append(cur)
                cur = {}
            continue
        if " = " in line:
            k, v = line.split(" = ", 1)
            if k == "count" and cur:
                records.append(cur)
                cur = {}
            cur[k] = v
    if cur:
        records.append(cur)
    return records


def acvp_cases(d: pathlib.Path) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(group, test) pairs of an ACVP folder, prompt merged with expected results."""
    proj = d / "internalProjection.json"
    if (d / "prompt.json").exists():
        prompt = json.loads((d / "prompt.json").read_text())
        expected = json.loads((d / "expectedResults.json").read_text())
    else:
        prompt, expected = json.loads(proj.read_text()), {"testGroups": []}
    by_id = {t["tcId"]: t for g in expected["testGroups"] for t in g["tests"]}
    for g in prompt["testGroups"]:
        for t in g["tests"]:
            yield g, {**t, **by_id.get(t["tcId"], {})}

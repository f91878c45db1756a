"""MkDocs hooks for the documentation site (mkdocs.yml, ``hooks:``).

- Size tables: a line ``<!-- pqfence:sizes kem -->`` (or ``signature``) in a page
  becomes a table of every parameter set of that kind, read from the built
  module's catalogue (``pqfence._native.ALGORITHMS``, one record per row of
  rust/algorithms.rs), so the numbers cannot drift from the code. The NIST
  security category comes from :func:`nist_category`, which refuses a name it
  does not know: a new parameter set fails the build until it is given one.
- API reference: one generated page ``api/<module>.md`` per public module of
  python/pqfence (``::: pqfence.<module>``), appended to the nav's last section,
  so a new module (``pqfence.hpke``, ...) gets its page without editing this site.
- ``cli.md``: the ``pqfence`` command's page is written beside its code; until it
  exists a short page saying so stands in, so links to it stay valid.
- Rust API: when ``cargo doc --no-deps`` output exists (``make docs-rust``), it is
  copied into the site under ``rustdoc/`` (``rust/`` is the page docs/rust.md).
"""

from __future__ import annotations

import pathlib
import re
import shutil
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
PKG = ROOT / "python" / "pqfence"
CARGO_DOC = ROOT / "target" / "doc"
NOT_API = {"cli"}  # the command's module: its page is cli.md

SIZES_MARK = re.compile(r"^<!-- pqfence:sizes (kem|signature) -->$", re.M)


# Security categories from the standards' parameter tables: FIPS 203 Table 2,
# FIPS 204 Table 1, FIPS 205 Table 2, and the Falcon specification (v1.2,
# section 2.6): the claimed category of each parameter set.
_CATEGORY_RULES: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"^ML-KEM-512$"), 1),
    (re.compile(r"^ML-KEM-768$"), 3),
    (re.compile(r"^ML-KEM-1024$"), 5),
    (re.compile(r"^ML-DSA-44$"), 2),
    (re.compile(r"^ML-DSA-65$"), 3),
    (re.compile(r"^ML-DSA-87$"), 5),
    (re.compile(r"^SLH-DSA-(SHA2|SHAKE)-128[sf]$"), 1),
    (re.compile(r"^SLH-DSA-(SHA2|SHAKE)-192[sf]$"), 3),
    (re.compile(r"^SLH-DSA-(SHA2|SHAKE)-256[sf]$"), 5),
    (re.compile(r"^Falcon-(padded-)?512$"), 1),
    (re.compile(r"^Falcon-(padded-)?1024$"), 5),
    # Hybrids (X-Wing, MLKEM768-P256, MLKEM1024-P384, composite ML-KEM): the
    # post-quantum category is that of their ML-KEM half.
    (re.compile(r"^(id-)?MLKEM768-"), 3),
    (re.compile(r"^(id-)?MLKEM1024-"), 5),
    # Composite ML-DSA: likewise, the category of its ML-DSA half.
    (re.compile(r"^MLDSA44-"), 2),
    (re.compile(r"^MLDSA65-"), 3),
    (re.compile(r"^MLDSA87-"), 5),
]


def nist_category(name: str) -> int:
    """The NIST security category a standard claims for parameter set ``name``."""
    for pattern, category in _CATEGORY_RULES:
        if pattern.match(name):
            return category
    raise ValueError(f"no NIST security category known for {name!r}: add it to docs_hooks.py")


def _records() -> list[dict[str, Any]]:
    from pqfence import _native  # the built extension (make develop)

    return [dict(r) for r in _native.ALGORITHMS]


_COLUMNS = {
    "kem": [
        ("public key", "public_key_bytes"),
        ("ciphertext", "ciphertext_bytes"),
        ("shared secret", "shared_secret_bytes"),
        ("private key (seed)", "seed_bytes"),
        ("private key (expanded)", "private_key_bytes"),
    ],
    "signature": [
        ("public key", "public_key_bytes"),
        ("signature", "signature_bytes"),
        ("private key (seed)", "seed_bytes"),
        ("private key (expanded)", "private_key_bytes"),
    ],
}


def size_table(kind: str, records: list[dict[str, Any]] | None = None) -> str:
    """A Markdown table of every parameter set of ``kind`` ("kem" or "signature")."""
    rows = [r for r in (records if records is not None else _records()) if r["kind"] == kind]
    if not rows:
        raise ValueError(f"no algorithm of kind {kind!r} in the catalogue")
    columns = _COLUMNS[kind]
    head = ["algorithm", "standard", "NIST category"] + [title for title, _ in columns]
    lines = ["| " + " | ".join(head) + " |", "|---|---|---:|" + "---:|" * len(columns)]
    for r in rows:
        cells = [r["name"], r["standard"], str(nist_category(r["name"]))]
        cells += [f"{r[key]:,}" for _, key in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def public_modules() -> list[str]:
    """The package's public modules: ``pqfence`` and each ``pqfence.<name>``."""
    names = sorted(
        p.stem for p in PKG.glob("*.py") if not p.stem.startswith("_") and p.stem not in NOT_API
    )
    return ["pqfence"] + [f"pqfence.{n}" for n in names]


# Rendering options of a module's page, beside mkdocs.yml's defaults.
MODULE_OPTIONS: dict[str, list[str]] = {
    # The package re-exports pqfence.registry and pqfence.exceptions, which have
    # their own pages: only its docstring here.
    "pqfence": ["members: false"],
    # The pre-rename class names (SlhDsaSha2_128sPrivateKey, ...) stay as
    # aliases in the module, not in the reference.
    "pqfence.slhdsa": ['filters: ["!^_", "!^SlhDsa"]'],
}


def _api_page(module: str) -> str:
    # The page's title names the module; its members are the sections.
    options = ["show_root_heading: false", *MODULE_OPTIONS.get(module, [])]
    return f"# `{module}`\n\n::: {module}\n    options:\n" + "".join(
        f"      {o}\n" for o in options
    )


def _api_uri(module: str) -> str:
    return f"api/{module.split('.')[-1]}.md"


# --- MkDocs events ------------------------------------------------------------


def on_config(config: Any) -> Any:
    # The nav's last section is the API reference: a one-key mapping to a list.
    entries = next(iter(config["nav"][-1].values()))
    for module in public_modules():
        entries.append({f"{module}": _api_uri(module)})
    return config


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for module in public_modules():
        files.append(File.generated(config, _api_uri(module), content=_api_page(module)))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if "<!-- pqfence:sizes" not in markdown:
        return markdown
    records = _records()
    return SIZES_MARK.sub(lambda m: size_table(m.group(1), records), markdown)


def on_post_build(config: Any) -> None:
    if (CARGO_DOC / "pqfence" / "index.html").is_file():
        dest = pathlib.Path(config["site_dir"]) / "rustdoc"
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(CARGO_DOC, dest)

"""``pqfence list``: every algorithm with its sizes and what it supports."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pqfence.cli import _hpke
from pqfence.cli._io import EXIT_OK
from pqfence.cli.signing import PREHASHES

__all__ = ["add_parsers", "describe", "run_list"]


def describe() -> list[dict[str, Any]]:
    """One record per algorithm (the ``--json`` output), in the registry's order."""
    from pqfence import _native

    out: list[dict[str, Any]] = []
    for rec in _native.ALGORITHMS:
        name: str = rec["name"]
        family: str = rec["family"]
        d: dict[str, Any] = {
            "name": name,
            "kind": rec["kind"],
            "family": family,
            "standard": rec["standard"],
            "oid": rec["oid"],
            "sizes": {
                "public_key": rec["public_key_bytes"],
                "private_key_seed": rec["seed_bytes"],
                "private_key_expanded": rec["private_key_bytes"],
            },
            "key_files": (
                ["PKCS#8", "SPKI", "PEM", "DER", "encrypted PKCS#8"]
                if rec["pkcs8"]
                else ["pqfence armor"]
            ),
        }
        if rec["kind"] == "kem":
            d["sizes"]["ciphertext"] = rec["ciphertext_bytes"]
            d["sizes"]["shared_secret"] = rec["shared_secret_bytes"]
            caps: dict[str, Any] = {"encapsulate": True, "decapsulate": True}
            try:
                kem = _hpke.kem_for_key(name)
            except _hpke.SuiteError:
                caps["hpke"] = None
            else:
                caps["hpke"] = {
                    "kem_id": kem.kem_id,
                    "kdfs": [k.name for k in _hpke.KDFS.values()],
                    "aeads": [a.name for a in _hpke.AEADS.values()],
                }
            d["capabilities"] = caps
        else:
            d["sizes"]["signature"] = rec["signature_bytes"]
            # Falcon's compressed signatures and a composite's ECDSA half vary.
            variable = (family == "falcon" and "padded" not in name) or (
                family == "composite" and "-ECDSA-" in name
            )
            d["signature_length"] = "variable (maximum)" if variable else "fixed"
            d["capabilities"] = {
                # The RSA composites verify only (RUSTSEC-2023-0071: no RSA signing).
                "sign": not (family == "composite" and "-RSA" in name),
                "verify": True,
                "context": family != "falcon",
                # A composite pre-hashes inside the algorithm (its PH): no pre-hash mode.
                "prehash": [] if family in ("falcon", "composite") else list(PREHASHES),
                "streamed_pure_signing": family == "mldsa",
            }
        out.append(d)
    return out


def _caps_text(d: dict[str, Any]) -> str:
    caps = d["capabilities"]
    if d["kind"] == "kem":
        hpke = caps["hpke"]
        return "encapsulate" + (f", HPKE (KEM 0x{hpke['kem_id']:04x})" if hpke else "")
    parts = ["sign/verify" if caps["sign"] else "verify only"]
    if caps["context"]:
        parts.append("context")
    if caps["prehash"]:
        parts.append("pre-hash")
    if caps["streamed_pure_signing"]:
        parts.append("streamed (external mu)")
    return ", ".join(parts)


def run_list(args: argparse.Namespace) -> int:
    """Prints the table, or the JSON records with ``--json``."""
    records = describe()
    if args.json:
        print(json.dumps(records, indent=2))
        return EXIT_OK
    rows = [
        [
            "algorithm",
            "standard",
            "public",
            "private (seed/expanded)",
            "ct/sig",
            "supports",
            "key files",
        ]
    ]
    for d in records:
        s = d["sizes"]
        out_size = s.get("ciphertext", s.get("signature"))
        rows.append(
            [
                d["name"],
                d["standard"],
                str(s["public_key"]),
                f"{s['private_key_seed']} / {s['private_key_expanded']}",
                f"{out_size}"
                + ("*" if d.get("signature_length", "").startswith("variable") else ""),
                _caps_text(d),
                "PKCS#8/SPKI" if "PKCS#8" in d["key_files"] else "pqfence armor",
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print("\nsizes in bytes; * = maximum (variable-length signatures)")
    print("pre-hash functions: " + ", ".join(PREHASHES))
    print("HPKE KDFs: " + ", ".join(k.name for k in _hpke.KDFS.values()))
    print("HPKE AEADs: " + ", ".join(a.name for a in _hpke.AEADS.values()))
    return EXIT_OK


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Adds ``list``."""
    p = sub.add_parser(
        "list",
        parents=[common],
        help="every algorithm with its sizes and capabilities",
        description="Every algorithm with its sizes (bytes) and what it supports.",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run_list)

"""``pqfence keygen``, ``pqfence pubkey`` and ``pqfence inspect``."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from typing import BinaryIO

from pqfence import registry
from pqfence._native import PrivateKey
from pqfence.cli import stream
from pqfence.cli._io import (
    EXIT_OK,
    SMALL_FILE_LIMIT,
    CLIError,
    Output,
    check_outputs,
    open_input,
)
from pqfence.cli._keyfiles import (
    KeyFile,
    classify,
    encode_private_key,
    encode_public_key,
    fingerprint,
    load_private_key,
    private_key_from,
    public_key_from,
    records,
)
from pqfence.cli._passwords import PASSIN_HELP, read_password
from pqfence.exceptions import PQFenceError

__all__ = ["add_parsers", "run_inspect", "run_keygen", "run_pubkey"]


def _algorithm(name: str) -> str:
    for info in registry.algorithms():
        if info.name.lower() == name.lower():
            return info.name
    known = ", ".join(i.name for i in registry.algorithms())
    raise CLIError(f"unknown algorithm {name!r}; available: {known}")


def run_keygen(args: argparse.Namespace) -> int:
    """``pqfence keygen``."""
    name = _algorithm(args.algorithm)
    if args.passin is not None and not args.encrypt:
        raise CLIError("--passin is only used with --encrypt")
    check_outputs([args.output, args.pub], args.force)
    rec = records()[name]
    if not rec["pkcs8"] and args.form == "both":
        raise CLIError(f"{name} keys have no 'both' form; use --form seed or expanded")
    if not rec["pkcs8"] and (args.der or args.encrypt):
        option = "--der" if args.der else "--encrypt"
        raise CLIError(
            f"{name} has no standard OID, so no PKCS#8: its keys are written as pqfence "
            f"armor, which has no {option} form"
        )
    password = read_password(args.passin, what=args.output, confirm=True) if args.encrypt else None
    try:
        key: PrivateKey = rec["private_key_class"].generate()
    except PQFenceError as e:
        raise CLIError(str(e)) from None
    key_data = encode_private_key(key, der=args.der, form=args.form, password=password)
    pub_data = encode_public_key(key.public_key(), der=args.der) if args.pub else b""
    with Output(args.output, force=args.force, secret=True, binary=args.der) as f:
        if args.pub is not None:
            with Output(args.pub, force=args.force, binary=args.der) as g:
                g.write(pub_data)
        f.write(key_data)
    form = args.form if rec["family"] != "slhdsa" else "full key"
    where = "standard output" if args.output == "-" else args.output
    sys.stderr.write(
        f"{name} private key ({form}{', encrypted' if password else ''}) written to {where}\n"
        f"public key {fingerprint(key.public_key())}"
        + (f" written to {args.pub}\n" if args.pub else "\n")
    )
    return EXIT_OK


def run_pubkey(args: argparse.Namespace) -> int:
    """``pqfence pubkey``: the public key of a private key."""
    check_outputs([args.output], args.force)
    key = load_private_key(args.key, args.passin)
    data = encode_public_key(key.public_key(), der=args.der)
    with Output(args.output, force=args.force, binary=args.der) as f:
        f.write(data)
    return EXIT_OK


# --- inspect ------------------------------------------------------------------


def _print(rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows) + 1
    for k, v in rows:
        print(f"{k + ':':<{width}} {v}")


def _file_size(f: BinaryIO, path: str) -> int | None:
    """The size of a regular file, or ``None`` (a pipe)."""
    if path == "-":
        return None
    try:
        st = os.fstat(f.fileno())
    except (OSError, ValueError):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def _inspect_encrypted_file(path: str, src: BinaryIO, size: int | None) -> list[tuple[str, str]]:
    try:
        header = stream.read_header(src)
    except (stream.FormatError, stream.DecryptionError) as e:
        raise CLIError(f"{path}: {e}") from None
    if size is None:  # a pipe: count what follows
        payload = 0
        while block := src.read(1 << 20):
            payload += len(block)
    else:
        payload = size - header.size
    s = header.suite
    rows = [
        ("file", path),
        ("type", "pqfence encrypted file (pqfence-file-v1)"),
        ("recipient key", f"{s.kem.algorithm} (HPKE KEM 0x{s.kem.kem_id:04x})"),
        ("KDF", f"{s.kdf.name} (0x{s.kdf.kdf_id:04x})"),
        ("AEAD", f"{s.aead.name} (0x{s.aead.aead_id:04x})"),
        ("chunk size", f"{header.chunk_size} bytes"),
        ("header", f"{header.size} bytes (enc {len(header.enc)})"),
    ]
    layout = stream.payload_layout(header, payload)
    if layout is None:
        rows.append(("payload", f"{payload} bytes: not a whole number of chunks (truncated?)"))
    else:
        chunks, plain = layout
        rows.append(("payload", f"{payload} bytes, {chunks} chunk(s), {plain} bytes of plaintext"))
    return rows


def _inspect_key(path: str, kf: KeyFile) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = [("file", path)]
    enc_name = {"PEM": "PEM", "DER": "DER", "armor": "pqfence armor"}[kf.encoding]
    if kf.kind == "encrypted private":
        rows += [
            ("type", f"encrypted private key (PKCS#8 EncryptedPrivateKeyInfo, {enc_name})"),
            ("encrypted", f"yes, {kf.encryption}"),
            ("algorithm", "not visible (inside the encrypted part)"),
            ("encrypted data", f"{kf.key_bytes} bytes"),
        ]
        return rows
    assert kf.algorithm is not None
    rec = records().get(kf.algorithm)
    standard = ""
    if rec is not None:
        standard = f" ({rec['standard']}" + (f", OID {rec['oid']})" if rec["oid"] else ")")
    if kf.kind == "public":
        container = "SubjectPublicKeyInfo" if kf.container != "armor" else "raw"
        rows += [
            ("type", f"public key ({container}, {enc_name})"),
            ("algorithm", kf.algorithm + standard),
            ("public key", f"{kf.key_bytes} bytes"),
        ]
        if rec is not None:
            rows.append(("fingerprint", fingerprint(public_key_from(kf, path, None))))
        return rows
    container = "PKCS#8" if kf.container != "armor" else "raw"
    rows += [
        ("type", f"private key ({container}, {enc_name})"),
        ("encrypted", "no"),
        ("algorithm", kf.algorithm + standard),
    ]
    if rec is not None:
        rows.append(("form", f"{kf.form} ({kf.key_bytes} bytes)"))
        rows += [
            ("public key", f"{rec['public_key_bytes']} bytes"),
            ("fingerprint", fingerprint(private_key_from(kf, path, None).public_key())),
        ]
    return rows


def _signature_lengths(n: int) -> list[str]:
    """The algorithms whose (fixed-length) signatures are ``n`` bytes."""
    return [
        name
        for name, rec in records().items()
        if rec["signature_bytes"] == n and (rec["family"] != "falcon" or "padded" in name)
    ]


class _Prefixed:
    """A stream whose first bytes were already read (to look at the magic)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def read(self, n: int = -1) -> bytes:
        head, self._head = self._head, b""
        if n < 0:
            return head + self._rest.read()
        if len(head) >= n:
            self._head = head[n:]
            return head[:n]
        return head + self._rest.read(n - len(head))


def run_inspect(args: argparse.Namespace) -> int:
    """``pqfence inspect``: what a file is, never its secret bytes."""
    path = args.file
    with open_input(path) as raw:
        head = raw.read(len(stream.MAGIC))
        src = _Prefixed(head, raw)
        if head.startswith(b"pqfence-file-v"):
            size = _file_size(raw, path)
            _print(_inspect_encrypted_file(path, src, size))  # type: ignore[arg-type]
            return EXIT_OK
        data = src.read(SMALL_FILE_LIMIT + 1)
    if len(data) > SMALL_FILE_LIMIT:
        raise CLIError(f"{path}: not a key, a signature or a pqfence encrypted file (too large)")
    try:
        kf = classify(data, path)
    except CLIError:
        if b"-----BEGIN " in data:
            raise
        names = _signature_lengths(len(data))
        if not names:
            raise CLIError(
                f"{path}: not a key, a signature or a pqfence encrypted file ({len(data)} bytes)"
            ) from None
        _print(
            [
                ("file", path),
                ("type", f"unknown binary data, {len(data)} bytes"),
                ("note", "the length of a signature of " + ", ".join(names)),
            ]
        )
        return EXIT_OK
    _print(_inspect_key(path, kf))
    return EXIT_OK


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Adds ``keygen``, ``pubkey`` and ``inspect``."""
    p = sub.add_parser(
        "keygen",
        parents=[common],
        help="generate a key pair",
        description="Generate a private key (PKCS#8, mode 0600) and optionally its public key "
        "(SubjectPublicKeyInfo), PEM or DER. Falcon keys, which have no standard OID, are "
        "written as pqfence armor (docs/cli.md).",
    )
    p.add_argument(
        "-a", "--algorithm", required=True, metavar="ALG", help="e.g. ML-DSA-65 (see pqfence list)"
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="KEY", help="private key file ('-' = stdout)"
    )
    p.add_argument("--pub", metavar="PUB", help="also write the public key here")
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt the private key with a password (PBES2, scrypt)",
    )
    p.add_argument("--passin", metavar="SPEC", help=PASSIN_HELP)
    p.add_argument(
        "--form",
        choices=["seed", "expanded", "both"],
        default="seed",
        help="private key form: the seed (default), the expanded key, or both "
        "(ML-KEM, ML-DSA; SLH-DSA has one form)",
    )
    p.add_argument("--der", action="store_true", help="DER instead of PEM")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(func=run_keygen)

    p = sub.add_parser(
        "pubkey",
        parents=[common],
        help="print the public key of a private key",
        description="Write the public key of the private key KEY (default: standard output).",
    )
    p.add_argument("key", metavar="KEY")
    p.add_argument(
        "-o", "--output", default="-", metavar="PUB", help="output (default '-' = stdout)"
    )
    p.add_argument("--der", action="store_true", help="DER instead of PEM")
    p.add_argument("--passin", metavar="SPEC", help=PASSIN_HELP)
    p.add_argument("--force", action="store_true", help="overwrite PUB if it exists")
    p.set_defaults(func=run_pubkey)

    p = sub.add_parser(
        "inspect",
        parents=[common],
        help="describe a key or encrypted file (never its secrets)",
        description="Say what FILE is: the algorithm and form of a key, whether it is "
        "encrypted, the sizes; the suite and layout of an encrypted file. Never prints secret "
        "bytes, and never asks for a password (an encrypted key shows what is visible).",
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=run_inspect)

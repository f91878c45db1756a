"""``pqfence encrypt`` and ``pqfence decrypt``: files of any size to a KEM key.

The format is :mod:`pqfence.cli.stream` (specified in docs/cli.md). The
output is written to a temporary file and renamed only once every chunk has
been authenticated, so a truncated, reordered or modified file leaves nothing
behind. With ``-o -`` the chunks go to standard output as they are
authenticated, and a failure is reported (exit 1) after the chunks before it.
"""

from __future__ import annotations

import argparse

from pqfence._native import KEMPrivateKey, KEMPublicKey
from pqfence.cli import _hpke, stream
from pqfence.cli._io import (
    EXIT_OK,
    CheckFailed,
    CLIError,
    Output,
    check_inputs,
    check_outputs,
    open_input,
)
from pqfence.cli._keyfiles import algorithm_of, load_private_key, load_public_key
from pqfence.cli._passwords import PASSIN_HELP

__all__ = ["add_parsers", "run_decrypt", "run_encrypt"]


def run_encrypt(args: argparse.Namespace) -> int:
    """``pqfence encrypt``."""
    check_inputs([args.recipient, args.file])
    check_outputs([args.output], args.force)
    key = load_public_key(args.recipient, args.passin)
    if not isinstance(key, KEMPublicKey):
        raise CLIError(
            f"{args.recipient} is an {algorithm_of(key)} key; encryption needs a KEM key"
        )
    try:
        suite = _hpke.parse_suite(_hpke.kem_for_key(algorithm_of(key)), args.suite)
    except _hpke.SuiteError as e:
        raise CLIError(str(e)) from None
    with open_input(args.file) as src, Output(args.output, force=args.force) as dst:
        stream.encrypt(src, dst, key, suite)
    return EXIT_OK


def run_decrypt(args: argparse.Namespace) -> int:
    """``pqfence decrypt``: exit 1 when the file fails authentication."""
    check_inputs([args.key, args.file])
    check_outputs([args.output], args.force)
    key = load_private_key(args.key, args.passin)
    if not isinstance(key, KEMPrivateKey):
        raise CLIError(f"{args.key} is an {algorithm_of(key)} key; decryption needs a KEM key")
    with open_input(args.file) as src, Output(args.output, force=args.force, secret=True) as dst:
        try:
            stream.decrypt(src, dst, key)
        except stream.DecryptionError as e:
            raise CheckFailed(str(e)) from None
        except stream.FormatError as e:
            raise CLIError(str(e)) from None
    return EXIT_OK


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Adds ``encrypt`` and ``decrypt``."""
    p = sub.add_parser(
        "encrypt",
        parents=[common],
        help="encrypt a file to a KEM public key (HPKE)",
        description="Encrypt FILE ('-' = standard input) to the KEM public key KEY with HPKE "
        "(base mode) and the chunked pqfence-file-v1 format (docs/cli.md).",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "-r", "--recipient", required=True, metavar="KEY", help="recipient's public key file"
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output ('-' = stdout)")
    p.add_argument(
        "--suite",
        metavar="KDF,AEAD",
        help=f"HPKE KDF and AEAD (default {_hpke.DEFAULT_KDF},{_hpke.DEFAULT_AEAD}); "
        "see pqfence list",
    )
    p.add_argument(
        "--passin", metavar="SPEC", help="password source if KEY is an encrypted private key"
    )
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.set_defaults(func=run_encrypt)

    p = sub.add_parser(
        "decrypt",
        parents=[common],
        help="decrypt a file (exit 1 if it fails authentication)",
        description="Decrypt FILE ('-' = standard input) with the KEM private key KEY. A "
        "truncated, reordered or modified file is refused (exit 1) and nothing is written.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("-k", "--key", required=True, metavar="KEY", help="private key file")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output ('-' = stdout)")
    p.add_argument("--passin", metavar="SPEC", help=PASSIN_HELP)
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.set_defaults(func=run_decrypt)

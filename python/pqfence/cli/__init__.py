"""The ``pqfence`` command: keys, signatures and file encryption from a shell.

::

    pqfence list [--json]
    pqfence keygen -a ALG -o key.pem [--pub pub.pem] [--encrypt] [--form seed|expanded|both] [--der]
    pqfence pubkey key.pem [-o pub.pem] [--der]
    pqfence inspect FILE
    pqfence sign -k key.pem [--context C] [--prehash HASH] FILE -o FILE.sig
    pqfence verify -p pub.pem -s FILE.sig [--context C] [--prehash HASH] FILE
    pqfence encrypt -r pub.pem [--suite KDF,AEAD] FILE -o FILE.pqf
    pqfence decrypt -k key.pem FILE.pqf -o FILE
    pqfence bench [-a ALG ...] [--runs N]

One module per command group (:mod:`.algorithms`, :mod:`.keys`,
:mod:`.signing`, :mod:`.encryption`, :mod:`.bench`); the encrypted-file
format is :mod:`.stream`. The full reference, exit codes and formats are in
docs/cli.md.

Exit codes: 0 success; 1 a signature that does not verify or an encrypted
file that fails authentication; 2 any other error (usage, files, keys,
passwords); 3 an internal error (a bug); 130 interrupted; 141 the output
pipe was closed early.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

import pqfence
from pqfence.cli import algorithms, bench, encryption, keys, signing
from pqfence.cli._io import EXIT_USAGE, CLIError
from pqfence.exceptions import PQFenceError

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "build_parser", "main", "run"]

EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2) instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    """The ``pqfence`` argument parser with every subcommand."""
    parser = _Parser(
        prog="pqfence",
        description="Post-quantum keys, signatures and file encryption (ML-KEM, ML-DSA, "
        "SLH-DSA, Falcon). '-' means standard input or output.",
        epilog="exit codes: 0 success; 1 bad signature or failed decryption; 2 usage or "
        "other error; 3 internal error. Reference: docs/cli.md.",
    )
    parser.add_argument("--version", action="version", version=f"pqfence {pqfence.__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show tracebacks on errors (for bug reports)"
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (algorithms, keys, signing, encryption, bench):
        module.add_parsers(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = bool(getattr(args, "debug", False))
    try:
        code: int = args.func(args)
        return code
    except CLIError as e:
        if debug:
            traceback.print_exc()
        sys.stderr.write(f"pqfence {args.command}: error: {e}\n")
        return e.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("pqfence: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (`pqfence list | head`): stop quietly,
        # with the shell's code for SIGPIPE.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except PQFenceError as e:
        # A library error a command did not translate: still the user's input.
        if debug:
            traceback.print_exc()
        sys.stderr.write(f"pqfence {args.command}: error: {e}\n")
        return EXIT_USAGE
    except Exception as e:
        if debug:
            traceback.print_exc()
        sys.stderr.write(
            f"pqfence {args.command}: internal error: {type(e).__name__}: {e} "
            "(run with --debug and report it)\n"
        )
        return EXIT_INTERNAL


def run() -> None:
    """The console script's entry point."""
    raise SystemExit(main())

"""Passwords: from a prompt without echo, an environment variable or a file.

Never from the command line, where other users can read them (``ps``) and
shells keep them (history). ``--passin`` takes:

- ``env:VAR``: the value of the environment variable ``VAR``;
- ``file:PATH``: the first line of the file ``PATH`` (without its line end);
- nothing: a prompt on the controlling terminal (``/dev/tty``), without echo.
  Without a terminal (a pipe, a cron job) this is an error rather than a
  silent read of standard input.
"""

from __future__ import annotations

import getpass
import os

from pqfence.cli._io import CLIError

__all__ = ["PASSIN_HELP", "read_password"]

PASSIN_HELP = "password source: env:VAR or file:PATH (default: prompt on the terminal)"

# pqfence.serialization's limit (as pyca/cryptography's).
_MAX_PASSWORD = 1023


def _from_spec(spec: str) -> bytes:
    kind, sep, value = spec.partition(":")
    if not sep or not value or kind not in ("env", "file"):
        raise CLIError(f"--passin takes env:VAR or file:PATH, not {spec.split(':')[0]!r}...")
    if kind == "env":
        if value not in os.environ:
            raise CLIError(f"--passin env:{value}: the variable is not set")
        return os.environ[value].encode()
    try:
        with open(value, "rb") as f:
            line = f.readline(_MAX_PASSWORD + 2)
    except OSError as e:
        raise CLIError(f"--passin file:{value}: {e.strerror or e}") from None
    return line.rstrip(b"\r\n")


def _has_terminal() -> bool:
    try:
        fd = os.open("/dev/tty", os.O_RDWR | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    os.close(fd)
    return True


def _prompt(text: str) -> bytes:
    try:
        return getpass.getpass(text).encode()
    except EOFError:
        raise CLIError("no password given") from None


def read_password(spec: str | None, *, what: str, confirm: bool = False) -> bytes:
    """The password for ``what`` (e.g. ``"key.pem"``) from ``spec`` or a prompt.

    ``confirm`` asks twice at a prompt (when a new password is chosen).
    """
    if spec is not None:
        password = _from_spec(spec)
    else:
        if not _has_terminal():
            raise CLIError(
                "a password is needed but there is no terminal to ask it on "
                "(use --passin env:VAR or --passin file:PATH)"
            )
        password = _prompt(f"Password for {what}: ")
        if confirm and password and _prompt(f"Confirm password for {what}: ") != password:
            raise CLIError("the passwords do not match")
    if not password:
        raise CLIError("empty password")
    if len(password) > _MAX_PASSWORD:
        raise CLIError(f"password longer than {_MAX_PASSWORD} bytes")
    return password

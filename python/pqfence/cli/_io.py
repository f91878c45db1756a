"""Errors, exit codes, inputs and outputs shared by the commands.

Outputs are written to a temporary file next to the target (created with
``O_CREAT | O_EXCL``, mode 0600 for secrets) and moved into place only when
the command succeeds, so a failure never leaves a partial file behind and an
existing file is never replaced without ``--force``: without it the move is a
hard link, which fails if the target appeared meanwhile.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sys
from collections.abc import Iterator
from types import TracebackType
from typing import BinaryIO

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "SMALL_FILE_LIMIT",
    "CLIError",
    "CheckFailed",
    "Output",
    "check_inputs",
    "check_outputs",
    "open_input",
    "read_small",
]

EXIT_OK = 0
#: The input failed a cryptographic check: a signature that does not verify,
#: an encrypted file that is damaged, truncated, reordered, modified or
#: encrypted to another key.
EXIT_FAILED = 1
#: Anything else: bad arguments, unreadable or unwritable files, keys that do
#: not load or do not fit the command, a wrong password, refusing to overwrite.
EXIT_USAGE = 2

#: Key and signature files are read whole; anything larger is not one.
SMALL_FILE_LIMIT = 1 << 20


class CLIError(Exception):
    """An error reported as one line on stderr, with its exit code."""

    exit_code = EXIT_USAGE


class CheckFailed(CLIError):
    """A signature or an encrypted file failed its check (exit 1)."""

    exit_code = EXIT_FAILED


def _describe(path: str) -> str:
    return "standard input" if path == "-" else path


@contextlib.contextmanager
def open_input(path: str) -> Iterator[BinaryIO]:
    """The file at ``path`` opened for binary reading; ``-`` is standard input."""
    if path == "-":
        yield sys.stdin.buffer
        return
    try:
        f = open(path, "rb")  # noqa: SIM115 (closed below)
    except OSError as e:
        raise CLIError(f"cannot read {path}: {e.strerror or e}") from None
    with f:
        yield f


def read_small(path: str, what: str = "file") -> bytes:
    """A key or signature file, whole (at most 1 MiB)."""
    with open_input(path) as f:
        try:
            data = f.read(SMALL_FILE_LIMIT + 1)
        except OSError as e:
            raise CLIError(f"cannot read {_describe(path)}: {e.strerror or e}") from None
    if len(data) > SMALL_FILE_LIMIT:
        raise CLIError(f"{_describe(path)} is too large to be a {what}")
    return data


def check_outputs(paths: list[str | None], force: bool) -> None:
    """Refuses, before any work, to overwrite without ``--force`` or to send
    two outputs to standard output."""
    named = [p for p in paths if p is not None]
    if named.count("-") > 1:
        raise CLIError("only one output can go to standard output (-)")
    real = [os.path.abspath(p) for p in named if p != "-"]
    if len(set(real)) != len(real):
        raise CLIError("two outputs name the same file")
    if not force:
        for p in named:
            if p != "-" and os.path.lexists(p):
                raise CLIError(f"refusing to overwrite {p} (use --force)")


def check_inputs(paths: list[str | None]) -> None:
    """At most one input may be standard input."""
    if [p for p in paths if p is not None].count("-") > 1:
        raise CLIError("only one input can come from standard input (-)")


class Output:
    """A file written whole or not at all (or standard output for ``-``).

    ::

        with Output(path, force=False, secret=True) as f:
            f.write(data)

    ``secret`` files are created with mode 0600; others with 0666 minus the
    umask. ``binary`` outputs refuse to go to a terminal.
    """

    def __init__(
        self, path: str, *, force: bool, secret: bool = False, binary: bool = True
    ) -> None:
        self.path = path
        self._force = force
        self._secret = secret
        self._binary = binary
        self._tmp: str | None = None
        self._file: BinaryIO | None = None

    def __enter__(self) -> BinaryIO:
        if self.path == "-":
            if self._binary and sys.stdout.isatty():
                raise CLIError(
                    "refusing to write binary data to a terminal (use -o FILE or a pipe)"
                )
            return sys.stdout.buffer
        if not self._force and os.path.lexists(self.path):
            raise CLIError(f"refusing to overwrite {self.path} (use --force)")
        directory = os.path.dirname(os.path.abspath(self.path))
        base = os.path.basename(self.path)
        mode = 0o600 if self._secret else 0o666
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        for _ in range(16):
            tmp = os.path.join(directory, f".{base}.{secrets.token_hex(6)}.tmp")
            try:
                fd = os.open(tmp, flags, mode)
                break
            except FileExistsError:
                continue
            except OSError as e:
                raise CLIError(f"cannot write {self.path}: {e.strerror or e}") from None
        else:
            raise CLIError(f"cannot create a temporary file next to {self.path}")
        self._tmp = tmp
        self._file = os.fdopen(fd, "wb")
        return self._file

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.path == "-":
            if exc_type is None:
                sys.stdout.buffer.flush()
            return
        assert self._file is not None
        assert self._tmp is not None
        try:
            if exc_type is None:
                self._file.flush()
                os.fsync(self._file.fileno())
            self._file.close()
            if exc_type is None:
                self._commit(self._tmp)
        except OSError as e:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
            raise CLIError(f"cannot write {self.path}: {e.strerror or e}") from None
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
            raise
        if exc_type is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)

    def _commit(self, tmp: str) -> None:
        if self._force:
            os.replace(tmp, self.path)
            return
        try:
            os.link(tmp, self.path)
        except FileExistsError:
            os.unlink(tmp)
            raise CLIError(f"refusing to overwrite {self.path} (use --force)") from None
        except OSError as e:
            # A file system without hard links: check, then rename.
            if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            if os.path.lexists(self.path):
                os.unlink(tmp)
                raise CLIError(f"refusing to overwrite {self.path} (use --force)") from None
            os.rename(tmp, self.path)
            return
        os.unlink(tmp)

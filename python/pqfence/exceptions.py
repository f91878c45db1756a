"""Exceptions raised by pqfence.

Every exception derives from :class:`PQFenceError`. Errors caused by bad input
(wrong length, malformed key, oversized context, unknown name) also derive from
:class:`ValueError`, so code that already catches ``ValueError`` keeps working.
Wrong argument *types* raise :class:`TypeError`.
"""

from __future__ import annotations

__all__ = [
    "ContextTooLong",
    "InternalError",
    "InvalidKey",
    "InvalidLength",
    "InvalidSignature",
    "PQFenceError",
    "RandomnessError",
    "UnknownAlgorithm",
]


class PQFenceError(Exception):
    """Base class of every pqfence exception."""


class InvalidLength(PQFenceError, ValueError):
    """An input has the wrong length for its parameter set."""


class InvalidKey(PQFenceError, ValueError):
    """A key failed a validity check (FIPS input checks, malformed encoding)."""


class ContextTooLong(PQFenceError, ValueError):
    """A signature context is longer than 255 bytes."""


class UnknownAlgorithm(PQFenceError, ValueError):
    """No algorithm or pre-hash function of that name is available."""


class InvalidSignature(PQFenceError):
    """A signature did not verify."""


class RandomnessError(PQFenceError, OSError):
    """The operating system's random number generator failed."""


class InternalError(PQFenceError):
    """The C core reported an unexpected condition. This is a bug: please report it."""

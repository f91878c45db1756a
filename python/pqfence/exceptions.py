"""Exceptions raised by pqfence.

Every exception derives from :class:`PQFenceError`. Errors caused by bad input
(wrong length, malformed key, oversized context, unknown name) also derive from
:class:`ValueError`, so code that already catches ``ValueError`` keeps working.
Wrong argument *types* raise :class:`TypeError`.
"""

from __future__ import annotations

__all__ = [
    "ContextTooLong",
    "DecryptionFailed",
    "InternalError",
    "InvalidEncoding",
    "InvalidKey",
    "InvalidLength",
    "InvalidSignature",
    "PQFenceError",
    "PairwiseConsistencyError",
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


class InvalidEncoding(PQFenceError, ValueError):
    """A key file is malformed or not what was asked for (bad DER or PEM, wrong
    OID, unsupported encryption), or the serialization options do not fit."""


class DecryptionFailed(PQFenceError, ValueError):
    """An encrypted private key could not be decrypted: wrong password or corrupted data."""


class InvalidSignature(PQFenceError):
    """A signature did not verify."""


class RandomnessError(PQFenceError, OSError):
    """The operating system's random number generator failed."""


class InternalError(PQFenceError):
    """The C core reported an unexpected condition. This is a bug: please report it."""


class PairwiseConsistencyError(InternalError):
    """A freshly generated key failed its pairwise consistency self-test (a fault)."""

"""Exceptions raised by pqfence.

Every exception derives from :class:`PQFenceError`. Errors caused by bad input
(wrong length, malformed key, oversized context, unknown name) also derive from
:class:`ValueError`, so code that already catches ``ValueError`` keeps working.
Wrong argument *types* raise :class:`TypeError`.

When pyca/cryptography is importable, :class:`InvalidSignature`,
:class:`UnsupportedAlgorithm` (and so :class:`UnknownAlgorithm`),
:class:`InvalidTag` and :class:`AlreadyFinalized` also derive from the ``cryptography.exceptions``
class of the same name, so code written for pyca/cryptography
(``except cryptography.exceptions.InvalidSignature``) catches pqfence's too.
pqfence does not depend on cryptography: without it, these classes derive
from pqfence's alone.
"""

from __future__ import annotations

import importlib

__all__ = [
    "AlreadyFinalized",
    "ContextTooLong",
    "DecryptionFailed",
    "InternalError",
    "InvalidEncoding",
    "InvalidKey",
    "InvalidLength",
    "InvalidParameter",
    "InvalidSignature",
    "InvalidTag",
    "MessageLimitReached",
    "PQFenceError",
    "PairwiseConsistencyError",
    "RandomnessError",
    "UnknownAlgorithm",
    "UnsupportedAlgorithm",
]


def _pyca_bases(name: str) -> tuple[type[Exception], ...]:
    """``(cryptography.exceptions.<name>,)`` when cryptography is importable, else ``()``."""
    try:
        module = importlib.import_module("cryptography.exceptions")
    except ImportError:
        return ()
    cls = getattr(module, name, None)
    if isinstance(cls, type) and issubclass(cls, Exception):
        return (cls,)
    return ()


class PQFenceError(Exception):
    """Base class of every pqfence exception."""


class InvalidLength(PQFenceError, ValueError):
    """An input has the wrong length for its parameter set."""


class InvalidKey(PQFenceError, ValueError):
    """A key failed a validity check (FIPS input checks, malformed encoding)."""


class ContextTooLong(PQFenceError, ValueError):
    """A signature context is longer than 255 bytes."""


class UnsupportedAlgorithm(PQFenceError, *_pyca_bases("UnsupportedAlgorithm")):  # type: ignore[misc]
    """The algorithm is not supported (pyca/cryptography's name for it)."""


class UnknownAlgorithm(UnsupportedAlgorithm, ValueError):
    """No algorithm or pre-hash function of that name is available."""


class InvalidEncoding(PQFenceError, ValueError):
    """A key file is malformed or not what was asked for (bad DER or PEM, wrong
    OID, unsupported encryption), or the serialization options do not fit."""


class DecryptionFailed(PQFenceError, ValueError):
    """An encrypted private key could not be decrypted: wrong password or corrupted data."""


class InvalidSignature(PQFenceError, *_pyca_bases("InvalidSignature")):  # type: ignore[misc]
    """A signature did not verify."""


class AlreadyFinalized(PQFenceError, ValueError, *_pyca_bases("AlreadyFinalized")):  # type: ignore[misc]
    """An object was used after ``finalize()`` (``MLDSAMuHasher``). Also a
    ``ValueError``, which pqfence raised before this class existed."""


class InvalidTag(PQFenceError, *_pyca_bases("InvalidTag")):  # type: ignore[misc]
    """Authenticated decryption failed (HPKE): wrong key, tampered ciphertext,
    or a different info, associated data or PSK."""


class MessageLimitReached(PQFenceError):
    """An HPKE context sealed or opened as many messages as its nonce allows."""


class InvalidParameter(PQFenceError, ValueError):
    """Arguments that are not allowed together (an HPKE mode the KEM does not
    support, a PSK without its identifier, ...)."""


class RandomnessError(PQFenceError, OSError):
    """The operating system's random number generator failed."""


class InternalError(PQFenceError):
    """The C core reported an unexpected condition. This is a bug: please report it."""


class PairwiseConsistencyError(InternalError):
    """A freshly generated key failed its pairwise consistency self-test (a fault)."""

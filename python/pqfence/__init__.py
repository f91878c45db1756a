"""pqfence: post-quantum cryptography from the NIST standards.

ML-KEM (FIPS 203) today; the other families join through the same registry.
The cryptography runs in portable, constant-time C behind a safe Rust layer;
this package is the typed Python face of it.
"""

from __future__ import annotations

from pqfence import exceptions, mlkem
from pqfence._native import __version__
from pqfence.exceptions import (
    ContextTooLong,
    InternalError,
    InvalidKey,
    InvalidLength,
    InvalidSignature,
    PQFenceError,
    RandomnessError,
    UnknownAlgorithm,
)
from pqfence.registry import KEM, AlgorithmInfo, algorithms, kem

__all__ = [
    "KEM",
    "AlgorithmInfo",
    "ContextTooLong",
    "InternalError",
    "InvalidKey",
    "InvalidLength",
    "InvalidSignature",
    "PQFenceError",
    "RandomnessError",
    "UnknownAlgorithm",
    "__version__",
    "algorithms",
    "exceptions",
    "kem",
    "mlkem",
]

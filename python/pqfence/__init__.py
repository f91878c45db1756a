"""pqfence: post-quantum cryptography from the NIST standards.

ML-KEM (FIPS 203), ML-DSA (FIPS 204), SLH-DSA (FIPS 205), Falcon, the hybrid KEMs (X-Wing,
composite ML-KEM: :mod:`pqfence.hybrid`) and Composite ML-DSA (ML-DSA with a traditional
signature, draft-ietf-lamps-pq-composite-sigs: :mod:`pqfence.composite`); every family registers
its parameter sets in one registry (:func:`kem`, :func:`signature`, :func:`algorithms`).
:mod:`pqfence.hpke` is HPKE (RFC 9180 with the post-quantum suites), shaped like
pyca/cryptography's. :func:`backend` names the implementation of the C in use ("avx512", "avx2"
or "portable").
The cryptography runs in portable, constant-time C behind a safe Rust layer;
this package is the typed Python face of it.
"""

from __future__ import annotations

from pqfence import (
    composite,
    exceptions,
    falcon,
    hpke,
    hybrid,
    mldsa,
    mlkem,
    serialization,
    slhdsa,
)
from pqfence._native import __version__, backend
from pqfence.exceptions import (
    AlreadyFinalized,
    ContextTooLong,
    DecryptionFailed,
    InternalError,
    InvalidEncoding,
    InvalidKey,
    InvalidLength,
    InvalidParameter,
    InvalidSignature,
    InvalidTag,
    MessageLimitReached,
    PQFenceError,
    RandomnessError,
    UnknownAlgorithm,
    UnsupportedAlgorithm,
)
from pqfence.registry import KEM, AlgorithmInfo, SignatureScheme, algorithms, kem, signature

__all__ = [
    "KEM",
    "AlgorithmInfo",
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
    "RandomnessError",
    "SignatureScheme",
    "UnknownAlgorithm",
    "UnsupportedAlgorithm",
    "__version__",
    "algorithms",
    "backend",
    "composite",
    "exceptions",
    "falcon",
    "hpke",
    "hybrid",
    "kem",
    "mldsa",
    "mlkem",
    "serialization",
    "signature",
    "slhdsa",
]

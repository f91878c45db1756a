"""Falcon (round-3 specification v1.2) signatures.

Four parameter sets: Falcon-512 and Falcon-1024 with compressed
(variable-length) signatures, and Falcon-padded-512 / Falcon-padded-1024 with
fixed-length signatures (666 / 1280 bytes). The classes have the same shape as
the ML-DSA ones, without contexts or pre-hashing, which Falcon does not
define::

    from pqfence.falcon import Falcon512PrivateKey

    private_key = Falcon512PrivateKey.generate()
    signature = private_key.sign(b"message")
    private_key.public_key().verify(signature, b"message")

``private_bytes_raw()`` is the 48-byte seed; ``private_bytes_expanded()`` the
specification's secret-key encoding, loaded back with
``from_expanded_bytes(secret, public)``.
"""

from __future__ import annotations

from pqfence._native import (
    Falcon512PrivateKey,
    Falcon512PublicKey,
    Falcon1024PrivateKey,
    Falcon1024PublicKey,
    FalconPadded512PrivateKey,
    FalconPadded512PublicKey,
    FalconPadded1024PrivateKey,
    FalconPadded1024PublicKey,
)

__all__ = [
    "Falcon512PrivateKey",
    "Falcon512PublicKey",
    "Falcon1024PrivateKey",
    "Falcon1024PublicKey",
    "FalconPadded512PrivateKey",
    "FalconPadded512PublicKey",
    "FalconPadded1024PrivateKey",
    "FalconPadded1024PublicKey",
]

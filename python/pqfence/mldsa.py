"""ML-DSA (FIPS 204) signatures.

The classes follow pyca/cryptography's names, so code ports by changing the
import::

    from pqfence.mldsa import MLDSA65PrivateKey

    private_key = MLDSA65PrivateKey.generate()
    signature = private_key.sign(b"message", context=b"app-v1")
    private_key.public_key().verify(signature, b"message", context=b"app-v1")

Signing is hedged by default; ``sign_deterministic`` is the deterministic
variant. ``sign_prehash`` / ``verify_prehash`` are HashML-DSA with any of the
twelve pre-hash functions of FIPS 204 (by name, e.g. ``"SHA-512"``, or a pyca
hash instance). ``MLDSAMuHasher`` builds the external mu from a stream for
``sign_mu`` / ``verify_mu``, so a message of any size never sits in memory.
"""

from __future__ import annotations

from pqfence._native import (
    MLDSA44PrivateKey,
    MLDSA44PublicKey,
    MLDSA65PrivateKey,
    MLDSA65PublicKey,
    MLDSA87PrivateKey,
    MLDSA87PublicKey,
    MLDSAMuHasher,
)

__all__ = [
    "MLDSA44PrivateKey",
    "MLDSA44PublicKey",
    "MLDSA65PrivateKey",
    "MLDSA65PublicKey",
    "MLDSA87PrivateKey",
    "MLDSA87PublicKey",
    "MLDSAMuHasher",
]

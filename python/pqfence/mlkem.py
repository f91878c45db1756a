"""ML-KEM (FIPS 203) key encapsulation.

The classes follow pyca/cryptography's names, so code ports by changing the
import::

    from pqfence.mlkem import MLKEM768PrivateKey

    private_key = MLKEM768PrivateKey.generate()
    shared_secret, ciphertext = private_key.public_key().encapsulate()
    assert private_key.decapsulate(ciphertext) == shared_secret
"""

from __future__ import annotations

from pqfence._native import (
    MLKEM512PrivateKey,
    MLKEM512PublicKey,
    MLKEM768PrivateKey,
    MLKEM768PublicKey,
    MLKEM1024PrivateKey,
    MLKEM1024PublicKey,
)

__all__ = [
    "MLKEM512PrivateKey",
    "MLKEM512PublicKey",
    "MLKEM768PrivateKey",
    "MLKEM768PublicKey",
    "MLKEM1024PrivateKey",
    "MLKEM1024PublicKey",
]

"""SLH-DSA (FIPS 205) stateless hash-based signatures, all twelve parameter sets.

One class pair per set, named after the set: ``SlhDsaSha2_128sPrivateKey``
is SLH-DSA-SHA2-128s, ``SlhDsaShake_256fPublicKey`` SLH-DSA-SHAKE-256f, and so
on ("s": small signatures, slow signing; "f": fast signing, larger
signatures). The methods are those of the ML-DSA classes: ``generate``,
``from_seed_bytes`` (SK.seed || SK.prf || PK.seed), ``sign(data, context=None)``
(hedged), ``sign_deterministic``, ``sign_prehash`` / ``verify_prehash``
(HashSLH-DSA), ``verify`` raising ``InvalidSignature``, raw byte export and
import. Or by name::

    import pqfence

    scheme = pqfence.signature("SLH-DSA-SHAKE-128f")
    key = scheme.generate()
    signature = key.sign(b"message", context=b"app")
    key.public_key().verify(signature, b"message", context=b"app")

Every signing method verifies the signature before returning it, because a
single faulty SLH-DSA signature can help a forger; ``sign_unverified`` skips
that check. Signing releases the GIL, so other Python threads keep running.
"""

from __future__ import annotations

from pqfence._native import (
    SlhDsaSha2_128fPrivateKey,
    SlhDsaSha2_128fPublicKey,
    SlhDsaSha2_128sPrivateKey,
    SlhDsaSha2_128sPublicKey,
    SlhDsaSha2_192fPrivateKey,
    SlhDsaSha2_192fPublicKey,
    SlhDsaSha2_192sPrivateKey,
    SlhDsaSha2_192sPublicKey,
    SlhDsaSha2_256fPrivateKey,
    SlhDsaSha2_256fPublicKey,
    SlhDsaSha2_256sPrivateKey,
    SlhDsaSha2_256sPublicKey,
    SlhDsaShake_128fPrivateKey,
    SlhDsaShake_128fPublicKey,
    SlhDsaShake_128sPrivateKey,
    SlhDsaShake_128sPublicKey,
    SlhDsaShake_192fPrivateKey,
    SlhDsaShake_192fPublicKey,
    SlhDsaShake_192sPrivateKey,
    SlhDsaShake_192sPublicKey,
    SlhDsaShake_256fPrivateKey,
    SlhDsaShake_256fPublicKey,
    SlhDsaShake_256sPrivateKey,
    SlhDsaShake_256sPublicKey,
)

__all__ = [
    "SlhDsaSha2_128fPrivateKey",
    "SlhDsaSha2_128fPublicKey",
    "SlhDsaSha2_128sPrivateKey",
    "SlhDsaSha2_128sPublicKey",
    "SlhDsaSha2_192fPrivateKey",
    "SlhDsaSha2_192fPublicKey",
    "SlhDsaSha2_192sPrivateKey",
    "SlhDsaSha2_192sPublicKey",
    "SlhDsaSha2_256fPrivateKey",
    "SlhDsaSha2_256fPublicKey",
    "SlhDsaSha2_256sPrivateKey",
    "SlhDsaSha2_256sPublicKey",
    "SlhDsaShake_128fPrivateKey",
    "SlhDsaShake_128fPublicKey",
    "SlhDsaShake_128sPrivateKey",
    "SlhDsaShake_128sPublicKey",
    "SlhDsaShake_192fPrivateKey",
    "SlhDsaShake_192fPublicKey",
    "SlhDsaShake_192sPrivateKey",
    "SlhDsaShake_192sPublicKey",
    "SlhDsaShake_256fPrivateKey",
    "SlhDsaShake_256fPublicKey",
    "SlhDsaShake_256sPrivateKey",
    "SlhDsaShake_256sPublicKey",
]

"""HPKE, Hybrid Public Key Encryption (RFC 9180 and its revision, with the
post-quantum KEMs of draft-ietf-hpke-pq).

The names and the single-shot API are those of pyca/cryptography 50's
``cryptography.hazmat.primitives.hpke``, so code ports by changing the
import::

    from cryptography.hazmat.primitives.asymmetric import x25519
    from pqfence import hpke  # was: from cryptography.hazmat.primitives import hpke

    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)
    private_key = x25519.X25519PrivateKey.generate()
    ciphertext = suite.encrypt(b"message", private_key.public_key(), b"info")
    assert suite.decrypt(ciphertext, private_key, b"info") == b"message"

``encrypt`` returns ``enc || ct`` (base mode, empty associated data), as
pyca's does: a message sealed by one library opens with the other.

**Keys.** A suite takes, for its KEM:

- pyca/cryptography's own key objects, as pyca's ``hpke`` does:
  ``X25519PrivateKey`` / ``X448PrivateKey``, ``EllipticCurvePrivateKey`` on
  P-256 / P-384 / P-521, ``MLKEM768PrivateKey`` / ``MLKEM1024PrivateKey``,
  and their public keys (read through their raw bytes and checked against
  their public key; pqfence does not need pyca installed otherwise);
- pqfence's KEM keys, used as they are: ``pqfence.mlkem.MLKEM768PrivateKey``
  and the other ML-KEM sets, and the hybrids of :mod:`pqfence.hybrid`;
- :class:`HPKEPrivateKey` / :class:`HPKEPublicKey`, raw HPKE keys of any KEM
  (the registry's serializations), with ``generate(kem)``,
  ``derive(kem, ikm)`` (DeriveKeyPair) and ``from_bytes(kem, data)``: the
  way to X448 and P-521 keys without pyca, and to KEM.MLKEM512.

The hybrids' key classes are exported here under pyca's names:
``MLKEM768X25519PrivateKey(mlkem_key, x25519_key)`` and
``MLKEM1024P384PrivateKey(mlkem_key, p384_key)`` take the two halves (any ML-KEM
key with its seed, pqfence's or pyca's, and pyca's curve key), like pyca's; they
are also full key classes (``generate()``, a 32-byte seed, PKCS#8 for X-Wing).
pyca's own hybrid key objects expose nothing to read, so a key moves between
the libraries as its halves.

**Beyond pyca.** Every mode and the contexts (:meth:`Suite.seal` /
:meth:`Suite.open` with ``info``, ``aad``, ``psk`` and ``psk_id``, and
``sender_private_key`` / ``sender_public_key`` for the authenticated modes of
the DHKEMs), :meth:`Suite.setup_sender` / :meth:`Suite.setup_recipient` for
many messages (sequence numbers; the last one is refused with
``MessageLimitReached``), the secret exporter (``export``,
:meth:`Suite.send_export` / :meth:`Suite.receive_export`, and
``AEAD.EXPORT_ONLY``), and more algorithms: ``KEM.X448``, ``KEM.MLKEM512``,
``KEM.MLKEM768_P256``, ``KDF.TURBOSHAKE128`` / ``TURBOSHAKE256``.

A message that does not authenticate raises ``InvalidTag`` (a subclass of
pyca's when it is installed); a key of another KEM than the suite's, or an
object that is no key, ``TypeError``. The cryptography runs with the GIL
released.
"""

from __future__ import annotations

from pqfence._native import (
    AEAD,
    KDF,
    KEM,
    HPKEPrivateKey,
    HPKEPublicKey,
    MLKEM768P256PrivateKey,
    MLKEM768P256PublicKey,
    MLKEM768X25519PrivateKey,
    MLKEM768X25519PublicKey,
    MLKEM1024P384PrivateKey,
    MLKEM1024P384PublicKey,
    RecipientContext,
    SenderContext,
    Suite,
)

__all__ = [
    "AEAD",
    "KDF",
    "KEM",
    "HPKEPrivateKey",
    "HPKEPublicKey",
    "MLKEM768P256PrivateKey",
    "MLKEM768P256PublicKey",
    "MLKEM768X25519PrivateKey",
    "MLKEM768X25519PublicKey",
    "MLKEM1024P384PrivateKey",
    "MLKEM1024P384PublicKey",
    "RecipientContext",
    "SenderContext",
    "Suite",
]

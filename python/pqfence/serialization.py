"""Key serialization: PEM and DER, SubjectPublicKeyInfo and PKCS#8, encrypted or not.

The names follow ``cryptography.hazmat.primitives.serialization``, so code
ports by changing the import::

    from pqfence.mldsa import MLDSA65PrivateKey
    from pqfence.serialization import (
        BestAvailableEncryption, Encoding, NoEncryption, PrivateFormat, PublicFormat,
        load_pem_private_key,
    )

    key = MLDSA65PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    assert load_pem_private_key(pem) == key
    spki = key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    locked = key.private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(b"passphrase")
    )

OIDs and encodings are those of the IETF LAMPS documents for ML-KEM, ML-DSA
and SLH-DSA (RFC 9909). An ML-KEM or ML-DSA PKCS#8 private key holds the seed
(the default), the expanded key, or both (``form=PrivateKeyForm.EXPANDED`` /
``BOTH``). Loading "both" checks that the two agree. A key loaded from the
expanded form has no seed: ``private_bytes_raw()`` and the seed form raise
``InvalidKey``; it can only be written in the expanded form again.

SLH-DSA has one PKCS#8 form, the 4n-byte FIPS 205 key SK.seed || SK.prf ||
PK.seed || PK.root (it contains the seed), written whatever ``form`` says;
loading it recomputes PK.root and raises ``InvalidKey`` when it differs. With
``PrivateFormat.Raw``, ``form`` picks the 3n-byte seed (the default) or the
4n-byte key. Falcon has no standard OID: its keys have the Raw format only.

``BestAvailableEncryption`` writes PBES2 with scrypt (N = 2**14, r = 8, p = 1)
and AES-256-CBC. ``PBES2Encryption`` chooses the key derivation (scrypt or
PBKDF2-HMAC-SHA256) and its cost. Reading accepts PBES2 with scrypt or
PBKDF2 (HMAC-SHA-2) and AES-CBC or AES-GCM, as OpenSSL and pyca write it,
and refuses key-derivation costs above 256 MiB or N * r * p = 2**21
(scrypt) or 2,000,000 iterations (PBKDF2) before running them (the
``max_*`` keywords of the private key loaders raise these limits).

The enums have every member of pyca/cryptography's; those pqfence keys do
not use (OpenSSH, PKCS1, X962, ...) raise ``InvalidEncoding``, a
``ValueError``, as does an unsupported ``KeySerializationEncryption`` or a
password longer than 1023 bytes.

:func:`to_cryptography` and :func:`from_cryptography` convert keys to and from
pyca/cryptography's key objects (via DER) when it is installed. pyca/cryptography
50 has no SLH-DSA or Composite ML-DSA keys: converting one raises its
``UnsupportedAlgorithm``. Composite ML-DSA keys (``pqfence.composite``) are
PKCS#8 and SubjectPublicKeyInfo with the draft's OIDs; their PKCS#8 holds the raw
key mldsaSeed || tradSK, whatever ``form`` says.
"""

from __future__ import annotations

import enum
from typing import Any, Union

from pqfence import _native
from pqfence._native import PrivateKey, PublicKey

__all__ = [
    "BestAvailableEncryption",
    "Encoding",
    "KeySerializationEncryption",
    "NoEncryption",
    "PBES2Encryption",
    "PrivateFormat",
    "PrivateKey",
    "PrivateKeyForm",
    "PublicFormat",
    "PublicKey",
    "from_cryptography",
    "load_der_private_key",
    "load_der_public_key",
    "load_pem_private_key",
    "load_pem_public_key",
    "to_cryptography",
]

Buffer = Union[bytes, bytearray, memoryview]

# PrivateKey and PublicKey are the root classes of every key class (the
# compiled module's): what the loaders return.


class Encoding(enum.Enum):
    """The outer encoding (same members and values as pyca/cryptography's).

    pqfence keys use PEM, DER and Raw; the other members exist so code written
    for pyca/cryptography runs, and raise ``InvalidEncoding`` (a ``ValueError``)
    when used with a pqfence key.
    """

    PEM = "PEM"
    DER = "DER"
    OpenSSH = "OpenSSH"
    Raw = "Raw"
    X962 = "ANSI X9.62"
    SMIME = "S/MIME"


class PrivateFormat(enum.Enum):
    """The private key structure: PKCS#8 (OneAsymmetricKey) or the raw bytes.

    TraditionalOpenSSL, OpenSSH and PKCS12 are pyca/cryptography's other
    members; pqfence keys refuse them with ``InvalidEncoding`` (a ``ValueError``).
    """

    PKCS8 = "PKCS8"
    TraditionalOpenSSL = "TraditionalOpenSSL"
    Raw = "Raw"
    OpenSSH = "OpenSSH"
    PKCS12 = "PKCS12"


class PublicFormat(enum.Enum):
    """The public key structure: SubjectPublicKeyInfo or the raw bytes.

    PKCS1, OpenSSH, CompressedPoint and UncompressedPoint are
    pyca/cryptography's other members; pqfence keys refuse them with
    ``InvalidEncoding`` (a ``ValueError``).
    """

    SubjectPublicKeyInfo = "X.509 subjectPublicKeyInfo with PKCS#1"
    PKCS1 = "Raw PKCS#1"
    OpenSSH = "OpenSSH"
    Raw = "Raw"
    CompressedPoint = "X9.62 Compressed Point"
    UncompressedPoint = "X9.62 Uncompressed Point"


class PrivateKeyForm(enum.Enum):
    """Which private key form PKCS#8 holds (``Raw`` takes SEED or EXPANDED).

    SLH-DSA's PKCS#8 has one form (the whole key), whichever is chosen.
    """

    SEED = "seed"
    EXPANDED = "expanded"
    BOTH = "both"


class KeySerializationEncryption:
    """Base class of the ``encryption_algorithm`` arguments."""


class NoEncryption(KeySerializationEncryption):
    """Write the private key unencrypted."""


def _password(password: Buffer) -> bytes:
    if not isinstance(password, (bytes, bytearray, memoryview)):
        raise TypeError("password must be bytes")
    data = bytes(password)
    if not data:
        raise ValueError("password must be at least 1 byte long")
    return data


class BestAvailableEncryption(KeySerializationEncryption):
    """Encrypt PKCS#8 with PBES2: scrypt (N = 2**14, r = 8, p = 1), AES-256-CBC."""

    _pqfence_kdf: tuple[str, int, int, int] | None = None

    def __init__(self, password: Buffer) -> None:
        self.password = _password(password)


class PBES2Encryption(BestAvailableEncryption):
    """Encrypt PKCS#8 with PBES2 and a chosen key derivation, then AES-256-CBC.

    ``kdf`` is ``"scrypt"`` (cost ``2**scrypt_log_n``, block size ``scrypt_r``,
    parallelism ``scrypt_p``) or ``"pbkdf2-sha256"`` (``pbkdf2_iterations``).
    Lower costs than the defaults are for tests only. Costs beyond what the
    loaders accept by default (scrypt memory 256 MiB, N * r * p = 2**21;
    2,000,000 PBKDF2 iterations) raise ``InvalidEncoding`` when writing, so
    every file pqfence writes loads with the default limits.
    """

    def __init__(
        self,
        password: Buffer,
        kdf: str = "scrypt",
        *,
        scrypt_log_n: int = 14,
        scrypt_r: int = 8,
        scrypt_p: int = 1,
        pbkdf2_iterations: int = 600_000,
    ) -> None:
        super().__init__(password)
        if kdf == "scrypt":
            self._pqfence_kdf = ("scrypt", scrypt_log_n, scrypt_r, scrypt_p)
        elif kdf == "pbkdf2-sha256":
            self._pqfence_kdf = ("pbkdf2-sha256", pbkdf2_iterations, 0, 0)
        else:
            raise ValueError(f'kdf must be "scrypt" or "pbkdf2-sha256", not {kdf!r}')


def load_pem_private_key(
    data: Buffer,
    password: Buffer | None = None,
    backend: Any = None,
    *,
    unsafe_skip_rsa_key_validation: bool = False,
    max_scrypt_memory: int | None = None,
    max_scrypt_work: int | None = None,
    max_pbkdf2_iterations: int | None = None,
) -> PrivateKey:
    """Loads a PEM "PRIVATE KEY" or "ENCRYPTED PRIVATE KEY" of any supported algorithm.

    Raises ``TypeError`` when a password is missing or superfluous (as
    pyca/cryptography does), ``DecryptionFailed`` for a wrong password,
    ``UnknownAlgorithm`` for another algorithm's key, and ``InvalidEncoding``,
    ``InvalidLength`` or ``InvalidKey`` for a malformed one. A password longer
    than 1023 bytes is a ``ValueError``, as in pyca/cryptography.

    An encrypted key's key derivation is bounded before it runs:
    ``max_scrypt_memory`` (128 * r * N bytes, default 256 MiB),
    ``max_scrypt_work`` (N * r * p, default 2**21) and
    ``max_pbkdf2_iterations`` (default 2,000,000); a file beyond them raises
    ``InvalidEncoding`` at once. Pass higher values only for files you trust.

    ``backend`` and ``unsafe_skip_rsa_key_validation`` are accepted for
    compatibility with pyca/cryptography and ignored.
    """
    del backend, unsafe_skip_rsa_key_validation
    key: PrivateKey = _native.load_pem_private_key(
        data,
        password,
        max_scrypt_memory=max_scrypt_memory,
        max_scrypt_work=max_scrypt_work,
        max_pbkdf2_iterations=max_pbkdf2_iterations,
    )
    return key


def load_der_private_key(
    data: Buffer,
    password: Buffer | None = None,
    backend: Any = None,
    *,
    unsafe_skip_rsa_key_validation: bool = False,
    max_scrypt_memory: int | None = None,
    max_scrypt_work: int | None = None,
    max_pbkdf2_iterations: int | None = None,
) -> PrivateKey:
    """Loads a DER PKCS#8 private key (encrypted when ``password`` is given).

    The keywords are those of :func:`load_pem_private_key`.
    """
    del backend, unsafe_skip_rsa_key_validation
    key: PrivateKey = _native.load_der_private_key(
        data,
        password,
        max_scrypt_memory=max_scrypt_memory,
        max_scrypt_work=max_scrypt_work,
        max_pbkdf2_iterations=max_pbkdf2_iterations,
    )
    return key


def load_pem_public_key(data: Buffer, backend: Any = None) -> PublicKey:
    """Loads a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) of any supported algorithm.

    ``backend`` is accepted for compatibility with pyca/cryptography and ignored.
    """
    del backend
    key: PublicKey = _native.load_pem_public_key(data)
    return key


def load_der_public_key(data: Buffer, backend: Any = None) -> PublicKey:
    """Loads a DER SubjectPublicKeyInfo of any supported algorithm.

    ``backend`` is accepted for compatibility with pyca/cryptography and ignored.
    """
    del backend
    key: PublicKey = _native.load_der_public_key(data)
    return key


def to_cryptography(key: PrivateKey | PublicKey, form: PrivateKeyForm | None = None) -> Any:
    """The pyca/cryptography key object for a pqfence key (needs ``cryptography``).

    Private keys travel as unencrypted PKCS#8 in ``form`` (the seed by default);
    pyca supports ML-KEM-768, ML-KEM-1024 and the three ML-DSA sets. For other
    keys (ML-KEM-512, SLH-DSA) pyca raises its ``UnsupportedAlgorithm``.
    """
    from cryptography.hazmat.primitives import serialization as pyca

    if isinstance(key, PrivateKey):
        der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption(), form)
        return pyca.load_der_private_key(der, password=None)
    if isinstance(key, PublicKey):
        der = key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        return pyca.load_der_public_key(der)
    raise TypeError(f"not a pqfence key: {type(key).__name__}")


def from_cryptography(key: Any) -> PrivateKey | PublicKey:
    """The pqfence key for a pyca/cryptography ML-KEM or ML-DSA key object."""
    from cryptography.hazmat.primitives import serialization as pyca

    if hasattr(key, "private_bytes"):
        der = key.private_bytes(pyca.Encoding.DER, pyca.PrivateFormat.PKCS8, pyca.NoEncryption())
        return load_der_private_key(der)
    if hasattr(key, "public_bytes"):
        der = key.public_bytes(pyca.Encoding.DER, pyca.PublicFormat.SubjectPublicKeyInfo)
        return load_der_public_key(der)
    raise TypeError(f"not a pyca/cryptography key: {type(key).__name__}")

"""The algorithm-agile entry points: look an algorithm up by its standard name.

::

    import pqfence

    kem = pqfence.kem("ML-KEM-768")
    private_key = kem.generate()
    shared_secret, ciphertext = private_key.public_key().encapsulate()

    for info in pqfence.algorithms():
        print(info.name, info.public_key_bytes)

Each algorithm family registers itself here once; nothing else needs to know
the list of parameter sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, Union

from pqfence import _native
from pqfence.exceptions import UnknownAlgorithm

__all__ = [
    "KEM",
    "AlgorithmInfo",
    "KEMPrivateKey",
    "KEMPublicKey",
    "SignaturePrivateKey",
    "SignaturePublicKey",
    "SignatureScheme",
    "algorithms",
    "kem",
    "signature",
]

Buffer = Union[bytes, bytearray, memoryview]


class KEMPublicKey(Protocol):
    """What every KEM public key class offers."""

    def encapsulate(self) -> tuple[bytes, bytes]: ...
    def public_bytes_raw(self) -> bytes: ...


class KEMPrivateKey(Protocol):
    """What every KEM private key class offers."""

    def public_key(self) -> KEMPublicKey: ...
    def decapsulate(self, ciphertext: Buffer) -> bytes: ...
    def private_bytes_raw(self) -> bytes: ...


class SignaturePublicKey(Protocol):
    """What every signature public key class offers."""

    def verify(self, signature: Buffer, data: Buffer, context: Buffer | None = None) -> None: ...
    def public_bytes_raw(self) -> bytes: ...


class SignaturePrivateKey(Protocol):
    """What every signature private key class offers."""

    def public_key(self) -> SignaturePublicKey: ...
    def sign(self, data: Buffer, context: Buffer | None = None) -> bytes: ...
    def private_bytes_raw(self) -> bytes: ...


@dataclass(frozen=True)
class AlgorithmInfo:
    """One parameter set and its sizes in bytes.

    ``private_key_bytes`` is the expanded form of the standard; ``seed_bytes``
    the compact seed form that ``private_bytes_raw()`` returns.
    ``signature_bytes`` is the maximum for variable-length signatures.
    """

    name: str
    kind: str  # "kem" or "signature"
    standard: str
    public_key_bytes: int
    private_key_bytes: int
    seed_bytes: int
    ciphertext_bytes: int | None = None
    shared_secret_bytes: int | None = None
    signature_bytes: int | None = None


class KEM:
    """A key-encapsulation parameter set, found by name with :func:`kem`."""

    def __init__(self, info: AlgorithmInfo, private_cls: Any, public_cls: Any) -> None:
        self.info = info
        self._private_cls = private_cls
        self._public_cls = public_cls

    @property
    def name(self) -> str:
        return self.info.name

    def generate(self) -> KEMPrivateKey:
        """A new private key from OS randomness."""
        key: KEMPrivateKey = self._private_cls.generate()
        return key

    def private_key_from_seed(self, seed: Buffer) -> KEMPrivateKey:
        """Derives the private key from its seed."""
        key: KEMPrivateKey = self._private_cls.from_seed_bytes(seed)
        return key

    def public_key_from_bytes(self, data: Buffer) -> KEMPublicKey:
        """Loads an encoded public key (with the standard's input checks)."""
        key: KEMPublicKey = self._public_cls.from_public_bytes(data)
        return key

    def __repr__(self) -> str:
        return f"<pqfence KEM {self.info.name}>"


class SignatureScheme:
    """A signature parameter set, found by name with :func:`signature`."""

    def __init__(self, info: AlgorithmInfo, private_cls: Any, public_cls: Any) -> None:
        self.info = info
        self._private_cls = private_cls
        self._public_cls = public_cls

    @property
    def name(self) -> str:
        return self.info.name

    def generate(self) -> SignaturePrivateKey:
        """A new private key from OS randomness."""
        key: SignaturePrivateKey = self._private_cls.generate()
        return key

    def private_key_from_seed(self, seed: Buffer) -> SignaturePrivateKey:
        """Derives the private key from its seed."""
        key: SignaturePrivateKey = self._private_cls.from_seed_bytes(seed)
        return key

    def public_key_from_bytes(self, data: Buffer) -> SignaturePublicKey:
        """Loads an encoded public key."""
        key: SignaturePublicKey = self._public_cls.from_public_bytes(data)
        return key

    def __repr__(self) -> str:
        return f"<pqfence signature scheme {self.info.name}>"


_KEMS: dict[str, KEM] = {}
_SIGS: dict[str, SignatureScheme] = {}
_INFOS: dict[str, AlgorithmInfo] = {}


def _register_kem(name: str, standard: str, private_cls: Any, public_cls: Any, sizes: Any) -> None:
    pk, sk, ct, ss, seed = sizes
    info = AlgorithmInfo(
        name=name,
        kind="kem",
        standard=standard,
        public_key_bytes=pk,
        private_key_bytes=sk,
        seed_bytes=seed,
        ciphertext_bytes=ct,
        shared_secret_bytes=ss,
    )
    _KEMS[name.lower()] = KEM(info, private_cls, public_cls)
    _INFOS[name] = info


def _register_signature(
    name: str, standard: str, private_cls: Any, public_cls: Any, sizes: Any
) -> None:
    pk, sk, sig, seed = sizes
    info = AlgorithmInfo(
        name=name,
        kind="signature",
        standard=standard,
        public_key_bytes=pk,
        private_key_bytes=sk,
        seed_bytes=seed,
        signature_bytes=sig,
    )
    _SIGS[name.lower()] = SignatureScheme(info, private_cls, public_cls)
    _INFOS[name] = info


for _bits in (512, 768, 1024):
    _register_kem(
        f"ML-KEM-{_bits}",
        "FIPS 203",
        getattr(_native, f"MLKEM{_bits}PrivateKey"),
        getattr(_native, f"MLKEM{_bits}PublicKey"),
        getattr(_native, f"MLKEM{_bits}_SIZES"),
    )


for _level in (44, 65, 87):
    _register_signature(
        f"ML-DSA-{_level}",
        "FIPS 204",
        getattr(_native, f"MLDSA{_level}PrivateKey"),
        getattr(_native, f"MLDSA{_level}PublicKey"),
        getattr(_native, f"MLDSA{_level}_SIZES"),
    )


for _tag, _name in (
    ("FALCON512", "Falcon-512"),
    ("FALCON1024", "Falcon-1024"),
    ("FALCONPADDED512", "Falcon-padded-512"),
    ("FALCONPADDED1024", "Falcon-padded-1024"),
):
    _cls = _tag.replace("FALCONPADDED", "FalconPadded").replace("FALCON", "Falcon")
    _register_signature(
        _name,
        "Falcon round 3 (v1.2)",
        getattr(_native, f"{_cls}PrivateKey"),
        getattr(_native, f"{_cls}PublicKey"),
        getattr(_native, f"{_tag}_SIZES"),
    )


for _hash in ("SHA2", "SHAKE"):
    for _slh_level in ("128s", "128f", "192s", "192f", "256s", "256f"):
        _cls = f"SlhDsa{_hash.capitalize()}_{_slh_level}"
        _register_signature(
            f"SLH-DSA-{_hash}-{_slh_level}",
            "FIPS 205",
            getattr(_native, f"{_cls}PrivateKey"),
            getattr(_native, f"{_cls}PublicKey"),
            getattr(_native, f"{_cls.upper()}_SIZES"),
        )


def signature(name: str) -> SignatureScheme:
    """The signature scheme called ``name`` (case-insensitive), e.g. ``"ML-DSA-65"``."""
    try:
        return _SIGS[name.lower()]
    except (KeyError, AttributeError):
        known = ", ".join(i.name for i in _INFOS.values() if i.kind == "signature")
        raise UnknownAlgorithm(f"unknown signature scheme {name!r}; available: {known}") from None


def kem(name: str) -> KEM:
    """The KEM called ``name`` (case-insensitive), e.g. ``"ML-KEM-768"``."""
    try:
        return _KEMS[name.lower()]
    except (KeyError, AttributeError):
        known = ", ".join(i.name for i in _INFOS.values() if i.kind == "kem")
        raise UnknownAlgorithm(f"unknown KEM {name!r}; available: {known}") from None


def algorithms() -> list[AlgorithmInfo]:
    """Every available algorithm with its sizes, in a stable order."""
    return list(_INFOS.values())

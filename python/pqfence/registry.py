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
    """One parameter set and its sizes in bytes, from the Rust catalogue.

    :ivar name: the standard's name, e.g. ``"ML-KEM-768"``.
    :ivar kind: ``"kem"`` or ``"signature"``.
    :ivar standard: the defining document, e.g. ``"FIPS 203"``.
    :ivar public_key_bytes: the raw public key (``public_bytes_raw()``).
    :ivar private_key_bytes: the standard's expanded private key
        (``private_bytes_expanded()``).
    :ivar seed_bytes: the compact private key, the seed (``private_bytes_raw()``).
    :ivar ciphertext_bytes: the ciphertext (KEMs; ``None`` for signatures).
    :ivar shared_secret_bytes: the shared secret (KEMs; ``None`` for signatures).
    :ivar signature_bytes: the signature, the maximum for Falcon's variable-length
        ones (signatures; ``None`` for KEMs).
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
        """The standard's name of the parameter set."""
        return self.info.name

    def generate(self) -> KEMPrivateKey:
        """A new private key from OS randomness (the class's ``generate()``).

        :returns: the private key; ``public_key()`` gives its public key.
        :raises RandomnessError: the OS random number generator failed.
        """
        key: KEMPrivateKey = self._private_cls.generate()
        return key

    def private_key_from_seed(self, seed: Buffer) -> KEMPrivateKey:
        """The private key derived from its seed (the class's ``from_seed_bytes()``).

        :param seed: the seed, ``info.seed_bytes`` long (``private_bytes_raw()``).
        :returns: the private key.
        :raises InvalidLength: the seed has the wrong length.
        """
        key: KEMPrivateKey = self._private_cls.from_seed_bytes(seed)
        return key

    def public_key_from_bytes(self, data: Buffer) -> KEMPublicKey:
        """Loads an encoded public key (the class's ``from_public_bytes()``).

        :param data: the key, ``info.public_key_bytes`` long.
        :returns: the public key.
        :raises InvalidLength: the data has the wrong length.
        :raises InvalidKey: the key fails the standard's input check.
        """
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
        """The standard's name of the parameter set."""
        return self.info.name

    def generate(self) -> SignaturePrivateKey:
        """A new private key from OS randomness (the class's ``generate()``).

        :returns: the private key; ``public_key()`` gives its public key.
        :raises RandomnessError: the OS random number generator failed.
        """
        key: SignaturePrivateKey = self._private_cls.generate()
        return key

    def private_key_from_seed(self, seed: Buffer) -> SignaturePrivateKey:
        """The private key derived from its seed (the class's ``from_seed_bytes()``).

        :param seed: the seed, ``info.seed_bytes`` long (``private_bytes_raw()``).
        :returns: the private key.
        :raises InvalidLength: the seed has the wrong length.
        """
        key: SignaturePrivateKey = self._private_cls.from_seed_bytes(seed)
        return key

    def public_key_from_bytes(self, data: Buffer) -> SignaturePublicKey:
        """Loads an encoded public key (the class's ``from_public_bytes()``).

        :param data: the key, ``info.public_key_bytes`` long.
        :returns: the public key.
        :raises InvalidLength: the data has the wrong length.
        """
        key: SignaturePublicKey = self._public_cls.from_public_bytes(data)
        return key

    def __repr__(self) -> str:
        return f"<pqfence signature scheme {self.info.name}>"


_KEMS: dict[str, KEM] = {}
_SIGS: dict[str, SignatureScheme] = {}
_INFOS: dict[str, AlgorithmInfo] = {}

# Every parameter set, from the Rust catalogue (rust/algorithms.rs): one
# record per row, with its sizes and classes.
for _rec in _native.ALGORITHMS:
    _info = AlgorithmInfo(
        name=_rec["name"],
        kind=_rec["kind"],
        standard=_rec["standard"],
        public_key_bytes=_rec["public_key_bytes"],
        private_key_bytes=_rec["private_key_bytes"],
        seed_bytes=_rec["seed_bytes"],
        ciphertext_bytes=_rec["ciphertext_bytes"],
        shared_secret_bytes=_rec["shared_secret_bytes"],
        signature_bytes=_rec["signature_bytes"],
    )
    _INFOS[_info.name] = _info
    if _info.kind == "kem":
        _KEMS[_info.name.lower()] = KEM(_info, _rec["private_key_class"], _rec["public_key_class"])
    else:
        _SIGS[_info.name.lower()] = SignatureScheme(
            _info, _rec["private_key_class"], _rec["public_key_class"]
        )


# Other names the drafts use for a set.
_KEMS["x-wing"] = _KEMS["mlkem768-x25519"]


def signature(name: str) -> SignatureScheme:
    """The signature scheme called ``name``, e.g. ``"ML-DSA-65"``.

    :param name: the standard's name of the parameter set, any case.
    :returns: the scheme: its ``info`` (sizes) and key constructors.
    :raises UnknownAlgorithm: no signature scheme of that name (the message
        lists the available ones).
    """
    try:
        return _SIGS[name.lower()]
    except (KeyError, AttributeError):
        known = ", ".join(i.name for i in _INFOS.values() if i.kind == "signature")
        raise UnknownAlgorithm(f"unknown signature scheme {name!r}; available: {known}") from None


def kem(name: str) -> KEM:
    """The KEM called ``name``, e.g. ``"ML-KEM-768"``, ``"MLKEM768-X25519"``
    (or ``"X-Wing"``), ``"id-MLKEM768-ECDH-P256-SHA3-256"``.

    :param name: the name of the parameter set, any case.
    :returns: the KEM: its ``info`` (sizes) and key constructors.
    :raises UnknownAlgorithm: no KEM of that name (the message lists the
        available ones).
    """
    try:
        return _KEMS[name.lower()]
    except (KeyError, AttributeError):
        known = ", ".join(i.name for i in _INFOS.values() if i.kind == "kem")
        raise UnknownAlgorithm(f"unknown KEM {name!r}; available: {known}") from None


def algorithms() -> list[AlgorithmInfo]:
    """Every available parameter set with its sizes.

    :returns: one ``AlgorithmInfo`` per set, by family then security category.
    """
    return list(_INFOS.values())

"""The small HPKE interface the encrypted-file format (:mod:`pqfence.cli.stream`) uses.

The format needs only HPKE's base-mode setup and its secret exporter
(draft-ietf-hpke-hpke, the revision of RFC 9180, with the ML-KEM KEMs of
draft-ietf-hpke-pq), plus a plain AEAD for the chunks:

- :func:`setup_sender` ``(suite, public_key, info) -> (enc, context)``
- :func:`setup_recipient` ``(suite, enc, private_key, info) -> context``
- ``context.export(exporter_context, length) -> bytes``
- :func:`aead_seal` / :func:`aead_open` with the suite's AEAD.

Both come from pqfence: the setup and the exporter from :mod:`pqfence.hpke`,
the chunk AEAD from ``pqfence._native.aead_seal`` / ``aead_open`` (the
RustCrypto AES-GCM and ChaCha20-Poly1305 that HPKE uses), so the command needs
no other package. tests/python/test_cli_stream.py rebuilds the format
independently (pyca/cryptography's HMAC and AEADs) as a cross-check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from pqfence import _native
from pqfence._native import KEMPrivateKey, KEMPublicKey
from pqfence.exceptions import InvalidTag

__all__ = [
    "AEADS",
    "KDFS",
    "KEMS",
    "Aead",
    "AeadInfo",
    "ExporterContext",
    "KdfInfo",
    "KemInfo",
    "Suite",
    "SuiteError",
    "aead_open",
    "aead_seal",
    "kem_for_key",
    "parse_suite",
    "setup_recipient",
    "setup_sender",
]


class SuiteError(ValueError):
    """An HPKE suite that is unknown, unsupported, or does not fit the key."""


@dataclass(frozen=True)
class KemInfo:
    """An HPKE KEM: its registry id, pqfence algorithm name and sizes."""

    kem_id: int
    algorithm: str  # the pqfence registry name of the key type
    n_enc: int
    n_secret: int


@dataclass(frozen=True)
class KdfInfo:
    """An HPKE KDF (two-stage HKDF): its registry id, name and hash."""

    kdf_id: int
    name: str
    hash_name: str  # hashlib name
    n_h: int


@dataclass(frozen=True)
class AeadInfo:
    """An HPKE AEAD: its registry id, name, key, nonce and tag sizes."""

    aead_id: int
    name: str
    n_k: int
    n_n: int
    n_t: int


# The KEMs whose keys the command loads: ML-KEM and the HPKE hybrids.
KEMS: dict[int, KemInfo] = {
    k.kem_id: k
    for k in (
        KemInfo(0x0040, "ML-KEM-512", 768, 32),
        KemInfo(0x0041, "ML-KEM-768", 1088, 32),
        KemInfo(0x0042, "ML-KEM-1024", 1568, 32),
        KemInfo(0x0050, "MLKEM768-P256", 1153, 32),
        KemInfo(0x0051, "MLKEM1024-P384", 1665, 32),
        KemInfo(0x647A, "MLKEM768-X25519", 1120, 32),
    )
}

# The two-stage KDFs (pqfence.hpke also has the one-stage SHAKE and TurboSHAKE
# ones; the format records the KDF id, so they can be added later).
KDFS: dict[int, KdfInfo] = {
    k.kdf_id: k
    for k in (
        KdfInfo(0x0001, "HKDF-SHA256", "sha256", 32),
        KdfInfo(0x0002, "HKDF-SHA384", "sha384", 48),
        KdfInfo(0x0003, "HKDF-SHA512", "sha512", 64),
    )
}

AEADS: dict[int, AeadInfo] = {
    a.aead_id: a
    for a in (
        AeadInfo(0x0001, "AES-128-GCM", 16, 12, 16),
        AeadInfo(0x0002, "AES-256-GCM", 32, 12, 16),
        AeadInfo(0x0003, "ChaCha20Poly1305", 32, 12, 16),
    )
}


@dataclass(frozen=True)
class Suite:
    """An HPKE ciphersuite (KEM, KDF, AEAD)."""

    kem: KemInfo
    kdf: KdfInfo
    aead: AeadInfo

    @property
    def suite_id(self) -> bytes:
        """``"HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2)``."""
        return (
            b"HPKE"
            + self.kem.kem_id.to_bytes(2, "big")
            + self.kdf.kdf_id.to_bytes(2, "big")
            + self.aead.aead_id.to_bytes(2, "big")
        )

    @classmethod
    def from_ids(cls, kem_id: int, kdf_id: int, aead_id: int) -> Suite:
        """The suite from its three registry identifiers (``SuiteError`` if unsupported)."""
        try:
            return cls(KEMS[kem_id], KDFS[kdf_id], AEADS[aead_id])
        except KeyError:
            raise SuiteError(
                f"unsupported HPKE suite (KEM 0x{kem_id:04x}, KDF 0x{kdf_id:04x}, "
                f"AEAD 0x{aead_id:04x})"
            ) from None


def _norm(name: str) -> str:
    return "".join(c for c in name.lower() if c not in "-_/ ")


DEFAULT_KDF = "HKDF-SHA256"
DEFAULT_AEAD = "AES-256-GCM"


def kem_for_key(algorithm: str) -> KemInfo:
    """The HPKE KEM for a key of the pqfence algorithm ``algorithm``."""
    for k in KEMS.values():
        if k.algorithm == algorithm:
            return k
    known = ", ".join(k.algorithm for k in KEMS.values())
    raise SuiteError(f"{algorithm} keys cannot be used with HPKE here (KEM keys: {known})")


def parse_suite(kem: KemInfo, spec: str | None) -> Suite:
    """The suite for ``kem`` from ``"KDF,AEAD"`` (e.g. ``"HKDF-SHA256,AES-256-GCM"``).

    Names ignore case and the separators ``-``, ``_``, ``/`` and spaces, so
    pyca/cryptography's ``HKDF_SHA256`` / ``CHACHA20_POLY1305`` work too.
    ``None`` is the default suite (HKDF-SHA256, AES-256-GCM).
    """
    kdf_name, aead_name = DEFAULT_KDF, DEFAULT_AEAD
    if spec is not None:
        parts = spec.split(",")
        if len(parts) != 2 or not all(p.strip() for p in parts):
            raise SuiteError(f"--suite takes KDF,AEAD (e.g. {DEFAULT_KDF},{DEFAULT_AEAD})")
        kdf_name, aead_name = (p.strip() for p in parts)
    kdfs = {_norm(k.name): k for k in KDFS.values()}
    aeads = {_norm(a.name): a for a in AEADS.values()}
    aeads[_norm("CHACHA20_POLY1305")] = AEADS[0x0003]
    try:
        kdf = kdfs[_norm(kdf_name)]
    except KeyError:
        known = ", ".join(k.name for k in KDFS.values())
        raise SuiteError(f"unknown KDF {kdf_name!r}; available: {known}") from None
    try:
        aead = aeads[_norm(aead_name)]
    except KeyError:
        known = ", ".join(a.name for a in AEADS.values())
        raise SuiteError(f"unknown AEAD {aead_name!r}; available: {known}") from None
    return Suite(kem, kdf, aead)


class ExporterContext(Protocol):
    """What the format needs of an HPKE context: the secret exporter."""

    def export(self, exporter_context: bytes, length: int) -> bytes: ...


# --- HPKE base mode, by pqfence.hpke ----------------------------------------


def _check_key(suite: Suite, key: Any) -> None:
    algorithm = getattr(type(key), "algorithm", None)
    if algorithm != suite.kem.algorithm:
        raise SuiteError(f"the suite's KEM is {suite.kem.algorithm}, the key is {algorithm}")


def _suite(suite: Suite) -> Any:
    """The pqfence.hpke suite with the format's identifiers."""
    from pqfence import hpke

    def member(enum: Any, ident: int) -> Any:
        members = (getattr(enum, n) for n in dir(enum) if n.isupper())
        return next(m for m in members if int(m) == ident)

    return hpke.Suite(
        member(hpke.KEM, suite.kem.kem_id),
        member(hpke.KDF, suite.kdf.kdf_id),
        member(hpke.AEAD, suite.aead.aead_id),
    )


def setup_sender(
    suite: Suite,
    public_key: KEMPublicKey,
    info: bytes,
    *,
    _encap_randomness: bytes | None = None,
) -> tuple[bytes, ExporterContext]:
    """SetupBaseS(pkR, info): ``(enc, context)``, by :mod:`pqfence.hpke`.

    ``_encap_randomness`` is a test hook (the known-answer test): the KEM's
    encapsulation randomness (the draft's ``ikmE``; ML-KEM's 32-byte ``m``).
    Never use it otherwise: the same value twice encrypts two files under one
    key.
    """
    _check_key(suite, public_key)
    hpke_suite = _suite(suite)
    if _encap_randomness is None:
        enc, ctx = hpke_suite.setup_sender(public_key, info)
    else:
        enc, ctx = hpke_suite.setup_sender_deterministic(public_key, _encap_randomness, info)
    out: tuple[bytes, ExporterContext] = (enc, ctx)
    return out


def setup_recipient(
    suite: Suite, enc: bytes, private_key: KEMPrivateKey, info: bytes
) -> ExporterContext:
    """SetupBaseR(enc, skR, info): the recipient's context, by :mod:`pqfence.hpke`."""
    _check_key(suite, private_key)
    ctx: ExporterContext = _suite(suite).setup_recipient(enc, private_key, info)
    return ctx


# --- the AEAD of the chunks: pqfence's own (Rust aes-gcm / chacha20poly1305) ---


class Aead:
    """One AEAD key: seal and open with explicit nonces and no associated data."""

    def __init__(self, aead: AeadInfo, key: bytes) -> None:
        from pqfence import hpke

        if len(key) != aead.n_k:
            raise ValueError("wrong AEAD key length")
        members = (getattr(hpke.AEAD, n) for n in dir(hpke.AEAD) if n.isupper())
        self._aead = next(m for m in members if int(m) == aead.aead_id)
        self._key = key

    def seal(self, nonce: bytes, plaintext: bytes) -> bytes:
        """``ciphertext || tag``."""
        return _native.aead_seal(self._aead, self._key, nonce, plaintext)

    def open(self, nonce: bytes, ciphertext: bytes) -> bytes | None:
        """The plaintext, or ``None`` when the tag does not verify."""
        try:
            return _native.aead_open(self._aead, self._key, nonce, ciphertext)
        except InvalidTag:
            return None


def aead_seal(aead: AeadInfo, key: bytes, nonce: bytes, plaintext: bytes) -> bytes:
    """One-shot seal (used by tests)."""
    return Aead(aead, key).seal(nonce, plaintext)


def aead_open(aead: AeadInfo, key: bytes, nonce: bytes, ciphertext: bytes) -> bytes | None:
    """One-shot open (used by tests): ``None`` when the tag does not verify."""
    return Aead(aead, key).open(nonce, ciphertext)

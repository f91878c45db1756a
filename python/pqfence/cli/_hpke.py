"""The small HPKE interface the encrypted-file format (:mod:`pqfence.cli.stream`) uses.

The format needs only HPKE's base-mode setup and its secret exporter
(draft-ietf-hpke-hpke, the revision of RFC 9180, with the ML-KEM KEMs of
draft-ietf-hpke-pq), plus a plain AEAD for the chunks:

- :func:`setup_sender` ``(suite, public_key, info) -> (enc, context)``
- :func:`setup_recipient` ``(suite, enc, private_key, info) -> context``
- ``context.export(exporter_context, length) -> bytes``
- :func:`aead_seal` / :func:`aead_open` with the suite's AEAD.

STAND-IN, PENDING ``pqfence.hpke``. The HPKE Python API (``pqfence.hpke``,
pyca-compatible ``Suite(kem, kdf, aead)`` with a context API and an exporter)
is being written on another branch. Until it lands, this module implements
the three functions above itself, in Python, for the ML-KEM KEMs
(0x0040-0x0042) and the HKDF-SHA-2 KDFs (0x0001-0x0003): ML-KEM
encapsulation from pqfence, then RFC 9180's two-stage key schedule with
``hmac``/``hashlib``. It is the standard's key schedule, not an
approximation: its exporter output matches the draft-ietf-hpke-pq test
vectors (tests/python/test_cli_stream.py), so files written now stay readable
after the swap. The AEADs are pyca/cryptography's (AESGCM, ChaCha20Poly1305),
imported only when a file is encrypted or decrypted.

To swap in ``pqfence.hpke`` (the lead's integration), replace the bodies
marked ``SWAP`` below: ``setup_sender`` / ``setup_recipient`` become
``pqfence.hpke.Suite(...).setup_sender(...)`` / ``setup_recipient(...)``,
the tables gain the hybrid KEMs (X-Wing, MLKEM768-P256, MLKEM1024-P384) and
the SHAKE KDFs, and ``aead_seal`` / ``aead_open`` can move to pqfence's own
AEADs if it exposes them. Keep the deterministic ``_encap_randomness`` hook
(the known-answer test needs it) or keep this stand-in as the test's
reference.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any, Callable, Protocol

from pqfence._native import KEMPrivateKey, KEMPublicKey

__all__ = [
    "AEADS",
    "KDFS",
    "KEMS",
    "Aead",
    "AeadInfo",
    "AeadUnavailable",
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


# SWAP: with pqfence.hpke, add the hybrid KEMs it supports here (X-Wing 0x647a,
# MLKEM768-P256 0x0050, MLKEM1024-P384 0x0051) once their keys load in Python.
KEMS: dict[int, KemInfo] = {
    k.kem_id: k
    for k in (
        KemInfo(0x0040, "ML-KEM-512", 768, 32),
        KemInfo(0x0041, "ML-KEM-768", 1088, 32),
        KemInfo(0x0042, "ML-KEM-1024", 1568, 32),
    )
}

# SWAP: pqfence.hpke also has the one-stage SHAKE128/256 and TurboSHAKE KDFs.
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


# --- STAND-IN (SWAP): RFC 9180 base mode, two-stage KDF, in Python -----------


def _labeled_extract(suite: Suite, salt: bytes, label: bytes, ikm: bytes) -> bytes:
    # LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" || suite_id || label || ikm)
    key = salt or bytes(suite.kdf.n_h)  # HKDF-Extract: an empty salt is Nh zero bytes
    return hmac.new(key, b"HPKE-v1" + suite.suite_id + label + ikm, suite.kdf.hash_name).digest()


def _labeled_expand(suite: Suite, prk: bytes, label: bytes, info: bytes, length: int) -> bytes:
    # LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id
    #                                              || label || info, L)   (RFC 5869 Expand)
    if length > 255 * suite.kdf.n_h:
        raise SuiteError(f"HPKE export length {length} exceeds 255 * Nh")
    labeled_info = length.to_bytes(2, "big") + b"HPKE-v1" + suite.suite_id + label + info
    out = b""
    block = b""
    counter = 1
    while len(out) < length:
        block = hmac.new(prk, block + labeled_info + bytes([counter]), suite.kdf.hash_name).digest()
        out += block
        counter += 1
    return out[:length]


class _StandInContext:
    """The exporter of an RFC 9180 base-mode context (the stand-in's)."""

    def __init__(self, suite: Suite, shared_secret: bytes, info: bytes) -> None:
        # KeySchedule (two-stage KDF), mode_base = 0x00, psk = psk_id = "".
        # Only exporter_secret is needed: the format never uses HPKE's own
        # key/base_nonce (the chunks are sealed with keys from the exporter).
        psk_id_hash = _labeled_extract(suite, b"", b"psk_id_hash", b"")
        info_hash = _labeled_extract(suite, b"", b"info_hash", info)
        key_schedule_context = b"\x00" + psk_id_hash + info_hash
        secret = _labeled_extract(suite, shared_secret, b"secret", b"")
        self._suite = suite
        self._exporter_secret = _labeled_expand(
            suite, secret, b"exp", key_schedule_context, suite.kdf.n_h
        )

    def export(self, exporter_context: bytes, length: int) -> bytes:
        """``Context.Export`` (two-stage): LabeledExpand(exporter_secret, "sec", ctx, L)."""
        return _labeled_expand(self._suite, self._exporter_secret, b"sec", exporter_context, length)


def _check_key(suite: Suite, key: Any) -> None:
    algorithm = getattr(type(key), "algorithm", None)
    if algorithm != suite.kem.algorithm:
        raise SuiteError(f"the suite's KEM is {suite.kem.algorithm}, the key is {algorithm}")


def setup_sender(
    suite: Suite,
    public_key: KEMPublicKey,
    info: bytes,
    *,
    _encap_randomness: bytes | None = None,
) -> tuple[bytes, ExporterContext]:
    """SetupBaseS(pkR, info): ``(enc, context)``.

    ``_encap_randomness`` is a test hook (the known-answer test): the 32-byte
    ML-KEM encapsulation randomness ``m`` (the draft's ``ikmE``). Never use it
    otherwise: the same value twice encrypts two files under one key.
    """
    _check_key(suite, public_key)
    # SWAP: pqfence.hpke.Suite(kem, kdf, aead).setup_sender(public_key, info)
    if _encap_randomness is None:
        shared_secret, enc = public_key.encapsulate()
    else:
        shared_secret, enc = public_key.encapsulate_deterministic(_encap_randomness)
    return enc, _StandInContext(suite, shared_secret, info)


def setup_recipient(
    suite: Suite, enc: bytes, private_key: KEMPrivateKey, info: bytes
) -> ExporterContext:
    """SetupBaseR(enc, skR, info): the recipient's context."""
    _check_key(suite, private_key)
    # SWAP: pqfence.hpke.Suite(kem, kdf, aead).setup_recipient(enc, private_key, info)
    shared_secret = private_key.decapsulate(enc)
    return _StandInContext(suite, shared_secret, info)


# --- the AEAD of the chunks (pyca/cryptography until pqfence exposes one) -----


class AeadUnavailable(RuntimeError):
    """pyca/cryptography, which provides the chunk AEADs for now, is not installed."""


def _aead(aead: AeadInfo, key: bytes) -> Any:
    try:
        from cryptography.hazmat.primitives.ciphers import aead as pyca_aead
    except ImportError:
        raise AeadUnavailable(
            "encrypt and decrypt need the 'cryptography' package for their AEAD "
            "(pip install cryptography)"
        ) from None
    factory: Callable[[bytes], Any] = (
        pyca_aead.AESGCM if aead.aead_id in (0x0001, 0x0002) else pyca_aead.ChaCha20Poly1305
    )
    return factory(key)


class Aead:
    """One AEAD key: seal and open with explicit nonces and no associated data."""

    def __init__(self, aead: AeadInfo, key: bytes) -> None:
        if len(key) != aead.n_k:
            raise ValueError("wrong AEAD key length")
        self._impl = _aead(aead, key)

    def seal(self, nonce: bytes, plaintext: bytes) -> bytes:
        """``ciphertext || tag``."""
        out: bytes = self._impl.encrypt(nonce, plaintext, None)
        return out

    def open(self, nonce: bytes, ciphertext: bytes) -> bytes | None:
        """The plaintext, or ``None`` when the tag does not verify."""
        from cryptography.exceptions import InvalidTag

        try:
            out: bytes = self._impl.decrypt(nonce, ciphertext, None)
        except InvalidTag:
            return None
        return out


def aead_seal(aead: AeadInfo, key: bytes, nonce: bytes, plaintext: bytes) -> bytes:
    """One-shot seal (used by tests)."""
    return Aead(aead, key).seal(nonce, plaintext)


def aead_open(aead: AeadInfo, key: bytes, nonce: bytes, ciphertext: bytes) -> bytes | None:
    """One-shot open (used by tests): ``None`` when the tag does not verify."""
    return Aead(aead, key).open(nonce, ciphertext)

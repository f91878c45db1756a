"""Key files: reading, writing and describing them.

Keys with standard OIDs (ML-KEM, ML-DSA, SLH-DSA) are PKCS#8 (private,
optionally encrypted with PBES2) and SubjectPublicKeyInfo (public), in PEM or
DER, through :mod:`pqfence.serialization`.

Falcon has no standard OID, so no PKCS#8 or SPKI. Its keys are written in a
pqfence armor: RFC 7468 textual encoding (base64 between BEGIN/END lines)
whose label names the algorithm::

    -----BEGIN PQFENCE FALCON-512 PRIVATE KEY-----            48-byte seed
    -----BEGIN PQFENCE FALCON-512 EXPANDED PRIVATE KEY-----   secret key || public key
    -----BEGIN PQFENCE FALCON-512 PUBLIC KEY-----             897-byte public key

(the specification's encodings of the secret and public keys). There is no
DER form and no encrypted form: ``--der`` and ``--encrypt`` refuse Falcon.

The small DER reader here only classifies files and reads the fields
``inspect`` shows; the keys themselves are always loaded by pqfence's own
parsers.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from pqfence import _native
from pqfence._native import PrivateKey, PublicKey
from pqfence.cli._io import CLIError, read_small
from pqfence.cli._passwords import read_password
from pqfence.exceptions import DecryptionFailed, PQFenceError
from pqfence.serialization import (
    BestAvailableEncryption,
    Encoding,
    KeySerializationEncryption,
    NoEncryption,
    PrivateFormat,
    PrivateKeyForm,
    PublicFormat,
    load_der_private_key,
    load_der_public_key,
)

__all__ = [
    "KeyFile",
    "algorithm_of",
    "classify",
    "encode_private_key",
    "encode_public_key",
    "fingerprint",
    "load_private_key",
    "load_public_key",
    "private_key_from",
    "public_key_from",
    "records",
]


def records() -> dict[str, dict[str, Any]]:
    """``_native.ALGORITHMS`` by algorithm name."""
    return {r["name"]: r for r in _native.ALGORITHMS}


def algorithm_of(key: PrivateKey | PublicKey) -> str:
    """The registry name of a key's algorithm (``"ML-DSA-65"``)."""
    name: str = getattr(type(key), "algorithm")  # noqa: B009 (a ClassVar of each final class)
    return name


def fingerprint(public_key: PublicKey) -> str:
    """``SHA256:`` and the hex SHA-256 of the raw public key bytes."""
    return "SHA256:" + hashlib.sha256(public_key.public_bytes_raw()).hexdigest()


# --- a minimal DER reader (classification and inspect only) -------------------


class _DerError(ValueError):
    pass


@dataclass
class _Tlv:
    tag: int
    value: bytes
    children: list[_Tlv] = field(default_factory=list)


def _parse_one(data: bytes, pos: int) -> tuple[_Tlv, int]:
    if pos + 2 > len(data):
        raise _DerError("truncated")
    tag = data[pos]
    if tag & 0x1F == 0x1F:
        raise _DerError("high tag numbers are not used here")
    length = data[pos + 1]
    pos += 2
    if length & 0x80:
        n = length & 0x7F
        if n == 0 or n > 4 or pos + n > len(data):
            raise _DerError("bad length")
        length = int.from_bytes(data[pos : pos + n], "big")
        pos += n
    if pos + length > len(data):
        raise _DerError("truncated")
    tlv = _Tlv(tag, data[pos : pos + length])
    if tag & 0x20:  # constructed
        tlv.children = _parse_all(tlv.value)
    return tlv, pos + length


def _parse_all(data: bytes) -> list[_Tlv]:
    out: list[_Tlv] = []
    pos = 0
    while pos < len(data):
        tlv, pos = _parse_one(data, pos)
        out.append(tlv)
    return out


def _der(data: bytes) -> _Tlv:
    tlv, end = _parse_one(data, 0)
    if end != len(data) or tlv.tag != 0x30:
        raise _DerError("not one DER SEQUENCE")
    return tlv


def _oid(tlv: _Tlv) -> str:
    if tlv.tag != 0x06 or not tlv.value:
        raise _DerError("expected an OBJECT IDENTIFIER")
    arcs: list[int] = []
    n = 0
    for b in tlv.value:
        n = (n << 7) | (b & 0x7F)
        if not b & 0x80:
            arcs.append(n)
            n = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(str(a) for a in [first, arcs[0] - 40 * first, *arcs[1:]])


def _int(tlv: _Tlv) -> int:
    if tlv.tag != 0x02:
        raise _DerError("expected an INTEGER")
    return int.from_bytes(tlv.value, "big", signed=True)


_PBES2 = "1.2.840.113549.1.5.13"
_KDFS = {"1.3.6.1.4.1.11591.4.11": "scrypt", "1.2.840.113549.1.5.12": "PBKDF2"}
_PRFS = {
    "1.2.840.113549.2.7": "HMAC-SHA1",
    "1.2.840.113549.2.8": "HMAC-SHA224",
    "1.2.840.113549.2.9": "HMAC-SHA256",
    "1.2.840.113549.2.10": "HMAC-SHA384",
    "1.2.840.113549.2.11": "HMAC-SHA512",
}
_CIPHERS = {
    "2.16.840.1.101.3.4.1.2": "AES-128-CBC",
    "2.16.840.1.101.3.4.1.22": "AES-192-CBC",
    "2.16.840.1.101.3.4.1.42": "AES-256-CBC",
    "2.16.840.1.101.3.4.1.6": "AES-128-GCM",
    "2.16.840.1.101.3.4.1.26": "AES-192-GCM",
    "2.16.840.1.101.3.4.1.46": "AES-256-GCM",
}


def _describe_pbes2(alg: _Tlv) -> str:
    """``PBES2 (scrypt N=16384 r=8 p=1, AES-256-CBC)`` from an AlgorithmIdentifier."""
    oid = _oid(alg.children[0])
    if oid != _PBES2:
        return f"unsupported scheme (OID {oid})"
    kdf_alg, cipher_alg = alg.children[1].children[:2]
    kdf_oid = _oid(kdf_alg.children[0])
    kdf = _KDFS.get(kdf_oid, f"OID {kdf_oid}")
    params = kdf_alg.children[1].children if len(kdf_alg.children) > 1 else []
    if kdf == "scrypt" and len(params) >= 4:
        kdf += f" N={_int(params[1])} r={_int(params[2])} p={_int(params[3])}"
    elif kdf == "PBKDF2" and len(params) >= 2:
        prf = "HMAC-SHA1"
        for p in params[2:]:
            if p.tag == 0x30:
                prf_oid = _oid(p.children[0])
                prf = _PRFS.get(prf_oid, f"OID {prf_oid}")
        kdf += f"-{prf} iterations={_int(params[1])}"
    cipher_oid = _oid(cipher_alg.children[0])
    return f"PBES2 ({kdf}, {_CIPHERS.get(cipher_oid, f'OID {cipher_oid}')})"


# --- classification -------------------------------------------------------------

_PEM_RE = re.compile(
    rb"-----BEGIN ([A-Z0-9 \-]+)-----\r?\n([A-Za-z0-9+/=\r\n]*?)-----END \1-----", re.S
)


@dataclass
class KeyFile:
    """What a key file is, as far as can be told without a password."""

    kind: str  # "private", "encrypted private", "public"
    container: str  # "PKCS#8", "EncryptedPrivateKeyInfo", "SubjectPublicKeyInfo", "armor"
    encoding: str  # "PEM", "DER", "armor"
    body: bytes  # DER, or the armor's raw bytes
    algorithm: str | None = None  # None while encrypted
    form: str | None = None  # "seed", "expanded", "both", "full key", "raw key"
    key_bytes: int | None = None  # size of the private/public key material
    encryption: str | None = None  # PBES2 description


def _armor_labels() -> dict[str, tuple[str, str]]:
    """``label -> (algorithm, kind)`` for the Falcon armor."""
    out: dict[str, tuple[str, str]] = {}
    for name, rec in records().items():
        if rec["pkcs8"]:
            continue
        up = f"PQFENCE {name.upper()}"
        out[f"{up} PRIVATE KEY"] = (name, "seed")
        out[f"{up} EXPANDED PRIVATE KEY"] = (name, "expanded")
        out[f"{up} PUBLIC KEY"] = (name, "public")
    return out


def _pem_block(data: bytes) -> tuple[str, bytes] | None:
    m = _PEM_RE.search(data)
    if m is None:
        return None
    try:
        body = base64.b64decode(b"".join(m.group(2).split()), validate=True)
    except binascii.Error:
        raise CLIError("malformed PEM: bad base64") from None
    return m.group(1).decode(), body


def _by_oid(oid: str) -> str | None:
    for name, rec in records().items():
        if rec["oid"] == oid:
            return name
    return None


def _classify_der(der: bytes, encoding: str) -> KeyFile:
    top = _der(der)
    kids = top.children
    if len(kids) == 2 and kids[0].tag == 0x30 and kids[1].tag == 0x03:
        oid = _oid(kids[0].children[0])
        return KeyFile(
            "public",
            "SubjectPublicKeyInfo",
            encoding,
            der,
            algorithm=_by_oid(oid) or f"unknown (OID {oid})",
            key_bytes=max(len(kids[1].value) - 1, 0),
        )
    if len(kids) == 2 and kids[0].tag == 0x30 and kids[1].tag == 0x04:
        return KeyFile(
            "encrypted private",
            "EncryptedPrivateKeyInfo",
            encoding,
            der,
            key_bytes=len(kids[1].value),
            encryption=_describe_pbes2(kids[0]),
        )
    if len(kids) >= 3 and kids[0].tag == 0x02 and kids[1].tag == 0x30 and kids[2].tag == 0x04:
        oid = _oid(kids[1].children[0])
        name = _by_oid(oid)
        kf = KeyFile(
            "private",
            "PKCS#8",
            encoding,
            der,
            algorithm=name or f"unknown (OID {oid})",
        )
        inner = kids[2].value
        family = records()[name]["family"] if name else None
        if family in ("mlkem", "mldsa") and inner:
            # ML-KEM / ML-DSA private keys are a CHOICE: seed [0], expandedKey, both
            choice = _parse_one(inner, 0)[0]
            kf.form = {0x80: "seed", 0x04: "expanded", 0x30: "both"}.get(choice.tag, "unknown")
            kf.key_bytes = len(choice.value)
        elif family == "composite":
            kf.form = "raw key"  # Composite ML-DSA: mldsaSeed || tradSK
            kf.key_bytes = len(inner)
        elif family is not None:
            kf.form = "full key"  # SLH-DSA: SK.seed || SK.prf || PK.seed || PK.root
            kf.key_bytes = len(inner)
        return kf
    raise _DerError("not a key")


def classify(data: bytes, path: str) -> KeyFile:
    """Says what ``data`` (the contents of ``path``) is; ``CLIError`` if not a key."""
    pem = _pem_block(data)
    if pem is not None:
        label, body = pem
        armor = _armor_labels().get(label)
        if armor is not None:
            name, kind = armor
            rec = records()[name]
            if kind == "public":
                return KeyFile("public", "armor", "armor", body, name, key_bytes=len(body))
            return KeyFile(
                "private",
                "armor",
                "armor",
                body,
                name,
                form=kind,
                key_bytes=len(body) - (rec["public_key_bytes"] if kind == "expanded" else 0),
            )
        if label not in ("PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PUBLIC KEY"):
            raise CLIError(f"{path}: a PEM {label!r}, not a key pqfence reads")
        try:
            return _classify_der(body, "PEM")
        except (_DerError, IndexError):
            raise CLIError(f"{path}: malformed {label}") from None
    try:
        return _classify_der(data, "DER")
    except (_DerError, IndexError):
        raise CLIError(f"{path}: not a key file (PEM, DER or pqfence armor)") from None


# --- loading --------------------------------------------------------------------


def _error(path: str, e: Exception) -> CLIError:
    return CLIError(f"{path}: {e}")


def _load_armor(kf: KeyFile, path: str) -> PrivateKey | PublicKey:
    assert kf.algorithm is not None
    rec = records()[kf.algorithm]
    try:
        if kf.kind == "public":
            pub: PublicKey = rec["public_key_class"].from_public_bytes(kf.body)
            return pub
        if kf.form == "seed":
            key: PrivateKey = rec["private_key_class"].from_seed_bytes(kf.body)
            return key
        split = len(kf.body) - rec["public_key_bytes"]
        key = rec["private_key_class"].from_expanded_bytes(kf.body[:split], kf.body[split:])
        return key
    except (PQFenceError, ValueError) as e:
        raise _error(path, e) from None


def _load_private(kf: KeyFile, path: str, passin: str | None) -> PrivateKey:
    if kf.container == "armor":
        key = _load_armor(kf, path)
        assert isinstance(key, PrivateKey)
        return key
    password = None
    if kf.kind == "encrypted private":
        password = read_password(passin, what=path)
    try:
        return load_der_private_key(kf.body, password)
    except DecryptionFailed:
        raise CLIError(f"{path}: wrong password, or the key file is damaged") from None
    except (PQFenceError, ValueError, TypeError) as e:
        raise _error(path, e) from None


def private_key_from(kf: KeyFile, path: str, passin: str | None) -> PrivateKey:
    """The private key of a classified file (asks for its password if encrypted)."""
    if kf.kind == "public":
        raise CLIError(f"{path} is a public key; this needs a private key")
    return _load_private(kf, path, passin)


def public_key_from(kf: KeyFile, path: str, passin: str | None) -> PublicKey:
    """The public key of a classified file; a private key gives its public key."""
    if kf.kind != "public":
        return _load_private(kf, path, passin).public_key()
    if kf.container == "armor":
        key = _load_armor(kf, path)
        assert isinstance(key, PublicKey)
        return key
    try:
        return load_der_public_key(kf.body)
    except (PQFenceError, ValueError) as e:
        raise _error(path, e) from None


def load_private_key(path: str, passin: str | None) -> PrivateKey:
    """The private key in ``path`` (asks for its password if it is encrypted)."""
    return private_key_from(classify(read_small(path, "key file"), path), path, passin)


def load_public_key(path: str, passin: str | None) -> PublicKey:
    """The public key in ``path``; a private key file gives its public key."""
    return public_key_from(classify(read_small(path, "key file"), path), path, passin)


# --- writing --------------------------------------------------------------------

FORMS = {
    "seed": PrivateKeyForm.SEED,
    "expanded": PrivateKeyForm.EXPANDED,
    "both": PrivateKeyForm.BOTH,
}


def _armor(label: str, body: bytes) -> bytes:
    b64 = base64.b64encode(body).decode()
    lines = "".join(f"{b64[i : i + 64]}\n" for i in range(0, len(b64), 64))
    return f"-----BEGIN {label}-----\n{lines}-----END {label}-----\n".encode()


def encode_private_key(key: PrivateKey, *, der: bool, form: str, password: bytes | None) -> bytes:
    """The private key file's contents (PKCS#8 PEM/DER, or the Falcon armor)."""
    name = algorithm_of(key)
    if not records()[name]["pkcs8"]:
        if der:
            raise CLIError(f"{name} keys have no DER form (no standard OID); omit --der")
        if password is not None:
            raise CLIError(f"{name} keys have no encrypted form (no standard OID); omit --encrypt")
        up = f"PQFENCE {name.upper()}"
        if form == "seed":
            return _armor(f"{up} PRIVATE KEY", key.private_bytes_raw())
        if form == "expanded":
            body = key.private_bytes_expanded() + key.public_key().public_bytes_raw()
            return _armor(f"{up} EXPANDED PRIVATE KEY", body)
        raise CLIError(f"{name} keys have no 'both' form; use --form seed or expanded")
    encryption: KeySerializationEncryption = (
        NoEncryption() if password is None else BestAvailableEncryption(password)
    )
    encoding = Encoding.DER if der else Encoding.PEM
    try:
        return key.private_bytes(encoding, PrivateFormat.PKCS8, encryption, FORMS[form])
    except (PQFenceError, ValueError) as e:
        raise CLIError(str(e)) from None


def encode_public_key(key: PublicKey, *, der: bool) -> bytes:
    """The public key file's contents (SPKI PEM/DER, or the Falcon armor)."""
    name = algorithm_of(key)
    if not records()[name]["pkcs8"]:
        if der:
            raise CLIError(f"{name} keys have no DER form (no standard OID); omit --der")
        return _armor(f"PQFENCE {name.upper()} PUBLIC KEY", key.public_bytes_raw())
    encoding = Encoding.DER if der else Encoding.PEM
    return key.public_bytes(encoding, PublicFormat.SubjectPublicKeyInfo)

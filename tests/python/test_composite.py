"""Composite ML-DSA (draft-ietf-lamps-pq-composite-sigs) through the Python API.

Every vector of composite-sigs/testvectors.json (read in place): the signatures
verify under the raw public key and under the SubjectPublicKeyInfo of the
vector's certificate, the private keys load raw and from PKCS#8 and sign anew,
and the certificate verifies with its own key. Both halves of every signature
are also checked by independent implementations (pyca/cryptography's ML-DSA,
EdDSA, ECDSA and RSA) over a message representative M' built here from the
draft, so the construction itself is checked, not only pqfence against itself.
Then non-separability (stripped, swapped and moved halves), mismatched halves,
key formats and the registry.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import pathlib
import pickle
import threading
import typing
from dataclasses import dataclass
from typing import Any

import pqfence
import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature as PycaInvalidSignature
from cryptography.hazmat import asn1
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric import mldsa as pyca_mldsa
from pqfence import composite, mldsa
from pqfence.exceptions import (
    ContextTooLong,
    InvalidEncoding,
    InvalidKey,
    InvalidLength,
    InvalidSignature,
    UnsupportedAlgorithm,
)
from pqfence.serialization import (
    BestAvailableEncryption,
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_der_private_key,
    load_der_public_key,
    load_pem_private_key,
    load_pem_public_key,
)

# ---------------------------------------------------------------------------
# The eighteen algorithms, from the draft's tables (written here, independently
# of the library): name, OID arc, ML-DSA level, traditional half, pre-hash,
# label.
# ---------------------------------------------------------------------------

PREFIX = b"CompositeAlgorithmSignatures2025"
ML_PK = {44: 1312, 65: 1952, 87: 2592}
ML_SIG = {44: 2420, 65: 3309, 87: 4627}


@dataclass(frozen=True)
class Alg:
    name: str
    arc: int
    level: int
    trad: tuple[Any, ...]  # ("ed25519",), ("ecdsa", curve, hash), ("pss", hash, salt), ...
    ph: str  # "sha256", "sha512" or "shake256"
    label: bytes

    @property
    def oid(self) -> str:
        return f"1.3.6.1.5.5.7.6.{self.arc}"

    @property
    def can_sign(self) -> bool:
        return self.trad[0] not in ("pss", "pkcs15")

    @property
    def stem(self) -> str:
        return self.name.replace("-", "_")

    @property
    def priv(self) -> Any:
        return getattr(composite, f"{self.stem}PrivateKey")

    @property
    def pub(self) -> Any:
        return getattr(composite, f"{self.stem}PublicKey")


def _alg(name: str, arc: int, trad: tuple[Any, ...], ph: str, label: str | None = None) -> Alg:
    return Alg(name, arc, int(name[5:7]), trad, ph, (label or f"COMPSIG-{name}").encode())


S256, S384, S512 = hashes.SHA256(), hashes.SHA384(), hashes.SHA512()
ALGS = [
    _alg("MLDSA44-RSA2048-PSS-SHA256", 37, ("pss", S256, 32), "sha256"),
    _alg("MLDSA44-RSA2048-PKCS15-SHA256", 38, ("pkcs15", S256), "sha256"),
    _alg("MLDSA44-Ed25519-SHA512", 39, ("ed25519",), "sha512"),
    _alg("MLDSA44-ECDSA-P256-SHA256", 40, ("ecdsa", ec.SECP256R1(), S256), "sha256"),
    _alg("MLDSA65-RSA3072-PSS-SHA512", 41, ("pss", S256, 32), "sha512"),
    _alg("MLDSA65-RSA3072-PKCS15-SHA512", 42, ("pkcs15", S256), "sha512"),
    _alg("MLDSA65-RSA4096-PSS-SHA512", 43, ("pss", S384, 48), "sha512"),
    _alg("MLDSA65-RSA4096-PKCS15-SHA512", 44, ("pkcs15", S384), "sha512"),
    _alg("MLDSA65-ECDSA-P256-SHA512", 45, ("ecdsa", ec.SECP256R1(), S256), "sha512"),
    _alg("MLDSA65-ECDSA-P384-SHA512", 46, ("ecdsa", ec.SECP384R1(), S384), "sha512"),
    _alg(
        "MLDSA65-ECDSA-brainpoolP256r1-SHA512",
        47,
        ("ecdsa", ec.BrainpoolP256R1(), S256),
        "sha512",
        "COMPSIG-MLDSA65-ECDSA-BP256-SHA512",
    ),
    _alg("MLDSA65-Ed25519-SHA512", 48, ("ed25519",), "sha512"),
    _alg("MLDSA87-ECDSA-P384-SHA512", 49, ("ecdsa", ec.SECP384R1(), S384), "sha512"),
    _alg(
        "MLDSA87-ECDSA-brainpoolP384r1-SHA512",
        50,
        ("ecdsa", ec.BrainpoolP384R1(), S384),
        "sha512",
        "COMPSIG-MLDSA87-ECDSA-BP384-SHA512",
    ),
    _alg("MLDSA87-Ed448-SHAKE256", 51, ("ed448",), "shake256"),
    _alg("MLDSA87-RSA3072-PSS-SHA512", 52, ("pss", S256, 32), "sha512"),
    _alg("MLDSA87-RSA4096-PSS-SHA512", 53, ("pss", S384, 48), "sha512"),
    _alg("MLDSA87-ECDSA-P521-SHA512", 54, ("ecdsa", ec.SECP521R1(), S512), "sha512"),
]
BY_NAME = {a.name: a for a in ALGS}
SIGNING = [a for a in ALGS if a.can_sign]
algs = pytest.mark.parametrize("alg", ALGS, ids=lambda a: a.name)
signing = pytest.mark.parametrize("alg", SIGNING, ids=lambda a: a.name)

MSG = b"tbsCertificate bytes"
CTX = b"application context"


def prehash(alg: Alg, m: bytes) -> bytes:
    if alg.ph == "shake256":
        return hashlib.shake_256(m).digest(64)
    return hashlib.new(alg.ph, m).digest()


def m_prime(alg: Alg, m: bytes, ctx: bytes) -> bytes:
    """M' = Prefix || Label || len(ctx) || ctx || PH(M) (draft, "Sign")."""
    return PREFIX + alg.label + bytes([len(ctx)]) + ctx + prehash(alg, m)


def split_pk(alg: Alg, pk: bytes) -> tuple[bytes, bytes]:
    return pk[: ML_PK[alg.level]], pk[ML_PK[alg.level] :]


def split_sig(alg: Alg, sig: bytes) -> tuple[bytes, bytes]:
    return sig[: ML_SIG[alg.level]], sig[ML_SIG[alg.level] :]


# ---------------------------------------------------------------------------
# pyca/cryptography as the independent implementation of each half
# ---------------------------------------------------------------------------


@asn1.sequence
class RSAPublicKey:
    modulus: int
    public_exponent: int


def pyca_verify_traditional(alg: Alg, trad_pk: bytes, sig: bytes, msg: bytes) -> None:
    """Verifies the traditional half with pyca (raises its InvalidSignature)."""
    kind = alg.trad[0]
    if kind == "ed25519":
        ed25519.Ed25519PublicKey.from_public_bytes(trad_pk).verify(sig, msg)
    elif kind == "ed448":
        ed448.Ed448PublicKey.from_public_bytes(trad_pk).verify(sig, msg)
    elif kind == "ecdsa":
        key = ec.EllipticCurvePublicKey.from_encoded_point(alg.trad[1], trad_pk)
        key.verify(sig, msg, ec.ECDSA(alg.trad[2]))
    else:
        parsed = asn1.decode_der(RSAPublicKey, trad_pk)
        rsa_key = rsa.RSAPublicNumbers(parsed.public_exponent, parsed.modulus).public_key()
        if kind == "pss":
            pad: padding.AsymmetricPadding = padding.PSS(
                mgf=padding.MGF1(alg.trad[1]), salt_length=alg.trad[2]
            )
        else:
            pad = padding.PKCS1v15()
        rsa_key.verify(sig, msg, pad, alg.trad[1])


def pyca_mldsa_public(level: int, pk: bytes) -> Any:
    cls = getattr(pyca_mldsa, f"MLDSA{level}PublicKey")
    return cls.from_public_bytes(pk)


def pyca_verify_composite(alg: Alg, pk: bytes, sig: bytes, m: bytes, ctx: bytes) -> None:
    """The draft's Verify, with pyca for both halves."""
    ml_pk, trad_pk = split_pk(alg, pk)
    ml_sig, trad_sig = split_sig(alg, sig)
    mp = m_prime(alg, m, ctx)
    pyca_mldsa_public(alg.level, ml_pk).verify(ml_sig, mp, alg.label)
    pyca_verify_traditional(alg, trad_pk, trad_sig, mp)


# ---------------------------------------------------------------------------
# Certificates: pyca parses them; its declarative ASN.1 extracts the SPKI
# (re-encoded in DER, which is canonical, so the bytes are the certificate's).
# ---------------------------------------------------------------------------


@asn1.sequence
class AlgorithmIdentifier:
    algorithm: x509.ObjectIdentifier


@asn1.sequence
class SubjectPublicKeyInfo:
    algorithm: AlgorithmIdentifier
    subject_public_key: asn1.BitString


@asn1.sequence
class TBSCertificate:
    version: typing.Annotated[int, asn1.Explicit(0)]
    serial_number: int
    signature: AlgorithmIdentifier
    issuer: asn1.TLV
    validity: asn1.TLV
    subject: asn1.TLV
    subject_public_key_info: SubjectPublicKeyInfo
    extensions: typing.Annotated[list[asn1.TLV] | None, asn1.Explicit(3)]


@dataclass
class Certificate:
    tbs: bytes
    spki: bytes
    signature: bytes
    signature_oid: str
    spki_oid: str


def certificate(der: bytes) -> Certificate:
    cert = x509.load_der_x509_certificate(der)
    tbs = cert.tbs_certificate_bytes
    spki = asn1.decode_der(TBSCertificate, tbs).subject_public_key_info
    spki_der = asn1.encode_der(spki)
    assert spki_der in tbs
    return Certificate(
        tbs,
        spki_der,
        cert.signature,
        cert.signature_algorithm_oid.dotted_string,
        spki.algorithm.algorithm.dotted_string,
    )


# ---------------------------------------------------------------------------
# Vectors
# ---------------------------------------------------------------------------


@dataclass
class Vectors:
    m: bytes
    ctx: bytes
    tests: dict[str, dict[str, bytes]]


@pytest.fixture(scope="module")
def vecs(vectors: pathlib.Path) -> Vectors:
    raw = json.loads((vectors / "composite-sigs" / "testvectors.json").read_text())
    tests = {
        t["tcId"]: {k: base64.b64decode(v) for k, v in t.items() if k != "tcId"}
        for t in raw["tests"]
    }
    return Vectors(base64.b64decode(raw["m"]), base64.b64decode(raw["ctx"]), tests)


def test_the_vectors_cover_every_algorithm(vecs: Vectors) -> None:
    composites = sorted(t for t in vecs.tests if not t.startswith("id-ML-DSA-"))
    assert composites == sorted(f"id-{a.name}" for a in ALGS)
    assert len(vecs.tests) == 21


@algs
def test_vector(alg: Alg, vecs: Vectors) -> None:
    t = vecs.tests[f"id-{alg.name}"]
    m, ctx = vecs.m, vecs.ctx

    # The catalogue's sizes are bounds (RSA keys and ECDSA signatures vary).
    info = pqfence.signature(alg.name).info
    assert len(t["pk"]) <= info.public_key_bytes
    assert len(t["sk"]) <= info.seed_bytes == info.private_key_bytes
    assert max(len(t["s"]), len(t["sWithContext"])) <= info.signature_bytes  # type: ignore[operator]

    # s and sWithContext under pk, and checked by the independent halves.
    pub = alg.pub.from_public_bytes(t["pk"])
    assert type(pub) is alg.pub
    assert pub.algorithm == alg.name
    pub.verify(t["s"], m)
    pub.verify(t["sWithContext"], m, context=ctx)
    pyca_verify_composite(alg, t["pk"], t["s"], m, b"")
    pyca_verify_composite(alg, t["pk"], t["sWithContext"], m, ctx)
    with pytest.raises(InvalidSignature):
        pub.verify(t["s"], m, context=ctx)
    with pytest.raises(InvalidSignature):
        pub.verify(t["sWithContext"], m)

    # The same under the SPKI of the certificate, which verifies with its own key.
    cert = certificate(t["x5c"])
    assert cert.signature_oid == cert.spki_oid == alg.oid
    from_cert = load_der_public_key(cert.spki)
    assert type(from_cert) is alg.pub
    assert from_cert == pub
    assert from_cert.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo) == cert.spki
    from_cert.verify(t["s"], m)
    from_cert.verify(t["sWithContext"], m, context=ctx)
    from_cert.verify(cert.signature, cert.tbs)
    pyca_verify_composite(alg, t["pk"], cert.signature, cert.tbs, b"")
    with pytest.raises(InvalidSignature):
        from_cert.verify(cert.signature, cert.tbs[:-1] + bytes([cert.tbs[-1] ^ 1]))

    # sk and sk_pkcs8 load, agree, and write back the same bytes.
    sk = alg.priv.from_private_bytes(t["sk"])
    assert type(sk) is alg.priv
    assert sk.public_key() == pub
    assert sk.private_bytes_raw() == t["sk"]
    assert alg.priv.from_seed_bytes(t["sk"]) == sk
    assert load_der_private_key(t["sk_pkcs8"]) == sk
    assert sk.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption()) == t["sk_pkcs8"]
    assert sk.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()) == t["sk"]

    # Sign anew (or, for RSA, be refused with the reason).
    if alg.can_sign:
        for key in (sk, load_der_private_key(t["sk_pkcs8"])):
            sig = key.sign(m, context=ctx)
            pub.verify(sig, m, context=ctx)
            from_cert.verify(sig, m, context=ctx)
            pyca_verify_composite(alg, t["pk"], sig, m, ctx)
        det = sk.sign_deterministic(m)
        assert det == sk.sign_deterministic(m)
        pyca_verify_composite(alg, t["pk"], det, m, b"")
    else:
        for call in (lambda: sk.sign(m), lambda: sk.sign_deterministic(m), alg.priv.generate):
            with pytest.raises(UnsupportedAlgorithm, match="RUSTSEC-2023-0071"):
                call()


@pytest.mark.parametrize("level", [44, 65, 87])
def test_plain_mldsa_vectors(level: int, vecs: Vectors) -> None:
    """The three plain ML-DSA entries (the draft's debugging aids)."""
    t = vecs.tests[f"id-ML-DSA-{level}"]
    priv = getattr(mldsa, f"MLDSA{level}PrivateKey")
    sk = priv.from_seed_bytes(t["sk"])
    assert load_der_private_key(t["sk_pkcs8"]) == sk
    assert sk.public_key().public_bytes_raw() == t["pk"]
    pub = sk.public_key()
    pub.verify(t["s"], vecs.m)
    pub.verify(t["sWithContext"], vecs.m, context=vecs.ctx)
    cert = certificate(t["x5c"])
    assert load_der_public_key(cert.spki) == pub
    pub.verify(cert.signature, cert.tbs)


# ---------------------------------------------------------------------------
# Non-separability
# ---------------------------------------------------------------------------


def fresh(alg: Alg) -> tuple[Any, bytes, bytes]:
    """A new key, its raw public key and a signature of MSG under CTX."""
    sk = alg.priv.generate()
    return sk, sk.public_key().public_bytes_raw(), sk.sign(MSG, context=CTX)


@signing
def test_stripped_or_swapped_halves_fail(alg: Alg) -> None:
    sk1, pk1, s1 = fresh(alg)
    sk2, pk2, s2 = fresh(alg)
    pub1, pub2 = sk1.public_key(), sk2.public_key()
    ml1, trad1 = split_sig(alg, s1)
    ml2, trad2 = split_sig(alg, s2)
    for bad in (ml1, trad1, b"", ml1 + ml1[: len(trad1)], s1 + b"\x00", s1[:-1]):
        with pytest.raises(InvalidSignature):
            pub1.verify(bad, MSG, context=CTX)
    for mixed in (ml1 + trad2, ml2 + trad1):
        for pub in (pub1, pub2):
            with pytest.raises(InvalidSignature):
                pub.verify(mixed, MSG, context=CTX)
    # A public key made of one half of each: loads, verifies neither signature.
    mixed_pub = alg.pub.from_public_bytes(split_pk(alg, pk1)[0] + split_pk(alg, pk2)[1])
    for sig in (s1, s2):
        with pytest.raises(InvalidSignature):
            mixed_pub.verify(sig, MSG, context=CTX)


@signing
def test_halves_alone_verify_only_over_m_prime(alg: Alg) -> None:
    """Moved to the standalone algorithm, neither half verifies the message;
    each verifies (under pqfence's and pyca's ML-DSA, and pyca's traditional
    algorithm) only over M', the ML-DSA half with the label as its context."""
    _, pk, sig = fresh(alg)
    ml_pk, trad_pk = split_pk(alg, pk)
    ml_sig, trad_sig = split_sig(alg, sig)
    mp = m_prime(alg, MSG, CTX)
    ours = getattr(mldsa, f"MLDSA{alg.level}PublicKey").from_public_bytes(ml_pk)
    theirs = pyca_mldsa_public(alg.level, ml_pk)
    for msg, ctx in ((MSG, CTX), (MSG, b""), (mp, b""), (mp, CTX)):
        with pytest.raises(InvalidSignature):
            ours.verify(ml_sig, msg, context=ctx)
        with pytest.raises(PycaInvalidSignature):
            theirs.verify(ml_sig, msg, ctx)
    ours.verify(ml_sig, mp, context=alg.label)
    theirs.verify(ml_sig, mp, alg.label)
    with pytest.raises(PycaInvalidSignature):
        pyca_verify_traditional(alg, trad_pk, trad_sig, MSG)
    pyca_verify_traditional(alg, trad_pk, trad_sig, mp)


def twin(alg: Alg) -> Alg | None:
    """The RSA composite whose keys have the same form (PSS and PKCS#1 v1.5)."""
    for a, b in (("-PSS-", "-PKCS15-"), ("-PKCS15-", "-PSS-")):
        if a in alg.name:
            return BY_NAME.get(alg.name.replace(a, b))
    return None


@algs
def test_signatures_moved_to_another_composite_fail(alg: Alg, vecs: Vectors) -> None:
    """A vector's key bytes under every other composite OID (raw, and as an
    SPKI whose OID was changed) either fail to load or verify nothing. The
    RSA keys of a PSS composite are also keys of its PKCS#1 v1.5 twin, and
    the other way round: there the key loads, and the signature fails."""
    t = vecs.tests[f"id-{alg.name}"]
    pk, sigs = t["pk"], ((t["s"], b""), (t["sWithContext"], vecs.ctx))
    moved = []
    for other in ALGS:
        if other is alg:
            continue
        candidates = []
        with contextlib.suppress(InvalidKey, InvalidLength):
            candidates.append(other.pub.from_public_bytes(pk))
        other_spki = asn1.encode_der(
            SubjectPublicKeyInfo(
                algorithm=AlgorithmIdentifier(algorithm=x509.ObjectIdentifier(other.oid)),
                subject_public_key=asn1.BitString(data=pk, padding_bits=0),
            )
        )
        with contextlib.suppress(InvalidKey, InvalidLength, InvalidEncoding):
            candidates.append(load_der_public_key(other_spki))
        for key in candidates:
            assert type(key) is other.pub
            moved.append(other.name)
            for sig, ctx in sigs:
                with pytest.raises(InvalidSignature):
                    key.verify(sig, vecs.m, context=ctx)
    twin_alg = twin(alg)
    assert moved == ([twin_alg.name] * 2 if twin_alg else [])


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("MLDSA65-ECDSA-P256-SHA512", "MLDSA65-Ed25519-SHA512"),
        ("MLDSA87-Ed448-SHAKE256", "MLDSA87-ECDSA-P384-SHA512"),
        ("MLDSA44-Ed25519-SHA512", "MLDSA44-ECDSA-P256-SHA256"),
    ],
)
def test_mldsa_half_moved_to_another_composite_fails(one: str, two: str) -> None:
    """Key reuse across composites (which the draft forbids) still does not
    let a half move: the label binds the ML-DSA half to its composite."""
    a, b = BY_NAME[one], BY_NAME[two]
    _, pk1, s1 = fresh(a)
    _, pk2, s2 = fresh(b)
    key = b.pub.from_public_bytes(split_pk(a, pk1)[0] + split_pk(b, pk2)[1])
    with pytest.raises(InvalidSignature):
        key.verify(split_sig(a, s1)[0] + split_sig(b, s2)[1], MSG, context=CTX)


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("MLDSA44-Ed25519-SHA512", "MLDSA65-Ed25519-SHA512"),
        ("MLDSA65-ECDSA-P384-SHA512", "MLDSA87-ECDSA-P384-SHA512"),
        ("MLDSA44-ECDSA-P256-SHA256", "MLDSA65-ECDSA-P256-SHA512"),
    ],
)
def test_traditional_half_moved_to_another_composite_fails(one: str, two: str) -> None:
    a, b = BY_NAME[one], BY_NAME[two]
    _, pk1, s1 = fresh(a)
    _, pk2, s2 = fresh(b)
    key = b.pub.from_public_bytes(split_pk(b, pk2)[0] + split_pk(a, pk1)[1])
    with pytest.raises(InvalidSignature):
        key.verify(split_sig(b, s2)[0] + split_sig(a, s1)[1], MSG, context=CTX)
    b.pub.from_public_bytes(pk2).verify(s2, MSG, context=CTX)  # control


# ---------------------------------------------------------------------------
# Mismatched halves and strict keys
# ---------------------------------------------------------------------------


@asn1.sequence
class OneAsymmetricKey:
    version: int
    algorithm: AlgorithmIdentifier
    private_key: bytes
    public_key: typing.Annotated[asn1.BitString | None, asn1.Implicit(1)]


def pkcs8_v2(alg: Alg, raw: bytes, public: bytes) -> bytes:
    return asn1.encode_der(
        OneAsymmetricKey(
            version=1,
            algorithm=AlgorithmIdentifier(algorithm=x509.ObjectIdentifier(alg.oid)),
            private_key=raw,
            public_key=asn1.BitString(data=public, padding_bits=0),
        )
    )


@pytest.mark.parametrize(
    "alg",
    [BY_NAME["MLDSA65-ECDSA-P256-SHA512"], BY_NAME["MLDSA87-Ed448-SHAKE256"]],
    ids=lambda a: a.name,
)
def test_keys_of_mismatched_halves_are_refused(alg: Alg) -> None:
    sk1, pk1, _ = fresh(alg)
    sk2, pk2, _ = fresh(alg)
    raw1 = sk1.private_bytes_raw()
    assert load_der_private_key(pkcs8_v2(alg, raw1, pk1)) == sk1
    ml1, trad1 = split_pk(alg, pk1)
    ml2, trad2 = split_pk(alg, pk2)
    for public in (ml1 + trad2, ml2 + trad1, pk2):
        with pytest.raises(InvalidKey):
            load_der_private_key(pkcs8_v2(alg, raw1, public))
    # A private key whose halves come from two keys is a third key: its
    # public key is neither, and neither key's signatures verify under it.
    mixed = alg.priv.from_private_bytes(raw1[:32] + sk2.private_bytes_raw()[32:])
    assert mixed.public_key().public_bytes_raw() == ml1 + trad2
    with pytest.raises(InvalidSignature):
        mixed.public_key().verify(sk1.sign(MSG), MSG)


def test_traditional_halves_of_the_wrong_kind_are_refused(vecs: Vectors) -> None:
    t = vecs.tests
    p256 = t["id-MLDSA65-ECDSA-P256-SHA512"]["sk"]
    ed25519_sk = t["id-MLDSA65-Ed25519-SHA512"]["sk"]
    rsa2048 = t["id-MLDSA44-RSA2048-PSS-SHA256"]["sk"]
    refused = (InvalidKey, InvalidLength)
    for cls, raw in [
        (composite.MLDSA65_ECDSA_P384_SHA512PrivateKey, p256),
        (composite.MLDSA65_ECDSA_brainpoolP256r1_SHA512PrivateKey, p256),
        (composite.MLDSA87_Ed448_SHAKE256PrivateKey, ed25519_sk),
        (composite.MLDSA65_Ed25519_SHA512PrivateKey, ed25519_sk[:63]),
        (composite.MLDSA65_Ed25519_SHA512PrivateKey, ed25519_sk[:32]),
        (composite.MLDSA65_RSA3072_PSS_SHA512PrivateKey, rsa2048),
    ]:
        with pytest.raises(refused):
            cls.from_private_bytes(raw)
    # A PKCS#8 file names its algorithm: the same key under another OID fails.
    der = t["id-MLDSA65-ECDSA-P256-SHA512"]["sk_pkcs8"]
    other = der.replace(
        bytes.fromhex("06082b0601050507062d"), bytes.fromhex("06082b0601050507062e")
    )
    assert other != der
    with pytest.raises(refused):
        load_der_private_key(other)
    # Public keys: compressed points, wrong lengths.
    pk = t["id-MLDSA65-ECDSA-P256-SHA512"]["pk"]
    ml, point = pk[:1952], pk[1952:]
    compressed = bytes([2 | (point[-1] & 1)]) + point[1:33]
    for bad in (ml + compressed, pk[:-1], pk + b"\x00", ml):
        with pytest.raises(refused):
            composite.MLDSA65_ECDSA_P256_SHA512PublicKey.from_public_bytes(bad)


# ---------------------------------------------------------------------------
# API: formats, registry, contexts, buffers
# ---------------------------------------------------------------------------


@signing
def test_key_formats_round_trip(alg: Alg) -> None:
    sk = alg.priv.generate()
    pub = sk.public_key()
    pem = sk.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    assert pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert load_pem_private_key(pem) == sk
    locked = sk.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(b"pw"))
    assert locked.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert load_pem_private_key(locked, password=b"pw") == sk
    spki = pub.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    again = load_pem_public_key(spki)
    assert type(again) is alg.pub
    assert again == pub
    assert alg.pub.from_public_bytes(pub.public_bytes_raw()) == pub
    assert alg.priv.from_private_bytes(sk.private_bytes_raw()) == sk
    assert pickle.loads(pickle.dumps(pub)) == pub
    with pytest.raises(TypeError):
        pickle.dumps(sk)
    assert sk.private_bytes_raw()[:8].hex() not in repr(sk)
    assert alg.name in repr(sk)
    assert "redacted" in repr(sk)


@algs
def test_registry(alg: Alg) -> None:
    scheme = pqfence.signature(alg.name)
    assert scheme.name == alg.name
    assert pqfence.signature(alg.name.lower()) is scheme
    info = scheme.info
    assert info.kind == "signature"
    assert info.standard == "draft-ietf-lamps-pq-composite-sigs"
    assert alg.priv.__name__ == f"{alg.stem}PrivateKey"
    assert alg.priv.__name__ in composite.__all__
    assert alg.pub.__name__ in composite.__all__
    assert issubclass(alg.priv, pqfence._native.CompositePrivateKey)
    assert issubclass(alg.pub, pqfence._native.CompositePublicKey)
    assert alg.priv.algorithm == alg.pub.algorithm == alg.name
    if alg.can_sign:
        key = scheme.generate()
        assert type(key) is alg.priv
        assert info.public_key_bytes == len(key.public_key().public_bytes_raw())
        assert info.seed_bytes >= len(key.private_bytes_raw())
        assert scheme.private_key_from_seed(key.private_bytes_raw()) == key
        sig = key.sign(MSG)
        assert len(sig) <= info.signature_bytes  # type: ignore[operator]
        scheme.public_key_from_bytes(key.public_key().public_bytes_raw()).verify(sig, MSG)
    else:
        with pytest.raises(UnsupportedAlgorithm):
            scheme.generate()


def test_every_composite_is_registered() -> None:
    names = {i.name for i in pqfence.algorithms() if i.standard.endswith("composite-sigs")}
    assert names == set(BY_NAME)
    assert len(composite.__all__) == 2 * len(ALGS)


def test_context_bounds_and_buffers() -> None:
    sk = composite.MLDSA65_Ed25519_SHA512PrivateKey.generate()
    pub = sk.public_key()
    sig = sk.sign(bytearray(MSG), context=memoryview(b"x" * 255))
    pub.verify(memoryview(sig), bytearray(MSG), context=b"x" * 255)
    with pytest.raises(ContextTooLong):
        sk.sign(MSG, context=b"x" * 256)
    with pytest.raises(ContextTooLong):
        pub.verify(sig, MSG, context=b"x" * 256)
    with pytest.raises(TypeError):
        sk.sign("text")  # type: ignore[arg-type]
    # Hedged signing: two signatures differ (ML-DSA and ECDSA draw randomness).
    ec_key = composite.MLDSA44_ECDSA_P256_SHA256PrivateKey.generate()
    assert ec_key.sign(MSG) != ec_key.sign(MSG)
    assert ec_key.sign_deterministic(MSG) == ec_key.sign_deterministic(MSG)


def test_threads_share_keys() -> None:
    """Eight threads sign (deterministically), verify and load with shared
    keys (the GIL released around each call): the single-thread results."""
    keys = [
        BY_NAME[n].priv.generate() for n in ("MLDSA65-ECDSA-P256-SHA512", "MLDSA87-Ed448-SHAKE256")
    ]

    def op(j: int) -> bytes:
        key = keys[j % 2]
        msg = MSG + bytes([j % 256])
        sig: bytes = key.sign_deterministic(msg, context=CTX)
        key.public_key().verify(sig, msg, context=CTX)
        again = type(key).from_private_bytes(key.private_bytes_raw())
        return sig + again.public_key().public_bytes_raw()[:8]

    reference = [op(j) for j in range(64)]
    results: dict[int, list[bytes]] = {}

    def run(t: int) -> None:
        results[t] = [op((t * 8 + i) % 64) for i in range(64)]

    threads = [threading.Thread(target=run, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for t in range(8):
        assert results[t] == [reference[(t * 8 + i) % 64] for i in range(64)]

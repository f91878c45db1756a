"""ML-DSA through the Python API: KAT records, pyca/dilithium-py/pqcrypto as
oracles, external mu, pre-hash, properties and bad input."""

from __future__ import annotations

import hashlib
import pathlib
import pickle
import threading
from dataclasses import dataclass
from typing import Any

import pqfence
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pqfence import mldsa
from pqfence.exceptions import (
    ContextTooLong,
    InvalidKey,
    InvalidLength,
    InvalidSignature,
    UnknownAlgorithm,
)

from .conftest import read_rsp


@dataclass(frozen=True)
class Variant:
    name: str
    level: int
    priv: Any
    pub: Any
    pk: int
    sk: int
    sig: int


VARIANTS = [
    Variant("ML-DSA-44", 44, mldsa.MLDSA44PrivateKey, mldsa.MLDSA44PublicKey, 1312, 2560, 2420),
    Variant("ML-DSA-65", 65, mldsa.MLDSA65PrivateKey, mldsa.MLDSA65PublicKey, 1952, 4032, 3309),
    Variant("ML-DSA-87", 87, mldsa.MLDSA87PrivateKey, mldsa.MLDSA87PublicKey, 2592, 4896, 4627),
]
variants = pytest.mark.parametrize("v", VARIANTS, ids=lambda v: v.name)

# Pre-hash functions: our name, hashlib constructor, OID arc, digest bytes.
PREHASH = [
    ("SHA-256", "sha256", 1, 32),
    ("SHA-384", "sha384", 2, 48),
    ("SHA-512", "sha512", 3, 64),
    ("SHA-224", "sha224", 4, 28),
    ("SHA-512/224", "sha512_224", 5, 28),
    ("SHA-512/256", "sha512_256", 6, 32),
    ("SHA3-224", "sha3_224", 7, 28),
    ("SHA3-256", "sha3_256", 8, 32),
    ("SHA3-384", "sha3_384", 9, 48),
    ("SHA3-512", "sha3_512", 10, 64),
    ("SHAKE128", "shake_128", 11, 32),
    ("SHAKE256", "shake_256", 12, 64),
]


def digest(hname: str, size: int, msg: bytes) -> bytes:
    h = hashlib.new(hname, msg)
    return h.digest(size) if hname.startswith("shake") else h.digest()  # type: ignore[call-arg]


def hash_m_prime(ctx: bytes, arc: int, dg: bytes) -> bytes:
    """FIPS 204 Algorithm 4's M', written independently of the library."""
    oid = bytes([0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, arc])
    return b"\x01" + bytes([len(ctx)]) + ctx + oid + dg


@variants
def test_kat_file_every_record(v: Variant, vectors: pathlib.Path) -> None:
    records = read_rsp(
        vectors / f"pyca-cryptography-vectors-50.0.2/MLDSA/kat_MLDSA_{v.level}_det_pure.rsp"
    )
    assert len(records) == 100
    for r in records:
        sk = v.priv.from_seed_bytes(bytes.fromhex(r["xi"]))
        pk = sk.public_key()
        assert pk.public_bytes_raw().hex() == r["pk"]
        assert sk.private_bytes_expanded().hex() == r["sk"]
        msg, ctx = bytes.fromhex(r["msg"]), bytes.fromhex(r["ctx"])
        sig = sk.sign_deterministic(msg, ctx)
        assert (sig + msg).hex() == r["sm"]
        pk.verify(sig, msg, ctx)
        with pytest.raises(InvalidSignature):
            pk.verify(sig, msg, ctx[:-1])


# --- pyca/cryptography -----------------------------------------------------------


@variants
def test_interop_pyca(v: Variant) -> None:
    pyca = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.mldsa")
    from cryptography.exceptions import InvalidSignature as PycaInvalidSignature

    pyca_priv = getattr(pyca, f"MLDSA{v.level}PrivateKey")
    for ctx in (None, b"context"):
        ours = v.priv.generate()
        theirs = pyca_priv.from_seed_bytes(ours.private_bytes_raw())
        assert theirs.public_key().public_bytes_raw() == ours.public_key().public_bytes_raw()
        msg = b"interop message"
        kwargs = {} if ctx is None else {"context": ctx}
        # pyca signs, we verify; we sign, pyca verifies.
        ours.public_key().verify(theirs.sign(msg, **kwargs), msg, ctx)
        theirs.public_key().verify(ours.sign(msg, ctx), msg, **kwargs)
        with pytest.raises(PycaInvalidSignature):
            theirs.public_key().verify(ours.sign(msg + b"!", ctx), msg, **kwargs)
        # External mu: both libraries compute the same mu; signatures cross over.
        h1 = pyca.MLDSAMuHasher(theirs.public_key(), **kwargs)
        h2 = mldsa.MLDSAMuHasher(ours.public_key(), ctx)
        for part in (b"streamed ", b"in ", b"pieces"):
            h1.update(part)
            h2.update(part)
        mu = h2.finalize()
        assert h1.finalize() == mu
        ours.public_key().verify_mu(theirs.sign_mu(mu), mu)
        ours.public_key().verify(theirs.sign_mu(mu), b"streamed in pieces", ctx)
        theirs.public_key().verify_mu(ours.sign_mu(mu), mu)


# --- dilithium-py: HashML-DSA, deterministic, byte-identical ----------------------


@variants
@pytest.mark.parametrize(("name", "hname", "arc", "size"), PREHASH, ids=[p[0] for p in PREHASH])
def test_hash_ml_dsa_matches_dilithium_py(
    v: Variant, name: str, hname: str, arc: int, size: int
) -> None:
    dpy = pytest.importorskip("dilithium_py.ml_dsa")
    impl = getattr(dpy, f"ML_DSA_{v.level}")
    sk = v.priv.from_seed_bytes(bytes([v.level]) * 32)
    msg, ctx = b"pre-hashed message", b"ctx"
    m_prime = hash_m_prime(ctx, arc, digest(hname, size, msg))
    expected = impl._sign_internal(sk.private_bytes_expanded(), m_prime, bytes(32))
    assert sk.sign_prehash(msg, name, ctx, deterministic=True) == expected
    dg = digest(hname, size, msg)
    assert sk.sign_prehashed(dg, name, ctx, deterministic=True) == expected
    pk = sk.public_key()
    pk.verify_prehash(expected, msg, name, ctx)
    pk.verify_prehashed(expected, dg, name, ctx)
    assert impl._verify_internal(pk.public_bytes_raw(), m_prime, sk.sign_prehash(msg, name, ctx))


def test_pure_signing_matches_dilithium_py() -> None:
    dpy = pytest.importorskip("dilithium_py.ml_dsa")
    for v in VARIANTS:
        impl = getattr(dpy, f"ML_DSA_{v.level}")
        sk = v.priv.generate()
        sig = impl.sign(sk.private_bytes_expanded(), b"m", ctx=b"c", deterministic=True)
        assert sk.sign_deterministic(b"m", b"c") == sig
        assert impl.verify(sk.public_key().public_bytes_raw(), b"m", sk.sign(b"m", b"c"), b"c")


# --- pqcrypto: pre-hash interop (its API takes the digest) --------------------------


@variants
def test_prehash_interop_pqcrypto(v: Variant) -> None:
    pqcrypto = pytest.importorskip("pqcrypto")
    mod = pytest.importorskip(f"pqcrypto.sign.ml_dsa_{v.level}")
    names = {
        "SHA-224": "Sha224",
        "SHA-256": "Sha256",
        "SHA-384": "Sha384",
        "SHA-512": "Sha512",
        "SHA-512/224": "Sha512_224",
        "SHA-512/256": "Sha512_256",
        "SHA3-224": "Sha3_224",
        "SHA3-256": "Sha3_256",
        "SHA3-384": "Sha3_384",
        "SHA3-512": "Sha3_512",
        "SHAKE128": "Shake128",
        "SHAKE256": "Shake256",
    }
    qpk, qsk = mod.keygen()
    theirs = v.pub.from_public_bytes(qpk)
    ours = v.priv.generate()
    our_pk = ours.public_key().public_bytes_raw()
    msg, ctx = b"pre-hash interop", b"ctx"
    for name, hname, _arc, size in PREHASH:
        alg = getattr(pqcrypto.HashAlgorithm, names[name])
        dg = digest(hname, size, msg)
        theirs.verify_prehash(mod.sign(qsk, dg, ctx, alg), msg, name, ctx)
        mod.verify(our_pk, dg, ours.sign_prehash(msg, name, ctx), ctx, alg)


# --- properties ------------------------------------------------------------------


@variants
@settings(max_examples=15, deadline=None)
@given(
    seed=st.binary(min_size=32, max_size=32),
    msg=st.binary(max_size=300),
    ctx=st.binary(max_size=255),
)
def test_random_round_trips(v: Variant, seed: bytes, msg: bytes, ctx: bytes) -> None:
    sk = v.priv.from_seed_bytes(seed)
    assert sk.private_bytes_raw() == seed
    sig = sk.sign(msg, ctx)
    assert len(sig) == v.sig
    sk.public_key().verify(sig, msg, ctx)
    assert v.priv.from_expanded_bytes(sk.private_bytes_expanded()) == sk


@variants
@settings(max_examples=40, deadline=None)
@given(bit=st.integers(min_value=0))
def test_single_bit_flips_rejected(v: Variant, bit: int) -> None:
    sk = v.priv.from_seed_bytes(b"\x07" * 32)
    sig = bytearray(sk.sign_deterministic(b"msg"))
    bit %= len(sig) * 8
    sig[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(InvalidSignature):
        sk.public_key().verify(sig, b"msg")


@pytest.mark.parametrize(
    "v",
    [VARIANTS[0], *(pytest.param(v, marks=pytest.mark.slow) for v in VARIANTS[1:])],
    ids=lambda v: v.name,
)
def test_every_bit_flip_of_one_signature_rejected(v: Variant) -> None:
    sk = v.priv.from_seed_bytes(b"\x09" * 32)
    pk = sk.public_key()
    sig = sk.sign_deterministic(b"msg")
    buf = bytearray(sig)
    for bit in range(len(buf) * 8):
        buf[bit // 8] ^= 1 << (bit % 8)
        with pytest.raises(InvalidSignature):
            pk.verify(buf, b"msg")
        buf[bit // 8] ^= 1 << (bit % 8)


@variants
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.large_base_example])
@given(data=st.data())
def test_random_bytes_never_crash(v: Variant, data: st.DataObject) -> None:
    pk = v.priv.from_seed_bytes(b"\x01" * 32).public_key()
    sig = data.draw(
        st.one_of(st.binary(max_size=v.sig + 10), st.binary(min_size=v.sig, max_size=v.sig))
    )
    with pytest.raises(InvalidSignature):
        pk.verify(sig, b"msg")
    raw = data.draw(st.binary(max_size=v.pk + 10))
    if len(raw) == v.pk:
        with pytest.raises(InvalidSignature):
            v.pub.from_public_bytes(raw).verify(b"\x00" * v.sig, b"msg")
    else:
        with pytest.raises(InvalidLength):
            v.pub.from_public_bytes(raw)
    sk_raw = data.draw(st.binary(min_size=v.sk, max_size=v.sk))
    with pytest.raises(InvalidKey):
        v.priv.from_expanded_bytes(sk_raw)


@variants
def test_context_limits(v: Variant) -> None:
    sk = v.priv.generate()
    sk.public_key().verify(sk.sign(b"m", b"\x00" * 255), b"m", b"\x00" * 255)
    with pytest.raises(ContextTooLong, match="at most 255 bytes, got 256"):
        sk.sign(b"m", b"\x00" * 256)
    with pytest.raises(ContextTooLong):
        sk.public_key().verify(b"\x00" * v.sig, b"m", b"\x00" * 256)
    with pytest.raises(ContextTooLong):
        mldsa.MLDSAMuHasher(sk.public_key(), b"\x00" * 256)


def test_prehash_argument_forms() -> None:
    hashes = pytest.importorskip("cryptography.hazmat.primitives.hashes")
    sk = mldsa.MLDSA65PrivateKey.generate()
    pk = sk.public_key()
    sig = sk.sign_prehash(b"m", hashes.SHA3_256())
    pk.verify_prehash(sig, b"m", "sha3-256")
    pk.verify_prehash(sig, b"m", "SHA3-256")
    with pytest.raises(UnknownAlgorithm):
        sk.sign_prehash(b"m", "MD5")
    with pytest.raises(InvalidLength, match="must be 32 bytes"):
        sk.sign_prehashed(b"\x00" * 31, "SHA-256")


def test_mu_hasher_behaviour() -> None:
    sk = mldsa.MLDSA44PrivateKey.generate()
    h = mldsa.MLDSAMuHasher(sk.public_key(), b"c")
    h.update(b"abc")
    h2 = h.copy()
    h2.update(b"def")
    mu = h.finalize()
    assert len(mu) == 64
    assert mu != h2.finalize()
    with pytest.raises(ValueError, match="finalized"):
        h.update(b"x")
    with pytest.raises(TypeError):
        mldsa.MLDSAMuHasher(b"not a key")  # type: ignore[arg-type]
    with pytest.raises(InvalidLength):
        sk.sign_mu(b"\x00" * 63)


def test_keys_redacted_pickle_and_registry() -> None:
    sk = mldsa.MLDSA87PrivateKey.generate()
    assert "redacted" in repr(sk)
    with pytest.raises(TypeError, match="cannot pickle"):
        pickle.dumps(sk)
    pk = sk.public_key()
    assert pickle.loads(pickle.dumps(pk)) == pk
    scheme = pqfence.signature("ml-dsa-87")
    k = scheme.generate()
    scheme.public_key_from_bytes(k.public_key().public_bytes_raw()).verify(k.sign(b"x"), b"x")
    assert {a.name for a in pqfence.algorithms()} >= {"ML-DSA-44", "ML-DSA-65", "ML-DSA-87"}
    with pytest.raises(UnknownAlgorithm):
        pqfence.signature("Dilithium3")
    expanded_only = mldsa.MLDSA87PrivateKey.from_expanded_bytes(sk.private_bytes_expanded())
    with pytest.raises(InvalidKey, match="not recoverable"):
        expanded_only.private_bytes_raw()


def test_threads_match_single_thread() -> None:
    def work(i: int) -> bytes:
        v = VARIANTS[i % 3]
        sk = v.priv.from_seed_bytes(bytes([i]) * 32)
        sig: bytes = sk.sign_deterministic(bytes([i]) * 10, b"t")
        sk.public_key().verify(sig, bytes([i]) * 10, b"t")
        return sig

    expected = [work(i) for i in range(12)]
    results: dict[tuple[int, int], bytes] = {}

    def runner(t: int) -> None:
        for rep in range(6):
            results[(t, rep)] = work((t + rep) % 12)

    threads = [threading.Thread(target=runner, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert all(got == expected[(t + rep) % 12] for (t, rep), got in results.items())
    assert len(results) == 48

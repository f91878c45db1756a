"""SLH-DSA through the Python API: the `slh-dsa` PyPI package (pure Python,
FIPS 205) as an independent oracle for all twelve sets, properties, bad input,
and the GIL being released while signing."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from typing import Any

import pqfence
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pqfence import slhdsa
from pqfence.exceptions import ContextTooLong, InvalidKey, InvalidLength, InvalidSignature

SETS = [
    f"{h}_{lv}"
    for h in ("sha2", "shake")
    for lv in ("128s", "128f", "192s", "192f", "256s", "256f")
]


@dataclass(frozen=True)
class Variant:
    key: str  # "sha2_128s"
    name: str  # "SLH-DSA-SHA2-128s"
    priv: Any
    pub: Any
    n: int

    @property
    def fast(self) -> bool:
        return self.key.endswith("f")


def _variant(key: str) -> Variant:
    h, lv = key.split("_")
    cls = f"SlhDsa{h.capitalize()}_{lv}"
    return Variant(
        key,
        f"SLH-DSA-{h.upper()}-{lv}",
        getattr(slhdsa, f"{cls}PrivateKey"),
        getattr(slhdsa, f"{cls}PublicKey"),
        int(lv[:3]) // 8,
    )


VARIANTS = [_variant(k) for k in SETS]
variants = pytest.mark.parametrize("v", VARIANTS, ids=lambda v: v.name)
fast_variants = pytest.mark.parametrize("v", [v for v in VARIANTS if v.fast], ids=lambda v: v.name)

# Our name, hashlib name, OID arc, digest bytes (FIPS 205 section 10.2).
PREHASH = [
    ("SHA-256", "sha256", 1, 32),
    ("SHA-512", "sha512", 3, 64),
    ("SHA3-256", "sha3_256", 8, 32),
    ("SHAKE128", "shake_128", 11, 32),
    ("SHAKE256", "shake_256", 12, 64),
]


def oracle(v: Variant) -> Any:
    lib = pytest.importorskip("slhdsa")
    return lib, getattr(lib, v.key)


def digest(hname: str, size: int, msg: bytes) -> bytes:
    h = hashlib.new(hname, msg)
    return h.digest(size) if hname.startswith("shake") else h.digest()  # type: ignore[call-arg]


def oid(arc: int) -> bytes:
    return bytes([0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, arc])


# The oracle signs the slow "s" sets at 192/256 bits in tens of seconds each:
# those run in the slow conformance run (make conformance).
oracle_variants = pytest.mark.parametrize(
    "v",
    [v if v.fast or "128" in v.key else pytest.param(v, marks=pytest.mark.slow) for v in VARIANTS],
    ids=lambda v: v.name,
)


@oracle_variants
def test_pure_signing_byte_identical_to_oracle(v: Variant) -> None:
    lib, par = oracle(v)
    sk = v.priv.from_seed_bytes(bytes(range(3 * v.n)))
    theirs = lib.SecretKey.from_digest(sk.private_bytes_expanded(), par)
    their_pub = lib.PublicKey.from_digest(sk.public_key().public_bytes_raw(), par)
    msg, ctx = b"message for the oracle", b"context"
    ours = sk.sign_deterministic(msg, ctx)
    assert theirs.sign_pure(msg, False, ctx) == ours
    assert their_pub.verify_pure(msg, sk.sign(msg, ctx), ctx)
    assert not their_pub.verify_pure(msg + b"!", ours, ctx)


def _prehash_identical(v: Variant) -> None:
    lib, par = oracle(v)
    sk = v.priv.from_seed_bytes(bytes(range(7, 7 + 3 * v.n)))
    theirs = lib.SecretKey.from_digest(sk.private_bytes_expanded(), par)
    their_pub = lib.PublicKey.from_digest(sk.public_key().public_bytes_raw(), par)
    msg, ctx = b"pre-hashed message", b"ph"
    # Every function for the fast sets; the category-matched one for the slow sets.
    functions = PREHASH if v.fast else [PREHASH[0] if "128" in v.key else PREHASH[1]]
    for name, hname, arc, size in functions:

        def ph(data: bytes, hname: str = hname, arc: int = arc, size: int = size) -> bytes:
            return oid(arc) + digest(hname, size, data)

        ours = sk.sign_prehash(msg, name, ctx, deterministic=True)
        assert theirs.sign_hash(msg, False, ctx, ph) == ours, name
        assert their_pub.verify_hash(msg, sk.sign_prehash(msg, name, ctx), ctx, ph)
        sk.public_key().verify_prehash(theirs.sign_hash(msg, True, ctx, ph), msg, name, ctx)


@fast_variants
def test_prehash_signing_byte_identical_to_oracle(v: Variant) -> None:
    _prehash_identical(v)


@pytest.mark.slow
@pytest.mark.parametrize("v", [v for v in VARIANTS if not v.fast], ids=lambda v: v.name)
def test_prehash_signing_byte_identical_to_oracle_small_sets(v: Variant) -> None:
    _prehash_identical(v)


@fast_variants
def test_oracle_signatures_verify_here(v: Variant) -> None:
    lib, par = oracle(v)
    kp = lib.KeyPair.gen(par)
    pk = v.pub.from_public_bytes(kp.pub.digest())
    sig = kp.sign_pure(b"theirs", True, b"c")
    pk.verify(sig, b"theirs", b"c")
    with pytest.raises(InvalidSignature):
        pk.verify(sig, b"theirs", b"d")


@fast_variants
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.large_base_example])
@given(data=st.data())
def test_flipped_bits_in_signature_message_context_rejected(v: Variant, data: Any) -> None:
    sk = v.priv.from_seed_bytes(b"\x05" * (3 * v.n))
    msg, ctx = b"flip me", b"ctx"
    sig = bytearray(sk.sign_deterministic(msg, ctx))
    pk = sk.public_key()
    bit = data.draw(st.integers(0, len(sig) * 8 - 1))
    sig[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(InvalidSignature):
        pk.verify(sig, msg, ctx)
    sig[bit // 8] ^= 1 << (bit % 8)
    mbit = data.draw(st.integers(0, len(msg) * 8 - 1))
    bad_msg = bytearray(msg)
    bad_msg[mbit // 8] ^= 1 << (mbit % 8)
    with pytest.raises(InvalidSignature):
        pk.verify(sig, bad_msg, ctx)
    with pytest.raises(InvalidSignature):
        pk.verify(sig, msg, b"ctY")


@variants
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.large_base_example])
@given(data=st.data())
def test_wrong_lengths_and_random_bytes_never_crash(v: Variant, data: Any) -> None:
    pk = v.priv.from_seed_bytes(b"\x01" * (3 * v.n)).public_key()
    junk = data.draw(st.binary(max_size=200))
    with pytest.raises(InvalidSignature):
        pk.verify(junk, b"m")
    n = data.draw(st.integers(0, 5 * v.n).filter(lambda n: n != 2 * v.n))
    with pytest.raises(InvalidLength):
        v.pub.from_public_bytes(b"\x00" * n)
    with pytest.raises(InvalidLength):
        v.priv.from_seed_bytes(b"\x00" * (3 * v.n + 1))
    raw_sk = data.draw(st.binary(min_size=4 * v.n, max_size=4 * v.n))
    with pytest.raises(InvalidKey):
        v.priv.from_expanded_bytes(raw_sk)


@fast_variants
def test_context_limit_and_keys(v: Variant) -> None:
    sk = v.priv.generate()
    with pytest.raises(ContextTooLong):
        sk.sign(b"m", b"\x00" * 256)
    sk.public_key().verify(sk.sign_unverified(b"m", b"\x00" * 255), b"m", b"\x00" * 255)
    assert v.priv.from_expanded_bytes(sk.private_bytes_expanded()) == sk
    assert v.priv.from_seed_bytes(sk.private_bytes_raw()) == sk
    assert "redacted" in repr(sk)
    assert pqfence.signature(v.name).info.signature_bytes == len(sk.sign(b"x"))


def test_signing_releases_the_gil() -> None:
    """A slow signature in one thread must not stop another Python thread."""
    sk = slhdsa.SlhDsaSha2_128sPrivateKey.generate()
    ticks = 0
    done = threading.Event()

    def signer() -> None:
        sk.sign(b"long operation")
        done.set()

    def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    threads = [threading.Thread(target=signer), threading.Thread(target=ticker)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert ticks > 20, f"the ticker thread only ran {ticks} times while signing"

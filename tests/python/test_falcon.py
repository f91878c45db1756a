"""Falcon through the Python API: the NIST KAT procedure, pypqc as an
independent implementation, strict decoding, properties and bad input, long
sign/verify loops, and the distribution of signature norms."""

from __future__ import annotations

import hashlib
import math
import pathlib
import pickle
import random
import re
import sys
import warnings
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pqfence
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pqfence import falcon
from pqfence.exceptions import InvalidKey, InvalidLength, InvalidSignature

from .nist_drbg import AesCtrDrbg


@dataclass(frozen=True)
class Variant:
    name: str
    logn: int
    padded: bool
    priv: Any
    pub: Any
    pk: int
    sk: int
    sig: int


VARIANTS = [
    Variant(
        "Falcon-512", 9, False, falcon.Falcon512PrivateKey, falcon.Falcon512PublicKey,
        897, 1281, 752,
    ),
    Variant(
        "Falcon-1024", 10, False, falcon.Falcon1024PrivateKey, falcon.Falcon1024PublicKey,
        1793, 2305, 1462,
    ),
    Variant(
        "Falcon-padded-512", 9, True, falcon.FalconPadded512PrivateKey,
        falcon.FalconPadded512PublicKey, 897, 1281, 666,
    ),
    Variant(
        "Falcon-padded-1024", 10, True, falcon.FalconPadded1024PrivateKey,
        falcon.FalconPadded1024PublicKey, 1793, 2305, 1280,
    ),
]  # fmt: skip
variants = pytest.mark.parametrize("v", VARIANTS, ids=lambda v: v.name)


def kat_entries(v: Variant, count: int) -> list[str]:
    """The NIST KAT procedure: DRBG seeded with bytes 0..47; per entry a 48-byte
    seed and a 33*(i+1)-byte message; the DRBG re-seeded with the entry's seed
    draws the keygen seed (48), then the nonce (40) and the sampler seed (48)."""
    outer = AesCtrDrbg(bytes(range(48)))
    entries = []
    for i in range(count):
        seed = outer.random_bytes(48)
        mlen = 33 * (i + 1)
        msg = outer.random_bytes(mlen)
        inner = AesCtrDrbg(seed)
        sk = v.priv.from_seed_bytes(inner.random_bytes(48))
        pk = sk.public_key().public_bytes_raw()
        nonce, sampler_seed = inner.random_bytes(40), inner.random_bytes(48)
        sig = sk.sign_with_randomness(msg, nonce, sampler_seed)
        sk.public_key().verify(sig, msg)
        if v.padded:
            sm = sig + msg
        else:
            # Round-3 KAT layout: siglen (2, BE) || nonce || msg || 0x20+logn || s2.
            body = sig[41:]
            sm = (len(body) + 1).to_bytes(2, "big") + nonce + msg + bytes([0x20 + v.logn]) + body
        entries.append(
            f"count = {i}\nseed = {seed.hex().upper()}\nmlen = {mlen}\n"
            f"msg = {msg.hex().upper()}\npk = {pk.hex().upper()}\n"
            f"sk = {sk.private_bytes_expanded().hex().upper()}\nsmlen = {len(sm)}\n"
            f"sm = {sm.hex().upper()}\n"
        )
    return entries


def kat_digests(vectors: pathlib.Path, name: str) -> tuple[str, str]:
    """The (first entry, all 100 entries) SHA-256 figures of `name`, read from
    the table in section 4 of the vectors README."""
    for line in (vectors / "README.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] == name:
            return cells[1], cells[2]
    raise AssertionError(f"no KAT digests for {name} in the vectors README")


@variants
def test_nist_kat_first_entry(v: Variant, vectors: pathlib.Path) -> None:
    """Key generation, signing and both encodings bit for bit (entry 0)."""
    single, _ = kat_digests(vectors, v.name)
    assert hashlib.sha256(kat_entries(v, 1)[0].encode()).hexdigest() == single


@variants
def test_nist_kat_all_100_entries(v: Variant, vectors: pathlib.Path) -> None:
    """All 100 entries: this also proves that key generation gives up on the
    same candidates (f, g) as the reference implementation (the NTRUSolve
    schedule in vendor/falcon/ntru.c): without it, Falcon-1024 diverges from the
    second entry and Falcon-512 from the 51st."""
    _, full = kat_digests(vectors, v.name)
    text = "\n".join(kat_entries(v, 100))
    assert hashlib.sha256(text.encode()).hexdigest() == full


def _pypqc(v: Variant) -> Any:
    if v.padded:
        pytest.skip("pypqc ships only the compressed Falcon variants")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pytest.importorskip(f"pqc.sign.falcon_{512 if v.logn == 9 else 1024}")


@variants
def test_interop_pypqc(v: Variant) -> None:
    impl = _pypqc(v)
    for i in range(5):
        pk, sk = impl.keypair()
        msg = bytes([i]) * (10 * i + 1)
        theirs = v.pub.from_public_bytes(pk)
        sig = impl.sign(msg, sk)
        theirs.verify(sig, msg)
        # One flipped bit: rejected.
        bad = bytearray(sig)
        bad[len(bad) // 2] ^= 0x10
        with pytest.raises(InvalidSignature):
            theirs.verify(bad, msg)
        # Our key and signature verify under pypqc; its secret key loads here.
        ours = v.priv.generate()
        impl.verify(ours.sign(msg), msg, ours.public_key().public_bytes_raw())
        loaded = v.priv.from_expanded_bytes(sk, pk)
        impl.verify(loaded.sign(msg), msg, pk)


@variants
def test_round_trip_sizes_and_determinism(v: Variant) -> None:
    sk = v.priv.from_seed_bytes(b"\x11" * 48)
    assert sk == v.priv.from_seed_bytes(b"\x11" * 48)
    assert sk.private_bytes_raw() == b"\x11" * 48
    assert len(sk.public_key().public_bytes_raw()) == v.pk
    assert len(sk.private_bytes_expanded()) == v.sk
    sig = sk.sign(b"data")
    assert (len(sig) == v.sig) if v.padded else (len(sig) <= v.sig)
    sk.public_key().verify(sig, b"data")
    with pytest.raises(InvalidSignature):
        sk.public_key().verify(sig, b"datA")
    pk = sk.public_key()
    assert pickle.loads(pickle.dumps(pk)) == pk
    with pytest.raises(TypeError, match="cannot pickle"):
        pickle.dumps(sk)
    assert "redacted" in repr(sk)


@variants
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.large_base_example])
@given(data=st.data())
def test_malformed_input_is_rejected_never_crashes(v: Variant, data: st.DataObject) -> None:
    sk = v.priv.from_seed_bytes(bytes([v.logn]) * 48)
    pk = sk.public_key()
    sig = sk.sign_with_randomness(b"m", b"\x01" * 40, b"\x02" * 48)  # fixed length
    mutated = bytearray(sig)
    i = data.draw(st.integers(0, len(mutated) * 8 - 1))
    mutated[i // 8] ^= 1 << (i % 8)
    with pytest.raises(InvalidSignature):
        pk.verify(mutated, b"m")
    junk = data.draw(st.binary(max_size=v.sig + 5))
    with pytest.raises(InvalidSignature):
        pk.verify(junk, b"m")
    raw_pk = data.draw(st.binary(min_size=v.pk, max_size=v.pk))
    try:
        other = v.pub.from_public_bytes(raw_pk)
    except InvalidKey:
        pass
    else:
        with pytest.raises(InvalidSignature):
            other.verify(sig, b"m")


@variants
def test_bad_lengths_and_mismatched_keys(v: Variant) -> None:
    with pytest.raises(InvalidLength, match="48 bytes, got 47"):
        v.priv.from_seed_bytes(b"\x00" * 47)
    with pytest.raises(InvalidLength):
        v.pub.from_public_bytes(b"\x00" * (v.pk - 1))
    a, b = v.priv.generate(), v.priv.generate()
    with pytest.raises(InvalidKey, match="does not match"):
        v.priv.from_expanded_bytes(a.private_bytes_expanded(), b.public_key().public_bytes_raw())
    with pytest.raises(InvalidLength):
        a.sign_with_randomness(b"m", b"\x00" * 39, b"\x00" * 48)


def test_registry_names() -> None:
    for v in VARIANTS:
        scheme = pqfence.signature(v.name)
        assert scheme.info.signature_bytes == v.sig
        assert scheme.info.seed_bytes == 48


# ---- long loops ----------------------------------------------------------------


def round_trips(v: Variant, count: int, per_key: int) -> None:
    """count sign/verify round trips over count / per_key keys (fixed seeds, OS
    randomness for signing), messages of every length from 0 to 199 bytes; a
    changed message and a flipped bit are rejected, every signature has the
    set's size, and every tenth key is reloaded from its expanded encoding."""
    sk: Any = None
    pk: Any = None
    for i in range(count):
        if i % per_key == 0:
            k = i // per_key
            sk = v.priv.from_seed_bytes(
                hashlib.shake_256(b"keys %s %d" % (v.name.encode(), k)).digest(48)
            )
            if k % 10 == 9:
                sk = v.priv.from_expanded_bytes(
                    sk.private_bytes_expanded(), sk.public_key().public_bytes_raw()
                )
            pk = v.pub.from_public_bytes(sk.public_key().public_bytes_raw())
        msg = hashlib.shake_256(b"msg %d" % i).digest(i % 200)
        sig = sk.sign(msg)
        assert (len(sig) == v.sig) if v.padded else (len(sig) <= v.sig)
        pk.verify(sig, msg)
        with pytest.raises(InvalidSignature):
            pk.verify(sig, msg + b"\x00")
        bad = bytearray(sig)
        bad[41 + i % (len(sig) - 41)] ^= 1 << (i % 8)
        with pytest.raises(InvalidSignature):
            pk.verify(bytes(bad), msg)


@variants
def test_round_trips(v: Variant) -> None:
    round_trips(v, 300, per_key=50)


@pytest.mark.slow
@variants
def test_round_trips_10000(v: Variant) -> None:
    round_trips(v, 10_000, per_key=500)


# ---- the distribution of signature norms --------------------------------------
#
# A signature (s1, s2) of Falcon-n follows a discrete Gaussian of parameter
# sigma over a coset of the 2n-dimensional NTRU lattice (specification section
# 2.6 and Table 3.3), and sigma is far above that lattice's smoothing parameter,
# so its 2n coordinates behave as independent N(0, sigma^2) variables and the
# squared norm X = ||(s1, s2)||^2 as sigma^2 times a chi-square of k = 2n
# degrees of freedom. From the Gaussian moments E z^2 = sigma^2,
# E z^4 = 3 sigma^4 (chi-square cumulants kappa_r = 2^(r-1) (r-1)! k):
#     E X = k sigma^2,  Var X = mu2 = 2 k sigma^4,
#     mu4 = E (X - E X)^4 = (12 k^2 + 48 k) sigma^8.
# Over N signatures, the sample mean has standard error sqrt(mu2 / N) and the
# sample variance S^2 (divisor N - 1) has variance
#     Var S^2 = (mu4 - mu2^2 (N - 3) / (N - 1)) / N.
# The check asks both to lie within 3 standard errors of theory: the mean
# catches a wrong sigma (5% off moves the mean by 10%, that is 50 standard
# errors at N = 500), the spread catches a sampler of the right variance but
# the wrong shape or with correlated draws (the variance of the norms then
# moves by tens of percent; its standard error is about sqrt(2 / N) = 6% at
# N = 500, 1.4% at N = 10,000). The norms are recomputed here from the
# signature bytes with their own decoding, hashing and arithmetic: no code of
# the signer is involved. Randomness is derived from fixed seeds, so the
# outcome is reproducible.

Q = 12289
SIGMA = {9: 165.736617183, 10: 168.388571447}  # Table 3.3
BETA2 = {9: 34034726, 10: 70265242}  # floor(beta^2)


def decode_public(pk: bytes, logn: int) -> list[int]:
    """h from the public-key encoding (14-bit big-endian values)."""
    n = 1 << logn
    assert pk[0] == logn
    x = int.from_bytes(pk[1:], "big")
    h = [(x >> (14 * (n - 1 - i))) & 0x3FFF for i in range(n)]
    assert all(c < Q for c in h)
    return h


_COEFF = re.compile(r"([01])([01]{7})(0*)1")


def decode_s2(sig: bytes, logn: int) -> list[int]:
    """s2 from a signature: per coefficient a sign bit, the 7 low bits of
    |s|, then |s| >> 7 in unary (zeros ended by a one); the rest is zero."""
    n = 1 << logn
    assert sig[0] == 0x30 + logn
    body = sig[41:]
    bits = format(int.from_bytes(body, "big"), "b").zfill(8 * len(body))
    out, pos = [], 0
    for _ in range(n):
        m = _COEFF.match(bits, pos)
        assert m is not None, "malformed compressed s2"
        mag = (len(m.group(3)) << 7) | int(m.group(2), 2)
        assert not (m.group(1) == "1" and mag == 0), "minus zero"
        out.append(-mag if m.group(1) == "1" else mag)
        pos = m.end()
    assert "1" not in bits[pos:]
    return out


def hash_to_point(nonce: bytes, msg: bytes, logn: int) -> list[int]:
    """Algorithm 3: 16-bit big-endian words of SHAKE256(nonce || msg) below
    5q, reduced modulo q."""
    n = 1 << logn
    want = 4 * n
    while True:
        words = array("H", hashlib.shake_256(nonce + msg).digest(want))
        if sys.byteorder == "little":
            words.byteswap()
        c = [w % Q for w in words if w < 5 * Q][:n]
        if len(c) == n:
            return c
        want *= 2


def _slots(values: Sequence[int]) -> int:
    """Kronecker substitution: the values (each in [0, 2^64)) as the 64-bit
    digits of one integer."""
    a = array("Q", values)
    if sys.byteorder == "big":
        a.byteswap()
    return int.from_bytes(a.tobytes(), "little")


def mul_mod_q(a: Sequence[int], b_slots: int, n: int) -> list[int]:
    """a * b modulo (x^n + 1, q) for a, b with coefficients in [0, q): one
    integer product with 64-bit digits (every digit of the product is below
    n q^2 < 2^38, so no carry crosses digits), then the wrap x^n = -1."""
    prod = _slots(a) * b_slots
    d = array("Q")
    d.frombytes(prod.to_bytes(16 * n, "little"))
    if sys.byteorder == "big":
        d.byteswap()
    return [(d[i] - d[i + n]) % Q for i in range(n)]


def squared_norm(h_slots: int, sig: bytes, msg: bytes, logn: int) -> int:
    """||(s1, s2)||^2 with s2 decoded from sig and s1 = c - s2 h centred
    modulo q, c = HashToPoint(nonce || msg)."""
    n = 1 << logn
    s2 = decode_s2(sig, logn)
    c = hash_to_point(sig[1:41], msg, logn)
    s2h = mul_mod_q([x % Q for x in s2], h_slots, n)
    total = sum(x * x for x in s2)
    for ci, ti in zip(c, s2h):
        s1 = (ci - ti) % Q
        s1 -= Q if s1 > Q // 2 else 0
        total += s1 * s1
    return total


@dataclass(frozen=True)
class NormCheck:
    mean: float
    variance: float
    z_mean: float  # (sample mean - E X) / its standard error
    z_var: float  # (sample variance - Var X) / its standard error

    @property
    def ok(self) -> bool:
        return abs(self.z_mean) <= 3 and abs(self.z_var) <= 3


def check_norms(norms: Sequence[float], logn: int, sigma: float | None = None) -> NormCheck:
    """Sample mean and sample variance of squared norms against sigma^2 times
    a chi-square of 2n degrees of freedom (see the block comment above)."""
    big_n = len(norms)
    k = 2 << logn
    s2 = (SIGMA[logn] if sigma is None else sigma) ** 2
    mean_x, mu2 = k * s2, 2 * k * s2 * s2
    mu4 = (12 * k * k + 48 * k) * s2**4
    mean = math.fsum(norms) / big_n
    var = math.fsum((x - mean) ** 2 for x in norms) / (big_n - 1)
    se_mean = math.sqrt(mu2 / big_n)
    se_var = math.sqrt((mu4 - mu2 * mu2 * (big_n - 3) / (big_n - 1)) / big_n)
    return NormCheck(mean, var, (mean - mean_x) / se_mean, (var - mu2) / se_var)


def signature_norms(v: Variant, count: int, per_key: int) -> list[int]:
    norms: list[int] = []
    h_slots = 0
    sk: Any = None
    for i in range(count):
        if i % per_key == 0:
            seed = hashlib.shake_256(b"norm keys %s %d" % (v.name.encode(), i)).digest(48)
            sk = v.priv.from_seed_bytes(seed)
            h_slots = _slots(decode_public(sk.public_key().public_bytes_raw(), v.logn))
        coins = hashlib.shake_256(b"norm coins %s %d" % (v.name.encode(), i)).digest(88)
        msg = b"norm message %d" % i
        sig = sk.sign_with_randomness(msg, coins[:40], coins[40:])
        norm = squared_norm(h_slots, sig, msg, v.logn)
        assert 0 < norm <= BETA2[v.logn]
        norms.append(norm)
    return norms


def assert_norm_distribution(v: Variant, count: int, per_key: int) -> None:
    r = check_norms(signature_norms(v, count, per_key), v.logn)
    k, s2 = 2 << v.logn, SIGMA[v.logn] ** 2
    assert r.ok, (
        f"{v.name}, {count} signatures: mean {r.mean:.6g} (theory {k * s2:.6g}, "
        f"{r.z_mean:+.2f} standard errors), variance {r.variance:.6g} (theory "
        f"{2 * k * s2 * s2:.6g}, {r.z_var:+.2f} standard errors)"
    )


@variants
def test_signature_norm_distribution(v: Variant) -> None:
    assert_norm_distribution(v, 500, per_key=100)


@pytest.mark.slow
@variants
def test_signature_norm_distribution_10000(v: Variant) -> None:
    assert_norm_distribution(v, 10_000, per_key=1_000)


def test_norm_helpers_against_the_library() -> None:
    """The independent decoding and arithmetic agree with the verifier: a
    signature verifies, and its norm is found again after s2 is re-encoded
    with a changed coefficient only if that stays within the bound."""
    v = VARIANTS[0]
    sk = v.priv.from_seed_bytes(b"\x07" * 48)
    pk = sk.public_key().public_bytes_raw()
    h = decode_public(pk, v.logn)
    # Schoolbook product modulo x^n + 1 as a reference for the integer trick.
    a = [(i * 7919) % Q for i in range(512)]
    ref = [0] * 512
    for i, ai in enumerate(a):
        for j, hj in enumerate(h):
            if i + j < 512:
                ref[i + j] += ai * hj
            else:
                ref[i + j - 512] -= ai * hj
    assert mul_mod_q(a, _slots(h), 512) == [x % Q for x in ref]
    sig = sk.sign_with_randomness(b"m", b"\x01" * 40, b"\x02" * 48)
    norm = squared_norm(_slots(h), sig, b"m", v.logn)
    assert 0.7 * 1024 * SIGMA[9] ** 2 < norm <= BETA2[9]
    # Another message changes c, and with it s1: a far larger norm.
    assert squared_norm(_slots(h), sig, b"other", v.logn) > 10 * BETA2[9]


@dataclass(frozen=True)
class TwoSample:
    z_mean: float  # difference of the sample means over its standard error
    z_var: float  # difference of the sample variances over its standard error


def two_sample(a: Sequence[float], b: Sequence[float]) -> TwoSample:
    """Compares two samples without a model: the means (standard error
    sqrt(s_a^2 / n_a + s_b^2 / n_b)) and the spreads, the standard error of
    each sample variance estimated from that sample's fourth central moment
    m4, Var S^2 = (m4 - s^4 (n - 3) / (n - 1)) / n."""

    def moments(x: Sequence[float]) -> tuple[int, float, float, float]:
        n = len(x)
        mean = math.fsum(x) / n
        var = math.fsum((v - mean) ** 2 for v in x) / (n - 1)
        m4 = math.fsum((v - mean) ** 4 for v in x) / n
        return n, mean, var, (m4 - var * var * (n - 3) / (n - 1)) / n

    na, ma, va, vva = moments(a)
    nb, mb, vb, vvb = moments(b)
    return TwoSample((ma - mb) / math.sqrt(va / na + vb / nb), (va - vb) / math.sqrt(vva + vvb))


@pytest.mark.slow
@variants
def test_signature_norms_match_pypqc(v: Variant) -> None:
    """The 2-sample check against the reference implementation's sampler (pypqc,
    PQClean's Falcon): 2,000 norms of each, same mean and same spread. pypqc
    draws its keys and coins from the OS, so the bound is 4 standard errors
    (a false alarm about once in 8,000 runs per statistic)."""
    impl = _pypqc(v)
    ours = signature_norms(v, 2_000, per_key=200)
    theirs: list[int] = []
    for i in range(2_000):
        if i % 200 == 0:
            pk, sk = impl.keypair()
            h_slots = _slots(decode_public(pk, v.logn))
        msg = b"pypqc norm %d" % i
        sig = impl.sign(msg, sk)
        theirs.append(squared_norm(h_slots, sig, msg, v.logn))
    r = two_sample(ours, theirs)
    assert abs(r.z_mean) <= 4, r
    assert abs(r.z_var) <= 4, r


def _synthetic(rng: random.Random, logn: int, count: int, sigma: float) -> list[float]:
    """Squared norms of 2n independent N(0, sigma^2) coordinates."""
    k = 2 << logn
    return [sigma * sigma * rng.gammavariate(k / 2, 2.0) for _ in range(count)]


@pytest.mark.parametrize("logn", [9, 10])
def test_norm_statistic_has_power(logn: int) -> None:
    """The check on synthetic norms: the right sigma passes at N = 500 and
    N = 10,000; sigma 5% (or 1%) too small or too large fails; a sampler with
    the right variance but the wrong shape (uniform coordinates: Var z^2 =
    0.8 sigma^4 instead of 2 sigma^4) or with pairs of equal coordinates (the
    variance of the norm doubles) passes the mean but fails the spread."""
    rng = random.Random(20240605 + logn)
    sigma, k = SIGMA[logn], 2 << logn
    for count in (500, 10_000):
        assert check_norms(_synthetic(rng, logn, count, sigma), logn).ok
    for factor in (0.95, 1.05, 0.99, 1.01):
        r = check_norms(_synthetic(rng, logn, 500, sigma * factor), logn)
        assert abs(r.z_mean) > 3, factor
    # Right mean, wrong spread: X ~ normal with the chi-square's mean and a
    # variance 0.4x (uniform coordinates) or 2x (pairs of equal coordinates).
    for spread in (0.4, 2.0):
        sd = math.sqrt(spread * 2 * k) * sigma * sigma
        norms = [rng.gauss(k * sigma * sigma, sd) for _ in range(500)]
        r = check_norms(norms, logn)
        assert abs(r.z_mean) <= 3, spread
        assert abs(r.z_var) > 3, spread
    # The sample variance alone also sees sigma 5% off (Var X scales as sigma^4).
    r = check_norms(_synthetic(rng, logn, 10_000, sigma * 1.05), logn)
    assert abs(r.z_var) > 3
    # The 2-sample check: equal samples agree; sigma 5% off, or the spread
    # 0.4x or 2x, are told apart at 500 + 500 draws.
    ref = _synthetic(rng, logn, 500, sigma)
    same = two_sample(_synthetic(rng, logn, 500, sigma), ref)
    assert abs(same.z_mean) <= 3
    assert abs(same.z_var) <= 3
    assert abs(two_sample(_synthetic(rng, logn, 500, sigma * 1.05), ref).z_mean) > 4
    for spread in (0.4, 2.0):
        sd = math.sqrt(spread * 2 * k) * sigma * sigma
        r2 = two_sample([rng.gauss(k * sigma * sigma, sd) for _ in range(500)], ref)
        assert abs(r2.z_mean) <= 3, spread
        assert abs(r2.z_var) > 4, spread

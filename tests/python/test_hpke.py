"""HPKE through the Python API: the hpke-pq and RFC 9180 vectors (every mode,
encryption and export), pyca/cryptography 50 interoperability both ways on
every suite pyca offers (with keys moved between the libraries), the contexts,
negative cases and threads."""

from __future__ import annotations

import contextlib
import importlib
import itertools
import json
import pathlib
import threading
from typing import Any

import pytest
from pqfence import hpke, hybrid, mlkem, serialization
from pqfence.exceptions import (
    InvalidKey,
    InvalidLength,
    InvalidParameter,
    InvalidTag,
    PQFenceError,
)
from pqfence.hpke import AEAD, KDF, KEM, HPKEPrivateKey, HPKEPublicKey, Suite


def members(cls: Any) -> list[Any]:
    return [getattr(cls, n) for n in dir(cls) if n.isupper() and isinstance(getattr(cls, n), cls)]


KEMS, KDFS, AEADS = members(KEM), members(KDF), members(AEAD)
KEM_BY_ID = {k.id: k for k in KEMS}
KDF_BY_ID = {k.id: k for k in KDFS}
AEAD_BY_ID = {a.id: a for a in AEADS}


def test_members_and_identifiers() -> None:
    assert len(KEMS) == 11
    assert len(KDFS) == 7
    assert len(AEADS) == 4
    assert KEM.MLKEM768_X25519.id == 0x647A
    assert int(KEM.X25519) == 0x20
    assert KEM.X25519.enc_length() == 32
    assert KEM.MLKEM768_X25519.enc_length() == 1120
    assert KEM.MLKEM1024_P384.registry_name == "MLKEM1024-P384"
    assert KEM.P256.supports_auth
    assert not KEM.MLKEM768.supports_auth
    assert repr(KEM.X25519) == "KEM.X25519"
    assert KEM.P256 != KDF.SHAKE128  # same identifier, different registries
    assert len({KEM.X25519, KEM.X25519, KEM.X448}) == 2
    suite = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.AES_128_GCM)
    assert (suite.kem, suite.kdf, suite.aead) == (KEM.X25519, KDF.HKDF_SHA256, AEAD.AES_128_GCM)
    with pytest.raises(TypeError):
        Suite(0x20, KDF.HKDF_SHA256, AEAD.AES_128_GCM)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Suite(KDF.HKDF_SHA256, KEM.X25519, AEAD.AES_128_GCM)  # type: ignore[arg-type]


# ------------------------------------------------------------------ vectors


def clamp(kem: Any, sk: bytes) -> bytes:
    """RFC 7748 clamping (the hpke-pq file writes its X448 key clamped)."""
    k = bytearray(sk)
    if kem == KEM.X25519:
        k[0] &= 248
        k[-1] = (k[-1] & 127) | 64
    elif kem == KEM.X448:
        k[0] &= 252
        k[-1] |= 128
    return bytes(k)


def check_vector(t: dict[str, Any]) -> None:
    h = {k: bytes.fromhex(v) for k, v in t.items() if isinstance(v, str)}
    kem, kdf, aead = KEM_BY_ID[t["kem_id"]], KDF_BY_ID[t["kdf_id"]], AEAD_BY_ID[t["aead_id"]]
    suite = Suite(kem, kdf, aead)
    sk_r = HPKEPrivateKey.derive(kem, h["ikmR"])
    assert clamp(kem, sk_r.private_bytes_raw()) == clamp(kem, h["skRm"])
    assert sk_r.public_key().public_bytes_raw() == h["pkRm"]
    assert sk_r.kem == kem
    pk_r = HPKEPublicKey.from_bytes(kem, h["pkRm"])
    assert HPKEPrivateKey.from_bytes(kem, h["skRm"]).public_key() == pk_r
    mode = t["mode"]
    psk = {"psk": h["psk"], "psk_id": h["psk_id"]} if mode in (1, 3) else {}
    sk_s = HPKEPrivateKey.derive(kem, h["ikmS"]) if mode >= 2 else None
    if sk_s is not None:
        assert sk_s.private_bytes_raw() == h["skSm"]
        assert sk_s.public_key().public_bytes_raw() == h["pkSm"]
    enc, sender = suite.setup_sender_deterministic(
        pk_r, h["ikmE"], h["info"], **psk, sender_private_key=sk_s
    )
    assert enc == h["enc"]
    recipient = suite.setup_recipient(
        enc, sk_r, h["info"], **psk, sender_public_key=sk_s.public_key() if sk_s else None
    )
    for seq, e in enumerate(t["encryptions"]):
        x = {k: bytes.fromhex(v) for k, v in e.items()}
        assert sender.sequence_number == recipient.sequence_number == seq
        ct = sender.seal(x["pt"], x["aad"])
        assert ct == x["ct"]
        assert recipient.open(ct, x["aad"]) == x["pt"]
        if seq == 0 and mode == 0:
            # The single shots agree with the contexts' first message.
            assert suite.open(enc, ct, sk_r, h["info"], x["aad"]) == x["pt"]
    for x in t["exports"]:
        ctx, value = bytes.fromhex(x["exporter_context"]), bytes.fromhex(x["exported_value"])
        assert sender.export(ctx, x["L"]) == value
        assert recipient.export(ctx, x["L"]) == value
        if mode in (0, 1):
            assert suite.receive_export(enc, sk_r, ctx, x["L"], h["info"], **psk) == value


def test_hpke_pq_vectors(vectors: pathlib.Path) -> None:
    cases = json.loads((vectors / "hpke-pq" / "test-vectors.json").read_text())
    assert len(cases) == 13
    for t in cases:
        check_vector(t)


def test_rfc9180_vectors_every_mode() -> None:
    vectors = pytest.importorskip("cryptography_vectors")
    path = pathlib.Path(vectors.__file__).parent / "HPKE" / "test-vectors.json"
    cases = json.loads(path.read_text())
    assert len(cases) == 128
    for t in cases:
        check_vector(t)
    assert {t["mode"] for t in cases} == {0, 1, 2, 3}


# ----------------------------------------------------- every suite, every mode

PSK = {"psk": b"\x42" * 32, "psk_id": b"id"}


@pytest.mark.parametrize("kem", KEMS, ids=repr)
def test_every_kem_every_mode(kem: Any) -> None:
    kdf, aead = KDFS[KEMS.index(kem) % len(KDFS)], AEADS[KEMS.index(kem) % 3]
    suite = Suite(kem, kdf, aead)
    sk = HPKEPrivateKey.generate(kem)
    again = HPKEPrivateKey.from_bytes(kem, sk.private_bytes_raw())
    assert again.public_key() == sk.public_key()
    modes: list[dict[str, Any]] = [{}, dict(PSK)]
    sender = HPKEPrivateKey.generate(kem)
    if kem.supports_auth:
        modes += [{"sender": sender}, {"sender": sender, **PSK}]
    for mode in modes:
        s = mode.pop("sender", None)
        enc, ct = suite.seal(b"pt", sk.public_key(), b"info", b"aad", **mode, sender_private_key=s)
        pk_s = s.public_key() if s else None
        assert suite.open(enc, ct, sk, b"info", b"aad", **mode, sender_public_key=pk_s) == b"pt"
        with pytest.raises(InvalidTag):
            suite.open(enc, ct, sk, b"info", b"other", **mode, sender_public_key=pk_s)
    if not kem.supports_auth:
        with pytest.raises(InvalidParameter):
            suite.seal(b"pt", sk.public_key(), sender_private_key=sender)
    # pyca's single shot, and exports.
    assert suite.decrypt(suite.encrypt(b"m", sk.public_key()), sk) == b"m"
    enc, secret = suite.send_export(sk.public_key(), b"ctx", 48, b"info")
    assert suite.receive_export(enc, sk, b"ctx", 48, b"info") == secret
    assert len(secret) == 48


@pytest.mark.parametrize(
    ("kdf", "aead"), list(itertools.product(KDFS, AEADS)), ids=lambda x: repr(x)
)
def test_every_kdf_and_aead(kdf: Any, aead: Any) -> None:
    for kem in (KEM.X25519, KEM.MLKEM768_X25519):
        suite = Suite(kem, kdf, aead)
        sk = HPKEPrivateKey.generate(kem)
        enc, sender = suite.setup_sender(sk.public_key(), b"info")
        recipient = suite.setup_recipient(enc, sk, b"info")
        assert sender.export(b"x", 32) == recipient.export(b"x", 32)
        if aead == AEAD.EXPORT_ONLY:
            with pytest.raises(InvalidParameter):
                sender.seal(b"m")
            with pytest.raises(InvalidParameter):
                suite.encrypt(b"m", sk.public_key())
            continue
        for i in range(3):
            assert recipient.open(sender.seal(b"m%d" % i, b"a"), b"a") == b"m%d" % i
        assert sender.sequence_number == recipient.sequence_number == 3


def test_pqfence_kem_keys_are_hpke_keys() -> None:
    """pqfence's own ML-KEM and hybrid keys work as they are."""
    pairs = [
        (KEM.MLKEM512, mlkem.MLKEM512PrivateKey),
        (KEM.MLKEM768, mlkem.MLKEM768PrivateKey),
        (KEM.MLKEM1024, mlkem.MLKEM1024PrivateKey),
        (KEM.MLKEM768_X25519, hybrid.MLKEM768X25519PrivateKey),
        (KEM.MLKEM768_P256, hybrid.MLKEM768P256PrivateKey),
        (KEM.MLKEM1024_P384, hybrid.MLKEM1024P384PrivateKey),
    ]
    for kem, cls in pairs:
        suite = Suite(kem, KDF.HKDF_SHA256, AEAD.AES_128_GCM)
        sk = cls.generate()
        ct = suite.encrypt(b"hello", sk.public_key(), b"i")
        assert suite.decrypt(ct, sk, b"i") == b"hello"
        raw = HPKEPrivateKey.from_key(kem, sk)
        assert raw.private_bytes_raw() == sk.private_bytes_raw()  # the seed, both ways
        assert suite.decrypt(ct, raw, b"i") == b"hello"
        assert HPKEPublicKey.from_key(kem, sk.public_key()) == raw.public_key()
        # A key of another KEM is a TypeError, as in pyca.
        other = Suite(KEM.X25519 if kem != KEM.X25519 else KEM.P256, KDF.HKDF_SHA256,
                      AEAD.AES_128_GCM)  # fmt: skip
        with pytest.raises(TypeError):
            other.encrypt(b"x", sk.public_key())
        with pytest.raises(TypeError):
            other.decrypt(ct, sk)
    # An ML-KEM key without its seed still decrypts, but has no HPKE serialization.
    sk = mlkem.MLKEM768PrivateKey.generate()
    expanded = mlkem.MLKEM768PrivateKey.from_expanded_bytes(sk.private_bytes_expanded())
    suite = Suite(KEM.MLKEM768, KDF.SHAKE256, AEAD.CHACHA20_POLY1305)
    assert suite.decrypt(suite.encrypt(b"m", sk.public_key()), expanded) == b"m"
    with pytest.raises(InvalidKey):
        HPKEPrivateKey.from_key(KEM.MLKEM768, expanded).private_bytes_raw()
    # Keys of families HPKE does not use are refused.
    composite = hybrid.CompositeMLKEM768X25519PrivateKey.generate()
    with pytest.raises(TypeError):
        Suite(KEM.MLKEM768_X25519, KDF.HKDF_SHA256, AEAD.AES_128_GCM).decrypt(
            b"\0" * 2000, composite
        )


# ------------------------------------------------------------------ negatives


def test_bad_input() -> None:
    suite = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.AES_128_GCM)
    sk = HPKEPrivateKey.generate(KEM.X25519)
    ct = suite.encrypt(b"message", sk.public_key(), b"info")
    for bad in (ct[:-1], ct[:10], b"", bytes([ct[0] ^ 1]) + ct[1:], ct[:-1] + bytes([ct[-1] ^ 1])):
        with pytest.raises(InvalidTag):
            suite.decrypt(bad, sk, b"info")
    with pytest.raises(InvalidTag):
        suite.decrypt(ct, sk, b"other info")
    with pytest.raises(InvalidTag):
        suite.decrypt(ct, HPKEPrivateKey.generate(KEM.X25519), b"info")
    assert issubclass(InvalidTag, PQFenceError)
    with pytest.raises(TypeError):
        suite.encrypt("text", sk.public_key())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        suite.encrypt(b"x", b"\0" * 32)
    with pytest.raises(TypeError):
        suite.encrypt(b"x", sk)  # a private key where a public one goes
    with pytest.raises(InvalidLength):
        HPKEPublicKey.from_bytes(KEM.X25519, b"\0" * 31)
    with pytest.raises(InvalidLength):
        HPKEPrivateKey.from_bytes(KEM.MLKEM768, b"\0" * 63)
    # Off-curve, identity, out-of-range scalars.
    with pytest.raises(InvalidKey):
        HPKEPublicKey.from_bytes(KEM.P256, b"\x04" + b"\0" * 64)
    with pytest.raises(InvalidKey):
        HPKEPrivateKey.from_bytes(KEM.P256, b"\0" * 32)
    with pytest.raises(InvalidKey):
        HPKEPrivateKey.from_bytes(KEM.P256, b"\xff" * 32)
    # A low-order X25519 point: the all-zero DH output is refused.
    with pytest.raises(InvalidKey):
        suite.encrypt(b"x", HPKEPublicKey.from_bytes(KEM.X25519, b"\0" * 32))
    # PSK rules (RFC 9180 section 5.1).
    pk = sk.public_key()
    with pytest.raises(InvalidParameter):
        suite.seal(b"x", pk, psk=b"\1" * 32)
    with pytest.raises(InvalidParameter):
        suite.seal(b"x", pk, psk_id=b"id")
    with pytest.raises(InvalidParameter):
        suite.seal(b"x", pk, psk=b"\1" * 31, psk_id=b"id")
    enc, ct2 = suite.seal(b"x", pk, **PSK)
    with pytest.raises(InvalidTag):
        suite.open(enc, ct2, sk, psk=b"\2" * 32, psk_id=b"id")
    with pytest.raises(InvalidTag):
        suite.open(enc, ct2, sk)  # a psk-mode message opened in base mode
    # A failed open does not advance the recipient's sequence number.
    enc, sender = suite.setup_sender(pk)
    recipient = suite.setup_recipient(enc, sk)
    good = sender.seal(b"one")
    with pytest.raises(InvalidTag):
        recipient.open(good[:-1] + bytes([good[-1] ^ 1]))
    assert recipient.sequence_number == 0
    assert recipient.open(good) == b"one"
    # Exporter length limits (HKDF: 255 * Nh).
    with pytest.raises(PQFenceError):
        sender.export(b"", 255 * 32 + 1)
    # Keys: redacted, not picklable.
    import pickle

    assert "redacted" in repr(sk)
    with pytest.raises(TypeError):
        pickle.dumps(sk)
    with pytest.raises(TypeError):
        pickle.dumps(sender)


def test_contexts_are_thread_safe() -> None:
    suite = Suite(KEM.MLKEM768_X25519, KDF.SHAKE256, AEAD.CHACHA20_POLY1305)
    sk = hybrid.MLKEM768X25519PrivateKey.generate()
    enc, sender = suite.setup_sender(sk.public_key(), b"threads")
    sealed: list[tuple[bytes, bytes]] = []
    lock = threading.Lock()

    def work(t: int) -> None:
        for i in range(25):
            msg = b"thread %d message %d" % (t, i)
            ct = sender.seal(msg)
            with lock:
                sealed.append((msg, ct))

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sender.sequence_number == 100
    # Each sequence number was used once: the recipient opens all 100 in
    # some order (a failed open does not advance it).
    recipient = suite.setup_recipient(enc, sk, b"threads")
    left = list(sealed)
    while left:
        for j, (msg, ct) in enumerate(left):
            try:
                assert recipient.open(ct) == msg
            except InvalidTag:
                continue
            del left[j]
            break
        else:
            pytest.fail("a ciphertext opens at no sequence number")
    assert recipient.sequence_number == 100


# ------------------------------------------------------ pyca/cryptography 50

pyca_hpke: Any = None
with contextlib.suppress(ImportError):
    pyca_hpke = importlib.import_module("cryptography.hazmat.primitives.hpke")

needs_pyca = pytest.mark.skipif(pyca_hpke is None, reason="pyca/cryptography 50 not installed")

PYCA_KEMS = ["X25519", "P256", "P384", "P521", "MLKEM768", "MLKEM1024", "MLKEM768_X25519",
             "MLKEM1024_P384"]  # fmt: skip
PYCA_KDFS = ["HKDF_SHA256", "HKDF_SHA384", "HKDF_SHA512", "SHAKE128", "SHAKE256"]
PYCA_AEADS = ["AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"]


class KeyPairs:
    """For one KEM: a pyca key with its pqfence twin, and a pqfence key with
    its pyca twin (each moved by serializing with one library and loading
    with the other)."""

    def __init__(self, kem: str) -> None:
        from cryptography.hazmat.primitives.asymmetric import ec, x25519
        from cryptography.hazmat.primitives.asymmetric import mlkem as pmlkem

        curves = {"P256": ec.SECP256R1(), "P384": ec.SECP384R1(), "P521": ec.SECP521R1()}
        sizes = {"P256": 32, "P384": 48, "P521": 66}
        k = getattr(KEM, kem)
        if kem == "X25519":
            self.pyca = x25519.X25519PrivateKey.generate()
            self.pyca_twin = HPKEPrivateKey.from_bytes(k, self.pyca.private_bytes_raw())
            self.ours = HPKEPrivateKey.generate(k)
            self.ours_twin = x25519.X25519PrivateKey.from_private_bytes(
                self.ours.private_bytes_raw()
            )
        elif kem in curves:
            self.pyca = ec.generate_private_key(curves[kem])
            scalar = self.pyca.private_numbers().private_value.to_bytes(sizes[kem], "big")
            self.pyca_twin = HPKEPrivateKey.from_bytes(k, scalar)
            self.ours = HPKEPrivateKey.generate(k)
            value = int.from_bytes(self.ours.private_bytes_raw(), "big")
            self.ours_twin = ec.derive_private_key(value, curves[kem])
        elif kem in ("MLKEM768", "MLKEM1024"):
            cls = getattr(pmlkem, f"{kem}PrivateKey")
            self.pyca = cls.generate()
            # PKCS#8 written by pyca, read by pqfence (and back).
            self.pyca_twin = serialization.from_cryptography(self.pyca)
            self.ours = getattr(mlkem, f"{kem}PrivateKey").generate()
            self.ours_twin = serialization.to_cryptography(self.ours)
        else:
            pq, curve = ("MLKEM768", None) if kem == "MLKEM768_X25519" else ("MLKEM1024", "P384")
            m = getattr(pmlkem, f"{pq}PrivateKey").generate()
            t: Any = x25519.X25519PrivateKey.generate() if curve is None else (
                ec.generate_private_key(curves[curve]))  # fmt: skip
            cls_name = kem.replace("_", "") + "PrivateKey"
            self.pyca = getattr(pyca_hpke, cls_name)(m, t)
            self.pyca_twin = getattr(hpke, cls_name)(m, t)
            self.ours = getattr(hpke, cls_name).generate()
            e = self.ours.private_bytes_expanded()
            m2 = getattr(pmlkem, f"{pq}PrivateKey").from_seed_bytes(e[:64])
            if curve is None:
                t2: Any = x25519.X25519PrivateKey.from_private_bytes(e[64:])
            else:
                t2 = ec.derive_private_key(int.from_bytes(e[64:], "big"), curves[curve])
            self.ours_twin = getattr(pyca_hpke, cls_name)(m2, t2)


@needs_pyca
@pytest.mark.parametrize("kem", PYCA_KEMS)
def test_pyca_interop_every_shared_suite(kem: str) -> None:
    keys = KeyPairs(kem)
    for kdf, aead in itertools.product(PYCA_KDFS, PYCA_AEADS):
        theirs = pyca_hpke.Suite(
            getattr(pyca_hpke.KEM, kem), getattr(pyca_hpke.KDF, kdf), getattr(pyca_hpke.AEAD, aead)
        )
        ours = Suite(getattr(KEM, kem), getattr(KDF, kdf), getattr(AEAD, aead))
        msg, info = b"interop %s %s %s" % (kem.encode(), kdf.encode(), aead.encode()), b"info"
        # pyca seals to its key; pqfence opens with the moved key.
        ct = theirs.encrypt(msg, keys.pyca.public_key(), info)
        assert ours.decrypt(ct, keys.pyca_twin, info) == msg
        # pqfence seals to the moved public key; pyca opens with its key.
        ct = ours.encrypt(msg, keys.pyca_twin.public_key(), info)
        assert theirs.decrypt(ct, keys.pyca, info) == msg
        # The same with a key made by pqfence and moved to pyca.
        ct = ours.encrypt(msg, keys.ours.public_key(), info)
        assert theirs.decrypt(ct, keys.ours_twin, info) == msg
        ct = theirs.encrypt(msg, keys.ours_twin.public_key(), None)
        assert ours.decrypt(ct, keys.ours, None) == msg
        # Tampering is InvalidTag on both sides, and pqfence's is pyca's.
        bad = ct[:-1] + bytes([ct[-1] ^ 1])
        from cryptography.exceptions import InvalidTag as PycaInvalidTag

        with pytest.raises(PycaInvalidTag):
            ours.decrypt(bad, keys.ours)


@needs_pyca
@pytest.mark.parametrize("kem", ["X25519", "P256", "P384", "P521", "MLKEM768", "MLKEM1024"])
def test_pyca_code_ports_by_changing_the_import(kem: str) -> None:
    """The same code, written for pyca's hpke with pyca's key objects, runs
    against pqfence.hpke unchanged."""
    from cryptography.exceptions import InvalidTag as PycaInvalidTag

    keys = KeyPairs(kem)

    def program(h: Any, private_key: Any) -> bytes:
        suite = h.Suite(getattr(h.KEM, kem), h.KDF.HKDF_SHA256, h.AEAD.AES_128_GCM)
        ct = suite.encrypt(b"ported", private_key.public_key(), b"app")
        pt: bytes = suite.decrypt(ct, private_key, b"app")
        with pytest.raises(PycaInvalidTag):  # pqfence's InvalidTag is pyca's too
            suite.decrypt(ct, private_key, b"wrong")
        return pt

    assert program(pyca_hpke, keys.pyca) == program(hpke, keys.pyca) == b"ported"


@needs_pyca
def test_pyca_hybrid_constructors_port() -> None:
    from cryptography.hazmat.primitives.asymmetric import ec, x25519
    from cryptography.hazmat.primitives.asymmetric import mlkem as pmlkem

    for h in (pyca_hpke, hpke):
        m, x = pmlkem.MLKEM768PrivateKey.generate(), x25519.X25519PrivateKey.generate()
        sk = h.MLKEM768X25519PrivateKey(m, x)
        suite = h.Suite(h.KEM.MLKEM768_X25519, h.KDF.SHAKE256, h.AEAD.AES_256_GCM)
        assert suite.decrypt(suite.encrypt(b"m", sk.public_key(), b"i"), sk, b"i") == b"m"
        m2, p = pmlkem.MLKEM1024PrivateKey.generate(), ec.generate_private_key(ec.SECP384R1())
        sk2 = h.MLKEM1024P384PrivateKey(m2, p)
        pk2 = h.MLKEM1024P384PublicKey(m2.public_key(), p.public_key())
        suite2 = h.Suite(h.KEM.MLKEM1024_P384, h.KDF.HKDF_SHA384, h.AEAD.AES_256_GCM)
        assert suite2.decrypt(suite2.encrypt(b"m", pk2), sk2) == b"m"
    # pyca's opaque hybrid keys cannot be read: pqfence asks for the halves.
    with pytest.raises(TypeError):
        Suite(KEM.MLKEM768_X25519, KDF.SHAKE256, AEAD.AES_256_GCM).encrypt(
            b"m", pyca_hpke.MLKEM768X25519PrivateKey(m, x).public_key()
        )

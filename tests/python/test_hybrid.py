"""The hybrid KEMs through the Python API: X-Wing and the concrete hybrids,
composite ML-KEM (every vector, its PKCS#8 and the certificate's key through
pqfence.serialization), key moves to and from pyca/cryptography, bad input."""

from __future__ import annotations

import base64
import copy
import json
import pathlib
import pickle
from typing import Any

import pqfence
import pytest
from pqfence import hybrid, mlkem, serialization
from pqfence.exceptions import InvalidEncoding, InvalidKey, InvalidLength
from pqfence.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

# (name, private class, public class, pk, ct, eseed, expanded)
CG = [
    ("MLKEM768-X25519", hybrid.MLKEM768X25519PrivateKey, hybrid.MLKEM768X25519PublicKey,
     1216, 1120, 64, 96),
    ("MLKEM768-P256", hybrid.MLKEM768P256PrivateKey, hybrid.MLKEM768P256PublicKey,
     1249, 1153, 32 + 128, 96),
    ("MLKEM1024-P384", hybrid.MLKEM1024P384PrivateKey, hybrid.MLKEM1024P384PublicKey,
     1665, 1665, 32 + 48, 112),
]  # fmt: skip

COMPOSITE = {
    "id-MLKEM768-X25519-SHA3-256": hybrid.CompositeMLKEM768X25519PrivateKey,
    "id-MLKEM768-ECDH-P256-SHA3-256": hybrid.CompositeMLKEM768P256PrivateKey,
    "id-MLKEM768-ECDH-P384-SHA3-256": hybrid.CompositeMLKEM768P384PrivateKey,
    "id-MLKEM768-ECDH-brainpoolP256r1-SHA3-256": hybrid.CompositeMLKEM768BP256PrivateKey,
    "id-MLKEM1024-ECDH-P384-SHA3-256": hybrid.CompositeMLKEM1024P384PrivateKey,
    "id-MLKEM1024-ECDH-brainpoolP384r1-SHA3-256": hybrid.CompositeMLKEM1024BP384PrivateKey,
    "id-MLKEM1024-X448-SHA3-256": hybrid.CompositeMLKEM1024X448PrivateKey,
    "id-MLKEM1024-ECDH-P521-SHA3-256": hybrid.CompositeMLKEM1024P521PrivateKey,
}


# The traditional private key length, by the name's curve part.
TRAD_SK = {"X25519": 32, "X448": 56, "P256": 32, "P384": 48, "P521": 66, "P256r1": 32, "P384r1": 48}


def xwing_dir(vectors: pathlib.Path) -> pathlib.Path:
    return vectors / "xwing-draft-connolly-cfrg-xwing-kem"


# ---------------------------------------------------------------- X-Wing


def test_xwing_vectors(vectors: pathlib.Path) -> None:
    cases = json.loads((xwing_dir(vectors) / "test-vectors.json").read_text())
    assert len(cases) == 3
    for t in cases:
        h = {k: bytes.fromhex(v) for k, v in t.items()}
        sk = hybrid.MLKEM768X25519PrivateKey.from_seed_bytes(h["seed"])
        assert sk.private_bytes_raw() == h["sk"]
        assert sk.public_key().public_bytes_raw() == h["pk"]
        pk = hybrid.MLKEM768X25519PublicKey.from_public_bytes(h["pk"])
        assert pk.encapsulate_deterministic(h["eseed"]) == (h["ss"], h["ct"])
        assert sk.decapsulate(h["ct"]) == h["ss"]
        # The same through the registry, by either name.
        for name in ("MLKEM768-X25519", "X-Wing", "x-wing"):
            again = pqfence.kem(name).private_key_from_seed(bytearray(h["seed"]))
            assert again.decapsulate(memoryview(h["ct"])) == h["ss"]
        bad = bytearray(h["ct"])
        bad[0] ^= 1
        assert sk.decapsulate(bad) != h["ss"]


def test_xwing_draft_key_files(vectors: pathlib.Path) -> None:
    d = xwing_dir(vectors)
    priv_pem, pub_pem = (d / "xwing.priv").read_bytes(), (d / "xwing.pub").read_bytes()
    sk = serialization.load_pem_private_key(priv_pem)
    assert isinstance(sk, hybrid.MLKEM768X25519PrivateKey)
    assert sk.private_bytes_raw() == bytes(range(32))
    assert sk.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()) == priv_pem
    pk = serialization.load_pem_public_key(pub_pem)
    assert pk == sk.public_key()
    assert pk.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo) == pub_pem
    der = sk.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    assert serialization.load_der_private_key(der) == sk
    spki = pk.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    assert serialization.load_der_public_key(spki) == pk


@pytest.mark.parametrize("case", CG, ids=[c[0] for c in CG])
def test_cg_hybrid_round_trip(case: tuple[Any, ...]) -> None:
    name, priv, pub, pk_len, ct_len, eseed_len, expanded_len = case
    sk = priv.generate()
    assert sk.algorithm == name == type(sk.public_key()).algorithm
    pk = pub.from_public_bytes(sk.public_key().public_bytes_raw())
    assert len(pk.public_bytes_raw()) == pk_len
    ss, ct = pk.encapsulate()
    assert len(ct) == ct_len
    assert len(ss) == 32
    assert sk.decapsulate(ct) == ss
    # Deterministic encapsulation takes the set's eseed length.
    eseed = bytes(range(eseed_len))
    assert pk.encapsulate_deterministic(eseed) == pk.encapsulate_deterministic(eseed)
    with pytest.raises(InvalidLength):
        pk.encapsulate_deterministic(eseed[:-1] if name == "MLKEM768-X25519" else b"\0" * 31)
    # Seed and expanded forms.
    assert priv.from_seed_bytes(sk.private_bytes_raw()) == sk
    expanded = sk.private_bytes_expanded()
    assert len(expanded) == expanded_len
    from_expanded = priv.from_expanded_bytes(expanded)
    assert from_expanded == sk
    assert from_expanded.decapsulate(ct) == ss
    with pytest.raises(InvalidKey):
        from_expanded.private_bytes_raw()  # no 32-byte seed
    # Registry record.
    info = next(i for i in pqfence.algorithms() if i.name == name)
    assert (info.kind, info.public_key_bytes, info.ciphertext_bytes) == ("kem", pk_len, ct_len)
    assert (info.seed_bytes, info.private_key_bytes) == (32, expanded_len)
    # Objects: secrets redacted, no pickling of private keys, public keys pickle.
    assert "redacted" in repr(sk)
    with pytest.raises(TypeError):
        pickle.dumps(sk)
    assert pickle.loads(pickle.dumps(pk)) == pk
    assert copy.deepcopy(sk) == sk
    # Bad input.
    with pytest.raises(InvalidLength):
        priv.from_seed_bytes(b"\0" * 31)
    with pytest.raises(InvalidLength):
        pub.from_public_bytes(pk.public_bytes_raw()[:-1])
    with pytest.raises(InvalidLength):
        sk.decapsulate(ct[:-1])
    with pytest.raises(TypeError):
        sk.decapsulate("not bytes")
    # The identity / a zero X25519 point in the ciphertext is refused.
    t_len = 32 if name == "MLKEM768-X25519" else (65 if "P256" in name else 97)
    with pytest.raises(InvalidKey):
        sk.decapsulate(ct[:-t_len] + b"\0" * t_len)


@pytest.mark.parametrize("case", CG[1:], ids=[c[0] for c in CG[1:]])
def test_hybrids_without_oid_have_raw_keys_only(case: tuple[Any, ...]) -> None:
    sk = case[1].generate()
    with pytest.raises(InvalidEncoding, match="no standard object identifier"):
        sk.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    with pytest.raises(InvalidEncoding, match="no standard object identifier"):
        sk.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    raw = sk.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    assert case[1].from_seed_bytes(raw) == sk


# ---------------------------------------------------- moving keys with pyca


def test_xwing_keys_move_to_and_from_pyca() -> None:
    pyca_mlkem = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.mlkem")
    from cryptography.hazmat.primitives.asymmetric import x25519

    # pyca's halves -> one pqfence key (pyca's hpke constructor's shape).
    m, x = pyca_mlkem.MLKEM768PrivateKey.generate(), x25519.X25519PrivateKey.generate()
    sk = hybrid.MLKEM768X25519PrivateKey(m, x)
    pk = hybrid.MLKEM768X25519PublicKey(m.public_key(), x.public_key())
    assert sk.public_key() == pk
    expanded = sk.private_bytes_expanded()
    assert expanded[:64] == m.private_bytes_raw()
    assert expanded[64:] == x.private_bytes_raw()
    with pytest.raises(InvalidKey):
        sk.private_bytes_raw()  # no 32-byte seed from halves
    ss, ct = pk.encapsulate()
    assert sk.decapsulate(ct) == ss
    # pqfence's own ML-KEM keys work as the ML-KEM half too.
    ours = mlkem.MLKEM768PrivateKey.from_seed_bytes(m.private_bytes_raw())
    assert hybrid.MLKEM768X25519PrivateKey(ours, x) == sk
    # And back: a pqfence key's halves load into pyca.
    mine = hybrid.MLKEM768X25519PrivateKey.generate()
    e = mine.private_bytes_expanded()
    m2 = pyca_mlkem.MLKEM768PrivateKey.from_seed_bytes(e[:64])
    x2 = x25519.X25519PrivateKey.from_private_bytes(e[64:])
    assert hybrid.MLKEM768X25519PrivateKey(m2, x2) == mine
    assert (
        m2.public_key().public_bytes_raw() + x2.public_key().public_bytes_raw()
        == mine.public_key().public_bytes_raw()
    )
    # Wrong halves: another ML-KEM set, another curve, not a key.
    with pytest.raises(TypeError):
        hybrid.MLKEM768X25519PrivateKey(pyca_mlkem.MLKEM1024PrivateKey.generate(), x)
    with pytest.raises(TypeError):
        hybrid.MLKEM768X25519PrivateKey(m, m)
    with pytest.raises(TypeError):
        hybrid.MLKEM768X25519PublicKey(m.public_key(), b"\0" * 32)
    expanded_only = mlkem.MLKEM768PrivateKey.from_expanded_bytes(ours.private_bytes_expanded())
    with pytest.raises(InvalidKey):
        hybrid.MLKEM768X25519PrivateKey(expanded_only, x)


def test_p384_hybrid_from_pyca_halves() -> None:
    pyca_mlkem = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.mlkem")
    from cryptography.hazmat.primitives.asymmetric import ec

    m = pyca_mlkem.MLKEM1024PrivateKey.generate()
    p = ec.generate_private_key(ec.SECP384R1())
    sk = hybrid.MLKEM1024P384PrivateKey(m, p)
    pk = hybrid.MLKEM1024P384PublicKey(m.public_key(), p.public_key())
    assert sk.public_key() == pk
    value = p.private_numbers().private_value
    assert sk.private_bytes_expanded()[64:] == value.to_bytes(48, "big")
    with pytest.raises(TypeError):
        hybrid.MLKEM1024P384PrivateKey(m, ec.generate_private_key(ec.SECP256R1()))


# ------------------------------------------------------ composite ML-KEM


def _spki_of_certificate(cert: bytes) -> bytes:
    """The SubjectPublicKeyInfo of a DER certificate (a minimal DER walk:
    tbsCertificate's seventh element, after the optional [0] version)."""

    def tlv(b: bytes, i: int) -> tuple[int, int, int]:
        n = b[i + 1]
        if n < 0x80:
            return i + 2, n, i + 2 + n
        k = n & 0x7F
        length = int.from_bytes(b[i + 2 : i + 2 + k], "big")
        return i + 2 + k, length, i + 2 + k + length

    start, _, _ = tlv(cert, 0)  # Certificate
    i, _, _ = tlv(cert, start)  # tbsCertificate contents
    if cert[i] == 0xA0:  # version
        i = tlv(cert, i)[2]
    for _ in range(5):  # serial, signature, issuer, validity, subject
        i = tlv(cert, i)[2]
    return cert[i : tlv(cert, i)[2]]


def _composite_vectors(vectors: pathlib.Path) -> list[dict[str, Any]]:
    tests: list[dict[str, Any]] = json.loads(
        (vectors / "composite-kem" / "testvectors.json").read_text()
    )["tests"]
    return tests


def test_composite_vectors(vectors: pathlib.Path) -> None:
    done, rsa = set(), 0
    for t in _composite_vectors(vectors):
        name = t["tcId"]
        b = {k: base64.b64decode(v) for k, v in t.items() if k != "tcId"}
        if "-RSA" in name:
            rsa += 1
            continue
        spki = _spki_of_certificate(b["x5c"])
        pk = serialization.load_der_public_key(spki)
        if name.startswith("id-alg-ml-kem"):
            # Plain ML-KEM vectors: the same certificate path.
            sk = serialization.load_der_private_key(b["dk_pkcs8"])
            assert sk.decapsulate(b["c"]) == b["k"]
            assert pk.public_bytes_raw() == b["ek"]
            continue
        cls = COMPOSITE[name]
        sk = cls.from_seed_bytes(b["dk"])
        assert sk.algorithm == name
        assert sk.private_bytes_raw() == b["dk"]
        assert sk.public_key().public_bytes_raw() == b["ek"]
        assert sk.decapsulate(b["c"]) == b["k"]
        # PKCS#8 through pqfence.serialization, byte for byte.
        loaded = serialization.load_der_private_key(b["dk_pkcs8"])
        assert isinstance(loaded, cls)
        assert loaded == sk
        assert sk.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption()) == b["dk_pkcs8"]
        # The certificate's key.
        assert pk == sk.public_key()
        assert pk.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo) == spki
        ss, ct = pk.encapsulate()
        assert sk.decapsulate(ct) == ss
        # Tampering: the ML-KEM half changes the secret (implicit
        # rejection); a zeroed traditional half is refused.
        bad = bytearray(b["c"])
        bad[3] ^= 0x40
        assert sk.decapsulate(bad) != b["k"]
        t_len = len(b["c"]) - (1088 if name.startswith("id-MLKEM768") else 1568)
        with pytest.raises(InvalidKey):
            sk.decapsulate(b["c"][:-t_len] + b"\0" * t_len)
        with pytest.raises(InvalidLength):
            sk.decapsulate(b["c"][:-1])
        done.add(name)
    assert done == set(COMPOSITE)
    assert rsa == 4


@pytest.mark.parametrize("name", list(COMPOSITE))
def test_composite_generated(name: str) -> None:
    kem = pqfence.kem(name)
    sk = kem.generate()
    assert type(sk) is COMPOSITE[name]
    info = kem.info
    assert len(sk.private_bytes_raw()) == info.seed_bytes == info.private_key_bytes
    pk = sk.public_key()
    ss, ct = pk.encapsulate()
    assert len(ct) == info.ciphertext_bytes
    assert sk.decapsulate(ct) == ss
    # Deterministic: m (32) || the ephemeral private key, which must be valid.
    t_sk = next(n for part, n in TRAD_SK.items() if part in name)
    eseed = b"\x01" * (32 + t_sk)
    ss_d, ct_d = pk.encapsulate_deterministic(eseed)
    assert pk.encapsulate_deterministic(eseed) == (ss_d, ct_d)
    assert sk.decapsulate(ct_d) == ss_d
    with pytest.raises(InvalidLength):
        pk.encapsulate_deterministic(eseed[:-1])
    pem = sk.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    assert serialization.load_pem_private_key(pem) == sk
    spki = pk.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    assert serialization.load_pem_public_key(spki) == pk
    with pytest.raises(InvalidLength):
        type(sk).from_seed_bytes(b"\0" * 63)
    other = kem.generate()
    assert other.decapsulate(ct) != ss

"""Key formats through the Python API: the ML-KEM / ML-DSA files of the
cryptography-vectors package, round trips of every set and form, pyca/cryptography
interop both ways (plain and encrypted), OpenSSL CLI interop when it is new
enough, and hypothesis-driven malformed input. SLH-DSA (RFC 9909): full round
trips of one SHA2 and one SHAKE set, cheap checks of all twelve, and the
documented gap in pyca/cryptography 50. Falcon: the Raw format only."""

from __future__ import annotations

import contextlib
import functools
import os
import pathlib
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pqfence import falcon, mldsa, mlkem, slhdsa
from pqfence.exceptions import (
    DecryptionFailed,
    InvalidEncoding,
    InvalidKey,
    InvalidLength,
    PQFenceError,
    UnknownAlgorithm,
)
from pqfence.serialization import (
    BestAvailableEncryption,
    Encoding,
    NoEncryption,
    PBES2Encryption,
    PrivateFormat,
    PrivateKeyForm,
    PublicFormat,
    from_cryptography,
    load_der_private_key,
    load_der_public_key,
    load_pem_private_key,
    load_pem_public_key,
    to_cryptography,
)

# pyca/cryptography's key classes and serialization names (an oracle).
pyca_ser = pytest.importorskip("cryptography.hazmat.primitives.serialization")
pyca_mlkem = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.mlkem")
pyca_mldsa = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.mldsa")
pyca_exceptions = pytest.importorskip("cryptography.exceptions")


@dataclass(frozen=True)
class Variant:
    name: str
    priv: Any
    pub: Any
    oid_last: int  # last arc of the OID
    seed: int
    expanded: int
    pyca: Any  # pyca's private key class, or None (pyca has no ML-KEM-512)


VARIANTS = [
    Variant("ML-KEM-512", mlkem.MLKEM512PrivateKey, mlkem.MLKEM512PublicKey, 1, 64, 1632, None),
    Variant(
        "ML-KEM-768",
        mlkem.MLKEM768PrivateKey,
        mlkem.MLKEM768PublicKey,
        2,
        64,
        2400,
        pyca_mlkem.MLKEM768PrivateKey,
    ),
    Variant(
        "ML-KEM-1024",
        mlkem.MLKEM1024PrivateKey,
        mlkem.MLKEM1024PublicKey,
        3,
        64,
        3168,
        pyca_mlkem.MLKEM1024PrivateKey,
    ),
    Variant(
        "ML-DSA-44",
        mldsa.MLDSA44PrivateKey,
        mldsa.MLDSA44PublicKey,
        17,
        32,
        2560,
        pyca_mldsa.MLDSA44PrivateKey,
    ),
    Variant(
        "ML-DSA-65",
        mldsa.MLDSA65PrivateKey,
        mldsa.MLDSA65PublicKey,
        18,
        32,
        4032,
        pyca_mldsa.MLDSA65PrivateKey,
    ),
    Variant(
        "ML-DSA-87",
        mldsa.MLDSA87PrivateKey,
        mldsa.MLDSA87PublicKey,
        19,
        32,
        4896,
        pyca_mldsa.MLDSA87PrivateKey,
    ),
]
variants = pytest.mark.parametrize("v", VARIANTS, ids=lambda v: v.name)
with_pyca = pytest.mark.parametrize(
    "v", [v for v in VARIANTS if v.pyca is not None], ids=lambda v: v.name
)
FORMS = pytest.mark.parametrize("form", list(PrivateKeyForm), ids=lambda f: f.value)

# Cheap key derivation for tests (we control it when we write).
FAST_SCRYPT = PBES2Encryption(b"correct horse", scrypt_log_n=4)
FAST_PBKDF2 = PBES2Encryption(b"correct horse", "pbkdf2-sha256", pbkdf2_iterations=10)
PASSWORD = b"correct horse"
# scrypt N = 2**14, r = 8, p = 1 as DER INTEGERs (what BestAvailableEncryption writes).
SCRYPT_DEFAULT = bytes.fromhex("02024000020108020101")


def oid(v: Variant) -> bytes:
    """DER OBJECT IDENTIFIER of a variant: 2.16.840.1.101.3.4.{4,3}.n."""
    arc = 4 if v.name.startswith("ML-KEM") else 3
    return bytes([0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, arc, v.oid_last])


def tlv(tag: int, content: bytes) -> bytes:
    """A DER TLV (definite length, minimal)."""
    n = len(content)
    if n < 0x80:
        length = bytes([n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + length + content


def pkcs8(oid_der: bytes, body: bytes, params: bytes = b"") -> bytes:
    """A OneAsymmetricKey v1 around the privateKey contents."""
    alg = tlv(0x30, oid_der + params)
    return tlv(0x30, b"\x02\x01\x00" + alg + tlv(0x04, body))


def der_of(key: Any, form: PrivateKeyForm = PrivateKeyForm.SEED) -> bytes:
    data: bytes = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption(), form)
    return data


# ---------------------------------------------------------------------------
# cryptography-vectors
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pyca_vectors() -> pathlib.Path:
    try:
        import cryptography_vectors
    except ImportError:
        if os.environ.get("PQFENCE_REQUIRE_VECTORS") == "1":
            pytest.fail("cryptography-vectors is not installed (requirements-dev.txt)")
        pytest.skip("cryptography-vectors is not installed (pip install -r requirements-dev.txt)")
    return pathlib.Path(cryptography_vectors.__file__).parent


def test_vectors_list_is_complete(pyca_vectors: pathlib.Path) -> None:
    """Every ML-KEM / ML-DSA key file of the package is used below."""
    files = {
        p.name
        for d in ("MLKEM", "MLDSA")
        for p in (pyca_vectors / "asymmetric" / d).iterdir()
        if p.suffix in (".der", ".pem")
    }
    assert files == {
        "mlkem768.der",
        "mlkem768.pem",
        "mldsa44_priv.der",
        "mldsa44_pub.der",
        "mldsa65_noseed_priv.der",
    }


def test_vector_mlkem768_seed(pyca_vectors: pathlib.Path) -> None:
    der = (pyca_vectors / "asymmetric/MLKEM/mlkem768.der").read_bytes()
    pem = (pyca_vectors / "asymmetric/MLKEM/mlkem768.pem").read_bytes()
    key = load_der_private_key(der)
    assert isinstance(key, mlkem.MLKEM768PrivateKey)
    assert load_pem_private_key(pem) == key
    assert key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption()) == der
    assert key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()) == pem
    assert key.private_bytes_raw() == der[-64:]
    # pyca reads the same file to the same key.
    theirs = pyca_ser.load_der_private_key(der, None)
    assert theirs.public_key().public_bytes_raw() == key.public_key().public_bytes_raw()


def test_vector_mldsa44_seed_and_public(pyca_vectors: pathlib.Path) -> None:
    der = (pyca_vectors / "asymmetric/MLDSA/mldsa44_priv.der").read_bytes()
    pub = (pyca_vectors / "asymmetric/MLDSA/mldsa44_pub.der").read_bytes()
    key = load_der_private_key(der)
    assert isinstance(key, mldsa.MLDSA44PrivateKey)
    assert der_of(key) == der
    public = load_der_public_key(pub)
    assert isinstance(public, mldsa.MLDSA44PublicKey)
    assert public.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo) == pub
    assert key.public_key() == public
    public.verify(key.sign(b"msg"), b"msg")


def test_vector_mldsa65_expanded_only(pyca_vectors: pathlib.Path) -> None:
    der = (pyca_vectors / "asymmetric/MLDSA/mldsa65_noseed_priv.der").read_bytes()
    key = load_der_private_key(der)
    assert isinstance(key, mldsa.MLDSA65PrivateKey)
    # What is lost with the seed: the raw seed and the seed / both forms.
    with pytest.raises(InvalidKey):
        key.private_bytes_raw()
    with pytest.raises(InvalidKey):
        der_of(key)
    with pytest.raises(InvalidKey):
        der_of(key, PrivateKeyForm.BOTH)
    assert der_of(key, PrivateKeyForm.EXPANDED) == der
    assert (
        key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption(), PrivateKeyForm.EXPANDED)
        == key.private_bytes_expanded()
    )
    key.public_key().verify(key.sign(b"m"), b"m")


# ---------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------


@variants
@FORMS
def test_round_trip_every_form(v: Variant, form: PrivateKeyForm) -> None:
    key = v.priv.generate()
    der = der_of(key, form)
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption(), form)
    assert pem.startswith(b"-----BEGIN PRIVATE KEY-----\n")
    for loaded in (load_der_private_key(der), load_pem_private_key(pem)):
        assert type(loaded) is v.priv
        assert loaded == key
        assert der_of(loaded, form) == der
        if form is PrivateKeyForm.EXPANDED:
            with pytest.raises(InvalidKey):
                loaded.private_bytes_raw()
        else:
            assert loaded.private_bytes_raw() == key.private_bytes_raw()
    # The whole document, with the privateKey CHOICE as the LAMPS documents encode it.
    seed, expanded = key.private_bytes_raw(), key.private_bytes_expanded()
    body = {
        PrivateKeyForm.SEED: bytes([0x80, v.seed]) + seed,
        PrivateKeyForm.EXPANDED: tlv(0x04, expanded),
        PrivateKeyForm.BOTH: tlv(0x30, tlv(0x04, seed) + tlv(0x04, expanded)),
    }[form]
    assert der == pkcs8(oid(v), body)


@variants
@pytest.mark.parametrize("enc", [FAST_SCRYPT, FAST_PBKDF2], ids=["scrypt", "pbkdf2"])
def test_encrypted_round_trip(v: Variant, enc: PBES2Encryption) -> None:
    key = v.priv.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, enc)
    der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, enc)
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    assert load_pem_private_key(pem, PASSWORD) == key
    assert load_der_private_key(der, bytearray(PASSWORD)) == key
    with pytest.raises(DecryptionFailed):
        load_pem_private_key(pem, b"wrong horse")
    with pytest.raises(ValueError, match="wrong password"):
        load_der_private_key(der, b"x")


@variants
def test_public_round_trip(v: Variant) -> None:
    public = v.priv.generate().public_key()
    der = public.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    pem = public.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    assert pem.startswith(b"-----BEGIN PUBLIC KEY-----\n")
    assert load_der_public_key(der) == public
    assert load_pem_public_key(pem) == public
    assert type(load_der_public_key(der)) is v.pub
    assert public.public_bytes(Encoding.Raw, PublicFormat.Raw) == public.public_bytes_raw()
    assert der == tlv(0x30, tlv(0x30, oid(v)) + tlv(0x03, b"\x00" + public.public_bytes_raw()))


def test_raw_private_bytes() -> None:
    key = mlkem.MLKEM768PrivateKey.generate()
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    assert raw == key.private_bytes_raw()
    expanded = key.private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption(), form=PrivateKeyForm.EXPANDED
    )
    assert expanded == key.private_bytes_expanded()


def test_best_available_encryption_writes_scrypt_aes256() -> None:
    key = mldsa.MLDSA44PrivateKey.generate()
    der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, BestAvailableEncryption(b"pw"))
    scrypt_oid = bytes.fromhex("06092b06010401da47040b")  # 1.3.6.1.4.1.11591.4.11
    aes256cbc_oid = bytes.fromhex("060960864801650304012a")  # 2.16.840.1.101.3.4.1.42
    assert scrypt_oid in der
    assert aes256cbc_oid in der
    assert SCRYPT_DEFAULT in der
    assert load_der_private_key(der, b"pw") == key


def test_argument_errors() -> None:
    key = mldsa.MLDSA65PrivateKey.generate()
    public = key.public_key()
    bad_private = [
        (Encoding.Raw, PrivateFormat.PKCS8, NoEncryption()),
        (Encoding.PEM, PrivateFormat.Raw, NoEncryption()),
        (Encoding.DER, PrivateFormat.Raw, NoEncryption()),
        (Encoding.Raw, PrivateFormat.Raw, BestAvailableEncryption(b"pw")),
    ]
    for args in bad_private:
        with pytest.raises(InvalidEncoding):
            key.private_bytes(*args)
    with pytest.raises(InvalidEncoding):
        key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption(), PrivateKeyForm.BOTH)
    with pytest.raises(InvalidEncoding):
        key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption(), "neither")
    for args2 in [
        (Encoding.Raw, PublicFormat.SubjectPublicKeyInfo),
        (Encoding.PEM, PublicFormat.Raw),
        (Encoding.DER, PublicFormat.Raw),
    ]:
        with pytest.raises(InvalidEncoding):
            public.public_bytes(*args2)
    with pytest.raises(TypeError):
        key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, object())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        key.private_bytes(42, PrivateFormat.PKCS8, NoEncryption())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least 1 byte"):
        BestAvailableEncryption(b"")
    with pytest.raises(ValueError, match="kdf"):
        PBES2Encryption(b"pw", "md5")
    # Costs pqfence refuses to write (and would refuse to read).
    for enc in [
        PBES2Encryption(b"pw", scrypt_log_n=0),
        PBES2Encryption(b"pw", scrypt_log_n=30),
        PBES2Encryption(b"pw", "pbkdf2-sha256", pbkdf2_iterations=0),
    ]:
        with pytest.raises(InvalidEncoding):
            key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, enc)


def test_password_presence_mirrors_pyca() -> None:
    key = mlkem.MLKEM1024PrivateKey.generate()
    plain_pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    locked_pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, FAST_SCRYPT)
    plain_der = der_of(key)
    locked_der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, FAST_PBKDF2)
    with pytest.raises(TypeError, match="not encrypted"):
        load_pem_private_key(plain_pem, b"pw")
    with pytest.raises(TypeError, match="not encrypted"):
        load_der_private_key(plain_der, b"pw")
    with pytest.raises(TypeError, match="not given"):
        load_pem_private_key(locked_pem)
    with pytest.raises(TypeError, match="not given"):
        load_der_private_key(locked_der)
    # Key files in the wrong loader.
    with pytest.raises(InvalidEncoding):
        load_pem_public_key(plain_pem)
    with pytest.raises(InvalidEncoding):
        load_pem_private_key(
            key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
        )
    with pytest.raises(InvalidEncoding):
        load_der_public_key(plain_der)
    with pytest.raises(InvalidEncoding):
        load_pem_private_key(b"\xff\xfe not ascii")
    with pytest.raises(TypeError):
        load_der_private_key("a string")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# pyca/cryptography interop
# ---------------------------------------------------------------------------


@with_pyca
def test_pyca_writes_pqfence_reads(v: Variant) -> None:
    theirs = v.pyca.generate()
    raw_seed = theirs.private_bytes_raw()
    expected = v.priv.from_seed_bytes(raw_seed)
    for encoding, loader in (
        (pyca_ser.Encoding.DER, load_der_private_key),
        (pyca_ser.Encoding.PEM, load_pem_private_key),
    ):
        plain = theirs.private_bytes(
            encoding, pyca_ser.PrivateFormat.PKCS8, pyca_ser.NoEncryption()
        )
        assert loader(plain) == expected
        locked = theirs.private_bytes(
            encoding, pyca_ser.PrivateFormat.PKCS8, pyca_ser.BestAvailableEncryption(PASSWORD)
        )
        assert loader(locked, PASSWORD) == expected
        with pytest.raises(DecryptionFailed):
            loader(locked, b"not it")
    their_public = theirs.public_key()
    for encoding, public_loader in (
        (pyca_ser.Encoding.DER, load_der_public_key),
        (pyca_ser.Encoding.PEM, load_pem_public_key),
    ):
        spki = their_public.public_bytes(encoding, pyca_ser.PublicFormat.SubjectPublicKeyInfo)
        assert public_loader(spki) == expected.public_key()
    assert from_cryptography(theirs) == expected
    assert from_cryptography(their_public) == expected.public_key()


@with_pyca
def test_pqfence_writes_pyca_reads(v: Variant) -> None:
    ours = v.priv.generate()
    seed = ours.private_bytes_raw()
    for encoding, loader in (
        (Encoding.DER, pyca_ser.load_der_private_key),
        (Encoding.PEM, pyca_ser.load_pem_private_key),
    ):
        plain = ours.private_bytes(encoding, PrivateFormat.PKCS8, NoEncryption())
        assert loader(plain, None).private_bytes_raw() == seed
        for enc in (FAST_SCRYPT, FAST_PBKDF2):
            locked = ours.private_bytes(encoding, PrivateFormat.PKCS8, enc)
            assert loader(locked, PASSWORD).private_bytes_raw() == seed
    # The default (scrypt, N = 2**14) too, once.
    locked = ours.private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(PASSWORD)
    )
    assert pyca_ser.load_pem_private_key(locked, PASSWORD).private_bytes_raw() == seed
    public = ours.public_key()
    for encoding, public_loader in (
        (Encoding.DER, pyca_ser.load_der_public_key),
        (Encoding.PEM, pyca_ser.load_pem_public_key),
    ):
        spki = public.public_bytes(encoding, PublicFormat.SubjectPublicKeyInfo)
        assert public_loader(spki).public_bytes_raw() == public.public_bytes_raw()
    assert to_cryptography(ours).private_bytes_raw() == seed
    assert to_cryptography(public).public_bytes_raw() == public.public_bytes_raw()
    # Byte-identical to what pyca writes for the same seed.
    theirs = v.pyca.from_seed_bytes(seed)
    pyca_args = (pyca_ser.Encoding.DER, pyca_ser.PrivateFormat.PKCS8, pyca_ser.NoEncryption())
    assert der_of(ours) == theirs.private_bytes(*pyca_args)
    # pyca's enums work in pqfence's methods, so code ports unchanged.
    assert ours.private_bytes(*pyca_args) == der_of(ours)
    assert public.public_bytes(
        pyca_ser.Encoding.PEM, pyca_ser.PublicFormat.SubjectPublicKeyInfo
    ) == theirs.public_key().public_bytes(
        pyca_ser.Encoding.PEM, pyca_ser.PublicFormat.SubjectPublicKeyInfo
    )
    locked = ours.private_bytes(
        pyca_ser.Encoding.PEM,
        pyca_ser.PrivateFormat.PKCS8,
        pyca_ser.BestAvailableEncryption(PASSWORD),
    )
    assert load_pem_private_key(locked, PASSWORD) == ours


# ---------------------------------------------------------------------------
# OpenSSL command line (3.5+ knows ML-KEM and ML-DSA)
# ---------------------------------------------------------------------------


def openssl_35() -> str | None:
    exe = shutil.which("openssl")
    if exe is None:
        return None
    out = subprocess.run([exe, "version"], capture_output=True, text=True, check=False).stdout
    m = re.match(r"OpenSSL (\d+)\.(\d+)", out)
    if m is None or (int(m.group(1)), int(m.group(2))) < (3, 5):
        return None
    return exe


@with_pyca
def test_openssl_cli_interop(v: Variant, tmp_path: pathlib.Path) -> None:
    exe = openssl_35()
    if exe is None:
        pytest.skip("the openssl command is older than 3.5 (no ML-KEM / ML-DSA keys)")
    ours = v.priv.generate()
    (tmp_path / "k.pem").write_bytes(
        ours.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, FAST_PBKDF2)
    )
    out = subprocess.run(
        [exe, "pkey", "-in", str(tmp_path / "k.pem"), "-passin", "pass:correct horse", "-pubout"],
        capture_output=True,
        check=True,
    ).stdout
    assert load_pem_public_key(out) == ours.public_key()
    subprocess.run(
        [exe, "genpkey", "-algorithm", v.name, "-out", str(tmp_path / "g.pem")], check=True
    )
    generated = load_pem_private_key((tmp_path / "g.pem").read_bytes())
    assert type(generated) is v.priv


# ---------------------------------------------------------------------------
# Malformed input (hypothesis)
# ---------------------------------------------------------------------------

SEEDED = {v.name: v.priv.from_seed_bytes(bytes(range(v.seed))) for v in VARIANTS}
FILES = {
    name: [der_of(key, form) for form in PrivateKeyForm]
    + [key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)]
    for name, key in SEEDED.items()
}
fuzz = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_anything(data: bytes) -> None:
    """Tries every loader; each must load or raise a pqfence error."""
    for call in (
        lambda: load_der_private_key(data),
        lambda: load_der_public_key(data),
        lambda: load_der_private_key(data, b"pw"),
    ):
        with contextlib.suppress(PQFenceError, TypeError):
            call()


@fuzz
@given(st.sampled_from(VARIANTS), st.integers(0, 3), st.data())
def test_truncated_raises(v: Variant, which: int, data: st.DataObject) -> None:
    f = FILES[v.name][which]
    n = data.draw(st.integers(0, len(f) - 1))
    loader = load_der_public_key if which == 3 else load_der_private_key
    with pytest.raises(InvalidEncoding):
        loader(f[:n])


@fuzz
@given(st.sampled_from(VARIANTS), st.integers(0, 3), st.binary(min_size=1, max_size=40))
def test_extended_raises(v: Variant, which: int, extra: bytes) -> None:
    f = FILES[v.name][which]
    loader = load_der_public_key if which == 3 else load_der_private_key
    with pytest.raises(InvalidEncoding):
        loader(f + extra)


@fuzz
@given(st.sampled_from(VARIANTS), st.integers(0, 3), st.data())
def test_mutated_never_crashes(v: Variant, which: int, data: st.DataObject) -> None:
    f = bytearray(FILES[v.name][which])
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(f) - 1))
        f[i] = data.draw(st.integers(0, 255))
    load_anything(bytes(f))


@fuzz
@given(st.sampled_from(VARIANTS), st.integers(0, 255), st.binary(max_size=12))
def test_wrong_oid(v: Variant, last: int, arcs: bytes) -> None:
    body = bytes([0x80, v.seed]) + bytes(v.seed)
    # The last arcs pqfence knows under the same prefix (ML-DSA's and SLH-DSA's
    # share 2.16.840.1.101.3.4.3).
    known = KNOWN_KEM_ARCS if v.name.startswith("ML-KEM") else KNOWN_SIGNATURE_ARCS
    if last in known:
        return
    wrong = oid(v)[:-1] + bytes([last])
    with pytest.raises((UnknownAlgorithm, InvalidEncoding)):
        load_der_private_key(pkcs8(wrong, body))
    # An arbitrary OID body: unknown, or malformed.
    with pytest.raises((UnknownAlgorithm, InvalidEncoding)):
        load_der_private_key(pkcs8(tlv(0x06, b"\x2b" + arcs), body))
    with pytest.raises((UnknownAlgorithm, InvalidEncoding)):
        load_der_public_key(tlv(0x30, tlv(0x30, wrong) + tlv(0x03, b"\x00" + bytes(32))))


@variants
def test_parameters_must_be_absent(v: Variant) -> None:
    body = bytes([0x80, v.seed]) + bytes(v.seed)
    assert load_der_private_key(pkcs8(oid(v), body)) == v.priv.from_seed_bytes(bytes(v.seed))
    with pytest.raises(InvalidEncoding, match="parameters"):
        load_der_private_key(pkcs8(oid(v), body, params=b"\x05\x00"))


@fuzz
@given(st.sampled_from(VARIANTS), st.integers(0, 200), st.sampled_from(["seed", "expanded"]))
def test_wrong_length(v: Variant, n: int, which: str) -> None:
    if which == "seed":
        if n == v.seed:
            return
        body = bytes([0x80]) + tlv(0x04, bytes(n))[1:]
        expected = v.seed
    else:
        n = v.expanded + n - 100
        if n == v.expanded:
            return
        body = tlv(0x04, bytes(n))
        expected = v.expanded
    with pytest.raises(InvalidLength, match=f"must be {expected} bytes, got {n}"):
        load_der_private_key(pkcs8(oid(v), body))


@fuzz
@given(st.sampled_from(VARIANTS), st.binary(min_size=1, max_size=1))
def test_both_with_mismatch(v: Variant, salt: bytes) -> None:
    a = v.priv.from_seed_bytes(salt * v.seed)
    b = v.priv.from_seed_bytes(bytes([salt[0] ^ 1]) * v.seed)
    good = tlv(0x30, tlv(0x04, a.private_bytes_raw()) + tlv(0x04, a.private_bytes_expanded()))
    assert load_der_private_key(pkcs8(oid(v), good)) == a
    bad = tlv(0x30, tlv(0x04, a.private_bytes_raw()) + tlv(0x04, b.private_bytes_expanded()))
    with pytest.raises(InvalidKey, match="does not match"):
        load_der_private_key(pkcs8(oid(v), bad))


KNOWN_KEM_ARCS = {1, 2, 3}
KNOWN_SIGNATURE_ARCS = set(range(17, 32))


LOCKED = mldsa.MLDSA44PrivateKey.generate().private_bytes(
    Encoding.DER, PrivateFormat.PKCS8, FAST_PBKDF2
)


@fuzz
@given(st.binary(min_size=1, max_size=32))
def test_wrong_password(password: bytes) -> None:
    if password == PASSWORD:
        return
    with pytest.raises(DecryptionFailed):
        load_der_private_key(LOCKED, password)


def test_hostile_kdf_cost_is_refused() -> None:
    """Encrypted keys with bad or excessive scrypt parameters are refused
    before any key derivation runs."""
    key = mldsa.MLDSA44PrivateKey.generate()
    der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, BestAvailableEncryption(b"pw"))
    assert der.count(SCRYPT_DEFAULT) == 1
    # Same-length replacements, so the DER framing stays valid.
    for params in (
        "02027fff 020108 020101",  # N = 32767: not a power of two
        "02020003 020108 020101",  # N = 3 in a non-minimal INTEGER
        "02024000 020100 020101",  # r = 0
        "02024000 020108 020100",  # p = 0
        "02024000 020108 02017f",  # p = 127 (> 64)
    ):
        hostile = der.replace(SCRYPT_DEFAULT, bytes.fromhex(params.replace(" ", "")))
        with pytest.raises(InvalidEncoding):
            load_der_private_key(hostile, b"pw")


# ---------------------------------------------------------------------------
# SLH-DSA (RFC 9909): one private key form, the 4n-byte key itself
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SlhVariant:
    name: str
    priv: Any
    pub: Any
    oid_last: int
    n: int  # security parameter in bytes: public key 2n, seed 3n, private key 4n


SLH_VARIANTS = [
    SlhVariant(
        f"SLH-DSA-{hash_name.upper()}-{level}",
        getattr(slhdsa, f"SlhDsa{hash_name}_{level}PrivateKey"),
        getattr(slhdsa, f"SlhDsa{hash_name}_{level}PublicKey"),
        20 + i,
        int(level[:3]) // 8,
    )
    for i, (hash_name, level) in enumerate(
        (h, lv)
        for h in ("Sha2", "Shake")
        for lv in ("128s", "128f", "192s", "192f", "256s", "256f")
    )
]
slh_all = pytest.mark.parametrize("v", SLH_VARIANTS, ids=lambda v: v.name)
# Full round trips (key generation, PK.root checks on every load) for one SHA2
# and one SHAKE set; an "s" set costs about one key generation per load.
slh_full = pytest.mark.parametrize(
    "v",
    [v for v in SLH_VARIANTS if v.name in ("SLH-DSA-SHA2-128s", "SLH-DSA-SHAKE-256f")],
    ids=lambda v: v.name,
)
SLH_FAST = next(v for v in SLH_VARIANTS if v.name == "SLH-DSA-SHAKE-128f")


def slh_oid(v: SlhVariant) -> bytes:
    return bytes([0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, v.oid_last])


@functools.cache
def slh_key(v: SlhVariant) -> Any:
    """A fixed key per set (SK.seed || SK.prf || PK.seed = 0, 1, 2, ...)."""
    return v.priv.from_seed_bytes(bytes(range(3 * v.n)))


def test_slh_variants_match_the_classes() -> None:
    assert [v.name for v in SLH_VARIANTS] == [v.priv.algorithm for v in SLH_VARIANTS]
    for v in SLH_VARIANTS:
        assert v.pub.algorithm == v.name
        assert slhdsa.__dict__[v.priv.__name__] is v.priv


@slh_full
def test_slh_round_trip(v: SlhVariant) -> None:
    key = slh_key(v)
    expanded = key.private_bytes_expanded()
    assert len(expanded) == 4 * v.n
    # Every form writes the RFC 9909 document: the raw key, no inner encoding.
    expected = pkcs8(slh_oid(v), expanded)
    for form in (None, *PrivateKeyForm):
        assert (
            key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption(), form) == expected
        )
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    assert pem.startswith(b"-----BEGIN PRIVATE KEY-----\n")
    for loaded in (load_der_private_key(expected), load_pem_private_key(pem)):
        assert type(loaded) is v.priv
        assert loaded == key
        # Nothing is lost: the seed is the key's first 3n bytes.
        assert loaded.private_bytes_raw() == expanded[: 3 * v.n] == key.private_bytes_raw()
        assert loaded.private_bytes_expanded() == expanded
    # The Raw format: the seed (default) or the whole key.
    raw = (Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    assert key.private_bytes(*raw) == expanded[: 3 * v.n]
    assert key.private_bytes(*raw, PrivateKeyForm.EXPANDED) == expanded
    with pytest.raises(InvalidEncoding):
        key.private_bytes(*raw, PrivateKeyForm.BOTH)
    # pyca/cryptography's enums work too.
    pyca_args = (pyca_ser.Encoding.DER, pyca_ser.PrivateFormat.PKCS8, pyca_ser.NoEncryption())
    assert key.private_bytes(*pyca_args) == expected
    # A loaded key signs; the public key from its SPKI verifies.
    spki = key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    public = load_der_public_key(spki)
    assert type(public) is v.pub
    public.verify(load_der_private_key(expected).sign(b"msg", b"ctx"), b"msg", b"ctx")


@slh_full
@pytest.mark.parametrize("enc", [FAST_SCRYPT, FAST_PBKDF2], ids=["scrypt", "pbkdf2"])
def test_slh_encrypted_round_trip(v: SlhVariant, enc: PBES2Encryption) -> None:
    key = slh_key(v)
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, enc)
    der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, enc, PrivateKeyForm.EXPANDED)
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    for loaded in (load_pem_private_key(pem, PASSWORD), load_der_private_key(der, PASSWORD)):
        assert type(loaded) is v.priv
        assert loaded == key
    with pytest.raises(DecryptionFailed):
        load_pem_private_key(pem, b"wrong horse")
    with pytest.raises(TypeError, match="not given"):
        load_der_private_key(der)
    # The SPKI travels beside it.
    spki = key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    assert load_pem_public_key(spki) == key.public_key()


@slh_all
def test_slh_public_round_trip_every_set(v: SlhVariant) -> None:
    """SPKI for all twelve sets, without key generation: every 2n-byte string
    is a well-formed public key (PK.seed || PK.root)."""
    raw = bytes((7 * i + v.n) % 256 for i in range(2 * v.n))
    public = v.pub.from_public_bytes(raw)
    der = public.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    pem = public.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    assert der == tlv(0x30, tlv(0x30, slh_oid(v)) + tlv(0x03, b"\x00" + raw))
    assert pem.startswith(b"-----BEGIN PUBLIC KEY-----\n")
    for loaded in (load_der_public_key(der), load_pem_public_key(pem)):
        assert type(loaded) is v.pub
        assert loaded == public
    assert public.public_bytes(Encoding.Raw, PublicFormat.Raw) == raw


@slh_all
def test_slh_malformed_every_set(v: SlhVariant) -> None:
    """Refused before any hashing, for all twelve sets."""
    size = 4 * v.n
    # The RFC 9909 form is the bare key: wrong lengths, the ML-DSA-style
    # seed CHOICE and an inner OCTET STRING all have the wrong length.
    for body in (
        b"",
        bytes(3 * v.n),
        bytes(size - 1),
        bytes(size + 1),
        bytes([0x80, 3 * v.n]) + bytes(3 * v.n),
        tlv(0x04, bytes(size)),
    ):
        with pytest.raises(InvalidLength, match=f"must be {size} bytes, got {len(body)}"):
            load_der_private_key(pkcs8(slh_oid(v), body))
    # Parameters must be absent, in both structures.
    with pytest.raises(InvalidEncoding, match="parameters"):
        load_der_private_key(pkcs8(slh_oid(v), bytes(size), params=b"\x05\x00"))
    spki_null = tlv(0x30, tlv(0x30, slh_oid(v) + b"\x05\x00") + tlv(0x03, bytes(1 + 2 * v.n)))
    with pytest.raises(InvalidEncoding, match="parameters"):
        load_der_public_key(spki_null)
    # Public keys of the wrong length.
    for n in (0, 2 * v.n - 1, 2 * v.n + 1):
        spki = tlv(0x30, tlv(0x30, slh_oid(v)) + tlv(0x03, bytes(1 + n)))
        with pytest.raises(InvalidLength, match=f"must be {2 * v.n} bytes, got {n}"):
            load_der_public_key(spki)
    # A PKCS#8 document is not a public key, and the loaders check PEM labels.
    with pytest.raises(InvalidEncoding):
        load_der_public_key(pkcs8(slh_oid(v), bytes(size)))


def test_slh_pk_root_is_checked() -> None:
    v = SLH_FAST
    key = slh_key(v)
    good = key.private_bytes_expanded()
    # A flipped bit in SK.seed, PK.seed or PK.root fails the PK.root check.
    for i in (0, v.n - 1, 2 * v.n, 3 * v.n, 4 * v.n - 1):
        bad = bytearray(good)
        bad[i] ^= 0x80
        with pytest.raises(InvalidKey, match=r"PK\.root"):
            load_der_private_key(pkcs8(slh_oid(v), bytes(bad)))
    # SK.prf enters no public value, so no check can see it changed.
    bad = bytearray(good)
    bad[v.n] ^= 0x80
    assert load_der_private_key(pkcs8(slh_oid(v), bytes(bad))) != key
    # A OneAsymmetricKey v2 publicKey [1] must match.
    alg = tlv(0x30, slh_oid(v))
    for public, ok in ((good[2 * v.n :], True), (bytes(2 * v.n), False)):
        v2 = tlv(
            0x30,
            b"\x02\x01\x01" + alg + tlv(0x04, good) + tlv(0x81, b"\x00" + public),
        )
        if ok:
            assert load_der_private_key(v2) == key
        else:
            with pytest.raises(InvalidKey, match="publicKey"):
                load_der_private_key(v2)


def test_slh_unknown_and_hash_oids() -> None:
    """RFC 9909's HashSLH-DSA key OIDs (.35 to .46) are not accepted."""
    v = SLH_FAST
    body = slh_key(v).private_bytes_expanded()
    assert load_der_private_key(pkcs8(slh_oid(v), body)) == slh_key(v)
    for last in (35, 46):
        with pytest.raises(UnknownAlgorithm):
            load_der_private_key(pkcs8(slh_oid(v)[:-1] + bytes([last]), body))


def test_slh_pyca_has_no_slh_dsa() -> None:
    """pyca/cryptography 50 has no SLH-DSA keys: it refuses RFC 9909 files
    (so no interop test is possible). When this test fails, pyca gained
    SLH-DSA: add interop tests like the ML-DSA ones."""
    key = slh_key(SLH_FAST)
    der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    spki = key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(pyca_exceptions.UnsupportedAlgorithm):
        pyca_ser.load_der_private_key(der, None)
    with pytest.raises(pyca_exceptions.UnsupportedAlgorithm):
        pyca_ser.load_der_public_key(spki)
    with pytest.raises(pyca_exceptions.UnsupportedAlgorithm):
        to_cryptography(key)
    with pytest.raises(pyca_exceptions.UnsupportedAlgorithm):
        to_cryptography(key.public_key())


SLH_FILES = [
    slh_key(SLH_FAST).private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption()),
    slh_key(SLH_FAST).public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo),
]


@fuzz
@given(st.integers(0, 1), st.data())
def test_slh_truncated_raises(which: int, data: st.DataObject) -> None:
    f = SLH_FILES[which]
    n = data.draw(st.integers(0, len(f) - 1))
    loader = load_der_public_key if which else load_der_private_key
    with pytest.raises(InvalidEncoding):
        loader(f[:n])


@fuzz
@given(st.integers(0, 1), st.binary(min_size=1, max_size=40))
def test_slh_extended_raises(which: int, extra: bytes) -> None:
    loader = load_der_public_key if which else load_der_private_key
    with pytest.raises(InvalidEncoding):
        loader(SLH_FILES[which] + extra)


@fuzz
@given(st.integers(0, 1), st.data())
def test_slh_mutated_never_crashes(which: int, data: st.DataObject) -> None:
    f = bytearray(SLH_FILES[which])
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(f) - 1))
        f[i] = data.draw(st.integers(0, 255))
    load_anything(bytes(f))


# ---------------------------------------------------------------------------
# Falcon: no standard OID, so the Raw format only
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "priv",
    [
        falcon.Falcon512PrivateKey,
        falcon.Falcon1024PrivateKey,
        falcon.FalconPadded512PrivateKey,
        falcon.FalconPadded1024PrivateKey,
    ],
    ids=lambda c: c.algorithm,
)
def test_falcon_raw_only(priv: Any) -> None:
    key = priv.from_seed_bytes(bytes(range(48)))
    public = key.public_key()
    raw = (Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    assert key.private_bytes(*raw) == key.private_bytes_raw()
    assert key.private_bytes(*raw, PrivateKeyForm.EXPANDED) == key.private_bytes_expanded()
    pyca_raw = (pyca_ser.Encoding.Raw, pyca_ser.PrivateFormat.Raw, pyca_ser.NoEncryption())
    assert key.private_bytes(*pyca_raw) == key.private_bytes_raw()
    assert public.public_bytes(Encoding.Raw, PublicFormat.Raw) == public.public_bytes_raw()
    # What Raw reads back.
    assert priv.from_seed_bytes(key.private_bytes(*raw)) == key
    again = priv.from_expanded_bytes(
        key.private_bytes(*raw, PrivateKeyForm.EXPANDED),
        public.public_bytes(Encoding.Raw, PublicFormat.Raw),
    )
    assert again == key
    # No PKCS#8 or SPKI: a clear error, not an invented OID.
    for encoding in (Encoding.DER, Encoding.PEM):
        with pytest.raises(InvalidEncoding, match="no standard object identifier"):
            key.private_bytes(encoding, PrivateFormat.PKCS8, NoEncryption())
        with pytest.raises(InvalidEncoding, match="no standard object identifier"):
            public.public_bytes(encoding, PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(InvalidEncoding, match="no standard object identifier"):
        key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, FAST_PBKDF2)
    # The Raw format's own rules.
    with pytest.raises(InvalidEncoding):
        key.private_bytes(Encoding.DER, PrivateFormat.Raw, NoEncryption())
    with pytest.raises(InvalidEncoding):
        key.private_bytes(Encoding.Raw, PrivateFormat.Raw, FAST_PBKDF2)
    with pytest.raises(InvalidEncoding):
        key.private_bytes(*raw, PrivateKeyForm.BOTH)
    with pytest.raises(InvalidEncoding):
        public.public_bytes(Encoding.PEM, PublicFormat.Raw)
    with pytest.raises(TypeError):
        key.private_bytes(Encoding.Raw, PrivateFormat.Raw, object())  # type: ignore[arg-type]

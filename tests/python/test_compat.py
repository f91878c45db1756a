"""pyca/cryptography compatibility of the Python API (what pyca's own tests
expect, run in full by scripts/pyca_tests.py): copying keys, the serialization
enums and encryption arguments, the loaders' pyca keywords, MLDSAMuHasher after
finalize, and pqfence's exceptions caught as pyca's, with and without
cryptography importable."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
import textwrap
from typing import Any

import pytest
from pqfence import exceptions, falcon, mldsa, mlkem, slhdsa
from pqfence.serialization import (
    BestAvailableEncryption,
    Encoding,
    KeySerializationEncryption,
    NoEncryption,
    PBES2Encryption,
    PrivateFormat,
    PublicFormat,
    load_der_private_key,
    load_der_public_key,
    load_pem_private_key,
    load_pem_public_key,
)

# One private key class per family, with its seed length.
KEY_CLASSES: list[tuple[Any, int]] = [
    (mlkem.MLKEM512PrivateKey, 64),
    (mldsa.MLDSA44PrivateKey, 32),
    (slhdsa.SlhDsaShake_128fPrivateKey, 48),
    (falcon.Falcon512PrivateKey, 48),
]


@pytest.fixture(scope="module", params=KEY_CLASSES, ids=lambda c: c[0].algorithm)
def private_key(request: pytest.FixtureRequest) -> Any:
    cls, seed_len = request.param
    return cls.from_seed_bytes(bytes(range(seed_len)))


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy], ids=["copy", "deepcopy"])
def test_keys_copy_but_private_keys_do_not_pickle(private_key: Any, copier: Any) -> None:
    key2 = copier(private_key)
    assert key2 == private_key
    assert key2.private_bytes_raw() == private_key.private_bytes_raw()
    pub = private_key.public_key()
    assert copier(pub) == pub
    assert copier({"k": private_key})["k"] == private_key
    with pytest.raises(TypeError, match="cannot pickle"):
        pickle.dumps(private_key)
    assert pickle.loads(pickle.dumps(pub)) == pub


class _OtherEncryption(KeySerializationEncryption):
    pass


@pytest.fixture(scope="module")
def dsa_key() -> mldsa.MLDSA44PrivateKey:
    return mldsa.MLDSA44PrivateKey.from_seed_bytes(b"\x07" * 32)


def test_unsupported_encryption_is_value_error(dsa_key: mldsa.MLDSA44PrivateKey) -> None:
    for enc, fmt in [(Encoding.PEM, PrivateFormat.PKCS8), (Encoding.Raw, PrivateFormat.Raw)]:
        with pytest.raises(ValueError, match="unsupported encryption"):
            dsa_key.private_bytes(enc, fmt, _OtherEncryption())
    # Not an encryption object at all: still a TypeError.
    with pytest.raises(TypeError):
        dsa_key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, None)  # type: ignore[arg-type]
    # pyca/cryptography's own subclass is refused the same way.
    pyca = pytest.importorskip("cryptography.hazmat.primitives.serialization")

    class PycaOther(pyca.KeySerializationEncryption):  # type: ignore[misc, name-defined]
        pass

    with pytest.raises(ValueError, match="unsupported encryption"):
        dsa_key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, PycaOther())


def test_passwords_over_1023_bytes_are_refused(dsa_key: mldsa.MLDSA44PrivateKey) -> None:
    fast = {"kdf": "pbkdf2-sha256", "pbkdf2_iterations": 1}
    long_enc = PBES2Encryption(b"a" * 1024, **fast)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="1023"):
        dsa_key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, long_enc)
    with pytest.raises(ValueError, match="1023"):
        dsa_key.private_bytes(
            Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(b"a" * 1024)
        )
    ok = dsa_key.private_bytes(
        Encoding.DER,
        PrivateFormat.PKCS8,
        PBES2Encryption(b"a" * 1023, **fast),  # type: ignore[arg-type]
    )
    assert load_der_private_key(ok, b"a" * 1023) == dsa_key
    with pytest.raises(ValueError, match="1023"):
        load_der_private_key(ok, b"a" * 1024)


PYCA_ONLY = [
    (Encoding.OpenSSH, PrivateFormat.PKCS8),
    (Encoding.X962, PrivateFormat.PKCS8),
    (Encoding.SMIME, PrivateFormat.PKCS8),
    (Encoding.PEM, PrivateFormat.OpenSSH),
    (Encoding.PEM, PrivateFormat.TraditionalOpenSSL),
    (Encoding.DER, PrivateFormat.PKCS12),
]


@pytest.mark.parametrize(("encoding", "fmt"), PYCA_ONLY, ids=lambda v: getattr(v, "name", None))
def test_pyca_only_private_members_are_value_errors(
    private_key: Any, encoding: Encoding, fmt: PrivateFormat
) -> None:
    with pytest.raises(exceptions.InvalidEncoding):
        private_key.private_bytes(encoding, fmt, NoEncryption())


@pytest.mark.parametrize(
    "fmt",
    [
        PublicFormat.PKCS1,
        PublicFormat.OpenSSH,
        PublicFormat.CompressedPoint,
        PublicFormat.UncompressedPoint,
    ],
)
@pytest.mark.parametrize("encoding", list(Encoding))
def test_pyca_only_public_members_are_value_errors(
    private_key: Any, encoding: Encoding, fmt: PublicFormat
) -> None:
    with pytest.raises(exceptions.InvalidEncoding):
        private_key.public_key().public_bytes(encoding, fmt)


def test_enums_have_pycas_members_and_values() -> None:
    pyca = pytest.importorskip("cryptography.hazmat.primitives.serialization")
    for ours, theirs in [
        (Encoding, pyca.Encoding),
        (PrivateFormat, pyca.PrivateFormat),
        (PublicFormat, pyca.PublicFormat),
    ]:
        names = {n for n in dir(theirs) if n[:1].isupper()}
        assert names == set(ours.__members__), ours


def test_loaders_take_pycas_keywords(dsa_key: mldsa.MLDSA44PrivateKey) -> None:
    pem = dsa_key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    der = dsa_key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    kw: dict[str, Any] = {"backend": None, "unsafe_skip_rsa_key_validation": False}
    assert load_pem_private_key(pem, None, **kw) == dsa_key
    assert load_der_private_key(der, password=None, **kw) == dsa_key
    assert load_pem_private_key(pem, None, None) == dsa_key
    pub = dsa_key.public_key()
    pub_pem = pub.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    pub_der = pub.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    assert load_pem_public_key(pub_pem, backend=None) == pub
    assert load_der_public_key(pub_der, None) == pub


def test_mu_hasher_already_finalized(dsa_key: mldsa.MLDSA44PrivateKey) -> None:
    h = mldsa.MLDSAMuHasher(dsa_key.public_key())
    h.update(b"data")
    h.finalize()
    for use in (lambda: h.update(b"x"), h.finalize, h.copy):
        with pytest.raises(exceptions.AlreadyFinalized) as info:
            use()
        # Still a ValueError, as before AlreadyFinalized existed.
        assert isinstance(info.value, ValueError)


def test_exceptions_are_pycas_when_cryptography_is_installed(
    dsa_key: mldsa.MLDSA44PrivateKey,
) -> None:
    pyca = pytest.importorskip("cryptography.exceptions")
    for name in ("InvalidSignature", "UnsupportedAlgorithm", "AlreadyFinalized"):
        assert issubclass(getattr(exceptions, name), getattr(pyca, name)), name
    assert issubclass(exceptions.UnknownAlgorithm, pyca.UnsupportedAlgorithm)
    sig = dsa_key.sign(b"message")
    with pytest.raises(pyca.InvalidSignature):
        dsa_key.public_key().verify(sig, b"other message")
    with pytest.raises(pyca.UnsupportedAlgorithm):
        dsa_key.sign_prehash(b"m", "MD5")


def test_exceptions_without_cryptography() -> None:
    """In a fresh interpreter where ``import cryptography`` fails, pqfence
    imports, its exceptions stand alone and still work."""
    code = textwrap.dedent(
        """
        import sys
        sys.modules["cryptography"] = None  # makes every cryptography import fail
        import pqfence
        from pqfence import exceptions, mldsa
        for name in ("InvalidSignature", "UnsupportedAlgorithm", "AlreadyFinalized"):
            cls = getattr(exceptions, name)
            assert all(c.__module__ != "cryptography.exceptions" for c in cls.__mro__), cls
        key = mldsa.MLDSA44PrivateKey.generate()
        try:
            key.public_key().verify(key.sign(b"a"), b"b")
        except exceptions.InvalidSignature:
            pass
        else:
            raise AssertionError("no InvalidSignature")
        h = mldsa.MLDSAMuHasher(key.public_key())
        h.finalize()
        try:
            h.finalize()
        except exceptions.AlreadyFinalized:
            pass
        assert "cryptography.exceptions" not in sys.modules
        print("ok")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"

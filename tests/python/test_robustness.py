"""Robustness found by probing: a hostile encrypted key file, argument types,
a shared MLDSAMuHasher, the public key loaders and the GIL, and an expanded
ML-KEM key whose halves disagree."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from typing import Any, Callable

import pytest
from pqfence import mldsa, mlkem, slhdsa
from pqfence.exceptions import DecryptionFailed, InvalidEncoding, InvalidKey
from pqfence.serialization import (
    Encoding,
    NoEncryption,
    PBES2Encryption,
    PrivateFormat,
    PublicFormat,
    load_der_private_key,
    load_der_public_key,
    load_pem_private_key,
    load_pem_public_key,
)

# ---------------------------------------------------------------------------
# A minimal DER writer, for a hand-made EncryptedPrivateKeyInfo
# ---------------------------------------------------------------------------


def _tlv(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + body


def _seq(*items: bytes) -> bytes:
    return _tlv(0x30, b"".join(items))


def _int(v: int) -> bytes:
    return _tlv(0x02, v.to_bytes(v.bit_length() // 8 + 1, "big"))


def _oid(dotted: str) -> bytes:
    arcs = [int(a) for a in dotted.split(".")]
    out = bytearray([40 * arcs[0] + arcs[1]])
    for arc in arcs[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        out += bytes(reversed(chunk))
    return _tlv(0x06, bytes(out))


def scrypt_encrypted_key(log_n: int, r: int, p: int) -> bytes:
    """PBES2 / scrypt(N = 2**log_n, r, p) / AES-256-CBC around garbage ciphertext."""
    scrypt = _seq(
        _oid("1.3.6.1.4.1.11591.4.11"),
        _seq(_tlv(0x04, b"\x01" * 16), _int(1 << log_n), _int(r), _int(p)),
    )
    aes = _seq(_oid("2.16.840.1.101.3.4.1.42"), _tlv(0x04, b"\x00" * 16))
    pbes2 = _seq(_oid("1.2.840.113549.1.5.13"), _seq(scrypt, aes))
    return _seq(pbes2, _tlv(0x04, b"\x00" * 64))


def _pem(der: bytes) -> bytes:
    import base64

    body = base64.encodebytes(der).replace(b"\n", b"")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return (
        b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
        + b"\n".join(lines)
        + b"\n-----END ENCRYPTED PRIVATE KEY-----\n"
    )


def test_hostile_scrypt_cost_is_refused_at_once() -> None:
    """A file of 159 bytes (the probe's was 191) asking for N = 2**18, r = 8,
    p = 64: 256 MiB (within the memory bound), but 64 passes (80 s) before a
    wrong password shows."""
    hostile = scrypt_encrypted_key(18, 8, 64)
    assert len(hostile) < 200
    start = time.perf_counter()
    with pytest.raises(InvalidEncoding, match="N\\*r\\*p"):
        load_der_private_key(hostile, b"wrong")
    with pytest.raises(InvalidEncoding, match="N\\*r\\*p"):
        load_pem_private_key(_pem(hostile), b"wrong")
    assert time.perf_counter() - start < 1.0


def test_kdf_limits_are_keywords() -> None:
    cheap = scrypt_encrypted_key(4, 8, 2)  # N * r * p = 256, 16 KiB
    with pytest.raises(DecryptionFailed):
        load_der_private_key(cheap, b"pw")
    with pytest.raises(InvalidEncoding, match="N\\*r\\*p"):
        load_der_private_key(cheap, b"pw", max_scrypt_work=255)
    with pytest.raises(DecryptionFailed):
        load_der_private_key(cheap, b"pw", max_scrypt_work=256)
    with pytest.raises(InvalidEncoding, match="bytes"):
        load_pem_private_key(_pem(cheap), b"pw", max_scrypt_memory=128 * 8 * 16 - 1)
    key = mldsa.MLDSA44PrivateKey.from_seed_bytes(b"\x01" * 32)
    locked = key.private_bytes(
        Encoding.DER,
        PrivateFormat.PKCS8,
        PBES2Encryption(b"pw", "pbkdf2-sha256", pbkdf2_iterations=1000),
    )
    with pytest.raises(InvalidEncoding, match="PBKDF2"):
        load_der_private_key(locked, b"pw", max_pbkdf2_iterations=999)
    assert load_der_private_key(locked, b"pw", max_pbkdf2_iterations=1000) == key
    # The write side keeps the default limits.
    with pytest.raises(InvalidEncoding, match="PBKDF2"):
        key.private_bytes(
            Encoding.DER,
            PrivateFormat.PKCS8,
            PBES2Encryption(b"pw", "pbkdf2-sha256", pbkdf2_iterations=2_000_001),
        )


# ---------------------------------------------------------------------------
# Argument types
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, 42, object(), b"SHA-256"], ids=repr)
def test_hash_algorithm_of_the_wrong_type_is_type_error(bad: Any) -> None:
    for sk in (
        mldsa.MLDSA44PrivateKey.from_seed_bytes(b"\x02" * 32),
        slhdsa.SlhDsaShake_128fPrivateKey.from_seed_bytes(b"\x02" * 48),
    ):
        pk = sk.public_key()
        with pytest.raises(TypeError, match="hash_algorithm"):
            sk.sign_prehash(b"m", bad)
        with pytest.raises(TypeError, match="hash_algorithm"):
            sk.sign_prehashed(b"\x00" * 32, bad)
        with pytest.raises(TypeError, match="hash_algorithm"):
            pk.verify_prehash(b"s", b"m", bad)
        with pytest.raises(TypeError, match="hash_algorithm"):
            pk.verify_prehashed(b"s", b"\x00" * 32, bad)


# ---------------------------------------------------------------------------
# MLDSAMuHasher shared by threads
# ---------------------------------------------------------------------------


def test_mu_hasher_shared_by_threads() -> None:
    """Four threads feeding one hasher: no "Already borrowed", every update
    absorbed whole. Equal-sized updates of one byte value each make the
    result independent of the order the threads take turns in."""
    pk = mldsa.MLDSA65PrivateKey.from_seed_bytes(b"\x03" * 32).public_key()
    shared = mldsa.MLDSAMuHasher(pk, b"ctx")
    rounds, chunk = 200, b"\x5a" * 4096
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def feed() -> None:
        try:
            barrier.wait()
            for _ in range(rounds):
                shared.update(chunk)
                shared.copy()
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=feed) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    reference = mldsa.MLDSAMuHasher(pk, b"ctx")
    reference.update(chunk * (4 * rounds))
    assert shared.finalize() == reference.finalize()


# ---------------------------------------------------------------------------
# The public key loaders release the GIL
# ---------------------------------------------------------------------------


@pytest.fixture
def long_switch_interval() -> Iterator[None]:
    """While set, a thread holding the GIL keeps it for 100 s unless it
    releases it: another thread only runs when the first one lets go."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def _other_thread_progress(call: Callable[[], object], calls: int) -> int:
    """How often a second thread ran while this one made `calls` calls."""
    counter = [0]
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            counter[0] += 1
            time.sleep(0)  # hands the GIL back at once

    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.05)  # let it start (sleeping releases the GIL)
    before = counter[0]
    for _ in range(calls):
        call()
    progress = counter[0] - before
    stop.set()
    t.join()
    return progress


def test_public_key_loaders_release_the_gil(long_switch_interval: None) -> None:
    # ML-KEM-1024: the longest load (ek expansion), so the GIL-free window
    # stays measurable on the AVX2 backend too.
    pk = mlkem.MLKEM1024PrivateKey.from_seed_bytes(b"\x04" * 64).public_key()
    der = pk.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    pem = pk.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    # Control: a call that never releases the GIL lets the other thread run
    # (almost) never, so the measurement is not blind.
    # (Measured over 1000 calls: 0 for the control; 540 to 870 for the DER
    # loader and over 4000 for the PEM one, depending on the interleaving.)
    assert _other_thread_progress(pk.public_bytes_raw, 2000) < 10
    assert _other_thread_progress(lambda: load_der_public_key(der), 2000) >= 50
    assert _other_thread_progress(lambda: load_pem_public_key(pem), 2000) >= 50


# ---------------------------------------------------------------------------
# Expanded ML-KEM keys: the secret vector must match the encapsulation key
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "k"),
    [
        (mlkem.MLKEM512PrivateKey, 2),
        (mlkem.MLKEM768PrivateKey, 3),
        (mlkem.MLKEM1024PrivateKey, 4),
    ],
    ids=["512", "768", "1024"],
)
def test_expanded_mlkem_key_with_a_foreign_secret_vector_is_refused(cls: Any, k: int) -> None:
    """dk = dk_pke || ek || H(ek) || z. With dk_pke from another key, the
    stored H(ek) still matches ek (the FIPS 203 hash check passes), but the
    key cannot decapsulate what is encapsulated to it."""
    a = cls.from_seed_bytes(b"\x05" * 64).private_bytes_expanded()
    b = cls.from_seed_bytes(b"\x06" * 64).private_bytes_expanded()
    pke = 384 * k
    mixed = b[:pke] + a[pke:]
    assert cls.from_expanded_bytes(a).private_bytes_expanded() == a
    with pytest.raises(InvalidKey, match="does not match"):
        cls.from_expanded_bytes(mixed)
    # The same through PKCS#8 (expanded form).
    from pqfence.serialization import PrivateKeyForm

    key_a = cls.from_expanded_bytes(a)
    der = key_a.private_bytes(
        Encoding.DER, PrivateFormat.PKCS8, NoEncryption(), PrivateKeyForm.EXPANDED
    )
    bad_der = der.replace(a, mixed)
    assert bad_der != der
    with pytest.raises(InvalidKey, match="does not match"):
        load_der_private_key(bad_der)


def test_buffers_of_every_kind() -> None:
    """Bytes-like arguments: any C-contiguous buffer, as pyca's Buffer."""
    import array
    import mmap

    from pqfence import mldsa

    seed = bytes(range(32))
    key = mldsa.MLDSA65PrivateKey.from_seed_bytes(seed)
    for form in (
        bytearray(seed),
        memoryview(seed),
        array.array("B", seed),
        array.array("I", seed),  # 4-byte items, still 32 bytes
        memoryview(seed).cast("H"),
    ):
        assert mldsa.MLDSA65PrivateKey.from_seed_bytes(form) == key
    with mmap.mmap(-1, 32) as m:
        m.write(seed)
        assert mldsa.MLDSA65PrivateKey.from_seed_bytes(m) == key
    sig = key.sign(array.array("B", b"message"), context=memoryview(b"ctx"))
    key.public_key().verify(bytearray(sig), memoryview(bytearray(b"message")), context=b"ctx")
    # Not C-contiguous: refused, never read in the wrong order.
    strided = memoryview(bytes(64))[::2]
    with pytest.raises(TypeError):
        mldsa.MLDSA65PrivateKey.from_seed_bytes(strided)
    for bad in ("text", 32, None, [1, 2, 3]):
        with pytest.raises(TypeError):
            mldsa.MLDSA65PrivateKey.from_seed_bytes(bad)  # type: ignore[arg-type]


def test_old_slhdsa_names_are_aliases() -> None:
    from pqfence import slhdsa

    assert slhdsa.SlhDsaShake_128fPrivateKey is slhdsa.SLHDSA_SHAKE_128fPrivateKey
    assert slhdsa.SlhDsaSha2_256sPublicKey is slhdsa.SLHDSA_SHA2_256sPublicKey


def test_backend_reports_and_can_be_forced() -> None:
    import os
    import subprocess

    import pqfence

    best = pqfence.backend()
    assert best in ("avx512", "avx2", "portable")
    code = "import pqfence; print(pqfence.backend())"
    for forced, want in (
        ("portable", "portable"),
        ("avx2", "portable" if best == "portable" else "avx2"),
    ):
        env = dict(os.environ, PQFENCE_BACKEND=forced)
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == want

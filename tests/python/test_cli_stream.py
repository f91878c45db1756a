"""The pqfence-file-v1 format (pqfence.cli.stream) and its HPKE layer, in process.

- the HPKE setup against the draft-ietf-hpke-pq vectors (enc, exports);
- the committed known-answer file: reproduced by the code, rebuilt
  independently from the specification (kyber-py's ML-KEM, pyca/cryptography's
  HMAC and AEADs), and decrypted;
- round trips around chunk boundaries, and every way of damaging a file:
  each byte flipped, each truncation, chunks dropped, swapped, duplicated or
  appended, a key of the wrong size.
The same paths through the command line are in test_cli.py.
"""

from __future__ import annotations

import io
import json
import pathlib

import pytest
from pqfence import _native
from pqfence.cli import _hpke, stream

KAT = pathlib.Path(__file__).parent / "kat" / "pqfence-file-v1.json"
CLASSES = {r["name"]: r["private_key_class"] for r in _native.ALGORITHMS}


def _suite(kem: str, spec: str | None = None) -> _hpke.Suite:
    return _hpke.parse_suite(_hpke.kem_for_key(kem), spec)


def _encrypt(data: bytes, key: object, chunk_size: int = 16, spec: str | None = None) -> bytes:
    out = io.BytesIO()
    pub = key.public_key()  # type: ignore[attr-defined]
    stream.encrypt(io.BytesIO(data), out, pub, _suite(pub.algorithm, spec), chunk_size=chunk_size)
    return out.getvalue()


def _decrypt(blob: bytes, key: object) -> bytes:
    out = io.BytesIO()
    stream.decrypt(io.BytesIO(blob), out, key)  # type: ignore[arg-type]
    return out.getvalue()


@pytest.fixture(scope="module")
def key768() -> object:
    return CLASSES["ML-KEM-768"].from_seed_bytes(bytes(range(64)))


# --- HPKE setup ------------------------------------------------------------


def test_hpke_setup_matches_hpke_pq_vectors(vectors: pathlib.Path) -> None:
    cases = json.loads((vectors / "hpke-pq" / "test-vectors.json").read_text())
    checked = 0
    for t in cases:
        if t["kem_id"] not in _hpke.KEMS or t["kdf_id"] not in _hpke.KDFS or t["mode"] != 0:
            continue
        suite = _hpke.Suite.from_ids(t["kem_id"], t["kdf_id"], t["aead_id"])
        sk = CLASSES[suite.kem.algorithm].from_seed_bytes(bytes.fromhex(t["skRm"]))
        assert sk.public_key().public_bytes_raw().hex() == t["pkRm"]
        info = bytes.fromhex(t["info"])
        enc, sender = _hpke.setup_sender(
            suite, sk.public_key(), info, _encap_randomness=bytes.fromhex(t["ikmE"])
        )
        assert enc.hex() == t["enc"]
        recipient = _hpke.setup_recipient(suite, enc, sk, info)
        for e in t["exports"]:
            ctx = bytes.fromhex(e["exporter_context"])
            assert sender.export(ctx, e["L"]).hex() == e["exported_value"]
            assert recipient.export(ctx, e["L"]).hex() == e["exported_value"]
        checked += 1
    # ML-KEM-512/768 with HKDF-SHA256, ML-KEM-1024 with HKDF-SHA384, and the
    # hybrids' base-mode vectors with a two-stage KDF.
    assert checked >= 3


def test_hpke_setup_refuses_a_key_of_another_kem(key768: object) -> None:
    with pytest.raises(_hpke.SuiteError):
        _hpke.setup_sender(_suite("ML-KEM-512"), key768.public_key(), b"")  # type: ignore[attr-defined]


def test_suite_names() -> None:
    kem = _hpke.kem_for_key("ML-KEM-768")
    assert _hpke.parse_suite(kem, None).aead.name == "AES-256-GCM"
    s = _hpke.parse_suite(kem, "hkdf_sha512,CHACHA20_POLY1305")
    assert (s.kdf.kdf_id, s.aead.aead_id) == (3, 3)
    for bad in ("HKDF-SHA256", "HKDF-MD5,AES-128-GCM", "HKDF-SHA256,AES-512-GCM", ","):
        with pytest.raises(_hpke.SuiteError):
            _hpke.parse_suite(kem, bad)
    with pytest.raises(_hpke.SuiteError):
        _hpke.kem_for_key("ML-DSA-65")


# --- the known-answer file ----------------------------------------------------


def _kat_cases() -> list[dict[str, object]]:
    cases: list[dict[str, object]] = json.loads(KAT.read_text())["cases"]
    return cases


def _labeled(suite_id: bytes, hash_name: str, n_h: int) -> tuple[object, object]:
    """LabeledExtract / LabeledExpand (RFC 9180 section 4) on pyca's HMAC."""
    from cryptography.hazmat.primitives import hashes, hmac

    algo = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}[hash_name]

    def mac(key: bytes, data: bytes) -> bytes:
        h = hmac.HMAC(key, algo())
        h.update(data)
        return h.finalize()

    def extract(salt: bytes, label: bytes, ikm: bytes) -> bytes:
        return mac(salt or bytes(n_h), b"HPKE-v1" + suite_id + label + ikm)

    def expand(prk: bytes, label: bytes, info: bytes, length: int) -> bytes:
        labeled = length.to_bytes(2, "big") + b"HPKE-v1" + suite_id + label + info
        out, t, i = b"", b"", 1
        while len(out) < length:
            t = mac(prk, t + labeled + bytes([i]))
            out += t
            i += 1
        return out[:length]

    return extract, expand


def _rebuild(case: dict[str, object]) -> bytes:
    """The encrypted file, from docs/cli.md's specification and other implementations."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
    from kyber_py.ml_kem import ML_KEM_512, ML_KEM_768, ML_KEM_1024

    kyber = {"ML-KEM-512": ML_KEM_512, "ML-KEM-768": ML_KEM_768, "ML-KEM-1024": ML_KEM_1024}
    ml_kem = kyber[str(case["kem"])]
    ek, _ = ml_kem.key_derive(bytes.fromhex(str(case["recipient_seed"])))
    shared_secret, enc = ml_kem._encaps_internal(ek, bytes.fromhex(str(case["ikm_e"])))
    kem_id, kdf_id, aead_id = (int(case[k]) for k in ("kem_id", "kdf_id", "aead_id"))  # type: ignore[call-overload]
    chunk_size = int(case["chunk_size"])  # type: ignore[call-overload]
    info = (
        b"pqfence-file-v1\n"
        + kem_id.to_bytes(2, "big")
        + kdf_id.to_bytes(2, "big")
        + aead_id.to_bytes(2, "big")
        + chunk_size.to_bytes(4, "big")
    )
    hash_name, n_h = {1: ("sha256", 32), 2: ("sha384", 48), 3: ("sha512", 64)}[kdf_id]
    suite_id = b"HPKE" + info[16:22]
    extract, expand = _labeled(suite_id, hash_name, n_h)
    # KeySchedule, mode_base, default psk: only the exporter secret is used.
    ks_context = (
        b"\x00"
        + extract(b"", b"psk_id_hash", b"")  # type: ignore[operator]
        + extract(b"", b"info_hash", info)  # type: ignore[operator]
    )
    secret = extract(shared_secret, b"secret", b"")  # type: ignore[operator]
    exporter_secret = expand(secret, b"exp", ks_context, n_h)  # type: ignore[operator]
    n_k = {1: 16, 2: 32, 3: 32}[aead_id]
    key = expand(exporter_secret, b"sec", b"pqfence-file-v1 payload key", n_k)  # type: ignore[operator]
    aead = ChaCha20Poly1305(key) if aead_id == 3 else AESGCM(key)
    pt = bytes.fromhex(str(case["plaintext"]))
    chunks = [pt[i : i + chunk_size] for i in range(0, len(pt), chunk_size)] or [b""]
    body = b"".join(
        aead.encrypt(i.to_bytes(11, "big") + bytes([i == len(chunks) - 1]), c, None)
        for i, c in enumerate(chunks)
    )
    return info + len(enc).to_bytes(2, "big") + enc + body


@pytest.mark.parametrize("case", _kat_cases(), ids=lambda c: str(c["note"]))
def test_kat_case(case: dict[str, object]) -> None:
    key = CLASSES[str(case["kem"])].from_seed_bytes(bytes.fromhex(str(case["recipient_seed"])))
    assert key.public_key().public_bytes_raw().hex() == case["recipient_public_key"]
    suite = _hpke.Suite.from_ids(int(case["kem_id"]), int(case["kdf_id"]), int(case["aead_id"]))  # type: ignore[call-overload]
    pt = bytes.fromhex(str(case["plaintext"]))
    expected = bytes.fromhex(str(case["file"]))
    # 1. the code writes exactly the committed file (deterministic encapsulation hook)
    out = io.BytesIO()
    header = stream.encrypt(
        io.BytesIO(pt),
        out,
        key.public_key(),
        suite,
        chunk_size=int(case["chunk_size"]),  # type: ignore[call-overload]
        _encap_randomness=bytes.fromhex(str(case["ikm_e"])),
    )
    assert out.getvalue() == expected
    assert header.info.hex() == case["info"]
    assert header.enc.hex() == case["enc"]
    assert key.decapsulate(header.enc).hex() == case["shared_secret"]
    # 2. the specification, implemented again from other parts, writes it too
    assert _rebuild(case) == expected
    # 3. and it decrypts
    assert _decrypt(expected, key) == pt


def test_kat_file_covers_the_suites_and_shapes() -> None:
    cases = _kat_cases()
    assert {c["aead_id"] for c in cases} == {1, 2, 3}
    assert {c["kdf_id"] for c in cases} == {1, 2, 3}
    assert {c["kem"] for c in cases} == {"ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"}
    lengths = {len(str(c["plaintext"])) // 2 % int(c["chunk_size"]) for c in cases}  # type: ignore[call-overload]
    assert 0 in lengths
    assert len(lengths) > 1  # full and partial last chunks


# --- round trips and damage ---------------------------------------------------


@pytest.mark.parametrize("length", [0, 1, 15, 16, 17, 31, 32, 33, 100])
@pytest.mark.parametrize("spec", [None, "HKDF-SHA384,AES-128-GCM", "HKDF-SHA512,ChaCha20Poly1305"])
def test_round_trip(key768: object, length: int, spec: str | None) -> None:
    data = bytes(range(256))[:length]
    blob = _encrypt(data, key768, 16, spec)
    chunks = max(1, -(-length // 16))
    assert len(blob) == 16 + 6 + 4 + 2 + 1088 + length + 16 * chunks
    assert _decrypt(blob, key768) == data
    assert stream.payload_layout(stream.read_header(io.BytesIO(blob)), len(blob) - 1116) == (
        chunks,
        length,
    )


def test_encryption_is_randomised(key768: object) -> None:
    assert _encrypt(b"same", key768) != _encrypt(b"same", key768)


def test_every_flipped_byte_is_refused(key768: object) -> None:
    blob = _encrypt(bytes(40), key768)
    for i in range(len(blob)):
        damaged = bytearray(blob)
        damaged[i] ^= 0x01
        with pytest.raises((stream.DecryptionError, stream.FormatError)):
            _decrypt(bytes(damaged), key768)


def test_every_truncation_is_refused(key768: object) -> None:
    blob = _encrypt(bytes(40), key768)
    for n in range(len(blob)):
        with pytest.raises((stream.DecryptionError, stream.FormatError)):
            _decrypt(blob[:n], key768)


def _chunks(blob: bytes, size: int = 16 + 16) -> tuple[bytes, list[bytes]]:
    head, body = blob[:1116], blob[1116:]
    return head, [body[i : i + size] for i in range(0, len(body), size)]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda c: c[:2], "truncated: the file ends after chunk 1"),
        (
            lambda c: [c[0], c[2], c[1], c[3]],
            "chunks reordered: chunk 2 of the file was found at position 1",
        ),
        (lambda c: [c[0], c[0], c[1], c[2], c[3]], "chunks reordered: chunk 0"),
        (lambda c: [c[0], c[2], c[3]], "chunks reordered"),
        (lambda c: [*c, c[3]], "chunk 3"),
        (lambda c: [*c[:3], c[3][:-1]], "chunk 3 failed authentication"),
    ],
    ids=["drop-last", "swap", "duplicate", "drop-middle", "append", "cut-last"],
)
def test_damage_is_named(key768: object, edit: object, message: str) -> None:
    head, chunks = _chunks(_encrypt(bytes(64), key768))  # four full chunks
    assert len(chunks) == 4
    with pytest.raises(stream.DecryptionError, match=message):
        _decrypt(head + b"".join(edit(chunks)), key768)  # type: ignore[operator]


def test_data_after_the_last_full_chunk(key768: object) -> None:
    blob = _encrypt(bytes(32), key768)
    with pytest.raises(stream.DecryptionError, match="unexpected data after the last chunk"):
        _decrypt(blob + blob[-32:], key768)


def test_empty_last_chunk_after_others_is_refused(key768: object) -> None:
    # A well-formed writer never emits it; check the reader refuses a crafted one.
    out = io.BytesIO()
    suite = _suite("ML-KEM-768")
    header = stream.Header(suite, 16, b"")
    enc, ctx = _hpke.setup_sender(suite, key768.public_key(), header.info)  # type: ignore[attr-defined]
    aead = _hpke.Aead(suite.aead, ctx.export(stream.PAYLOAD_KEY_CONTEXT, suite.aead.n_k))
    out.write(stream.Header(suite, 16, enc).encode())
    out.write(aead.seal(stream._nonce(0, False), bytes(16)))
    out.write(aead.seal(stream._nonce(1, True), b""))
    with pytest.raises(stream.DecryptionError, match="empty last chunk"):
        _decrypt(out.getvalue(), key768)


def test_wrong_key_and_wrong_kem(key768: object) -> None:
    blob = _encrypt(b"secret", key768)
    other = CLASSES["ML-KEM-768"].generate()
    with pytest.raises(stream.DecryptionError, match="another key"):
        _decrypt(blob, other)
    with pytest.raises(stream.FormatError, match="ML-KEM-768 key; this key is ML-KEM-512"):
        _decrypt(blob, CLASSES["ML-KEM-512"].generate())


def test_header_errors(key768: object) -> None:
    blob = _encrypt(b"x", key768)
    with pytest.raises(stream.FormatError, match="not a pqfence encrypted file"):
        _decrypt(b"hello world, this is text", key768)
    with pytest.raises(stream.FormatError, match="version"):
        _decrypt(b"pqfence-file-v2\n" + blob[16:], key768)
    with pytest.raises(stream.FormatError, match="unsupported HPKE suite"):
        _decrypt(blob[:20] + b"\x00\x09" + blob[22:], key768)  # AEAD 9
    with pytest.raises(stream.DecryptionError, match="chunk size"):
        _decrypt(blob[:22] + (8).to_bytes(4, "big") + blob[26:], key768)
    with pytest.raises(stream.DecryptionError, match="enc is"):
        _decrypt(blob[:26] + (1087).to_bytes(2, "big") + blob[28:], key768)
    with pytest.raises(stream.DecryptionError, match="ends after its header"):
        _decrypt(blob[:1116], key768)

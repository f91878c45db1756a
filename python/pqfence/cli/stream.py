"""The pqfence encrypted-file format, version 1 (``pqfence encrypt`` / ``decrypt``).

A file is encrypted to one KEM public key with HPKE in base mode; the payload
is cut into chunks, each sealed with the suite's AEAD under a key from the
HPKE exporter and a nonce made of the chunk's counter and a last-chunk flag
(the STREAM construction, as age uses it). Files of any size pass through in
bounded memory (two chunks). The specification, with the reasons for each
choice, is docs/cli.md, section "Encrypted file format"; in short
(integers big-endian)::

    header  magic       16 bytes  "pqfence-file-v1\\n"
            kem_id       2        HPKE KEM of the recipient key (0x0041 = ML-KEM-768)
            kdf_id       2        HPKE KDF (0x0001 = HKDF-SHA256)
            aead_id      2        HPKE AEAD (0x0002 = AES-256-GCM)
            chunk_size   4        plaintext bytes per chunk, 16 .. 2**24 (default 65536)
            enc_len      2        length of enc, = the KEM's Nenc
            enc          enc_len  HPKE encapsulated key
    payload chunk 0, chunk 1, ..., chunk n-1   (n >= 1)

    info     = header[0:26]                        (magic .. chunk_size)
    enc, ctx = SetupBaseS(pkR, info)
    key      = ctx.Export("pqfence-file-v1 payload key", Nk)
    nonce_i  = I2OSP(i, 11) || (0x01 if i == n-1 else 0x00)
    chunk_i  = AEAD.Seal(key, nonce_i, aad = "", plaintext_i)

Every chunk but the last holds exactly ``chunk_size`` plaintext bytes; the
last holds 1 .. ``chunk_size`` bytes, or 0 when the whole plaintext is empty
(then it is the only chunk). A reader therefore knows, without trusting any
length field, where each chunk ends and which one must carry the flag.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import BinaryIO

from pqfence._native import KEMPrivateKey, KEMPublicKey
from pqfence.cli._hpke import Aead, Suite, SuiteError, setup_recipient, setup_sender

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "MAGIC",
    "MAX_CHUNK_SIZE",
    "MIN_CHUNK_SIZE",
    "PAYLOAD_KEY_CONTEXT",
    "DecryptionError",
    "FormatError",
    "Header",
    "decrypt",
    "encrypt",
    "payload_layout",
    "read_header",
]

MAGIC = b"pqfence-file-v1\n"
PAYLOAD_KEY_CONTEXT = b"pqfence-file-v1 payload key"
MIN_CHUNK_SIZE = 16
MAX_CHUNK_SIZE = 1 << 24
DEFAULT_CHUNK_SIZE = 1 << 16
_FIXED = struct.Struct(">16sHHHI")  # magic, kem_id, kdf_id, aead_id, chunk_size
_NONCE_COUNTER_BYTES = 11
# How far from its position a chunk is looked for, to name a reordering.
_REORDER_WINDOW = 32


class FormatError(ValueError):
    """Not a pqfence encrypted file, or one this version cannot read (exit 2)."""


class DecryptionError(ValueError):
    """The file failed authentication: damaged, truncated, reordered chunks,
    modified, or encrypted to another key (exit 1)."""


@dataclass(frozen=True)
class Header:
    """The header of an encrypted file."""

    suite: Suite
    chunk_size: int
    enc: bytes

    @property
    def info(self) -> bytes:
        """The HPKE ``info``: the header's fixed fields (magic .. chunk_size)."""
        return _FIXED.pack(
            MAGIC,
            self.suite.kem.kem_id,
            self.suite.kdf.kdf_id,
            self.suite.aead.aead_id,
            self.chunk_size,
        )

    def encode(self) -> bytes:
        """The header as written."""
        return self.info + len(self.enc).to_bytes(2, "big") + self.enc

    @property
    def size(self) -> int:
        """The header's length in bytes."""
        return _FIXED.size + 2 + len(self.enc)


def _read_full(src: BinaryIO, n: int) -> bytes:
    """Up to ``n`` bytes: fewer only at the end of the input (pipes read short)."""
    parts: list[bytes] = []
    got = 0
    while got < n:
        part = src.read(n - got)
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(_NONCE_COUNTER_BYTES, "big") + (b"\x01" if last else b"\x00")


def read_header(src: BinaryIO) -> Header:
    """Reads and checks the header (``FormatError`` / ``DecryptionError``)."""
    head = _read_full(src, len(MAGIC))
    if head != MAGIC:
        if head.startswith(b"pqfence-file-v"):
            raise FormatError("a pqfence encrypted file of a version this pqfence cannot read")
        raise FormatError("not a pqfence encrypted file (no pqfence-file-v1 header)")
    rest = _read_full(src, _FIXED.size - len(MAGIC) + 2)
    if len(rest) < _FIXED.size - len(MAGIC) + 2:
        raise DecryptionError("truncated: the file ends inside its header")
    _, kem_id, kdf_id, aead_id, chunk_size = _FIXED.unpack(MAGIC + rest[:-2])
    enc_len = int.from_bytes(rest[-2:], "big")
    try:
        suite = Suite.from_ids(kem_id, kdf_id, aead_id)
    except SuiteError as e:
        raise FormatError(str(e)) from None
    if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
        raise DecryptionError(f"malformed header: chunk size {chunk_size} out of range")
    if enc_len != suite.kem.n_enc:
        raise DecryptionError(
            f"malformed header: enc is {enc_len} bytes, {suite.kem.algorithm} needs "
            f"{suite.kem.n_enc}"
        )
    enc = _read_full(src, enc_len)
    if len(enc) < enc_len:
        raise DecryptionError("truncated: the file ends inside its header")
    return Header(suite, chunk_size, enc)


def encrypt(
    src: BinaryIO,
    dst: BinaryIO,
    public_key: KEMPublicKey,
    suite: Suite,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    _encap_randomness: bytes | None = None,
) -> Header:
    """Encrypts ``src`` to ``public_key`` into ``dst``; returns the header written.

    ``_encap_randomness`` is the known-answer test's hook (deterministic
    encapsulation); never pass it otherwise.
    """
    if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
        raise ValueError(f"chunk_size must be {MIN_CHUNK_SIZE} .. {MAX_CHUNK_SIZE}")
    info = Header(suite, chunk_size, b"").info
    enc, context = setup_sender(suite, public_key, info, _encap_randomness=_encap_randomness)
    header = Header(suite, chunk_size, enc)
    dst.write(header.encode())
    aead = Aead(suite.aead, context.export(PAYLOAD_KEY_CONTEXT, suite.aead.n_k))
    current = _read_full(src, chunk_size)
    counter = 0
    while True:
        following = _read_full(src, chunk_size) if len(current) == chunk_size else b""
        last = not following
        dst.write(aead.seal(_nonce(counter, last), current))
        if last:
            return header
        current = following
        counter += 1


class _Opener:
    """Opens chunks and, when one fails, says why as precisely as it can."""

    def __init__(self, aead: Aead) -> None:
        self._aead = aead

    def open(self, counter: int, chunk: bytes, last: bool) -> bytes:
        plaintext = self._aead.open(_nonce(counter, last), chunk)
        if plaintext is None:
            raise self._diagnose(counter, chunk, last)
        return plaintext

    def _diagnose(self, counter: int, chunk: bytes, last: bool) -> DecryptionError:
        if self._aead.open(_nonce(counter, not last), chunk) is not None:
            if last:
                return DecryptionError(
                    f"truncated: the file ends after chunk {counter}, which is not its last chunk"
                )
            return DecryptionError(f"unexpected data after the last chunk (chunk {counter})")
        for other in range(max(0, counter - _REORDER_WINDOW), counter + _REORDER_WINDOW + 1):
            if other == counter:
                continue
            for flag in (False, True):
                if self._aead.open(_nonce(other, flag), chunk) is not None:
                    return DecryptionError(
                        f"chunks reordered: chunk {other} of the file was found at position "
                        f"{counter}"
                    )
        if counter == 0:
            return DecryptionError(
                "decryption failed: the file is encrypted to another key, or was modified"
            )
        return DecryptionError(
            f"chunk {counter} failed authentication: the file was modified or truncated"
        )


def decrypt(src: BinaryIO, dst: BinaryIO, private_key: KEMPrivateKey) -> Header:
    """Decrypts ``src`` with ``private_key`` into ``dst``; returns the header read.

    Each chunk is written to ``dst`` once it is authenticated; on a
    ``DecryptionError`` the chunks before the failing one have been written,
    so write to a temporary file and keep it only on success (the CLI does).
    """
    header = read_header(src)
    algorithm = getattr(type(private_key), "algorithm", None)
    if algorithm != header.suite.kem.algorithm:
        raise FormatError(
            f"the file is encrypted to an {header.suite.kem.algorithm} key; this key is {algorithm}"
        )
    context = setup_recipient(header.suite, header.enc, private_key, header.info)
    opener = _Opener(
        Aead(header.suite.aead, context.export(PAYLOAD_KEY_CONTEXT, header.suite.aead.n_k))
    )
    full = header.chunk_size + header.suite.aead.n_t
    current = _read_full(src, full)
    if not current:
        raise DecryptionError("truncated: the file ends after its header")
    counter = 0
    while True:
        following = _read_full(src, full) if len(current) == full else b""
        last = not following
        plaintext = opener.open(counter, current, last)
        if last and not plaintext and counter > 0:
            raise DecryptionError("malformed: an empty last chunk after other chunks")
        dst.write(plaintext)
        if last:
            return header
        current = following
        counter += 1


def payload_layout(header: Header, payload_bytes: int) -> tuple[int, int] | None:
    """``(chunks, plaintext_bytes)`` for a payload of ``payload_bytes``, or
    ``None`` when no well-formed file has that length (for ``inspect``)."""
    tag = header.suite.aead.n_t
    full = header.chunk_size + tag
    if payload_bytes < tag:
        return None
    chunks = max(1, -(-payload_bytes // full))
    last = payload_bytes - (chunks - 1) * full
    if last < tag or (last == tag and chunks > 1):
        return None
    return chunks, payload_bytes - chunks * tag

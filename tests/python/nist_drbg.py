"""The NIST AES-256-CTR DRBG (SP 800-90A, no derivation function) that the
NIST PQC known-answer-test generators use as `randombytes`, for reproducing
their KAT files. Test support only; uses pyca/cryptography's AES."""

from __future__ import annotations

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


class AesCtrDrbg:
    def __init__(self, entropy: bytes) -> None:
        assert len(entropy) == 48
        self._key = bytes(32)
        self._v = 0
        self._update(entropy)

    def _block(self) -> bytes:
        self._v = (self._v + 1) % (1 << 128)
        enc = Cipher(algorithms.AES(self._key), modes.ECB()).encryptor()
        return enc.update(self._v.to_bytes(16, "big")) + enc.finalize()

    def _update(self, provided: bytes | None) -> None:
        temp = b"".join(self._block() for _ in range(3))
        if provided is not None:
            temp = bytes(a ^ b for a, b in zip(temp, provided))
        self._key, self._v = temp[:32], int.from_bytes(temp[32:], "big")

    def random_bytes(self, n: int) -> bytes:
        out = b"".join(self._block() for _ in range((n + 15) // 16))[:n]
        self._update(None)
        return out

"""Writes the known-answer file of the pqfence-file-v1 format (``pqfence encrypt``).

    python scripts/gen_cli_kat.py           (re)write tests/python/kat/pqfence-file-v1.json
    python scripts/gen_cli_kat.py --check   exit 1 if the committed file differs

Each case fixes the recipient's ML-KEM seed (d || z), the encapsulation
randomness m (HPKE's ikmE), the suite, the chunk size and the plaintext, and
records the whole encrypted file, with the intermediate values an
implementer of the format needs to debug (enc, the shared secret, the HPKE
info and the payload key). The file comes from pqfence.cli.stream through its
deterministic test hook; tests/python/test_cli_stream.py rebuilds every file
independently (kyber-py for ML-KEM, pyca/cryptography's HMAC and AEADs) from
the specification in docs/cli.md, and decrypts each with ``pqfence decrypt``.
"""

from __future__ import annotations

import argparse
import io
import json
import pathlib
import sys

from pqfence import _native
from pqfence.cli import _hpke, stream

OUT = (
    pathlib.Path(__file__).resolve().parents[1]
    / "tests"
    / "python"
    / "kat"
    / "pqfence-file-v1.json"
)

# (KEM, KDF, AEAD, chunk size, plaintext length, what the case shows)
CASES = [
    ("ML-KEM-768", "HKDF-SHA256", "AES-256-GCM", 16, 0, "empty plaintext: one empty last chunk"),
    ("ML-KEM-768", "HKDF-SHA256", "AES-256-GCM", 16, 10, "one short chunk"),
    ("ML-KEM-768", "HKDF-SHA256", "AES-256-GCM", 16, 32, "two full chunks, the second last"),
    ("ML-KEM-512", "HKDF-SHA256", "AES-128-GCM", 16, 50, "four chunks, the last partial"),
    ("ML-KEM-1024", "HKDF-SHA384", "ChaCha20Poly1305", 32, 70, "HKDF-SHA384, ChaCha20Poly1305"),
    ("ML-KEM-768", "HKDF-SHA512", "ChaCha20Poly1305", 64, 64, "one full chunk, HKDF-SHA512"),
]


def plaintext(n: int) -> bytes:
    """The cases' plaintext: bytes (7i + 3) mod 256."""
    return bytes((7 * i + 3) % 256 for i in range(n))


def build() -> dict[str, object]:
    classes = {r["name"]: r["private_key_class"] for r in _native.ALGORITHMS}
    cases = []
    for n, (kem_name, kdf, aead, chunk_size, length, note) in enumerate(CASES):
        seed = bytes((n * 64 + i) % 256 for i in range(64))
        ikm_e = bytes((0xA0 + n + i) % 256 for i in range(32))
        key = classes[kem_name].from_seed_bytes(seed)
        suite = _hpke.parse_suite(_hpke.kem_for_key(kem_name), f"{kdf},{aead}")
        pt = plaintext(length)
        out = io.BytesIO()
        header = stream.encrypt(
            io.BytesIO(pt),
            out,
            key.public_key(),
            suite,
            chunk_size=chunk_size,
            _encap_randomness=ikm_e,
        )
        shared_secret = key.decapsulate(header.enc)
        context = _hpke.setup_recipient(suite, header.enc, key, header.info)
        payload_key = context.export(stream.PAYLOAD_KEY_CONTEXT, suite.aead.n_k)
        check = io.BytesIO()
        stream.decrypt(io.BytesIO(out.getvalue()), check, key)
        assert check.getvalue() == pt
        cases.append(
            {
                "note": note,
                "kem": kem_name,
                "kem_id": suite.kem.kem_id,
                "kdf_id": suite.kdf.kdf_id,
                "aead_id": suite.aead.aead_id,
                "chunk_size": chunk_size,
                "recipient_seed": seed.hex(),
                "recipient_public_key": key.public_key().public_bytes_raw().hex(),
                "ikm_e": ikm_e.hex(),
                "plaintext": pt.hex(),
                "info": header.info.hex(),
                "enc": header.enc.hex(),
                "shared_secret": shared_secret.hex(),
                "payload_key": payload_key.hex(),
                "file": out.getvalue().hex(),
            }
        )
    return {
        "format": "pqfence-file-v1",
        "spec": "docs/cli.md, section 'Encrypted file format'",
        "plaintext": "bytes (7i + 3) mod 256, i = 0 .. length-1",
        "generated_by": "scripts/gen_cli_kat.py",
        "cases": cases,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    text = json.dumps(build(), indent=1) + "\n"
    if args.check:
        if not OUT.exists() or OUT.read_text() != text:
            print(f"{OUT}: out of date (run scripts/gen_cli_kat.py)", file=sys.stderr)
            return 1
        print("pqfence-file-v1 KAT: up to date")
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fuzz target for the Python API (atheris), over every algorithm the registry lists.

Input layout: byte 0 picks an algorithm from ``pqfence.algorithms()``, byte 1 an
operation, the rest is the attacker-controlled payload:

  0  load a public key; if it loads, encapsulate / verify a garbage signature
  1  derive a private key from a seed (must succeed exactly at the seed size;
     for the composite KEMs, whose "seed" is a structured key, may fail)
  2  load an expanded private key (with its public key where the class needs it)
  3  with a fixed key: decapsulate (ML-KEM: every ciphertext of the right
     length; a hybrid may refuse an invalid curve point) / verify the payload
     as a signature (for a deterministic scheme, only the genuine signature
     may verify)
  4  with a fixed key: verify, the payload being [context length][context][signature]

Only the exceptions that bad input may raise are allowed (InvalidLength,
InvalidKey, ContextTooLong, InvalidSignature); anything else, a crash, or a
broken invariant is a finding. Algorithms added to the registry are fuzzed with
no change here.

Cost: an SLH-DSA "s" set takes 0.1 to 0.35 s to generate or load a key (the
top tree is recomputed) and 1 to 2.5 s to sign, thousands of times any other
input. As in the Rust targets (fuzz/src/targets.rs, ``SlhDsa``), operations 1
and 2 run for such a set with a payload of the right length only when it is
the fixed key's (a mutated seed or key is not loaded; the "f" sets run the
same code), and a loaded "s" key is compared with the fixed key instead of
signing. The fixed keys are generated on first use and their genuine
signatures made only when a signature first verifies.

Composite ML-DSA defines no seed: its "seed" and "expanded" forms are both
the raw private key (mldsaSeed || tradSK), so operations 1 and 2 load one
(of any length), and a key that loads must re-load from its raw form and
sign (RSA composites: refuse to sign with ``UnsupportedAlgorithm``). Its
fixed key is generated once per process (not from fixed bytes); the RSA
composites have none, so operations 3 and 4 skip them (the Rust targets
verify against a fixed RSA public key). An ECDSA half has a twin signature
(r, n - s), so for those composites only the ML-DSA half must be the
genuine one.

    python fuzz/python/fuzz_api.py -max_total_time=60 CORPUS_DIR fuzz/corpus/python_api
    python fuzz/python/fuzz_api.py --write-corpus fuzz/corpus/python_api

The same ``one_input`` replays the committed corpus in pytest
(tests/python/test_assurance.py) without atheris.
"""

from __future__ import annotations

import inspect
import pathlib
import sys
from functools import cache
from typing import Any

import pqfence
from pqfence.exceptions import (
    ContextTooLong,
    InvalidKey,
    InvalidLength,
    InvalidSignature,
    UnsupportedAlgorithm,
)

INPUT_ERRORS = (InvalidLength, InvalidKey, ContextTooLong, InvalidSignature)
MESSAGE = b"pqfence python fuzz"
OPS = 5


def _scheme(info: pqfence.AlgorithmInfo) -> Any:
    return pqfence.kem(info.name) if info.kind == "kem" else pqfence.signature(info.name)


def _info(name: str) -> pqfence.AlgorithmInfo:
    return next(i for i in pqfence.algorithms() if i.name == name)


def _slow(info: pqfence.AlgorithmInfo) -> bool:
    """An SLH-DSA "s" set (see the module documentation)."""
    return info.name.startswith("SLH-DSA") and info.name.endswith("s")


def _composite_sig(info: pqfence.AlgorithmInfo) -> bool:
    """A Composite ML-DSA algorithm (see the module documentation; the
    composite ML-KEM sets are not)."""
    return info.standard.endswith("composite-sigs")


# The ML-DSA half's length, by the composite name's prefix.
_ML_SIG = {"MLDSA44": 2420, "MLDSA65": 3309, "MLDSA87": 4627}


def _structured_seed(info: pqfence.AlgorithmInfo) -> bool:
    """Whether the "seed" is a structured private key, not any string of its
    length: the composite ML-KEM keys (the ML-KEM seed, then an RFC 5915
    ECPrivateKey or a raw curve key), whose one form is both seed and
    expanded key."""
    return info.kind == "kem" and info.seed_bytes == info.private_key_bytes


@cache
def _fixed_key(name: str) -> Any:
    """A fixed private key for the algorithm (a generated one where the seed
    is structured; None for an RSA composite signature, which cannot sign)."""
    info = _info(name)
    if _composite_sig(info):
        return None if "-RSA" in name else _scheme(info).generate()
    if _structured_seed(info):
        return _scheme(info).generate()
    return _scheme(info).private_key_from_seed(bytes(range(info.seed_bytes)))


def _composite_sig_key(scheme: Any, payload: bytes) -> None:
    """Loads a raw composite private key; one that loads must work."""
    ok, key = _attempt(scheme.private_key_from_seed, payload)
    if not ok:
        return
    again = scheme.private_key_from_seed(key.private_bytes_raw())
    assert again == key, "raw private key round trip"
    assert key.private_bytes_raw()[:32] == payload[:32], "ML-DSA seed"
    try:
        sig = key.sign_deterministic(MESSAGE)
    except UnsupportedAlgorithm:
        assert "-RSA" in scheme.name, "only RSA composites refuse to sign"
        return
    key.public_key().verify(sig, MESSAGE)


@cache
def _genuine(name: str) -> bytes:
    """A genuine ciphertext or signature of the fixed key."""
    key = _fixed_key(name)
    if _info(name).kind == "kem":
        _, genuine = key.public_key().encapsulate()
    elif hasattr(key, "sign_deterministic"):
        genuine = key.sign_deterministic(MESSAGE)
    else:
        genuine = key.sign(MESSAGE)
    return bytes(genuine)


def _fixed(name: str) -> tuple[Any, bytes]:
    """A fixed private key for the algorithm, and a genuine ciphertext or signature."""
    return _fixed_key(name), _genuine(name)


def _load_expanded(key_cls: Any, payload: bytes, secret_len: int) -> Any:
    params = inspect.signature(key_cls.from_expanded_bytes).parameters
    if len(params) >= 2:
        return key_cls.from_expanded_bytes(payload[:secret_len], payload[secret_len:])
    return key_cls.from_expanded_bytes(payload)


def _attempt(f: Any, *args: Any) -> tuple[bool, Any]:
    """Calls f; (True, result), or (False, None) when it raised an input error."""
    try:
        return True, f(*args)
    except INPUT_ERRORS:
        return False, None


def _verify_context(pub: Any, sig: bytes, ctx: bytes) -> None:
    if "context" in inspect.signature(pub.verify).parameters:
        pub.verify(sig, MESSAGE, ctx)
    else:
        pub.verify(sig, MESSAGE)


def one_input(data: bytes) -> None:
    """Runs one fuzz input; raises only on a finding."""
    if len(data) < 2:
        return
    infos = pqfence.algorithms()
    info = infos[data[0] % len(infos)]
    op = data[1] % OPS
    payload = bytes(data[2:])
    scheme = _scheme(info)
    if op == 0:
        ok, pub = _attempt(scheme.public_key_from_bytes, payload)
        if not ok:
            return
        assert pub.public_bytes_raw() == payload, "public key round trip"
        if info.kind == "kem":
            # A hybrid key with a low-order X25519 / X448 half loads (the
            # drafts check the DH output, not the key) and refuses to
            # encapsulate; an ML-KEM key that loads always encapsulates.
            ok, out = _attempt(pub.encapsulate)
            assert ok or info.standard != "FIPS 203", "a loaded key failed to encapsulate"
            if ok:
                ss, ct = out
                assert len(ss) == info.shared_secret_bytes
                assert len(ct) == info.ciphertext_bytes
        else:
            _attempt(pub.verify, payload[:64], MESSAGE)
    elif op in (1, 2) and _composite_sig(info):
        _composite_sig_key(scheme, payload)
    elif op == 1:
        fixed_seed = bytes(range(info.seed_bytes))
        if _slow(info) and len(payload) == info.seed_bytes and payload != fixed_seed:
            return
        ok, key = _attempt(scheme.private_key_from_seed, payload)
        if _structured_seed(info):
            assert not ok or len(payload) >= 64, "seed size check"
        else:
            assert ok == (len(payload) == info.seed_bytes), "seed size check"
        if ok:
            assert key.private_bytes_raw() == payload, "seed round trip"
    elif op == 2:
        fixed = _fixed_key(info.name)
        right_length = len(payload) == info.private_key_bytes
        if _slow(info) and right_length and payload != fixed.private_bytes_expanded():
            return
        ok, key = _attempt(_load_expanded, type(fixed), payload, info.private_key_bytes)
        if not ok:
            return
        # A key that loads must work: any error from here on is a finding.
        if _slow(info):
            assert key.private_bytes_expanded() == payload, "expanded key round trip"
            assert key.public_key() == fixed.public_key(), "the fixed key's public key"
        elif info.kind == "kem":
            _, ct = key.public_key().encapsulate()
            key.decapsulate(ct)
        else:
            key.public_key().verify(key.sign(MESSAGE), MESSAGE)
    elif op == 3:
        key = _fixed_key(info.name)
        if key is None:
            return
        if info.kind == "kem":
            ok, _ = _attempt(key.decapsulate, payload)
            # ML-KEM rejects implicitly: every ciphertext of the right length
            # decapsulates. A hybrid also refuses an invalid curve point.
            if info.standard == "FIPS 203":
                assert ok == (len(payload) == info.ciphertext_bytes), "ciphertext size check"
            else:
                assert not ok or len(payload) == info.ciphertext_bytes, "ciphertext size check"
        else:
            ok, _ = _attempt(key.public_key().verify, payload, MESSAGE)
            # Only the genuine signature verifies: another one is a forgery or
            # a malleable encoding.
            # (Randomized schemes have many valid signatures: no such claim.)
            unique = hasattr(key, "sign_deterministic")
            genuine = _genuine(info.name) if ok and unique else payload
            if _composite_sig(info) and "-ECDSA-" in info.name:
                n = _ML_SIG[info.name[:7]]
                payload, genuine = payload[:n], genuine[:n]
            assert payload == genuine, "a second signature verified"
    else:
        key = _fixed_key(info.name)
        if key is None or info.kind == "kem":
            return
        n = payload[0] if payload else 0
        ctx, sig = payload[1 : 1 + n], payload[1 + n :]
        _attempt(_verify_context, key.public_key(), sig, ctx)


def _expanded_payload(info: pqfence.AlgorithmInfo, key: Any) -> bytes:
    params = inspect.signature(type(key).from_expanded_bytes).parameters
    expanded: bytes = key.private_bytes_expanded()
    if len(params) >= 2:
        return expanded + key.public_key().public_bytes_raw()
    return expanded


# The committed seeds cover these families (the fuzzer reaches every
# registered algorithm through byte 0); payloads above the size cap are left
# out to keep the corpus small.
CORPUS_FAMILIES = ("ML-KEM", "ML-DSA", "MLKEM768-X25519", "id-MLKEM768-ECDH-P256-SHA3-256")
CORPUS_MAX_PAYLOAD = 8192


def write_corpus(folder: pathlib.Path) -> int:
    """Seeds: for each algorithm of CORPUS_FAMILIES and each operation, a valid
    payload and the same one byte short."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for i, info in enumerate(pqfence.algorithms()):
        if not info.name.startswith(CORPUS_FAMILIES):
            continue
        key, genuine = _fixed(info.name)
        payloads = {
            0: key.public_key().public_bytes_raw(),
            1: key.private_bytes_raw(),
            2: _expanded_payload(info, key),
            3: genuine,
            4: b"\x00" + genuine,
        }
        for op, body in payloads.items():
            if len(body) > CORPUS_MAX_PAYLOAD:
                continue
            for tag, p in (("valid", body), ("short", body[:-1])):
                name = f"{info.name}-op{op}-{tag}"
                (folder / name).write_bytes(bytes([i, op]) + p)
                count += 1
    return count


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--write-corpus":
        print(f"wrote {write_corpus(pathlib.Path(sys.argv[2]))} inputs")
        return
    import atheris

    # Coverage of the Python layer (pqfence's modules and this file); the
    # native extension is exercised but not instrumented.
    atheris.instrument_all()
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

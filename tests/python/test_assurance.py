"""Assurance checks through the Python API (see the README's "Assurance" section).

- the committed atheris corpus (fuzz/corpus/python_api) replays without a finding;
- eight threads doing 1000 mixed operations each (the GIL released around the
  C) give exactly the single-thread results.
"""

from __future__ import annotations

import importlib.util
import pathlib
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from pqfence import falcon, mldsa, mlkem, slhdsa
from pqfence.exceptions import InvalidLength, InvalidSignature

REPO = pathlib.Path(__file__).resolve().parents[2]
CORPUS = REPO / "fuzz" / "corpus" / "python_api"


def _fuzz_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_api", REPO / "fuzz/python/fuzz_api.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fuzz_corpus_replays() -> None:
    fuzz = _fuzz_module()
    files = sorted(p for p in CORPUS.iterdir() if p.is_file())
    assert len(files) >= 20, f"corpus {CORPUS} has only {len(files)} inputs"
    for f in files:
        fuzz.one_input(f.read_bytes())


def test_fuzz_target_flags_a_broken_invariant() -> None:
    """The target can fail: a seed of the right size that is refused is a finding."""
    fuzz = _fuzz_module()
    broken = type("Broken", (), {"private_key_from_seed": staticmethod(_refuse)})
    original = fuzz._scheme
    fuzz._scheme = lambda info: broken
    try:
        with pytest.raises(AssertionError, match="seed size check"):
            fuzz.one_input(bytes([0, 1]) + bytes(64))
    finally:
        fuzz._scheme = original


def _refuse(seed: bytes) -> None:
    raise InvalidLength("refused")


THREADS = 8
OPS = 1000

KEMS = [mlkem.MLKEM512PrivateKey, mlkem.MLKEM768PrivateKey, mlkem.MLKEM1024PrivateKey]
# (class, seed length): ML-DSA, Falcon-512 and the fastest SLH-DSA set.
SIGS: list[tuple[Any, int]] = [
    (mldsa.MLDSA44PrivateKey, 32),
    (mldsa.MLDSA65PrivateKey, 32),
    (mldsa.MLDSA87PrivateKey, 32),
    (falcon.Falcon512PrivateKey, 48),
    (slhdsa.SlhDsaShake_128fPrivateKey, 48),
]


def _sign(key: Any, msg: bytes) -> bytes:
    """A deterministic signature: Falcon's randomness fixed from the message."""
    if isinstance(key, falcon.Falcon512PrivateKey):
        out: bytes = key.sign_with_randomness(msg, _data(len(msg), 40), _data(len(msg) + 1, 48))
        return out
    sig: bytes = key.sign_deterministic(msg)
    return sig


def _data(n: int, size: int) -> bytes:
    return bytes((n * 131 + i * 7) % 256 for i in range(size))


def _operations() -> list[Callable[[], bytes]]:
    kem_keys = [cls.from_seed_bytes(_data(1, 64)) for cls in KEMS]
    sig_keys = [cls.from_seed_bytes(_data(2, n)) for cls, n in SIGS]
    cts = [k.public_key().encapsulate_deterministic(_data(3, 32))[1] for k in kem_keys]
    sigs = [_sign(k, b"shared") for k in sig_keys]

    def op(j: int) -> Callable[[], bytes]:
        s, kind, t = j % 3, (j // 3) % 8, j % len(SIGS)
        kem, sig, ct, good = kem_keys[s], sig_keys[t], cts[s], sigs[t]
        cls, seed_len = SIGS[t]
        if kind == 0:
            return lambda: KEMS[s].from_seed_bytes(_data(j, 64)).public_key().public_bytes_raw()
        if kind == 1:
            return lambda: b"".join(kem.public_key().encapsulate_deterministic(_data(j, 32)))
        if kind == 2:
            return lambda: kem.decapsulate(ct)
        if kind == 3:
            bad = bytes([ct[0] ^ 1]) + ct[1:]
            return lambda: kem.decapsulate(bad)
        if kind == 4:
            return lambda: cls.from_seed_bytes(_data(j, seed_len)).public_key().public_bytes_raw()
        if kind == 5:
            return lambda: _sign(sig, _data(j, j % 64))

        def verify(sig_bytes: bytes) -> bytes:
            try:
                sig.public_key().verify(sig_bytes, b"shared")
            except InvalidSignature:
                return b"rejected"
            return b"verified"

        if kind == 6:
            return lambda: verify(good)
        tampered = good[:-1] + bytes([good[-1] ^ 0x80])
        return lambda: verify(tampered)

    return [op(j) for j in range(OPS)]


def test_threads_match_single_thread() -> None:
    ops = _operations()
    reference = [f() for f in ops]
    # Key generation, encapsulation and signing vary with j; decapsulation and
    # verification of the shared inputs repeat: a third at least are distinct.
    assert len(set(reference)) > OPS // 3, "operations should give varied outputs"
    results: dict[int, list[tuple[int, bytes]]] = {}

    def runner(t: int) -> None:
        start = t * OPS // THREADS
        out = []
        for i in range(OPS):
            j = (start + i) % OPS
            out.append((j, ops[j]()))
        results[t] = out

    threads = [threading.Thread(target=runner, args=(t,)) for t in range(THREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(results) == list(range(THREADS))
    for t, out in results.items():
        assert len(out) == OPS
        for j, got in out:
            assert got == reference[j], f"thread {t}, operation {j}"

"""Composite ML-DSA from Python, against its halves and against pyca. A
benchmark, not a test: numbers depend on the machine and its load.

For each algorithm, one composite key; each round times, back to back (so that
frequency drift and load hit every column alike):

- the composite operation through pqfence (one call: M', both halves);
- its ML-DSA half alone, through pqfence's ML-DSA classes, over a precomputed
  M' with the label as context (the same C the composite runs); the
  difference is the traditional half plus the composite's own cost;
- the traditional half alone through pyca/cryptography (OpenSSL), over M';
- pyca's ML-DSA and pyca's traditional signature over the message, one after
  the other: the issue's comparison (the last column above 1 means pqfence's
  composite is faster than the two pyca calls).

The issue's target, a composite costing at most 1.1 times its two halves
measured alone, needs the halves the composite itself runs: Python has no
binding of those traditional crates (RustCrypto, dalek), and OpenSSL's are
other implementations (its P-256, P-384 and Ed448 several times faster than the
crates, its Ed25519 about as fast), so that ratio comes from
`cargo run --release --example composite_bench`, which `--rust` runs after
the Python table.

Usage: python benchmarks/composite_bench.py [--rounds N] [--only SUBSTRING] [--rust]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pqfence
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519
from cryptography.hazmat.primitives.asymmetric import mldsa as pyca_mldsa
from pqfence import composite, mldsa

PREFIX = b"CompositeAlgorithmSignatures2025"
MESSAGE = bytes(range(256)) * 4  # 1 KiB, a certificate-sized payload


@dataclass(frozen=True)
class Case:
    name: str
    level: int
    trad: str  # "ed25519", "ed448", or the ECDSA curve's name
    ph: str  # hashlib name, "shake256" for SHAKE256/64
    label: bytes


CASES = [
    Case("MLDSA44-Ed25519-SHA512", 44, "ed25519", "sha512", b"COMPSIG-MLDSA44-Ed25519-SHA512"),
    Case("MLDSA65-Ed25519-SHA512", 65, "ed25519", "sha512", b"COMPSIG-MLDSA65-Ed25519-SHA512"),
    Case("MLDSA65-ECDSA-P256-SHA512", 65, "P-256", "sha512", b"COMPSIG-MLDSA65-ECDSA-P256-SHA512"),
    Case("MLDSA87-ECDSA-P384-SHA512", 87, "P-384", "sha512", b"COMPSIG-MLDSA87-ECDSA-P384-SHA512"),
    Case("MLDSA87-Ed448-SHAKE256", 87, "ed448", "shake256", b"COMPSIG-MLDSA87-Ed448-SHAKE256"),
]

CURVES: dict[str, tuple[ec.EllipticCurve, hashes.HashAlgorithm, int]] = {
    "P-256": (ec.SECP256R1(), hashes.SHA256(), 32),
    "P-384": (ec.SECP384R1(), hashes.SHA384(), 48),
}


def m_prime(case: Case, msg: bytes, ctx: bytes = b"") -> bytes:
    ph = (
        hashlib.shake_256(msg).digest(64)
        if case.ph == "shake256"
        else hashlib.new(case.ph, msg).digest()
    )
    return PREFIX + case.label + bytes([len(ctx)]) + ctx + ph


def pyca_traditional(case: Case, trad_sk: bytes) -> tuple[Any, Callable[[bytes], bytes]]:
    """pyca's key for the composite's traditional half, and its sign function."""
    if case.trad == "ed25519":
        k25519 = ed25519.Ed25519PrivateKey.from_private_bytes(trad_sk)
        return k25519, k25519.sign
    if case.trad == "ed448":
        k448 = ed448.Ed448PrivateKey.from_private_bytes(trad_sk)
        return k448, k448.sign
    curve, hash_alg, n = CURVES[case.trad]
    # The ECPrivateKey's scalar: the OCTET STRING after the version (02 01 01 04 n).
    at = trad_sk.index(bytes([0x02, 0x01, 0x01, 0x04, n])) + 5
    kec = ec.derive_private_key(int.from_bytes(trad_sk[at : at + n], "big"), curve)
    return kec, lambda m: kec.sign(m, ec.ECDSA(hash_alg))


def pyca_verifier(case: Case, key: Any) -> Callable[[bytes, bytes], None]:
    pub = key.public_key()
    if case.trad in CURVES:
        hash_alg = CURVES[case.trad][1]
        return lambda s, m: pub.verify(s, m, ec.ECDSA(hash_alg))
    return lambda s, m: pub.verify(s, m)


def interleaved(fns: list[Callable[[], object]], rounds: int) -> list[float]:
    """Median seconds of each function, timed back to back in every round."""
    for fn in fns:
        fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            times[i].append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times]


def us(t: float) -> str:
    return f"{t * 1e6:,.1f} us"


def rows_for(case: Case, rounds: int) -> list[list[str]]:
    priv_cls = getattr(composite, case.name.replace("-", "_") + "PrivateKey")
    sk = priv_cls.generate()
    pk = sk.public_key()
    raw = sk.private_bytes_raw()
    ml_sk = getattr(mldsa, f"MLDSA{case.level}PrivateKey").from_seed_bytes(raw[:32])
    ml_pk = ml_sk.public_key()
    trad_key, trad_sign = pyca_traditional(case, raw[32:])
    trad_verify = pyca_verifier(case, trad_key)
    mp = m_prime(case, MESSAGE)
    sig = sk.sign(MESSAGE)
    n = {44: 2420, 65: 3309, 87: 4627}[case.level]
    ml_sig, trad_sig = sig[:n], sig[n:]
    # Sanity: the halves measured alone are the composite's halves.
    ml_pk.verify(ml_sig, mp, context=case.label)
    trad_verify(trad_sig, mp)
    pyca_ml = getattr(pyca_mldsa, f"MLDSA{case.level}PrivateKey").from_seed_bytes(raw[:32])
    pyca_ml_sig = pyca_ml.sign(MESSAGE)
    pyca_ml_pub = pyca_ml.public_key()
    pyca_trad_sig = trad_sign(MESSAGE)

    out: list[list[str]] = []
    ops: list[tuple[str, list[Callable[[], object]]]] = [
        (
            "sign",
            [
                lambda: sk.sign(MESSAGE),
                lambda: ml_sk.sign(mp, context=case.label),
                lambda: trad_sign(mp),
                lambda: (pyca_ml.sign(MESSAGE), trad_sign(MESSAGE)),
            ],
        ),
        (
            "sign (det.)",
            [
                lambda: sk.sign_deterministic(MESSAGE),
                lambda: ml_sk.sign_deterministic(mp, context=case.label),
                lambda: trad_sign(mp),
                lambda: None,
            ],
        ),
        (
            "verify",
            [
                lambda: pk.verify(sig, MESSAGE),
                lambda: ml_pk.verify(ml_sig, mp, context=case.label),
                lambda: trad_verify(trad_sig, mp),
                lambda: (
                    pyca_ml_pub.verify(pyca_ml_sig, MESSAGE),
                    trad_verify(pyca_trad_sig, MESSAGE),
                ),
            ],
        ),
    ]
    for op, fns in ops:
        comp, ml, trad, peer = interleaved(fns, rounds)
        out.append(
            [
                case.name,
                op,
                us(comp),
                us(ml),
                us(comp - ml),
                us(trad),
                us(peer) if op != "sign (det.)" else "-",  # pyca signs hedged only
                f"{peer / comp:.2f}x" if op != "sign (det.)" else "-",
            ]
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=300, help="timed rounds per operation")
    ap.add_argument("--only", default="", help="only algorithms whose name contains this")
    ap.add_argument("--rust", action="store_true", help="then run the Rust example")
    args = ap.parse_args()
    header = [
        "algorithm",
        "op",
        "composite",
        "its ML-DSA half",
        "composite - ML-DSA",
        "pyca trad. over M'",
        "pyca ML-DSA + trad.",
        "pyca / composite",
    ]
    rows = [header]
    for case in CASES:
        if args.only in case.name:
            rows.extend(rows_for(case, args.rounds))
    print(f"pqfence {pqfence.__version__}, backend {pqfence._native.backend()}, 1 KiB message")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows[1:]:
        print("| " + " | ".join(r) + " |")
    if args.rust:
        cmd = ["cargo", "run", "-q", "--release", "--example", "composite_bench"]
        subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Side-by-side benchmark: pqfence against the peers installed here, in one run.

Median latency per operation from Python (the way users call every library),
and the ratio peer / pqfence (above 1.00 means pqfence is faster). Not a test:
numbers depend on the machine; run `make bench`.

Usage: python benchmarks/bench.py [--budget SECONDS] [--only SUBSTRING] [--family F,...]
       [--markdown]
"""

from __future__ import annotations

import argparse
import importlib
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pqfence


@dataclass
class Row:
    algorithm: str
    op: str
    times: dict[str, float]  # implementation -> median seconds


def median_time(fn: Callable[[], object], budget: float, min_runs: int = 5) -> float:
    fn()  # warm up
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < min_runs or (time.perf_counter() - start < budget and len(times) < 5000):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def kem_rows(budget: float) -> list[Row]:
    pyca = optional("cryptography.hazmat.primitives.asymmetric.mlkem")
    rows: list[Row] = []
    for bits in (512, 768, 1024):
        name = f"ML-KEM-{bits}"
        impls: dict[str, dict[str, Callable[[], object]]] = {}
        k = pqfence.kem(name)
        sk = k.generate()
        pk = sk.public_key()
        _, ct = pk.encapsulate()
        impls["pqfence"] = {
            "keygen": k.generate,
            "encaps": pk.encapsulate,
            "decaps": lambda sk=sk, ct=ct: sk.decapsulate(ct),
        }
        cls = getattr(pyca, f"MLKEM{bits}PrivateKey", None) if pyca else None
        if cls is not None:
            psk = cls.generate()
            ppk = psk.public_key()
            _, pct = ppk.encapsulate()
            impls["pyca"] = {
                "keygen": cls.generate,
                "encaps": ppk.encapsulate,
                "decaps": lambda psk=psk, pct=pct: psk.decapsulate(pct),
            }
        pq = optional(f"pqcrypto.kem.ml_kem_{bits}")
        if pq is not None:
            qpk, qsk = pq.keygen()
            qct, _ = pq.encaps(qpk)
            impls["pqcrypto"] = {
                "keygen": pq.keygen,
                "encaps": lambda pq=pq, qpk=qpk: pq.encaps(qpk),
                "decaps": lambda pq=pq, qsk=qsk, qct=qct: pq.decaps(qsk, qct),
            }
        for op in ("keygen", "encaps", "decaps"):
            rows.append(
                Row(name, op, {impl: median_time(f[op], budget) for impl, f in impls.items()})
            )
    return rows


def mldsa_rows(budget: float) -> list[Row]:
    pyca = optional("cryptography.hazmat.primitives.asymmetric.mldsa")
    rows: list[Row] = []
    msg = b"benchmark message of modest length"
    for level in (44, 65, 87):
        name = f"ML-DSA-{level}"
        impls: dict[str, dict[str, Callable[[], object]]] = {}
        scheme = pqfence.signature(name)
        sk = scheme.generate()
        pk = sk.public_key()
        sig = sk.sign(msg)
        impls["pqfence"] = {
            "keygen": scheme.generate,
            "sign": lambda sk=sk: sk.sign(msg),
            "verify": lambda pk=pk, sig=sig: pk.verify(sig, msg),
        }
        cls = getattr(pyca, f"MLDSA{level}PrivateKey", None) if pyca else None
        if cls is not None:
            psk = cls.generate()
            ppk = psk.public_key()
            psig = psk.sign(msg)
            impls["pyca"] = {
                "keygen": cls.generate,
                "sign": lambda psk=psk: psk.sign(msg),
                "verify": lambda ppk=ppk, psig=psig: ppk.verify(psig, msg),
            }
        pq = optional(f"pqcrypto.sign.ml_dsa_{level}")
        if pq is not None:
            qpk, qsk = pq.keygen()
            qsig = pq.sign(qsk, msg)
            impls["pqcrypto"] = {
                "keygen": pq.keygen,
                "sign": lambda pq=pq, qsk=qsk: pq.sign(qsk, msg),
                "verify": lambda pq=pq, qpk=qpk, qsig=qsig: pq.verify(qpk, msg, qsig),
            }
        for op in ("keygen", "sign", "verify"):
            rows.append(
                Row(name, op, {impl: median_time(f[op], budget) for impl, f in impls.items()})
            )
    return rows


SLH_SETS = [
    f"{h}_{lv}"
    for h in ("sha2", "shake")
    for lv in ("128s", "128f", "192s", "192f", "256s", "256f")
]


def slhdsa_rows(budget: float) -> list[Row]:
    """SLH-DSA, every set: pqfence (signing includes its verify-after-sign fault
    check; "sign (unverified)" shows the cost of that check) vs pqcrypto (PQClean)."""
    rows: list[Row] = []
    msg = b"benchmark message"
    for key in SLH_SETS:
        h, lv = key.split("_")
        name = f"SLH-DSA-{h.upper()}-{lv}"
        scheme = pqfence.signature(name)
        sk: Any = scheme.generate()
        pk = sk.public_key()
        sig = sk.sign(msg)
        # The "s" sets sign in around a second: a few runs are enough.
        b = budget if lv.endswith("f") else min(budget, 0.01)
        ours = {
            "keygen": scheme.generate,
            "sign": lambda sk=sk: sk.sign(msg),
            "sign (unverified)": lambda sk=sk: sk.sign_unverified(msg),
            "verify": lambda pk=pk, sig=sig: pk.verify(sig, msg),
        }
        peer: dict[str, Callable[[], object]] = {}
        pq = optional(f"pqcrypto.sign.slh_dsa_{key}")
        if pq is not None:
            qpk, qsk = pq.keygen()
            qsig = pq.sign(qsk, msg)
            peer = {
                "keygen": pq.keygen,
                "sign": lambda pq=pq, qsk=qsk: pq.sign(qsk, msg),
                "sign (unverified)": lambda pq=pq, qsk=qsk: pq.sign(qsk, msg),
                "verify": lambda pq=pq, qpk=qpk, qsig=qsig: pq.verify(qpk, msg, qsig),
            }
        for op, fn in ours.items():
            times = {"pqfence": median_time(fn, b, min_runs=3)}
            if op in peer:
                times["pqcrypto"] = median_time(peer[op], b, min_runs=3)
            rows.append(Row(name, op, times))
    return rows


def falcon_rows(budget: float) -> list[Row]:
    """Falcon: pqfence vs pypqc (PQClean's round-3 Falcon)."""
    import warnings

    rows: list[Row] = []
    msg = b"benchmark message"
    for bits in (512, 1024):
        name = f"Falcon-{bits}"
        scheme = pqfence.signature(name)
        sk: Any = scheme.generate()
        pk = sk.public_key()
        sig = sk.sign(msg)
        impls: dict[str, dict[str, Callable[[], object]]] = {
            "pqfence": {
                "keygen": scheme.generate,
                "sign": lambda sk=sk: sk.sign(msg),
                "verify": lambda pk=pk, sig=sig: pk.verify(sig, msg),
            }
        }
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pq = optional(f"pqc.sign.falcon_{bits}")
        if pq is not None:
            qpk, qsk = pq.keypair()
            qsig = pq.sign(msg, qsk)
            impls["pypqc"] = {
                "keygen": pq.keypair,
                "sign": lambda pq=pq, qsk=qsk: pq.sign(msg, qsk),
                "verify": lambda pq=pq, qpk=qpk, qsig=qsig: pq.verify(qsig, msg, qpk),
            }
        for op in ("keygen", "sign", "verify"):
            # Key generation time varies with the number of candidates (f, g)
            # a seed goes through, so it needs many runs for a stable median.
            runs = 40 if op == "keygen" else 3
            rows.append(
                Row(
                    name,
                    op,
                    {i: median_time(f[op], budget, min_runs=runs) for i, f in impls.items()},
                )
            )
    return rows


def thread_scaling(n_ops: int = 400) -> str:
    """Wall time of ML-DSA-65 signing in 1 vs N threads: the GIL is released."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    sk = pqfence.signature("ML-DSA-65").generate()
    cores = os.cpu_count() or 1

    def run(threads: int) -> float:
        t0 = time.perf_counter()
        with ThreadPoolExecutor(threads) as ex:
            list(ex.map(lambda _: sk.sign(b"scaling"), range(n_ops)))
        return time.perf_counter() - t0

    one = run(1)
    many = run(cores)
    return (
        f"ML-DSA-65 signing, {n_ops} signatures: 1 thread {one:.2f} s, {cores} threads "
        f"{many:.2f} s, speed-up {one / many:.2f}x on {cores} cores (GIL released)"
    )


FAMILIES: list[Callable[[float], list[Row]]] = [kem_rows, mldsa_rows, falcon_rows, slhdsa_rows]


def fmt(t: float) -> str:
    us = t * 1e6
    return f"{us:,.1f} us" if us < 10_000 else f"{us / 1000:,.2f} ms"


def render(rows: list[Row], markdown: bool) -> str:
    peers = sorted({i for r in rows for i in r.times} - {"pqfence"})
    head = ["algorithm", "op", "pqfence"]
    for p in peers:
        head += [p, f"{p}/pqfence"]
    table = [head]
    for r in rows:
        line = [r.algorithm, r.op, fmt(r.times["pqfence"])]
        for p in peers:
            if p in r.times:
                line += [fmt(r.times[p]), f"{r.times[p] / r.times['pqfence']:.2f}x"]
            else:
                line += ["-", "-"]
        table.append(line)
    if markdown:
        out = ["| " + " | ".join(table[0]) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(r) + " |" for r in table[1:]]
        return "\n".join(out)
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in table)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--budget", type=float, default=0.3, help="seconds per measurement")
    ap.add_argument("--only", default="", help="only algorithms whose name contains this")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument(
        "--family", default="", help="comma-separated subset of: kem, mldsa, falcon, slhdsa"
    )
    args = ap.parse_args()
    rows = []
    for fam in FAMILIES:
        name = fam.__name__.removesuffix("_rows")
        if args.family and name not in args.family.split(","):
            continue
        rows += [r for r in fam(args.budget) if args.only in r.algorithm]
    print(
        f"# {time.strftime('%Y-%m-%d')}, {platform.machine()}, {platform.processor() or ''} "
        f"Python {platform.python_version()}; ratio = peer time / pqfence time"
    )
    print(render(rows, args.markdown))
    if not args.only:
        print()
        print(thread_scaling())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

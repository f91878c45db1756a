"""``python -m pqfence``: the demonstration job.

Runs every available algorithm on its defaults (fresh keys from OS randomness, a
short message, the empty context), checks each result, and prints one table:
algorithm, sizes in bytes, and the median time of each operation.
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Callable

import pqfence
from pqfence.registry import AlgorithmInfo


def _median_us(
    fn: Callable[[], object],
    budget_s: float = 0.2,
    max_runs: int = 200,
    min_runs: int = 3,
    on_run: Callable[[int, float], None] | None = None,
) -> float:
    """The median time of ``fn`` in microseconds: at least ``min_runs`` runs, then
    more until ``budget_s`` seconds have passed or ``max_runs`` runs are done.
    ``on_run(runs, elapsed_s)`` is called after each run (``pqfence bench``'s
    progress bar)."""
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < max_runs and (
        len(times) < min_runs or time.perf_counter() - start < budget_s
    ):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        if on_run is not None:
            on_run(len(times), time.perf_counter() - start)
    return statistics.median(times) * 1e6


def _fmt_us(us: float) -> str:
    return f"{us:,.1f} us" if us < 10_000 else f"{us / 1000:,.1f} ms"


def _run_kem(info: AlgorithmInfo) -> list[str]:
    kem = pqfence.kem(info.name)
    sk = kem.generate()
    pk = sk.public_key()
    ss, ct = pk.encapsulate()
    if sk.decapsulate(ct) != ss:
        raise SystemExit(f"{info.name}: decapsulation disagrees with encapsulation")
    t_gen = _median_us(kem.generate)
    t_enc = _median_us(pk.encapsulate)
    t_dec = _median_us(lambda: sk.decapsulate(ct))
    return [
        info.name,
        f"pk {info.public_key_bytes} / sk {info.seed_bytes} (seed) / ct {info.ciphertext_bytes}",
        f"keygen {_fmt_us(t_gen)}",
        f"encaps {_fmt_us(t_enc)}",
        f"decaps {_fmt_us(t_dec)}",
    ]


def _run_signature(info: AlgorithmInfo) -> list[str]:
    scheme = pqfence.signature(info.name)
    sk = scheme.generate()
    pk = sk.public_key()
    msg = b"pqfence demonstration message"
    sig = sk.sign(msg)
    pk.verify(sig, msg)
    budget = 0.05 if info.name.startswith("Falcon") else 0.2  # Falcon keygen: tens of ms
    t_gen = _median_us(scheme.generate, budget_s=budget)
    t_sign = _median_us(lambda: sk.sign(msg))
    t_ver = _median_us(lambda: pk.verify(sig, msg))
    return [
        info.name,
        f"pk {info.public_key_bytes} / sk {info.seed_bytes} (seed) / sig {info.signature_bytes}",
        f"keygen {_fmt_us(t_gen)}",
        f"sign {_fmt_us(t_sign)}",
        f"verify {_fmt_us(t_ver)}",
    ]


def main() -> int:
    print(f"pqfence {pqfence.__version__}: every algorithm on its defaults\n")
    rows = [["algorithm", "sizes (bytes)", "op 1", "op 2", "op 3"]]
    for info in pqfence.algorithms():
        rows.append(_run_kem(info) if info.kind == "kem" else _run_signature(info))
        sys.stdout.flush()
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print(f"\n{len(rows) - 1} algorithms, all round trips verified.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

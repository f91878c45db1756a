"""``pqfence bench``: the median time of each operation, with a progress bar.

The timing loop is ``python -m pqfence``'s (:func:`pqfence.__main__._median_us`).
The bar (plain ``\\r`` redraws on standard error, no library) shows on a
terminal, or always with ``--progress``; it matters for the SLH-DSA "s" sets,
whose signing takes up to seconds per run.
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable, TextIO

import pqfence
from pqfence.__main__ import _fmt_us, _median_us
from pqfence.cli._io import EXIT_OK, CLIError
from pqfence.registry import AlgorithmInfo

__all__ = ["Progress", "add_parsers", "run_bench"]

_MESSAGE = b"pqfence benchmark message"


class Progress:
    """A one-line progress bar over ``total`` steps, redrawn with ``\\r``."""

    WIDTH = 24

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total = max(total, 1)
        self.stream = stream
        self.enabled = enabled
        self._last = 0

    def show(self, done: float, label: str) -> None:
        """Draws the bar at ``done`` steps of ``total`` with ``label``."""
        if not self.enabled:
            return
        frac = min(max(done / self.total, 0.0), 1.0)
        filled = int(frac * self.WIDTH)
        line = f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {frac * 100:3.0f}%  {label}"
        self.stream.write("\r" + line.ljust(self._last))
        self.stream.flush()
        self._last = len(line)

    def close(self) -> None:
        """Erases the bar."""
        if self.enabled and self._last:
            self.stream.write("\r" + " " * self._last + "\r")
            self.stream.flush()


def _operations(info: AlgorithmInfo) -> list[tuple[str, Callable[[], object]]]:
    if info.kind == "kem":
        kem = pqfence.kem(info.name)
        sk = kem.generate()
        pk = sk.public_key()
        _, ct = pk.encapsulate()
        return [
            ("keygen", kem.generate),
            ("encaps", pk.encapsulate),
            ("decaps", lambda: sk.decapsulate(ct)),
        ]
    scheme = pqfence.signature(info.name)
    if info.standard.endswith("composite-sigs") and "-RSA" in info.name:
        return []  # verify only: no key to sign with (RUSTSEC-2023-0071)
    ssk = scheme.generate()
    spk = ssk.public_key()
    sig = ssk.sign(_MESSAGE)
    return [
        ("keygen", scheme.generate),
        ("sign", lambda: ssk.sign(_MESSAGE)),
        ("verify", lambda: spk.verify(sig, _MESSAGE)),
    ]


def _progress_callback(
    bar: Progress, step: int, title: str, budget: float, min_runs: int, max_runs: int
) -> Callable[[int, float], None]:
    """Moves the bar through one operation's share as its runs complete."""

    def on_run(runs: int, elapsed: float) -> None:
        per_run = elapsed / runs
        expected = min(max(budget, min_runs * per_run), max_runs * per_run)
        frac = min(elapsed / expected, 1.0) if expected > 0 else 1.0
        bar.show(step + frac, f"{title} (run {runs})")

    return on_run


def run_bench(args: argparse.Namespace) -> int:
    """``pqfence bench``."""
    infos = pqfence.algorithms()
    if args.algorithm:
        by_name = {i.name.lower(): i for i in infos}
        for a in args.algorithm:
            if a.lower() not in by_name:
                known = ", ".join(i.name for i in infos)
                raise CLIError(f"unknown algorithm {a!r}; available: {known}")
        infos = [by_name[a.lower()] for a in args.algorithm]
    if args.runs is not None and args.runs < 1:
        raise CLIError("--runs must be at least 1")
    enabled = args.progress if args.progress is not None else sys.stderr.isatty()
    bar = Progress(3 * len(infos), sys.stderr, enabled)
    rows = [["algorithm", "op 1", "op 2", "op 3"]]
    min_runs, max_runs = (args.runs, args.runs) if args.runs else (3, 200)
    try:
        for n, info in enumerate(infos):
            bar.show(3 * n, f"{info.name} setup")
            row = [info.name]
            for k, (label, fn) in enumerate(_operations(info)):
                budget = 0.05 if label == "keygen" and info.name.startswith("Falcon") else 0.2
                if args.runs:
                    budget = 0.0
                title = f"{info.name} {label}"
                bar.show(3 * n + k, title)
                on_run = _progress_callback(bar, 3 * n + k, title, budget, min_runs, max_runs)
                us = _median_us(fn, budget, max_runs, min_runs, on_run)
                row.append(f"{label} {_fmt_us(us)}")
            if len(row) == 1:
                row.append("verify only: RSA signing refused")
            rows.append(row + [""] * (len(rows[0]) - len(row)))
        bar.show(bar.total, "done")
    finally:
        bar.close()
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print(f"\nmedian of each operation (backend: {pqfence._native.backend()})")
    return EXIT_OK


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Adds ``bench``."""
    p = sub.add_parser(
        "bench",
        parents=[common],
        help="time each algorithm's operations",
        description="Median time of keygen and encapsulate/decapsulate or sign/verify, for "
        "every algorithm or those given with -a. A progress bar shows on a terminal.",
    )
    p.add_argument(
        "-a",
        "--algorithm",
        action="append",
        metavar="ALG",
        help="only this algorithm (repeatable); default: all",
    )
    p.add_argument(
        "--runs",
        type=int,
        metavar="N",
        help="exactly N runs per operation (default: 3 to 200 runs, about 0.2 s each)",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show the progress bar (default: only on a terminal)",
    )
    p.set_defaults(func=run_bench)

"""``python -m pqfence``: the demonstration job.

Runs every available algorithm on its defaults (fresh keys from OS randomness, a
short message, the empty context) and HPKE on three suites (1 KiB messages,
single shot and context), checks each result, and prints one table: algorithm,
sizes in bytes, and the median time of each operation.
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Callable

import pqfence
from pqfence import hpke
from pqfence.exceptions import UnsupportedAlgorithm
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
    composite = info.standard.endswith("composite-sigs")
    try:
        sk = scheme.generate()
    except UnsupportedAlgorithm:
        # RSA composites: keys load and signatures verify, signing is refused
        # (docs/composite-signatures.md); there is no key to time here.
        return [info.name, f"pk <= {info.public_key_bytes}", "verify only: RSA signing refused"]
    pk = sk.public_key()
    msg = b"pqfence demonstration message"
    sig = sk.sign(msg)
    pk.verify(sig, msg)
    budget = 0.05 if info.name.startswith("Falcon") else 0.2  # Falcon keygen: tens of ms
    t_gen = _median_us(scheme.generate, budget_s=budget)
    t_sign = _median_us(lambda: sk.sign(msg))
    t_ver = _median_us(lambda: pk.verify(sig, msg))
    if composite:  # the raw key mldsaSeed || tradSK; ECDSA signatures vary in length
        sizes = f"pk {len(pk.public_bytes_raw())} / sk {len(sk.private_bytes_raw())} (raw)"
        sizes += f" / sig <= {info.signature_bytes}"
    else:
        sizes = f"pk {info.public_key_bytes} / sk {info.seed_bytes} (seed)"
        sizes += f" / sig {info.signature_bytes}"
    return [
        info.name,
        sizes,
        f"keygen {_fmt_us(t_gen)}",
        f"sign {_fmt_us(t_sign)}",
        f"verify {_fmt_us(t_ver)}",
    ]


# HPKE suites of the demonstration: the post-quantum hybrid, pure ML-KEM,
# and the classical DHKEM, each sealing and opening 1 KiB.
_HPKE_SUITES = (
    (hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM),
    (hpke.KEM.MLKEM768, hpke.KDF.SHAKE256, hpke.AEAD.CHACHA20_POLY1305),
    (hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM),
)


def _run_hpke(kem: hpke.KEM, kdf: hpke.KDF, aead: hpke.AEAD) -> list[str]:
    suite = hpke.Suite(kem, kdf, aead)
    sk = hpke.HPKEPrivateKey.generate(kem)
    pk = sk.public_key()
    message = bytes(1024)
    sealed = suite.encrypt(message, pk, b"demo")
    if suite.decrypt(sealed, sk, b"demo") != message:
        raise SystemExit(f"HPKE {kem.registry_name}: the message did not round-trip")
    enc, sender = suite.setup_sender(pk, b"demo")
    recipient = suite.setup_recipient(enc, sk, b"demo")
    if recipient.open(sender.seal(message)) != message or sender.export(
        b"x", 32
    ) != recipient.export(b"x", 32):
        raise SystemExit(f"HPKE {kem.registry_name}: the contexts disagree")
    t_seal = _median_us(lambda: suite.encrypt(message, pk, b"demo"))
    t_open = _median_us(lambda: suite.decrypt(sealed, sk, b"demo"))
    t_ctx = _median_us(lambda: sender.seal(message))
    return [
        f"HPKE {kem.registry_name}",
        f"{kdf!r} {aead!r}: 1 KiB -> {len(sealed)} bytes",
        f"seal {_fmt_us(t_seal)}",
        f"open {_fmt_us(t_open)}",
        f"context seal {_fmt_us(t_ctx)}",
    ]


def main() -> int:
    print(f"pqfence {pqfence.__version__}: every algorithm on its defaults\n")
    rows = [["algorithm", "sizes (bytes)", "op 1", "op 2", "op 3"]]
    for info in pqfence.algorithms():
        row = _run_kem(info) if info.kind == "kem" else _run_signature(info)
        rows.append(row + [""] * (len(rows[0]) - len(row)))
        sys.stdout.flush()
    for kem, kdf, aead in _HPKE_SUITES:
        rows.append(_run_hpke(kem, kdf, aead))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    refused = sum(1 for r in rows if r[2].startswith("verify only"))
    print(
        f"\n{len(rows) - 1 - len(_HPKE_SUITES)} algorithms and {len(_HPKE_SUITES)} HPKE suites,"
        " all round trips verified",
        end="",
    )
    print(f" ({refused} RSA composites verify only)." if refused else ".")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""pqfence's assurance harness: each claim the C and its boundary make, as a
check that can fail. `make assurance` runs everything, `make assurance-fast`
the subset that `make test` (and so CI) runs. Both end with one table:

    check | algorithm | result | figure

Checks (see the README's "Assurance" section):
  ct         constant time: valgrind memcheck with the secrets marked undefined
  div        no variable-latency division in the object code (objdump)
  symbols    C objects: no malloc/free, every global named pqf_*; the Python
             extension exports only PyInit_*
  stack      no copy of a secret left on the stack after each C operation, nor
             in any register when it returns (a signal saves them all)
  race       threads agree with one thread; helgrind reports no race
  memcheck   valgrind memcheck on the normal build: no error, no byte lost
  rust       the Rust assurance tests (zeroization, threads, randomness
             failure, fuzz corpus replay)
  python     the pytest assurance tests (threads, fuzz corpus replay)
  cross      the portable C cross-compiled for aarch64 and s390x (big-endian),
             run under qemu-user: every operation's outputs equal x86-64's
  sanitizers the Rust tests with the C under ASan + UBSan        (full only)
  fuzz       cargo-fuzz and atheris, bounded in time            (full only)

Every C check walks the registry in assurance/ops.py; every check has a
canary (leaky code it must catch) so that a silent tool cannot pass. The ct,
stack and race checks run once per backend (BACKENDS: the portable C, forced
with AS_BACKEND=portable, and the AVX2 code; the native stack and race checks
also the avx512 backend where the CPU has it); a backend this CPU lacks gives
SKIP rows.
Tools are installed by assurance/run.sh; this script only runs them.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ops

ROOT = ops.ROOT
OUT = ROOT / "target" / "assurance"
ASSURANCE = ROOT / "assurance"
VENDOR = ROOT / "vendor"
BUILDS = (("gcc", "O2"), ("gcc", "O3"), ("clang", "O2"), ("clang", "O3"))
LIB_FLAGS = (
    "-std=c99",
    "-Wall",
    "-Wextra",
    "-Wpedantic",
    "-Wvla",
    "-fvisibility=hidden",
    "-ffp-contract=off",
)
# valgrind 3.19 cannot read clang 14's default DWARF 5.
DEBUG = "-gdwarf-4"
FORBIDDEN_CALLS = {
    "malloc",
    "calloc",
    "realloc",
    "free",
    "aligned_alloc",
    "posix_memalign",
    "abort",
    "exit",
    "_exit",
    "printf",
    "fprintf",
    "puts",
    "rand",
    "srand",
    "time",
}


@dataclass
class Row:
    check: str
    algorithm: str
    result: str  # PASS, FAIL or SKIP
    figure: str


class Report:
    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.started = time.monotonic()

    def add(self, check: str, algorithm: str, ok: bool | None, figure: str) -> None:
        result = "SKIP" if ok is None else ("PASS" if ok else "FAIL")
        row = Row(check, algorithm, result, figure)
        self.rows.append(row)
        print(f"  {result}  {check}  {algorithm}: {figure}", flush=True)

    @property
    def failed(self) -> bool:
        return any(r.result == "FAIL" for r in self.rows)

    def table(self) -> str:
        head = Row("check", "algorithm", "result", "figure")
        rows = [head, *self.rows]
        widths = [max(len(getattr(r, f)) for r in rows) for f in ("check", "algorithm", "result")]
        lines = []
        for i, r in enumerate(rows):
            cells = [r.check.ljust(widths[0]), r.algorithm.ljust(widths[1])]
            cells += [r.result.ljust(widths[2]), r.figure]
            lines.append(" | ".join(cells).rstrip())
            if i == 0:
                lines.append("-+-".join("-" * w for w in [*widths, 6]))
        return "\n".join(lines)


def log_path(name: str) -> Path:
    d = OUT / "logs"
    d.mkdir(parents=True, exist_ok=True)
    return d / name


def run(
    cmd: list[str], log: Path | None = None, env: dict[str, str] | None = None, **kw: object
) -> subprocess.CompletedProcess[str]:
    """Runs cmd, capturing its output (and writing it to log)."""
    full_env = {**os.environ, **(env or {})}
    p = subprocess.run(cmd, capture_output=True, text=True, env=full_env, check=False, **kw)  # type: ignore[call-overload]
    if log is not None:
        log.write_text(f"$ {' '.join(cmd)}\n--- stdout\n{p.stdout}\n--- stderr\n{p.stderr}")
    return p


# ---------------------------------------------------------------- building


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(len(p).to_bytes(8, "little"))
        h.update(p)
    return h.hexdigest()


_HEADERS: bytes | None = None


def _headers_digest() -> bytes:
    global _HEADERS
    if _HEADERS is None:
        hs = sorted(VENDOR.rglob("*.h")) + sorted(ASSURANCE.glob("*.h"))
        _HEADERS = b"".join(p.read_bytes() for p in hs)
    return _HEADERS


def compile_one(cc: str, flags: list[str], src: Path, obj: Path) -> str | None:
    """Compiles src to obj unless an identical compile is cached; returns an error or None."""
    key = _digest(cc.encode(), " ".join(flags).encode(), src.read_bytes(), _headers_digest())
    stamp = obj.with_suffix(".key")
    if obj.exists() and stamp.exists() and stamp.read_text() == key:
        return None
    obj.parent.mkdir(parents=True, exist_ok=True)
    p = run([cc, *flags, "-c", str(src), "-o", str(obj)])
    if p.returncode != 0:
        return f"{cc} {src.relative_to(ROOT)}: {p.stderr.strip()[:2000]}"
    stamp.write_text(key)
    return None


def build_units(
    cc: str,
    opt: str,
    variant: str,
    families: tuple[ops.Family, ...] | None = None,
    arch: str = "x86_64",
) -> dict[str, list[Path]]:
    """Objects of every registered unit (or those of `families`) for one
    compiler, level and variant.

    variant "prod": the flags of the shipped build; "ct": with -DPQF_CT_TESTING
    (the declassification points become valgrind client requests) and debug
    information for readable reports. `arch`: the compiler's target (a cross
    compiler gets no x86 flags).
    """
    flags = [*LIB_FLAGS, f"-{opt}", f"-I{VENDOR / 'include'}", f"-I{VENDOR / 'common'}"]
    if variant == "ct":
        flags += ["-DPQF_CT_TESTING", DEBUG]
    jobs = []
    objs: dict[str, list[Path]] = {}
    base = OUT / "obj" / f"{cc}-{opt}-{variant}"
    for unit in ops.registered_units(families):
        uflags = flags + [f"-D{d}" for d in unit.defines]
        for src in unit.sources:
            obj = base / unit.name / (src.parent.name + "-" + src.stem + ".o")
            objs.setdefault(unit.name, []).append(obj)
            jobs.append((cc, uflags + ops.target_flags(src, arch), src, obj))
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        errors = [e for e in pool.map(lambda j: compile_one(*j), jobs) if e]
    if errors:
        raise BuildError("\n".join(errors))
    return objs


class BuildError(Exception):
    pass


def ops_table(families: tuple[ops.Family, ...] | None = None, name: str = "ops_table") -> Path:
    gen = OUT / "gen" / f"{name}.c"
    gen.parent.mkdir(parents=True, exist_ok=True)
    text = ops.generate_c(families)
    if not gen.exists() or gen.read_text() != text:
        gen.write_text(text)
    return gen


def link_driver(
    cc: str,
    opt: str,
    variant: str,
    driver: str,
    families: tuple[ops.Family, ...] | None = None,
    arch: str = "x86_64",
    link_flags: tuple[str, ...] = (),
) -> Path:
    """Builds assurance/<driver>.c against the unit objects of one build (of
    the registry, or of `families` with a table of their own)."""
    objs = build_units(cc, opt, variant, families, arch)
    flags = ["-O2", DEBUG, "-Wall", "-Wextra", f"-I{VENDOR / 'include'}", f"-I{ASSURANCE}"]
    base = OUT / "obj" / f"{cc}-{opt}-{variant}" / "drivers"
    table = ops_table() if families is None else ops_table(families, f"ops_table_{driver}")
    dobjs = []
    for src in (table, ASSURANCE / "harness.c", ASSURANCE / f"{driver}.c"):
        obj = base / (src.stem + ".o")
        err = compile_one(cc, flags, src, obj)
        if err:
            raise BuildError(err)
        dobjs.append(obj)
    exe = OUT / "bin" / f"{driver}-{cc}-{opt}-{variant}"
    exe.parent.mkdir(parents=True, exist_ok=True)
    lib = [str(o) for name in sorted(objs) if name != "pqf_common" for o in objs[name]]
    lib += [str(o) for o in objs["pqf_common"]]
    # Bound at load time, as the products are (build.rs links the extension
    # and the Rust binaries with -z now): a lazy-binding resolver would save
    # every register on the stack mid-operation at each first call of a libc
    # function. Register residue at return is checked on its own (check_stack).
    p = run(
        [cc, "-o", str(exe), *map(str, dobjs), *lib, "-Wl,-z,now", *link_flags, "-lpthread", "-lm"]
    )
    if p.returncode != 0:
        raise BuildError(f"link {exe.name}: {p.stderr.strip()[:2000]}")
    return exe


def family_units(fam: ops.Family) -> list[str]:
    return [s.unit for s in fam.sets]


def family_label(fam: ops.Family) -> str:
    return fam.name


def parse_lines(text: str, tag: str) -> list[list[str]]:
    return [ln.split("\t")[1:] for ln in text.splitlines() if ln.startswith(tag + "\t")]


# The backends the ct, stack and race checks cover. The drivers read
# AS_BACKEND (harness.c: "portable" and "avx2" call pqf_backend_select) and
# print the backend in use, which must be the one asked for. valgrind's CPU
# has no AVX-512, so the checks under valgrind (ct, helgrind) cover
# BACKENDS, and the native ones (stack and register residue, threads) also
# the avx512 backend where this CPU has it.
BACKENDS = ("portable", "avx2")


def _cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


NATIVE_BACKENDS = BACKENDS + (
    ("avx512",) if {"avx2", "avx512f", "avx512vl"} <= _cpu_flags() else ()
)


def backend_env(backend: str) -> dict[str, str]:
    return {"AS_BACKEND": backend}


def backend_mismatch(stdout: str, backend: str) -> str | None:
    """None when the driver ran on `backend`; else why not (a CPU without AVX2
    runs the portable code whatever is asked)."""
    got = parse_lines(stdout, "backend")
    used = got[0][0] if got else "?"
    if used == backend:
        return None
    return f"driver ran on {used}, not {backend} (no AVX2 on this CPU?)"


# ---------------------------------------------------------------- checks


def suppression_args(files: tuple[str, ...]) -> list[str]:
    """valgrind options for suppression files of assurance/ (and -s, which
    prints how many reports each entry hid)."""
    return [f"--suppressions={ASSURANCE / f}" for f in files] + (["-s"] if files else [])


def check_ct(report: Report, runs: tuple[tuple[str, str, str], ...]) -> None:
    """Constant time under valgrind memcheck, per (compiler, level, backend) and
    family (one run per family, so that a family's suppression file applies to
    it alone)."""
    canary_done = False
    for cc, opt, backend in runs:
        exe = link_driver(cc, opt, "ct", "ct_driver")
        for fam in ops.FAMILIES:
            log = log_path(f"ct-{cc}-{opt}-{backend}-{fam.name}.log")
            cmd = ["valgrind", "-q", "--error-exitcode=1", "--num-callers=30"]
            cmd += suppression_args(fam.valgrind_suppressions)
            p = run([*cmd, str(exe), fam.name], log, env=backend_env(backend))
            check = f"ct valgrind {cc} -{opt} {backend}"
            other = backend_mismatch(p.stdout, backend)
            if other is not None:
                report.add(check, family_label(fam), None, other)
                continue
            mine = [ln for ln in parse_lines(p.stdout, "ct") if ln[0] == fam.name]
            expected = len(fam.sets) * len(fam.ops)
            reports = sum(int(ln[3]) for ln in mine)
            rc_ok = all(ln[4] == "ok" for ln in mine)
            ok = len(mine) == expected and reports == 0 and rc_ok and p.returncode == 0
            figure = f"{len(mine)}/{expected} ops, {reports} reports"
            if fam.valgrind_suppressions:
                hidden = re.findall(r"ERROR SUMMARY: .*suppressed: ([\d,]+) from", p.stderr)
                n = f"{int(hidden[-1].replace(',', '')):,}" if hidden else "?"
                figure += f" ({n} suppressed by {', '.join(fam.valgrind_suppressions)})"
            if not rc_ok:
                figure += ", unexpected return code"
            if p.returncode != 0 and reports == 0 and rc_ok:
                figure += f", driver exit {p.returncode}"
            if not ok:
                figure += f" (log: {log.relative_to(ROOT)})"
            report.add(check, family_label(fam), ok, figure)
        if not canary_done:
            canary_done = True
            # Under every suppression file in use: none may hide these leaks.
            supp = tuple(f for fam in ops.FAMILIES for f in fam.valgrind_suppressions)
            c = run(
                ["valgrind", "-q", *suppression_args(supp), str(exe), "--canary"],
                log_path("ct-canary.log"),
            )
            got = {ln[2]: int(ln[3]) for ln in parse_lines(c.stdout, "ct")}
            caught = sum(1 for v in got.values() if v > 0)
            report.add(
                "ct valgrind canary",
                "leaky code",
                len(got) == 2 and caught == 2,
                f"{caught}/2 leaks caught (secret branch, secret index)"
                + (f", under {', '.join(supp)}" if supp else ""),
            )


INSN = re.compile(r"^\s*[0-9a-f]+:\s+(?:[0-9a-f]{2} )*\s*([a-z][a-z0-9.]*)", re.I)
FUNC = re.compile(r"^[0-9a-f]+ <([^>]+)>:$")


def scan_objdump(
    obj: Path, forbidden: tuple[str, ...], allowed: set[tuple[str, str]] | None = None
) -> tuple[int, list[str], list[str]]:
    """(functions, hits, allowed hits): every forbidden mnemonic (with any size
    suffix) per function; a (function, mnemonic) pair in `allowed` (accepted
    floating point, never div/idiv) goes to the third list instead."""
    p = run(["objdump", "-d", "--no-show-raw-insn", str(obj)])
    if p.returncode != 0:
        raise BuildError(f"objdump {obj}: {p.stderr}")
    names = "|".join(re.escape(f) for f in forbidden)
    bad = re.compile(rf"^(?:{names})[bwlq]?$")
    funcs, hits, ok_hits, cur = 0, [], [], "?"
    for line in p.stdout.splitlines():
        m = FUNC.match(line)
        if m:
            funcs += 1
            cur = m.group(1)
            continue
        m = INSN.match(line)
        if m and bad.match(m.group(1)):
            insn = m.group(1)
            hit = f"{obj.name}:{cur}: {line.strip()}"
            if insn not in ("div", "idiv") and (cur, insn) in (allowed or set()):
                ok_hits.append(hit)
            else:
                hits.append(hit)
    return funcs, hits, ok_hits


def check_div(report: Report, builds: tuple[tuple[str, str], ...]) -> None:
    """No variable-latency division anywhere in the families' object code."""
    for cc, opt in builds:
        objs = build_units(cc, opt, "prod")
        groups = [
            (family_label(f), family_units(f), f.forbidden, f.allowed_insns()) for f in ops.FAMILIES
        ]
        groups.append(("shared (keccak, sha2, ct)", ["pqf_common"], ("div", "idiv"), set()))
        for label, unit_names, forbidden, allowed in groups:
            funcs, hits, ok_hits = 0, [], []
            for u in unit_names:
                for o in objs[u]:
                    f, h, a = scan_objdump(o, forbidden, allowed)
                    funcs += f
                    hits += h
                    ok_hits += a
            figure = f"{len(hits)} {'/'.join(forbidden)} in {funcs} functions"
            if allowed:
                where = sorted({h.split(":")[1] for h in ok_hits})
                figure += f"; {len(ok_hits)} allowed (suppressions.md) in {len(where)} functions"
                log = log_path(f"div-{cc}-{opt}-{label}-allowed.log")
                log.write_text("\n".join(ok_hits))
            if hits:
                log = log_path(f"div-{cc}-{opt}.log")
                log.write_text("\n".join(hits))
                figure += f": {hits[0]} (log: {log.relative_to(ROOT)})"
            report.add(f"no division {cc} -{opt}", label, not hits, figure)
    # Canary: a division the scan must see, per compiler.
    for cc in sorted({b[0] for b in builds}):
        src = OUT / "gen" / "canary_div.c"
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_text("unsigned as_canary_div(unsigned a, unsigned b) { return a / b; }\n")
        obj = OUT / "obj" / f"canary-div-{cc}.o"
        err = compile_one(cc, ["-O2"], src, obj)
        hits = [] if err else scan_objdump(obj, ("div", "idiv"))[1]
        report.add(f"no division canary {cc}", "a / b", bool(hits), f"{len(hits)} division found")
    # Canary of the allowlist: an allowed (function, instruction) pair passes,
    # the same division in an unlisted function and an integer division in a
    # listed one do not.
    fam = next((f for f in ops.FAMILIES if f.fp_allowed), None)
    if fam is not None:
        listed = sorted(fam.allowed_insns())[0][0]
        src = OUT / "gen" / "canary_fpdiv.c"
        src.write_text(
            f"double {listed}(double a, double b) {{ return a / b; }}\n"
            "double as_canary_fdiv(double a, double b) { return (a + 1.0) / b; }\n"
            f"unsigned {listed}_i(unsigned a, unsigned b) {{ return a / b; }}\n"
        )
        obj = OUT / "obj" / "canary-fpdiv.o"
        err = compile_one("gcc", ["-O2", "-fno-inline"], src, obj)
        allowed = {(listed, "divsd"), (f"{listed}_i", "div")}
        _, hits, ok_hits = (0, [], []) if err else scan_objdump(obj, fam.forbidden, allowed)
        caught = len(ok_hits) == 1 and len(hits) == 2
        report.add(
            "no division canary allowlist",
            fam.name,
            caught,
            f"{len(hits)} of 2 unlisted divisions found, {len(ok_hits)} listed one allowed",
        )


def check_symbols(report: Report) -> None:
    """C objects: no allocation or I/O, every global symbol pqf_*; the Python
    extension exports only its PyInit_ symbol."""
    objs = build_units("gcc", "O2", "prod")
    groups = [(family_label(f), family_units(f)) for f in ops.FAMILIES]
    groups.append(("shared (keccak, sha2, ct)", ["pqf_common"]))
    for label, unit_names in groups:
        globals_, bad = 0, []
        for u in unit_names:
            for o in objs[u]:
                p = run(["nm", "-P", str(o)])
                for line in p.stdout.splitlines():
                    parts = line.split()
                    if len(parts) < 2:
                        continue
                    name, kind = parts[0], parts[1]
                    if kind == "U" and name in FORBIDDEN_CALLS:
                        bad.append(f"{o.name} calls {name}")
                    elif kind in "TDBRCGSV" and kind.isupper():
                        globals_ += 1
                        if not name.startswith("pqf_"):
                            bad.append(f"{o.name} defines {name}")
        figure = f"{globals_} global symbols, all pqf_*; no malloc/free/abort/stdio"
        if bad:
            figure = f"{len(bad)} problems: {', '.join(bad[:4])}"
        report.add("symbols C objects", label, not bad, figure)
    exts = sorted((ROOT / "python" / "pqfence").glob("_native*.so"))
    if not exts:
        report.add("symbols Python extension", "pqfence._native", False, "not built (make develop)")
        return
    p = run(["nm", "-D", "--defined-only", str(exts[0])])
    names = [ln.split()[-1] for ln in p.stdout.splitlines() if ln.strip()]
    ok = p.returncode == 0 and len(names) == 1 and names[0].startswith("PyInit_")
    report.add(
        "symbols Python extension",
        "pqfence._native",
        ok,
        f"exports {len(names)}: {', '.join(names[:5])}",
    )
    d = run(["readelf", "-d", str(exts[0])])
    now = bool(re.search(r"\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*\bNOW\b", d.stdout))
    report.add(
        "symbols immediate binding",
        "pqfence._native",
        now,
        "BIND_NOW: no lazy-binding resolver" if now else "lazily bound (no BIND_NOW)",
    )


def check_stack(report: Report, builds: tuple[tuple[str, str], ...]) -> None:
    """No secret left on the stack after each operation, nor in a register
    when the entry point returns (stack_driver saves every register with a
    signal the instant the call returns), on each backend."""
    for i, (cc, opt) in enumerate(builds):
        exe = link_driver(cc, opt, "prod", "stack_driver")
        for backend in NATIVE_BACKENDS:
            log = log_path(f"stack-{cc}-{opt}-{backend}.log")
            p = run([str(exe)], log, env={"AS_VERBOSE": "1", **backend_env(backend)})
            check_residue(report, f"{cc} -{opt} {backend}", p)
        if i == 0:
            for flag, tag, check, what, leak in (
                ("--canary", "stack", "stack residue", "unwiped copy", "seed copy left on stack"),
                (
                    "--register-canary",
                    "regs",
                    "register residue",
                    "seed in xmm6/xmm7",
                    "seed left in registers",
                ),
            ):
                got = parse_lines(run([str(exe), flag]).stdout, tag)
                caught = bool(got) and int(got[0][3]) > 0
                report.add(
                    f"{check} canary", what, caught, f"{leak}: {'found' if caught else 'NOT found'}"
                )


def check_residue(report: Report, label: str, p: subprocess.CompletedProcess[str]) -> None:
    """The stack and register rows of one stack_driver run (label: build and
    backend)."""
    backend = label.split()[-1]
    other = backend_mismatch(p.stdout, backend)
    lines = parse_lines(p.stdout, "stack")
    regs = parse_lines(p.stdout, "regs")
    for fam in ops.FAMILIES:
        if other is not None:
            report.add(f"stack+register residue {label}", family_label(fam), None, other)
            continue
        mine = [ln for ln in lines if ln[0] == fam.name]
        expected = len(fam.sets) * len(fam.ops)
        found = sum(int(ln[3]) for ln in mine)
        windows = sum(int(ln[4]) for ln in mine)
        deepest = max((int(ln[5]) for ln in mine), default=0)
        rc_ok = all(len(ln) > 6 and ln[6] == "ok" for ln in mine)
        ok = len(mine) == expected and found == 0 and rc_ok
        figure = (
            f"{found} of {windows} secret windows left in {len(mine)} ops; "
            f"max stack {deepest / 1024:.0f} KiB"
        )
        report.add(f"stack residue {label}", family_label(fam), ok, figure)
        rmine = [ln for ln in regs if ln[0] == fam.name]
        rfound = sum(int(ln[3]) for ln in rmine)
        rwindows = sum(int(ln[4]) for ln in rmine)
        # Every operation must have had its registers saved (a frame written).
        saved = all(int(ln[5]) > 0 for ln in rmine)
        rok = len(rmine) == expected and rfound == 0 and saved
        rfigure = f"{rfound} of {rwindows} secret windows in registers after {len(rmine)} ops" + (
            "" if saved else "; a register frame was NOT saved"
        )
        report.add(f"register residue {label}", family_label(fam), rok, rfigure)


# CPUs this machine is not, emulated by qemu-user: the register clearing must
# take the right path on each (SSE only; AVX2 without AVX-512), and the
# register check must still see the registers (its canary) there.
EMULATED_CPUS = (("qemu64", "x86-64, SSE2 only"), ("Haswell-v4", "AVX2, no AVX-512"))


def check_stack_cpus(report: Report) -> None:
    """Stack and register residue on emulated CPUs without AVX-512."""
    if os.uname().machine != "x86_64":
        return
    exe = link_driver(*BUILDS[0], "prod", "stack_driver")
    expected = sum(len(f.sets) * len(f.ops) for f in ops.FAMILIES)

    def one(cpu: str) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
        qemu = ["qemu-x86_64", "-cpu", cpu, str(exe)]
        return run(qemu, log_path(f"stack-qemu-{cpu}.log")), run([*qemu, "--register-canary"])

    with concurrent.futures.ThreadPoolExecutor(len(EMULATED_CPUS)) as pool:
        results = list(pool.map(one, [cpu for cpu, _ in EMULATED_CPUS]))
    for (cpu, what), (p, c) in zip(EMULATED_CPUS, results):
        stack = parse_lines(p.stdout, "stack")
        regs = parse_lines(p.stdout, "regs")
        found = sum(int(ln[3]) for ln in stack) + sum(int(ln[3]) for ln in regs)
        saved = all(int(ln[5]) > 0 for ln in regs)
        ok = p.returncode == 0 and len(stack) == len(regs) == expected and found == 0 and saved
        report.add(
            f"stack+register residue qemu -cpu {cpu}",
            what,
            ok,
            f"{found} secret windows after {len(regs)} ops (rc {p.returncode})",
        )
        got = parse_lines(c.stdout, "regs")
        caught = bool(got) and int(got[0][3]) > 0
        report.add(
            f"register residue canary qemu -cpu {cpu}",
            "seed in xmm6/xmm7",
            caught,
            "found" if caught else "NOT found",
        )


# The cross-architecture check: (architecture, Debian cross compiler, qemu-user).
CROSS_TARGETS = (
    ("aarch64", "aarch64-linux-gnu-gcc", "qemu-aarch64"),
    ("s390x", "s390x-linux-gnu-gcc", "qemu-s390x"),
)
# What the canary prints: two host-dependent facts that portable code must not
# lean on (plain char is unsigned on aarch64; s390x is big-endian).
CROSS_CANARY = (
    "#include <stdio.h>\n#include <string.h>\n"
    "int main(void) { unsigned x = 0x01020304u; unsigned char b[4]; char c = (char)0xff;\n"
    "    memcpy(b, &x, 4);\n"
    '    printf("char %d bytes %02x%02x%02x%02x\\n", (int)c, b[0], b[1], b[2], b[3]);\n'
    "    return 0; }\n"
)


Answers = dict[tuple[str, str, str], tuple[str, dict[str, str]]]


def kat_answers(stdout: str) -> Answers:
    """(family, set, op) -> (return code, {output: hex}) from kat_driver's lines."""
    got: Answers = {}
    for f, s, o, rc, *rest in parse_lines(stdout, "kat"):
        outs = dict(x.split("=", 1) for x in " ".join(rest).split())
        got[(f, s, o)] = (rc, outs)
    return got


def compare_answers(
    report: Report,
    check: str,
    fams: tuple[ops.Family, ...],
    ref: Answers,
    got: Answers,
    p: subprocess.CompletedProcess[str],
    log: Path,
    cross: bool,
) -> None:
    """One row per family: every operation answered as on the reference (on
    another architecture, outputs in the host's byte order aside)."""
    for fam in fams:
        skip = set(fam.host_order) if cross else set()

        def view(
            a: Answers, k: tuple[str, str, str], skip: set[str] = skip
        ) -> tuple[str, dict[str, str]] | None:
            if k not in a:
                return None
            return a[k][0], {n: v for n, v in a[k][1].items() if n not in skip}

        keys = [(fam.name, s.name, o.name) for s in fam.sets for o in fam.ops]
        differ = [k for k in keys if view(got, k) is None or view(got, k) != view(ref, k)]
        size = sum(len(v) // 2 for k in keys if (w := view(got, k)) for v in w[1].values())
        ok = p.returncode == 0 and not differ and all(k in ref for k in keys)
        figure = (
            f"{len(keys) - len(differ)}/{len(keys)} ops identical to x86-64 portable "
            f"({size / 1024:.0f} KiB of outputs, {len(fam.sets)} sets"
            + (f"; {', '.join(sorted(skip))} in host byte order not compared)" if skip else ")")
        )
        if differ:
            figure += (
                f"; first difference: {' '.join(differ[0][1:])} (log: {log.relative_to(ROOT)})"
            )
        elif p.returncode != 0:
            figure += f", driver exit {p.returncode} (log: {log.relative_to(ROOT)})"
        report.add(check, family_label(fam), ok, figure)


def check_cross(report: Report) -> None:
    """The portable C built with Debian's cross compilers for aarch64 and s390x
    (big-endian), run under qemu-user: every operation of every family (fast
    sets) returns the same code and the same bytes as the x86-64 portable
    build, which the known-answer tests hold to the standards' vectors. The
    AVX2 backend is compared to the same reference natively."""
    if os.uname().machine != "x86_64":
        report.add("cross-arch", "all", None, "the reference run needs an x86-64 host")
        return
    fams = ops.cross_families()
    exe = link_driver("gcc", "O2", "prod", "kat_driver", fams)
    log = log_path("cross-x86_64-portable.log")
    ref_p = run([str(exe)], log, env=backend_env("portable"))
    ref = kat_answers(ref_p.stdout)
    expected = sum(len(f.sets) * len(f.ops) for f in fams)
    if ref_p.returncode != 0 or len(ref) != expected:
        report.add(
            "cross-arch x86-64 portable",
            "reference run",
            False,
            f"{len(ref)}/{expected} ops, exit {ref_p.returncode} (log: {log.relative_to(ROOT)})",
        )
        return
    log = log_path("cross-x86_64-avx2.log")
    p = run([str(exe)], log, env=backend_env("avx2"))
    other = backend_mismatch(p.stdout, "avx2")
    if other is not None:
        report.add("cross-arch x86-64 avx2", "all", None, other)
    else:
        compare_answers(
            report, "cross-arch x86-64 avx2", fams, ref, kat_answers(p.stdout), p, log, False
        )

    canary_src = OUT / "gen" / "canary_cross.c"
    canary_src.parent.mkdir(parents=True, exist_ok=True)
    canary_src.write_text(CROSS_CANARY)

    def one(
        target: tuple[str, str, str],
    ) -> tuple[str, subprocess.CompletedProcess[str] | None, str, Path]:
        arch, cc, qemu = target
        tlog = log_path(f"cross-{arch}.log")
        try:
            texe = link_driver(cc, "O2", "prod", "kat_driver", fams, arch, ("-static",))
            cexe = OUT / "bin" / f"canary-cross-{arch}"
            b = run([cc, "-O2", "-static", "-o", str(cexe), str(canary_src)])
            if b.returncode != 0:
                raise BuildError(f"{cc} canary: {b.stderr.strip()[:500]}")
        except (BuildError, FileNotFoundError) as e:
            return arch, None, str(e).splitlines()[0][:300], tlog
        canary = run([qemu, str(cexe)]).stdout.strip()
        return arch, run([qemu, str(texe)], tlog), canary, tlog

    native_exe = OUT / "bin" / "canary-cross-x86_64"
    b = run(["gcc", "-O2", "-o", str(native_exe), str(canary_src)])
    native = run([str(native_exe)]).stdout.strip() if b.returncode == 0 else "?"
    with concurrent.futures.ThreadPoolExecutor(len(CROSS_TARGETS)) as pool:
        results = list(pool.map(one, CROSS_TARGETS))
    for arch, tp, canary, tlog in results:
        check = f"cross-arch {arch} qemu"
        if tp is None:
            report.add(check, "build", False, canary)
            continue
        other = backend_mismatch(tp.stdout, "portable")
        if other is not None:
            report.add(check, "all", False, other)
            continue
        compare_answers(report, check, fams, ref, kat_answers(tp.stdout), tp, tlog, True)
        report.add(
            f"cross-arch canary {arch}",
            "host-dependent C",
            bool(canary) and canary != native,
            f"x86-64 prints '{native}', {arch} '{canary}': "
            + ("difference seen" if canary and canary != native else "NOT seen"),
        )


def check_race(report: Report, rounds: int, helgrind_backends: tuple[str, ...]) -> None:
    """Threads give single-thread outputs on each backend; helgrind sees no
    race (on the backends in helgrind_backends)."""
    exe = link_driver("gcc", "O2", "prod", "race_driver")
    for backend in NATIVE_BACKENDS:
        race_one_backend(report, exe, rounds, backend, backend in helgrind_backends)
    c = run(["valgrind", "--tool=helgrind", "-q", "--error-exitcode=1", str(exe), "--canary"])
    caught = c.returncode == 1 and "Possible data race" in c.stderr
    report.add(
        "threads C canary", "shared counter", caught, "race reported" if caught else "NOT reported"
    )


def race_one_backend(
    report: Report, exe: Path, rounds: int, backend: str, with_helgrind: bool
) -> None:
    env = backend_env(backend)
    check = f"threads C {backend}"
    # Natively one run per family, with its own round count (Family.race_rounds).
    native: dict[str, tuple[int, int, list[list[str]], str | None]] = {}
    for fam in ops.FAMILIES:
        r = min(rounds, fam.race_rounds) if fam.race_rounds else rounds
        p = run(
            [str(exe), "8", str(r), fam.name],
            log_path(f"race-native-{backend}-{fam.name}.log"),
            env=env,
        )
        native[fam.name] = (
            r,
            p.returncode,
            parse_lines(p.stdout, "race"),
            backend_mismatch(p.stdout, backend),
        )
    for fam in ops.FAMILIES:
        fam_rounds, rc, mine, other = native[fam.name]
        if other is not None:
            report.add(check, family_label(fam), None, other)
            continue
        mine = [ln for ln in mine if ln[0] == fam.name]
        mism = sum(int(ln[3]) for ln in mine)
        calls = sum(int(ln[4]) for ln in mine)
        expected = len(fam.sets) * len(fam.ops)
        figure = f"8 threads x {fam_rounds} rounds: {mism} mismatches in {calls} calls"
        ok = rc == 0 and len(mine) == expected and mism == 0
        if with_helgrind:
            # helgrind (3 threads, 1 round) on the family, or on its fast sets
            # only: the code is the same in every set, and SLH-DSA's twelve
            # would take 18 minutes under helgrind.
            targets = [s.name for s in fam.sets if s.name in fam.fast_sets] or [fam.name]
            hg_ok, hg_errors, hmine = True, 0, []
            helgrind = ["valgrind", "--tool=helgrind", "-q", "--error-exitcode=1"]
            for t in targets:
                h = run(
                    [*helgrind, str(exe), "3", "1", t],
                    log_path(f"race-helgrind-{backend}-{t}.log"),
                    env=env,
                )
                hg_ok = hg_ok and h.returncode == 0
                hg_errors += len(
                    re.findall(
                        r"^==\d+== (Possible data race|Lock order|Thread #\d+ unlocked)",
                        h.stderr,
                        re.M,
                    )
                )
                hmine += [ln for ln in parse_lines(h.stdout, "race") if ln[0] == fam.name]
            hmism = sum(int(ln[3]) for ln in hmine)
            ok = (
                ok
                and hg_ok
                and len(hmine) == len(targets if fam.fast_sets else fam.sets) * len(fam.ops)
                and hmism == 0
            )
            hg_what = f"{len(targets)} sets" if fam.fast_sets else "all sets"
            figure += f"; helgrind (3 threads, {hg_what}): {hg_errors} races"
        report.add(check, family_label(fam), ok, figure)


def memcheck_summary(stderr: str) -> tuple[int, int]:
    """(errors, bytes in use at exit) from a valgrind memcheck log."""
    errs = re.findall(r"ERROR SUMMARY: ([\d,]+) errors", stderr)
    inuse = re.findall(r"in use at exit: ([\d,]+) bytes", stderr)
    e = int(errs[-1].replace(",", "")) if errs else -1
    b = int(inuse[-1].replace(",", "")) if inuse else -1
    if "All heap blocks were freed" in stderr:
        b = 0
    return e, b


MEMCHECK = [
    "valgrind",
    "--leak-check=full",
    "--show-leak-kinds=all",
    "--errors-for-leak-kinds=all",
    "--error-exitcode=1",
]


def check_memcheck_c(report: Report) -> None:
    """valgrind memcheck over every operation of the normal (production) build."""
    exe = link_driver("gcc", "O2", "prod", "race_driver")
    for fam in ops.FAMILIES:
        log = log_path(f"memcheck-c-{fam.name}.log")
        p = run([*MEMCHECK, str(exe), "1", "1", fam.name], log)
        errors, inuse = memcheck_summary(p.stderr)
        calls = len(parse_lines(p.stdout, "race"))
        ok = p.returncode == 0 and errors == 0 and inuse == 0 and calls > 0
        report.add(
            "memcheck C ops",
            family_label(fam),
            ok,
            f"{calls} ops: {errors} errors, {inuse} bytes in use at exit",
        )


def cargo_env() -> dict[str, str]:
    env = {"CARGO_TERM_COLOR": "never"}
    return env


def cargo_test_binary(name: str, env: dict[str, str], target_dir: Path | None = None) -> Path:
    """Builds tests/<name>.rs and returns the path of its test binary."""
    cmd = ["cargo", "test", "--features", "test-hooks", "--no-run", "--message-format=json"]
    cmd += ["--test", name]
    if target_dir is not None:
        cmd += ["--target-dir", str(target_dir)]
    p = run(cmd, log_path(f"cargo-build-{name}.log"), env=env, cwd=ROOT)
    if p.returncode != 0:
        raise BuildError(f"cargo test --no-run --test {name} failed: {p.stderr[-2000:]}")
    for line in p.stdout.splitlines():
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if (
            msg.get("reason") == "compiler-artifact"
            and msg.get("executable")
            and msg["target"]["name"] == name
        ):
            return Path(msg["executable"])
    raise BuildError(f"no test binary for {name}")


RUST_TESTS = (
    ("zeroize", "zeroization (Rust heap)", "secret types wiped on drop"),
    ("concurrency", "threads Rust", "8 threads x 1000 mixed ops = 1 thread"),
    ("rng_failure", "randomness failure", "typed Error::Randomness, outputs wiped"),
    ("fuzz_corpus", "fuzz corpus replay (Rust)", "every committed input, every target"),
)


def check_rust_tests(report: Report) -> None:
    """The Rust assurance tests, one row each."""
    for name, check, what in RUST_TESTS:
        if not (ROOT / "tests" / f"{name}.rs").exists():
            report.add(check, "Rust API", False, f"tests/{name}.rs missing")
            continue
        try:
            exe = cargo_test_binary(name, cargo_env())
        except BuildError as e:
            report.add(check, "Rust API", False, str(e)[:300])
            continue
        p = run([str(exe)], log_path(f"rust-{name}.log"))
        m = re.findall(r"test result: (\w+)\. (\d+) passed; (\d+) failed", p.stdout)
        passed = int(m[-1][1]) if m else 0
        failed = int(m[-1][2]) if m else -1
        ok = p.returncode == 0 and failed == 0 and passed > 0
        report.add(check, "Rust API", ok, f"{passed} tests passed, {failed} failed: {what}")


def check_python(report: Report) -> None:
    py = sys.executable
    tests = (
        ("tests/python/test_assurance.py::test_fuzz_corpus_replays", "fuzz corpus replay (Python)"),
        ("tests/python/test_assurance.py::test_threads_match_single_thread", "threads Python"),
    )
    for node, check in tests:
        p = run(
            [py, "-m", "pytest", "-q", "-p", "no:cacheprovider", node],
            log_path(f"pytest-{check.split()[0]}.log"),
            cwd=ROOT,
        )
        m = re.search(r"(\d+) passed", p.stdout)
        passed = int(m.group(1)) if m else 0
        ok = p.returncode == 0 and passed > 0
        tail = p.stdout.strip().splitlines()[-1:] if p.stdout.strip() else [p.stderr[-200:]]
        report.add(check, "Python API", ok, tail[0] if tail else "")


def check_memcheck_rust(report: Report) -> None:
    """valgrind memcheck over the Rust corpus replay (every target, the C included)."""
    exe = cargo_test_binary("fuzz_corpus", cargo_env())
    log = log_path("memcheck-rust.log")
    # Leaks: definite and indirect ones are errors. The Rust runtime keeps
    # thread bookkeeping and the targets keep their fixed keys in statics until
    # exit ("still reachable", and one thread handle "possibly lost"): not
    # pqfence leaks (assurance/suppressions.md).
    cmd = [
        "valgrind",
        "--leak-check=full",
        "--errors-for-leak-kinds=definite,indirect",
        "--error-exitcode=1",
        str(exe),
        "--test-threads=1",
        "--skip",
        "a_non_input_error_fails_the_target",  # a deliberate panic
    ]
    p = run(cmd, log, env={"RUST_BACKTRACE": "0"})
    errors, inuse = memcheck_summary(p.stderr)
    definitely = re.findall(r"definitely lost: ([\d,]+) bytes", p.stderr)
    lost = sum(int(x.replace(",", "")) for x in definitely)
    ok = p.returncode == 0 and errors == 0 and lost == 0
    report.add(
        "memcheck Rust tests",
        "all (fuzz_corpus)",
        ok,
        f"{errors} errors, {lost} bytes lost, {inuse} bytes in use at exit (Rust runtime)",
    )


def check_sanitizers(report: Report) -> None:
    """The Rust test suite with the C compiled under ASan + UBSan.

    The C gets the sanitizer flags through PQFENCE_C_FLAGS (build.rs); the
    test binaries link gcc's runtimes, which are preloaded when they run
    (rustc links with -nodefaultlibs, so the runtime cannot come first on its
    own, as ASan requires)."""
    flags = "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    link = "-Clink-arg=-fsanitize=address,undefined -Clink-arg=-lasan -Clink-arg=-lubsan"
    env = {**cargo_env(), "PQFENCE_C_FLAGS": flags, "CC": "gcc", "RUSTFLAGS": link}
    target = ROOT / "target" / "assurance-asan"
    cmd = ["cargo", "test", "--features", "test-hooks", "--tests", "--no-run"]
    cmd += ["--message-format=json", "--target-dir", str(target)]
    p = run(cmd, log_path("sanitizers-build.log"), env=env, cwd=ROOT)
    if p.returncode != 0:
        raise BuildError(f"sanitizer build failed: {p.stderr[-1500:]}")
    exes = []
    for line in p.stdout.splitlines():
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if msg.get("reason") == "compiler-artifact" and msg.get("executable"):
            exes.append(Path(msg["executable"]))
    # The C really is instrumented: its archives call the sanitizer runtimes.
    archives = sorted(target.glob("debug/build/pqfence-*/out/*/libpqf_*.a"))
    nm = run(["nm", "-u", *map(str, archives)]) if archives else None
    instrumented = nm is not None and "__asan_report" in nm.stdout and "__ubsan_handle" in nm.stdout
    preload = ":".join(
        run(["gcc", f"-print-file-name={lib}"]).stdout.strip()
        for lib in ("libasan.so", "libubsan.so")
    )
    run_env = {
        "LD_PRELOAD": preload,
        "ASAN_OPTIONS": "detect_leaks=1:halt_on_error=1",
        "UBSAN_OPTIONS": "halt_on_error=1:print_stacktrace=1",
        "RUST_BACKTRACE": "0",
    }
    passed = failed = reports = 0
    bad = []
    for exe in exes:
        r = run([str(exe)], log_path(f"sanitizers-{exe.name}.log"), env=run_env, cwd=ROOT)
        m = re.findall(r"test result: \w+\. (\d+) passed; (\d+) failed", r.stdout)
        passed += sum(int(a) for a, _ in m)
        failed += sum(int(b) for _, b in m)
        n = len(re.findall(r"ERROR: (Address|Leak)Sanitizer|runtime error:", r.stderr))
        reports += n
        if r.returncode != 0 or n:
            bad.append(exe.name)
    ok = instrumented and not bad and failed == 0 and passed > 0
    figure = f"{len(exes)} test binaries, {passed} tests passed, {failed} failed, {reports} reports"
    if not instrumented:
        figure += "; the C archives are NOT instrumented"
    if bad:
        figure += f"; failing: {', '.join(bad[:3])}"
    report.add("sanitizers ASan+UBSan", "all (cargo test)", ok, figure)
    # Canary: the same flags and runtime catch an out-of-bounds read.
    src = OUT / "gen" / "canary_asan.c"
    src.write_text(
        "#include <stdlib.h>\n"
        "int main(int c, char **v) { (void)v; volatile char *p = malloc(8);"
        " int r = p[8 + c]; free((void *)p); return r; }\n"
    )
    exe = OUT / "bin" / "canary_asan"
    exe.parent.mkdir(parents=True, exist_ok=True)
    b = run(["gcc", *flags.split(), "-o", str(exe), str(src)])
    c = run([str(exe)]) if b.returncode == 0 else None
    caught = c is not None and c.returncode != 0 and "heap-buffer-overflow" in c.stderr
    report.add(
        "sanitizers canary", "out-of-bounds read", caught, "reported" if caught else "MISSED"
    )


FUZZ_LINE = re.compile(r"Done (\d+) runs in (\d+) second")


def check_fuzz(report: Report, seconds: int, runs: int = 0) -> None:
    """Each cargo-fuzz target and the atheris target for `seconds`, from the
    committed corpus, the C instrumented for coverage and ASan. With `runs`, a
    target stops after that many executions, `seconds` being the cap (the
    10-million-execution campaigns of the README: --fuzz-runs 10000000
    --fuzz-seconds 1500)."""
    limits = [f"-max_total_time={seconds}"] + ([f"-runs={runs}"] if runs else [])
    names = [p.stem for p in sorted((ROOT / "fuzz" / "fuzz_targets").glob("*.rs"))]
    env = {
        **cargo_env(),
        "CC": "clang",
        "PQFENCE_C_FLAGS": "-fsanitize=fuzzer-no-link,address",
        "RUSTFLAGS": "-Clinker=clang -Clink-arg=-fsanitize=address",
        "CARGO_TARGET_DIR": str(ROOT / "target" / "assurance-fuzz"),
    }
    for name in names:
        scratch = OUT / "fuzz-corpus" / name
        scratch.mkdir(parents=True, exist_ok=True)
        artifacts = OUT / "fuzz-artifacts" / name
        artifacts.mkdir(parents=True, exist_ok=True)
        log = log_path(f"fuzz-{name}.log")
        cmd = ["cargo", "fuzz", "run", "-s", "none", "--release", name, str(scratch)]
        cmd += [str(ROOT / "fuzz" / "corpus" / name), "--"]
        cmd += [*limits, f"-artifact_prefix={artifacts}/"]
        p = run(cmd, log, env=env, cwd=ROOT / "fuzz")
        m = FUZZ_LINE.findall(p.stderr)
        execs, secs = (int(m[-1][0]), int(m[-1][1])) if m else (0, seconds)
        crashes = len(list(artifacts.glob("crash-*"))) + len(list(artifacts.glob("oom-*")))
        ok = p.returncode == 0 and crashes == 0 and execs > 0
        report.add(
            f"fuzz {name}",
            "registry (all sets)",
            ok,
            f"{execs:,} execs in {secs} s, {crashes} crashes",
        )
    scratch = OUT / "fuzz-corpus" / "python_api"
    scratch.mkdir(parents=True, exist_ok=True)
    log = log_path("fuzz-python_api.log")
    cmd = [sys.executable, str(ROOT / "fuzz" / "python" / "fuzz_api.py")]
    cmd += [*limits, str(scratch), str(ROOT / "fuzz" / "corpus" / "python_api")]
    p = run(cmd, log, cwd=ROOT)
    m = FUZZ_LINE.findall(p.stderr)
    execs, secs = (int(m[-1][0]), int(m[-1][1])) if m else (0, seconds)
    ok = p.returncode == 0 and execs > 0
    report.add("fuzz python_api (atheris)", "Python registry", ok, f"{execs:,} execs in {secs} s")


# ---------------------------------------------------------------- main

CHECKS = (
    "ct",
    "div",
    "symbols",
    "stack",
    "race",
    "memcheck",
    "rust",
    "python",
    "cross",
    "sanitizers",
    "fuzz",
)
FAST = ("ct", "div", "symbols", "stack", "race", "memcheck", "rust", "python", "cross")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--fast", action="store_true", help="the subset `make test` runs")
    ap.add_argument("--only", default="", help=f"comma-separated checks from {','.join(CHECKS)}")
    ap.add_argument("--fuzz-seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", "60")))
    ap.add_argument(
        "--fuzz-runs",
        type=int,
        default=int(os.environ.get("FUZZ_RUNS", "0")),
        help="stop each fuzz target after this many executions (0: time only)",
    )
    ap.add_argument(
        "--with",
        dest="with_",
        default="",
        help="also cover these candidate families (assurance/ops.py CANDIDATES)",
    )
    args = ap.parse_args()
    if args.with_:
        ops.include_candidates(args.with_.split(","))
    if args.fast:
        ops.use_fast_subset()
    selected = args.only.split(",") if args.only else list(FAST if args.fast else CHECKS)
    unknown = set(selected) - set(CHECKS)
    if unknown:
        ap.error(f"unknown checks {sorted(unknown)}")
    OUT.mkdir(parents=True, exist_ok=True)
    report = Report()
    ct_builds = (BUILDS[0], BUILDS[3]) if args.fast else BUILDS
    stack_builds = (BUILDS[0],) if args.fast else BUILDS
    # Every build on every backend; the fast subset runs both backends at
    # gcc -O2 and the vector backend alone at clang -O3.
    ct_runs = tuple(
        (cc, opt, b)
        for cc, opt in ct_builds
        for b in BACKENDS
        if not (args.fast and (cc, opt) != BUILDS[0] and b != "avx2")
    )
    # helgrind on both backends in the full run; on the vector one in the fast one.
    helgrind_backends = ("avx2",) if args.fast else BACKENDS
    steps = {
        "ct": lambda: check_ct(report, ct_runs),
        "div": lambda: check_div(report, ct_builds),
        "symbols": lambda: check_symbols(report),
        "stack": lambda: (check_stack(report, stack_builds), check_stack_cpus(report)),
        "race": lambda: check_race(report, 5 if args.fast else 50, helgrind_backends),
        "memcheck": lambda: (
            check_memcheck_c(report),
            None if args.fast else check_memcheck_rust(report),
        ),
        "rust": lambda: check_rust_tests(report),
        "python": lambda: check_python(report),
        "cross": lambda: check_cross(report),
        "sanitizers": lambda: check_sanitizers(report),
        "fuzz": lambda: check_fuzz(report, args.fuzz_seconds, args.fuzz_runs),
    }
    for name in CHECKS:
        if name not in selected:
            continue
        print(f"assurance: {name}", flush=True)
        t = time.monotonic()
        try:
            steps[name]()
        except BuildError as e:
            report.add(name, "build", False, str(e).splitlines()[0][:300])
            log_path(f"build-error-{name}.log").write_text(str(e))
        print(f"assurance: {name} took {time.monotonic() - t:.0f} s", flush=True)
    elapsed = time.monotonic() - report.started
    mode = "fast subset" if args.fast else "full"
    print(f"\npqfence assurance ({mode}, {elapsed:.0f} s; logs in {OUT.relative_to(ROOT)}/logs)\n")
    print(report.table())
    (OUT / "report.json").write_text(json.dumps([asdict(r) for r in report.rows], indent=1))
    n_fail = sum(r.result == "FAIL" for r in report.rows)
    print(f"\nassurance: {len(report.rows) - n_fail} passed, {n_fail} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())

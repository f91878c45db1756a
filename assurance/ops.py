"""The registry of C operations that the assurance checks drive.

One entry per algorithm family lists its parameter sets and, in order, the
operations of one run (a chain: key generation first, then the operations that
use its outputs). Every C-level check walks this table: the constant-time
driver (valgrind), the division scan, the stack-residue scan, the race driver
(helgrind) and the memcheck run. Adding an algorithm to every check is one
`Family(...)` entry appended to FAMILIES below.

How an operation is described:

- ``call`` is the C call, written with ``{p}`` for the parameter set's symbol
  prefix (``pqf_mlkem768``), ``{M}`` for its size-macro prefix
  (``PQF_MLKEM768``), ``{name}`` for a buffer and ``{name_len}`` for its size;
- each buffer is an output (``out``: public, declassified after the call;
  ``out_secret``: stays secret) or an input (``pub``/``secret``) that is either
  fresh (filled with a recognisable pseudorandom pattern) or copied from an
  earlier operation's buffer (``src="keygen.dk"``, optionally with one bit
  flipped: ``tamper=bit``). ``secret_ranges`` lists the (offset, length) C
  expressions of a buffer's secret bytes when only part of it is secret (an
  expanded key embeds its public key and its hash, which the code may branch
  on and need not wipe);
- ``expect`` is the return code the call must give.

The compile units (which sources make a parameter set, with which -D) are not
repeated here: they are read from build.rs, the one list the library build
uses (see ``units()``).
"""

from __future__ import annotations

import pathlib
import re
from dataclasses import dataclass, replace

ROOT = pathlib.Path(__file__).resolve().parents[1]

OUT, OUT_SECRET, IN, IN_SECRET = "out", "out_secret", "in", "in_secret"


@dataclass(frozen=True)
class Buf:
    """One argument buffer of an operation."""

    name: str
    size: str = ""  # C expression; empty when copied from `src`
    kind: str = IN
    src: str | None = None  # "op.buffer" of an earlier operation in the chain
    tamper: int | None = None  # bit to flip after copying from `src`
    secret_ranges: tuple[tuple[str, str], ...] = ()  # (offset, length); empty = all or none


def out(name: str, size: str) -> Buf:
    """A public output: the standard publishes it, the driver declassifies it."""
    return Buf(name, size, OUT)


def out_secret(name: str, size: str, ranges: tuple[tuple[str, str], ...] = ()) -> Buf:
    """A secret output (a secret key, a shared secret); `ranges` as for `secret`."""
    return Buf(name, size, OUT_SECRET, secret_ranges=ranges)


def pub(name: str, size: str = "", src: str | None = None, tamper: int | None = None) -> Buf:
    """A public input, fresh or copied from an earlier output."""
    return Buf(name, size, IN, src, tamper)


def secret(
    name: str,
    size: str = "",
    src: str | None = None,
    ranges: tuple[tuple[str, str], ...] = (),
) -> Buf:
    """A secret input (seed, coins, secret key): wholly secret unless `ranges` is given."""
    return Buf(name, size, IN_SECRET, src, None, ranges)


@dataclass(frozen=True)
class Op:
    """One C entry point called with the given buffers."""

    name: str
    call: str
    bufs: tuple[Buf, ...]
    expect: int = 0


@dataclass(frozen=True)
class ParamSet:
    """A parameter set: its standard name and its compile unit (from build.rs)."""

    name: str
    unit: str  # e.g. "pqf_mlkem768": the symbol prefix and the build.rs unit name

    @property
    def macro(self) -> str:
        return self.unit.upper()


def catalogue_rows(
    catalogue: pathlib.Path = ROOT / "rust" / "algorithms.rs",
) -> list[tuple[str, str, str, str]]:
    """(family, name, C prefix, define) of every row of the Rust catalogue.

    A family group opens on its own line eight spaces in (`        mlkem {`);
    each row has `name: "ML-KEM-768", ...` then `c: mlkem768, cdef: "M=V"`.
    Rows with `c: none` (the hybrid KEMs and Composite ML-DSA, Rust only)
    have no C and are skipped.
    """
    rows = []
    family, name = "", ""
    for line in catalogue.read_text().splitlines():
        group = re.fullmatch(r" {8}([a-z]+) \{", line)
        if group:
            family = group.group(1)
        named = re.match(r'\s*name: "([^"]+)"', line)
        if named:
            name = named.group(1)
        row = re.match(r'\s*c: (\w+), cdef: "(\w+=\w+)"', line)
        if row and row.group(1) != "none":
            rows.append((family, name, row.group(1), row.group(2)))
    if not rows:
        raise ValueError("rust/algorithms.rs: no catalogue rows found")
    return rows


def catalogue_sets(family: str) -> tuple[ParamSet, ...]:
    """A family's parameter sets, one per C unit (the first row of a shared
    prefix names it: Falcon-512 for falcon512 and Falcon-padded-512)."""
    seen: dict[str, ParamSet] = {}
    for fam, name, prefix, _ in catalogue_rows():
        if fam == family and prefix not in seen:
            seen[prefix] = ParamSet(name, f"pqf_{prefix}")
    return tuple(seen.values())


@dataclass(frozen=True)
class Family:
    """An algorithm family: its parameter sets and the operations of one chain."""

    name: str
    sets: tuple[ParamSet, ...]
    ops: tuple[Op, ...]
    # Instructions whose latency depends on their operands, forbidden anywhere in
    # the family's object code (KyberSlash class). A family with floating point
    # on secrets would add e.g. "divsd", "sqrtsd".
    forbidden: tuple[str, ...] = ("div", "idiv")
    # (function, mnemonic) pairs of forbidden floating-point instructions that
    # assurance/suppressions.md accepts, the function named as objdump shows it
    # ({p}: the set's symbol prefix). Integer div/idiv can never be allowed.
    fp_allowed: tuple[tuple[str, str], ...] = ()
    # Valgrind suppression files (in assurance/) given to memcheck for this
    # family's constant-time run only; each is listed in suppressions.md.
    valgrind_suppressions: tuple[str, ...] = ()
    # The parameter sets (names) `make assurance-fast` covers, for a family too
    # slow to run whole in it; empty: all. `make assurance` covers every set.
    fast_sets: tuple[str, ...] = ()
    # At most this many rounds per thread in the race check (0: the check's
    # own count), for a family whose operations are long enough that a few
    # rounds keep the threads overlapping.
    race_rounds: int = 0
    # Outputs that are in-memory structures in the host's byte order, not
    # encodings: the cross-architecture check leaves them out of its byte
    # comparison (the operations that read them are compared).
    host_order: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for fn, insn in self.fp_allowed:
            if insn in ("div", "idiv") or insn not in self.forbidden:
                raise ValueError(f"{self.name}: {fn} {insn} cannot be allowed")

    def allowed_insns(self) -> set[tuple[str, str]]:
        """fp_allowed with {p} expanded for every parameter set."""
        return {
            (fn.replace("{p}", ps.unit), insn) for fn, insn in self.fp_allowed for ps in self.sets
        }


# ML-KEM (FIPS 203). dk = dk_pke (384k) || ek || H(ek) (32) || z (32): dk_pke and
# z are secret, the embedded ek and its hash are public (the key check hashes
# them and branches on the result).
MLKEM_DK_SECRET = (("0", "{M}_DK_BYTES - {M}_EK_BYTES - 64"), ("{M}_DK_BYTES - 32", "32"))

MLKEM = Family(
    name="ML-KEM",
    sets=catalogue_sets("mlkem"),
    ops=(
        Op(
            "keygen",
            "{p}_keygen_internal({ek}, {dk}, {d}, {z})",
            (
                out("ek", "{M}_EK_BYTES"),
                out_secret("dk", "{M}_DK_BYTES", MLKEM_DK_SECRET),
                secret("d", "32"),
                secret("z", "32"),
            ),
        ),
        Op(
            "encaps",
            "{p}_encaps_internal({ss}, {ct}, {ek}, {m})",
            (
                out_secret("ss", "32"),
                out("ct", "{M}_CT_BYTES"),
                pub("ek", src="keygen.ek"),
                secret("m", "32"),
            ),
        ),
        Op(
            "decaps",
            "{p}_decaps_internal({ss}, {dk}, {ct})",
            (
                out_secret("ss", "32"),
                secret("dk", src="keygen.dk", ranges=MLKEM_DK_SECRET),
                pub("ct", src="encaps.ct"),
            ),
        ),
        # Implicit rejection: a ciphertext with one bit flipped.
        Op(
            "decaps-reject",
            "{p}_decaps_internal({ss}, {dk}, {ct})",
            (
                out_secret("ss", "32"),
                secret("dk", src="keygen.dk", ranges=MLKEM_DK_SECRET),
                pub("ct", src="encaps.ct", tamper=77),
            ),
        ),
        Op(
            "check-dk",
            "{p}_check_dk({dk})",
            (secret("dk", src="keygen.dk", ranges=MLKEM_DK_SECRET),),
        ),
        # The expanded-key (cache) entry points: the cache holds only public
        # values derived from ek (A-hat, t-hat, H(ek)).
        Op(
            "keygen-cached",
            "{p}_keygen_cached({ek}, {dk}, {cache}, {d}, {z})",
            (
                out("ek", "{M}_EK_BYTES"),
                out_secret("dk", "{M}_DK_BYTES", MLKEM_DK_SECRET),
                out("cache", "{M}_EK_CACHE_BYTES"),
                secret("d", "32"),
                secret("z", "32"),
            ),
        ),
        Op(
            "ek-expand",
            "{p}_ek_expand({cache}, {ek})",
            (out("cache", "{M}_EK_CACHE_BYTES"), pub("ek", src="keygen.ek")),
        ),
        Op(
            "encaps-cached",
            "{p}_encaps_cached({ss}, {ct}, {cache}, {m})",
            (
                out_secret("ss", "32"),
                out("ct", "{M}_CT_BYTES"),
                pub("cache", src="ek-expand.cache"),
                secret("m", "32"),
            ),
        ),
        Op(
            "decaps-cached",
            "{p}_decaps_cached({ss}, {dk}, {cache}, {ct})",
            (
                out_secret("ss", "32"),
                secret("dk", src="keygen.dk", ranges=MLKEM_DK_SECRET),
                pub("cache", src="ek-expand.cache"),
                pub("ct", src="encaps.ct"),
            ),
        ),
        Op(
            "decaps-cached-reject",
            "{p}_decaps_cached({ss}, {dk}, {cache}, {ct})",
            (
                out_secret("ss", "32"),
                secret("dk", src="keygen.dk", ranges=MLKEM_DK_SECRET),
                pub("cache", src="ek-expand.cache"),
                pub("ct", src="encaps.ct", tamper=1000),
            ),
        ),
    ),
    # The ek cache holds A-hat and t-hat as the C's int16 arrays.
    host_order=("cache",),
)

# ML-DSA (FIPS 204). sk = rho (32) || K (32) || tr (64) || s1 || s2 || t0: rho
# and tr are public (rho is in pk, tr = H(pk)), K, s1, s2 and t0 are secret.
MLDSA_SK_SECRET = (("32", "32"), ("128", "{M}_SK_BYTES - 128"))
# The sk cache: rho (32) || tr (64) public, then K, NTT(s1), NTT(s2), NTT(t0).
MLDSA_SK_CACHE_SECRET = (("96", "{M}_SK_CACHE_BYTES - 96"),)

MLDSA = Family(
    name="ML-DSA",
    sets=catalogue_sets("mldsa"),
    ops=(
        Op(
            "keygen",
            "{p}_keygen_internal({pk}, {sk}, {xi})",
            (
                out("pk", "{M}_PK_BYTES"),
                out_secret("sk", "{M}_SK_BYTES", MLDSA_SK_SECRET),
                secret("xi", "32"),
            ),
        ),
        # Hedged signing of M' = 0 || 0 || msg (pure ML-DSA, empty context).
        Op(
            "sign",
            "{p}_sign_internal({sig}, {sk}, {pre}, {pre_len}, {msg}, {msg_len}, {rnd})",
            (
                out("sig", "{M}_SIG_BYTES"),
                secret("sk", src="keygen.sk", ranges=MLDSA_SK_SECRET),
                pub("pre", "2"),
                pub("msg", "61"),
                secret("rnd", "32"),
            ),
        ),
        Op(
            "sign-mu",
            "{p}_sign_mu({sig}, {sk}, {mu}, {rnd})",
            (
                out("sig", "{M}_SIG_BYTES"),
                secret("sk", src="keygen.sk", ranges=MLDSA_SK_SECRET),
                pub("mu", "64"),
                secret("rnd", "32"),
            ),
        ),
        # Loading an expanded secret key: range, t0 and tr checks.
        Op(
            "sk-load",
            "{p}_sk_to_pk({pk}, {sk})",
            (
                out("pk", "{M}_PK_BYTES"),
                secret("sk", src="keygen.sk", ranges=MLDSA_SK_SECRET),
            ),
        ),
        Op(
            "verify",
            "{p}_verify_internal({pk}, {pre}, {pre_len}, {msg}, {msg_len}, {sig}, {sig_len})",
            (
                pub("pk", src="keygen.pk"),
                pub("pre", src="sign.pre"),
                pub("msg", src="sign.msg"),
                pub("sig", src="sign.sig"),
            ),
        ),
        Op(
            "verify-reject",
            "{p}_verify_internal({pk}, {pre}, {pre_len}, {msg}, {msg_len}, {sig}, {sig_len})",
            (
                pub("pk", src="keygen.pk"),
                pub("pre", src="sign.pre"),
                pub("msg", src="sign.msg"),
                pub("sig", src="sign.sig", tamper=5),
            ),
            expect=-2,
        ),
        # The expanded-key (cache) entry points. The pk cache is public (rho,
        # tr, A-hat, NTT(t1 2^d)); the sk cache is secret after rho and tr.
        Op(
            "keygen-cached",
            "{p}_keygen_cached({pk}, {sk}, {pk_cache}, {xi})",
            (
                out("pk", "{M}_PK_BYTES"),
                out_secret("sk", "{M}_SK_BYTES", MLDSA_SK_SECRET),
                out("pk_cache", "{M}_PK_CACHE_BYTES"),
                secret("xi", "32"),
            ),
        ),
        Op(
            "pk-expand",
            "{p}_pk_expand({pk_cache}, {pk})",
            (out("pk_cache", "{M}_PK_CACHE_BYTES"), pub("pk", src="keygen.pk")),
        ),
        Op(
            "sk-expand",
            "{p}_sk_expand({sk_cache}, {sk})",
            (
                out_secret("sk_cache", "{M}_SK_CACHE_BYTES", MLDSA_SK_CACHE_SECRET),
                secret("sk", src="keygen.sk", ranges=MLDSA_SK_SECRET),
            ),
        ),
        Op(
            "sign-cached",
            "{p}_sign_cached({sig}, {sk_cache}, {pk_cache}, {pre}, {pre_len}, {msg}, "
            "{msg_len}, {rnd})",
            (
                out("sig", "{M}_SIG_BYTES"),
                secret("sk_cache", src="sk-expand.sk_cache", ranges=MLDSA_SK_CACHE_SECRET),
                pub("pk_cache", src="pk-expand.pk_cache"),
                pub("pre", "2"),
                pub("msg", "61"),
                secret("rnd", "32"),
            ),
        ),
        Op(
            "sign-mu-cached",
            "{p}_sign_mu_cached({sig}, {sk_cache}, {pk_cache}, {mu}, {rnd})",
            (
                out("sig", "{M}_SIG_BYTES"),
                secret("sk_cache", src="sk-expand.sk_cache", ranges=MLDSA_SK_CACHE_SECRET),
                pub("pk_cache", src="pk-expand.pk_cache"),
                pub("mu", "64"),
                secret("rnd", "32"),
            ),
        ),
        Op(
            "verify-cached",
            "{p}_verify_cached({pk_cache}, {pre}, {pre_len}, {msg}, {msg_len}, {sig}, {sig_len})",
            (
                pub("pk_cache", src="pk-expand.pk_cache"),
                pub("pre", src="sign-cached.pre"),
                pub("msg", src="sign-cached.msg"),
                pub("sig", src="sign-cached.sig"),
            ),
        ),
        Op(
            "verify-mu-cached",
            "{p}_verify_mu_cached({pk_cache}, {mu}, {sig}, {sig_len})",
            (
                pub("pk_cache", src="pk-expand.pk_cache"),
                pub("mu", src="sign-mu-cached.mu"),
                pub("sig", src="sign-mu-cached.sig"),
            ),
        ),
        Op(
            "verify-cached-reject",
            "{p}_verify_cached({pk_cache}, {pre}, {pre_len}, {msg}, {msg_len}, {sig}, {sig_len})",
            (
                pub("pk_cache", src="pk-expand.pk_cache"),
                pub("pre", src="sign-cached.pre"),
                pub("msg", src="sign-cached.msg"),
                pub("sig", src="sign-cached.sig", tamper=5),
            ),
            expect=-2,
        ),
    ),
    # The caches hold int32 polynomials in the host's byte order.
    host_order=("pk_cache", "sk_cache"),
)


def work(name: str, size: str) -> Buf:
    """A caller-provided workspace: secret while in use, never declassified,
    and not searched for (it is the caller's buffer, not the stack)."""
    return Buf(name, size, OUT_SECRET, secret_ranges=(("0", "0"),))


# SLH-DSA (FIPS 205). sk = SK.seed || SK.prf || PK.seed || PK.root: the first
# 2n bytes are secret.
SLHDSA_SK_SECRET = (("0", "2 * {M}_N"),)

SLHDSA = Family(
    name="SLH-DSA",
    sets=catalogue_sets("slhdsa"),
    ops=(
        Op(
            "keygen",
            "{p}_keygen_internal({pk}, {sk}, {sk_seed}, {sk_prf}, {pk_seed})",
            (
                out("pk", "{M}_PK_BYTES"),
                out_secret("sk", "{M}_SK_BYTES", SLHDSA_SK_SECRET),
                secret("sk_seed", "{M}_N"),
                secret("sk_prf", "{M}_N"),
                pub("pk_seed", "{M}_N"),
            ),
        ),
        Op(
            "sign",
            "{p}_sign_internal({sig}, {sk}, {pre}, {pre_len}, {msg}, {msg_len}, {addrnd})",
            (
                out("sig", "{M}_SIG_BYTES"),
                secret("sk", src="keygen.sk", ranges=SLHDSA_SK_SECRET),
                pub("pre", "2"),
                pub("msg", "33"),
                secret("addrnd", "{M}_N"),
            ),
        ),
        Op(
            "check-sk",
            "{p}_check_sk({sk})",
            (secret("sk", src="keygen.sk", ranges=SLHDSA_SK_SECRET),),
        ),
        Op(
            "verify",
            "{p}_verify_internal({pk}, {pre}, {pre_len}, {msg}, {msg_len}, {sig}, {sig_len})",
            (
                pub("pk", src="keygen.pk"),
                pub("pre", src="sign.pre"),
                pub("msg", src="sign.msg"),
                pub("sig", src="sign.sig"),
            ),
        ),
    ),
    # The twelve sets are one source compiled with different sizes; the fast
    # run takes three "f" sets that between them reach every compile-time
    # branch: SHA2-128f (SHA-256 only), SHA2-256f (SHA-512 for H, T_l, H_msg
    # and PRF_msg; the 64-bit tree index), SHAKE-128f. The "s" sets cost about
    # a minute each under valgrind.
    fast_sets=("SLH-DSA-SHA2-128f", "SLH-DSA-SHA2-256f", "SLH-DSA-SHAKE-128f"),
    # An "s" signature takes most of a second (README, Speed): 2 rounds of 8
    # threads keep them overlapping; 50 would take the race check half an hour.
    race_rounds=2,
)

# Falcon (round-3 specification). sk = header byte || f || g || F: all but the
# header is secret. Every call takes a workspace.
FALCON_SK_SECRET = (("1", "{M}_SK_BYTES - 1"),)

FALCON = Family(
    name="Falcon",
    sets=catalogue_sets("falcon"),
    ops=(
        Op(
            "keygen",
            "{p}_keygen({pk}, {sk}, {seed}, {tmp})",
            (
                out("pk", "{M}_PK_BYTES"),
                out_secret("sk", "{M}_SK_BYTES", FALCON_SK_SECRET),
                secret("seed", "48"),
                work("tmp", "{M}_TMP_BYTES"),
            ),
        ),
        Op(
            "sign",
            "{p}_sign({sig}, (size_t *)(void *){siglen}, {sk}, {msg}, {msg_len}, {nonce}, "
            "{seed}, 0, {tmp})",
            (
                out("sig", "{M}_SIG_MAX_BYTES"),
                out("siglen", "sizeof(size_t)"),
                secret("sk", src="keygen.sk", ranges=FALCON_SK_SECRET),
                pub("msg", "33"),
                pub("nonce", "40"),
                secret("seed", "48"),
                work("tmp", "{M}_TMP_BYTES"),
            ),
        ),
        Op(
            "check-sk",
            "{p}_check_sk({sk})",
            (secret("sk", src="keygen.sk", ranges=FALCON_SK_SECRET),),
        ),
    ),
    # Falcon computes in floating point: its variable-latency instructions too,
    # except the divisions that suppressions.md accepts (F1).
    # The VEX forms (v-prefixed) are what the AVX2 files and any -mavx build
    # emit.
    forbidden=(
        "div",
        "idiv",
        "divsd",
        "divpd",
        "sqrtsd",
        "sqrtpd",
        "vdivsd",
        "vdivpd",
        "vsqrtsd",
        "vsqrtpd",
    ),
    fp_allowed=(
        ("{p}_fft_div", "divsd"),
        ("{p}_fft_div", "divpd"),
        ("{p}_fft_ldl", "divsd"),
        ("{p}_fft_ldl", "divpd"),
        ("{p}_fft_div_avx2", "vdivpd"),
        ("{p}_fft_ldl_avx2", "vdivpd"),
        ("{p}_keygen", "divsd"),
        ("{p}_keygen", "divpd"),
        ("{p}_ntru_solve", "divsd"),
        ("{p}_ntru_solve", "divpd"),
    ),
    # The signature length is a size_t (the signature buffer, zero-padded to
    # its maximum, is compared).
    host_order=("siglen",),
)

# The registry: every check covers these families. A family joins every check
# with one entry here; a family written but not yet passing can be listed in
# CANDIDATES and tried with `assurance/run.sh --with NAME`.
FAMILIES: tuple[Family, ...] = (MLKEM, MLDSA, SLHDSA, FALCON)
CANDIDATES: tuple[Family, ...] = ()


def include_candidates(names: list[str]) -> None:
    """Adds the named candidate families to FAMILIES for this run."""
    global FAMILIES
    known = {f.name: f for f in CANDIDATES}
    for n in names:
        if n in {f.name for f in FAMILIES}:
            continue  # registered already (SLH-DSA was a candidate before)
        if n not in known:
            raise ValueError(f"unknown family {n}; candidates: {sorted(known)}")
        FAMILIES = (*FAMILIES, known[n])


def use_fast_subset() -> None:
    """Restricts each family with `fast_sets` to those sets for this run (the
    fast subset, `make assurance-fast`)."""
    global FAMILIES
    narrowed = []
    for f in FAMILIES:
        sets = tuple(s for s in f.sets if s.name in f.fast_sets)
        if len(sets) != len(f.fast_sets):
            raise ValueError(f"{f.name}: fast_sets {f.fast_sets} not all among its sets")
        narrowed.append(replace(f, sets=sets) if sets else f)
    FAMILIES = tuple(narrowed)


def cross_families() -> tuple[Family, ...]:
    """The families the cross-architecture check runs: every registered family,
    each narrowed to its `fast_sets` (SLH-DSA's three "f" sets, which between
    them reach every compile-time branch; an "s" set would take minutes under
    qemu)."""
    return tuple(
        replace(f, sets=tuple(s for s in f.sets if s.name in f.fast_sets)) if f.fast_sets else f
        for f in FAMILIES
    )


@dataclass(frozen=True)
class Unit:
    """A compile unit of build.rs: one parameter set (or the shared code)."""

    name: str
    defines: tuple[str, ...]
    sources: tuple[pathlib.Path, ...]


def units(
    build_rs: pathlib.Path = ROOT / "build.rs",
    catalogue: pathlib.Path = ROOT / "rust" / "algorithms.rs",
) -> list[Unit]:
    """The compile units, read as build.rs reads them, so that the two never drift apart.

    Each row of the catalogue (rust/algorithms.rs) names its C prefix and
    define (`c: mlkem768, cdef: "PQF_MLKEM_K=3"`) inside its family's group;
    build.rs lists each family's sources as `const NAME_FILES: &[&str] = &[...]`
    (family "mlkem" -> MLKEM_FILES) and the shared `COMMON` files.
    """
    text = build_rs.read_text()
    lists = {
        m.group(1): re.findall(r'"([^"]+)"', m.group(2))
        for m in re.finditer(r"const (\w+): &\[&str\] = &\[(.*?)\];", text, re.S)
    }
    found: list[Unit] = []
    for family, _, prefix, define in catalogue_rows(catalogue):
        if any(u.name == f"pqf_{prefix}" for u in found):
            continue
        files = lists.get(f"{family.upper()}_FILES")
        if files is None:
            raise ValueError(f"build.rs: no {family.upper()}_FILES for the {family} rows")
        srcs = tuple(ROOT / "vendor" / family / f for f in files)
        found.append(Unit(f"pqf_{prefix}", (define,), srcs))
    if "COMMON" not in lists or not found:
        raise ValueError("could not read the compile units (rust/algorithms.rs, build.rs COMMON)")
    found.append(Unit("pqf_common", (), tuple(ROOT / "vendor/common" / f for f in lists["COMMON"])))
    return found


def target_flags(
    src: pathlib.Path, arch: str = "x86_64", build_rs: pathlib.Path = ROOT / "build.rs"
) -> list[str]:
    """The per-file target flags build.rs gives src (its TARGET_FLAGS table).

    They are x86 flags, given on x86-64 only, as build.rs does: elsewhere the
    vector files compile to nothing (their code sits under an architecture
    check) and a cross compiler would refuse the flags."""
    if arch != "x86_64":
        return []
    text = build_rs.read_text()
    m = re.search(r"const TARGET_FLAGS: &\[\(&str, &\[&str\]\)\] = &\[(.*?)\n\];", text, re.S)
    if not m:
        raise ValueError("build.rs: TARGET_FLAGS not found")
    for row in re.finditer(r'\("([^"]+)", &\[([^\]]*)\]\)', m.group(1)):
        if src.name.endswith(row.group(1)):
            return re.findall(r'"([^"]+)"', row.group(2))
    return []


def registered_units(families: tuple[Family, ...] | None = None) -> list[Unit]:
    """The units the registry (or the given families) needs: their parameter
    sets and the shared code."""
    families = FAMILIES if families is None else families
    wanted = {s.unit for f in families for s in f.sets} | {"pqf_common"}
    all_units = {u.name: u for u in units()}
    missing = wanted - set(all_units)
    if missing:
        raise ValueError(f"registered parameter sets missing from build.rs: {sorted(missing)}")
    return [all_units[n] for n in sorted(wanted)]


def _expand(template: str, ps: ParamSet) -> str:
    return template.replace("{p}", ps.unit).replace("{M}", ps.macro)


def generate_c(families: tuple[Family, ...] | None = None) -> str:
    """The C operation table (assurance/harness.h types) for every registered set."""
    families = FAMILIES if families is None else families
    lines = [
        "/* Generated by assurance/ops.py from the registry: do not edit. */",
        "#include <stddef.h>",
        "#include <stdint.h>",
        '#include "pqfence.h"',
        '#include "harness.h"',
        "",
    ]
    table = []
    index = 0
    for fam in families:
        for ps in fam.sets:
            chain: dict[str, tuple[int, dict[str, int], dict[str, str]]] = {}
            for op in fam.ops:
                names = {b.name: i for i, b in enumerate(op.bufs)}
                sizes: dict[str, str] = {}
                for b in op.bufs:
                    if b.src:
                        sop, sbuf = b.src.split(".")
                        if sop not in chain or sbuf not in chain[sop][1]:
                            raise ValueError(f"{fam.name} {op.name}: unknown source {b.src}")
                        sizes[b.name] = _expand(b.size, ps) if b.size else chain[sop][2][sbuf]
                    else:
                        sizes[b.name] = _expand(b.size, ps)
                call = _expand(op.call, ps)
                for n, i in names.items():
                    call = call.replace("{" + n + "_len}", f"(size_t)({sizes[n]})")
                    call = call.replace("{" + n + "}", f"b[{i}]")
                if "{" in call:
                    raise ValueError(f"{fam.name} {op.name}: unresolved name in {call}")
                fn = f"as_call_{index}"
                lines.append(f"static int {fn}(uint8_t *const *b) {{")
                lines.append(f"    return {call};")
                lines.append("}")
                bufs = []
                for i, b in enumerate(op.bufs):
                    rng = "NULL"
                    if b.secret_ranges:
                        rng = f"as_ranges_{index}_{i}"
                        parts = ", ".join(
                            f"{{(size_t)({_expand(o, ps)}), (size_t)({_expand(n, ps)})}}"
                            for o, n in b.secret_ranges
                        )
                        lines.append(f"static const as_range {rng}[] = {{{parts}}};")
                    src_op, src_buf = -1, -1
                    if b.src:
                        sop, sbuf = b.src.split(".")
                        src_op, src_buf = chain[sop][0], chain[sop][1][sbuf]
                    kind = {OUT: "AS_OUT", OUT_SECRET: "AS_OUT_SECRET", IN: "AS_IN"}.get(
                        b.kind, "AS_IN_SECRET"
                    )
                    tamper = -1 if b.tamper is None else b.tamper
                    bufs.append(
                        f'{{"{b.name}", (size_t)({sizes[b.name]}), {kind}, {src_op}, {src_buf}, '
                        f"{tamper}, {rng}, {len(b.secret_ranges)}}}"
                    )
                lines.append(f"static const as_buf as_bufs_{index}[] = {{")
                lines.extend(f"    {x}," for x in bufs)
                lines.append("};")
                table.append(
                    f'    {{"{fam.name}", "{ps.name}", "{op.name}", {fn}, {op.expect}, '
                    f"{len(op.bufs)}, as_bufs_{index}}},"
                )
                chain[op.name] = (index, names, sizes)
                index += 1
    lines.append("const as_op as_ops[] = {")
    lines.extend(table)
    lines.append("};")
    lines.append(f"const size_t as_nops = {index};")
    return "\n".join(lines) + "\n"


def set_names() -> list[tuple[str, str]]:
    """(family, parameter set) for every registered set."""
    return [(f.name, s.name) for f in FAMILIES for s in f.sets]


if __name__ == "__main__":
    print(generate_c(), end="")

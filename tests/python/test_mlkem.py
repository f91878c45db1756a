"""ML-KEM through the Python API: vectors, oracles, properties, bad input, threads."""

from __future__ import annotations

import hashlib
import pathlib
import pickle
import threading
from dataclasses import dataclass
from typing import Any

import pqfence
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pqfence import mlkem
from pqfence.exceptions import InvalidKey, InvalidLength, PQFenceError, UnknownAlgorithm

from .conftest import acvp_cases, read_rsp


@dataclass(frozen=True)
class Variant:
    name: str
    bits: int
    priv: Any
    pub: Any
    ek: int
    dk: int
    ct: int


VARIANTS = [
    Variant("ML-KEM-512", 512, mlkem.MLKEM512PrivateKey, mlkem.MLKEM512PublicKey, 800, 1632, 768),
    Variant("ML-KEM-768", 768, mlkem.MLKEM768PrivateKey, mlkem.MLKEM768PublicKey, 1184, 2400, 1088),
    Variant(
        "ML-KEM-1024", 1024, mlkem.MLKEM1024PrivateKey, mlkem.MLKEM1024PublicKey, 1568, 3168, 1568
    ),
]
BY_NAME = {v.name: v for v in VARIANTS}
variants = pytest.mark.parametrize("v", VARIANTS, ids=lambda v: v.name)


@variants
def test_kat_file_every_record(v: Variant, vectors: pathlib.Path) -> None:
    records = read_rsp(vectors / f"pyca-cryptography-vectors-50.0.2/MLKEM/kat_MLKEM_{v.bits}.rsp")
    assert len(records) == 1000
    for r in records:
        sk = v.priv.from_seed_bytes(bytes.fromhex(r["d"] + r["z"]))
        pk = sk.public_key()
        assert pk.public_bytes_raw().hex() == r["pk"]
        assert sk.private_bytes_expanded().hex() == r["sk"]
        ss, ct = pk.encapsulate_deterministic(bytes.fromhex(r["msg"]))
        assert (ss.hex(), ct.hex()) == (r["ss"], r["ct"])
        assert sk.decapsulate(bytes.fromhex(r["ct"])).hex() == r["ss"]
        assert sk.decapsulate(bytes.fromhex(r["ct_n"])).hex() == r["ss_n"]


def test_acvp_every_test(vectors: pathlib.Path) -> None:
    root = vectors / "nist-acvp-server"
    counts: dict[str, int] = {}
    for sub in ("2024-08_f381834_65370b8", "v1.1.0.40"):
        for g, t in acvp_cases(root / sub / "ML-KEM-keyGen-FIPS203"):
            v = BY_NAME[g["parameterSet"]]
            sk = v.priv.from_seed_bytes(bytes.fromhex(t["d"] + t["z"]))
            assert sk.public_key().public_bytes_raw().hex().upper() == t["ek"]
            assert sk.private_bytes_expanded().hex().upper() == t["dk"]
            counts[sub + "/keyGen"] = counts.get(sub + "/keyGen", 0) + 1
        for g, t in acvp_cases(root / sub / "ML-KEM-encapDecap-FIPS203"):
            v = BY_NAME[g["parameterSet"]]
            fn = g["function"]
            if fn == "encapsulation":
                pk = v.pub.from_public_bytes(bytes.fromhex(t["ek"]))
                ss, ct = pk.encapsulate_deterministic(bytes.fromhex(t["m"]))
                assert (ct.hex().upper(), ss.hex().upper()) == (t["c"], t["k"])
            elif fn == "decapsulation":
                sk = v.priv.from_expanded_bytes(bytes.fromhex(t.get("dk") or g["dk"]))
                assert sk.decapsulate(bytes.fromhex(t["c"])).hex().upper() == t["k"]
            elif fn == "encapsulationKeyCheck":
                if t["testPassed"]:
                    v.pub.from_public_bytes(bytes.fromhex(t["ek"]))
                else:
                    # ACVP's "values too large" keys are longer than the set's ek
                    # size: refused by the length check before the modulus check
                    # (which test_unreduced_coefficient_rejected exercises).
                    with pytest.raises((InvalidKey, InvalidLength)):
                        v.pub.from_public_bytes(bytes.fromhex(t["ek"]))
            elif fn == "decapsulationKeyCheck":
                if t["testPassed"]:
                    v.priv.from_expanded_bytes(bytes.fromhex(t["dk"]))
                else:
                    with pytest.raises(InvalidKey):
                        v.priv.from_expanded_bytes(bytes.fromhex(t["dk"]))
            else:
                pytest.fail(f"unknown ACVP function {fn}")
            counts[sub + "/encapDecap"] = counts.get(sub + "/encapDecap", 0) + 1
    assert counts == {
        "2024-08_f381834_65370b8/keyGen": 75,
        "2024-08_f381834_65370b8/encapDecap": 105,
        "v1.1.0.40/keyGen": 75,
        "v1.1.0.40/encapDecap": 165,
    }


# --- independent implementations as oracles ---------------------------------


@pytest.mark.parametrize("bits", [768, 1024])
def test_interop_pyca_cryptography(bits: int) -> None:
    kem_mod = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.mlkem")
    v = BY_NAME[f"ML-KEM-{bits}"]
    pyca_priv = getattr(kem_mod, f"MLKEM{bits}PrivateKey")
    pyca_pub = getattr(kem_mod, f"MLKEM{bits}PublicKey")
    for _ in range(5):
        ours = v.priv.generate()
        theirs = pyca_priv.from_seed_bytes(ours.private_bytes_raw())
        ours_pub_bytes = ours.public_key().public_bytes_raw()
        assert theirs.public_key().public_bytes_raw() == ours_pub_bytes
        # pyca encapsulates to our key; we decapsulate.
        ss, ct = pyca_pub.from_public_bytes(ours_pub_bytes).encapsulate()
        assert ours.decapsulate(ct) == ss
        # We encapsulate to pyca's key; pyca decapsulates.
        ss2, ct2 = v.pub.from_public_bytes(theirs.public_key().public_bytes_raw()).encapsulate()
        assert theirs.decapsulate(ct2) == ss2


@variants
def test_interop_kyber_py(v: Variant) -> None:
    kyber = pytest.importorskip("kyber_py.ml_kem")
    impl = getattr(kyber, f"ML_KEM_{v.bits}")
    for i in range(3):
        d, z, m = bytes([i]) * 32, bytes([i + 1]) * 32, bytes([i + 2]) * 32
        ek, dk = impl._keygen_internal(d, z)
        ours = v.priv.from_seed_bytes(d + z)
        assert ours.public_key().public_bytes_raw() == ek
        assert ours.private_bytes_expanded() == dk
        k, c = impl._encaps_internal(ek, m)
        assert ours.public_key().encapsulate_deterministic(m) == (k, c)
        ss, ct = ours.public_key().encapsulate()
        assert impl.decaps(dk, ct) == ss


# --- properties ----------------------------------------------------------------


@variants
@settings(max_examples=25, deadline=None)
@given(seed=st.binary(min_size=64, max_size=64))
def test_random_seeds_round_trip(v: Variant, seed: bytes) -> None:
    sk = v.priv.from_seed_bytes(seed)
    assert sk.private_bytes_raw() == seed
    ss, ct = sk.public_key().encapsulate()
    assert len(ss) == 32
    assert len(ct) == v.ct
    assert sk.decapsulate(ct) == ss
    assert v.priv.from_expanded_bytes(sk.private_bytes_expanded()) == sk


@variants
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_every_wrong_length_raises(v: Variant, data: st.DataObject) -> None:
    sk = v.priv.generate()
    for size, loader in (
        (v.ek, v.pub.from_public_bytes),
        (64, v.priv.from_seed_bytes),
        (v.dk, v.priv.from_expanded_bytes),
        (v.ct, sk.decapsulate),
    ):
        n = data.draw(st.integers(0, size + 64).filter(lambda n, s=size: n != s))
        with pytest.raises(InvalidLength, match=f"must be {size} bytes, got {n}"):
            loader(b"\x00" * n)


@variants
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_random_encapsulation_keys_load_or_raise_invalid_key(v: Variant, data: Any) -> None:
    raw = data.draw(st.binary(min_size=v.ek, max_size=v.ek))
    try:
        pk = v.pub.from_public_bytes(raw)
    except InvalidKey:
        return
    ss, _ct = pk.encapsulate()
    assert len(ss) == 32


@variants
@settings(max_examples=25, deadline=None)
@given(pos=st.integers(min_value=0), bit=st.integers(0, 7))
def test_tampered_ciphertext_gives_j_of_z_and_c(v: Variant, pos: int, bit: int) -> None:
    sk = v.priv.generate()
    ss, ct = sk.public_key().encapsulate()
    bad = bytearray(ct)
    bad[pos % len(bad)] ^= 1 << bit
    z = sk.private_bytes_raw()[32:]
    expected = hashlib.shake_256(z + bytes(bad)).digest(32)
    assert sk.decapsulate(bad) == expected != ss


def test_unreduced_coefficient_rejected() -> None:
    v = BY_NAME["ML-KEM-768"]
    raw = bytearray(v.priv.generate().public_key().public_bytes_raw())
    raw[0], raw[1] = 0xFF, raw[1] | 0x0F  # first coefficient = 4095 >= q
    with pytest.raises(InvalidKey, match="modulus check"):
        v.pub.from_public_bytes(raw)


def test_decapsulation_key_hash_check() -> None:
    v = BY_NAME["ML-KEM-512"]
    dk = bytearray(v.priv.generate().private_bytes_expanded())
    dk[v.dk - 64] ^= 0x80  # H(ek)
    with pytest.raises(InvalidKey, match="hash check"):
        v.priv.from_expanded_bytes(dk)


# --- Python ergonomics ------------------------------------------------------------


def test_bytes_like_inputs_and_types() -> None:
    v = BY_NAME["ML-KEM-768"]
    sk = v.priv.generate()
    seed = sk.private_bytes_raw()
    for form in (seed, bytearray(seed), memoryview(seed)):
        assert v.priv.from_seed_bytes(form) == sk
    with pytest.raises(TypeError, match="bytes, bytearray or memoryview"):
        v.priv.from_seed_bytes(seed.hex())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        v.priv.from_seed_bytes(64)  # type: ignore[arg-type]


def test_errors_are_value_errors_and_carry_no_secret() -> None:
    v = BY_NAME["ML-KEM-768"]
    with pytest.raises(ValueError, match="ML-KEM-768 seed") as info:
        v.priv.from_seed_bytes(b"\x01" * 63)
    assert isinstance(info.value, PQFenceError)
    assert "0101" not in str(info.value)


def test_private_keys_are_redacted_and_refuse_pickle() -> None:
    v = BY_NAME["ML-KEM-768"]
    sk = v.priv.generate()
    assert "redacted" in repr(sk)
    assert sk.private_bytes_raw().hex()[:16] not in repr(sk)
    with pytest.raises(TypeError, match="cannot pickle"):
        pickle.dumps(sk)
    pk = sk.public_key()
    assert pickle.loads(pickle.dumps(pk)) == pk
    assert hash(pk) == hash(v.pub.from_public_bytes(pk.public_bytes_raw()))


def test_expanded_only_key_has_no_seed() -> None:
    v = BY_NAME["ML-KEM-1024"]
    sk = v.priv.from_expanded_bytes(v.priv.generate().private_bytes_expanded())
    with pytest.raises(InvalidKey, match="seed is not recoverable"):
        sk.private_bytes_raw()


def test_agile_entry_point_and_listing() -> None:
    k = pqfence.kem("ml-kem-768")
    sk = k.generate()
    ss, ct = k.public_key_from_bytes(sk.public_key().public_bytes_raw()).encapsulate()
    assert sk.decapsulate(ct) == ss
    info = {i.name: i for i in pqfence.algorithms()}
    assert info["ML-KEM-768"].public_key_bytes == 1184
    assert info["ML-KEM-1024"].ciphertext_bytes == 1568
    with pytest.raises(UnknownAlgorithm, match="ML-KEM-512"):
        pqfence.kem("Kyber768")


def test_threads_match_single_thread() -> None:
    """Many threads doing mixed operations (GIL released) give single-thread results."""
    seeds = [bytes([i]) * 64 for i in range(16)]
    coins = [bytes([255 - i]) * 32 for i in range(16)]

    def work(i: int) -> tuple[bytes, bytes, bytes]:
        v = VARIANTS[i % 3]
        sk = v.priv.from_seed_bytes(seeds[i])
        ss, ct = sk.public_key().encapsulate_deterministic(coins[i])
        return ss, ct, sk.decapsulate(ct)

    expected = [work(i) for i in range(16)]
    results: dict[tuple[int, int], tuple[bytes, bytes, bytes]] = {}

    def runner(t: int) -> None:
        for rep in range(20):
            i = (t + rep) % 16
            results[(t, rep)] = work(i)

    threads = [threading.Thread(target=runner, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(results) == 160
    for (t, rep), got in results.items():
        assert got == expected[(t + rep) % 16]


def test_benchmark_keygen_hook_returns_no_key() -> None:
    """_native._keygen_without_check (benchmarks only) runs key generation for
    the ML-KEM and ML-DSA sets, from a seed or from the OS, hands back
    nothing, and refuses a wrong name or seed."""
    from pqfence import _native

    sets = [(f"ML-KEM-{bits}", 64) for bits in (512, 768, 1024)]
    sets += [(f"ML-DSA-{level}", 32) for level in (44, 65, 87)]
    for name, n in sets:
        assert _native._keygen_without_check(name, bytes(range(n))) is None
        assert _native._keygen_without_check(name) is None
        with pytest.raises(InvalidLength):
            _native._keygen_without_check(name, bytes(n - 1))
    with pytest.raises(UnknownAlgorithm):
        _native._keygen_without_check("ML-KEM-769", bytes(64))

"""The ``pqfence`` command, end to end through subprocesses.

Every command and its failure paths: exit codes (0 / 1 / 2), one-line errors,
refusing to overwrite, mode 0600, standard input and output, passwords from
env:/file: and from a real terminal (tmux), tampered / truncated / reordered
encrypted files leaving nothing behind, and the progress bar of ``bench``.
The format itself is tested in process in test_cli_stream.py.
"""

from __future__ import annotations

import base64
import json
import os
import pathlib
import shutil
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import pqfence
import pytest
from pqfence import _native
from pqfence.serialization import load_pem_private_key, load_pem_public_key

CLASSES = {r["name"]: r for r in _native.ALGORITHMS}
KAT = pathlib.Path(__file__).parent / "kat" / "pqfence-file-v1.json"
PASSWORD = "correct horse battery staple"


def pq(
    *args: str,
    cwd: pathlib.Path,
    input: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Runs ``python -m pqfence.cli ARGS`` without a controlling terminal."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "pqfence.cli", *args],
        cwd=cwd,
        input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
        capture_output=True,
        env=full_env,
        start_new_session=True,  # no /dev/tty: a prompt must fail, not hang
        timeout=120,
    )


def ok(r: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[bytes]:
    assert r.returncode == 0, r.stderr.decode()
    return r


def err(r: subprocess.CompletedProcess[bytes], code: int, text: str) -> str:
    """Checks an error: its exit code, one line on stderr naming ``text``, no traceback."""
    msg = r.stderr.decode()
    assert r.returncode == code, (r.returncode, msg)
    assert text in msg, msg
    assert msg.count("\n") == 1, msg
    assert "Traceback" not in msg
    return msg


def no_leftovers(d: pathlib.Path) -> None:
    assert not [p.name for p in d.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def tmp(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pathlib.Path]:
    """Key pairs made once by the command: plain ML-DSA-44, ML-KEM-768, Falcon-512,
    SLH-DSA-SHA2-128f, MLDSA65-ECDSA-P256-SHA512, and an encrypted ML-KEM-768 key."""
    d = tmp_path_factory.mktemp("keys")
    out: dict[str, pathlib.Path] = {}
    for alg in (
        "ML-DSA-44",
        "ML-KEM-768",
        "Falcon-512",
        "SLH-DSA-SHA2-128f",
        "ML-KEM-512",
        "MLDSA65-ECDSA-P256-SHA512",
    ):
        ok(pq("keygen", "-a", alg, "-o", f"{alg}.key", "--pub", f"{alg}.pub", cwd=d))
        out[alg] = d / f"{alg}.key"
        out[alg + ".pub"] = d / f"{alg}.pub"
    ok(
        pq(
            "keygen", "-a", "ML-KEM-768", "-o", "enc.key", "--pub", "enc.pub", "--encrypt",
            "--passin", "env:PW", cwd=d, env={"PW": PASSWORD},
        )
    )  # fmt: skip
    out["enc"] = d / "enc.key"
    out["enc.pub"] = d / "enc.pub"
    return out


# --- the script, list, usage ------------------------------------------------------


def test_console_script_is_installed(tmp: pathlib.Path) -> None:
    script = pathlib.Path(sys.executable).parent / "pqfence"
    assert script.exists(), "the pqfence console script is missing: run maturin develop"
    r = subprocess.run([str(script), "--version"], capture_output=True, check=True)
    assert r.stdout.decode().strip() == f"pqfence {pqfence.__version__}"


def test_list(tmp: pathlib.Path) -> None:
    text = ok(pq("list", cwd=tmp)).stdout.decode()
    for info in pqfence.algorithms():
        assert info.name in text
    records = json.loads(ok(pq("list", "--json", cwd=tmp)).stdout)
    assert [r["name"] for r in records] == [i.name for i in pqfence.algorithms()]
    by_name = {r["name"]: r for r in records}
    for info in pqfence.algorithms():
        r = by_name[info.name]
        assert r["sizes"]["public_key"] == info.public_key_bytes
        assert r["sizes"]["private_key_seed"] == info.seed_bytes
        assert r["sizes"]["private_key_expanded"] == info.private_key_bytes
        if info.kind == "kem":
            assert r["sizes"]["ciphertext"] == info.ciphertext_bytes
            hpke = r["capabilities"]["hpke"]
            # ML-KEM and the HPKE hybrids encrypt; the composite KEMs have no HPKE id.
            if info.name.startswith("id-"):
                assert not hpke
            else:
                assert hpke["kem_id"] in (0x40, 0x41, 0x42, 0x50, 0x51, 0x647A)
        else:
            assert r["sizes"]["signature"] == info.signature_bytes
            # The RSA composites verify only (no RSA signing: RUSTSEC-2023-0071).
            rsa = info.standard.endswith("composite-sigs") and "-RSA" in info.name
            assert r["capabilities"]["sign"] is not rsa
            assert r["capabilities"]["verify"]
    assert by_name["ML-DSA-65"]["capabilities"]["streamed_pure_signing"]
    assert by_name["Falcon-512"]["capabilities"]["prehash"] == []
    assert by_name["Falcon-512"]["key_files"] == ["pqfence armor"]
    composite = by_name["MLDSA65-ECDSA-P256-SHA512"]
    assert composite["capabilities"]["context"]
    assert composite["capabilities"]["prehash"] == []
    assert composite["signature_length"] == "variable (maximum)"
    assert by_name["MLDSA87-Ed448-SHAKE256"]["signature_length"] == "fixed"
    assert "verify only" in text.split("MLDSA65-RSA3072-PSS-SHA512", 1)[1].splitlines()[0]


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((), "the following arguments are required: COMMAND"),
        (("frobnicate",), "invalid choice: 'frobnicate'"),
        (("sign", "x"), "the following arguments are required: -k/--key, -o/--output"),
        (("keygen", "-a", "ML-KEM-768", "-o", "k", "--form", "tiny"), "invalid choice: 'tiny'"),
        (("bench", "--runs", "many"), "invalid int value"),
    ],
)
def test_usage_errors_are_one_line_exit_2(
    tmp: pathlib.Path, args: tuple[str, ...], text: str
) -> None:
    err(pq(*args, cwd=tmp), 2, text)


def test_debug_shows_the_traceback(tmp: pathlib.Path) -> None:
    r = pq("pubkey", "missing.pem", cwd=tmp)
    err(r, 2, "cannot read missing.pem")
    r = pq("pubkey", "missing.pem", "--debug", cwd=tmp)
    assert r.returncode == 2
    assert "Traceback" in r.stderr.decode()


# --- keygen, pubkey, inspect -----------------------------------------------------


@pytest.mark.parametrize(
    ("alg", "form", "der"),
    [
        ("ML-KEM-512", "seed", False),
        ("ML-KEM-768", "both", True),
        ("ML-DSA-44", "expanded", False),
        ("SLH-DSA-SHAKE-128f", "seed", True),
        ("Falcon-padded-512", "expanded", False),
    ],
)
def test_keygen_forms_and_pubkey(tmp: pathlib.Path, alg: str, form: str, der: bool) -> None:
    extra = ["--der"] if der else []
    ok(pq("keygen", "-a", alg.lower(), "-o", "k", "--pub", "p", "--form", form, *extra, cwd=tmp))
    assert stat.S_IMODE((tmp / "k").stat().st_mode) == 0o600
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp / "p").stat().st_mode) == 0o666 & ~umask
    pub = ok(pq("pubkey", "k", *extra, cwd=tmp)).stdout
    assert pub == (tmp / "p").read_bytes()
    text = ok(pq("inspect", "k", cwd=tmp)).stdout.decode()
    assert f"algorithm:   {alg}" in text
    expected_form = "full key" if alg.startswith("SLH") else form
    assert f"form:        {expected_form}" in text
    assert "encrypted:   no" in text
    fp = [line for line in text.splitlines() if line.startswith("fingerprint")]
    assert fp
    assert fp[0] in ok(pq("inspect", "p", cwd=tmp)).stdout.decode()


def test_inspect_never_prints_secret_bytes(tmp: pathlib.Path) -> None:
    for alg in ("ML-DSA-44", "Falcon-512"):
        ok(pq("keygen", "-a", alg, "-o", f"{alg}.k", "--form", "expanded", cwd=tmp))
        data = (tmp / f"{alg}.k").read_bytes()
        out = ok(pq("inspect", f"{alg}.k", cwd=tmp)).stdout.decode()
        if alg == "Falcon-512":
            body = base64.b64decode(b"".join(data.splitlines()[1:-1]))
            secret = body[:1281]
        else:
            key = load_pem_private_key(data)
            secret = key.private_bytes_expanded()
        for chunk in (secret[i : i + 8] for i in range(0, len(secret) - 8, 8)):
            assert chunk.hex() not in out.lower()
            assert base64.b64encode(chunk).decode()[:8] not in out


def test_keygen_refusals(tmp: pathlib.Path) -> None:
    ok(pq("keygen", "-a", "ML-KEM-512", "-o", "k", cwd=tmp))
    before = (tmp / "k").read_bytes()
    err(pq("keygen", "-a", "ML-KEM-512", "-o", "k", cwd=tmp), 2, "refusing to overwrite k")
    err(
        pq("keygen", "-a", "ML-KEM-512", "-o", "new", "--pub", "k", cwd=tmp),
        2,
        "refusing to overwrite k",
    )
    assert not (tmp / "new").exists()
    assert (tmp / "k").read_bytes() == before
    ok(pq("keygen", "-a", "ML-KEM-512", "-o", "k", "--force", cwd=tmp))
    assert (tmp / "k").read_bytes() != before
    assert stat.S_IMODE((tmp / "k").stat().st_mode) == 0o600
    err(
        pq("keygen", "-a", "ML-KEM-9", "-o", "x", cwd=tmp),
        2,
        "unknown algorithm 'ML-KEM-9'; available: ML-KEM-512",
    )
    err(pq("keygen", "-a", "Falcon-512", "-o", "x", "--der", cwd=tmp), 2, "no --der form")
    err(pq("keygen", "-a", "Falcon-512", "-o", "x", "--encrypt", cwd=tmp), 2, "no --encrypt form")
    err(pq("keygen", "-a", "Falcon-512", "-o", "x", "--form", "both", cwd=tmp), 2, "no 'both' form")
    err(
        pq("keygen", "-a", "MLDSA65-RSA3072-PSS-SHA512", "-o", "x", cwd=tmp),
        2,
        "RUSTSEC-2023-0071",
    )
    err(
        pq("keygen", "-a", "ML-KEM-512", "-o", "x", "--passin", "env:PW", cwd=tmp),
        2,
        "only used with --encrypt",
    )
    err(pq("keygen", "-a", "ML-KEM-512", "-o", "-", "--pub", "-", cwd=tmp), 2, "only one output")
    err(pq("keygen", "-a", "ML-KEM-512", "-o", "x", "--pub", "x", cwd=tmp), 2, "same file")
    err(pq("keygen", "-a", "ML-KEM-512", "-o", "nodir/x", cwd=tmp), 2, "cannot write nodir/x")
    no_leftovers(tmp)
    assert not (tmp / "x").exists()


def test_keygen_to_stdout(tmp: pathlib.Path) -> None:
    pem = ok(pq("keygen", "-a", "ML-DSA-44", "-o", "-", cwd=tmp)).stdout
    assert pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert load_pem_private_key(pem).algorithm == "ML-DSA-44"  # type: ignore[attr-defined]


def test_encrypted_keys_and_passwords(tmp: pathlib.Path, keys: dict[str, pathlib.Path]) -> None:
    key = str(keys["enc"])
    assert stat.S_IMODE(keys["enc"].stat().st_mode) == 0o600
    text = ok(pq("inspect", key, cwd=tmp)).stdout.decode()  # no password asked
    assert "encrypted private key" in text
    assert "PBES2 (scrypt N=16384 r=8 p=1, AES-256-CBC)" in text
    assert "not visible" in text
    pub = keys["enc.pub"].read_bytes()
    assert ok(pq("pubkey", key, "--passin", "env:PW", cwd=tmp, env={"PW": PASSWORD})).stdout == pub
    (tmp / "pw").write_text(PASSWORD + "\n")
    assert ok(pq("pubkey", key, "--passin", "file:pw", cwd=tmp)).stdout == pub
    err(pq("pubkey", key, "--passin", "env:PW", cwd=tmp, env={"PW": "wrong"}), 2, "wrong password")
    err(pq("pubkey", key, "--passin", "env:NOPE", cwd=tmp), 2, "env:NOPE: the variable is not set")
    err(pq("pubkey", key, "--passin", "file:none", cwd=tmp), 2, "file:none")
    err(
        pq("pubkey", key, "--passin", "pass:secret", cwd=tmp),
        2,
        "--passin takes env:VAR or file:PATH",
    )
    err(pq("pubkey", key, "--passin", "env:PW", cwd=tmp, env={"PW": ""}), 2, "empty password")
    # no terminal (new session) and no --passin: an error, not a read of stdin
    err(pq("pubkey", key, cwd=tmp, input=PASSWORD.encode()), 2, "no terminal")


def test_inspect_other_files(tmp: pathlib.Path, keys: dict[str, pathlib.Path]) -> None:
    (tmp / "junk").write_bytes(b"\x01" * 100)
    err(pq("inspect", "junk", cwd=tmp), 2, "not a key, a signature or a pqfence encrypted file")
    (tmp / "cert.pem").write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    err(pq("inspect", "cert.pem", cwd=tmp), 2, "a PEM 'CERTIFICATE'")
    (tmp / "sig").write_bytes(bytes(2420))
    assert "signature of ML-DSA-44" in ok(pq("inspect", "sig", cwd=tmp)).stdout.decode()
    # a key from standard input
    text = ok(pq("inspect", "-", cwd=tmp, input=keys["ML-KEM-768.pub"].read_bytes())).stdout
    assert b"algorithm:   ML-KEM-768" in text


# --- sign and verify ----------------------------------------------------------------


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    p = tmp_path_factory.mktemp("data") / "data.bin"
    p.write_bytes(os.urandom(300_000))
    return p


@pytest.mark.parametrize(
    ("alg", "opts"),
    [
        ("ML-DSA-44", []),
        ("ML-DSA-44", ["--context", "app v1"]),
        ("ML-DSA-44", ["--prehash", "SHA-512", "--context-hex", "00ff"]),
        ("SLH-DSA-SHA2-128f", []),
        ("SLH-DSA-SHA2-128f", ["--prehash", "shake256", "--context", "c"]),
        ("Falcon-512", []),
        ("MLDSA65-ECDSA-P256-SHA512", []),
        ("MLDSA65-ECDSA-P256-SHA512", ["--context", "app v1"]),
    ],
    ids=[
        "mldsa-pure",
        "mldsa-ctx",
        "mldsa-prehash",
        "slhdsa-pure",
        "slhdsa-prehash",
        "falcon",
        "composite",
        "composite-ctx",
    ],
)
def test_sign_verify(
    tmp: pathlib.Path,
    keys: dict[str, pathlib.Path],
    data_file: pathlib.Path,
    alg: str,
    opts: list[str],
) -> None:
    key, pub = str(keys[alg]), str(keys[alg + ".pub"])
    ok(pq("sign", "-k", key, str(data_file), "-o", "s", *opts, cwd=tmp))
    sig = (tmp / "s").read_bytes()
    out = ok(pq("verify", "-p", pub, "-s", "s", str(data_file), *opts, cwd=tmp)).stdout.decode()
    assert out.startswith(f"signature verified ({alg}")
    assert (
        ok(pq("verify", "-q", "-p", pub, "-s", "s", str(data_file), *opts, cwd=tmp)).stdout == b""
    )
    # what docs/cli.md says is signed, checked with the library
    pem = pathlib.Path(pub).read_bytes()
    if alg.startswith("Falcon"):  # the pqfence armor: base64 of the raw key
        raw = base64.b64decode(b"".join(pem.splitlines()[1:-1]))
        public = CLASSES[alg]["public_key_class"].from_public_bytes(raw)
    else:
        public = load_pem_public_key(pem)
    data = data_file.read_bytes()
    ctx = (
        b"app v1"
        if "app v1" in opts
        else b"c"
        if "c" in opts
        else b"\x00\xff"
        if "00ff" in opts
        else b""
    )
    if "--prehash" in opts:
        h = opts[opts.index("--prehash") + 1]
        public.verify_prehash(sig, data, h, ctx)  # type: ignore[attr-defined]
    elif alg.startswith("Falcon"):
        public.verify(sig, data)  # type: ignore[attr-defined]
    else:
        public.verify(sig, data, ctx)  # type: ignore[attr-defined]
    # a changed file, signature, context or mode: exit 1
    (tmp / "other").write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    err(pq("verify", "-p", pub, "-s", "s", "other", *opts, cwd=tmp), 1, "does not verify")
    bad = bytearray(sig)
    bad[len(bad) // 2] ^= 0x10
    (tmp / "bad").write_bytes(bytes(bad))
    err(pq("verify", "-p", pub, "-s", "bad", str(data_file), *opts, cwd=tmp), 1, "does not verify")
    (tmp / "short").write_bytes(sig[:-3])
    err(
        pq("verify", "-p", pub, "-s", "short", str(data_file), *opts, cwd=tmp), 1, "does not verify"
    )
    # the signature binds the mode: another pre-hash choice or context fails
    if "--prehash" in opts:
        i = opts.index("--prehash")
        other_mode = opts[:i] + opts[i + 2 :]
    elif opts:
        other_mode = []
    else:
        other_mode = [] if alg.startswith("Falcon") else ["--context", "x"]
    if other_mode != opts:
        err(
            pq("verify", "-p", pub, "-s", "s", str(data_file), *other_mode, cwd=tmp),
            1,
            "does not verify",
        )


def test_mldsa_signature_checks_with_pyca(tmp: pathlib.Path, data_file: pathlib.Path) -> None:
    mldsa = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.mldsa")
    from cryptography.hazmat.primitives.serialization import load_pem_public_key as pyca_load

    ok(pq("keygen", "-a", "ML-DSA-65", "-o", "k", "--pub", "p", cwd=tmp))
    ok(pq("sign", "-k", "k", "--context", "pyca", str(data_file), "-o", "s", cwd=tmp))
    pub = pyca_load((tmp / "p").read_bytes())
    assert isinstance(pub, mldsa.MLDSA65PublicKey)
    pub.verify((tmp / "s").read_bytes(), data_file.read_bytes(), b"pyca")


def test_sign_verify_through_pipes(tmp: pathlib.Path, keys: dict[str, pathlib.Path]) -> None:
    data = os.urandom(5000)
    key, pub = str(keys["ML-DSA-44"]), str(keys["ML-DSA-44.pub"])
    sig = ok(pq("sign", "-k", key, "-", "-o", "-", cwd=tmp, input=data)).stdout
    (tmp / "s").write_bytes(sig)
    ok(pq("verify", "-p", pub, "-s", "s", "-", cwd=tmp, input=data))
    err(pq("verify", "-p", pub, "-s", "s", "-", cwd=tmp, input=data + b"!"), 1, "does not verify")
    # a private key may stand for its public key; two stdin inputs are refused
    ok(pq("verify", "-p", key, "-s", "s", "-", cwd=tmp, input=data))
    err(pq("verify", "-p", "-", "-s", "s", "-", cwd=tmp, input=data), 2, "only one input")


def test_sign_verify_refusals(
    tmp: pathlib.Path, keys: dict[str, pathlib.Path], data_file: pathlib.Path
) -> None:
    f = str(data_file)
    falcon, dsa = str(keys["Falcon-512"]), str(keys["ML-DSA-44"])
    err(
        pq("sign", "-k", falcon, "--context", "x", f, "-o", "s", cwd=tmp),
        2,
        "Falcon-512 has no context",
    )
    err(
        pq("sign", "-k", falcon, "--prehash", "SHA-256", f, "-o", "s", cwd=tmp),
        2,
        "no pre-hash mode",
    )
    err(
        pq("sign", "-k", str(keys["MLDSA65-ECDSA-P256-SHA512"]), "--prehash", "SHA-512", f,
           "-o", "s", cwd=tmp),
        2,
        "MLDSA65-ECDSA-P256-SHA512 pre-hashes the message itself",
    )  # fmt: skip
    err(
        pq("sign", "-k", dsa, "--prehash", "MD5", f, "-o", "s", cwd=tmp),
        2,
        "unknown pre-hash 'MD5'",
    )
    err(pq("sign", "-k", dsa, "--context", "x" * 256, f, "-o", "s", cwd=tmp), 2, "maximum is 255")
    err(
        pq("sign", "-k", dsa, "--context", "a", "--context-hex", "00", f, "-o", "s", cwd=tmp),
        2,
        "not both",
    )
    err(pq("sign", "-k", str(keys["ML-KEM-768"]), f, "-o", "s", cwd=tmp), 2, "ML-KEM-768 is a KEM")
    err(pq("sign", "-k", str(keys["ML-DSA-44.pub"]), f, "-o", "s", cwd=tmp), 2, "is a public key")
    err(pq("sign", "-k", dsa, "missing", "-o", "s", cwd=tmp), 2, "cannot read missing")
    assert not (tmp / "s").exists()
    (tmp / "s").write_bytes(b"keep")
    err(pq("sign", "-k", dsa, f, "-o", "s", cwd=tmp), 2, "refusing to overwrite s")
    assert (tmp / "s").read_bytes() == b"keep"
    ok(pq("sign", "-k", dsa, f, "-o", "s", "--force", cwd=tmp))
    kem_pub = str(keys["ML-KEM-768.pub"])
    err(pq("verify", "-p", kem_pub, "-s", "s", f, cwd=tmp), 2, "do not verify signatures")
    err(
        pq("verify", "-p", str(keys["ML-DSA-44.pub"]), "-s", "missing", f, cwd=tmp),
        2,
        "cannot read missing",
    )


# --- encrypt and decrypt ------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 65536, 200_001])
def test_encrypt_decrypt_files(tmp: pathlib.Path, keys: dict[str, pathlib.Path], size: int) -> None:
    data = os.urandom(size)
    (tmp / "plain").write_bytes(data)
    ok(pq("encrypt", "-r", str(keys["ML-KEM-768.pub"]), "plain", "-o", "c.pqf", cwd=tmp))
    ok(pq("decrypt", "-k", str(keys["ML-KEM-768"]), "c.pqf", "-o", "out", cwd=tmp))
    assert (tmp / "out").read_bytes() == data
    assert stat.S_IMODE((tmp / "out").stat().st_mode) == 0o600
    text = ok(pq("inspect", "c.pqf", cwd=tmp)).stdout.decode()
    assert f"{max(1, -(-size // 65536))} chunk(s), {size} bytes of plaintext" in text


@pytest.mark.parametrize("suite", ["HKDF-SHA384,AES-128-GCM", "hkdf_sha512,chacha20_poly1305"])
def test_encrypt_suites_and_pipes(
    tmp: pathlib.Path, keys: dict[str, pathlib.Path], suite: str
) -> None:
    data = os.urandom(70_000)
    blob = ok(
        pq(
            "encrypt",
            "-r",
            str(keys["enc.pub"]),
            "--suite",
            suite,
            "-",
            "-o",
            "-",
            cwd=tmp,
            input=data,
        )
    ).stdout
    assert blob.startswith(b"pqfence-file-v1\n")
    out = ok(
        pq(
            "decrypt",
            "-k",
            str(keys["enc"]),
            "--passin",
            "env:PW",
            "-",
            "-o",
            "-",
            cwd=tmp,
            input=blob,
            env={"PW": PASSWORD},
        )
    )
    assert out.stdout == data
    (tmp / "c.pqf").write_bytes(blob)
    text = ok(pq("inspect", "-", cwd=tmp, input=blob)).stdout.decode()
    assert "2 chunk(s), 70000 bytes of plaintext" in text


def test_encrypt_refusals(tmp: pathlib.Path, keys: dict[str, pathlib.Path]) -> None:
    (tmp / "plain").write_bytes(b"hello")
    pub = str(keys["ML-KEM-768.pub"])
    err(
        pq("encrypt", "-r", str(keys["ML-DSA-44.pub"]), "plain", "-o", "c", cwd=tmp),
        2,
        "needs a KEM key",
    )
    err(
        pq("encrypt", "-r", pub, "--suite", "HKDF-SHA256", "plain", "-o", "c", cwd=tmp),
        2,
        "--suite takes KDF,AEAD",
    )
    err(
        pq("encrypt", "-r", pub, "--suite", "HKDF-SHA1,AES-128-GCM", "plain", "-o", "c", cwd=tmp),
        2,
        "unknown KDF",
    )
    err(pq("encrypt", "-r", pub, "missing", "-o", "c", cwd=tmp), 2, "cannot read missing")
    err(pq("encrypt", "-r", pub, "plain", "-o", "plain", cwd=tmp), 2, "refusing to overwrite plain")
    assert (tmp / "plain").read_bytes() == b"hello"
    assert not (tmp / "c").exists()
    no_leftovers(tmp)
    ok(pq("encrypt", "-r", pub, "plain", "-o", "c", cwd=tmp))
    err(
        pq("decrypt", "-k", str(keys["ML-DSA-44"]), "c", "-o", "out", cwd=tmp), 2, "needs a KEM key"
    )
    err(
        pq("decrypt", "-k", str(keys["ML-KEM-512"]), "c", "-o", "out", cwd=tmp),
        2,
        "encrypted to an ML-KEM-768 key",
    )
    err(
        pq("decrypt", "-k", str(keys["ML-KEM-768"]), "plain", "-o", "out", cwd=tmp),
        2,
        "not a pqfence encrypted file",
    )
    (tmp / "out").write_bytes(b"keep")
    err(
        pq("decrypt", "-k", str(keys["ML-KEM-768"]), "c", "-o", "out", cwd=tmp),
        2,
        "refusing to overwrite out",
    )
    assert (tmp / "out").read_bytes() == b"keep"
    ok(pq("decrypt", "-k", str(keys["ML-KEM-768"]), "c", "-o", "out", "--force", cwd=tmp))
    assert (tmp / "out").read_bytes() == b"hello"
    assert stat.S_IMODE((tmp / "out").stat().st_mode) == 0o600


def _damaged(blob: bytes) -> dict[str, tuple[bytes, str]]:
    head, body = blob[:1116], blob[1116:]
    full = 65536 + 16
    c = [body[i : i + full] for i in range(0, len(body), full)]
    assert len(c) == 4
    flipped = bytearray(blob)
    flipped[1116 + full + 1000] ^= 0x40
    return {
        "truncated": (head + b"".join(c[:2]), "truncated: the file ends after chunk 1"),
        "cut": (blob[:-7], "chunk 3 failed authentication"),
        "reordered": (
            head + c[0] + c[2] + c[1] + c[3],
            "chunks reordered: chunk 2 of the file was found at position 1",
        ),
        "tampered": (bytes(flipped), "chunk 1 failed authentication: the file was modified"),
        "header": (
            blob[:500] + bytes([blob[500] ^ 1]) + blob[501:],
            "encrypted to another key, or was modified",
        ),
        "no payload": (head, "ends after its header"),
    }


def test_damaged_files_are_refused_and_leave_nothing(
    tmp: pathlib.Path, keys: dict[str, pathlib.Path]
) -> None:
    data = os.urandom(3 * 65536 + 100)
    (tmp / "plain").write_bytes(data)
    ok(pq("encrypt", "-r", str(keys["ML-KEM-768.pub"]), "plain", "-o", "c", cwd=tmp))
    blob = (tmp / "c").read_bytes()
    for name, (bad, message) in _damaged(blob).items():
        (tmp / name).write_bytes(bad)
        err(
            pq("decrypt", "-k", str(keys["ML-KEM-768"]), name, "-o", name + ".out", cwd=tmp),
            1,
            message,
        )
        assert not (tmp / (name + ".out")).exists(), name
    # the wrong key of the right kind
    other = tmp / "other.key"
    ok(pq("keygen", "-a", "ML-KEM-768", "-o", str(other), cwd=tmp))
    err(pq("decrypt", "-k", str(other), "c", "-o", "x.out", cwd=tmp), 1, "encrypted to another key")
    assert not (tmp / "x.out").exists()
    no_leftovers(tmp)


def test_kat_files_decrypt(tmp: pathlib.Path) -> None:
    from pqfence.serialization import Encoding, NoEncryption, PrivateFormat

    for n, case in enumerate(json.loads(KAT.read_text())["cases"]):
        key = CLASSES[case["kem"]]["private_key_class"].from_seed_bytes(
            bytes.fromhex(case["recipient_seed"])
        )
        (tmp / f"{n}.key").write_bytes(
            key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        )
        (tmp / f"{n}.pqf").write_bytes(bytes.fromhex(case["file"]))
        ok(pq("decrypt", "-k", f"{n}.key", f"{n}.pqf", "-o", f"{n}.out", cwd=tmp))
        assert (tmp / f"{n}.out").read_bytes().hex() == case["plaintext"]


# --- bench ------------------------------------------------------------------------------


def test_bench_progress_bar(tmp: pathlib.Path) -> None:
    r = ok(pq("bench", "-a", "SLH-DSA-SHA2-128s", "--runs", "1", "--progress", cwd=tmp))
    out, bar = r.stdout.decode(), r.stderr.decode()
    assert "SLH-DSA-SHA2-128s" in out
    assert "keygen" in out
    assert "verify" in out
    assert "\r[" in bar
    assert "100%" in bar
    assert "SLH-DSA-SHA2-128s sign (run 1)" in bar
    assert bar.endswith("\r")  # erased at the end


def test_bench_quiet_and_errors(tmp: pathlib.Path) -> None:
    r = ok(pq("bench", "-a", "ml-kem-512", "-a", "ML-DSA-44", "--runs", "2", cwd=tmp))
    assert r.stderr == b""  # no terminal, no bar
    assert "ML-KEM-512" in r.stdout.decode()
    assert "ML-DSA-44" in r.stdout.decode()
    err(pq("bench", "-a", "RSA-2048", cwd=tmp), 2, "unknown algorithm 'RSA-2048'")
    err(pq("bench", "--runs", "0", cwd=tmp), 2, "--runs must be at least 1")


# --- a real terminal (tmux) -------------------------------------------------------------


class Tmux:
    """One tmux server on a private socket, one window running a shell command."""

    def __init__(self, cwd: pathlib.Path) -> None:
        self.socket = f"pqfence-test-{uuid.uuid4().hex[:12]}"
        self.cwd = cwd

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        ).stdout

    def start(self, command: str) -> None:
        self.kill()
        self.socket = f"pqfence-test-{uuid.uuid4().hex[:12]}"
        env = f"PATH={pathlib.Path(sys.executable).parent}:{os.environ['PATH']}"
        self._tmux(
            "new-session", "-d", "-x", "200", "-y", "50", "-c", str(self.cwd),
            f"env {env} sh -c '{command}; echo EXIT=$?; sleep 60'",
        )  # fmt: skip

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-J", "-S", "-100")

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on the terminal:\n{self.screen()}")

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-l", text)
        self._tmux("send-keys", "Enter")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def tmux(tmp: pathlib.Path) -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        if os.environ.get("PQFENCE_REQUIRE_TMUX") == "1":
            pytest.fail("tmux is required (scripts/tmux.sh ensure installs it)")
        pytest.skip("tmux is not installed (scripts/tmux.sh ensure installs it)")
    t = Tmux(tmp)
    yield t
    t.kill()


def _run_in_terminal(tmux: Tmux, command: str, answers: list[tuple[str, str]]) -> str:
    tmux.start(command)
    for prompt, answer in answers:
        tmux.wait_for(prompt)
        tmux.type(answer)
    return tmux.wait_for("EXIT=")


def test_password_prompt_in_a_terminal(tmux: Tmux, tmp: pathlib.Path) -> None:
    cli = "python -m pqfence.cli"
    screen = _run_in_terminal(
        tmux,
        f"{cli} keygen -a ML-KEM-512 -o k.pem --pub p.pem --encrypt",
        [("Password for k.pem:", PASSWORD), ("Confirm password for k.pem:", PASSWORD)],
    )
    assert "EXIT=0" in screen
    assert PASSWORD not in screen  # no echo
    assert stat.S_IMODE((tmp / "k.pem").stat().st_mode) == 0o600
    assert b"ENCRYPTED PRIVATE KEY" in (tmp / "k.pem").read_bytes()

    screen = _run_in_terminal(
        tmux, f"{cli} pubkey k.pem -o p2.pem", [("Password for k.pem:", PASSWORD)]
    )
    assert "EXIT=0" in screen
    assert PASSWORD not in screen
    assert (tmp / "p2.pem").read_bytes() == (tmp / "p.pem").read_bytes()

    screen = _run_in_terminal(
        tmux, f"{cli} pubkey k.pem -o p3.pem", [("Password for k.pem:", "wrong")]
    )
    assert "wrong password" in screen
    assert "EXIT=2" in screen
    assert not (tmp / "p3.pem").exists()

    screen = _run_in_terminal(
        tmux,
        f"{cli} keygen -a ML-KEM-512 -o k2.pem --encrypt",
        [("Password for k2.pem:", "one"), ("Confirm password for k2.pem:", "two")],
    )
    assert "the passwords do not match" in screen
    assert "EXIT=2" in screen
    assert not (tmp / "k2.pem").exists()


def test_binary_output_to_a_terminal_is_refused(tmux: Tmux, tmp: pathlib.Path) -> None:
    ok(pq("keygen", "-a", "ML-KEM-512", "-o", "k", "--pub", "p", cwd=tmp))
    (tmp / "plain").write_bytes(b"data")
    screen = _run_in_terminal(tmux, "python -m pqfence.cli encrypt -r p plain -o -", [])
    assert "refusing to write binary data to a terminal" in screen
    assert "EXIT=2" in screen


# --- the reference stays complete ----------------------------------------------------


def test_docs_cover_every_command_and_option() -> None:
    import argparse

    from pqfence.cli import build_parser

    docs = (pathlib.Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text()
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, parser in sub.choices.items():
        heading = f"### pqfence {name}\n"
        assert heading in docs, f"docs/cli.md has no section for {name}"
        section = docs.split(heading, 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option not in ("--help", "--debug"):
                    assert option in section, f"docs/cli.md, pqfence {name}: {option} missing"

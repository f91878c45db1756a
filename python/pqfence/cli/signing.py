"""``pqfence sign`` and ``pqfence verify``.

What is signed (the signature file holds the raw signature bytes, nothing
else, so any implementation of the standard can check it):

- ML-DSA, no ``--prehash``: the pure ML-DSA signature of the file's bytes
  with the context (FIPS 204 Algorithm 2, M' = 0 || len(ctx) || ctx || M).
  The file is read as a stream into the external mu
  (mu = SHAKE256(SHAKE256(pk, 64) || M', 64), FIPS 204 section 6.2), so its
  size does not matter; the signature is the same as ``sign(file, ctx)``.
- ML-DSA or SLH-DSA with ``--prehash H``: HashML-DSA (FIPS 204 Algorithm 4)
  or HashSLH-DSA (FIPS 205 Algorithm 23) of the file with H, the digest
  streamed: M' = 1 || len(ctx) || ctx || OID(H) || H(file).
- SLH-DSA, no ``--prehash``: pure SLH-DSA (FIPS 205 Algorithm 22) of the
  file's bytes; SLH-DSA reads its message twice, so the file is read into
  memory. Use ``--prehash SHA-512`` for large files.
- Falcon: the Falcon signature of the file's bytes (read into memory);
  Falcon has no context and no pre-hash mode.
- Composite ML-DSA: the composite signature of the file's bytes with the
  context (draft-ietf-lamps-pq-composite-sigs; the algorithm's own pre-hash PH
  is part of it, so there is no ``--prehash``), read into memory. The RSA
  composites verify but do not sign.

Signing is hedged (fresh randomness) for ML-DSA and SLH-DSA, as the
standards recommend.
"""

from __future__ import annotations

import argparse
import hashlib
from typing import Any, BinaryIO, Callable

from pqfence._native import (
    CompositePrivateKey,
    CompositePublicKey,
    FalconPrivateKey,
    FalconPublicKey,
    MLDSAMuHasher,
    PrivateKey,
    PublicKey,
    SignaturePrivateKey,
    SignaturePublicKey,
)
from pqfence.cli._io import (
    EXIT_OK,
    CheckFailed,
    CLIError,
    Output,
    check_inputs,
    check_outputs,
    open_input,
    read_small,
)
from pqfence.cli._keyfiles import algorithm_of, fingerprint, load_private_key, load_public_key
from pqfence.cli._passwords import PASSIN_HELP
from pqfence.exceptions import InvalidLength, InvalidSignature

__all__ = ["PREHASHES", "add_parsers", "run_sign", "run_verify"]

_BLOCK = 1 << 20
_MAX_CONTEXT = 255


#: The pre-hash functions of FIPS 204 / 205: name -> (hashlib constructor, output bytes).
PREHASHES: dict[str, tuple[Callable[[], Any], int]] = {
    "SHA-224": (hashlib.sha224, 28),
    "SHA-256": (hashlib.sha256, 32),
    "SHA-384": (hashlib.sha384, 48),
    "SHA-512": (hashlib.sha512, 64),
    "SHA-512/224": (lambda: hashlib.new("sha512_224"), 28),
    "SHA-512/256": (lambda: hashlib.new("sha512_256"), 32),
    "SHA3-224": (hashlib.sha3_224, 28),
    "SHA3-256": (hashlib.sha3_256, 32),
    "SHA3-384": (hashlib.sha3_384, 48),
    "SHA3-512": (hashlib.sha3_512, 64),
    "SHAKE128": (hashlib.shake_128, 32),
    "SHAKE256": (hashlib.shake_256, 64),
}


def _norm(name: str) -> str:
    return "".join(c for c in name.lower() if c not in "-_/ ")


def _prehash(name: str | None) -> str | None:
    if name is None or _norm(name) == "none":
        return None
    for known in PREHASHES:
        if _norm(known) == _norm(name):
            return known
    raise CLIError(f"unknown pre-hash {name!r}; available: none, " + ", ".join(PREHASHES))


def _digest(src: BinaryIO, name: str) -> bytes:
    ctor, size = PREHASHES[name]
    h = ctor()
    while block := src.read(_BLOCK):
        h.update(block)
    if name.startswith("SHAKE"):
        return bytes(h.digest(size))
    return bytes(h.digest())


def _context(args: argparse.Namespace) -> bytes:
    if args.context is not None and args.context_hex is not None:
        raise CLIError("give --context or --context-hex, not both")
    if args.context_hex is not None:
        try:
            ctx = bytes.fromhex(args.context_hex)
        except ValueError:
            raise CLIError("--context-hex is not hexadecimal") from None
    else:
        ctx = (args.context or "").encode()
    if len(ctx) > _MAX_CONTEXT:
        raise CLIError(f"the context is {len(ctx)} bytes; the maximum is {_MAX_CONTEXT}")
    return ctx


def _check_mode(name: str, is_falcon: bool, ctx: bytes, prehash: str | None) -> None:
    if is_falcon and ctx:
        raise CLIError(f"{name} has no context; omit --context")
    if is_falcon and prehash is not None:
        raise CLIError(f"{name} has no pre-hash mode; omit --prehash")


def _check_composite(name: str, prehash: str | None) -> None:
    if prehash is not None:
        raise CLIError(f"{name} pre-hashes the message itself; omit --prehash")


def _mode(prehash: str | None, key: object) -> str:
    if prehash is not None:
        return f"pre-hash {prehash}"
    return "pure, streamed" if hasattr(key, "sign_mu") or hasattr(key, "verify_mu") else "pure"


def _sign(key: PrivateKey, src: BinaryIO, ctx: bytes, prehash: str | None) -> bytes:
    name = algorithm_of(key)
    if isinstance(key, FalconPrivateKey):
        _check_mode(name, True, ctx, prehash)
        return key.sign(src.read())
    if isinstance(key, CompositePrivateKey):
        _check_composite(name, prehash)
        return key.sign(src.read(), ctx)
    if not isinstance(key, SignaturePrivateKey):
        raise CLIError(f"{name} is a KEM: its keys cannot sign")
    if prehash is not None:
        return key.sign_prehashed(_digest(src, prehash), prehash, ctx)
    sign_mu = getattr(key, "sign_mu", None)
    if sign_mu is not None:  # ML-DSA: external mu, streamed
        hasher = MLDSAMuHasher(key.public_key(), ctx)  # type: ignore[arg-type]
        while block := src.read(_BLOCK):
            hasher.update(block)
        sig: bytes = sign_mu(hasher.finalize())
        return sig
    return key.sign(src.read(), ctx)


def _verify(key: PublicKey, sig: bytes, src: BinaryIO, ctx: bytes, prehash: str | None) -> None:
    """Raises ``InvalidSignature`` (or ``InvalidLength``) when it does not verify."""
    name = algorithm_of(key)
    if isinstance(key, FalconPublicKey):
        _check_mode(name, True, ctx, prehash)
        key.verify(sig, src.read())
        return
    if isinstance(key, CompositePublicKey):
        _check_composite(name, prehash)
        key.verify(sig, src.read(), ctx)
        return
    if not isinstance(key, SignaturePublicKey):
        raise CLIError(f"{name} is a KEM: its keys do not verify signatures")
    if prehash is not None:
        key.verify_prehashed(sig, _digest(src, prehash), prehash, ctx)
        return
    verify_mu = getattr(key, "verify_mu", None)
    if verify_mu is not None:
        hasher = MLDSAMuHasher(key, ctx)
        while block := src.read(_BLOCK):
            hasher.update(block)
        verify_mu(sig, hasher.finalize())
        return
    key.verify(sig, src.read(), ctx)


def run_sign(args: argparse.Namespace) -> int:
    """``pqfence sign``."""
    check_inputs([args.key, args.file])
    check_outputs([args.output], args.force)
    ctx = _context(args)
    prehash = _prehash(args.prehash)
    key = load_private_key(args.key, args.passin)
    with open_input(args.file) as src:
        sig = _sign(key, src, ctx, prehash)
    with Output(args.output, force=args.force) as dst:
        dst.write(sig)
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    """``pqfence verify``: exit 0 when the signature verifies, 1 when not."""
    check_inputs([args.pubkey, args.signature, args.file])
    ctx = _context(args)
    prehash = _prehash(args.prehash)
    key = load_public_key(args.pubkey, args.passin)
    sig = read_small(args.signature, "signature")
    name = algorithm_of(key)
    with open_input(args.file) as src:
        try:
            _verify(key, sig, src, ctx, prehash)
        except InvalidSignature:
            raise CheckFailed(
                f"the signature does not verify ({name}, {_mode(prehash, key)})"
            ) from None
        except InvalidLength:
            raise CheckFailed(
                f"the signature does not verify: {len(sig)} bytes is not a valid length for {name}"
            ) from None
    if not args.quiet:
        print(f"signature verified ({name}, {_mode(prehash, key)}, key {fingerprint(key)})")
    return EXIT_OK


def _mode_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--context", metavar="TEXT", help="context string (UTF-8; ML-DSA, SLH-DSA)")
    p.add_argument("--context-hex", metavar="HEX", help="context as hexadecimal bytes")
    p.add_argument(
        "--prehash",
        metavar="HASH",
        help="sign a digest of the file (HashML-DSA / HashSLH-DSA): "
        + ", ".join(PREHASHES)
        + "; default: none (pure)",
    )


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Adds ``sign`` and ``verify``."""
    p = sub.add_parser(
        "sign",
        parents=[common],
        help="sign a file",
        description="Sign FILE ('-' = standard input); the signature file holds the raw "
        "signature. ML-DSA streams files of any size; see docs/cli.md for what is signed.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("-k", "--key", required=True, metavar="KEY", help="private key file")
    p.add_argument(
        "-o", "--output", required=True, metavar="SIG", help="signature file ('-' = stdout)"
    )
    _mode_options(p)
    p.add_argument("--passin", metavar="SPEC", help=PASSIN_HELP)
    p.add_argument("--force", action="store_true", help="overwrite SIG if it exists")
    p.set_defaults(func=run_sign)

    p = sub.add_parser(
        "verify",
        parents=[common],
        help="verify a file's signature (exit 0 valid, 1 invalid)",
        description="Verify SIG over FILE. Exit 0 when it verifies, 1 when it does not, "
        "2 on any other error. The context and pre-hash must be those used to sign.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "-p", "--pubkey", required=True, metavar="KEY", help="public key file (or private key)"
    )
    p.add_argument("-s", "--signature", required=True, metavar="SIG", help="signature file")
    _mode_options(p)
    p.add_argument(
        "--passin", metavar="SPEC", help="password source if KEY is an encrypted private key"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing; the exit code tells")
    p.set_defaults(func=run_verify)

"""Runs pyca/cryptography's own ML-KEM and ML-DSA tests against pqfence.

pqfence's classes mirror pyca/cryptography's, so its test files are a
black-box compatibility suite. Nothing of pyca's is committed: this script
downloads the cryptography 50.0.2 sdist and cryptography-vectors 50.0.2 at run
time (cached under target/pyca-tests, so reruns are fast), extracts
``tests/hazmat/primitives/test_mlkem.py`` and ``test_mldsa.py`` with the few
helpers they import (``tests/utils.py``, ``tests/doubles.py``,
``tests/conftest.py``), rewrites only their imports so the tests exercise
pqfence instead of cryptography, and runs pytest on them in a temporary
directory.

What stays pyca's: ``hashes`` and ``ed25519`` (a non-ML-DSA key for a
negative test, a hash for a skip condition), ``_Reasons`` (used only by
tests that need a backend without ML-KEM / ML-DSA, which are skipped), and
the test doubles for other algorithms. The "backend" the test markers ask
(``mlkem_supported()``, ...) is a small stand-in describing pqfence.

One expected difference is deselected (``EXPECTED_DIFFERENCES``, with the
reason); the README documents it.

Usage: ``python scripts/pyca_tests.py [pytest arguments]`` with pqfence
importable (``make pyca-tests``). Needs network access on the first run.
"""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile

VERSION = "50.0.2"
REPO = pathlib.Path(__file__).resolve().parent.parent
CACHE = pathlib.Path(os.environ.get("PQFENCE_PYCA_CACHE", REPO / "target" / "pyca-tests"))

# Test ids deselected on purpose, each with its reason.
EXPECTED_DIFFERENCES = {
    # pyca refuses an ML-DSA PKCS#8 key that holds only the expanded form
    # (no seed); pqfence loads it on purpose (the expanded form is one of the
    # three private key forms of the LAMPS document; such a key signs, and is
    # written back in the expanded form only). README: "pyca/cryptography
    # compatibility".
    "tests/hazmat/primitives/test_mldsa.py::test_mldsa65_private_key_no_seed": (
        "pqfence loads expanded-only ML-DSA keys"
    ),
}

# The files extracted from the sdist (paths inside its tests/ folder).
FILES = [
    "__init__.py",
    "conftest.py",
    "utils.py",
    "doubles.py",
    "hazmat/__init__.py",
    "hazmat/primitives/__init__.py",
    "hazmat/primitives/test_mlkem.py",
    "hazmat/primitives/test_mldsa.py",
]

# Import rewrites, per file: (exact line in pyca's file, replacement). Only
# import statements are touched; a line that is not found is an error, so a
# change upstream cannot silently leave a test running against pyca.
REWRITES: dict[str, list[tuple[str, str]]] = {
    "conftest.py": [
        (
            "from cryptography.hazmat.backends.openssl import backend as openssl_backend",
            "from ._pqfence_backend import backend as openssl_backend",
        ),
    ],
    "utils.py": [
        (
            "from cryptography.exceptions import UnsupportedAlgorithm",
            "from pqfence.exceptions import UnsupportedAlgorithm",
        ),
    ],
    "doubles.py": [
        (
            "from cryptography.hazmat.primitives import hashes, serialization",
            "from cryptography.hazmat.primitives import hashes\nfrom pqfence import serialization",
        ),
    ],
    "hazmat/primitives/test_mlkem.py": [
        (
            "from cryptography.hazmat.primitives import serialization",
            "from pqfence import serialization",
        ),
        (
            "from cryptography.hazmat.primitives.asymmetric.mlkem import (",
            "from pqfence.mlkem import (",
        ),
    ],
    "hazmat/primitives/test_mldsa.py": [
        (
            "from cryptography.exceptions import (\n"
            "    AlreadyFinalized,\n"
            "    InvalidSignature,\n"
            "    UnsupportedAlgorithm,\n"
            "    _Reasons,\n"
            ")",
            "from cryptography.exceptions import _Reasons\n"
            "from pqfence.exceptions import (\n"
            "    AlreadyFinalized,\n"
            "    InvalidSignature,\n"
            "    UnsupportedAlgorithm,\n"
            ")",
        ),
        (
            "from cryptography.hazmat.primitives import hashes, serialization",
            "from cryptography.hazmat.primitives import hashes\nfrom pqfence import serialization",
        ),
        (
            "from cryptography.hazmat.primitives.asymmetric import ed25519, mldsa",
            "from cryptography.hazmat.primitives.asymmetric import ed25519\n"
            "from pqfence import mldsa",
        ),
        (
            "from cryptography.hazmat.primitives.asymmetric.mldsa import (",
            "from pqfence.mldsa import (",
        ),
    ],
}

# What the test markers ask of "the backend", answered for pqfence.
BACKEND_STANDIN = '''"""The backend the pyca test markers query, describing pqfence (written by
pqfence's scripts/pyca_tests.py)."""


class _PQFenceBackend:
    _fips_enabled = False

    def openssl_version_text(self):
        import pqfence

        return f"pqfence {pqfence.__version__} (no OpenSSL)"

    def mlkem_supported(self):
        return True

    def mldsa_supported(self):
        return True

    def hash_supported(self, algorithm):
        # Only asked about SHAKE256 (MLDSAMuHasher); pqfence has it built in.
        return algorithm.name == "shake256"

    def _consume_errors(self):
        return []

    def _enable_fips(self):
        raise RuntimeError("pqfence has no FIPS mode switch")


backend = _PQFenceBackend()
'''

PYTEST_INI = """[pytest]
addopts = -p no:cacheprovider
markers =
    supported: backend support condition
    skip_fips: skipped in FIPS mode
    malloc_failure: needs malloc to fail
"""


def _download(args: list[str], pattern: str) -> pathlib.Path:
    found = sorted(CACHE.glob(pattern))
    if found:
        return found[0]
    CACHE.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(CACHE), *args]
    subprocess.run(cmd, check=True)
    found = sorted(CACHE.glob(pattern))
    if not found:
        raise SystemExit(f"pyca-tests: pip download produced no {pattern} in {CACHE}")
    return found[0]


def _vectors_dir() -> pathlib.Path:
    """cryptography-vectors, unpacked once into the cache (a pure-Python wheel)."""
    dest = CACHE / f"cryptography_vectors-{VERSION}"
    if (dest / "cryptography_vectors" / "__init__.py").is_file():
        return dest
    wheel = _download([f"cryptography-vectors=={VERSION}"], f"cryptography_vectors-{VERSION}-*.whl")
    tmp = dest.with_suffix(".partial")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(tmp)
    tmp.rename(dest)
    return dest


def _extract_tests(dest: pathlib.Path) -> None:
    sdist = _download(
        ["--no-binary", "cryptography", f"cryptography=={VERSION}"],
        f"cryptography-{VERSION}.tar.gz",
    )
    prefix = f"cryptography-{VERSION}/tests/"
    with tarfile.open(sdist) as tf:
        for rel in FILES:
            member = tf.extractfile(prefix + rel)
            if member is None:
                raise SystemExit(f"pyca-tests: {prefix + rel} not in {sdist.name}")
            text = member.read().decode()
            for old, new in REWRITES.get(rel, []):
                if text.count(old) != 1:
                    raise SystemExit(f"pyca-tests: import {old.splitlines()[0]!r} not in {rel}")
                text = text.replace(old, new)
            leftover = re.findall(
                r"^from cryptography\.hazmat\.primitives\.asymmetric\.ml\w+ import.*$",
                text,
                re.MULTILINE,
            )
            if leftover:
                raise SystemExit(f"pyca-tests: {rel} still imports pyca's ML classes: {leftover}")
            out = dest / "tests" / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text)
    (dest / "tests" / "_pqfence_backend.py").write_text(BACKEND_STANDIN)
    (dest / "pytest.ini").write_text(PYTEST_INI)


def main(argv: list[str]) -> int:
    vectors = _vectors_dir()
    with tempfile.TemporaryDirectory(prefix="pqfence-pyca-") as tmp:
        root = pathlib.Path(tmp)
        _extract_tests(root)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(root), str(vectors), env.get("PYTHONPATH", "")) if p
        )
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-c",
            str(root / "pytest.ini"),
            "--rootdir",
            str(root),
        ]
        for test_id in EXPECTED_DIFFERENCES:
            cmd += ["--deselect", test_id]
        cmd += [
            "tests/hazmat/primitives/test_mlkem.py",
            "tests/hazmat/primitives/test_mldsa.py",
            *argv,
        ]
        print("pyca-tests: expected differences deselected:")
        for test_id, reason in EXPECTED_DIFFERENCES.items():
            print(f"  {test_id}: {reason}")
        sys.stdout.flush()
        return subprocess.run(cmd, cwd=root, env=env).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

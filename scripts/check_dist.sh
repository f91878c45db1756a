#!/usr/bin/env bash
# Builds the release artefacts into dist/ and checks them from the outside.
#
#   scripts/check_dist.sh               build, inspect, install and run (make dist-check)
#   scripts/check_dist.sh --build-only  build and inspect only (make dist)
#
# Build: a manylinux2014 (glibc 2.17) abi3 wheel with `maturin build --zig` (zig
# from PyPI, requirements-dist.txt; the C in vendor/ goes through `zig cc`), and
# the sdist with `maturin sdist`.
# Inspect: the wheel's tag, its highest GLIBC_ symbol version (<= 2.17, objdump
# and auditwheel), the licences in the wheel and the sdist, and the sdist's
# sources (Cargo files, build.rs, rust/, vendor/, python/).
# Install and run, each in a fresh venv outside the source tree:
#   the wheel on the oldest and the newest CPython that abi3-py39 supports here
#   (pyenv 3.9.x and 3.13.x), the sdist (built from source by pip) on 3.11;
#   in each, the README's Python examples (tests/python/test_readme.py, called
#   directly: no pytest, no other package) and `python -m pqfence`.
# Interpreters: PQFENCE_PY_OLDEST, PQFENCE_PY_NEWEST, PQFENCE_PY_SDIST override
# the pyenv defaults. Needs the Rust toolchain, a C compiler, objdump, network
# access to PyPI and crates.io.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=$ROOT/dist
VENV=${VENV:-$ROOT/.venv}
build_only=0
[ "${1:-}" = --build-only ] && build_only=1

say() { printf '\ncheck_dist: %s\n' "$*"; }
fail() {
  printf 'check_dist: FAIL: %s\n' "$*" >&2
  exit 1
}
declare -a timings=()
phase_start=$SECONDS
phase_end() {
  timings+=("$(printf '%-56s %4d s' "$1" $((SECONDS - phase_start)))")
  phase_start=$SECONDS
}

# The newest installed pyenv CPython of a minor version.
pyenv_python() {
  local root=${PYENV_ROOT:-$HOME/.pyenv} d
  d=$(ls -d "$root"/versions/"$1".[0-9]* 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/bin/python3" ] || fail "no CPython $1 under $root/versions"
  echo "$d/bin/python3"
}

# --- build ------------------------------------------------------------------
[ -x "$VENV/bin/python" ] || fail "$VENV missing (make venv-demo creates it)"
if [ $build_only = 0 ]; then
  py_oldest=${PQFENCE_PY_OLDEST:-$(pyenv_python 3.9)}
  py_newest=${PQFENCE_PY_NEWEST:-$(pyenv_python 3.13)}
  py_sdist=${PQFENCE_PY_SDIST:-$(pyenv_python 3.11)}
fi
clean_path=$PATH
"$VENV/bin/python" -m pip install -q -r requirements-dist.txt
export PATH="$VENV/bin:$PATH" VIRTUAL_ENV="$VENV"
rm -rf "$DIST"
say "building the manylinux2014 abi3 wheel (maturin --zig)"
maturin build --release --zig --compatibility manylinux2014 --out "$DIST"
phase_end "build wheel (maturin --zig, release)"
say "building the sdist"
maturin sdist --out "$DIST"
phase_end "build sdist"

wheels=("$DIST"/pqfence-*.whl)
sdists=("$DIST"/pqfence-*.tar.gz)
[ ${#wheels[@]} = 1 ] && [ -f "${wheels[0]}" ] || fail "expected one wheel in $DIST"
[ ${#sdists[@]} = 1 ] && [ -f "${sdists[0]}" ] || fail "expected one sdist in $DIST"
wheel=${wheels[0]}
sdist=${sdists[0]}

# --- inspect ----------------------------------------------------------------
tmp=$(mktemp -d /tmp/pqfence-dist.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

say "wheel $(basename "$wheel")"
case "$(basename "$wheel")" in
  *-cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl) ;;
  *) fail "unexpected wheel tag: $(basename "$wheel")" ;;
esac
mkdir "$tmp/wheel"
python - "$wheel" "$tmp/wheel" <<'EOF'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
EOF
so=$(ls "$tmp"/wheel/pqfence/_native*.so)
max_glibc=$(objdump -T "$so" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n 1)
echo "highest GLIBC symbol version: $max_glibc"
[ "$(printf '%s\n2.17\n' "$max_glibc" | sort -V | tail -n 1)" = 2.17 ] ||
  fail "the extension needs GLIBC_$max_glibc (> 2.17)"
auditwheel show "$wheel" | tee "$tmp/auditwheel.txt"
grep -q '"manylinux_2_17_x86_64"' "$tmp/auditwheel.txt" || fail "auditwheel: not manylinux_2_17"
for f in LICENSE-MIT LICENSE-APACHE; do
  [ -f "$tmp/wheel/pqfence-"*.dist-info/licenses/$f ] || fail "$f missing from the wheel"
done

say "sdist $(basename "$sdist")"
tar tzf "$sdist" | sed 's|^[^/]*/||' | sort > "$tmp/sdist.txt"
for f in LICENSE-MIT LICENSE-APACHE README.md pyproject.toml Cargo.toml Cargo.lock build.rs \
  rust/lib.rs rust/ffi/bindings.rs vendor/include/pqfence.h python/pqfence/__init__.py \
  python/pqfence/py.typed; do
  grep -qx "$f" "$tmp/sdist.txt" || fail "$f missing from the sdist"
done
for d in rust/ vendor/ python/pqfence/; do
  grep -q "^$d" "$tmp/sdist.txt" || fail "$d missing from the sdist"
done
echo "sdist: $(wc -l < "$tmp/sdist.txt") files, licences and sources present"
phase_end "inspect wheel and sdist"

if [ $build_only = 1 ]; then
  printf '\n%s\n' "${timings[@]}"
  exit 0
fi

# --- install and run ----------------------------------------------------------
# Runs the README's examples and the demo in a fresh venv, from outside the
# source tree, and checks that the installed pqfence is the one imported.
run_in_fresh_venv() {
  local label=$1 python=$2 artefact=$3 venv="$tmp/venv-$1"
  say "$label: $("$python" --version) <- $(basename "$artefact")"
  "$python" -m venv "$venv"
  # Nothing of the development venv leaks in; the sdist's build backend
  # (maturin) is pinned like everything else.
  env -u VIRTUAL_ENV -u PYO3_PYTHON -u CARGO_TARGET_DIR PATH="$clean_path" \
    PIP_CONSTRAINT="$ROOT/requirements-demo.txt" \
    "$venv/bin/python" -m pip install -q --no-cache-dir "$artefact"
  phase_end "$label: install"
  (
    cd "$tmp"
    "$venv/bin/python" - "$venv" <<'EOF'
import pathlib, sys
import pqfence, pqfence._native
venv = pathlib.Path(sys.argv[1]).resolve()
for m in (pqfence, pqfence._native):
    path = pathlib.Path(m.__file__).resolve()
    assert venv in path.parents, f"{m.__name__} imported from {path}, not the venv"
print("imported from", pathlib.Path(pqfence.__file__).parent)
EOF
    "$venv/bin/python" - "$ROOT/tests/python/test_readme.py" <<'EOF'
import runpy, sys
runpy.run_path(sys.argv[1])["test_readme_python_blocks_run"]()
print("README examples: ok")
EOF
    "$venv/bin/python" -m pqfence | tail -n 2
    # The console script (pyproject [project.scripts]): a key, a signature, a check.
    "$venv/bin/pqfence" keygen -a ML-DSA-44 -o cli.key --pub cli.pub 2>/dev/null
    "$venv/bin/pqfence" sign -k cli.key -o cli.sig "$ROOT/README.md"
    "$venv/bin/pqfence" verify -p cli.pub -s cli.sig "$ROOT/README.md"
    rm -f cli.key cli.pub cli.sig
  )
  phase_end "$label: README examples + python -m pqfence + the pqfence command"
}

export PIP_DISABLE_PIP_VERSION_CHECK=1
unset PYTHONPATH
export PATH=$clean_path
unset VIRTUAL_ENV PYO3_PYTHON
run_in_fresh_venv wheel-py-oldest "$py_oldest" "$wheel"
run_in_fresh_venv wheel-py-newest "$py_newest" "$wheel"
run_in_fresh_venv sdist-py311 "$py_sdist" "$sdist"

say "all artefacts install and run"
printf '%s\n' "${timings[@]}"

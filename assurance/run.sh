#!/usr/bin/env bash
# The assurance harness: `make assurance` (full) and `make assurance-fast`
# (--fast, the subset `make test` runs). Installs the tools a check needs when
# they are missing, then hands over to assurance/run.py, which prints the table.
#
#   Debian: valgrind (with valgrind/memcheck.h), clang, binutils (objdump, nm,
#           readelf), qemu-user and the aarch64 and s390x cross compilers
#           with their static C libraries (x86-64 hosts),
#           and for the full run clang's sanitizer runtime (libclang-rt-14-dev)
#   crates.io: cargo-fuzz (full run)       PyPI: atheris (full run)
#
# Usage: assurance/run.sh [--fast] [--only ct,div,cross,...] [--fuzz-seconds N]
set -euo pipefail
cd "$(dirname "$0")/.."

fast=0
for arg in "$@"; do
  [ "$arg" = "--fast" ] && fast=1
done
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3

missing=()
{ command -v valgrind >/dev/null && [ -f /usr/include/valgrind/memcheck.h ]; } || missing+=(valgrind)
command -v clang >/dev/null || missing+=(clang)
{ command -v objdump >/dev/null && command -v nm >/dev/null && command -v readelf >/dev/null; } || missing+=(binutils)
command -v gcc >/dev/null || missing+=(gcc)
# qemu-user runs the stack driver as CPUs without AVX-512 (check_stack_cpus),
# and the cross-compiled known-answer driver on aarch64 and s390x (check_cross).
if [ "$(uname -m)" = x86_64 ]; then
  { command -v qemu-x86_64 >/dev/null && command -v qemu-aarch64 >/dev/null \
    && command -v qemu-s390x >/dev/null; } || missing+=(qemu-user)
  command -v aarch64-linux-gnu-gcc >/dev/null || missing+=(gcc-aarch64-linux-gnu)
  [ -f /usr/aarch64-linux-gnu/lib/libc.a ] || missing+=(libc6-dev-arm64-cross)
  command -v s390x-linux-gnu-gcc >/dev/null || missing+=(gcc-s390x-linux-gnu)
  [ -f /usr/s390x-linux-gnu/lib/libc.a ] || missing+=(libc6-dev-s390x-cross)
fi
if [ "$fast" = 0 ] && command -v clang >/dev/null; then
  rt="$(clang -print-file-name=libclang_rt.asan-x86_64.a)"
  [ -f "$rt" ] || missing+=("libclang-rt-$(clang -dumpversion | cut -d. -f1)-dev")
elif [ "$fast" = 0 ]; then
  missing+=(libclang-rt-14-dev)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "assurance: installing ${missing[*]} (Debian packages)"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "$fast" = 0 ]; then
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "assurance: installing cargo-fuzz (crates.io)"
    cargo install --locked cargo-fuzz
  fi
  if ! "$PY" -c "import atheris" 2>/dev/null; then
    echo "assurance: installing atheris (PyPI)"
    "$PY" -m pip install -q atheris
  fi
fi

exec "$PY" assurance/run.py "$@"

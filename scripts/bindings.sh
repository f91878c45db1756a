#!/usr/bin/env bash
# Regenerates (update) or checks (check) rust/ffi/bindings.rs against vendor/include/pqfence.h.
# Needs libclang (Debian: libclang-dev). `check` skips with a notice when libclang is absent,
# unless PQFENCE_REQUIRE_BINDGEN=1 (CI), where its absence is an error.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-check}"
if ! ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 && ! ldconfig -p 2>/dev/null | grep -q libclang; then
  if [ "${PQFENCE_REQUIRE_BINDGEN:-0}" = 1 ]; then
    echo "bindings: libclang is required for the drift check but was not found" >&2
    exit 1
  fi
  echo "bindings: libclang not found, drift check skipped (install libclang-dev to run it)"
  exit 0
fi
case "$mode" in
  update)
    PQFENCE_BINDINGS_OUT="$PWD/rust/ffi/bindings.rs" cargo build -q --features bindgen
    echo "bindings: rust/ffi/bindings.rs regenerated"
    ;;
  check)
    tmp="$(mktemp -d)/bindings.rs"
    PQFENCE_BINDINGS_OUT="$tmp" cargo build -q --features bindgen
    if ! diff -u rust/ffi/bindings.rs "$tmp"; then
      echo "bindings: rust/ffi/bindings.rs is out of date; run scripts/bindings.sh update" >&2
      exit 1
    fi
    echo "bindings: rust/ffi/bindings.rs matches vendor/include/pqfence.h"
    ;;
  *) echo "usage: $0 check|update" >&2; exit 2 ;;
esac

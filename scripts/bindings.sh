#!/usr/bin/env bash
# Regenerates (update) or checks (check) rust/ffi/bindings.rs against vendor/include/pqfence.h.
# Needs libclang (Debian: libclang-dev), which scripts/libclang.sh finds and, when
# it is missing, installs through apt (root or sudo). Without it `check` stops
# with an error under PQFENCE_REQUIRE_BINDGEN=1 (CI, `make test`); elsewhere it
# says loudly that the drift check did not run.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-check}"
if ! libclang="$(scripts/libclang.sh ensure)"; then
  if [ "${PQFENCE_REQUIRE_BINDGEN:-0}" = 1 ]; then
    echo "bindings: libclang is required for the drift check but could not be found or installed" >&2
    exit 1
  fi
  echo "bindings: WARNING: libclang not found, drift check NOT run (install libclang-dev)" >&2
  exit 0
fi
echo "bindings: using $libclang"
export LIBCLANG_PATH="${LIBCLANG_PATH:-$(dirname "$libclang")}"
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

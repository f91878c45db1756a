#!/usr/bin/env bash
# Finds libclang itself, the library bindgen loads (through clang-sys), and
# installs it from Debian's packages when it is missing.
#
#   scripts/libclang.sh find      print the library's path; exit 1 when absent
#   scripts/libclang.sh ensure    find it, else `apt-get install libclang-dev`
#                                 (root, or sudo), then find it again
#
# Only the names clang-sys accepts count: libclang.so, libclang.so.N and
# libclang-N.so(.M). Debian's llvm-N-dev ships libclang-cpp.so.N, which is the
# C++ library, not libclang: a glob such as libclang*.so* matches it and is wrong.
# LIBCLANG_PATH, when set, is searched first, as clang-sys does.
set -euo pipefail

find_libclang() {
  local dirs=()
  [ -n "${LIBCLANG_PATH:-}" ] && dirs+=("$LIBCLANG_PATH")
  if command -v llvm-config >/dev/null 2>&1; then
    dirs+=("$(llvm-config --libdir)")
  fi
  dirs+=(/usr/lib/llvm-*/lib /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib /usr/local/lib)
  local d f base
  for d in "${dirs[@]}"; do
    [ -d "$d" ] || continue
    for f in "$d"/libclang.so "$d"/libclang.so.* "$d"/libclang-*.so "$d"/libclang-*.so.*; do
      [ -e "$f" ] || continue
      base="$(basename "$f")"
      if [[ "$base" =~ ^libclang(-[0-9][0-9.]*)?\.so(\.[0-9][0-9.]*)?$ ]]; then
        echo "$f"
        return 0
      fi
    done
  done
  return 1
}

case "${1:-find}" in
  find)
    find_libclang
    ;;
  ensure)
    if find_libclang; then
      exit 0
    fi
    echo "libclang: not found; installing libclang-dev (Debian)" >&2
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    if ! { $sudo apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libclang-dev >/dev/null; }; then
      echo "libclang: apt-get install libclang-dev failed" >&2
      exit 1
    fi
    find_libclang
    ;;
  *)
    echo "usage: $0 find|ensure" >&2
    exit 2
    ;;
esac

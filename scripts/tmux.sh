#!/usr/bin/env bash
# Makes sure tmux is present for the command line's terminal test
# (tests/python/test_cli.py drives the password prompt through a real
# pseudo-terminal in tmux). Installs Debian's package when it is missing.
#
#   scripts/tmux.sh find      print tmux's path; exit 1 when absent
#   scripts/tmux.sh ensure    find it, else `apt-get install tmux` (root, or sudo)
set -euo pipefail

case "${1:-find}" in
  find)
    command -v tmux
    ;;
  ensure)
    if command -v tmux >/dev/null 2>&1; then
      exit 0
    fi
    echo "tmux: not found; installing tmux (Debian)" >&2
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    if ! { $sudo apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq tmux >/dev/null; }; then
      echo "tmux: apt-get install tmux failed" >&2
      exit 1
    fi
    command -v tmux
    ;;
  *)
    echo "usage: $0 find|ensure" >&2
    exit 2
    ;;
esac

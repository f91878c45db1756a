"""``python -m pqfence.cli``: the ``pqfence`` command."""

from __future__ import annotations

from pqfence.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

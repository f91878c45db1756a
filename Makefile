# pqfence developer commands. The two set-up commands (see README):
#   make demo   build the extension and run the demonstration job
#   make test   run every test, lint and drift check
# Everything Python-side lives in .venv. `make demo` installs only
# requirements-demo.txt (maturin); `make test` adds requirements-dev.txt (the
# test, lint and oracle packages) and requirements-docs.txt (the documentation
# site). All three files pin exact versions.

PYTHON ?= python3
VENV   := $(CURDIR)/.venv
VPY    := $(VENV)/bin/python
PIP_VERSION := 26.3
DEMO_STAMP  := $(VENV)/.demo-stamp
DEV_STAMP   := $(VENV)/.dev-stamp
export PYO3_PYTHON := $(VPY)
VENV_ENV := VIRTUAL_ENV=$(VENV) PATH=$(VENV)/bin:$$PATH

.PHONY: docs docs-rust demo test venv venv-demo develop lint-rust test-rust lint-python test-python pyca-tests bindings c-warnings bench bench-readme bench-liboqs conformance clean assurance assurance-fast dist dist-check

demo: develop
	$(VPY) -m pqfence

$(VPY):
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q pip==$(PIP_VERSION)

# Build tool only (make demo, make develop).
venv-demo: $(DEMO_STAMP)

$(DEMO_STAMP): requirements-demo.txt | $(VPY)
	$(VPY) -m pip install -q -r requirements-demo.txt
	touch $@

# Everything for make test.
venv: $(DEV_STAMP)

$(DEV_STAMP): requirements-dev.txt requirements-docs.txt requirements-demo.txt | $(VPY)
	$(VPY) -m pip install -q -r requirements-dev.txt -r requirements-docs.txt
	touch $@ $(DEMO_STAMP)

# maturin builds the cdylib (the Cargo manifest declares only an rlib, so Rust
# users of the crate never build the Python module).
develop: venv-demo
	$(VENV_ENV) maturin develop --release -q

# C warnings are errors here and in CI (never in users' builds).
test: export PQFENCE_WERROR := 1
# The bindings drift check must run (scripts/bindings.sh installs libclang).
test: export PQFENCE_REQUIRE_BINDGEN := 1
# The command line's terminal test must run (scripts/tmux.sh installs tmux).
test: export PQFENCE_REQUIRE_TMUX := 1
test: venv lint-rust bindings test-rust develop lint-python test-python docs pyca-tests assurance-fast

# The documentation site (mkdocs.yml, docs/) into site/, every warning an
# error. It reads the built module (size tables, API reference), so `develop`
# first. About 10 s; part of `make test`. Its Python examples run in pytest
# (tests/python/test_docs.py), its Rust examples as doctests (rust/lib.rs).
docs: venv develop
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict -q

# The same, with the Rust crate's `cargo doc` copied into site/rustdoc/.
docs-rust: venv develop
	cargo doc --no-deps -q
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict -q

lint-rust:
	cargo fmt --all -- --check
	cargo clippy -q --all-targets --all-features -- -D warnings

bindings:
	scripts/bindings.sh check

# Every test on the best backend this CPU has, then the known-answer, ACVP and
# oracle suites again with the portable C forced (PQFENCE_BACKEND=portable)
# and, on a CPU with AVX-512VL (where the best is the avx512 backend), with
# the plain AVX2 code (PQFENCE_BACKEND=avx2); tests/backends*.rs compare them
# all on random inputs in one process.
HAS_AVX512 := $(shell grep -qw avx512vl /proc/cpuinfo 2>/dev/null && echo 1)
RUST_BACKEND_TESTS := --test mlkem --test mldsa --test slhdsa --test falcon --test encoding
PY_BACKEND_TESTS   := tests/python/test_mlkem.py tests/python/test_mldsa.py \
                      tests/python/test_slhdsa.py tests/python/test_falcon.py \
                      -k "kat or acvp or interop or oracle or matches or tampered or round_trip"

test-rust:
	cargo test -q --features test-hooks
	PQFENCE_BACKEND=portable cargo test -q --features test-hooks $(RUST_BACKEND_TESTS)
	$(if $(HAS_AVX512),PQFENCE_BACKEND=avx2 cargo test -q --features test-hooks $(RUST_BACKEND_TESTS))

# The stubs and the family modules' class lists are generated from the built
# module's catalogue (scripts/gen_stubs.py), and stubtest holds the stubs
# against the built module: both need `develop` first.
lint-python: venv develop
	$(VENV)/bin/ruff check python tests benchmarks scripts assurance fuzz
	$(VENV)/bin/ruff format --check python tests benchmarks scripts assurance fuzz
	$(VENV)/bin/mypy --strict python/pqfence
	$(VPY) scripts/gen_stubs.py --check
	$(VPY) -m mypy.stubtest pqfence._native
	$(VPY) scripts/gen_keccak.py --check
	$(VPY) scripts/gen_sha2.py --check
	$(VPY) scripts/gen_mlkem_tables.py --check
	$(VPY) scripts/gen_cli_kat.py --check
	$(VPY) scripts/gen_mldsa_tables.py --check
	$(VPY) scripts/gen_sha2x_tables.py --check

# tests/python/test_cli.py types the password prompt into a real terminal (tmux).
test-python: venv develop
	scripts/tmux.sh ensure
	$(VPY) -m pytest -q
	PQFENCE_BACKEND=portable $(VPY) -m pytest -q $(PY_BACKEND_TESTS)
	$(if $(HAS_AVX512),PQFENCE_BACKEND=avx2 $(VPY) -m pytest -q $(PY_BACKEND_TESTS))

# pyca/cryptography 50.0.2's own ML-KEM and ML-DSA tests, run against pqfence
# (downloaded at run time, cached in target/pyca-tests; nothing of pyca's is
# committed). README, "pyca/cryptography compatibility".
pyca-tests: venv develop
	$(VPY) scripts/pyca_tests.py

# Slower conformance run (long loops, all vectors through every layer).
conformance: venv develop
	$(VPY) -m pytest -q -m slow --run-slow

# The assurance harness (assurance/, fuzz/): constant time under valgrind, no
# division, sanitizers, fuzzing, zeroization, threads, symbol hygiene, the
# portable C on aarch64 and s390x under qemu-user (cross-arch); one
# table at the end (README, "Assurance"). The fast subset runs in `make test`.
assurance: venv develop
	$(VENV_ENV) assurance/run.sh

assurance-fast: venv develop
	$(VENV_ENV) assurance/run.sh --fast

# Benchmarks (benchmarks/bench.py): pqfence on each backend beside pyca,
# pqcrypto and pypqc, and 2 threads against 1. Speed is never asserted in the
# tests. bench-readme also rewrites the README's speed table (between its
# markers) and docs/bench-ratios.png from the run; matplotlib comes from
# requirements-bench.txt.
BENCH_STAMP := $(VENV)/.bench-stamp

$(BENCH_STAMP): requirements-bench.txt requirements-dev.txt | $(VPY)
	$(VPY) -m pip install -q -r requirements-bench.txt
	touch $@

bench: venv $(BENCH_STAMP) develop
	$(VPY) benchmarks/bench.py

bench-readme: venv $(BENCH_STAMP) develop
	$(VPY) benchmarks/bench.py --readme

# pqfence beside liboqs, from Rust in one process (benchmarks/liboqs, a package
# of its own): the `oqs` crate builds liboqs's sources with CMake and bindgen,
# so cmake (Debian's package) and libclang come first. Rewrites the table in
# docs/speed.md between its markers. The first run builds liboqs (about two
# minutes); the measuring takes about half a minute.
bench-liboqs:
	command -v cmake >/dev/null || { s=; [ "$$(id -u)" = 0 ] || s=sudo; \
	  $$s apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$s apt-get install -y -qq cmake >/dev/null; }
	scripts/libclang.sh ensure >/dev/null
	cd benchmarks/liboqs && cargo build --release -q
	benchmarks/liboqs/target/release/pqfence-bench-liboqs --write docs/speed.md

# Release artefacts: a manylinux2014 abi3 wheel (through zig) and the sdist in
# dist/; dist-check builds them and installs them into fresh venvs (README).
dist: venv-demo
	$(VENV_ENV) scripts/check_dist.sh --build-only

dist-check: venv-demo
	$(VENV_ENV) scripts/check_dist.sh

clean:
	cargo clean
	rm -rf $(VENV) dist site

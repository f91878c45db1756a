# pqfence developer commands. The two set-up commands (see README):
#   make demo   build everything and run the demonstration job
#   make test   run every test, lint and drift check
# Everything Python-side lives in .venv, created here from requirements-dev.txt.

PYTHON ?= python3
VENV   := $(CURDIR)/.venv
VPY    := $(VENV)/bin/python
STAMP  := $(VENV)/.deps-stamp
export PYO3_PYTHON := $(VPY)
VENV_ENV := VIRTUAL_ENV=$(VENV) PATH=$(VENV)/bin:$$PATH

.PHONY: demo test venv develop lint-rust test-rust lint-python test-python pyca-tests bindings c-warnings bench conformance clean assurance assurance-fast

demo: develop
	$(VPY) -m pqfence

venv: $(STAMP)

$(STAMP): requirements-dev.txt
	test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --upgrade pip
	$(VPY) -m pip install -q -r requirements-dev.txt
	touch $@

develop: venv
	$(VENV_ENV) maturin develop --release -q

# C warnings are errors here and in CI (never in users' builds).
test: export PQFENCE_WERROR := 1
# The bindings drift check must run (scripts/bindings.sh installs libclang).
test: export PQFENCE_REQUIRE_BINDGEN := 1
test: venv lint-rust bindings test-rust develop lint-python test-python pyca-tests assurance-fast

lint-rust:
	cargo fmt --all -- --check
	cargo clippy -q --all-targets --all-features -- -D warnings

bindings:
	scripts/bindings.sh check

test-rust:
	cargo test -q --features test-hooks

lint-python: venv
	$(VENV)/bin/ruff check python tests benchmarks scripts assurance fuzz
	$(VENV)/bin/ruff format --check python tests benchmarks scripts assurance fuzz
	$(VENV)/bin/mypy --strict python/pqfence
	$(VPY) scripts/gen_stubs.py --check
	$(VPY) scripts/gen_keccak.py --check

test-python: develop
	$(VPY) -m pytest -q

# pyca/cryptography 50.0.2's own ML-KEM and ML-DSA tests, run against pqfence
# (downloaded at run time, cached in target/pyca-tests; nothing of pyca's is
# committed). README, "pyca/cryptography compatibility".
pyca-tests: develop
	$(VPY) scripts/pyca_tests.py

# Slower conformance run (long loops, all vectors through every layer).
conformance: develop
	$(VPY) -m pytest -q -m slow --run-slow

# The assurance harness (assurance/, fuzz/): constant time under valgrind, no
# division, sanitizers, fuzzing, zeroization, threads, symbol hygiene; one
# table at the end (README, "Assurance"). The fast subset runs in `make test`.
assurance: develop
	$(VENV_ENV) assurance/run.sh

assurance-fast: develop
	$(VENV_ENV) assurance/run.sh --fast

bench: develop
	$(VPY) benchmarks/bench.py

clean:
	cargo clean
	rm -rf $(VENV)

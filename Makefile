# audiogpt — two commands on a fresh Debian/Ubuntu machine: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 7860
# Test workers (pytest-xdist): one per core, at most 4 (each worker loads its own models).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); echo $$(( n < 4 ? n : 4 )))
PYTEST := $(VENV)/bin/python -m pytest -q -p no:cacheprovider

.PHONY: setup system run test bench lint clean readme

setup: system $(VENV)/.installed

system:
	@bash scripts/setup-system.sh

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip setuptools wheel

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml scripts/setup-python.sh
	@bash scripts/setup-python.sh $(VENV)
	@touch $@

run: setup
	@bash scripts/run.sh $(VENV) $(HOST) $(PORT)

# The few tests marked `serial` (latency bounds, browsers with fixed waits) run first, alone;
# then everything else runs on TEST_WORKERS processes, one test file per worker at a time
# (module-scoped fixtures load once), the files with `slow` tests first (tests/conftest.py).
# Both passes always run; the first failure's code is kept.
test: setup
	rc=0; \
	$(PYTEST) -m serial || rc=$$?; \
	$(PYTEST) -m "not serial" -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder || rc=$$?; \
	exit $$rc

bench: setup
	$(VENV)/bin/python -m benchmarks

readme: setup
	$(VENV)/bin/python scripts/update-readme.py README.md

lint: setup
	$(VENV)/bin/python -m ruff check src tests benchmarks scripts

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info

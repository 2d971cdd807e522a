# audiogpt — two commands on a fresh Debian/Ubuntu machine: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 7860

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

test: setup
	$(VENV)/bin/python -m pytest -q -p no:cacheprovider

bench: setup
	$(VENV)/bin/python -m benchmarks

readme: setup
	$(VENV)/bin/python scripts/update-readme.py README.md

lint: setup
	$(VENV)/bin/python -m ruff check src tests benchmarks scripts

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info

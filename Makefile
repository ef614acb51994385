# Two commands do all set-up on a fresh machine (see README.md):
#   make build   builds every course into build/
#   make test    runs every test
SHELL := /bin/bash
.DEFAULT_GOAL := build

# Python 3.12: pyenv's 3.12.1 on these machines, python3.12 on PATH elsewhere.
PYENV_PY := $(shell pyenv root 2>/dev/null)/versions/3.12.1/bin/python3.12
PYTHON ?= $(shell if [ -x "$(PYENV_PY)" ]; then echo "$(PYENV_PY)"; else command -v python3.12; fi)
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
SYS_STAMP := build/.system-deps
NODE_STAMP := node_modules/.installed
XBLOCK_PROJECT := $(wildcard xblocks/pyproject.toml)
# The XBlock also runs on Python 3.11 (Open edX Sumac, Teak): a second venv with an LMS's versions, no compiler.
PYENV_PY311 := $(shell pyenv root 2>/dev/null)/versions/3.11.7/bin/python3.11
PYTHON311 ?= $(shell if [ -x "$(PYENV_PY311)" ]; then echo "$(PYENV_PY311)"; else command -v python3.11; fi)
PY311_STAMP := .venv311/.installed

.PHONY: build build-quick test test-xblock-py311 lint check clean system-deps report-demo

$(PY_STAMP): tools/pyproject.toml requirements-dev.txt $(XBLOCK_PROJECT)
	@test -n "$(PYTHON)" || { echo "Python 3.12 not found: install python3.12 or pyenv 3.12.1" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt -e tools $(if $(XBLOCK_PROJECT),-e xblocks)
	@touch $@

$(SYS_STAMP): tools/setup/system-deps.sh
	bash tools/setup/system-deps.sh
	@mkdir -p build && touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

system-deps: $(SYS_STAMP)

build: $(PY_STAMP) $(SYS_STAMP)
	$(BIN)/hocvuso build

build-quick: $(PY_STAMP) $(SYS_STAMP)
	$(BIN)/hocvuso build --no-video

check: $(PY_STAMP)
	$(BIN)/hocvuso check

# The KPI report on generated, obviously fake sample data (var/report-demo, never build/): see README, "Outcome reports".
report-demo: $(PY_STAMP)
	$(BIN)/python -m hocvuso.reports.sample --out var/report-demo
	$(BIN)/hocvuso report --plan nghe-an --roster var/report-demo/roster.csv \
		--results var/report-demo/openedx_problem_responses.csv var/report-demo/moodle_interactions.txt var/report-demo/offline \
		--as-of 2026-12-31

test: lint $(PY_STAMP) $(SYS_STAMP) $(NODE_STAMP) test-xblock-py311
	$(BIN)/python -m pytest

$(PY311_STAMP): xblocks/pyproject.toml xblocks/requirements-py311.txt
	@test -n "$(PYTHON311)" || { echo "Python 3.11 not found: install python3.11 or pyenv 3.11.7" >&2; exit 1; }
	@test -x .venv311/bin/python || $(PYTHON311) -m venv .venv311
	.venv311/bin/python -m pip install -q --disable-pip-version-check -r xblocks/requirements-py311.txt -e xblocks
	@touch $@

# The XBlock suite on Python 3.11 with Django 4.2 and XBlock 5 (tests that need the compiler or a browser run on 3.12).
test-xblock-py311: $(PY311_STAMP)
	.venv311/bin/python -m pytest tests/xblock --confcutdir=tests/xblock -p no:cacheprovider -q \
		--ignore=tests/xblock/test_olx.py --ignore=tests/xblock/test_credential.py --ignore=tests/xblock/test_browser.py \
		--ignore=tests/xblock/test_mobile.py

lint: $(PY_STAMP)
	$(BIN)/ruff check tools tests benchmarks xblocks
	cd tools && ../$(BIN)/mypy --config-file ../mypy.ini hocvuso
	cd xblocks && ../$(BIN)/mypy --config-file ../mypy.ini hocvuso_xblocks

clean:
	rm -rf build

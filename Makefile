# wireledger: one Makefile that users and CI call.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := ../shared/seed/alekseev.txt
DEMO_DB ?= wireledger.db

.PHONY: install install-test demo test lint typecheck pytest eval clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install -q -e '.[test,postgres,spark]'
	touch $@

demo: install
	@if [ -f $(SEED) ]; then \
		$(BIN)/wireledger --db $(DEMO_DB) ingest $(SEED) --published 2026-02-06 && \
		$(BIN)/wireledger --db $(DEMO_DB) show $(SEED) --no-text; \
	else \
		$(BIN)/wireledger --db $(DEMO_DB) ingest --example && \
		$(BIN)/wireledger --db $(DEMO_DB) show example --no-text; \
	fi

lint: install-test
	$(BIN)/ruff check src tests bench

typecheck: install-test
	$(BIN)/mypy

pytest: install-test
	$(BIN)/pytest

test: lint typecheck pytest

eval: install-test
	$(BIN)/python -m wireledger.evaluation.all --write docs/quality.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

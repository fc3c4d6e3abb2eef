# wireledger: one Makefile that users and CI call.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := ../shared/seed/alekseev.txt
DEMO_DB ?= wireledger.db

.PHONY: install install-test demo test lint typecheck pytest eval clean screenshot vendor-check

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
	@echo
	@echo "Open the web UI:  wireledger serve --local   (here: $(BIN)/wireledger --db $(DEMO_DB) serve --local)"
	@echo "then browse http://127.0.0.1:8765/ (loopback only, no sign-in)"

lint: install-test
	$(BIN)/ruff check src tests bench

typecheck: install-test
	$(BIN)/mypy

pytest: install-test
	$(BIN)/pytest

test: lint typecheck pytest

eval: install-test
	$(BIN)/python -m wireledger.evaluation.all --write docs/quality.md

# the README's screenshot of the example article's incident page (needs chromium and playwright)
screenshot: install-test
	PYTHONPATH=src:tests:tests/web $(BIN)/python tests/web/readme_screenshot.py

# fetch the vendored front-end files from npm again and compare them byte for byte (needs npm)
vendor-check:
	$(PYTHON) scripts/vendor_web.py check

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Two commands for users: `make run` and `make test`. Each sets up .venv on first use.
# For developers: `make lint` (ruff and mypy, as CI runs them) and `make bench`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: run test bench lint clean help

help:
	@echo "make run    validate commitments.yaml, sync the database, check progress, write reports"
	@echo "make test   run the unit tests and the features/ specs"
	@echo "make bench  measure drafting and its links against the labelled documents, then run the performance benchmark"
	@echo "make lint   check the code style (ruff) and the type hints (mypy)"
	@echo "make clean  remove .venv and caches"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sco_tracker needs Python 3.11 or newer; found " + sys.version.split()[0])'
	@echo "Setting up $(VENV) (first run only)..."
	@$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@echo "Installing the test dependencies into $(VENV) (first run only)..."
	@$(PIP) install -e '.[test]'
	@touch $(VENV)/.installed $@

run: $(VENV)/.installed
	@$(BIN)/sco-tracker run

test: $(VENV)/.installed-test
	@$(BIN)/python -m pytest $(PYTEST_ARGS)

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	@echo "Installing the benchmark tools into $(VENV) (first run only)..."
	@$(PIP) install -e '.[bench]'
	@touch $(VENV)/.installed $@

bench: $(VENV)/.installed-bench
	@$(BIN)/python benchmarks/drafting.py
	@$(BIN)/python benchmarks/links.py
	@$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

$(VENV)/.installed-lint: pyproject.toml | $(BIN)/python
	@echo "Installing the lint tools into $(VENV) (first run only)..."
	@$(PIP) install -e '.[lint]'
	@touch $(VENV)/.installed $@

LINT_PATHS := src tests benchmarks docs

lint: $(VENV)/.installed-lint
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache build src/*.egg-info

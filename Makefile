# codetables — `make help` lists the targets. Every target bootstraps .venv from pyproject.toml.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help generate check test lint fuzz bench format clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

generate: $(STAMP) ## render seeds/*.md into output/
	$(BIN)/codetables generate

check: $(STAMP) ## exit 1 with a diff when output/ is not current
	$(BIN)/codetables check

test: $(STAMP) lint ## run the test suite and the linters
	$(BIN)/pytest

lint: $(STAMP) ## ruff check, ruff format --check, mypy --strict (package and generated code)
	$(BIN)/ruff check .
	$(BIN)/ruff check --isolated output/
	$(BIN)/ruff format --check .
	$(BIN)/ruff format --isolated --check output/
	$(BIN)/mypy
	$(BIN)/mypy --strict output/*.py

fuzz: $(STAMP) ## property tests (hostile text, file-system layouts) with 10,000 examples each
	$(BIN)/pytest tests/test_property.py tests/test_layouts.py tests/test_fast.py -k "not corpus" --hypothesis-profile=fuzz --hypothesis-show-statistics

$(VENV)/.installed-bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@touch $@

bench: $(VENV)/.installed-bench ## time codetables beside its peers (BENCH_ARGS=--quick for a smoke run)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

format: $(STAMP) ## apply ruff format and safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist

# Two commands on a fresh machine: `make demo`, then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check lint types bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/collate compare witnesses/medvedev-1926.txt witnesses/baku-1924.txt
	$(BIN)/collate compare witnesses/medvedev-1926.txt witnesses/baku-1924.txt --side-by-side --no-color -o out/letter.txt
	$(BIN)/collate compare witnesses/medvedev-1926.txt witnesses/baku-1924.txt --format json -o out/letter.json
	@echo "wrote out/letter.txt (side by side) and out/letter.json"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples witnesses
	$(BIN)/ruff format --check src tests benchmarks examples witnesses

types: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) lint types
	$(BIN)/python -m pytest

check: test

bench: $(STAMP)
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache

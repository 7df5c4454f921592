# Two commands on a fresh machine: `make demo`, then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
USER_STAMP := $(VENV)/.installed-user

.PHONY: demo test check lint types bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# the user's install: collate and what it needs to run, no test tools
$(USER_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(USER_STAMP)

# the contributor's: the test extras too (pytest, mypy, ruff, Playwright, Dask)
$(STAMP): $(USER_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

LETTERS := witnesses/medvedev-1926.txt witnesses/baku-1924.txt

demo: $(USER_STAMP)
	mkdir -p out
	$(BIN)/collate compare $(LETTERS) --color always --no-pager > out/letter.view.txt
	@head -n 24 out/letter.view.txt
	@echo "…   (the whole view: less -R out/letter.view.txt, or collate compare $(LETTERS))"
	@tail -n 2 out/letter.view.txt
	@$(BIN)/collate compare $(LETTERS) --side-by-side --no-color -o out/letter.txt
	@$(BIN)/collate compare $(LETTERS) --format json -o out/letter.json
	@$(BIN)/collate compare $(LETTERS) --format html -o out/letter.html
	@$(BIN)/collate apparatus $(LETTERS) --format text -o out/letter.apparatus.txt
	@$(BIN)/collate apparatus $(LETTERS) --format tei -o out/letter.tei.xml
	@$(BIN)/collate apparatus $(LETTERS) --format tei --tei-method double-end-point -o out/letter.dep.xml
	@$(BIN)/collate apparatus $(LETTERS) --format latex -o out/letter.tex
	@$(BIN)/collate apparatus $(LETTERS) --format csv -o out/letter.csv
	@$(BIN)/collate apparatus $(LETTERS) --format tsv -o out/letter.tsv
	@$(BIN)/collate apparatus $(LETTERS) --format csv --words -o out/letter.words.csv
	@$(BIN)/collate apparatus $(LETTERS) --format json-collatex -o out/letter.collatex.json
	@rm -rf out/rebuilt
	@$(BIN)/collate witnesses out/letter.tei.xml -o out/rebuilt > /dev/null
	@echo "wrote under out/: letter.view.txt (the view above), letter.txt (side by side), letter.json, letter.html, letter.apparatus.txt,"
	@echo "letter.tei.xml, letter.dep.xml, letter.tex, letter.csv, letter.tsv, letter.words.csv,"
	@echo "letter.collatex.json,"
	@echo "and rebuilt/ (the witnesses read back from the TEI file)"

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
	$(BIN)/python benchmarks/decisions.py
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/tokenize_speed.py
	$(BIN)/python benchmarks/transcription.py
	$(BIN)/python benchmarks/apparatus.py
	$(BIN)/python benchmarks/page.py
	$(BIN)/python benchmarks/classes.py
	$(BIN)/python benchmarks/nway.py
	$(BIN)/python benchmarks/florilegium.py
	$(BIN)/python benchmarks/sblgnt.py
	$(BIN)/python benchmarks/nesting.py
	$(BIN)/python benchmarks/batch.py --dask

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache

# Quick start: `make pack` builds the sample workshop, `make test` runs the tests.
VENV    ?= .venv
PYTHON  ?= python3
SESSION ?= sessions/revolution-russe-1917
BIN      = $(VENV)/bin

.PHONY: pack test lint check bench mutation locale clean

$(BIN)/educpop: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-extras: $(BIN)/educpop
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

pack: $(BIN)/educpop  ## build the sample workshop's pack into handouts/
	$(BIN)/educpop build $(SESSION)

check: $(BIN)/educpop  ## validate the sample workshop and print its agenda
	$(BIN)/educpop check $(SESSION)

lint: $(VENV)/.test-extras  ## ruff and mypy (configured in pyproject.toml) must find nothing
	$(BIN)/ruff check educpop tests benchmarks
	$(BIN)/mypy educpop

test: lint  ## lint, then run the test suite
	$(BIN)/python -m pytest -q

bench: $(VENV)/.test-extras  ## time the builds (see benchmarks/)
	$(BIN)/python benchmarks/bench_process.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_hostile.py
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_hyphens.py

mutation: $(VENV)/.test-extras  ## mutation score of plan.py, session/ and pack.py (long; see tests/README.md)
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut export-cicd-stats
	cat mutants/mutmut-cicd-stats.json

locale: $(VENV)/.test-extras  ## compile click's French words after editing educpop/locale/fr/LC_MESSAGES/educpop.po
	$(BIN)/pybabel compile --domain educpop --directory educpop/locale --statistics

clean:
	rm -rf handouts/*/ .pytest_cache mutants

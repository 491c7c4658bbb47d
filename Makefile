# Two commands do everything on a fresh clone:
#   make build   build every output from messages/catalogue.yaml, docs site included
#   make test    lint, type-check and run the whole test suite
# Both create .venv first when it is missing or out of date.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test lint serve check bench clean

$(STAMP): pyproject.toml requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -e '.[docs]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/msgbook build
	$(BIN)/msgbook check
	$(BIN)/mkdocs build --strict -f site/mkdocs.yml -d ../build/site

check: $(STAMP)
	$(BIN)/msgbook check

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict generator

test: lint
	$(BIN)/pytest

serve: $(STAMP)
	$(BIN)/mkdocs serve -f site/mkdocs.yml

bench: $(STAMP)
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf $(VENV) build .msgbook-cache

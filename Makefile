# Every target bootstraps .venv first, so a fresh machine needs only Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.docbind-installed

.PHONY: generate test check lint validate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# The generated packages, so tests and users can import them as installed.
	$(BIN)/python -m pip install --quiet --no-deps -e generated/kicc_easypay -e generated/konaplate
	touch $(STAMP)

generate: $(STAMP)
	$(BIN)/docbind generate

validate: $(STAMP)
	$(BIN)/docbind validate spec/*/

check: $(STAMP)
	$(BIN)/docbind check

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/mypy

test: $(STAMP)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build dist *.egg-info

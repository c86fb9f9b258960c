# Pnyx developer commands. Quick start: `make demo` (try it), `make test` (run every test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Every distribution in the repository: the core, each plugin, the tutorial example, and the
# city distributions (docs/distributions.md), so `make test` runs their tests too.
PACKAGES := core $(patsubst %/pyproject.toml,%,$(wildcard plugins/*/pyproject.toml)) examples/hello_component \
	$(patsubst %/pyproject.toml,%,$(wildcard examples/distributions/*/pyproject.toml))
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core of a CI machine; `make test TEST_WORKERS=0` runs in one.
TEST_WORKERS ?= 2
# On PostgreSQL too: the kit creates the unaccent/pg_trgm extensions in `public`, shared by the
# processes' own schemas (pnyx.testing.database.shared_extensions).
PG_TEST_WORKERS ?= 2
MESSAGES_ARGS ?=

.PHONY: install browser-deps demo test test-postgresql fuzz lint format messages translations clean

install: $(STAMP)

$(STAMP): Makefile requirements-dev.txt $(addsuffix /pyproject.toml,$(PACKAGES))
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Pnyx needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt $(addprefix -e ./,$(PACKAGES))
	touch $(STAMP)

# What the browser tests (tests/browser/) need besides pip: Debian's Chromium (installed with
# apt when run as root) and axe-core (npm, into .cache/axe). Without them they are skipped
# locally and fail on CI.
browser-deps:
	scripts/install-browser-deps

demo: $(STAMP)
	$(BIN)/pnyx demo

# Browser dependencies are installed when possible (root, or already there); without them the
# browser tests say how to install them, and fail on CI.
test: $(STAMP)
	@scripts/install-browser-deps || echo "(browser tests need Chromium and axe-core: see above)"
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The suite again on PostgreSQL (CI runs it against the server at 127.0.0.1:5432).
test-postgresql: $(STAMP)
	PNYX_TEST_DATABASE_URL=$${PNYX_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} \
		$(BIN)/pytest -n $(PG_TEST_WORKERS) $(PYTEST_ARGS)

# Schemathesis with many more generated requests per API operation than the suite's few
# (docs/open-data.md); FUZZ_EXAMPLES per operation.
FUZZ_EXAMPLES ?= 300
fuzz: $(STAMP)
	PNYX_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -n 0 -q tests/test_open_data_schemathesis.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract the interface strings of every package and update its catalogues (then translate).
# One package only: `make messages MESSAGES_ARGS="--package core"` (docs/translations.md).
messages: $(STAMP)
	$(BIN)/python scripts/update_catalogues.py $(MESSAGES_ARGS)

# Recompile catalogues after editing a .po file (compiled .mo files are committed). Fuzzy and
# untranslated entries are left out, so the fallback language answers for them.
translations: $(STAMP)
	$(BIN)/python scripts/update_catalogues.py --compile-only $(MESSAGES_ARGS)

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache

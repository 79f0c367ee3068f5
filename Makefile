# Égide — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_ENV := var/demo.env

.PHONY: install demo demo-code test quality e2e-deps clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	cd tests/e2e && npm ci --silent --no-audit --no-fund
	touch $(STAMP)

# The demo generates its own secret and field-encryption keys once, in var/demo.env.
$(DEMO_ENV): | $(STAMP)
	mkdir -p var
	$(BIN)/python -c "from egide.demo.secrets import write_demo_env; write_demo_env('$(DEMO_ENV)')"

demo: install $(DEMO_ENV)
	set -a && . ./$(DEMO_ENV) && set +a && $(BIN)/egide demo

# `make demo-code ACCOUNT=policier`: a demo account's current TOTP code (with the demo's settings).
demo-code: install $(DEMO_ENV)
	@set -a && . ./$(DEMO_ENV) && set +a && $(BIN)/egide demo code $(ACCOUNT)

quality: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/egide makemigrations --check --dry-run
	$(BIN)/djlint egide --lint --quiet

test: quality
	mkdir -p var
	$(BIN)/pytest -n 2

clean:
	rm -rf $(VENV) var

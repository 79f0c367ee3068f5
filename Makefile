# Égide — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_ENV := var/demo.env
E2E_STAMP := tests/e2e/node_modules/.installed
PORT ?= 8000

.PHONY: install demo demo-code test quality e2e-deps clean cluster drills

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Node is needed only by the browser tests' accessibility checker (axe-core), never by the demo.
e2e-deps: $(E2E_STAMP)

$(E2E_STAMP): tests/e2e/package-lock.json
	cd tests/e2e && npm ci --silent --no-audit --no-fund
	touch $(E2E_STAMP)

# The demo generates its own secret and field-encryption keys once, in var/demo.env.
$(DEMO_ENV): | $(STAMP)
	mkdir -p var
	$(BIN)/python -c "from egide.demo.secrets import write_demo_env; write_demo_env('$(DEMO_ENV)')"

# `make demo PORT=8080` serves on another port.
demo: install $(DEMO_ENV)
	set -a && . ./$(DEMO_ENV) && set +a && $(BIN)/egide demo --port $(PORT)

# `make demo-code ACCOUNT=policier`: a demo account's current TOTP code, computed from the demo's
# secret key without starting Django (instant).
demo-code: install $(DEMO_ENV)
	@set -a && . ./$(DEMO_ENV) && set +a && $(BIN)/python -m egide.demo.totp $(ACCOUNT)

# The highly available topology on this machine (3 NATS nodes, PostgreSQL primary and replica,
# 2 intake and 2 web processes behind balancers, 2 engine workers, huey); Ctrl-C removes it.
cluster: install
	$(BIN)/egide cluster

# The drills on that topology under load (docs/operations.md, "High availability"): the tests,
# then the figures as JSON (`egide monitor loadtest --cluster`).
drills: install
	EGIDE_DRILLS=1 $(BIN)/pytest -m drills tests/operations -p no:cacheprovider

quality: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/egide makemigrations --check --dry-run
	$(BIN)/djlint egide --lint --quiet

test: quality e2e-deps
	mkdir -p var
	$(BIN)/pytest -n 2

clean:
	rm -rf $(VENV) var

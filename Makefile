# Two commands on a fresh machine: `make run` (serve the demo) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The embedded site's address follows HOST and PORT: every command of `run` gets them, and wic/settings.py makes
# SITE_URL (links in emails, the organizer account's message, canonical URLs, feeds) from them unless SITE_URL is set.
SERVE_ENV := HOST=$(HOST) PORT=$(PORT)

# Test processes in parallel (pytest-xdist): 2 on this 2-core machine; PYTEST_WORKERS=0 runs them in one.
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist worksteal

.PHONY: run test test-embedded bench install lock lint typecheck hooks migrate demo organizer worker beat clean messages

# pip as the lock pins it goes in first, hash-checked: an older pip (Python 3.11's bundled 23.2) refuses, under
# --require-hashes, a locked package that another asks for with extras (weasyprint's fonttools[woff]).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	awk '/^pip==/ {found = 1} found {print; if ($$0 !~ /\\$$/) exit}' requirements-dev.lock > $(VENV)/pip.lock
	$(BIN)/pip install --quiet --require-hashes -r $(VENV)/pip.lock

# Installs exactly the dev lock (every package, transitive ones too, each checked against its hashes);
# re-runs only when a lock changes. Production installs requirements.lock the same way. Then c3voc's schedule
# converter for the feed tests, without the dependencies it pins older than ours (requirements-c3voc.txt says why).
$(VENV)/.installed: requirements.lock requirements-dev.lock requirements-c3voc.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-c3voc.txt
	touch $@

# axe-core for the browser tests' accessibility checks, exactly as package-lock.json pins it.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed

## Lock files: after editing requirements.txt or requirements-dev.txt (the top-level pins), regenerate both locks.
## pip-tools rather than uv: it resolves through pip itself, so it follows this machine's pip configuration
## (extra indexes, find-links, constraints), which uv does not read. Existing pins are kept unless asked:
## `make lock LOCK_ARGS=--upgrade` (everything) or `make lock LOCK_ARGS="--upgrade-package celery"`.
## The dev lock is constrained by the production lock, so both install the same version of a shared package.
LOCK_ARGS ?=
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock: install
	$(PIP_COMPILE) --output-file requirements.lock requirements.txt
	$(PIP_COMPILE) --constraint requirements.lock --output-file requirements-dev.lock requirements-dev.txt
	$(BIN)/python scripts/check_locks.py

## Git hooks: ruff (lint and import order), mypy and the import contract before each commit (.pre-commit-config.yaml).
hooks: install
	$(BIN)/pre-commit install

migrate: install
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput

## The demo goes into an empty database only: one with data is left as it is (organizers' edits stay), in one line.
## `python manage.py load_wic_demo` brings a loaded demo up to date, keeping what was changed since.
demo: migrate
	$(SERVE_ENV) $(BIN)/python manage.py load_wic_demo --if-empty

organizer: migrate
	$(SERVE_ENV) $(BIN)/python manage.py create_organizer

## Embedded mode: SQLite in var/, emails written to var/mail/, and production's three processes: the web server
## (runserver), a Celery worker and beat, on an embedded broker that needs no server (message files in
## var/celery/), so tasks at a set time (a report's release), retries and beat's jobs run. Ctrl-C stops all three.
run: demo organizer
	$(SERVE_ENV) $(BIN)/python manage.py run_embedded $(HOST):$(PORT)

## The whole suite, on the database DATABASE_URL names (the embedded SQLite when unset). Extra options: ARGS=...
test: install node_modules/.installed
	$(BIN)/pytest $(PYTEST_PARALLEL) $(ARGS)

## The tests whose outcome may depend on the embedded default, on it (the list: EMBEDDED in tests/conftest.py).
test-embedded: install node_modules/.installed
	env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest $(PYTEST_PARALLEL) -m embedded $(ARGS)

## The schedule benchmark (needs PostgreSQL, Redis and wrk): figures, not a gate. Options: ARGS=--quick
bench: install
	$(BIN)/python bench/schedule.py $(ARGS)

## Interface strings: extract into locale/zh_Hans (translate the new ones), then compile the .mo the site loads.
messages: install
	$(BIN)/python manage.py makemessages --locale zh_Hans --no-obsolete --ignore .venv --ignore var \
		--ignore node_modules --ignore tests --ignore bench
	$(BIN)/python manage.py compilemessages --locale zh_Hans --ignore .venv

lint: install typecheck
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python scripts/check_locks.py

## mypy with django-stubs on the services and selectors (pyproject.toml [tool.mypy]).
typecheck: install
	$(BIN)/mypy

## Production-style processes (need REDIS_URL): a Celery worker and the beat scheduler.
worker: install
	$(BIN)/celery -A wic worker --loglevel=INFO

beat: install
	$(BIN)/celery -A wic beat --loglevel=INFO

clean:
	rm -rf $(VENV) var node_modules

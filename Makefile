# The two set-up commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install css bench clean

# Python packages, reinstalled when requirements.txt changes.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# npm packages (GOV.UK Frontend, Sass, axe-core), exactly as locked.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

# The site's CSS and GOV.UK Frontend's JavaScript, built into static/build/.
static/build/app.css: $(wildcard static/scss/*.scss) node_modules/.installed
	npm run --silent build:css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/build/

css: static/build/app.css

# The server, with the import worker (manage.py db_worker) beside it: it parses large browser
# imports from the task queue. Stopping the server (Ctrl-C) stops the worker.
run: install css
	DEBUG=true $(MANAGE) migrate --no-input
	DEBUG=true $(MANAGE) createcachetable
	DEBUG=true $(MANAGE) seed_demo --if-empty --with-demo-users
	DEBUG=true $(MANAGE) recover_imports
	DEBUG=true $(MANAGE) db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	DEBUG=true $(MANAGE) runserver $(HOST):$(PORT)

# SQLite by default; PostgreSQL when DATABASE_URL is set.
test: install css
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Timings (never asserted in tests): importing a generated 150-page report, among others; then the
# public pages against a trivial WSGI app on PostgreSQL with the national data set (README, "Speed").
bench: install css
	DJANGO_SETTINGS_MODULE=tracker.settings_test $(PY) bench/bench_import.py
	$(PY) bench/bench_public.py

clean:
	rm -rf $(VENV) node_modules static/build staticfiles

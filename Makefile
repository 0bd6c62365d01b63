# casework: two commands for a newcomer.
#   make run   set up everything, load demo data, start web server + Celery worker + beat
#   make test  the whole suite against PostgreSQL and Redis on 127.0.0.1, browser tests included
SHELL := /bin/bash
.DEFAULT_GOAL := run
.PHONY: run test install services chromium wrk bench clean validators

VENV := .venv
PORT ?= 8000
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.requirements-installed
NODE_STAMP := node_modules/.package-lock-installed
CSS := static/build/app.css

# Test database and broker: real PostgreSQL and Redis on this machine. TEST_DB lets two runs
# share the machine (pytest-django creates test_$(TEST_DB)). Each test database is copied from one
# migrated template, made once per version of the code (tests/template_database.py).
TEST_DB ?= casework
TEST_ENV := DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(TEST_DB) \
	REDIS_URL=redis://127.0.0.1:6379/15 \
	SECRET_KEY=test-only-secret-key-not-for-production-use-0123456789abcdef \
	DEBUG=false SECURE_SSL_REDIRECT=false SECURE_COOKIES=false \
	TEST_DB_TEMPLATE=auto

$(PY):
	python3 -m venv $(VENV)

$(PY_STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

# The Department for Education's own validators of the statutory returns (issue 17) need pandas 1.5 and numpy
# 1.24, so they live in a virtual environment of their own, used only by the tests, never by the product.
VALIDATORS := .venv-validators
VALIDATORS_STAMP := $(VALIDATORS)/.requirements-installed

$(VALIDATORS_STAMP): requirements-validators.txt
	python3 -m venv $(VALIDATORS)
	$(VALIDATORS)/bin/python -m pip install --disable-pip-version-check -q -r requirements-validators.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): $(NODE_STAMP) $(wildcard static/scss/*.scss) static/build.mjs
	npm run --silent build

validators: $(VALIDATORS_STAMP)

install: $(PY_STAMP) $(CSS)
	@mkdir -p .staticfiles

run: install
	@export DEBUG=$${DEBUG:-true}; \
	$(PY) manage.py migrate --noinput -v0 && \
	$(PY) manage.py seed_demo && \
	$(PY) manage.py flag_overdue >/dev/null && \
	mkdir -p .celery/broker .celery/processed && \
	trap 'trap - INT TERM EXIT; kill 0' INT TERM EXIT; \
	$(VENV)/bin/celery -A config worker --loglevel=WARNING --concurrency=1 & \
	$(VENV)/bin/celery -A config beat --loglevel=WARNING & \
	echo ""; \
	echo "  casework is running at http://127.0.0.1:$(PORT)/  (Ctrl-C stops the server, worker and beat)"; \
	echo "  Demo log-ins, all with password Casework-Demo-2026:"; \
	echo "    practitioner   social worker, Assessment Team"; \
	echo "    practitioner2  social worker, Children in Care Team"; \
	echo "    practitioner3  senior social worker, Assessment Team"; \
	echo "    manager        team manager, Assessment Team"; \
	echo "    manager2       team manager, Children in Care Team"; \
	echo "    slt            senior leadership"; \
	echo "    edt            emergency duty team"; \
	echo "    admin          administrator (superuser)"; \
	echo "    dpo            data protection officer"; \
	echo "    performance    performance and information (statutory returns)"; \
	echo ""; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload

# Start PostgreSQL and Redis if they are down (they normally run before the session starts).
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
	@for i in $$(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# The suite runs in parallel, one process per core (pytest-xdist), each with its own test database,
# Redis keys, live server and Chromium. In each process the browser tests come last, because they
# empty the tables after each test. TEST_WORKERS=0 runs everything in this one process.
TEST_WORKERS ?= auto
PYTEST := $(TEST_ENV) $(PY) -m pytest -c tests/pytest.ini --rootdir=.

test: install services chromium $(VALIDATORS_STAMP)
	$(PYTEST) -n $(TEST_WORKERS) $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) $(VALIDATORS) node_modules static/build .staticfiles .celery casework.sqlite3*

# wrk loads the record page under gunicorn in `make bench` (Debian's package, installed when missing).
wrk:
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)

# Council-sized benchmark in its own PostgreSQL database (BENCH_SCALE=0.05 for a quick run).
bench: install services wrk
	$(PY) bench/run.py

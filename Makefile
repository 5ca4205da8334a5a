# The two commands: `make run` serves the site as in production, `make test` runs the suite.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
RUN_ENV = PORT=$(PORT)

.PHONY: run test lint install loadtest bench

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable . --group dev
	touch $@

install: $(BIN)/.installed

# The site's configuration, read by every process of the site (the server, cron, a shell); it
# starts with a new secret key, or the one an older checkout kept in .secret_key.
.env:
	key="$$(cat .secret_key 2>/dev/null || $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))")"; \
	  umask 077 && echo "SECRET_KEY=$$key" > $@

run: install .env
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(BIN)/python manage.py load_content
	$(RUN_ENV) exec $(BIN)/gunicorn --config config/gunicorn.py --bind 127.0.0.1:$(PORT) config.wsgi

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

loadtest: install
	$(BIN)/python -m tests.loadtest --readers 50 --seconds 60 --publishes 20 --outages 2
# Measure a production-like server with wrk; BENCH_ARGS="--articles 1000" scales it down.
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m tests.bench $(BENCH_ARGS)

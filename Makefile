# `make run` serves the gateway, `make test` runs every check CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# GraphiQL's browser files, from npm (package-lock.json), served by the gateway itself.
ASSETS := gateway/static/vendor/.built

.PHONY: install run simulator test lint typecheck services unit bench schema clean chromium

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	@touch $(ASSETS)

install: $(STAMP) $(ASSETS)

run: install
	@if [ -n "$$VISMA_API_URL" ]; then \
		exec $(BIN)/python -m gateway serve; \
	else \
		exec $(BIN)/python -m gateway serve --demo; \
	fi

simulator: install
	$(BIN)/python -m gateway simulator --port 8100

test: lint typecheck services unit

# Debian packages the tests run for real (a Redis server, nginx as the replicas' load
# balancer); installed when missing.
services:
	@command -v redis-server >/dev/null || { \
		echo "installing redis-server"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; \
	}
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
		echo "installing nginx-light"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; \
	}

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile

typecheck: install
	$(BIN)/mypy

# The browser tests drive Debian's chromium; installed here when missing (CI runs as root).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "chromium missing: run 'sudo apt-get install chromium' (browser tests skip)"; \
		fi; \
	fi

unit: install chromium
	$(BIN)/pytest -q

bench: install
	$(BIN)/python -m bench.q1

schema: install
	$(BIN)/python -m gateway export-schema > schema.graphql

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache

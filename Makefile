# `make run` serves the gateway, `make test` runs every check CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Python packages come from uv.lock, installed by uv at the version that lock pins for itself.
UV := $(BIN)/uv
UV_VERSION = $(shell sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' uv.lock)
export UV_PYTHON_DOWNLOADS := never
# GraphiQL's browser files, from npm (package-lock.json), served by the gateway itself.
ASSETS := gateway/static/vendor/.built
# Debian packages are installed as root, or through sudo for a user who has it.
ROOT_OR_SUDO := $(shell [ "$$(id -u)" = 0 ] && echo root || command -v sudo)
SUDO := $(filter-out root,$(ROOT_OR_SUDO))
apt_install = $(if $(ROOT_OR_SUDO),$(SUDO) apt-get update -qq \
	&& $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1), \
	echo "$(1) is missing: install it as root (apt-get install $(1))" >&2; false)

.PHONY: install lock run simulator test lint typecheck services unit bench bench-peers schema generate coverage-doc clean chromium

$(UV):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"

# The venv holds exactly what uv.lock pins (runtime and dev tools) and the project, editable.
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --quiet --frozen --extra dev
	@touch $(STAMP)

$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	@touch $(ASSETS)

install: $(STAMP) $(ASSETS)

# `make lock` moves every Python package in uv.lock to its newest release that pyproject.toml allows.
lock: $(UV)
	$(UV) lock --upgrade

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
# balancer); installed when missing (root or sudo).
services:
	@command -v redis-server >/dev/null || { \
		echo "installing redis-server (Debian package)"; \
		$(call apt_install,redis-server); \
	}
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
		echo "installing nginx-light (Debian package)"; \
		$(call apt_install,nginx-light); \
	}

lint: install
	$(UV) lock --check --quiet
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile

typecheck: install
	$(BIN)/mypy

# The browser tests drive Debian's chromium; installed when missing (root or sudo).
chromium:
	@test -x /usr/bin/chromium || { \
		echo "installing chromium (Debian package)"; \
		$(call apt_install,chromium); \
	}

# Every test runs (under CI=true a skip fails), above the coverage floor in pyproject.toml.
unit: install services chromium
	$(BIN)/pytest -q -rs --cov --cov-report=term

bench: install
	$(BIN)/python -m bench.q1
	$(BIN)/python -m bench.q2
	$(BIN)/python -m bench.response_cache
	$(BIN)/python -m bench.big_company

# Q1 against GraphQL Mesh (bench/peers.py); Mesh comes from npm (bench/peers/package-lock.json)
# into bench/peers/node_modules, which git ignores.
PEERS := bench/peers/node_modules/.installed
$(PEERS): bench/peers/package.json bench/peers/package-lock.json
	npm ci --prefix bench/peers --no-audit --no-fund --loglevel=error
	@touch $(PEERS)

bench-peers: install $(PEERS)
	$(BIN)/python -m bench.peers

schema: install
	$(BIN)/python -m gateway export-schema > schema.graphql

# The GraphQL types of the declared resources, from spec/visma-erp-openapi.json (committed).
generate: install
	$(BIN)/python -m gateway.resources.generate
	$(MAKE) coverage-doc

# docs/coverage.md: which of Visma's accounts-payable operations and DTO properties the graph exposes.
coverage-doc: install
	$(BIN)/python -m gateway.resources.coverage > docs/coverage.md

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .coverage

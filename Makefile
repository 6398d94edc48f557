# Frontline — `make help` lists the targets.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS :=

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# torch first, pinned to the CPU build: a bare torch requirement would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install Frontline with its dev tools

browser: ## Install Debian's Chromium and a CJK font for the widget's browser tests (never a Playwright download)
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	@# Without a CJK font Chromium draws the Chinese UI as empty boxes in screenshots.
	@fc-list :lang=zh | grep -q . || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null)

run: install ## Load the demo bank, ingest the playbooks and serve on http://127.0.0.1:8000
	$(VENV)/bin/frontline data demo
	$(VENV)/bin/frontline ingest
	@# The demo page needs a token: RM001's demo token unless you set your own (loopback only).
	@# The demo bank's extract is dated: count from its as-of day unless you pin another.
	FRONTLINE_TODAY="$${FRONTLINE_TODAY:-extract}" FRONTLINE_DEMO_PAGE=true FRONTLINE_API_TOKENS="$${FRONTLINE_API_TOKENS:-demo-rm001:RM001}" $(VENV)/bin/frontline serve --host $(HOST) --port $(PORT)

test: install browser ## Run the whole suite (SQLite, PostgreSQL, browser) and the golden-set gate
	@# Two workers (the machine has two cores), each file kept on one worker: its fixtures are built once.
	$(PY) -m pytest -q -n 2 --dist loadfile --durations=25

lint: install ## ruff (lint + format check) and mypy
	$(VENV)/bin/ruff check assistant knowledge tools integrations evals testkit tests benchmarks
	$(VENV)/bin/ruff format --check assistant knowledge tools integrations evals testkit tests benchmarks
	$(VENV)/bin/mypy

intents: install ## Regrow tools/policy/intents-asked.yaml from the blind rounds' dev halves (both banks)
	PY=$(PY) bash evals/grow_intents.sh

bench: install ## Run the benchmarks (figures go in the README)
	$(PY) benchmarks/import_demo.py

clean: ## Remove the venv and local data
	rm -rf $(VENV) .frontline

.PHONY: help install browser run test lint intents bench clean

# One command per chore. `make run` and `make test` are the README's two commands.
.DEFAULT_GOAL := help
SHELL := /bin/bash

# Django 6 needs Python 3.12+. Prefer one on PATH, else a pyenv-installed one.
PYTHON ?= $(shell for p in python3.13 python3.12 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) python3; do \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p || echo $$p; } && break; done)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "需要 Python 3.12 或更高版本 (Python 3.12+ is required)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[web,dev]"
	touch $@

install: $(BIN)/.installed  ## Create .venv and install jixiao with the web and dev extras.

run: install  ## Start the web application on SQLite with demo data from the seeds.
	$(BIN)/jixiao serve --demo --host $(HOST) --port $(PORT)

# The web tests run a second time on PostgreSQL (the browser walk-through only once).
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
test: install  ## Run the whole test suite (web tests again on PostgreSQL if one answers).
	$(BIN)/python -m pytest
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "PostgreSQL: $(PG_URL)"; \
	  DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest tests/jixiao_web --ignore=tests/jixiao_web/e2e -p no:cacheprovider; \
	else echo "跳过 PostgreSQL 测试：$(PG_URL) 无法连接 (skipping the PostgreSQL pass: no server answers)"; fi

lint: install  ## ruff check and format check.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install  ## Format the code.
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install  ## Run the benchmarks and print their figures.
	$(BIN)/python bench/import_speed.py
	$(BIN)/python bench/review_speed.py
	$(BIN)/python bench/web_load.py

docs: install  ## Regenerate docs/rules from the rules' code (commit the result).
	$(BIN)/python -m jixiao.rules.docs

check: lint test  ## Everything CI runs.

.PHONY: help install run test lint fmt bench docs check

# Laissez task runner. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup run test test-fast lint bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: ## install Debian packages (as root), create .venv, install the project
	@bash scripts/setup.sh

run: setup ## open the application on your per-user data directory
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "No display found: starting Laissez on a virtual screen (Xvfb)."; \
	  echo "Set DISPLAY to use a real screen."; \
	  xvfb-run -a -s "-screen 0 1400x900x24" $(VENV)/bin/laissez; \
	else $(VENV)/bin/laissez; fi

test: setup ## run the whole test suite headless
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

test-fast: setup ## the suite without slow tests (OCR, crash loops)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

lint: setup ## ruff and mypy (strict on laissez/documents)
	$(VENV)/bin/ruff check laissez tests bench
	$(VENV)/bin/ruff format --check laissez tests bench
	$(VENV)/bin/mypy laissez

bench: setup ## run the benchmarks: prints a table, writes bench/latest.json
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run

clean: ## remove build artefacts (keeps .venv)
	rm -rf build dist *.egg-info .mypy_cache .ruff_cache

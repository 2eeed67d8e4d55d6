# Laissez task runner. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup run test test-fast lint bench audit screenshots clean extract-strings update-strings check-strings
.PHONY: dist dist-clean

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

lint: setup check-strings ## ruff, mypy (strict on laissez/documents), stale-catalogue check
	$(VENV)/bin/ruff check laissez tests bench scripts
	$(VENV)/bin/ruff format --check laissez tests bench scripts
	$(VENV)/bin/mypy laissez

BABEL_EXTRACT = $(VENV)/bin/pybabel -q extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 \
	-k pgettext:1c,2 --add-comments=Translators: --no-location --sort-output \
	--project=Laissez --copyright-holder="Laissez developers" --msgid-bugs-address=""
POT := laissez/locale/laissez.pot
UI_LANGS := fr es ar

extract-strings: setup ## regenerate the translation template from the source
	$(BABEL_EXTRACT) -o $(POT) laissez

update-strings: extract-strings ## merge the template into every interface catalogue
	for lang in $(UI_LANGS); do \
	  $(VENV)/bin/pybabel -q update -i $(POT) -d laissez/locale -D laissez -l $$lang --no-fuzzy-matching -w 100; \
	done

# The header lines that name the date and Babel's version are left out of the comparison.
check-strings: setup ## fail when the template is stale or a .po misses a translation
	@tmp=$$(mktemp); $(BABEL_EXTRACT) -o $$tmp laissez; \
	if diff -q <(grep -v -e POT-Creation-Date -e Generated-By $$tmp) <(grep -v -e POT-Creation-Date -e Generated-By $(POT)) >/dev/null; \
	then rm -f $$tmp; echo "translation template is up to date"; \
	else diff <(grep -v -e POT-Creation-Date -e Generated-By $(POT)) <(grep -v -e POT-Creation-Date -e Generated-By $$tmp) | head -20; rm -f $$tmp; \
	echo "translation template is stale: run 'make update-strings' and translate"; exit 1; fi
	@QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:randomly tests/test_i18n.py

bench: setup ## run the benchmarks: prints a table, writes bench/latest.json
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run

audit: setup ## known vulnerabilities of the dependencies (pip-audit, else $$LAISSEZ_AUDIT_OSV_DIR; says when it could not check)
	$(PY) scripts/audit.py

screenshots: setup ## every page in English and Arabic on a virtual screen, into /tmp/shots
	xvfb-run -a -s "-screen 0 1400x900x24" $(PY) scripts/screenshots.py /tmp/shots
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) scripts/screenshots.py /tmp/shots 1366x768

clean: ## remove build artefacts (keeps .venv)
	rm -rf build dist *.egg-info .mypy_cache .ruff_cache

dist: setup ## build the Linux bundle and .deb into dist/, then smoke-test the .deb (minutes)
	$(PY) installers/linux/build.py

dist-clean: ## remove the bundle, packages and PyInstaller's work folder
	rm -rf dist build/pyinstaller

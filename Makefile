# Two commands on a fresh machine: `make serve` and `make test`. Everything else is their parts.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
CHROMIUM ?= /usr/bin/chromium
NGINX ?= /usr/sbin/nginx
export CHROMIUM NGINX
# Where `make serve` listens: this machine only by default; SERVE_ADDRESS=0.0.0.0:8000 lets the phones of a
# training room on the same network open it. It prints the addresses they can open: the QR codes point at
# the address the page is open at, so the trainer opens one of those.
SERVE_ADDRESS ?= 127.0.0.1:8000

.PHONY: serve build test lint test-engine test-python test-node test-browser chromium nginx bench mutate fuzz clean artefacts

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The wheels the page loads into Pyodide for .xlsx files (hash-pinned, served by the site itself).
BROWSER_WHEELS := build/browser-wheels
$(BROWSER_WHEELS)/.downloaded: requirements-browser.txt $(BIN)/.installed
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: --require-hashes \
	  -r requirements-browser.txt -d $(BROWSER_WHEELS)
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

site/.built: $(BIN)/.installed node_modules/.installed $(BROWSER_WHEELS)/.downloaded mkdocs.yml $(shell find docs macros calculators source overrides -type f 2>/dev/null) pyproject.toml
	$(BIN)/mkdocs build --strict
	touch $@

build: site/.built

serve: $(BIN)/.installed node_modules/.installed $(BROWSER_WHEELS)/.downloaded
	@$(BIN)/python -m devkit.addresses $(SERVE_ADDRESS)
	$(BIN)/mkdocs serve --strict --no-livereload -a $(SERVE_ADDRESS)

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: install Debian's chromium package (as root: apt-get install chromium)"; exit 1; fi; \
	fi

# The snippet's own test serves the site from a real nginx (tests/test_nginx.py).
nginx:
	@if [ ! -x "$(NGINX)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx openssl >/dev/null; \
	  else echo "nginx is missing: install Debian's nginx package (as root: apt-get install nginx)"; exit 1; fi; \
	fi

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/actionlint .github/workflows/*.yml

# The engine's tests alone, in an environment of their own with nothing of the site's toolchain: a change
# to the calculators is checked in seconds, without a build.
ENGINE_VENV := .venv-engine
$(ENGINE_VENV)/.installed: requirements-engine.txt
	$(PYTHON) -m venv $(ENGINE_VENV)
	$(ENGINE_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-engine.txt
	touch $@

test-engine: $(ENGINE_VENV)/.installed
	$(ENGINE_VENV)/bin/python -m pytest -q -n 2 -p no:cacheprovider tests/engine

test-python: $(BIN)/.installed site/.built nginx
	$(BIN)/pytest -q -p no:playwright --ignore=tests/browser --ignore=tests/engine

test-node: site/.built
	node --test tests/node/

test-browser: $(BIN)/.installed site/.built chromium
	$(BIN)/pytest -q -n 4 --dist load --maxschedchunk 1 tests/browser

# The set-up, the lint and the engine's own tests two at a time (the engine's environment and tests
# need nothing of the site's, so they run while the site's environment installs and the site builds);
# then the tests of the built site, one tier after another.
test:
	$(MAKE) --no-print-directory -j2 --output-sync=target lint test-engine site/.built chromium nginx
	$(MAKE) --no-print-directory test-python test-node test-browser

bench: $(BIN)/.installed site/.built chromium
	$(BIN)/python bench/run.py

$(BIN)/.mutate-installed: $(BIN)/.installed requirements-mutate.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-mutate.txt
	touch $@

# Not part of make test: plants deliberate bugs one at a time and reports which the fast suites catch.
mutate: $(BIN)/.mutate-installed node_modules/.installed site/.built
	$(BIN)/python tests/mutate.py

# Not part of make test (which runs the same fuzzing with a small budget): 40,000 mutated rosters, any seed.
fuzz: $(BIN)/.installed
	FUZZ_CASES=$${FUZZ_CASES:-40000} FUZZ_SEED=$${FUZZ_SEED:-$$(date +%s)} $(BIN)/python -m pytest -q tests/engine/test_fuzz.py

# Accepts the calculators' current wording: rewrites tests/artefacts/ (review the diff first).
artefacts: $(BIN)/.installed
	$(BIN)/python tests/artefacts.py

clean:
	rm -rf site build $(VENV) $(ENGINE_VENV) node_modules

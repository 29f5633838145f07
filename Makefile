# Two commands do everything on a fresh machine:
#   make run    build the registry and show it (creates .venv and installs first)
#   make test   run every check and test (creates .venv and installs first)
# Without make (e.g. on Windows): see README.md, "Without make".

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev
NPM_DIR := tests/site/npm
AXE     := $(NPM_DIR)/node_modules/axe-core/axe.min.js

.DEFAULT_GOAL := help
.PHONY: help run test lint typecheck pytest bench clean products-test bench-growth chromium node axe r

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: $(STAMP)  ## build the registry site from the shipped registry and serve it on 127.0.0.1
	$(BIN)/nhsoa site serve

test: lint typecheck pytest products-test  ## run every check and test

lint: $(STAMP)  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)  ## mypy on src
	$(BIN)/mypy

pytest: $(STAMP) chromium node $(AXE) r  ## the test suite
	$(BIN)/pytest

bench: $(STAMP)  ## benchmarks (prints ratios against baselines)
	$(BIN)/python benchmarks/validate.py
	$(BIN)/python benchmarks/new.py
	$(BIN)/python benchmarks/site.py
	$(BIN)/python benchmarks/search.py

chromium:  ## Debian's chromium for the browser tests (skipped when already installed)
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

node:  ## Node.js, which runs the site's search script in the tests (skipped when already installed)
	@command -v node >/dev/null || (apt-get update && apt-get install -y nodejs)

# axe-core, which the browser tests run in every kind of page: the version pinned in
# tests/site/npm/package-lock.json, from the npm registry (npm from Debian when missing)
axe: $(AXE)  ## axe-core for the accessibility tests (npm ci in tests/site/npm)

$(AXE): $(NPM_DIR)/package.json $(NPM_DIR)/package-lock.json
	@command -v npm >/dev/null || (apt-get update && apt-get install -y npm)
	npm ci --prefix $(NPM_DIR) --no-audit --no-fund
	touch $@

# What the R flavour of the template needs to run its products' checks (renv and Quarto are optional)
R_PACKAGES := r-base-core pandoc r-cran-logger r-cran-knitr r-cran-rmarkdown r-cran-pkgload r-cran-testthat \
	r-cran-withr r-cran-lintr r-cran-roxygen2

r:  ## Debian's R, pandoc and R packages for the R products' tests (skipped when all are installed)
	@dpkg -s $(R_PACKAGES) >/dev/null 2>&1 || (apt-get update && apt-get install -y --no-install-recommends $(R_PACKAGES))

# products/growth-centiles has its own environment (AGPL, rcpchgrowth, pyspark); its tests run in it
GROWTH     := products/growth-centiles
GROWTH_BIN := $(GROWTH)/.venv/bin

$(GROWTH)/.venv/.installed-dev: $(GROWTH)/pyproject.toml pyproject.toml
	$(MAKE) -C $(GROWTH) install

products-test: $(GROWTH)/.venv/.installed-dev  ## growth-centiles in its own venv: lint, tests, docs, product.yaml, drift
	$(MAKE) -C $(GROWTH) check

bench-growth: $(GROWTH)/.venv/.installed-dev  ## growth-centiles benchmark against rcpchgrowth
	$(GROWTH_BIN)/python benchmarks/growth.py

clean:  ## remove the virtual environment and build output
	rm -rf $(VENV) build dist site-build .pytest_cache .mypy_cache .ruff_cache $(NPM_DIR)/node_modules

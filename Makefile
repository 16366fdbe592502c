# Relais — the front door. `make run` and `make test` work on a fresh Debian machine: they install what
# is missing (as root), build, and go.

SWIFT ?= swift
PYTHON ?= python3
PORT ?= 8080

# Debian packages the build needs (libcurl for mail, SQLite for GRDB) and the browser tests need.
BUILD_PACKAGES := libcurl4-openssl-dev libsqlite3-dev zlib1g-dev pkg-config
TEST_PACKAGES := chromium chromium-driver
# PyPI packages of the end-to-end tests (real browser through WebDriver, axe-core for accessibility)
# are listed in Tests/e2e/requirements.txt.

.PHONY: run test test-swift test-e2e build build-tests bench fmt deps test-deps clean-data help

help:
	@echo "make run    install what is missing, build, migrate, seed and serve the demo on http://127.0.0.1:$(PORT)"
	@echo "make test   install what is missing and run every test (Swift tests, then browser and start-up tests)"
	@echo "make bench  run the benchmarks under bench/"

# Installs the Debian packages named in $(1) when one is missing: as root directly, otherwise says how.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "Missing Debian packages:$$missing"; \
	    echo "Install them with: sudo apt-get update && sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PACKAGES))

test-deps: deps
	$(call apt_install,$(TEST_PACKAGES))
	@$(PYTHON) -c "import pytest, selenium, axe_selenium_python, selenium_axe_python, aiosmtpd, zxingcpp, PIL, icalendar" 2>/dev/null || \
	  $(PYTHON) -m pip install --quiet --disable-pip-version-check -r Tests/e2e/requirements.txt

# Only the executable: the test support target would pull the HTTP client and TLS in for nothing.
build: deps
	$(SWIFT) build --product relais

build-tests: deps
	$(SWIFT) build --build-tests

# Migrates and seeds by itself on an empty database (data/relais.sqlite), then serves the demo.
run: build
	./.build/debug/relais serve --demo --port $(PORT)

test: test-deps build-tests
	$(SWIFT) test --skip-build
	RELAIS_BIN=$(CURDIR)/.build/debug/relais $(PYTHON) -m pytest Tests/e2e -q

# One Swift test or suite: make test-swift FILTER=SeedImportTests
test-swift: build-tests
	$(SWIFT) test --skip-build $(if $(FILTER),--filter $(FILTER))

# The browser and start-up tests alone: make test-e2e [K=smoke]
test-e2e: test-deps build
	RELAIS_BIN=$(CURDIR)/.build/debug/relais $(PYTHON) -m pytest Tests/e2e -q $(if $(K),-k $(K))

# Benchmarks run on a release build; each bench/*.sh prints its table (see bench/README.md).
bench: deps
	$(call apt_install,wrk)
	$(SWIFT) build -c release --product relais
	@for b in bench/*.sh; do RELAIS_BIN=$(CURDIR)/.build/release/relais bash $$b || exit 1; done

fmt:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean-data:
	rm -rf data

# Rose Ash social sharing service. The two commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Build folder; point it outside the clone (BUILD_DIR=~/.cache/social-build) to reuse builds.
BUILD_DIR ?= $(CURDIR)/.build
SWIFT_FLAGS := --scratch-path $(BUILD_DIR)
ifeq ($(CI),true)
SWIFT_FLAGS += -Xswiftc -warnings-as-errors
endif
BIN := $(BUILD_DIR)/debug
VENV := $(CURDIR)/.venv
PG := scripts/postgres.sh

.PHONY: help run test build build-tests deps assets db db-stop clean-db migrate compose-check setup-check differential drills run-drills acceptance run-acceptance screenshots fernet-fixtures clean bench bench-deps format format-check

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

deps: ## Install missing system packages (libxml2-dev, pkg-config, postgresql)
	@bash scripts/system-deps.sh

assets: ## Fetch Font Awesome Free from PyPI into the served static files
	@python3 scripts/fetch_assets.py

build: deps assets ## Build social-service and social-sandbox
	swift build $(SWIFT_FLAGS)

build-tests: deps assets
	swift build $(SWIFT_FLAGS) --build-tests

db: deps ## Start this clone's PostgreSQL (unless DATABASE_URL is set); prints where its data lives
	@if [ -z "$$DATABASE_URL" ]; then bash $(PG) start; fi

db-stop: ## Stop this clone's PostgreSQL
	@bash $(PG) stop

clean-db: ## Stop this clone's PostgreSQL and delete its data
	@bash $(PG) clean

migrate: build db ## Apply database migrations
	@DATABASE_URL="$${DATABASE_URL:-$$(bash $(PG) url)}" $(BIN)/social-service migrate

run: build ## Set up everything and serve http://127.0.0.1:8080 (sandbox on :8100, dev login on)
	@bash scripts/write-dotenv.sh $(BIN)/social-service
	@bash scripts/run-local.sh $(BIN)

# One build serves the Swift suites and the browser suite.
test: build-tests db $(VENV)/.ok ## Run every test suite against a throwaway database
	@$(MAKE) --no-print-directory format-check
	@export TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$${DATABASE_URL:-$$(bash $(PG) admin-url)}}"; \
	  swift test $(SWIFT_FLAGS) --skip-build --disable-xctest
	@$(MAKE) --no-print-directory compose-check
	@$(MAKE) --no-print-directory setup-check
	@$(VENV)/bin/python scripts/differential/mastodon_py.py $(BIN)/social-sandbox
	@$(VENV)/bin/python scripts/differential/tweepy_x.py $(BIN)/social-sandbox
	@$(VENV)/bin/python scripts/differential/atproto_bsky.py $(BIN)/social-sandbox
	@$(VENV)/bin/python scripts/differential/feedparser_diff.py $(BIN)/social-service
	@$(MAKE) --no-print-directory run-drills
	@$(MAKE) --no-print-directory run-acceptance

acceptance: build-tests db ## Browser acceptance suite (Playwright + Debian's chromium) on ports 18080, 18100, 18201-18203 (or the next free ones)
	@$(MAKE) --no-print-directory run-acceptance

run-acceptance: db
	@export ACCEPTANCE_ADMIN_URL="$${ACCEPTANCE_ADMIN_URL:-$${TEST_DATABASE_URL:-$${DATABASE_URL:-$$(bash $(PG) admin-url)}}}"; \
	  bash acceptance/run.sh $(BIN)

screenshots: ## Copy the README's screenshots from the last browser suite's artifacts/ to docs/screenshots/ (made small)
	@python3 scripts/screenshots.py artifacts docs/screenshots

drills: build-tests db $(VENV)/.ok ## Crash and scale drills: kill -9 mid-share and mid-webhook, two instances on one database
	@$(MAKE) --no-print-directory run-drills

run-drills: db $(VENV)/.ok
	@export DRILLS_ADMIN_URL="$${DRILLS_ADMIN_URL:-$${TEST_DATABASE_URL:-$${DATABASE_URL:-$$(bash $(PG) admin-url)}}}"; \
	  bash drills/run.sh $(BIN)

differential: build-tests $(VENV)/.ok ## Mastodon.py, tweepy and atproto (from PyPI) against the sandbox's Mastodon, Takahē, X and Bluesky; feedparser against our feed parser
	@$(VENV)/bin/python scripts/differential/mastodon_py.py $(BIN)/social-sandbox
	@$(VENV)/bin/python scripts/differential/tweepy_x.py $(BIN)/social-sandbox
	@$(VENV)/bin/python scripts/differential/atproto_bsky.py $(BIN)/social-sandbox
	@$(VENV)/bin/python scripts/differential/feedparser_diff.py $(BIN)/social-service

# Release builds for `make bench`: the service and sandbox, and the Ingest benchmark (bench/ingest/).
RELEASE_BUILD_DIR ?= $(CURDIR)/.build-release
BENCH_BUILD_DIR ?= $(CURDIR)/.build-bench

bench-deps: ## Install wrk and nginx-light (Debian) for make bench
	@if ! command -v wrk >/dev/null || ! { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; }; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null; fi

bench: deps assets bench-deps db $(VENV)/.ok ## Release build, then every hot path measured beside its reference (README "Benchmarks")
	swift build -c release --scratch-path $(RELEASE_BUILD_DIR)
	swift build -c release --package-path bench/ingest --scratch-path $(BENCH_BUILD_DIR)
	@export BENCH_ADMIN_URL="$${BENCH_ADMIN_URL:-$${TEST_DATABASE_URL:-$${DATABASE_URL:-$$(bash $(PG) admin-url)}}}"; \
	  bash bench/run.sh $(RELEASE_BUILD_DIR)/release $(BENCH_BUILD_DIR)/release/IngestBench

# swift-format ships with the Swift toolchain; the style is .swift-format at the top of the clone.
FORMAT_PATHS = Package.swift Sources Tests Fuzz bench/ingest

format: ## Format every Swift file in place (swift-format, .swift-format)
	swift format --in-place --recursive --parallel $(FORMAT_PATHS)

format-check: ## Fail when a Swift file is not formatted (part of make test)
	@swift format lint --strict --recursive --parallel $(FORMAT_PATHS) || { echo "format-check: run make format"; exit 1; }

setup-check: ## Clones this repository into private folders and checks each gets a PostgreSQL of its own
	@bash scripts/check-setup.sh

compose-check: $(VENV)/.ok ## Validate docker-compose.yml against the Compose specification schema
	@$(VENV)/bin/python scripts/check_compose.py docker-compose.yml

fernet-fixtures: $(VENV)/.ok ## Regenerate Fixtures/fernet with Python's cryptography
	$(VENV)/bin/python scripts/make_fernet_fixtures.py

$(VENV)/.ok: scripts/requirements.txt
	@python3 -m venv $(VENV)
	@$(VENV)/bin/pip install -q --disable-pip-version-check -r scripts/requirements.txt
	@touch $@

clean: ## Remove build products (keeps the database)
	rm -rf $(BUILD_DIR) $(VENV)

# libFuzzer targets in Fuzz/ (a separate package; README.md, "Input handling"). Each runs for
# FUZZ_SECONDS from a corpus seeded with Fixtures/; crashes are saved in .build-fuzz/crashes/.
# Built optimised (-c release), as libFuzzer's documentation advises (-O1 or higher): the
# 2-second limit in Fuzz/run.sh then measures the parsers, not unoptimised generic Swift.
FUZZ_SECONDS ?= 60
FUZZ_BUILD := $(CURDIR)/.build-fuzz
FUZZ_TARGETS := FuzzHTML FuzzFeed FuzzJSONLD FuzzDate

.PHONY: fuzz fuzz-ci fuzz-build

fuzz-build: deps
	swift build --package-path Fuzz -c release --scratch-path $(FUZZ_BUILD) -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld $(if $(filter true,$(CI)),-Xswiftc -warnings-as-errors)

fuzz: fuzz-build ## Run every libFuzzer target for FUZZ_SECONDS (default 60) each
	@bash Fuzz/run.sh $(FUZZ_BUILD)/release $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-ci: ## make fuzz with 15 seconds a target (CI)
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=15

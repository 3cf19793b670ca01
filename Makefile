# The two commands the README promises: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# pytest-xdist spreads the suite over the machine's cores; TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto

.PHONY: run test install install-dev npm css browser setup lint serve clean opensearch

run: install npm css setup ## Create the venv, install everything, load the demo and serve on 127.0.0.1:$(PORT)
	$(MANAGE) set_site_address 127.0.0.1 $(PORT)
	@echo "Serving the CX Toolkit on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

setup: ## Migrate, set up roles and workflow, load demo content, create the demo admin (all idempotent)
	$(MANAGE) migrate --no-input
	$(MANAGE) setup_editorial
	$(MANAGE) load_demo_content
	$(MANAGE) create_demo_admin

test: install-dev npm css browser ## Install what the tests need, then run the checks and the whole suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(VENV)/.requirements.stamp
$(VENV)/.requirements.stamp: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

install-dev: $(VENV)/.requirements-dev.stamp
$(VENV)/.requirements-dev.stamp: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $(VENV)/.requirements.stamp $@

npm: node_modules/.install.stamp
node_modules/.install.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The site's one stylesheet, USWDS cut down to what the templates use (frontend/build-css.mjs). Built
# every time (about a second): a template that starts using a class needs its rules in the sheet.
css: npm ## Build build/static/css/cxkb.css from USWDS, the templates and static/css
	npm run --silent build:css

# Browser tests drive the distribution's Chromium (Playwright's own browser download is not used).
browser:
	@if [ -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Chromium for the browser tests..."; \
		apt-get -o DPkg::Lock::Timeout=300 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium not found: browser tests will be skipped. Install it (apt-get install chromium) or set CHROMIUM_PATH."; \
	fi

opensearch: install ## Run a real OpenSearch node in the foreground on 127.0.0.1:$$OPENSEARCH_PORT (9201); OPENSEARCH_VERSION=2|3
	$(BIN)/python -m search.opensearch.node

lint: install-dev ## Fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the virtualenv, node_modules, the built stylesheet, the SQLite database and uploaded media
	rm -rf $(VENV) node_modules build db.sqlite3 media .test-media

# The two commands a newcomer needs: `make run` and `make test`. Only python3 and make are assumed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := BOSETTING_DEMO=1 DJANGO_SETTINGS_MODULE=bosetting.settings.local
# The demo shows what users see: Norwegian error pages, not Django's English debug pages
# (`make run DEBUG=1` for those).
DEBUG ?= 0
ALLOWED_HOSTS ?= $(HOST),127.0.0.1,localhost
# The address the links in e-mails point to, and that the demo logins print: the one served.
SITE_URL ?= http://$(HOST):$(PORT)
RUN_ENV := $(DEMO_ENV) DEBUG=$(DEBUG) ALLOWED_HOSTS=$(ALLOWED_HOSTS) SITE_URL=$(SITE_URL)

.PHONY: install system-packages debian-packages run test test-office test-prod-like check bench guides clean

install: $(STAMP)

# Chromium, fonts and Node.js from Debian (as root; otherwise it says what is missing):
# scripts/install-system-packages. Node.js runs the test OpenID provider (scripts/oidc-provider),
# whose npm packages are installed from its lock file.
OIDC_PROVIDER := scripts/oidc-provider
OIDC_PROVIDER_STAMP := $(OIDC_PROVIDER)/node_modules/.installed-stamp
system-packages: $(OIDC_PROVIDER_STAMP)

debian-packages:
	@scripts/install-system-packages browser fonts node

$(OIDC_PROVIDER_STAMP): $(OIDC_PROVIDER)/package-lock.json | debian-packages
	@if command -v npm >/dev/null 2>&1; then \
		cd $(OIDC_PROVIDER) && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed-stamp; \
	else echo "npm is missing: the Ansattporten tests need Node.js (scripts/install-system-packages node)" >&2; fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# Migrate, load reference and demo data, then serve at http://$(HOST):$(PORT)/ with the task worker beside it.
run: install
	@scripts/install-system-packages fonts
	@mkdir -p var
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py load_municipalities
	$(RUN_ENV) $(BIN)/python manage.py load_population
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	@$(RUN_ENV) $(BIN)/python manage.py demo_logins
	@$(RUN_ENV) $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT) --noreload

# The whole test suite. DATABASE_URL=postgres://... runs it on PostgreSQL instead of SQLite.
test: install system-packages
	$(BIN)/pytest

# Benchmarks on their own database (var/bench-national.sqlite3 unless BENCH_DATABASE_URL is set),
# with debug off, on the national data set (generated once, a few minutes; later runs skip it).
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench-national.sqlite3
BENCH_ENV := $(DEMO_ENV) DEBUG=0 ALLOWED_HOSTS=testserver DATABASE_URL=$(BENCH_DATABASE_URL)
bench: install
	@mkdir -p var
	$(BENCH_ENV) $(BIN)/python manage.py migrate --no-input
	$(BENCH_ENV) $(BIN)/python manage.py seed_demo --scale national
	$(BENCH_ENV) $(BIN)/python manage.py bench

# The user guides' screenshots made again from the demo data, into the help app's static files
# (bosetting/help/guides/ names them; commit the PNGs that changed).
guides: install system-packages
	BOSETTING_GUIDES_DIR=$(CURDIR)/bosetting/help/static/help/screenshots \
		$(BIN)/pytest bosetting/tests_browser/test_guide_screenshots.py

# The exports opened in LibreOffice: needs `soffice` (Debian: apt-get install libreoffice-calc-nogui).
test-office: install
	@scripts/install-system-packages office
	$(BIN)/pytest -m office

# Across two gunicorn app servers behind nginx, on PostgreSQL and Redis (scripts/prod-like starts
# and stops them on a fresh database of its own). Beside another run, give it its own ports and
# database: PROD_LIKE_PORT=8311 PROD_LIKE_APP_PORTS="8312 8313" PROD_LIKE_DATABASE=... make test-prod-like
test-prod-like: install
	$(BIN)/pytest -m prodlike bosetting/tests_prodlike

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy bosetting
	DJANGO_SETTINGS_MODULE=bosetting.settings.production BOSETTING_DEMO=0 \
		BOSETTING_PASSWORD_LOGIN=1 CACHE_URL=redis://127.0.0.1:6379/0 TRUSTED_PROXY_COUNT=1 \
		SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var

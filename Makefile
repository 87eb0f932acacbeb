# The two commands of the README:
#   make run    set everything up and run the portal with demo data (SQLite, no server needed)
#   make test   run the whole test suite (PostgreSQL when DATABASE_URL is set, else SQLite)

PYTHON ?= $(shell command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup messages voikko lint format bench

setup: $(INSTALLED) messages voikko

# The development environment: the runtime lock plus tests, linters and benchmarks
# (requirements-dev.lock contains both). The production image installs requirements.lock only.
$(INSTALLED): requirements.lock requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements-dev.lock
	touch $(INSTALLED)

# Finnish search needs the Voikko library and its Finnish dictionary, which pip cannot install.
voikko: $(INSTALLED)
	@$(BIN)/python -c "import libvoikko; libvoikko.Voikko('fi')" 2>/dev/null || { \
	  echo "Finnish search needs Voikko: install the Debian packages libvoikko1 and voikko-fi"; \
	  echo "(sudo apt-get install libvoikko1 voikko-fi)."; exit 1; }

# Compiled catalogues (.mo) are build products, made from the committed .po files.
messages: $(INSTALLED)
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv --verbosity=0

run: setup
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_demo_data
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# One pytest worker per CPU (pytest-xdist), each with its own test database.
test: setup
	SECRET_KEY=insecure-key-for-tests-only $(BIN)/python -m pytest --numprocesses=auto $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run --no-input

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The two commands a newcomer needs: `make run` and `make test`.
# Everything they install or start lives in .venv/ and .local/ (git-ignored).
SHELL := /bin/bash
ODOO_PORT ?= 8069
export ODOO_PORT

CORE_TESTS = $(addprefix $(ODOO_ADDONS_DIR)/,\
	stock/tests sale_stock/tests purchase/tests mrp/tests stock_barcodes/tests)

.PHONY: help setup run stop test test-core bench lint screenshots clean-db load

help:
	@echo "make run        install everything, start PostgreSQL and Odoo with demo data"
	@echo "make test       install everything, run the whole test suite"
	@echo "make test-core  Odoo's own stock/sale/purchase/mrp tests and OCA stock_barcodes' with our add-ons installed"
	@echo "make stop       stop Odoo and PostgreSQL started by make run"
	@echo "make lint       ruff, pylint-odoo and the Python 3.5 floor (vermin)"
	@echo "make bench      benchmarks, each against Odoo's own way"
	@echo "make load       many users on two prefork nodes, ours against plain Odoo, invariants checked"
	@echo "make screenshots  retake the README screenshots and render the READMEs"

setup:
	@tools/bootstrap.sh
	@tools/pg.sh start
	@tools/db.sh config

# PROD=1: prefork workers, cron worker and long-polling, as in production.
run: setup
	@tools/db.sh demo
	@PROD=$(PROD) tools/run.sh start

stop:
	@tools/run.sh stop
	@tools/pg.sh stop

test:
	@WITH_BROWSER=1 tools/bootstrap.sh
	@tools/pg.sh start
	@tools/db.sh config
	@tools/db.sh template
	@tools/test.sh --ignore=tests/core $(PYTEST_ARGS)

# Odoo's own tests that fail for reasons outside our add-ons are listed, each
# with its reason, in tests/core/deselected.txt (node ids relative to
# odoo/addons/, or to this repository for tests/core/), quoted for the shell.
ODOO_ADDONS_DIR := .venv/lib/python3.11/site-packages/odoo/addons
CORE_DESELECT = $(shell sed -e 's/\#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$$//' -e '/^$$/d' \
	-e '/^tests\//!s|^|$(ODOO_ADDONS_DIR)/|' -e "s|.*|'--deselect=&'|" tests/core/deselected.txt)

# tests/core/odoo_runner.py runs them as Odoo's runner would (install mode for
# at_install tests, HttpCase tests included); tests/core also holds the
# manifests' YAML/XML tests. pytest prints the summary last; its status is ours.
test-core: setup
	@tools/db.sh template
	@tools/test.sh -p no:cacheprovider -p tests.core.odoo_runner $(CORE_TESTS) tests/core $(CORE_DESELECT) $(PYTEST_ARGS)

bench: setup
	@tools/db.sh template
	@tools/bench.sh $(BENCH_ARGS)

# Many users at once on two prefork nodes, our way and plain Odoo's way in
# one run, each task both ways in random order;
# LOAD_ARGS="--users 30 --seconds 600 --samples 150" to change the defaults.
load: setup
	@tools/db.sh template
	@tools/load.sh $(LOAD_ARGS)

# The README screenshots, taken with Chromium from Odoo on a copy of the
# template database; SCREENSHOTS="scan label" retakes only those.
screenshots:
	@WITH_BROWSER=1 tools/bootstrap.sh
	@tools/pg.sh start
	@tools/db.sh config
	@tools/db.sh template
	@.venv/bin/python tools/screenshots.py $(SCREENSHOTS)
	@.venv/bin/python tools/readme.py

# The add-ons' own code (not tests or tools) must run on Python 3.5+, the
# oldest Python an Odoo 11 server runs on: vermin checks the standard library
# and syntax, tools/py35_check.py what vermin cannot see.
VERMIN_ARGS = -q -t=3.5- --no-tips --violations --eval-annotations \
	--no-make-paths-absolute --exclude-regex '(^|/)tests/'

# The batch model is split into one file per concern on purpose (several
# _inherit of one model): pylint-odoo's advice to merge them is turned off here,
# as .pylintrc's "enable=odoolint" would turn it back on there.
lint:
	@.venv/bin/ruff check .
	@.venv/bin/pylint --rcfile=.pylintrc --disable=consider-merging-classes-inherited \
		cloudoffice_lots cloudoffice_fortnox cloudoffice_lots_stock_barcodes
	@.venv/bin/vermin $(VERMIN_ARGS) cloudoffice_lots cloudoffice_fortnox cloudoffice_lots_stock_barcodes
	@.venv/bin/python tools/py35_check.py cloudoffice_lots cloudoffice_fortnox cloudoffice_lots_stock_barcodes

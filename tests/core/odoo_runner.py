"""pytest plugin for ``make test-core``: Odoo's own tests in the registry state
Odoo 11's runner gives them.

Odoo 11 runs a module's ``at_install`` tests (the default for every test case)
and its manifest ``test`` files while it installs the module: the registry is
still in install mode (``registry._init`` is true). Some ORM behaviour depends
on it: ``child_of`` then walks ``parent_id`` (and keeps the location asked
for even when archived) instead of comparing ``parent_left``/``parent_right``
of active records only. Odoo's stock tests put goods in the warehouse's
Packing Zone, archived while the warehouse ships in one step; they pass only
in install mode. pytest-odoo runs every test on a fully loaded registry, so
this plugin puts the registry back into install mode around each phase
(set-up, call, tear-down) of an ``at_install`` test case of an Odoo add-on, as
the runner would. ``post_install`` test cases run as they are.

It also runs Odoo's ``HttpCase`` tests, which Odoo's runner runs and
pytest-odoo skips unless ``--odoo-http``: in these modules they are
accounting flows (``AccountingTestCase`` derives from ``HttpCase``) that open
no page. ``--odoo-http`` on Odoo 11 would not serve HTTP either (Odoo starts
its HTTP thread there only when ``test_enable`` is already set): it would
install Odoo's signal handlers (a second Ctrl-C or SIGTERM then exits with
status 0) and, per test module, drop every registry and shut logging down. So
the option is set for pytest-odoo's HttpCase check, and its server fixture is
replaced by one that starts nothing.

One company setting of cloudoffice_lots is put to Odoo's behaviour before
the tests run: "Count Tracked Products without Numbers" (off by default, on
here). Odoo's stock tests count a serial-tracked product without serial
numbers on purpose (test_inventory_4: "it's possible to add untracked one in an
inventory adjustment"); with the setting off our add-on refuses that, which
cloudoffice_lots' own tests check. Everything else runs with our rules as a
new database has them.

Loaded with ``-p tests.core.odoo_runner``.
"""
from contextlib import contextmanager

import odoo
import pytest


def _registry():
    from odoo.tests.common import get_db_name

    return odoo.registry(get_db_name())


@contextmanager
def install_mode(registry=None):
    """The registry as during a module install, restored afterwards."""
    registry = registry or _registry()
    was_init, init_parent = registry._init, dict(registry._init_parent)
    registry._init = True
    try:
        yield registry
    finally:
        registry._init = was_init
        # Models whose parent store the test left to recompute "at the end of
        # the install": the test was rolled back, there is nothing to redo.
        registry._init_parent.clear()
        registry._init_parent.update(init_parent)


def runs_at_install(item):
    """Whether Odoo 11's runner would run this item while installing its module."""
    from odoo.tests.common import BaseCase

    cls = getattr(item, "cls", None)
    if cls is None or not issubclass(cls, BaseCase):
        return False
    if not cls.__module__.startswith("odoo.addons."):
        return False
    # As odoo.modules.module.runs_at_install: the test method's flag, else
    # its class's, else True.
    return bool(getattr(getattr(item, "obj", None), "at_install", getattr(cls, "at_install", True)))


@contextmanager
def _phase(item):
    if runs_at_install(item):
        with install_mode():
            yield
    else:
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    with _phase(item):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    with _phase(item):
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    with _phase(item):
        yield


class _NoServer:
    """Registered after pytest-odoo, so that its fixture wins over pytest-odoo's."""

    @pytest.fixture(scope="module", autouse=True)
    def load_http(self, load_registry):
        yield


# Settings of our add-ons that Odoo's tests expect at Odoo's own behaviour.
ODOO_BEHAVIOUR_SETTINGS = {"inventory_count_without_lot": True}


def pytest_report_header(config):
    return "company settings at Odoo's behaviour for Odoo's tests: %s" % ", ".join(
        "%s=%s" % item for item in sorted(ODOO_BEHAVIOUR_SETTINGS.items()))


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session):
    """Committed to the test database (a throw-away copy of the template)."""
    with odoo.api.Environment.manage(), _registry().cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["res.company"].search([]).write(ODOO_BEHAVIOUR_SETTINGS)


def pytest_configure(config):
    config.option.odoo_http = True
    config.pluginmanager.register(_NoServer(), "core-tests-no-http-server")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """A --deselect that names no collected test (renamed, mistyped) is an error."""
    stale = [prefix for prefix in config.getoption("deselect") or ()
             if not any(item.nodeid.startswith(prefix) for item in items)]
    if stale:
        raise pytest.UsageError("--deselect names no collected test: %s" % ", ".join(stale))

"""Odoo 11's YAML/XML tests: the files in the ``test`` key of the core modules'
manifests, which pytest does not collect.

Odoo's loader runs them while it installs a module with --test-enable
(``odoo.modules.loading``: ``load_test`` -> ``_load_data(kind='test')`` ->
``odoo.tools.convert_file``): all files of the module in manifest order, in one
transaction rolled back afterwards, the registry in install mode, the thread
flagged ``testing``, with an assertion report counting failed ``!assert``,
``<assert>`` and ``assert`` statements. Later files build on earlier ones
(test users, a chart of accounts, an order cancelled to be deleted next).

Here each file is one pytest test, so that one can be deselected by name. The
first test of a module loads the module's files (the deselected ones left
out, as if not in the manifest) the same way, in order, in one transaction
rolled back afterwards; each test then reports its own file. A file fails when
it raises, when its assertion report counts a failure, or when Odoo logs an
error while loading it (failed assertions are logged, not raised). Unlike
Odoo, which stops at the first failing file, the run goes on without it (its
changes rolled back to a savepoint), so that every file gets a verdict.
"""
import ast
import logging
import os
import threading
import traceback
from contextlib import closing, contextmanager

import odoo
import pytest
from odoo import SUPERUSER_ID, api
from odoo.modules.module import get_module_path
from odoo.tests.common import get_db_name
from odoo.tools import assertion_report, convert_file

from .odoo_runner import install_mode

# The modules whose tests `make test-core` runs; product_expiry lists none.
CORE_MODULES = ("stock", "product_expiry", "sale_stock", "purchase", "mrp")


def manifest_test_files(module):
    with open(os.path.join(get_module_path(module), "__manifest__.py"), encoding="utf-8") as handle:
        return ast.literal_eval(handle.read()).get("test", [])


def _cases():
    return [pytest.param(module, filename, id="%s/%s" % (module, filename))
            for module in CORE_MODULES for filename in manifest_test_files(module)]


def _deselected(request):
    """Names ("module/file") of this test's cases deselected on the command line."""
    prefix = request.node.nodeid.split("[", 1)[0] + "["
    return {nodeid[len(prefix):-1] for nodeid in request.config.getoption("deselect") or ()
            if nodeid.startswith(prefix) and nodeid.endswith("]")}


class _ErrorCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append("%s: %s" % (record.name, record.getMessage()))


@contextmanager
def odoo_errors_logged():
    """Collect what Odoo logs at ERROR level (pytest-odoo silences it)."""
    logger = logging.getLogger("odoo")
    collector = _ErrorCollector()
    old_level = logger.level
    logger.setLevel(logging.ERROR if not old_level or old_level > logging.ERROR else old_level)
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)
        logger.setLevel(old_level)


def load_test_file(cr, module, filename, idref, pathname=None):
    """``_load_data(cr, module, idref, 'init', kind='test')`` for one file.

    Returns what went wrong: the exception, the errors logged, the failed
    assertions; nothing when the file passed.
    """
    report = assertion_report.assertion_report()
    thread = threading.current_thread()
    was_testing = getattr(thread, "testing", False)
    thread.testing = True
    try:
        with odoo_errors_logged() as problems:
            convert_file(cr, module, filename, idref, "init", False, "test", report, pathname)
    except Exception:
        problems.append(traceback.format_exc())
    finally:
        thread.testing = was_testing
    if report.failures:
        problems.append(str(report))
    return problems


def run_module_test_files(module, filenames):
    """Load ``filenames`` of ``module`` in order, as Odoo's ``load_test`` does.

    Returns {filename: what went wrong}, in order.
    """
    registry = odoo.registry(get_db_name())
    results, idref = {}, {}
    with install_mode(registry), closing(registry.cursor()) as cr:
        try:
            for filename in filenames:
                cr.execute("SAVEPOINT manifest_test_file")
                problems = load_test_file(cr, module, filename, idref)
                if problems:
                    cr.execute("ROLLBACK TO SAVEPOINT manifest_test_file")
                    api.Environment(cr, SUPERUSER_ID, {}).clear()
                else:
                    cr.execute("RELEASE SAVEPOINT manifest_test_file")
                results[filename] = problems
        finally:
            cr.rollback()
            # As load_test: no stale XML ids etc. in the caches.
            registry.clear_caches()
    return results


_RUNS = {}  # (module, files loaded) -> results of run_module_test_files


@pytest.mark.parametrize(("module", "filename"), _cases())
def test_manifest_test_file(request, module, filename):
    deselected = _deselected(request)
    files = tuple(name for name in manifest_test_files(module)
                  if "%s/%s" % (module, name) not in deselected)
    if (module, files) not in _RUNS:
        _RUNS[module, files] = run_module_test_files(module, files)
    results = _RUNS[module, files]
    problems = results[filename]
    if problems:
        failed_before = [name for name in files[:files.index(filename)] if results[name]]
        if failed_before:
            problems.append("(loaded after %s, which failed and was rolled back)" % ", ".join(failed_before))
    assert not problems, "\n".join(problems)


# The harness itself: a failed assertion in a test file must fail its test.
SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples")


@pytest.mark.parametrize("filename", sorted(os.listdir(SAMPLES)))
def test_loader_reports_failures(filename):
    registry = odoo.registry(get_db_name())
    with install_mode(registry), closing(registry.cursor()) as cr:
        try:
            problems = load_test_file(cr, "stock", filename, {}, pathname=os.path.join(SAMPLES, filename))
        finally:
            cr.rollback()
    assert problems
    text = "\n".join(problems)
    assert "company name" in text
    assert "Unknown path" not in text
    if filename == "failing_assert.yml":
        assert "1 successes, 1 failures" in text

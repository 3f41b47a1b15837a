"""Every example written in the add-on's docstrings runs.

A module whose docstrings hold ``>>>`` examples is found by reading the
source, so an example added to a new module cannot go unrun, and a runner
that ran nothing fails.
"""
import doctest
import importlib
import os

import pytest

ADDON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def modules_with_examples():
    names = []
    for folder, dirs, files in os.walk(ADDON_DIR):
        dirs[:] = sorted(d for d in dirs if d not in ("tests", "__pycache__", "static"))
        for file_name in sorted(files):
            if not file_name.endswith(".py"):
                continue
            path = os.path.join(folder, file_name)
            with open(path, encoding="utf-8") as source:
                if ">>> " not in source.read():
                    continue
            relative = os.path.relpath(path, ADDON_DIR)[:-3].replace(os.sep, ".")
            if relative.endswith("__init__"):
                relative = relative[:-len(".__init__")]
            names.append(relative)
    return names


def test_the_report_queries_examples_are_found():
    names = modules_with_examples()
    assert {"reports.queries.common", "reports.queries.snapshots", "gs1.checkdigit",
            "models.lot_dates", "models.value_parsing"} <= set(names)


@pytest.mark.parametrize("name", modules_with_examples())
def test_examples(name):
    module = importlib.import_module("odoo.addons.cloudoffice_lots." + name)
    outcome = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert outcome.attempted > 0, "no example of %s ran" % name
    assert outcome.failed == 0

"""``make bench``: run every bench/bench_*.py against the benchmark database.

The database is a copy of the template that the benchmark modules fill with a
large generated dataset once (``prepare(env)``); it is kept between runs and
rebuilt when the template changes.
Usage: python -m bench [name-filter]
"""
import importlib
import os
import pkgutil
import sys

import odoo
from odoo import SUPERUSER_ID, api

from .common import Report

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_DB = os.environ.get("BENCH_DB", "cloudoffice_bench")


def bench_modules(name_filter=None):
    package_dir = os.path.dirname(os.path.abspath(__file__))
    for info in sorted(pkgutil.iter_modules([package_dir]), key=lambda i: i.name):
        if info.name.startswith("bench_") and (not name_filter or name_filter in info.name):
            yield importlib.import_module("bench." + info.name)


def main(argv):
    name_filter = argv[0] if argv else None
    modules = list(bench_modules(name_filter))
    if not modules:
        print("no benchmarks yet")
        return 0
    odoo.tools.config.parse_config(["-c", os.path.join(REPO_ROOT, ".local", "odoo.conf"),
                                    "-d", BENCH_DB, "--log-level=warn"])
    registry = odoo.registry(BENCH_DB)
    report = Report()
    for module in modules:
        print("## %s" % module.__name__, flush=True)
        with api.Environment.manage(), registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if hasattr(module, "prepare"):
                module.prepare(env)
                cr.commit()
            module.run(env, report)
            cr.rollback()
    return 0 if report.summary() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

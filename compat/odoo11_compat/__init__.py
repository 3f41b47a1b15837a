"""Run Odoo 11.0 on CPython 3.11.

Odoo 11 was written for Python 3.5/3.6. This package restores, at interpreter
start, the few standard-library names it relies on that later Pythons removed,
and patches four Odoo modules right after they are imported (no Odoo file is
edited on disk):

* ``odoo.tools.safe_eval`` learns the opcodes that 3.7-3.11 emit for
  constructs its 3.6 whitelist already allowed in another form
  (see :mod:`odoo11_compat.safe_eval_opcodes`).
* ``odoo.addons.base.ir.ir_qweb.qweb`` builds ASTs in the 3.6 style; a
  module-level ``compile`` makes them acceptable to the 3.11 compiler
  (see :mod:`odoo11_compat.qweb_ast`).
* ``odoo.service.server``: prefork workers give ``resource.setrlimit`` a
  float CPU limit, which 3.10+ refuses; they get whole numbers
  (see :mod:`odoo11_compat.prefork_limits`).
* ``odoo.modules.registry`` (not a 3.11 matter): a request arriving while
  PostgreSQL is unreachable gets a 503 instead of its session being logged
  out (see :mod:`odoo11_compat.db_outage`).

It is loaded by a ``.pth`` file in the virtualenv (``make`` writes it) and is a
no-op on the Pythons Odoo 11 supports natively (3.5 and 3.6).
"""
import sys

NATIVE = sys.version_info < (3, 7)


def install():
    """Apply every shim once; safe to call repeatedly."""
    if NATIVE or getattr(sys, "_odoo11_compat_installed", False):
        return
    from . import post_import, stdlib

    stdlib.install()
    post_import.install()
    sys._odoo11_compat_installed = True

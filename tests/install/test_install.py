"""Our add-ons (with the OCA stock_barcodes glue) install, upgrade and uninstall cleanly.

Install: the template database is a fresh install of both add-ons with demo
data; its install log (kept next to it) must hold no warning or error.
Upgrade and uninstall run in their own copies of the template, in separate
Odoo processes, as an administrator would run them.
"""
import os
import subprocess
import textwrap

import pytest

from ..conftest import DB_SH, ODOO_BIN, REPO_ROOT

OUR_ADDONS = ("cloudoffice_lots", "cloudoffice_fortnox", "cloudoffice_lots_stock_barcodes")
KEPT_DEMO_MODELS = {"stock.picking", "stock.move", "stock.move.line", "product.product",
                    "product.template", "res.partner", "product.category", "stock.production.lot"}
PYTHON = os.path.join(REPO_ROOT, ".venv", "bin", "python")


def log_problems(path):
    with open(path, encoding="utf-8", errors="replace") as log:
        return [line.rstrip() for line in log
                if any(" %s " % level in line for level in ("WARNING", "ERROR", "CRITICAL"))]


@pytest.fixture
def database_copy(request):
    name = "cloudoffice_%s_%d" % (request.node.name[5:25], os.getpid())
    subprocess.run([DB_SH, "copy", name], check=True)
    yield name
    subprocess.run([DB_SH, "drop", name], check=False)


def run_odoo(database, *args, log_name):
    log_path = os.path.join(REPO_ROOT, ".local", "%s.log" % log_name)
    if os.path.exists(log_path):
        os.remove(log_path)
    subprocess.run([ODOO_BIN, "-d", database, "--stop-after-init", "--no-http",
                    "--log-handler=:WARNING", "--logfile=%s" % log_path, *args],
                   check=True, timeout=900)
    return log_path


def run_in_odoo(database, code):
    """Run Python with ``env`` (superuser) in a separate Odoo process; return its stdout."""
    script = textwrap.dedent("""
        import odoo
        from odoo import api, SUPERUSER_ID
        odoo.tools.config.parse_config(["-c", %r, "-d", %r, "--log-level=warn"])
        with api.Environment.manage():
            registry = odoo.registry(%r)
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
        """) % (os.path.join(REPO_ROOT, ".local", "odoo.conf"), database, database)
    script += textwrap.indent(textwrap.dedent(code), " " * 8)
    result = subprocess.run([PYTHON, "-c", script], check=True, capture_output=True, text=True,
                            timeout=900, cwd=REPO_ROOT)
    return result.stdout


def test_fresh_install_logs_no_warning():
    fingerprint = subprocess.run([DB_SH, "fingerprint"], check=True, capture_output=True,
                                 text=True).stdout.strip()
    log_path = os.path.join(REPO_ROOT, ".local", "template-install-%s.log" % fingerprint)
    assert os.path.exists(log_path), "the template was not built from the current add-on code"
    assert log_problems(log_path) == []


def test_upgrade_logs_no_warning(database_copy):
    log_path = run_odoo(database_copy, "-u", ",".join(OUR_ADDONS), log_name=database_copy)
    assert log_problems(log_path) == []
    states = run_in_odoo(database_copy, """
        for module in env['ir.module.module'].search([('name', 'in', %r)], order='name'):
            print(module.name, module.state)
        """ % (OUR_ADDONS,))
    assert states.split() == ["cloudoffice_fortnox", "installed", "cloudoffice_lots", "installed",
                              "cloudoffice_lots_stock_barcodes", "installed"]


# Database objects named by us, as the catalogue lists them: triggers,
# functions, relations (tables, indexes, sequences) and the indexes on
# Odoo's own tables.
CATALOGUE_SQL = """
    def catalogue(kind, sql):
        cr.execute(sql)
        return [(kind, name) for name, in cr.fetchall()]

    print(sorted(
        catalogue('trigger', "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'cloudoffice%%'")
        + catalogue('function', "SELECT proname FROM pg_proc WHERE proname LIKE 'cloudoffice%%'")
        + catalogue('relation', "SELECT relname FROM pg_class WHERE relname LIKE 'cloudoffice%%'")
        + catalogue('index on stock_move_line',
                    "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                    " WHERE x.indrelid = 'stock_move_line'::regclass AND i.relname LIKE '%%cloudoffice%%'")))
"""
# What the balance and trace reports create outside Odoo's models.
OUR_SQL_OBJECTS = {
    ("trigger", "cloudoffice_lot_snapshot_forget"),
    ("trigger", "cloudoffice_lot_snapshot_forget_all"),
    ("function", "cloudoffice_lot_snapshot_forget"),
    ("function", "cloudoffice_lot_snapshot_forget_all"),
    ("relation", "cloudoffice_lot_snapshot"),
    ("relation", "cloudoffice_lot_snapshot_valid"),
    ("relation", "cloudoffice_lot_snapshot_guard"),
    ("relation", "cloudoffice_sml_done_lot_date_idx"),
    ("relation", "cloudoffice_sml_lot_done_date_idx"),
    ("relation", "cloudoffice_quant_product_location_idx"),
    ("index on stock_move_line", "cloudoffice_sml_done_lot_date_idx"),
    ("index on stock_move_line", "cloudoffice_sml_lot_done_date_idx"),
}


def test_uninstall_removes_our_models_and_logs_no_error(database_copy):
    output = run_in_odoo(database_copy, textwrap.dedent("""
        our_models = env['ir.model.data'].search([
            ('module', 'in', %(addons)r), ('model', '=', 'ir.model')]).mapped('name')
        print('MODELS', len(our_models))
        """ % {"addons": OUR_ADDONS}) + textwrap.dedent(CATALOGUE_SQL) + textwrap.dedent("""
        env['ir.module.module'].search([('name', 'in', %(addons)r)]).button_immediate_uninstall()
        """ % {"addons": OUR_ADDONS}))
    assert output.startswith("MODELS")
    before = set(eval(output.split("\n")[1]))
    assert OUR_SQL_OBJECTS <= before, OUR_SQL_OBJECTS - before
    # Every database object named by us is gone, Odoo's and ours alike.
    assert run_in_odoo(database_copy, CATALOGUE_SQL).strip() == "[]"
    after = run_in_odoo(database_copy, """
        modules = env['ir.module.module'].search([('name', 'in', %(addons)r)])
        print(sorted(set(modules.mapped('state'))))
        left = env['ir.model.data'].search([('module', 'in', %(addons)r)])
        print(sorted(set(left.mapped('model'))))
        cr.execute("SELECT count(*) FROM ir_model WHERE model LIKE 'cloudoffice.%%'")
        print(cr.fetchone()[0])
        """ % {"addons": OUR_ADDONS})
    states, left_models, our_models_left = after.split("\n")[:3]
    assert states == "['uninstalled']"
    assert our_models_left == "0"
    # Only demo stock history that Odoo itself forbids deleting (done moves
    # and the records they point to) may outlive the add-on.
    assert set(eval(left_models)) <= KEPT_DEMO_MODELS, left_models
    # Core modules we depend on are still there and working.
    log_path = run_odoo(database_copy, "-u", "stock", log_name=database_copy + "_after")
    assert [line for line in log_problems(log_path) if " ERROR " in line or " CRITICAL " in line] == []


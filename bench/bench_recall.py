"""A recall of the raw-material batch ``BENCH-RAW`` (bench/generate.py: 3
levels of manufacturing, 560 batches, 10,000 deliveries), each figure
against Odoo 11's own traceability report unfolded to the end in the same
run, as a user clicking every line would to find the same customers:

- the recall's whole scope found and the recall form shown (its header
  figures, the first page of batches and of customers): target 2 s;
- the FSMA 204 spreadsheet of the batch written: target 5 s.
"""
import base64
import io

from . import generate
from .common import best_of, odoo_trace

# Odoo's trace is slow on this tree: stop it after this many seconds and
# extrapolate linearly (bench_reports measures it longer).
TRACE_BUDGET = 60.0
# Rows the web client reads of a one2many list on a form.
FORM_PAGE = 40

RECALL_FIELDS = ["name", "state", "company_id", "is_mock", "reason", "origin_lot_ids",
                 "scope_ids", "customer_ids", "started_at", "scope_found_at", "scope_seconds",
                 "lot_count", "customer_count", "notified_count", "answered_count",
                 "qty_in_stock", "qty_shipped", "qty_recovered", "qty_destroyed",
                 "qty_unaccounted"]
SCOPE_FIELDS = ["depth", "lot_id", "product_id", "parent_lot_id", "production_id",
                "qty_in_stock", "qty_reserved", "uom_id", "locations"]
CUSTOMER_FIELDS = ["partner_id", "lot_id", "product_id", "last_delivery", "qty_delivered",
                   "qty_returned", "qty_destroyed", "qty_held", "qty_unaccounted", "state",
                   "return_picking_id"]


def prepare(env):
    generate.ensure(env)


def run(env, report):
    lot = generate.info(env)["raw_lot"]
    odoo_seconds, reached, complete, deliveries = _odoo_way(env, lot)
    note = "Odoo: its traceability report from the batch, every line unfolded"
    if not complete:
        note += ", stopped after %.0f s at %d of %d deliveries, extrapolated" % (
            TRACE_BUDGET, reached, deliveries)
        odoo_seconds = odoo_seconds * deliveries / max(reached, 1)
    _scope(env, report, lot, odoo_seconds, note)
    _fsma(env, report, lot, odoo_seconds, deliveries, note)


def _odoo_way(env, lot):
    from odoo.addons.cloudoffice_lots.reports.queries import lot_trace
    company_ids = [env.ref("base.main_company").id]
    deliveries = sum(1 for move in lot_trace.moves(env.cr, lot.id, "downstream", company_ids)
                     if move["kind"] == "delivery")
    seconds, reached, complete = odoo_trace(env, lot, deliveries, TRACE_BUDGET)
    return seconds, reached, complete, deliveries


def _scope(env, report, lot, odoo_seconds, note):
    Recall = env["cloudoffice.lot.recall"]
    cr = env.cr

    def ours_way():
        cr.execute("SAVEPOINT bench_recall")
        try:
            recall = Recall.create({"reason": "Benchmark", "is_mock": True,
                                    "origin_lot_ids": [(6, 0, lot.ids)]})
            recall.action_compute_scope()
            recall.invalidate_cache()
            # What the web client reads to show the form.
            shown = recall.read(RECALL_FIELDS)[0]
            recall.scope_ids[:FORM_PAGE].read(SCOPE_FIELDS)
            recall.customer_ids[:FORM_PAGE].read(CUSTOMER_FIELDS)
            return shown
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT bench_recall")
            env.clear()

    ours, shown = best_of(ours_way, repeat=3)
    report.add("recall scope: %d batches, %d customers, %.0f shipped"
               % (shown["lot_count"], shown["customer_count"], shown["qty_shipped"]),
               ours, odoo_seconds, limit=2.0, note="(%s)" % note)


def _fsma(env, report, lot, odoo_seconds, deliveries, note):
    import openpyxl
    Export = env["cloudoffice.lot.fsma.export"]

    def ours_way():
        wizard = Export.create({"lot_ids": [(6, 0, lot.ids)]})
        wizard.action_export()
        return base64.b64decode(wizard.export_file)

    ours, content = best_of(ours_way, repeat=3)
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    shipping = sum(1 for row in rows if row[0] == "Shipping")
    assert shipping == deliveries, (shipping, deliveries)
    report.add("FSMA 204 spreadsheet: %d events, %d shipping" % (len(rows), shipping),
               ours, odoo_seconds, limit=5.0, note="(%s; Odoo has no such export)" % note)

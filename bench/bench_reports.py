"""Batch/serial reports on 50,000 batches and 1,000,000 done move lines
(bench/generate.py), each against Odoo 11's own way in the same run:

- balance of every batch at a past date vs ``qty_available`` per batch with
  ``to_date`` and ``lot_id`` in the context (sampled, then extrapolated);
- statement of a batch with 5,000 moves vs ``search_read`` of its lines;
- downstream trace of a raw-material batch through 3 levels of
  manufacturing to 10,000 deliveries vs ``stock.traceability.report``
  unfolded to the end, as a user clicking every line would.
"""
import datetime
import time

from . import generate
from .common import best_of, odoo_trace

PAST_DATE = datetime.datetime(2024, 1, 17)
BASELINE_SAMPLE = 100          # batches measured with qty_available
TRACE_BUDGET = 300.0           # seconds Odoo's trace may take before we extrapolate


def prepare(env):
    generate.ensure(env)
    # Month snapshots, as the first report (or a nightly run) leaves them.
    from odoo.addons.cloudoffice_lots.reports.queries import snapshots
    snapshots.ensure(env.cr, PAST_DATE)


def _queries():
    # Imported late: the add-ons path is known once the runner read the config.
    from odoo.addons.cloudoffice_lots.reports.queries import lot_balance, lot_statement, lot_trace
    return lot_balance, lot_statement, lot_trace


def run(env, report):
    company_ids = [env.ref("base.main_company").id]
    data = generate.info(env)
    _balance(env, report, company_ids)
    _balance_now(env, report, company_ids)
    _statement(env, report, company_ids, data["statement_lot"])
    _trace(env, report, company_ids, data["raw_lot"])


def _balance(env, report, company_ids):
    lot_balance = _queries()[0]
    from odoo.addons.cloudoffice_lots.reports.queries import snapshots
    cr = env.cr
    # What the first report pays when no snapshot is valid (rolled back).
    cr.execute("SAVEPOINT bench_snapshots")
    cr.execute("DELETE FROM cloudoffice_lot_snapshot_valid")
    start = time.perf_counter()
    snapshots.ensure(cr, PAST_DATE)
    cold = time.perf_counter() - start
    cr.execute("ROLLBACK TO SAVEPOINT bench_snapshots")
    ours, rows = best_of(lambda: lot_balance.balance(cr, date_to=PAST_DATE, company_ids=company_ids),
                         repeat=3)
    closing = {}
    for row in rows:
        closing[row["lot_id"]] = closing.get(row["lot_id"], 0) + row["closing"]
    cr.execute("SELECT count(*) FROM stock_production_lot")
    lot_count = cr.fetchone()[0]
    cr.execute("SELECT id FROM stock_production_lot WHERE name LIKE 'BENCH-L%%' ORDER BY id")
    lot_ids = [r[0] for r in cr.fetchall()]
    step = max(1, len(lot_ids) // BASELINE_SAMPLE)
    sample = env["stock.production.lot"].browse(lot_ids[::step][:BASELINE_SAMPLE])
    sample.mapped("product_id")
    to_date = PAST_DATE.strftime("%Y-%m-%d %H:%M:%S")
    differ = 0
    start = time.perf_counter()
    for lot in sample:
        product = lot.product_id.with_context(lot_id=lot.id, to_date=to_date)
        product.invalidate_cache()
        odoo_qty = product.qty_available
        if abs(odoo_qty - closing.get(lot.id, 0)) > 1e-6:
            differ += 1
    per_lot = (time.perf_counter() - start) / len(sample)
    baseline = per_lot * lot_count
    report.add("balance of all %d batches at %s" % (lot_count, PAST_DATE.date()), ours, baseline,
               limit=2.0, min_ratio=20,
               note="(Odoo extrapolated from %d batches x %.1f ms; %d rows; month snapshots "
                    "valid, building them all from scratch takes %.1f s once; Odoo's figure "
                    "differs from the replay for %d of the %d sampled batches: its past-date "
                    "correction does not filter moves by batch)"
                    % (len(sample), per_lot * 1000, len(rows), cold, differ, len(sample)))


def _balance_now(env, report, company_ids):
    """Today's balance of every batch per location: ours (read from the
    quants) against Odoo's Inventory report grouped by batch and location."""
    lot_balance = _queries()[0]
    cr = env.cr
    tomorrow = datetime.datetime.utcnow() + datetime.timedelta(days=1)
    ours, rows = best_of(lambda: lot_balance.balance(cr, date_to=tomorrow, company_ids=company_ids),
                         repeat=3)
    Quant = env["stock.quant"]

    def odoo_way():
        Quant.invalidate_cache()
        return Quant.read_group([("location_id.usage", "in", ("internal", "transit")),
                                 ("lot_id", "!=", False)],
                                ["lot_id", "location_id", "quantity"], ["lot_id", "location_id"],
                                lazy=False)

    baseline, groups = best_of(odoo_way, repeat=3)
    in_stock = sum(1 for group in groups if abs(group["quantity"]) > 1e-6)
    assert in_stock == len(rows), (in_stock, len(rows))
    report.add("balance of all batches today (%d rows)" % len(rows), ours, baseline, min_ratio=1,
               note="(Odoo: stock.quant read_group by batch and location, as its Inventory "
                    "report grouped so)")


def _statement(env, report, company_ids, lot):
    lot_statement = _queries()[1]
    cr = env.cr
    ours, rows = best_of(lambda: lot_statement.statement(cr, lot.ids, company_ids), repeat=5)
    fields_ = ["date", "reference", "picking_id", "location_id", "location_dest_id", "qty_done",
               "product_uom_id", "lot_id"]

    def odoo_way():
        env["stock.move.line"].invalidate_cache()
        return env["stock.move.line"].search_read(
            [("lot_id", "=", lot.id), ("state", "=", "done")], fields_, order="date, id")

    baseline, lines = best_of(odoo_way, repeat=3)
    assert len(rows) == len(lines), (len(rows), len(lines))
    report.add("statement of one batch with %d moves" % len(rows), ours, baseline, limit=0.2,
               note="(Odoo: search_read of its move lines, no balance)")


def _trace(env, report, company_ids, lot):
    lot_trace = _queries()[2]
    cr = env.cr

    def ours_way():
        moves = lot_trace.moves(cr, lot.id, "downstream", company_ids)
        customers = lot_trace.affected_customers(cr, lot.id, company_ids)
        return moves, customers

    ours, (moves, customers) = best_of(ours_way, repeat=3)
    deliveries = sum(1 for m in moves if m["kind"] == "delivery")
    baseline, reached, complete = odoo_trace(env, lot, deliveries, TRACE_BUDGET)
    note = "(%d deliveries, %d customer rows; Odoo unfolded every line" % (deliveries, len(customers))
    if not complete:
        note += ", stopped after %.0f s at %d of %d deliveries, extrapolated linearly" % (
            TRACE_BUDGET, reached, deliveries)
        baseline = baseline * deliveries / max(reached, 1)
    report.add("downstream trace, 3 levels, %d deliveries" % deliveries, ours, baseline,
               limit=1.0, min_ratio=10, note=note + ")")

"""Stock balance by batch/serial: opening, in, out and closing per batch and
location (or warehouse) over a period, replayed from the done move lines.

Only done lines count (a cancelled move never does). A line between two
locations of the scope is a transfer: out of one, into the other; a line
between two locations grouped under the same key (two shelves of one
warehouse at warehouse level) is left out, so it shows neither in nor out.
The replay starts from the latest month-start snapshot before the period
(see snapshots.py), so a balance reads one month of lines, not all history.
A balance at a date after every done line (today's, as a rule) needs no
replay: it is the quants, which Odoo keeps equal to the done lines, so
CURRENT_SQL reads them (the same rows, a fraction of the work).

    rows = balance(cr, date_to=datetime(2024, 7, 1), company_ids=[1])
    rows[0]["lot_id"], rows[0]["location_id"], rows[0]["closing"]
"""
from . import common, snapshots

# The end of both balance queries: their ``totals`` per batch and location
# with the batch's product, category, unit and company, in the user's
# companies and the categories asked for.
_TOTALS_ROWS = """  FROM totals t
  JOIN stock_production_lot lot ON lot.id = t.lot_id
  JOIN product_product pp ON pp.id = lot.product_id
  JOIN product_template pt ON pt.id = pp.product_tmpl_id
 WHERE """ + common.LOT_COMPANY_FILTER + """
   AND (%(categ_ids)s::int[] IS NULL OR pt.categ_id = ANY(%(categ_ids)s::int[]))
"""

# Parameters: snapshot_date (from snapshots.ensure), date_from, date_to
# (naive UTC; lines dated >= date_from and < date_to are the period,
# earlier ones the opening), company_ids, by_warehouse, only_stock, and the
# filters lot_ids, product_ids, categ_ids, location_ids, warehouse_ids
# (int[] or NULL for all).
BALANCE_SQL = "WITH " + common.STOCK_LOCATIONS_CTE.replace(
    "stock_locs AS (", "stock_locs AS NOT MATERIALIZED (") + """,
deltas AS (
    SELECT s.lot_id, loc.key_id, loc.warehouse_id, FALSE AS in_period, s.quantity AS delta
      FROM cloudoffice_lot_snapshot s
      JOIN stock_locs loc ON loc.id = s.location_id
     WHERE s.snapshot_date = %(snapshot_date)s
       AND (%(lot_ids)s::int[] IS NULL OR s.lot_id = ANY(%(lot_ids)s::int[]))
       AND (%(product_ids)s::int[] IS NULL OR s.product_id = ANY(%(product_ids)s::int[]))
    UNION ALL
    SELECT ml.lot_id, side.key_id, side.warehouse_id, ml.date >= %(date_from)s,
           side.sign * (""" + common.LINE_QTY + """)
      FROM stock_move_line ml""" + common.LINE_QTY_JOINS + """
      LEFT JOIN stock_locs src ON src.id = ml.location_id
      LEFT JOIN stock_locs dst ON dst.id = ml.location_dest_id
     CROSS JOIN LATERAL (VALUES (dst.key_id, dst.warehouse_id, 1),
                                (src.key_id, src.warehouse_id, -1)) side(key_id, warehouse_id, sign)
     WHERE ml.state = 'done' AND ml.lot_id IS NOT NULL
       AND ml.date >= %(snapshot_date)s AND ml.date < %(date_to)s
       AND side.key_id IS NOT NULL
       AND src.key_id IS DISTINCT FROM dst.key_id
       AND (%(lot_ids)s::int[] IS NULL OR ml.lot_id = ANY(%(lot_ids)s::int[]))
       AND (%(product_ids)s::int[] IS NULL OR ml.product_id = ANY(%(product_ids)s::int[]))
),
totals AS (
    SELECT lot_id, key_id, warehouse_id,
           COALESCE(SUM(delta) FILTER (WHERE NOT in_period), 0) AS opening,
           COALESCE(SUM(delta) FILTER (WHERE in_period AND delta > 0), 0) AS qty_in,
           COALESCE(-SUM(delta) FILTER (WHERE in_period AND delta < 0), 0) AS qty_out,
           SUM(delta) AS closing
      FROM deltas
     GROUP BY lot_id, key_id, warehouse_id
    HAVING SUM(delta) <> 0 OR (NOT %(only_stock)s AND bool_or(in_period))
)
SELECT t.lot_id, lot.product_id, pt.categ_id, pt.uom_id, lot.company_id, t.warehouse_id,
       t.key_id AS location_id, t.opening::float8 AS opening, t.qty_in::float8 AS qty_in,
       t.qty_out::float8 AS qty_out, t.closing::float8 AS closing
""" + _TOTALS_ROWS

# The balance after the last done line: the quants. Same parameters and
# rows as BALANCE_SQL at a date (the snapshot and dates are unused; as
# there, a balance at a date opens with what it closes with).
CURRENT_SQL = "WITH " + common.STOCK_LOCATIONS_CTE + """,
totals AS (
    SELECT q.lot_id, loc.key_id, loc.warehouse_id,
           ROUND(SUM(q.quantity)::numeric, 6) AS closing
      FROM stock_quant q
      JOIN stock_locs loc ON loc.id = q.location_id
     WHERE q.lot_id IS NOT NULL
       AND (%(lot_ids)s::int[] IS NULL OR q.lot_id = ANY(%(lot_ids)s::int[]))
       AND (%(product_ids)s::int[] IS NULL OR q.product_id = ANY(%(product_ids)s::int[]))
     GROUP BY q.lot_id, loc.key_id, loc.warehouse_id
    HAVING ROUND(SUM(q.quantity)::numeric, 6) <> 0
)
SELECT t.lot_id, lot.product_id, pt.categ_id, pt.uom_id, lot.company_id, t.warehouse_id,
       t.key_id AS location_id, t.closing::float8 AS opening, 0::float8 AS qty_in,
       0::float8 AS qty_out, t.closing::float8 AS closing
""" + _TOTALS_ROWS

# Is a batch line done at or after the end of the balance? Then it is replayed.
LATER_LINE_SQL = """
SELECT EXISTS (SELECT 1 FROM stock_move_line
                WHERE state = 'done' AND lot_id IS NOT NULL AND date >= %(date_to)s)"""

COLUMNS = ("lot_id", "product_id", "categ_id", "uom_id", "company_id", "warehouse_id",
           "location_id", "opening", "qty_in", "qty_out", "closing")


def query(cr, date_to, date_from=None):
    """The query for a balance: the quants when nothing was done at or after
    ``date_to`` and no period is asked for, otherwise the replay."""
    if date_from is None:
        cr.execute(LATER_LINE_SQL, {"date_to": date_to})
        if not cr.fetchone()[0]:
            return CURRENT_SQL
    return BALANCE_SQL


def params(cr, date_to, company_ids, date_from=None, by_warehouse=False, lot_ids=None,
           product_ids=None, categ_ids=None, location_ids=None, warehouse_ids=None, sql=None):
    """The parameters of ``sql`` (BALANCE_SQL, building the snapshots it
    needs, or CURRENT_SQL). Dates are naive UTC datetimes; with no
    ``date_from`` it is a balance at ``date_to``: closing only, batches with
    stock only."""
    start = date_from or date_to
    return {
        "snapshot_date": snapshots.ensure(cr, start) if sql != CURRENT_SQL else None,
        "date_from": start,
        "date_to": date_to,
        # A balance at a date lists what is in stock; a period also lists
        # the batches that moved and ended at zero.
        "only_stock": date_from is None,
        "company_ids": common.id_array(company_ids),
        "by_warehouse": bool(by_warehouse),
        "lot_ids": common.id_array(lot_ids),
        "product_ids": common.id_array(product_ids),
        "categ_ids": common.id_array(categ_ids),
        "location_ids": common.id_array(location_ids),
        "warehouse_ids": common.id_array(warehouse_ids),
    }


def balance(cr, date_to, company_ids, **filters):
    """Rows (dicts, keys COLUMNS) of every batch per location (or warehouse)
    with stock at ``date_to`` or a movement in the period. See params()."""
    sql = query(cr, date_to, filters.get("date_from"))
    cr.execute(sql, params(cr, date_to, company_ids, sql=sql, **filters))
    return common.dict_rows(cr)

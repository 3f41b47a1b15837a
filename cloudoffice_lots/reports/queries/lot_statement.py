"""Stock statement (ledger) of batches/serials: every done movement with its
document, locations, warehouses, partner, quantity in and out of the scope
and the running balance.

The scope is every location that holds stock (or the given warehouses /
locations): a line into it from outside is "in", out of it is "out", a
line inside it is a transfer (shown, balance unchanged).

    rows = statement(cr, [lot_id], company_ids=[1], date_to=datetime(2025, 1, 1))
"""
from . import common

# Parameters: lot_ids, company_ids, date_from, date_to (naive UTC),
# location_ids, warehouse_ids (int[] or NULL), by_warehouse (False).
# The window runs over every line before date_to so the running balance
# includes what happened before the period; the outer query keeps the
# period's lines.
STATEMENT_SQL = "WITH " + common.STOCK_LOCATIONS_CTE + """,
lines AS (
    SELECT ml.id AS move_line_id, ml.date, ml.lot_id, ml.product_id, pt.uom_id, lot.company_id,
           ml.location_id, ml.location_dest_id,
           src.warehouse_id, dst.warehouse_id AS warehouse_dest_id,
           ml.reference, ml.picking_id,
           COALESCE(m.production_id, m.raw_material_production_id) AS production_id,
           m.inventory_id, scrap.id AS scrap_id,
           COALESCE(pk.partner_id, m.partner_id) AS partner_id,
           """ + common.KIND + """ AS kind,
           (""" + common.LINE_QTY + """) AS quantity,
           CASE WHEN dst.id IS NOT NULL AND src.id IS NULL THEN 1
                WHEN src.id IS NOT NULL AND dst.id IS NULL THEN -1
                ELSE 0 END AS sign,
           src.id IS NOT NULL OR dst.id IS NOT NULL AS in_scope
      FROM stock_move_line ml
      JOIN stock_production_lot lot
        ON lot.id = ml.lot_id AND lot.id = ANY(%(lot_ids)s::int[])""" + common.LINE_QTY_JOINS + """
      JOIN stock_location sl ON sl.id = ml.location_id
      JOIN stock_location dl ON dl.id = ml.location_dest_id
      LEFT JOIN stock_move m ON m.id = ml.move_id
      LEFT JOIN stock_picking pk ON pk.id = ml.picking_id
      LEFT JOIN LATERAL (SELECT s.id FROM stock_scrap s WHERE s.move_id = m.id LIMIT 1) scrap ON TRUE
      LEFT JOIN stock_locs src ON src.id = ml.location_id
      LEFT JOIN stock_locs dst ON dst.id = ml.location_dest_id
     WHERE ml.state = 'done'
       AND ml.lot_id = ANY(%(lot_ids)s::int[])
       AND ml.date < %(date_to)s
       AND """ + common.LOT_COMPANY_FILTER + """
),
ledger AS (
    SELECT lines.*,
           CASE WHEN sign > 0 THEN quantity ELSE 0 END AS qty_in,
           CASE WHEN sign < 0 THEN quantity ELSE 0 END AS qty_out,
           SUM(sign * quantity) OVER (PARTITION BY lot_id ORDER BY date, move_line_id) AS balance
      FROM lines
)
SELECT * FROM ledger
 WHERE date >= %(date_from)s
   AND (in_scope OR NOT %(in_scope_only)s)
 ORDER BY lot_id, date, move_line_id
"""

# Balance of each batch in the scope at date_from (the statement's first row).
OPENING_SQL = "WITH " + common.STOCK_LOCATIONS_CTE + """
SELECT ml.lot_id,
       SUM(CASE WHEN dst.id IS NOT NULL AND src.id IS NULL THEN 1
                WHEN src.id IS NOT NULL AND dst.id IS NULL THEN -1
                ELSE 0 END * (""" + common.LINE_QTY + """)) AS opening
  FROM stock_move_line ml
  JOIN stock_production_lot lot
    ON lot.id = ml.lot_id AND lot.id = ANY(%(lot_ids)s::int[])""" + common.LINE_QTY_JOINS + """
  LEFT JOIN stock_locs src ON src.id = ml.location_id
  LEFT JOIN stock_locs dst ON dst.id = ml.location_dest_id
 WHERE ml.state = 'done'
   AND ml.lot_id = ANY(%(lot_ids)s::int[])
   AND ml.date < %(date_from)s
   AND """ + common.LOT_COMPANY_FILTER + """
 GROUP BY ml.lot_id
"""

COLUMNS = ("move_line_id", "date", "lot_id", "product_id", "uom_id", "company_id",
           "location_id", "location_dest_id", "warehouse_id", "warehouse_dest_id",
           "reference", "picking_id", "production_id", "inventory_id", "scrap_id",
           "partner_id", "kind", "quantity", "qty_in", "qty_out", "balance")


def params(lot_ids, company_ids, date_from=None, date_to=None, location_ids=None,
           warehouse_ids=None, in_scope_only=None):
    """Parameters of STATEMENT_SQL and OPENING_SQL; dates are naive UTC.
    With ``in_scope_only`` (by default when locations or warehouses are
    given) lines that never touch the scope, say the batch's moves in
    another warehouse, are left out."""
    if in_scope_only is None:
        in_scope_only = location_ids is not None or warehouse_ids is not None
    return {
        "lot_ids": common.id_array(lot_ids),
        "company_ids": common.id_array(company_ids),
        "date_from": date_from or common.EPOCH,
        "date_to": date_to or common.FOREVER,
        "location_ids": common.id_array(location_ids),
        "warehouse_ids": common.id_array(warehouse_ids),
        "by_warehouse": False,
        "in_scope_only": in_scope_only,
    }


def statement(cr, lot_ids, company_ids, **options):
    """Rows (dicts, keys COLUMNS) of the batches' movements, oldest first,
    each with its running balance in the scope."""
    cr.execute(STATEMENT_SQL, params(lot_ids, company_ids, **options))
    return common.dict_rows(cr)


def opening(cr, lot_ids, company_ids, **options):
    """{lot id: balance in the scope just before date_from}."""
    cr.execute(OPENING_SQL, params(lot_ids, company_ids, **options))
    return dict(cr.fetchall())

"""Traceability of a batch/serial through any depth of manufacturing.

Downstream: the batches made from it (a consumed line of the batch is
linked to the finished lines of its manufacturing order by
``stock_move_line_consume_rel``: ``consume_line_id`` is the finished line,
``produce_line_id`` the consumed one), the batches made from those, and so
on; then every movement of those batches out of stock (deliveries,
consumptions, scraps) and the customers who received them, net of returns:
the base of a recall. Upstream: the reverse, down to the supplier receipts.

The trace is by batch: once a batch is reached, all of it counts (a recall
takes back the whole batch, not only the part made from the bad component).

    lots = trace(cr, lot_id, "downstream", company_ids=[1])
    customers = affected_customers(cr, lot_id, company_ids=[1])
"""
from . import common

MAX_DEPTH = 50  # guards against a cycle (a batch consumed to make itself)

# The batches reached from %(lot_ids)s (one or more), each with its smallest depth, the
# batch it was reached from and the manufacturing order that linked them.
# ``made`` is always the finished line (its move names the order) and
# ``used`` the consumed one; a direction says which of the two holds the
# batches already in the tree ({near}) and which leads on ({far}).
_TREE = """
tree(lot_id, depth, parent_lot_id, production_id) AS (
    SELECT lot.id, 0, NULL::int, NULL::int
      FROM stock_production_lot lot
     WHERE lot.id = ANY(%(lot_ids)s::int[]) AND {company_filter}
    UNION
    SELECT {far}.lot_id, t.depth + 1, t.lot_id, fm.production_id
      FROM tree t
      JOIN stock_move_line {near} ON {near}.lot_id = t.lot_id AND {near}.state = 'done'
      JOIN stock_move_line_consume_rel rel ON rel.{near_column} = {near}.id
      JOIN stock_move_line {far} ON {far}.id = rel.{far_column} AND {far}.state = 'done'
      JOIN stock_production_lot lot ON lot.id = {far}.lot_id
      LEFT JOIN stock_move fm ON fm.id = made.move_id
     WHERE t.depth < %(max_depth)s AND {company_filter}
)"""

# Each side of stock_move_line_consume_rel: the line's alias in _TREE and
# the relation's column that holds its id.
_CONSUMED = {"alias": "used", "column": "produce_line_id"}
_FINISHED = {"alias": "made", "column": "consume_line_id"}


def _tree(near, far):
    # Identifiers cannot be query parameters: only the constants of this
    # module are formatted in; the values stay %(name)s parameters.
    return _TREE.format(near=near["alias"], near_column=near["column"],
                        far=far["alias"], far_column=far["column"],
                        company_filter=common.LOT_COMPANY_FILTER)


_DOWNSTREAM_TREE = _tree(near=_CONSUMED, far=_FINISHED)
_UPSTREAM_TREE = _tree(near=_FINISHED, far=_CONSUMED)

_LOTS = """,
lots AS (
    SELECT DISTINCT ON (lot_id) lot_id, depth, parent_lot_id, production_id
      FROM tree ORDER BY lot_id, depth, parent_lot_id
)"""

DOWNSTREAM_LOTS_SQL = "WITH RECURSIVE " + _DOWNSTREAM_TREE + _LOTS + """
SELECT lots.*, lot.product_id FROM lots JOIN stock_production_lot lot ON lot.id = lots.lot_id
 ORDER BY depth, lot_id"""
UPSTREAM_LOTS_SQL = "WITH RECURSIVE " + _UPSTREAM_TREE + _LOTS + """
SELECT lots.*, lot.product_id FROM lots JOIN stock_production_lot lot ON lot.id = lots.lot_id
 ORDER BY depth, lot_id"""

# The movements of the reached batches across the border of stock:
# downstream what left it (and came back from customers), upstream what
# brought it in. Internal transfers are not part of a trace.
_MOVES = """
SELECT lots.depth, lots.parent_lot_id, ml.id AS move_line_id, ml.date, ml.lot_id,
       ml.product_id, pt.uom_id, lt.company_id, ml.location_id, ml.location_dest_id,
       ml.reference,
       ml.picking_id, COALESCE(m.production_id, m.raw_material_production_id) AS production_id,
       COALESCE(pk.partner_id, m.partner_id) AS partner_id,
       """ + common.KIND + """ AS kind,
       (""" + common.LINE_QTY + """) AS quantity
  FROM lots""" + common.LOT_DONE_LINES_JOINS + """
 WHERE """

DOWNSTREAM_MOVES_SQL = "WITH RECURSIVE " + _DOWNSTREAM_TREE + _LOTS + _MOVES + """
       (dl.usage NOT IN ('internal', 'transit') OR sl.usage = 'customer')
   AND sl.usage <> 'production'
 ORDER BY lots.depth, ml.date, ml.id"""
UPSTREAM_MOVES_SQL = "WITH RECURSIVE " + _UPSTREAM_TREE + _LOTS + _MOVES + """
       sl.usage NOT IN ('internal', 'transit', 'customer')
   AND dl.usage IN ('internal', 'transit')
 ORDER BY lots.depth, ml.date, ml.id"""

# Per delivery address and batch: delivered, returned, still held.
AFFECTED_CUSTOMERS_SQL = "WITH RECURSIVE " + _DOWNSTREAM_TREE + _LOTS + """,
moves AS (
    SELECT ml.lot_id, ml.product_id, pt.uom_id, ml.date,
           COALESCE(pk.partner_id, m.partner_id) AS partner_id,
           dl.usage = 'customer' AS delivered,
           (""" + common.LINE_QTY + """) AS quantity
      FROM lots
      JOIN stock_move_line ml
        ON ml.lot_id = lots.lot_id AND ml.state = 'done'""" + common.LINE_QTY_JOINS + """
      JOIN stock_location sl ON sl.id = ml.location_id
      JOIN stock_location dl ON dl.id = ml.location_dest_id
      LEFT JOIN stock_move m ON m.id = ml.move_id
      LEFT JOIN stock_picking pk ON pk.id = ml.picking_id
     WHERE (dl.usage = 'customer') <> (sl.usage = 'customer')
)
SELECT mv.partner_id, COALESCE(p.commercial_partner_id, p.id) AS commercial_partner_id,
       mv.lot_id, mv.product_id, mv.uom_id, lt.company_id,
       SUM(mv.quantity) FILTER (WHERE mv.delivered) AS delivered,
       COALESCE(SUM(mv.quantity) FILTER (WHERE NOT mv.delivered), 0) AS returned,
       SUM(CASE WHEN mv.delivered THEN mv.quantity ELSE -mv.quantity END) AS quantity,
       MIN(mv.date) FILTER (WHERE mv.delivered) AS first_delivery,
       MAX(mv.date) FILTER (WHERE mv.delivered) AS last_delivery,
       COUNT(*) FILTER (WHERE mv.delivered) AS deliveries
  FROM moves mv
  JOIN stock_production_lot lt ON lt.id = mv.lot_id
  LEFT JOIN res_partner p ON p.id = mv.partner_id
 GROUP BY mv.partner_id, p.commercial_partner_id, p.id, mv.lot_id, mv.product_id, mv.uom_id,
          lt.company_id
HAVING COUNT(*) FILTER (WHERE mv.delivered) > 0
 ORDER BY COALESCE(p.commercial_partner_id, p.id), mv.partner_id, mv.lot_id
"""

LOT_COLUMNS = ("lot_id", "depth", "parent_lot_id", "production_id", "product_id")
MOVE_COLUMNS = ("depth", "parent_lot_id", "move_line_id", "date", "lot_id", "product_id", "uom_id",
                "company_id",
                "location_id", "location_dest_id", "reference", "picking_id", "production_id",
                "partner_id", "kind", "quantity")
CUSTOMER_COLUMNS = ("partner_id", "commercial_partner_id", "lot_id", "product_id", "uom_id",
                    "company_id",
                    "delivered", "returned", "quantity", "first_delivery", "last_delivery",
                    "deliveries")
DIRECTIONS = ("downstream", "upstream")


def params(lot_id, company_ids, max_depth=MAX_DEPTH):
    """Query parameters; ``lot_id`` is a batch's id or a list of them (the
    trace of several batches at once)."""
    lot_ids = [lot_id] if isinstance(lot_id, int) else lot_id
    return {"lot_ids": common.id_array(lot_ids), "company_ids": common.id_array(company_ids),
            "max_depth": int(max_depth)}


def trace(cr, lot_id, direction, company_ids, max_depth=MAX_DEPTH):
    """Rows (dicts, keys LOT_COLUMNS): the batch itself (depth 0) and every
    batch reached from it in ``direction``, with the batch it came through."""
    sql = DOWNSTREAM_LOTS_SQL if direction == "downstream" else UPSTREAM_LOTS_SQL
    cr.execute(sql, params(lot_id, company_ids, max_depth))
    return common.dict_rows(cr)


def moves(cr, lot_id, direction, company_ids, max_depth=MAX_DEPTH):
    """Rows (dicts, keys MOVE_COLUMNS): downstream every delivery,
    consumption, scrap... of the reached batches (and returns from
    customers); upstream every receipt and production that made them."""
    sql = DOWNSTREAM_MOVES_SQL if direction == "downstream" else UPSTREAM_MOVES_SQL
    cr.execute(sql, params(lot_id, company_ids, max_depth))
    return common.dict_rows(cr)


def affected_customers(cr, lot_id, company_ids, max_depth=MAX_DEPTH):
    """Rows (dicts, keys CUSTOMER_COLUMNS): every delivery address that
    received the batch or a batch made from it, per batch, with the
    quantity delivered, returned and still held."""
    cr.execute(AFFECTED_CUSTOMERS_SQL, params(lot_id, company_ids, max_depth))
    return common.dict_rows(cr)

"""Nothing lost, nothing doubled: the stock invariants of batches and serials.

``check(cr)`` takes any DB-API cursor on an Odoo 11 database (psycopg2, or
an Odoo cursor) and returns the violations found, one sentence each naming
the batch, serial or order; an empty list means all hold:

- no serial number in stock twice (two internal quants, or more than one unit);
- no serial number sold twice (net of customer returns);
- no negative batch quantity in an internal location, and reservations
  between zero and the quantity on hand;
- quants equal a replay of the done move lines, per product, batch and
  internal location, and their reservations equal the open move lines', for
  products tracked by batch or serial (Odoo's own demo data puts stock of an
  untracked product straight into a quant);
- every confirmed order's chosen batches equal what its deliveries shipped
  (done) or hold reserved (not done yet), per batch, in the product's unit.
  One-step deliveries only: the moves that carry the order line and take
  goods out of stock.

Run alone: ``python -m load.invariants DATABASE`` (exit status 1 on a violation).
"""
import sys

# Quantities are compared in the product's unit at this precision.
EPSILON = 0.0005

# qty in the line's unit -> product's unit (Odoo's factor: units per reference unit)
_TO_PRODUCT_UOM = "({qty}) / line_uom.factor * product_uom.factor"

_SERIAL_IN_STOCK_TWICE = """
    SELECT lot.name, p.default_code, SUM(q.quantity), COUNT(*)
      FROM stock_quant q
      JOIN stock_location loc ON loc.id = q.location_id AND loc.usage = 'internal'
      JOIN stock_production_lot lot ON lot.id = q.lot_id
      JOIN product_product p ON p.id = q.product_id
      JOIN product_template t ON t.id = p.product_tmpl_id AND t.tracking = 'serial'
     WHERE q.quantity > %(eps)s
  GROUP BY lot.id, lot.name, p.default_code
    HAVING SUM(q.quantity) > 1 + %(eps)s OR COUNT(*) > 1
"""

_SERIAL_SOLD_TWICE = """
    SELECT lot.name, SUM(CASE WHEN dest.usage = 'customer' THEN ml.qty_done ELSE -ml.qty_done END)
      FROM stock_move_line ml
      JOIN stock_location src ON src.id = ml.location_id
      JOIN stock_location dest ON dest.id = ml.location_dest_id
      JOIN stock_production_lot lot ON lot.id = ml.lot_id
      JOIN product_product p ON p.id = ml.product_id
      JOIN product_template t ON t.id = p.product_tmpl_id AND t.tracking = 'serial'
     WHERE ml.state = 'done' AND (dest.usage = 'customer') <> (src.usage = 'customer')
  GROUP BY lot.id, lot.name
    HAVING SUM(CASE WHEN dest.usage = 'customer' THEN ml.qty_done ELSE -ml.qty_done END) > 1 + %(eps)s
"""

_BAD_QUANTS = """
    SELECT lot.name, loc.complete_name, q.quantity, q.reserved_quantity
      FROM stock_quant q
      JOIN stock_location loc ON loc.id = q.location_id AND loc.usage = 'internal'
      JOIN stock_production_lot lot ON lot.id = q.lot_id
     WHERE q.quantity < -%(eps)s OR q.reserved_quantity < -%(eps)s
        OR q.reserved_quantity > GREATEST(q.quantity, 0) + %(eps)s
"""

_REPLAY = """
    WITH replay AS (
        -- each done line adds to its destination and takes from its source
        SELECT ml.product_id, ml.lot_id, side.location_id, SUM(side.sign * {to_product})::float AS qty
          FROM stock_move_line ml
          JOIN product_uom line_uom ON line_uom.id = ml.product_uom_id
          JOIN product_product p ON p.id = ml.product_id
          JOIN product_template t ON t.id = p.product_tmpl_id
          JOIN product_uom product_uom ON product_uom.id = t.uom_id
         CROSS JOIN LATERAL (VALUES (ml.location_dest_id, 1), (ml.location_id, -1)) side(location_id, sign)
         WHERE ml.state = 'done'
      GROUP BY ml.product_id, ml.lot_id, side.location_id),
    quants AS (
        SELECT product_id, lot_id, location_id, SUM(quantity) AS qty
          FROM stock_quant GROUP BY product_id, lot_id, location_id),
    open_lines AS (
        SELECT product_id, lot_id, location_id, SUM(product_qty) AS qty
          FROM stock_move_line WHERE state NOT IN ('done', 'cancel')
      GROUP BY product_id, lot_id, location_id),
    reserved AS (
        SELECT product_id, lot_id, location_id, SUM(reserved_quantity) AS qty
          FROM stock_quant GROUP BY product_id, lot_id, location_id)
    SELECT k.product_id, p.default_code, lot.name, loc.complete_name,
           COALESCE(r.qty, 0), COALESCE(q.qty, 0), COALESCE(o.qty, 0), COALESCE(rs.qty, 0)
      FROM (SELECT product_id, lot_id, location_id FROM replay UNION
            SELECT product_id, lot_id, location_id FROM quants UNION
            SELECT product_id, lot_id, location_id FROM open_lines) k
      JOIN stock_location loc ON loc.id = k.location_id AND loc.usage = 'internal'
      JOIN product_product p ON p.id = k.product_id
      JOIN product_template t ON t.id = p.product_tmpl_id AND t.type = 'product' AND t.tracking <> 'none'
      LEFT JOIN stock_production_lot lot ON lot.id = k.lot_id
      LEFT JOIN replay r ON r.product_id = k.product_id AND r.location_id = k.location_id
                        AND r.lot_id IS NOT DISTINCT FROM k.lot_id
      LEFT JOIN quants q ON q.product_id = k.product_id AND q.location_id = k.location_id
                        AND q.lot_id IS NOT DISTINCT FROM k.lot_id
      LEFT JOIN open_lines o ON o.product_id = k.product_id AND o.location_id = k.location_id
                            AND o.lot_id IS NOT DISTINCT FROM k.lot_id
      LEFT JOIN reserved rs ON rs.product_id = k.product_id AND rs.location_id = k.location_id
                           AND rs.lot_id IS NOT DISTINCT FROM k.lot_id
     WHERE ABS(COALESCE(r.qty, 0) - COALESCE(q.qty, 0)) > %(eps)s
        OR ABS(COALESCE(o.qty, 0) - COALESCE(rs.qty, 0)) > %(eps)s
""".format(to_product=_TO_PRODUCT_UOM.format(qty="ml.qty_done"))

_CHOSEN_VS_DELIVERED = """
    WITH chosen AS (
        SELECT c.sale_line_id, c.lot_id, SUM({chosen_qty}) AS qty
          FROM cloudoffice_sale_line_lot c
          JOIN sale_order_line sl ON sl.id = c.sale_line_id
          JOIN sale_order so ON so.id = sl.order_id AND so.state IN ('sale', 'done')
          JOIN product_uom line_uom ON line_uom.id = sl.product_uom
          JOIN product_product p ON p.id = sl.product_id
          JOIN product_template t ON t.id = p.product_tmpl_id
          JOIN product_uom product_uom ON product_uom.id = t.uom_id
      GROUP BY c.sale_line_id, c.lot_id),
    delivery_moves AS (
        SELECT m.id, m.sale_line_id, m.state FROM stock_move m
          JOIN stock_location src ON src.id = m.location_id AND src.usage = 'internal'
         WHERE m.sale_line_id IN (SELECT sale_line_id FROM chosen)
           AND m.state <> 'cancel' AND m.origin_returned_move_id IS NULL),
    delivered AS (
        SELECT dm.sale_line_id, ml.lot_id,
               SUM(CASE WHEN dm.state = 'done' THEN {done_qty} ELSE ml.product_qty END) AS qty
          FROM delivery_moves dm
          JOIN stock_move_line ml ON ml.move_id = dm.id
          JOIN product_uom line_uom ON line_uom.id = ml.product_uom_id
          JOIN product_product p ON p.id = ml.product_id
          JOIN product_template t ON t.id = p.product_tmpl_id
          JOIN product_uom product_uom ON product_uom.id = t.uom_id
      GROUP BY dm.sale_line_id, ml.lot_id)
    SELECT so.name, lot.name, COALESCE(c.qty, 0), COALESCE(d.qty, 0)
      FROM chosen c
      FULL JOIN delivered d ON d.sale_line_id = c.sale_line_id AND d.lot_id IS NOT DISTINCT FROM c.lot_id
      JOIN sale_order_line sl ON sl.id = COALESCE(c.sale_line_id, d.sale_line_id)
      JOIN sale_order so ON so.id = sl.order_id
      LEFT JOIN stock_production_lot lot ON lot.id = COALESCE(c.lot_id, d.lot_id)
     WHERE ABS(COALESCE(c.qty, 0) - COALESCE(d.qty, 0)) > %(eps)s
       AND EXISTS (SELECT 1 FROM delivery_moves dm WHERE dm.sale_line_id = sl.id)
  ORDER BY so.name, lot.name
""".format(chosen_qty=_TO_PRODUCT_UOM.format(qty="c.quantity"),
           done_qty=_TO_PRODUCT_UOM.format(qty="ml.qty_done"))


def check(cr):
    """The violated invariants, one sentence each (empty: everything holds).

    >>> check(env.cr)  # or a psycopg2 cursor
    []
    """
    params = {"eps": EPSILON}
    problems = []
    cr.execute(_SERIAL_IN_STOCK_TWICE, params)
    for name, code, quantity, count in cr.fetchall():
        problems.append("serial %s (%s) is in stock %s times, in %d places" % (name, code, quantity, count))
    cr.execute(_SERIAL_SOLD_TWICE, params)
    for name, sold in cr.fetchall():
        problems.append("serial %s is sold %s times (net of returns)" % (name, sold))
    cr.execute(_BAD_QUANTS, params)
    for name, location, quantity, reserved in cr.fetchall():
        problems.append("batch %s in %s: %s on hand, %s reserved" % (name, location, quantity, reserved))
    cr.execute(_REPLAY, params)
    for _product, code, lot, location, replayed, on_hand, open_lines, reserved in cr.fetchall():
        where = "%s batch %s in %s" % (code or "product %s" % _product, lot or "(none)", location)
        # Say only what disagrees: stock on hand, or its reservation.
        if abs(replayed - on_hand) > EPSILON:
            problems.append("%s: quants hold %s but the done moves add up to %s" % (where, on_hand, replayed))
        if abs(open_lines - reserved) > EPSILON:
            problems.append("%s: quants reserve %s but the open move lines reserve %s"
                            % (where, reserved, open_lines))
    cr.execute(_CHOSEN_VS_DELIVERED, params)
    for order, lot, chosen, delivered in cr.fetchall():
        problems.append("%s: batch %s chosen %s, delivered or reserved %s" % (order, lot, chosen, delivered))
    return problems


def counts(cr):
    """A few totals to print beside the check: confirmed orders, done deliveries."""
    cr.execute("""SELECT (SELECT COUNT(*) FROM sale_order WHERE state IN ('sale', 'done')),
                         (SELECT COUNT(*) FROM stock_picking WHERE state = 'done'),
                         (SELECT COUNT(*) FROM stock_move_line WHERE state = 'done')""")
    orders, pickings, lines = cr.fetchone()
    return {"confirmed orders": orders, "done transfers": pickings, "done move lines": lines}


def connect(database):
    """A psycopg2 connection to ``database`` with the Odoo config's settings."""
    import psycopg2

    from .nodes import odoo_config

    config = odoo_config()
    return psycopg2.connect(dbname=database, host=config.get("db_host"), port=config.get("db_port"),
                            user=config.get("db_user"))


def main(argv=None):
    database = (argv or sys.argv[1:])[0]
    with connect(database) as conn, conn.cursor() as cr:
        problems = check(cr)
        totals = counts(cr)
    print("Invariants on %s (%s): %s" % (database, ", ".join("%s %s" % (v, k) for k, v in totals.items()),
                                         "all hold" if not problems else "%d violated" % len(problems)))
    for problem in problems:
        print("  - " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

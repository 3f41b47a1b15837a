"""What the report queries share: which locations hold stock, and the
quantity of a move line in its product's unit of measure.

"In stock" means a location of usage ``internal`` or ``transit``: goods in
transit between two of our warehouses are still ours, so a move from one
warehouse to the other never changes the company-wide balance, whichever of
its steps is done.
"""
import datetime

import pytz

IN_STOCK_USAGES = ("internal", "transit")

# Every location that holds stock, with the warehouse it belongs to (the
# innermost warehouse whose view location contains it; none for transit
# locations outside warehouses) and the key rows are grouped by: the
# location itself, or the warehouse's view location when %(by_warehouse)s.
# %(location_ids)s / %(warehouse_ids)s (NULL for all) narrow the scope.
# The warehouse ``wh`` (id, view_location_id) of the location ``l``: the
# innermost one whose view location contains it (no row outside warehouses).
WAREHOUSE_OF_LOCATION_JOIN = """
      LEFT JOIN LATERAL (
            SELECT w.id, w.view_location_id
              FROM stock_warehouse w
              JOIN stock_location v ON v.id = w.view_location_id
             WHERE v.parent_left <= l.parent_left AND l.parent_left < v.parent_right
             ORDER BY v.parent_left DESC
             LIMIT 1) wh ON TRUE"""

STOCK_LOCATIONS_CTE = """
stock_locs AS (
    SELECT l.id, wh.id AS warehouse_id,
           CASE WHEN %(by_warehouse)s AND wh.id IS NOT NULL
                THEN wh.view_location_id ELSE l.id END AS key_id
      FROM stock_location l""" + WAREHOUSE_OF_LOCATION_JOIN + """
     WHERE l.usage IN ('internal', 'transit')
       AND (%(location_ids)s::int[] IS NULL OR l.id = ANY(%(location_ids)s::int[]))
       AND (%(warehouse_ids)s::int[] IS NULL OR wh.id = ANY(%(warehouse_ids)s::int[]))
)"""

# A done line's quantity in its product's unit, rounded per line as Odoo
# rounds it when it updates the quants (HALF-UP to the unit's rounding).
# Needs the aliases ml (stock_move_line), pt (product_template),
# lu (the line's unit) and pu (the product's unit).
LINE_QTY = """
CASE WHEN ml.product_uom_id = pt.uom_id THEN ml.qty_done
     ELSE ROUND(ml.qty_done / lu.factor * pu.factor / pu.rounding) * pu.rounding END"""

LINE_QTY_JOINS = """
      JOIN product_product pp ON pp.id = ml.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
      JOIN product_uom lu ON lu.id = ml.product_uom_id
      JOIN product_uom pu ON pu.id = pt.uom_id"""

# The done lines of the batches of a ``lots`` CTE (column lot_id), with the
# aliases LINE_QTY and KIND need: ml, lt (the batch), pt, lu, pu, sl/dl (the
# line's locations), m (its move) and pk (its transfer).
LOT_DONE_LINES_JOINS = """
  JOIN stock_move_line ml ON ml.lot_id = lots.lot_id AND ml.state = 'done'
  JOIN stock_production_lot lt ON lt.id = ml.lot_id""" + LINE_QTY_JOINS + """
  JOIN stock_location sl ON sl.id = ml.location_id
  JOIN stock_location dl ON dl.id = ml.location_dest_id
  LEFT JOIN stock_move m ON m.id = ml.move_id
  LEFT JOIN stock_picking pk ON pk.id = ml.picking_id"""

# The batch's company decides who sees its rows (as the record rule on
# batches does); batches without a company are shared.
LOT_COMPANY_FILTER = "(lot.company_id IS NULL OR lot.company_id = ANY(%(company_ids)s::int[]))"

# Movement kinds, from the locations and the document of a done line.
# Needs the aliases ml, m (stock_move), sl/dl (its source and destination
# stock_location) and src/dst (stock_locs rows, NULL when not in stock).
KIND = """
CASE WHEN dl.scrap_location THEN 'scrap'
     WHEN sl.scrap_location THEN 'scrap'
     WHEN m.inventory_id IS NOT NULL OR sl.usage = 'inventory' OR dl.usage = 'inventory'
          THEN 'inventory'
     WHEN sl.usage = 'production' THEN 'production'
     WHEN dl.usage = 'production' THEN 'consumption'
     WHEN sl.usage = 'supplier' THEN 'receipt'
     WHEN dl.usage = 'supplier' THEN 'supplier_return'
     WHEN dl.usage = 'customer' THEN 'delivery'
     WHEN sl.usage = 'customer' THEN 'customer_return'
     WHEN sl.usage IN ('internal', 'transit') AND dl.usage IN ('internal', 'transit')
          THEN 'internal'
     ELSE 'other' END"""

KINDS = ("receipt", "delivery", "production", "consumption", "internal", "inventory",
         "scrap", "customer_return", "supplier_return", "other")

EPOCH = datetime.datetime(1900, 1, 1)
FOREVER = datetime.datetime(9999, 12, 31)


def day_end_utc(day, tz_name):
    """The first instant after ``day`` in the time zone ``tz_name``, as a
    naive UTC datetime, the way Odoo stores dates.

    >>> day_end_utc(datetime.date(2024, 3, 31), "Europe/Stockholm")
    datetime.datetime(2024, 3, 31, 22, 0)
    >>> day_end_utc(datetime.date(2024, 1, 1), None)
    datetime.datetime(2024, 1, 2, 0, 0)
    """
    return day_start_utc(day + datetime.timedelta(days=1), tz_name)


def day_start_utc(day, tz_name):
    """The first instant of ``day`` in ``tz_name``, as a naive UTC datetime.

    >>> day_start_utc(datetime.date(2024, 7, 1), "Europe/Stockholm")
    datetime.datetime(2024, 6, 30, 22, 0)
    """
    tz = pytz.timezone(tz_name or "UTC")
    local = tz.localize(datetime.datetime.combine(day, datetime.time.min), is_dst=False)
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def to_datetime(value):
    """A timestamp read from the database as a datetime (Odoo's cursor
    returns strings, a plain one datetimes).

    >>> to_datetime("2024-03-01 10:00:00")
    datetime.datetime(2024, 3, 1, 10, 0)
    """
    if value is None or isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")


def id_array(ids):
    """A list of ids for an ``int[]`` parameter; None (no filter) stays None."""
    return None if ids is None else [int(i) for i in ids]


def dict_rows(cr):
    """The rows of the last query as dicts keyed by column name."""
    names = [column[0] for column in cr.description]
    return [dict(zip(names, row)) for row in cr.fetchall()]

"""Expiry report: batches/serials in stock with their expiry, best-before,
removal and alert dates, days left and a bucket (expired, within N days,
later, no expiry date), and the batches already delivered to customers
(net of returns) with customer and last delivery, so that a user sees who
holds goods about to expire.

Stock is read from the quants (what is in stock now, the figure Odoo
reserves from); deliveries from the done move lines.

    rows = in_stock(cr, company_ids=[1], now=datetime.utcnow(), today=date.today(),
                    tz="Europe/Stockholm", days=30)
"""
from . import common

# Expiry dates are days (stock_production_lot_dates.py): days left and the
# bucket compare them with the user's today, so no time zone can move them.
_BUCKET = """CASE WHEN lot.expiry_day IS NULL THEN 'none'
            WHEN lot.expiry_day <= %(today)s::date THEN 'expired'
            WHEN lot.expiry_day <= %(today)s::date + %(days)s THEN 'soon'
            ELSE 'later' END"""

_EXPIRY_COLUMNS = """
       lot.expiry_day AS life_date, lot.best_before_day AS use_date,
       lot.removal_day AS removal_date, lot.alert_day AS alert_date,
       lot.expiry_day - %(today)s::date AS days_left,
       """ + _BUCKET + """ AS bucket,
       lot.alert_day IS NOT NULL AND lot.alert_day <= %(today)s::date AS alert_reached"""

_LOT_FILTERS = """
   AND """ + common.LOT_COMPANY_FILTER + """
   AND (%(lot_ids)s::int[] IS NULL OR lot.id = ANY(%(lot_ids)s::int[]))
   AND (%(product_ids)s::int[] IS NULL OR lot.product_id = ANY(%(product_ids)s::int[]))
   AND (%(categ_ids)s::int[] IS NULL OR pt.categ_id = ANY(%(categ_ids)s::int[]))
   AND (lot.expiry_day IS NOT NULL OR %(with_undated)s)
   AND (%(buckets)s::text[] IS NULL OR """ + _BUCKET + """ = ANY(%(buckets)s::text[]))"""

IN_STOCK_SQL = "WITH " + common.STOCK_LOCATIONS_CTE + """
SELECT q.lot_id, lot.product_id, pt.uom_id, lot.company_id, loc.warehouse_id,
       q.location_id, SUM(q.quantity) AS quantity,""" + _EXPIRY_COLUMNS + """
  FROM stock_quant q
  JOIN stock_locs loc ON loc.id = q.location_id
  JOIN stock_production_lot lot ON lot.id = q.lot_id
  JOIN product_product pp ON pp.id = lot.product_id
  JOIN product_template pt ON pt.id = pp.product_tmpl_id
 WHERE TRUE""" + _LOT_FILTERS + """
 GROUP BY q.lot_id, lot.id, pt.uom_id, loc.warehouse_id, q.location_id
HAVING SUM(q.quantity) > 0
 ORDER BY lot.expiry_day NULLS LAST, q.lot_id, q.location_id
"""

# Per batch and delivery address: delivered minus returned, and the last
# delivery (its date and document).
AT_CUSTOMERS_SQL = """
WITH moves AS (
    SELECT ml.lot_id, ml.date, ml.picking_id,
           COALESCE(pk.partner_id, m.partner_id) AS partner_id,
           CASE WHEN dl.usage = 'customer' THEN 1 ELSE -1 END
               * (""" + common.LINE_QTY + """) AS quantity
      FROM stock_move_line ml
      JOIN stock_location sl ON sl.id = ml.location_id
      JOIN stock_location dl ON dl.id = ml.location_dest_id""" + common.LINE_QTY_JOINS + """
      LEFT JOIN stock_move m ON m.id = ml.move_id
      LEFT JOIN stock_picking pk ON pk.id = ml.picking_id
     WHERE ml.state = 'done' AND ml.lot_id IS NOT NULL
       AND (dl.usage = 'customer') <> (sl.usage = 'customer')
)
SELECT mv.lot_id, lot.product_id, pt.uom_id, lot.company_id, mv.partner_id,
       SUM(mv.quantity) AS quantity,
       MAX(mv.date) FILTER (WHERE mv.quantity > 0) AS delivery_date,
       (ARRAY_AGG(mv.picking_id ORDER BY mv.date DESC) FILTER (WHERE mv.quantity > 0))[1] AS picking_id,
""" + _EXPIRY_COLUMNS + """
  FROM moves mv
  JOIN stock_production_lot lot ON lot.id = mv.lot_id
  JOIN product_product pp ON pp.id = lot.product_id
  JOIN product_template pt ON pt.id = pp.product_tmpl_id
 WHERE TRUE""" + _LOT_FILTERS + """
 GROUP BY mv.lot_id, lot.id, pt.uom_id, mv.partner_id
HAVING SUM(mv.quantity) > 0
 ORDER BY lot.expiry_day NULLS LAST, mv.lot_id, mv.partner_id
"""

STOCK_COLUMNS = ("lot_id", "product_id", "uom_id", "company_id", "warehouse_id", "location_id",
                 "quantity", "life_date", "use_date", "removal_date", "alert_date",
                 "days_left", "bucket", "alert_reached")
CUSTOMER_COLUMNS = ("lot_id", "product_id", "uom_id", "company_id", "partner_id", "quantity",
                    "delivery_date", "picking_id", "life_date", "use_date", "removal_date",
                    "alert_date", "days_left", "bucket", "alert_reached")
BUCKETS = ("expired", "soon", "later", "none")


def params(company_ids, now, today, tz=None, days=30, buckets=None, with_undated=False,
           lot_ids=None, product_ids=None, categ_ids=None, location_ids=None, warehouse_ids=None):
    """Parameters of both queries. ``now`` is naive UTC, ``today`` the
    user's date, ``days`` the horizon of the "soon" bucket; ``buckets``
    (a subset of BUCKETS, None for all) keeps only those rows."""
    return {
        "company_ids": common.id_array(company_ids),
        "now": now,
        "today": today,
        "tz": tz or "UTC",
        "days": int(days),
        "buckets": list(buckets) if buckets is not None else None,
        "with_undated": bool(with_undated),
        "lot_ids": common.id_array(lot_ids),
        "product_ids": common.id_array(product_ids),
        "categ_ids": common.id_array(categ_ids),
        "location_ids": common.id_array(location_ids),
        "warehouse_ids": common.id_array(warehouse_ids),
        "by_warehouse": False,
    }


def in_stock(cr, company_ids, now, today, **options):
    """Rows (dicts, keys STOCK_COLUMNS): batches in stock per location."""
    cr.execute(IN_STOCK_SQL, params(company_ids, now, today, **options))
    return common.dict_rows(cr)


def at_customers(cr, company_ids, now, today, **options):
    """Rows (dicts, keys CUSTOMER_COLUMNS): batches customers still hold."""
    cr.execute(AT_CUSTOMERS_SQL, params(company_ids, now, today, **options))
    return common.dict_rows(cr)

"""Batch Stock: what is in stock now per batch and location, from the quants.

One row per batch and location (a batch's quants there may be several:
packages, owners), its smallest quant id as its id; the warehouse as the
balance has it (common.WAREHOUSE_OF_LOCATION_JOIN). The model
cloudoffice.lot.stock reads this view, cloudoffice_lot_stock.
"""
from . import common

VIEW_SQL = """
SELECT MIN(q.id) AS id, q.product_id, pt.categ_id, q.lot_id, wh.id AS warehouse_id,
       q.location_id, lot.expiry_day AS life_date,
       SUM(q.quantity) AS quantity, SUM(q.reserved_quantity) AS reserved_quantity,
       pt.uom_id, q.company_id
  FROM stock_quant q
  JOIN stock_location l ON l.id = q.location_id
  JOIN stock_production_lot lot ON lot.id = q.lot_id
  JOIN product_product pp ON pp.id = q.product_id
  JOIN product_template pt ON pt.id = pp.product_tmpl_id""" + common.WAREHOUSE_OF_LOCATION_JOIN + """
 WHERE l.usage IN ('internal', 'transit')
 GROUP BY q.product_id, pt.categ_id, q.lot_id, wh.id, q.location_id, lot.expiry_day, pt.uom_id,
          q.company_id
HAVING SUM(q.quantity) <> 0 OR SUM(q.reserved_quantity) <> 0
"""


CREATE_SQL = "CREATE VIEW cloudoffice_lot_stock AS (" + VIEW_SQL + ")"


def create_view(cr):
    """(Re)create the view cloudoffice_lot_stock."""
    cr.execute("DROP VIEW IF EXISTS cloudoffice_lot_stock")
    cr.execute(CREATE_SQL)

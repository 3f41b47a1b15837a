"""One step back, one step forward (EU Regulation 178/2002, art. 18) of a
batch/serial: who supplied it or the inputs it was made of, and who received
it or what was made of it.

Back: the batch itself and, through the manufacturing order that made it,
the batches it consumed (one level); for each, its receipts from suppliers
(date, quantity, the supplier's batch number). An input batch that no
supplier delivered (made here, or found in a count) is listed without a
supplier, so that the gap shows.

Forward: the batch itself and the batches made from it (one level); for
each, its deliveries to customers and the customers' returns (negative).
A batch made from it and not delivered yet is listed without a customer.

The manufacturing links and the company filter are those of the full trace
(``lot_trace``), cut at one level:

    rows = back(cr, lot_id, company_ids=[1])
    rows = forward(cr, lot_id, company_ids=[1])
"""
from . import common, lot_trace

#: one level of manufacturing each way
ONE_STEP = 1

_LINES = """
SELECT {section} AS section, lots.depth, lots.lot_id, lt.product_id, pt.uom_id, lt.company_id,
       COALESCE(lots.parent_lot_id, lots.lot_id) AS via_lot_id, lots.production_id,
       ml.date, COALESCE(pk.partner_id, m.partner_id) AS partner_id, ml.picking_id,
       lt.supplier_batch, """ + common.KIND + """ AS kind,
       CASE WHEN sl.usage = 'customer' THEN -1 ELSE 1 END * (""" + common.LINE_QTY + """)
           AS quantity
  FROM lots""" + common.LOT_DONE_LINES_JOINS + """
 WHERE {border}"""

# Batches of the step without any such movement: listed, without a partner.
_UNMOVED = """
SELECT {section} AS section, lots.depth, lots.lot_id, lt.product_id, pt.uom_id, lt.company_id,
       COALESCE(lots.parent_lot_id, lots.lot_id) AS via_lot_id, lots.production_id,
       NULL::timestamp AS date, NULL::int AS partner_id, NULL::int AS picking_id,
       lt.supplier_batch, NULL::varchar AS kind, 0.0 AS quantity
  FROM lots
  JOIN stock_production_lot lt ON lt.id = lots.lot_id
  JOIN product_product pp ON pp.id = lt.product_id
  JOIN product_template pt ON pt.id = pp.product_tmpl_id
 WHERE lots.depth = %(one_step)s AND lots.lot_id NOT IN (SELECT lot_id FROM step_lines)"""

_STEP = ",\nstep_lines AS (" + _LINES + """
)
SELECT * FROM step_lines
 UNION ALL """ + _UNMOVED + """
 ORDER BY depth, lot_id, date NULLS LAST"""

BACK_SQL = ("WITH RECURSIVE " + lot_trace._UPSTREAM_TREE + lot_trace._LOTS
            + _STEP.format(section="'back'",
                           border="sl.usage = 'supplier' AND dl.usage IN ('internal', 'transit')"))
FORWARD_SQL = ("WITH RECURSIVE " + lot_trace._DOWNSTREAM_TREE + lot_trace._LOTS
               + _STEP.format(section="'forward'",
                              border="(dl.usage = 'customer') <> (sl.usage = 'customer')"))

COLUMNS = ("section", "depth", "lot_id", "product_id", "uom_id", "company_id", "via_lot_id",
           "production_id", "date", "partner_id", "picking_id", "supplier_batch", "kind",
           "quantity")


def params(lot_id, company_ids):
    return dict(lot_trace.params(lot_id, company_ids, max_depth=ONE_STEP), one_step=ONE_STEP)


def back(cr, lot_id, company_ids):
    """Rows (dicts, keys COLUMNS): the supplier receipts of the batch and of
    the batches it was made of."""
    cr.execute(BACK_SQL, params(lot_id, company_ids))
    return common.dict_rows(cr)


def forward(cr, lot_id, company_ids):
    """Rows (dicts, keys COLUMNS): the deliveries (and returns) of the batch
    and of the batches made of it."""
    cr.execute(FORWARD_SQL, params(lot_id, company_ids))
    return common.dict_rows(cr)

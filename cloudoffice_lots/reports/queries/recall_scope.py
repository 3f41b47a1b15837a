"""A recall's scope and customer lines written and summed in bulk.

A recall of a raw material reaches hundreds of batches and thousands of
customer lines (one per delivery address and batch); created one by one
through the ORM that takes minutes, so the lines are written here in a few
statements, from the rows of ``lot_trace``. The caller invalidates the
ORM's cache afterwards.

    store_scope(cr, recall_id, company_id, uid, lot_rows)
    merge_customers(cr, recall_id, company_id, uid, customer_rows)
    progress(cr, recall_ids)  # {recall id: figures}
"""
from . import common

_STORE_SCOPE_SQL = """
DELETE FROM cloudoffice_lot_recall_lot WHERE recall_id = %(recall_id)s;
INSERT INTO cloudoffice_lot_recall_lot (recall_id, company_id, lot_id, product_id, depth,
                                        parent_lot_id, production_id, create_uid, create_date,
                                        write_uid, write_date)
SELECT %(recall_id)s, %(company_id)s, row.lot_id, lot.product_id, row.depth, row.parent_lot_id,
       row.production_id, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
  FROM unnest(%(lot_ids)s::int[], %(depths)s::int[], %(parent_lot_ids)s::int[],
              %(production_ids)s::int[]) AS row(lot_id, depth, parent_lot_id, production_id)
  JOIN stock_production_lot lot ON lot.id = row.lot_id
 ORDER BY row.depth, row.lot_id
"""

# Lines found again keep their answers and get fresh figures; new ones are
# added; lines no longer found go unless their customer was already told.
_MERGE_CUSTOMERS_SQL = """
CREATE TEMP TABLE cloudoffice_recall_found ON COMMIT DROP AS
SELECT * FROM unnest(%(partner_ids)s::int[], %(lot_ids)s::int[], %(delivered)s::numeric[],
                     %(returned)s::numeric[], %(first_deliveries)s::timestamp[],
                     %(last_deliveries)s::timestamp[])
       AS found(partner_id, lot_id, delivered, returned, first_delivery, last_delivery);
UPDATE cloudoffice_lot_recall_customer line
   SET qty_delivered = found.delivered, qty_returned = found.returned,
       first_delivery = found.first_delivery, last_delivery = found.last_delivery,
       write_uid = %(uid)s, write_date = now() AT TIME ZONE 'UTC'
  FROM cloudoffice_recall_found found
 WHERE line.recall_id = %(recall_id)s
   AND line.partner_id = found.partner_id AND line.lot_id = found.lot_id;
DELETE FROM cloudoffice_lot_recall_customer line
 WHERE line.recall_id = %(recall_id)s AND line.notified_at IS NULL
   AND NOT EXISTS (SELECT 1 FROM cloudoffice_recall_found found
                    WHERE found.partner_id = line.partner_id AND found.lot_id = line.lot_id);
INSERT INTO cloudoffice_lot_recall_customer (recall_id, company_id, partner_id, lot_id,
                                             qty_delivered, qty_returned, first_delivery,
                                             last_delivery, state, create_uid, create_date,
                                             write_uid, write_date)
SELECT %(recall_id)s, %(company_id)s, found.partner_id, found.lot_id, found.delivered,
       found.returned, found.first_delivery, found.last_delivery, 'todo', %(uid)s,
       now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
  FROM cloudoffice_recall_found found
 WHERE NOT EXISTS (SELECT 1 FROM cloudoffice_lot_recall_customer line
                    WHERE line.recall_id = %(recall_id)s AND line.partner_id = found.partner_id
                      AND line.lot_id = found.lot_id)
 ORDER BY found.partner_id, found.lot_id;
DROP TABLE cloudoffice_recall_found;
"""

# Per recall: customers (commercial partners) in it, told and answering, and
# the quantities of its lines; the unaccounted quantity is summed in Python
# from the lines' figures (see unaccounted()).
PROGRESS_SQL = """
SELECT line.recall_id,
       COUNT(DISTINCT COALESCE(p.commercial_partner_id, p.id)) AS customers,
       COUNT(DISTINCT COALESCE(p.commercial_partner_id, p.id))
           FILTER (WHERE line.notified_at IS NOT NULL) AS notified,
       COUNT(DISTINCT COALESCE(p.commercial_partner_id, p.id))
           FILTER (WHERE line.answered_at IS NOT NULL) AS answered,
       COALESCE(SUM(line.qty_delivered), 0) AS shipped,
       COALESCE(SUM(line.qty_returned), 0) AS recovered,
       COALESCE(SUM(line.qty_destroyed), 0) AS destroyed,
       array_agg(ARRAY[COALESCE(line.qty_delivered, 0), COALESCE(line.qty_returned, 0),
                       COALESCE(line.qty_destroyed, 0), COALESCE(line.qty_held, 0),
                       COALESCE(line.qty_returned_at_answer, 0)]) AS figures
  FROM cloudoffice_lot_recall_customer line
  JOIN res_partner p ON p.id = line.partner_id
 WHERE line.recall_id = ANY(%(recall_ids)s)
 GROUP BY line.recall_id
"""


def unaccounted(delivered, returned, destroyed, held, returned_at_answer):
    """What a customer line leaves unaccounted: delivered, less returned,
    destroyed and still held apart. A unit held apart and then returned is
    counted once, as returned.

    >>> unaccounted(6, 2, 0, 2, 0)  # held 2, then returned those 2
    4
    >>> unaccounted(6, 0, 1, 2, 0)
    3
    """
    returned_since = max(returned - returned_at_answer, 0)
    still_held = max(held - returned_since, 0)
    return max(delivered - returned - destroyed - still_held, 0)


def store_scope(cr, recall_id, company_id, uid, lot_rows):
    """Replace the recall's scope by ``lot_rows`` (``lot_trace.trace`` rows)."""
    cr.execute(_STORE_SCOPE_SQL, {
        "recall_id": recall_id, "company_id": company_id, "uid": uid,
        "lot_ids": [row["lot_id"] for row in lot_rows],
        "depths": [row["depth"] for row in lot_rows],
        "parent_lot_ids": [row["parent_lot_id"] for row in lot_rows],
        "production_ids": [row["production_id"] for row in lot_rows],
    })


def merge_customers(cr, recall_id, company_id, uid, customer_rows):
    """Bring the recall's customer lines in line with ``customer_rows``
    (``lot_trace.affected_customers`` rows, one per address and batch)."""
    cr.execute(_MERGE_CUSTOMERS_SQL, {
        "recall_id": recall_id, "company_id": company_id, "uid": uid,
        "partner_ids": [row["partner_id"] for row in customer_rows],
        "lot_ids": [row["lot_id"] for row in customer_rows],
        "delivered": [row["delivered"] or 0 for row in customer_rows],
        "returned": [row["returned"] or 0 for row in customer_rows],
        "first_deliveries": [row["first_delivery"] for row in customer_rows],
        "last_deliveries": [row["last_delivery"] for row in customer_rows],
    })


def progress(cr, recall_ids):
    """{recall id: {customers, notified, answered, shipped, recovered,
    destroyed, unaccounted}} of the recalls that have customer lines."""
    cr.execute(PROGRESS_SQL, {"recall_ids": common.id_array(recall_ids)})
    result = {}
    for row in common.dict_rows(cr):
        figures = row.pop("figures")
        row["unaccounted"] = sum(unaccounted(*(float(value) for value in line)) for line in figures)
        for key in ("shipped", "recovered", "destroyed"):
            row[key] = float(row[key])
        result[row.pop("recall_id")] = row
    return result

"""The batch picker on a product with 10,000 batches and 200,000 done move lines.

Ours: one SQL query on the quants (cloudoffice.lot.availability), FEFO order,
sellable batches only. Odoo 11's own way: the product's internal quants read
through the ORM, then each quant's lot, quantity, reservation, location and
expiry.
"""
from odoo import fields

from .common import best_of

PRODUCT_CODE = "BENCH-LOTS-10K"
BATCHES = 10000
LINES_PER_BATCH = 20  # 12 receipts and 8 deliveries of 5 units each


def prepare(env):
    """Generate the dataset once (kept in the benchmark database)."""
    if env["product.product"].search([("default_code", "=", PRODUCT_CODE)]):
        return
    product = env["product.product"].create({
        "name": "Bench Batches 10k", "default_code": PRODUCT_CODE, "type": "product", "tracking": "lot"})
    stock = env.ref("stock.warehouse0").lot_stock_id
    supplier = env.ref("stock.stock_location_suppliers")
    customer = env.ref("stock.stock_location_customers")
    uom = product.uom_id.id
    company = env.user.company_id.id
    cr = env.cr
    has_release = env["stock.production.lot"]._cloudoffice_has_release_state()
    # Expiry spread over the next two years, a few already expired.
    cr.execute("""
        INSERT INTO stock_production_lot (name, product_id, company_id, life_date, use_date,
                                          create_uid, create_date, write_uid, write_date)
        SELECT 'BL-' || lpad(g::text, 6, '0'), %s, %s,
               now() + ((g * 7919) %% 730 - 20) * interval '1 day',
               now() + ((g * 7919) %% 730 - 50) * interval '1 day',
               1, now(), 1, now()
          FROM generate_series(1, %s) g
    """, (product.id, company, BATCHES))
    if has_release:
        # every 25th batch awaits its tests, every 40th is blocked
        cr.execute("""
            UPDATE stock_production_lot
               SET release_state = CASE WHEN id %% 25 = 0 THEN 'pending'
                                        WHEN id %% 40 = 0 THEN 'blocked' ELSE 'released' END
             WHERE product_id = %s
        """, (product.id,))
    cr.execute("""
        INSERT INTO stock_move (name, product_id, product_uom, product_uom_qty, product_qty,
                                location_id, location_dest_id, state, date, date_expected,
                                company_id, procure_method, create_uid, create_date, write_uid, write_date)
        SELECT 'bench ' || lot.name, %(product)s, %(uom)s, 5, 5, %(src)s, %(dst)s, 'done',
               now() - interval '400 days', now() - interval '400 days', %(company)s, 'make_to_stock',
               1, now(), 1, now()
          FROM stock_production_lot lot WHERE lot.product_id = %(product)s
    """, {"product": product.id, "uom": uom, "src": supplier.id, "dst": stock.id, "company": company})
    cr.execute("""
        INSERT INTO stock_move_line (move_id, product_id, product_uom_id, product_uom_qty, product_qty,
                                     qty_done, lot_id, location_id, location_dest_id, state, date,
                                     create_uid, create_date, write_uid, write_date)
        SELECT m.id, m.product_id, m.product_uom, 0, 0, 5, lot.id,
               CASE WHEN k <= 12 THEN %(src)s ELSE %(stock)s END,
               CASE WHEN k <= 12 THEN %(stock)s ELSE %(dst)s END,
               'done', m.date + k * interval '1 day', 1, now(), 1, now()
          FROM stock_move m
          JOIN stock_production_lot lot ON m.name = 'bench ' || lot.name AND lot.product_id = m.product_id
         CROSS JOIN generate_series(1, %(lines)s) k
         WHERE m.product_id = %(product)s
    """, {"src": supplier.id, "stock": stock.id, "dst": customer.id, "product": product.id,
          "lines": LINES_PER_BATCH})
    # What the move lines left in stock: 20 units per batch; every 7th batch is
    # sold out, every 5th has 15 units reserved.
    cr.execute("""
        INSERT INTO stock_quant (product_id, location_id, lot_id, quantity, reserved_quantity, in_date,
                                 company_id, create_uid, create_date, write_uid, write_date)
        SELECT %(product)s, %(stock)s, lot.id, 20,
               CASE WHEN lot.id %% 5 = 0 THEN 15 ELSE 0 END,
               now() - ((lot.id * 31) %% 400) * interval '1 day', %(company)s, 1, now(), 1, now()
          FROM stock_production_lot lot
         WHERE lot.product_id = %(product)s AND lot.id %% 7 <> 0
    """, {"product": product.id, "stock": stock.id, "company": company})
    cr.execute("ANALYZE stock_quant")
    cr.execute("ANALYZE stock_production_lot")
    cr.execute("ANALYZE stock_move_line")


def odoo_way(env, product):
    """Odoo 11: the product's internal quants through the ORM, then their lots."""
    quants = env["stock.quant"].search(
        [("product_id", "=", product.id), ("location_id.usage", "=", "internal")])
    now = fields.Datetime.now()
    rows = [(q.lot_id.name, q.quantity - q.reserved_quantity, q.location_id.name, q.lot_id.life_date)
            for q in quants if q.quantity - q.reserved_quantity > 0]
    # Sellable ones, first expiry first: what the picker shows
    rows = [row for row in rows if not row[3] or row[3] > now]
    return sorted(rows, key=lambda row: row[3] or "9999")


def run(env, report):
    product = env["product.product"].search([("default_code", "=", PRODUCT_CODE)])
    stock = env.ref("stock.warehouse0").lot_stock_id
    availability = env["cloudoffice.lot.availability"]

    def ours_all():
        env.cache.invalidate()
        return availability.available_lots(product, stock)

    def baseline():
        env.cache.invalidate()
        return odoo_way(env, product)

    ours_seconds, rows = best_of(ours_all)
    odoo_seconds, odoo_rows = best_of(baseline, repeat=3)
    report.add("Picker: all sellable batches (%d of %d), FEFO" % (len(rows), BATCHES),
               ours_seconds, odoo_seconds, limit=0.1, note="(Odoo lists %d)" % len(odoo_rows))

    partner = env["res.partner"].create({"name": "Bench Customer"})
    order = env["sale.order"].create({"partner_id": partner.id, "order_line": [(0, 0, {
        "product_id": product.id, "name": product.name, "product_uom_qty": 100,
        "product_uom": product.uom_id.id, "price_unit": 1.0})]})

    def open_picker():
        env.cache.invalidate()
        return env["cloudoffice.sale.lot.picker"].action_open({"sale_line_id": order.order_line.id})

    open_seconds, _action = best_of(open_picker)
    report.add("Picker opened on an order line (first 40 rows, FEFO proposal)",
               open_seconds, odoo_seconds, limit=0.1)

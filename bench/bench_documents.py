"""Documents with many lines: a 200-line sales order with chosen batches
confirmed, a 500-line receipt of new batches validated, a 500-line delivery
of batches validated.

Odoo's own way is the same document for products that are not tracked,
measured in the same run: for them the add-on adds nothing (no batch to
choose, lock, create, check or walk the move chain for), so the ratio shows
what batches cost on top of Odoo's own work, and a query per line of ours
shows up as a ratio that falls with the number of lines.
"""
import datetime
import os
import time

from odoo import fields

CODE = "BENCH-DOC-%s-%03d"  # T: batch-tracked, U: not tracked
PRODUCTS = 500
ORDER_LINES = 200
# Lines of the receipt and the delivery (at most PRODUCTS); smaller on a busy machine:
# BENCH_DOCUMENT_LINES=250 make bench BENCH_ARGS=documents
LINES = min(PRODUCTS, int(os.environ.get("BENCH_DOCUMENT_LINES", PRODUCTS)))
# Which cases to run: BENCH_DOCUMENT_CASES=receipt,delivery (default: all three).
CASES = os.environ.get("BENCH_DOCUMENT_CASES", "order,receipt,delivery").split(",")
STOCK_QTY = 100000
REPEAT = 2


def _products(env, kind, count):
    products = env["product.product"].search([("default_code", "=like", "BENCH-DOC-%s-%%" % kind)],
                                             order="default_code", limit=count)
    assert len(products) == count, "prepare() did not create the products"
    return products


def prepare(env):
    """500 batch-tracked products with one batch each, and 500 untracked
    products, all with plenty in stock (kept in the benchmark database)."""
    if env["product.product"].search([("default_code", "=", CODE % ("U", PRODUCTS - 1))]):
        return
    stock = env.ref("stock.warehouse0").lot_stock_id
    quants = env["stock.quant"]
    expiry = fields.Datetime.to_string(datetime.datetime.now() + datetime.timedelta(days=3 * 365))
    for index in range(PRODUCTS):
        for kind, tracking in (("T", "lot"), ("U", "none")):
            product = env["product.product"].create({
                "name": "Bench Document %s %03d" % (kind, index), "default_code": CODE % (kind, index),
                "type": "product", "tracking": tracking, "invoice_policy": "order"})
            lot = None
            if tracking == "lot":
                lot = env["stock.production.lot"].create({
                    "name": "BDOC-%03d" % index, "product_id": product.id, "life_date": expiry})
            quants._update_available_quantity(product, stock, STOCK_QTY, lot_id=lot)


def _timed(make, operation, repeat=REPEAT):
    """Best seconds of ``operation(document)``, each on a new ``make()``."""
    best = None
    for _ in range(repeat):
        document = make()
        document.env.cache.invalidate()
        start = time.perf_counter()
        operation(document)
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
    return best


def run(env, report):
    tracked, untracked = _products(env, "T", PRODUCTS), _products(env, "U", PRODUCTS)
    lots = {lot.product_id.id: lot for lot in env["stock.production.lot"].search(
        [("product_id", "in", tracked.ids)])}
    warehouse = env.ref("stock.warehouse0")
    partner = env["res.partner"].create({"name": "Bench Document Customer", "customer": True,
                                         "supplier": True})

    # ---------------------------------------------------- sales order
    def order(products, choose):
        document = env["sale.order"].create({
            "partner_id": partner.id, "warehouse_id": warehouse.id,
            "order_line": [(0, 0, {
                "product_id": product.id, "name": product.name, "product_uom_qty": 1,
                "product_uom": product.uom_id.id, "price_unit": 1.0}) for product in products]})
        if choose:
            for line in document.order_line:
                line.write({"lot_choice_ids": [(0, 0, {"lot_id": lots[line.product_id.id].id,
                                                       "quantity": 1})]})
        return document

    def confirm(document):
        document.action_confirm()
        assert document.state == "sale"

    if "order" in CASES:
        ours = _timed(lambda: order(tracked[:ORDER_LINES], True), confirm)
        odoo = _timed(lambda: order(untracked[:ORDER_LINES], False), confirm)
        report.add("Sales order of %d lines confirmed (chosen batches reserved)" % ORDER_LINES,
                   ours, odoo, min_ratio=0.5)

    # ---------------------------------------------------- receipt
    receipts = {"run": 0}

    def picking(products, picking_type, src, dst):
        document = env["stock.picking"].create({
            "partner_id": partner.id, "picking_type_id": picking_type.id,
            "location_id": src.id, "location_dest_id": dst.id,
            "move_lines": [(0, 0, {
                "name": product.name, "product_id": product.id, "product_uom": product.uom_id.id,
                "product_uom_qty": 1, "location_id": src.id, "location_dest_id": dst.id})
                for product in products]})
        document.action_confirm()
        document.action_assign()
        return document

    def receipt(products):
        receipts["run"] += 1
        document = picking(products, warehouse.in_type_id, env.ref("stock.stock_location_suppliers"),
                           warehouse.lot_stock_id)
        for index, line in enumerate(document.move_line_ids):
            values = {"qty_done": line.product_uom_qty}
            if line.product_id.tracking != "none":
                values["lot_name"] = "BRCV-%d-%03d" % (receipts["run"], index)
            line.write(values)
        return document

    def validate(document):
        document.button_validate()
        assert document.state == "done", document.state

    if "receipt" in CASES:
        ours = _timed(lambda: receipt(tracked[:LINES]), validate)
        odoo = _timed(lambda: receipt(untracked[:LINES]), validate)
        report.add("Receipt of %d lines validated (new batches created)" % LINES,
                   ours, odoo, min_ratio=0.5)

    # ---------------------------------------------------- delivery
    def delivery(products):
        document = picking(products, warehouse.out_type_id, warehouse.lot_stock_id,
                           env.ref("stock.stock_location_customers"))
        assert len(document.move_line_ids) == len(products)
        for line in document.move_line_ids:
            line.write({"qty_done": line.product_uom_qty})
        return document

    if "delivery" in CASES:
        ours = _timed(lambda: delivery(tracked[:LINES]), validate)
        odoo = _timed(lambda: delivery(untracked[:LINES]), validate)
        report.add("Delivery of %d lines validated (batches checked)" % LINES,
                   ours, odoo, min_ratio=0.5)

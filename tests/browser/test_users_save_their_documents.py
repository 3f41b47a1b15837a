"""The warehouse worker makes a receipt and a delivery by hand, with tracked
and untracked products, and saves them; the seller saves a quotation. Each
as the demo user of that job, who may not change products: a field of ours
that wrote the product back on save made both fail with "Access Error"."""
import uuid

from .user_steps import add_line, add_stock, new_record, pick, save


def create_products(server, tag):
    """An untracked product next to the demo's batch- and serial-tracked ones."""
    sack = server.execute("product.product", "create", {
        "name": "Jute Sack %s" % tag, "default_code": "JS-%s" % tag, "type": "product"})
    add_stock(server, sack, 100)
    return sack


def make_transfer(web, operation, lines):
    page = web.page
    new_record(web, "stock.action_picking_tree_all")
    # Inventory > Transfers > Create: the operation type is on "Additional Info"
    page.click(".o_notebook .nav-tabs a:has-text('Additional Info')")
    pick(web, "picking_type_id", operation)
    page.click(".o_notebook .nav-tabs a:text-is('Operations')")
    for product, qty in lines:
        add_line(web, "move_lines", product, qty, "product_uom_qty", "quantity_done")
    return save(web)


def test_warehouse_worker_saves_a_receipt_and_a_delivery(web):
    tag = uuid.uuid4().hex[:5].upper()
    create_products(web.server, tag)
    web.login("warehouse")
    lines = [("HON-500", 12), ("JS-%s" % tag, 5), ("NPX2-128", 2)]
    error = make_transfer(web, "Receipts", lines)
    assert error is None, error
    receipt = web.server.execute("stock.picking", "search_read",
                                 [("move_lines.product_id.default_code", "=", "JS-%s" % tag),
                                  ("picking_type_code", "=", "incoming")], ["move_lines", "create_uid"])
    assert len(receipt) == 1 and len(receipt[0]["move_lines"]) == 3
    assert receipt[0]["create_uid"][1] == "Erik Lindqvist"

    error = make_transfer(web, "Delivery Orders", [("JS-%s" % tag, 3), ("HON-500", 1), ("NPX2-128", 1)])
    assert error is None, error
    delivery = web.server.execute("stock.picking", "search_read",
                                  [("move_lines.product_id.default_code", "=", "JS-%s" % tag),
                                   ("picking_type_code", "=", "outgoing")], ["move_lines"])
    assert len(delivery) == 1 and len(delivery[0]["move_lines"]) == 3
    assert web.js_errors == []
    assert web.server.errors_in_log() == []


def test_seller_saves_a_quotation_with_tracked_and_untracked_products(web):
    tag = uuid.uuid4().hex[:5].upper()
    create_products(web.server, tag)
    customer = "Skafferiet %s" % tag
    web.server.execute("res.partner", "create", {"name": customer, "customer": True})
    web.login("seller")
    new_record(web, "sale.action_quotations")
    pick(web, "partner_id", customer)
    add_line(web, "order_line", "HON-500", 4, "product_uom_qty")
    add_line(web, "order_line", "JS-%s" % tag, 2, "product_uom_qty")
    error = save(web)
    assert error is None, error
    orders = web.server.execute("sale.order", "search_read", [("partner_id.name", "=", customer)],
                                ["order_line", "user_id"])
    assert len(orders) == 1 and len(orders[0]["order_line"]) == 2
    assert orders[0]["user_id"][1] == "Sara Berg"
    assert web.js_errors == []

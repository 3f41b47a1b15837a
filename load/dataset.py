"""Users, products and stock for the production tests and the load run,
received the way a warehouse receives them (validated receipts), so that the
invariants' replay of done moves holds from the start.

    prepare(env, sellers=12, warehouse=12)  # in an Odoo environment, as admin
"""
PASSWORD_IS_LOGIN = True

LOT_PRODUCTS = 4
LOTS_PER_PRODUCT = 6
UNITS_PER_LOT = 100000
SERIALS = 300


def gtin13(number):
    """A GTIN-13 with its check digit, from a 12-digit number."""
    digits = "%012d" % number
    total = sum(int(d) * (3 if index % 2 else 1) for index, d in enumerate(digits))
    return digits + str((10 - total % 10) % 10)


def _user(env, login, name, groups):
    user = env["res.users"].search([("login", "=", login)])
    if not user:
        user = env["res.users"].create({
            "name": name, "login": login, "password": login, "email": "%s@example.com" % login,
            "groups_id": [(6, 0, [env.ref(xmlid).id for xmlid in groups])],
        })
    return user


def receive(env, product, lots, prefix):
    """A validated receipt of ``lots`` [(name, qty)] of ``product``."""
    stock = env.ref("stock.stock_location_stock")
    supplier = env.ref("stock.stock_location_suppliers")
    picking = env["stock.picking"].create({
        "picking_type_id": env.ref("stock.picking_type_in").id,
        "location_id": supplier.id, "location_dest_id": stock.id, "origin": prefix,
        "move_lines": [(0, 0, {
            "name": product.name, "product_id": product.id, "product_uom": product.uom_id.id,
            "product_uom_qty": sum(qty for _name, qty in lots),
            "location_id": supplier.id, "location_dest_id": stock.id})],
    })
    picking.action_confirm()
    move = picking.move_lines
    move.move_line_ids.unlink()
    for name, qty in lots:
        env["stock.move.line"].create({
            "move_id": move.id, "picking_id": picking.id, "product_id": product.id,
            "product_uom_id": product.uom_id.id, "location_id": supplier.id,
            "location_dest_id": stock.id, "lot_name": name, "qty_done": qty})
    picking.action_done()
    return picking


def prepare(env, sellers=12, warehouse=12, serials=SERIALS, tag="LOAD"):
    """Create what the tests and the load need (once per database); return its ids."""
    info = {"sellers": [], "warehouse": [], "lot_products": [], "serial_product": None}
    seller_groups = ("sales_team.group_sale_salesman", "stock.group_stock_user")
    for index in range(1, sellers + 1):
        _user(env, "seller%02d" % index, "Seller %02d" % index, seller_groups)
        info["sellers"].append("seller%02d" % index)
    for index in range(1, warehouse + 1):
        _user(env, "wh%02d" % index, "Warehouse %02d" % index, ("stock.group_stock_user",))
        info["warehouse"].append("wh%02d" % index)
    _user(env, "analyst", "Ann Analyst", ("stock.group_stock_manager", "account.group_account_user"))
    _user(env, "manager", "Max Manager", ("stock.group_stock_manager", "sales_team.group_sale_manager"))
    existing = env["product.product"].search([("default_code", "=like", tag + "-%")])
    if not existing:
        for index in range(1, LOT_PRODUCTS + 1):
            product = env["product.product"].create({
                "name": "%s Honey %d" % (tag.title(), index), "default_code": "%s-LOT-%d" % (tag, index),
                "type": "product", "tracking": "lot", "barcode": gtin13(209900000000 + index),
                "invoice_policy": "delivery", "list_price": 50.0 + index})
            receive(env, product, [("%s-%d-%02d" % (tag, index, lot), UNITS_PER_LOT)
                                    for lot in range(1, LOTS_PER_PRODUCT + 1)], tag)
        product = env["product.product"].create({
            "name": "%s Phone" % tag.title(), "default_code": "%s-SN" % tag, "type": "product",
            "tracking": "serial", "barcode": gtin13(209900000900), "invoice_policy": "delivery",
            "list_price": 999.0})
        receive(env, product, [("%s-SN-%05d" % (tag, index), 1.0) for index in range(1, serials + 1)], tag)
        env["res.partner"].create({"name": "%s Customer" % tag.title(), "customer": True,
                                   "ref": "%s-CUSTOMER" % tag})
    products = env["product.product"].search([("default_code", "=like", tag + "-%")], order="id")
    info["lot_products"] = products.filtered(lambda p: p.tracking == "lot").ids
    info["serial_product"] = products.filtered(lambda p: p.tracking == "serial").id
    info["customer"] = env["res.partner"].search([("ref", "=", "%s-CUSTOMER" % tag)], limit=1).id
    info["gtins"] = {product.id: product.barcode for product in products}
    info["lots"] = {product.id: env["stock.production.lot"].search(
        [("product_id", "=", product.id)], order="name").ids for product in products}
    info["lot_names"] = {lot.id: lot.name for lot in env["stock.production.lot"].search(
        [("product_id", "in", products.ids)])}
    info["refs"] = {"picking_type_in": env.ref("stock.picking_type_in").id,
                    "suppliers": env.ref("stock.stock_location_suppliers").id,
                    "stock": env.ref("stock.stock_location_stock").id,
                    # a sheet of PDF labels, as Odoo's own lot labels are
                    "label_sheet": env.ref("cloudoffice_lots.label_layout_a4_3x8").id,
                    # the Statement button of the batch form
                    "statement_from_lot": env.ref("cloudoffice_lots.action_lot_statement_from_lot").id}
    return info


def prepare_database(database, **kwargs):
    """``prepare`` in its own transaction on ``database`` (Odoo imported and configured)."""
    import odoo
    from odoo import SUPERUSER_ID, api

    registry = odoo.registry(database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        return prepare(env, **kwargs)

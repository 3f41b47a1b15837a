"""Through the external API, as the demo users: a warehouse worker cannot ship
a quality-blocked batch (no context key helps), nor record an approval; the
quality manager's approval is a record naming her and her reason; a seller
cannot set who approved a chosen batch."""
import xmlrpc.client

import pytest

BLOCKED = "IPA-2611-03"


def fault(call):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call()
    return caught.value.faultString


def blocked_delivery(server):
    """A delivery of the demo batch blocked for a recall, made and filled in
    by the warehouse worker over RPC."""
    lot = server.execute("stock.production.lot", "search_read", [("name", "=", BLOCKED)],
                         fields=["product_id"])[0]
    product = lot["product_id"][0]
    quant = server.execute("stock.quant", "search_read",
                           [("lot_id", "=", lot["id"]), ("quantity", ">", 0),
                            ("location_id.usage", "=", "internal")],
                           fields=["location_id"], limit=1)[0]
    source = quant["location_id"][0]
    customers = server.ref("stock.stock_location_customers")
    out_type = server.ref("stock.picking_type_out")
    uom = server.execute("product.product", "read", [product], fields=["uom_id"])[0]["uom_id"][0]
    as_worker = server.execute_as
    picking = as_worker("warehouse", "stock.picking", "create", {
        "picking_type_id": out_type, "location_id": source, "location_dest_id": customers,
        "move_lines": [(0, 0, {"name": BLOCKED, "product_id": product, "product_uom": uom,
                               "product_uom_qty": 1, "location_id": source,
                               "location_dest_id": customers})]})
    as_worker("warehouse", "stock.picking", "action_confirm", [picking])
    move = as_worker("warehouse", "stock.move", "search", [("picking_id", "=", picking)])[0]
    as_worker("warehouse", "stock.move.line", "create", {
        "move_id": move, "picking_id": picking, "product_id": product, "product_uom_id": uom,
        "location_id": source, "location_dest_id": customers, "lot_id": lot["id"],
        "qty_done": 1})
    return picking, lot["id"]


def state(server, picking):
    return server.execute("stock.picking", "read", [picking], fields=["state"])[0]["state"]


def test_a_warehouse_worker_cannot_ship_a_blocked_batch_by_rpc(odoo_server):
    server = odoo_server
    picking, lot = blocked_delivery(server)
    forged = {"context": {"cloudoffice_lot_override_confirmed": True}}
    for method in ("button_validate", "action_done"):
        message = fault(lambda method=method: server.execute_as(
            "warehouse", "stock.picking", method, [picking], **forged))
        assert "%s: not released (Blocked)" % BLOCKED in message, message
    message = fault(lambda: server.execute_as(
        "warehouse", "cloudoffice.lot.override", "create",
        {"lot_id": lot, "picking_id": picking, "reason": "trust me"}))
    assert "AccessError" in message or "not allowed" in message.lower() \
        or "only users allowed" in message.lower(), message
    assert state(server, picking) != "done"
    assert server.execute("cloudoffice.lot.override", "search_count",
                          [("picking_id", "=", picking)]) == 0


def test_the_quality_manager_approves_and_the_approval_names_her(odoo_server):
    server = odoo_server
    picking, lot = blocked_delivery(server)
    action = server.execute_as("quality", "stock.picking", "button_validate", [picking])
    assert action["res_model"] == "cloudoffice.lot.override.confirm"
    wizard = action["res_id"]
    server.execute_as("quality", action["res_model"], "write", [wizard],
                      {"reason": "Recall lifted by the supplier"})
    server.execute_as("quality", action["res_model"], "action_confirm", [wizard])
    assert state(server, picking) == "done"
    approval = server.execute_as("warehouse", "cloudoffice.lot.override", "search_read",
                                 [("picking_id", "=", picking)],
                                 fields=["lot_id", "user_id", "reason", "approved_date"])
    assert len(approval) == 1
    assert approval[0]["lot_id"][0] == lot
    assert approval[0]["user_id"][1] == "Maria Holm"
    assert approval[0]["reason"] == "Recall lifted by the supplier"
    assert approval[0]["approved_date"]
    # nobody rewrites what was approved, not even the approver
    fault(lambda: server.execute_as("quality", "cloudoffice.lot.override", "write",
                                    [approval[0]["id"]], {"reason": "other"}))


def test_a_seller_cannot_set_who_approved_a_chosen_batch(odoo_server):
    server = odoo_server
    lot = server.execute("stock.production.lot", "search_read", [("name", "=", BLOCKED)],
                         fields=["product_id"])[0]
    seller = server.execute("res.users", "search", [("login", "=", "seller")])[0]
    quality = server.execute("res.users", "search", [("login", "=", "quality")])[0]
    partner = server.execute("res.partner", "search", [("customer", "=", True)], limit=1)[0]
    order = server.execute_as("seller", "sale.order", "create", {
        "partner_id": partner,
        "order_line": [(0, 0, {"product_id": lot["product_id"][0], "product_uom_qty": 1})]})
    line = server.execute_as("seller", "sale.order.line", "search", [("order_id", "=", order)])[0]
    message = fault(lambda: server.execute_as("seller", "cloudoffice.sale.line.lot", "create", {
        "sale_line_id": line, "lot_id": lot["id"], "quantity": 1, "override_user_id": quality}))
    assert "cannot be set" in message, message
    choice = server.execute("cloudoffice.sale.line.lot", "create", {
        "sale_line_id": line, "lot_id": lot["id"], "quantity": 1})
    for values in ({"override_user_id": seller}, {"override_reason": "fine"}):
        message = fault(lambda values=values: server.execute_as(
            "seller", "cloudoffice.sale.line.lot", "write", [choice], values))
        assert "cannot be set" in message, message
    assert server.execute("cloudoffice.sale.line.lot", "read", [choice],
                          fields=["override_user_id"])[0]["override_user_id"] is False

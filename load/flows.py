"""What our users do, as the web client's requests, in two ways: with our
add-ons (``ours``) and with plain Odoo's nearest way (``plain``). Shared by the
production tests and the load run; no Odoo import.

Every function takes a logged-in ``rpc.WebSession``.
"""
import random
import time

UOM_UNIT = 1  # product.product_uom_unit

# The user tasks of the load, each done both ways in one run.
ACTIONS = ("scan look-up", "receipt scan", "delivery scan", "sell with a chosen batch",
           "balance report", "statement report", "labels (20 serials)")
SIDES = ("ours", "plain")


def action_name(action, side):
    """The name a task done one way has in the statistics: "balance report [ours]"."""
    return "%s [%s]" % (action, side)


def gs1(gtin, lot=None, serial=None, count=None, expiry=None):
    """A GS1 element string in the human-readable form scanners also send."""
    text = "(01)0%s" % gtin if len(gtin) == 13 else "(01)%s" % gtin
    if expiry:
        text += "(17)%s" % expiry
    if count:
        text += "(37)%d" % count
    if lot:
        text += "(10)%s" % lot
    if serial:
        text += "(21)%s" % serial
    return text


# ------------------------------------------------------------------ selling
def create_order(ws, customer_id, product_id, qty):
    return ws.call("sale.order", "create", {
        "partner_id": customer_id,
        "order_line": [(0, 0, {"product_id": product_id, "name": "load", "product_uom_qty": qty,
                               "product_uom": UOM_UNIT, "price_unit": 10.0})]})


def order_line(ws, order_id):
    return ws.call("sale.order", "read", [order_id], ["order_line"])[0]["order_line"][0]


def choose_batches(ws, order_id, quantities=None):
    """Open the picker on the order's line (it proposes first expiry first),
    enter ``quantities`` {lot id: qty} if given, and confirm the choice."""
    action = ws.button("sale.order.line", "action_open_lot_picker", [order_line(ws, order_id)])
    picker_id = action["res_id"]
    rows = ws.call("cloudoffice.sale.lot.picker.line", "search_read", [("picker_id", "=", picker_id)],
                   ["lot_id", "available", "quantity", "location_id", "life_date", "unsellable_reason"])
    if quantities is not None:
        commands, given = [], set()
        for row in rows:
            lot_id = row["lot_id"][0]
            qty = quantities.get(lot_id, 0.0) if lot_id not in given else 0.0
            given.add(lot_id)
            commands.append((1, row["id"], {"quantity": qty}))
        ws.call("cloudoffice.sale.lot.picker", "write", [picker_id], {"line_ids": commands})
    ws.button("cloudoffice.sale.lot.picker", "action_confirm", [picker_id])
    return picker_id


def confirm(ws, order_id):
    ws.button("sale.order", "action_confirm", [order_id])


def sell_ours(ws, customer_id, product_id, lot_id, qty):
    """Quotation, batch chosen in the picker, confirmed: reserved on that batch."""
    order_id = create_order(ws, customer_id, product_id, qty)
    choose_batches(ws, order_id, {lot_id: qty})
    confirm(ws, order_id)
    return order_id


def sell_plain(ws, customer_id, product_id, lot_id, qty):
    """Plain Odoo: confirm the order, then set the batch on the delivery's
    operation by hand (Odoo moves the reservation to it)."""
    order_id = create_order(ws, customer_id, product_id, qty)
    confirm(ws, order_id)
    picking_ids = ws.call("sale.order", "read", [order_id], ["picking_ids"])[0]["picking_ids"]
    lines = ws.call("stock.move.line", "search_read", [("picking_id", "in", picking_ids)],
                    ["lot_id", "product_uom_qty", "qty_done"])
    ws.call("stock.production.lot", "name_search", "", [("product_id", "=", product_id)], "ilike", 8)
    if lines and (not lines[0]["lot_id"] or lines[0]["lot_id"][0] != lot_id or len(lines) > 1):
        commands = [(1, lines[0]["id"], {"lot_id": lot_id, "product_uom_qty": qty})]
        commands += [(2, line["id"]) for line in lines[1:]]
        ws.call("stock.picking", "write", picking_ids[:1], {"move_line_ids": commands})
    return order_id


# --------------------------------------------------------------- warehouse
def deliveries_of(ws, order_id):
    return ws.call("sale.order", "read", [order_id], ["picking_ids"])[0]["picking_ids"]


def operations(ws, picking_id):
    return ws.call("stock.move.line", "search_read", [("picking_id", "=", picking_id)],
                   ["lot_id", "lot_name", "product_id", "product_uom_qty", "qty_done"])


def scan(ws, picking_id, code):
    """One scan in the transfer's scan window: the scanner's Enter applies
    it to the transfer in one request (static/src/js/scan_enter.js)."""
    outcome = ws.call("stock.picking", "cloudoffice_scan_outcome", [picking_id], code)
    if "error" in outcome:
        raise AssertionError("the scan window refused %s: %s" % (code, outcome["error"]))


def validate(ws, picking_id):
    result = ws.button("stock.picking", "button_validate", [picking_id])
    if isinstance(result, dict) and result.get("res_model") == "stock.immediate.transfer":
        ws.button("stock.immediate.transfer", "process", [result["res_id"]])


def deliver_ours(ws, picking_id, gtins):
    """Scan each reserved batch/serial (GS1 with the count), then validate."""
    for line in operations(ws, picking_id):
        name = line["lot_id"][1]
        gtin = gtins[line["product_id"][0]]
        if line["product_uom_qty"] == 1 and line["lot_id"] and name.startswith(("LOAD-SN", "T-SN")):
            scan(ws, picking_id, gs1(gtin, serial=name))
        else:
            scan(ws, picking_id, gs1(gtin, lot=name, count=int(line["product_uom_qty"])))
    validate(ws, picking_id)


def deliver_plain(ws, picking_id):
    """Plain Odoo: the quantities done typed on the operations, then validate."""
    lines = operations(ws, picking_id)
    ws.call("stock.picking", "write", [picking_id], {
        "move_line_ids": [(1, line["id"], {"qty_done": line["product_uom_qty"]}) for line in lines]})
    validate(ws, picking_id)


def new_receipt(ws, product_id, qty):
    """A supplier's receipt waiting for its goods (the purchase's doing)."""
    picking_id = ws.call("stock.picking", "create", {
        "picking_type_id": ws.refs["picking_type_in"], "location_id": ws.refs["suppliers"],
        "location_dest_id": ws.refs["stock"],
        "move_lines": [(0, 0, {"name": "load", "product_id": product_id, "product_uom": UOM_UNIT,
                               "product_uom_qty": qty, "location_id": ws.refs["suppliers"],
                               "location_dest_id": ws.refs["stock"]})]})
    ws.button("stock.picking", "action_confirm", [picking_id])
    return picking_id


def receive_ours(ws, picking_id, gtin, lot, qty):
    scan(ws, picking_id, gs1(gtin, lot=lot, count=qty, expiry="281231"))
    validate(ws, picking_id)


def receive_plain(ws, picking_id, lot, qty):
    lines = operations(ws, picking_id)
    ws.call("stock.picking", "write", [picking_id], {
        "move_line_ids": [(1, lines[0]["id"], {"lot_name": lot, "qty_done": qty})]})
    validate(ws, picking_id)


# ------------------------------------------------------------------ look-up
_LOOKUP_FIELDS = {"scan": "1", "last_scan": "", "message": "", "lot_id": "", "product_id": "",
                  "default_code": "", "life_date": "", "use_date": "", "product_qty": "",
                  "quant_ids": "", "quant_ids.location_id": "", "quant_ids.quantity": "",
                  "quant_ids.reserved_quantity": ""}


def lookup_ours(ws, code):
    """The scan window's look-up (its onchange), as the web client sends it."""
    values = dict.fromkeys(k for k in _LOOKUP_FIELDS if "." not in k)
    values.update(scan=code, quant_ids=[])
    result = ws.call("cloudoffice.lot.scan.lookup", "onchange", [], values, "scan", _LOOKUP_FIELDS)
    return result["value"].get("lot_id")


def lookup_plain(ws, name):
    """Plain Odoo: search the batch, open it, open its stock per location."""
    found = ws.call("stock.production.lot", "name_search", name, [], "ilike", 8)
    lot_id = found[0][0]
    ws.call("stock.production.lot", "read", [lot_id], ["name", "product_id", "product_qty",
                                                       "life_date", "use_date", "ref"])
    ws.call("stock.quant", "search_read", [("lot_id", "=", lot_id)],
            ["location_id", "quantity", "reserved_quantity"])
    return lot_id


# ------------------------------------------------------------------ reports
# The columns of our report lists: what the web client reads to show them
# (the unit column is only there for users of the units-of-measure group,
# which the load's report users are not).
STOCK_COLUMNS = ["product_id", "lot_id", "warehouse_id", "location_id", "life_date", "quantity",
                 "reserved_quantity"]
STATEMENT_COLUMNS = ["date", "lot_id", "product_id", "kind", "reference", "location_id",
                     "warehouse_id", "location_dest_id", "warehouse_dest_id", "partner_id",
                     "qty_in", "qty_out", "balance", "uom_id"]


def balance_ours(ws):
    """Today's stock per batch and location: the Batch Stock list (its menu)."""
    return ws.call("cloudoffice.lot.stock", "search_read", [], STOCK_COLUMNS, limit=80)


def balance_plain(ws):
    """Plain Odoo: the quants (Inventory report) grouped by batch and location."""
    return ws.call("stock.quant", "read_group", [("location_id.usage", "=", "internal")],
                   ["lot_id", "location_id", "quantity", "reserved_quantity"], ["lot_id", "location_id"],
                   lazy=False, limit=80)


def statement_ours(ws, lot_id):
    """The batch form's Statement button (a server action), then its list;
    plain Odoo's side starts from the batch too."""
    action = ws.post("/web/action/run", {
        "action_id": ws.refs["statement_from_lot"],
        "context": {"active_id": lot_id, "active_ids": [lot_id],
                    "active_model": "stock.production.lot"}})
    return ws.call("cloudoffice.lot.statement.line", "search_read", action["domain"],
                   STATEMENT_COLUMNS, limit=80)


def statement_plain(ws, lot_id):
    """Plain Odoo: the batch's traceability report, and its product moves."""
    ws.call("stock.traceability.report", "get_lines",
            context={"active_id": lot_id, "model": "stock.production.lot"})
    return ws.call("stock.move.line", "search_read", [("lot_id", "=", lot_id), ("state", "=", "done")],
                   ["date", "reference", "location_id", "location_dest_id", "qty_done"], limit=80)


# ------------------------------------------------------------------- labels
def labels_ours(ws, lot_ids):
    # The sheet layout: the demo warehouse's default printer is a Zebra (ZPL).
    wizard = ws.call("cloudoffice.label.print", "create", {
        "lot_ids": [(6, 0, lot_ids)], "layout_id": ws.refs["label_sheet"], "printer_id": False})
    action = ws.button("cloudoffice.label.print", "action_print", [wizard])
    return ws.get(action["url"]).content


def labels_plain(ws, lot_ids):
    return ws.get("/report/pdf/stock.report_lot_barcode/%s" % ",".join(map(str, lot_ids))).content


def pause(low=0.2, high=1.0):
    time.sleep(random.uniform(low, high))

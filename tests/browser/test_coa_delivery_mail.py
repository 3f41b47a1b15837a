"""A customer who asks for certificates of analysis gets, with the delivery
note e-mailed by the warehouse worker through Odoo's mail queue, the
certificate of each batch delivered (read at a local SMTP sink); the customer
downloads the same certificates in a browser from the order's page on the
customer portal, and a forged link gets nothing."""
import requests
from odoo.addons.cloudoffice_lots.tests.test_labels_engine import pdf_text

from .smtp_sink import SmtpSink

CUSTOMER_EMAIL = "inkop@halsokost-syd.example.com"


def arrange_delivery(server):
    """Scripted set-up: a batch analysed and passed in stock, a customer who
    asks for certificates, an order the seller confirmed and the warehouse
    worker delivered."""
    uom = server.ref("product.product_uom_unit")
    product = server.execute("product.product", "create", {
        "name": "Clover Honey 500 g", "type": "product", "tracking": "lot",
        "default_code": "CLH-500", "invoice_policy": "delivery", "list_price": 79.0,
        "uom_id": uom, "uom_po_id": uom})
    stock = server.ref("stock.stock_location_stock")
    lot = server.execute("stock.production.lot", "create", {"name": "CLH-2611-01",
                                                            "product_id": product})
    for parameter, maximum, result in (("Water content", 18.0, "16.8"), ("HMF", 40.0, "9")):
        server.execute_as("quality", "cloudoffice.lot.test", "create", {
            "lot_id": lot, "parameter": parameter, "has_max": True, "spec_max": maximum,
            "result": result, "method": "Refractometry" if parameter != "HMF" else "HPLC",
            "tested_by": "Livsmedelslabbet Norr AB"})
    inventory = server.execute("stock.inventory", "create", {
        "name": "Clover honey stock", "filter": "partial", "location_id": stock})
    server.execute("stock.inventory", "action_start", [inventory])
    server.execute("stock.inventory", "write", [inventory], {"line_ids": [(0, 0, {
        "product_id": product, "prod_lot_id": lot, "product_qty": 30, "location_id": stock})]})
    server.execute("stock.inventory", "action_done", [inventory])
    customer = server.execute("res.partner", "create", {
        "name": "Hälsokost Syd AB", "customer": True, "email": CUSTOMER_EMAIL,
        "cloudoffice_wants_coa": True})
    order = server.execute_as("seller", "sale.order", "create", {
        "partner_id": customer, "order_line": [(0, 0, {"product_id": product,
                                                       "product_uom_qty": 6})]})
    server.execute_as("seller", "sale.order", "action_confirm", [order])
    picking = server.execute_as("seller", "sale.order", "read", [order],
                                ["picking_ids"])[0]["picking_ids"][0]
    for line in server.execute_as("warehouse", "stock.move.line", "search_read",
                                  [("picking_id", "=", picking)], fields=["product_uom_qty"]):
        server.execute_as("warehouse", "stock.move.line", "write", [line["id"]],
                          {"qty_done": line["product_uom_qty"]})
    # what Validate does with everything picked (its answer, None, cannot cross XML-RPC)
    server.execute_as("warehouse", "stock.picking", "action_done", [picking])
    return order, picking, lot


def send_delivery_note(server, picking):
    """What the worker's click on "Send Delivery Note" and then "Send" does:
    the composer filled from the template (the web client's onchange), sent."""
    action = server.execute_as("warehouse", "stock.picking",
                               "action_cloudoffice_send_delivery_note", [picking])
    context = action["context"]
    values = server.execute_as(
        "warehouse", "mail.compose.message", "onchange_template_id", [],
        context["default_template_id"], "comment", "stock.picking", picking,
        context=context)["value"]
    for field in ("attachment_ids", "partner_ids"):
        # as the web client sends them: plain ids become a "replace" command
        ids = values.get(field) or []
        if ids and not isinstance(ids[0], list):
            values[field] = [(6, 0, ids)]
    values.update({
        "template_id": context["default_template_id"], "composition_mode": "comment",
        "model": "stock.picking", "res_id": picking})
    wizard = server.execute_as("warehouse", "mail.compose.message", "create", values,
                               context=context)
    server.execute_as("warehouse", "mail.compose.message", "send_mail", [wizard],
                      context=context)


def test_the_delivery_mail_carries_the_certificate_and_the_portal_offers_it(odoo_server, web):
    server = odoo_server
    order, picking, lot = arrange_delivery(server)
    assert server.execute("stock.picking", "read", [picking], ["state"])[0]["state"] == "done"
    with SmtpSink() as sink:
        mail_server = server.execute("ir.mail_server", "create", {
            "name": "Local sink", "smtp_host": "127.0.0.1", "smtp_port": sink.port,
            "smtp_encryption": "none", "sequence": 1})
        try:
            send_delivery_note(server, picking)
            # queued, not sent yet: the mail queue (its cron) sends it
            assert not sink.messages_to(CUSTOMER_EMAIL)
            # the mail queue's scheduled action, run now rather than waiting for it
            server.execute("ir.cron", "method_direct_trigger",
                           [server.ref("mail.ir_cron_mail_scheduler_action")])
        finally:
            server.execute("ir.mail_server", "unlink", [mail_server])
    messages = sink.messages_to(CUSTOMER_EMAIL)
    assert len(messages) == 1, [m["Subject"] for _r, m in sink.received]
    message = messages[0]
    assert message["Subject"].startswith("Delivery WH/OUT/")
    attachments = {part.get_filename(): part.get_content()
                   for part in message.iter_attachments()}
    coa_name = "CoA CLH-500 CLH-2611-01.pdf"
    assert coa_name in attachments, sorted(attachments)
    assert [name for name in attachments if name.startswith("Delivery WH-OUT-")], sorted(attachments)
    coa = pdf_text(attachments[coa_name])
    for expected in ("Certificate of Analysis", "CLH-2611-01", "Clover Honey 500 g",
                     "Water content", "16.8", "HMF", "HPLC", "Livsmedelslabbet Norr AB",
                     "meets its specifications"):
        assert expected in coa, coa
    slip_name = [name for name in attachments if name.startswith("Delivery WH-OUT-")][0]
    slip = pdf_text(attachments[slip_name])
    assert "Clover Honey 500 g" in slip and "CLH-2611-01" in slip, slip

    # the customer portal: in a browser, the customer opens the order's link
    # (as in the order's e-mail), finds the certificate and downloads it
    token = server.execute_as("seller", "sale.order", "read", [order],
                              ["access_token"])[0]["access_token"]
    page = web.page
    page.goto("%s/my/orders/%d?access_token=%s" % (server.url, order, token))
    links = page.locator(".o_cloudoffice_coa_links a", has_text="CLH-2611-01")
    assert "Certificates of Analysis" in page.inner_text("body")
    with page.expect_download() as download_info:
        links.first.click()
    download = download_info.value
    assert download.suggested_filename == coa_name
    with open(download.path(), "rb") as pdf:
        assert "CLH-2611-01" in pdf_text(pdf.read())
    url = "%s/my/orders/%d/coa/%d" % (server.url, order, lot)
    forged = requests.get(url, params={"access_token": token[:-4] + "0000"}, timeout=120,
                          allow_redirects=False)
    assert forged.status_code in (302, 303) and "application/pdf" not in \
        forged.headers.get("Content-Type", "")
    other_lot = server.execute("stock.production.lot", "search",
                               [("name", "=", "F2607-0001")])[0]
    not_delivered = requests.get("%s/my/orders/%d/coa/%d" % (server.url, order, other_lot),
                                 params={"access_token": token}, timeout=120)
    assert not_delivered.status_code == 404

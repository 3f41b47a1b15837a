"""An administrator connects the company to (a fake) Fortnox through its
consent page; an accountant posts an invoice of batch and serial goods,
sends it, and sees Fortnox's number on it; Fortnox got the text rows."""
import time
import urllib.request

from odoo.addons.cloudoffice_fortnox.tests.fake_fortnox import FakeFortnox

SERIALS = ["JRN-SN-%03d" % n for n in range(1, 4)]


def arrange_delivered_order(server):
    """Scripted set-up: goods in stock, an order confirmed and delivered, its invoice drafted."""
    uom = server.ref("product.product_uom_unit")
    honey = server.execute("product.product", "create", {
        "name": "Journey Honey", "type": "product", "tracking": "lot", "default_code": "JRN-HONEY",
        "invoice_policy": "delivery", "list_price": 59.0, "uom_id": uom, "uom_po_id": uom})
    phone = server.execute("product.product", "create", {
        "name": "Journey Phone", "type": "product", "tracking": "serial", "default_code": "JRN-PHONE",
        "invoice_policy": "delivery", "list_price": 4990.0, "uom_id": uom, "uom_po_id": uom})
    stock = server.ref("stock.stock_location_stock")
    lot = server.execute("stock.production.lot", "create", {"name": "JRN-L1", "product_id": honey})
    lines = [(0, 0, {"product_id": honey, "prod_lot_id": lot, "product_qty": 20, "location_id": stock})]
    for name in SERIALS:
        serial = server.execute("stock.production.lot", "create", {"name": name, "product_id": phone})
        lines.append((0, 0, {"product_id": phone, "prod_lot_id": serial, "product_qty": 1,
                             "location_id": stock}))
    inventory = server.execute("stock.inventory", "create", {
        "name": "Journey stock", "filter": "partial", "location_id": stock})
    server.execute("stock.inventory", "action_start", [inventory])
    server.execute("stock.inventory", "write", [inventory], {"line_ids": lines})
    server.execute("stock.inventory", "action_done", [inventory])
    customer = server.execute("res.partner", "create", {"name": "Journey Kund AB", "customer": True,
                                                        "ref": "JRN-K1"})
    order = server.execute("sale.order", "create", {"partner_id": customer, "order_line": [
        (0, 0, {"product_id": honey, "product_uom_qty": 12}),
        (0, 0, {"product_id": phone, "product_uom_qty": 3})]})
    server.execute("sale.order", "action_confirm", [order])
    picking = server.execute("sale.order", "read", [order], ["picking_ids"])[0]["picking_ids"][0]
    server.execute("stock.picking", "action_assign", [picking])
    for line in server.execute("stock.move.line", "search_read", [("picking_id", "=", picking)],
                               fields=["product_uom_qty"]):
        server.execute("stock.move.line", "write", [line["id"]], {"qty_done": line["product_uom_qty"]})
    server.execute("stock.picking", "action_done", [picking])  # what Validate does with all done
    return server.execute("sale.order", "action_invoice_create", [order])[0]


def make_accountant(server):
    groups = [server.ref(x) for x in ("account.group_account_invoice", "account.group_account_user",
                                      "sales_team.group_sale_salesman_all_leads", "base.group_user")]
    server.execute("res.users", "create", {"name": "Astrid Accountant", "login": "astrid.journey",
                                           "email": "astrid@example.com",
                                           "password": "astrid-pw", "groups_id": [(6, 0, groups)]})


def run_fortnox_jobs(server):
    """What queue_job's runner does: mark each pending job enqueued, then call runjob."""
    for job in server.execute("queue.job", "search_read", [("channel", "=", "root.fortnox"),
                                                           ("state", "=", "pending")], fields=["uuid"]):
        server.execute("queue.job", "write", [job["id"]], {"state": "enqueued"})
        url = "%s/queue_job/runjob?db=%s&job_uuid=%s" % (server.url, server.database, job["uuid"])
        urllib.request.urlopen(url, timeout=60).read()


def test_connect_post_and_see_the_invoice_in_fortnox(web):
    fake = FakeFortnox().start()
    try:
        server = web.server
        invoice_id = arrange_delivered_order(server)
        make_accountant(server)
        web.page.set_default_timeout(120000)  # the first login compiles the assets on a busy machine
        page = web.login().page  # the administrator
        server.execute("fortnox.backend", "create", {
            "api_url": fake.api_url, "warehouse_url": fake.warehouse_url, "auth_url": fake.auth_url,
            "token_url": fake.token_url, "send_from": "2000-01-01"})
        web.open_action("cloudoffice_fortnox.action_fortnox_settings")
        page.click(".o_form_button_edit")
        web.type_into(page.locator("input[name=client_id]"), fake.client_id)
        web.type_into(page.locator("input[name=client_secret]"), fake.client_secret)
        page.click(".o_form_button_save")
        web.settle()
        page.click(".o_form_statusbar button:has-text('Connect')")
        page.wait_for_selector("#approve", timeout=120000)  # Fortnox's consent page
        assert "Fake Lager AB" in page.content()
        page.click("#approve")
        page.wait_for_selector(".o_form_view .o_field_widget[name=fortnox_company]", timeout=120000)
        assert page.locator(".o_field_widget[name=fortnox_company]").inner_text() == "Fake Lager AB"
        assert "Connected" in page.locator(".o_statusbar_status .btn-primary").inner_text()

        # The accountant posts the invoice and sends it.
        assert web.js_errors == []
        page.goto(server.url + "/web/session/logout")
        web.login("astrid.journey", "astrid-pw")
        web.js_errors[:] = []  # the logged-out page's last poll answers 401
        page.goto("%s/web?r=%d#id=%d&model=account.invoice&view_type=form&action=account.action_invoice_tree1"
                  % (server.url, time.time(), invoice_id))
        page.click(".o_form_statusbar button:has-text('Validate')")
        web.settle()
        page.click(".o_form_statusbar button:has-text('Send to Fortnox')")
        web.settle()
        run_fortnox_jobs(server)
        page.reload()
        page.wait_for_selector(".o_field_widget[name=fortnox_number]", timeout=120000)
        number = page.locator(".o_field_widget[name=fortnox_number]").inner_text()
        assert page.locator(".o_field_widget[name=fortnox_state]").inner_text() == "Sent"
        sent = fake.invoices[number]
        rows = [(r.get("ArticleNumber"), r["Description"], r["DeliveredQuantity"])
                for r in sent["InvoiceRows"]]
        assert rows[0][0::2] == ("JRN-HONEY", "12")
        assert rows[1] == (None, "Batch JRN-L1 x 12", "0")
        assert rows[2][0::2] == ("JRN-PHONE", "3")
        assert rows[3] == (None, "Serial numbers: " + ", ".join(SERIALS), "0")
        assert web.js_errors == []
        assert server.errors_in_log() == []
    finally:
        fake.stop()

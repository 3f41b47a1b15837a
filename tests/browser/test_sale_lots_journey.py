"""A salesperson sells two batches of a food product and three serials of a
phone from one sales order, delivers, invoices, and finds the batches and
serials on the invoice PDF, each under its own line."""
import datetime
import re
import subprocess
import tempfile
import uuid
import xmlrpc.client


class Rpc:
    """Test data the way an integration would create it: XML-RPC as admin."""

    def __init__(self, server):
        self.db = server.database
        common = xmlrpc.client.ServerProxy("%s/xmlrpc/2/common" % server.url)
        self.uid = common.authenticate(self.db, "admin", "admin", {})
        self.models = xmlrpc.client.ServerProxy("%s/xmlrpc/2/object" % server.url, allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.models.execute_kw(self.db, self.uid, "admin", model, method, list(args), kwargs)

    def add_stock(self, product_id, lot_id, qty):
        wizard = self("stock.change.product.qty", "create",
                      {"product_id": product_id, "lot_id": lot_id, "new_quantity": qty})
        self("stock.change.product.qty", "change_product_qty", [wizard])


def create_data(rpc, tag):
    in_days = lambda days: (datetime.datetime.now() + datetime.timedelta(days=days)).strftime(  # noqa: E731
        "%Y-%m-%d 10:00:00")
    customer = "Skafferiet %s" % tag
    rpc("res.partner", "create", {"name": customer, "customer": True})
    honey = rpc("product.product", "create", {
        "name": "Clover Honey %s" % tag, "default_code": "CH-%s" % tag, "type": "product",
        "tracking": "lot", "invoice_policy": "delivery", "list_price": 65})
    phone = rpc("product.product", "create", {
        "name": "Fjord Phone %s" % tag, "default_code": "FP-%s" % tag, "type": "product",
        "tracking": "serial", "invoice_policy": "delivery", "list_price": 3990})
    # A expires first, X has expired: the picker proposes A, then B
    for suffix, days, qty in (("A", 40, 8), ("B", 200, 30), ("X", -3, 50)):
        lot = rpc("stock.production.lot", "create",
                  {"name": "CH-%s-%s" % (tag, suffix), "product_id": honey, "life_date": in_days(days)})
        rpc.add_stock(honey, lot, qty)
    for index in range(1, 5):
        lot = rpc("stock.production.lot", "create",
                  {"name": "FP-%s-%02d" % (tag, index), "product_id": phone})
        rpc.add_stock(phone, lot, 1)
    return customer, honey, phone


def pick(page, field_selector, text):
    """Type in a many2one and choose the suggestion holding ``text``."""
    page.fill(field_selector, text)
    page.click(".ui-autocomplete .ui-menu-item a:has-text(%r)" % text)


def add_line(page, product_text, qty):
    page.click("div[name=order_line] .o_field_x2many_list_row_add a")
    pick(page, ".o_selected_row .o_field_many2one[name=product_id] input", product_text)
    page.wait_for_timeout(500)  # the product's onchange fills the line
    page.fill(".o_selected_row input[name=product_uom_qty]", str(qty))
    page.wait_for_timeout(300)


def choose_lots(page, product_text, expected):
    """Open the picker on the line, keep its first-expiry-first proposal,
    confirm, and wait for the line to show ``expected``."""
    row = "div[name=order_line] tr.o_data_row:has-text(%r)" % product_text
    page.click(row + " button[title='Choose batches/serials']")
    page.wait_for_selector(".modal .o_form_view")
    page.click(".modal-footer button[name=action_confirm]")
    page.wait_for_selector(".modal", state="detached")
    page.wait_for_selector("%s:has-text(%r)" % (row, expected))


def click_visible(page, selector):
    page.locator(selector).locator("visible=true").first.click()


def status(page):
    return page.inner_text(".o_statusbar_status .btn-primary").strip()


def test_sell_batches_and_serials_then_read_invoice_pdf(web):
    try:
        journey(web)
    except Exception:
        web.page.screenshot(path="/tmp/sale_lots_journey_failure.png")
        raise


def journey(web):
    tag = uuid.uuid4().hex[:5].upper()
    rpc = Rpc(web.server)
    customer, _honey, _phone = create_data(rpc, tag)
    page = web.page
    web.login().open_action("sale.action_quotations")
    page.click(".o_list_button_add")
    pick(page, ".o_field_many2one[name=partner_id] input", customer)
    add_line(page, "CH-%s" % tag, 12)
    add_line(page, "FP-%s" % tag, 3)
    page.click(".o_form_button_save")
    page.wait_for_selector(".o_form_view.o_form_readonly")

    # first expiry first: all of A (8), the rest from B; the expired X is never proposed
    choose_lots(page, "Clover Honey", "CH-%s-A: 8.0, CH-%s-B: 4.0" % (tag, tag))
    choose_lots(page, "Fjord Phone", "FP-%s-01, FP-%s-02, FP-%s-03" % (tag, tag, tag))
    assert "CH-%s-X" % tag not in page.inner_text("div[name=order_line]")

    click_visible(page, ".o_statusbar_buttons button:has-text('Confirm Sale')")
    page.wait_for_function("() => document.querySelector('.o_statusbar_status .btn-primary')"
                           ".innerText.includes('Sales Order')")

    # deliver: the delivery holds exactly the chosen batches and serials
    page.click(".oe_stat_button:has-text('Delivery')")
    page.wait_for_selector(".o_form_view .o_statusbar_buttons button:has-text('Validate')")
    click_visible(page, ".o_statusbar_buttons button:has-text('Validate')")
    page.wait_for_selector(".modal-footer button:has-text('Apply')")
    page.click(".modal-footer button:has-text('Apply')")
    page.wait_for_function("() => document.querySelector('.o_statusbar_status .btn-primary')"
                           ".innerText.includes('Done')")
    page.click(".breadcrumb li:nth-last-child(2) a")
    page.wait_for_selector(".o_form_view .o_statusbar_buttons")

    # invoice and validate it
    click_visible(page, ".o_statusbar_buttons button:has-text('Create Invoice')")
    page.wait_for_selector(".modal-footer button:has-text('Create and View Invoices')")
    page.click(".modal-footer button:has-text('Create and View Invoices')")
    page.wait_for_selector(".o_form_view .o_statusbar_buttons button:has-text('Validate')")
    click_visible(page, ".o_statusbar_buttons button:has-text('Validate')")
    page.wait_for_function("() => document.querySelector('.o_statusbar_status .btn-primary')"
                           ".innerText.includes('Open')")
    invoice_id = int(re.search(r"[#&]id=(\d+)", page.url).group(1))

    pdf_url = "%s/report/pdf/account.report_invoice/%d" % (web.server.url, invoice_id)
    response = page.context.request.get(pdf_url, timeout=120000)
    assert response.ok and response.body()[:4] == b"%PDF"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(response.body())
        pdf.flush()
        text = subprocess.run(["pdftotext", "-layout", pdf.name, "-"], check=True,
                              capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert re.search(r"Batch CH-%s-A \(exp\. \d\d/\d\d/\d{4}\): 8\.0 Unit\(s\)" % tag, flat), text
    assert re.search(r"Batch CH-%s-B \(exp\. \d\d/\d\d/\d{4}\): 4\.0 Unit\(s\)" % tag, flat), text
    assert "Serial numbers: FP-%s-01, FP-%s-02, FP-%s-03" % (tag, tag, tag) in flat, text
    assert "CH-%s-X" % tag not in flat
    # per line: the honey batches sit between the honey line and the phone line
    assert flat.index("Clover Honey") < flat.index("CH-%s-A" % tag) < flat.index("Fjord Phone") \
        < flat.index("Serial numbers: FP-%s" % tag)
    assert web.js_errors == []
    assert web.server.errors_in_log() == []

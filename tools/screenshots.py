"""Take the screenshots of the add-ons' READMEs from a running Odoo with demo data.

Usage: .venv/bin/python tools/screenshots.py [NAME ...]
(``make screenshots`` sets up PostgreSQL and the template database first.)

Odoo runs on its own copy of the template database, as in the browser tests
(the server code of tests/conftest.py), and Debian's Chromium, driven by
Playwright, logs in as the demo administrator. The PNGs go to
cloudoffice_lots/static/description/, where the readme fragments refer to
them (tools/readme.py renders them into README.rst). With NAMEs (e.g.
``batch_form``) only those are taken again.
"""
import io
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

from PIL import Image, ImageOps

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO_ROOT)

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, BrowserSession, OdooServer  # noqa: E402

OUT_DIR = os.path.join(REPO_ROOT, "cloudoffice_lots", "static", "description")
FORTNOX_DIR = os.path.join(REPO_ROOT, "cloudoffice_fortnox", "static", "description")
VIEWPORT = {"width": 1280, "height": 800}
# Reports have many columns: their lists get a wider window.
WIDE = (1600, 900)
MAX_BYTES = 300 * 1024
HONEY_BATCH = "F2607-0001"
LABEL_LAYOUT = "cloudoffice_lots.label_layout_100x50"
LOT_ACTION = "stock.action_production_lot_form"


def save_png(png, name, out_dir=OUT_DIR):
    """Store a screenshot; as a palette PNG when the full-colour one is too big."""
    path = os.path.join(out_dir, name + ".png")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.save(path, optimize=True)
    if os.path.getsize(path) > MAX_BYTES:
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print("%s: %dx%d, %d KB" % (os.path.relpath(path, REPO_ROOT), image.width, image.height,
                                os.path.getsize(path) // 1024))


def read_barcode(png):
    """The text of the barcode on a rasterised label, as a scanner reads it."""
    import zxingcpp

    image = Image.open(io.BytesIO(png)).convert("L").point(lambda value: 255 if value > 128 else 0)
    barcodes = zxingcpp.read_barcodes(image)
    if not barcodes:
        raise RuntimeError("the label's barcode could not be read")
    return barcodes[0].text


def arrange_history(server, lot_id):
    """A little history for the demo honey batch, made over XML-RPC as an
    integration would: the warehouse turns on storage locations (Inventory >
    Settings) and puts 12 jars on Shelf 1, then 24 are sold and delivered to
    a grocery (first expiry first: from this batch)."""
    ref = server.ref
    settings = server.execute("res.config.settings", "create", {"group_stock_multi_locations": True})
    server.execute("res.config.settings", "execute", [settings])
    honey = ref("cloudoffice_lots.product_honey")
    unit = ref("product.product_uom_unit")
    stock, shelf = ref("stock.stock_location_stock"), ref("stock.stock_location_components")
    internal = ref("stock.picking_type_internal")
    picking = server.execute("stock.picking", "create", {
        "picking_type_id": internal, "location_id": stock, "location_dest_id": shelf,
        "move_lines": [(0, 0, {"name": "Honey to Shelf 1", "product_id": honey, "product_uom": unit,
                               "product_uom_qty": 12, "picking_type_id": internal,
                               "location_id": stock, "location_dest_id": shelf})]})
    server.execute("stock.picking", "action_confirm", [picking])
    server.execute("stock.move.line", "unlink",
                   server.execute("stock.move.line", "search", [("picking_id", "=", picking)]))
    move = server.execute("stock.move", "search", [("picking_id", "=", picking)])[0]
    server.execute("stock.move.line", "create", {
        "move_id": move, "picking_id": picking, "product_id": honey, "product_uom_id": unit,
        "location_id": stock, "location_dest_id": shelf, "lot_id": lot_id, "qty_done": 12})
    server.execute("stock.picking", "action_done", [picking])

    order = server.execute("sale.order", "create", {
        "partner_id": ref("cloudoffice_lots.partner_grocery"),
        "order_line": [(0, 0, {"product_id": honey, "product_uom_qty": 24})]})
    server.execute("sale.order", "action_confirm", [order])
    pickings = server.execute("sale.order", "read", [order], ["picking_ids"])[0]["picking_ids"]
    for line in server.execute("stock.move.line", "search_read", [("picking_id", "in", pickings)],
                               fields=["product_uom_qty"]):
        server.execute("stock.move.line", "write", [line["id"]], {"qty_done": line["product_uom_qty"]})
    server.execute("stock.picking", "action_done", pickings)


class Shots:
    """A logged-in page on a server with demo data; one method per screenshot."""

    NAMES = ["batch_form", "batch_certificates", "sale_lot_picker", "report_balance",
             "report_statement", "report_expiry", "label", "scan", "phone_scan",
             "phone_receive", "fortnox_settings", "fortnox_invoice", "fortnox_sync_log", "recall"]

    def __init__(self, web, honey_lot):
        self.web = web
        self.page = web.page
        self.server = web.server
        self.honey_lot = honey_lot
        self.label_text = None
        self.fortnox = None

    def check(self):
        """Nothing went wrong on the screen or in the server's log."""
        if self.page.locator(".o_dialog_warning, .o_error_detail, .modal .alert-danger:visible").count():
            raise RuntimeError("an error dialog is open: %s" % self.page.inner_text(".modal"))
        if self.web.js_errors or self.server.errors_in_log():
            raise RuntimeError("errors: %s %s" % (self.web.js_errors, self.server.errors_in_log()))

    def shoot(self, name, clip_selector=None, margin=16, out_dir=OUT_DIR):
        """Screenshot of the page (or of the box around ``clip_selector``)."""
        self.web.settle()
        # no focus ring on the field a dialog focused; dialogs and tabs have faded in
        self.page.evaluate("() => document.activeElement && document.activeElement.blur()")
        self.page.wait_for_timeout(500)
        self.check()
        clip = None
        if clip_selector:
            box = self.page.locator(clip_selector).bounding_box()
            clip = {"x": box["x"] - margin, "y": box["y"] - margin,
                    "width": box["width"] + 2 * margin, "height": box["height"] + 2 * margin}
        save_png(self.page.screenshot(clip=clip), name, out_dir)

    @contextmanager
    def viewport(self, width, height):
        """A wider or taller window for one shot."""
        self.page.set_viewport_size({"width": width, "height": height})
        try:
            yield
        finally:
            self.page.set_viewport_size(VIEWPORT)

    def expand_groups(self, *labels):
        """Open the list's groups whose header holds one of ``labels`` (all without),
        then scroll back to the top."""
        headers = self.page.locator(".o_list_view .o_group_header")
        for index in range(headers.count()):
            header = headers.nth(index)
            if not labels or any(label in header.inner_text() for label in labels):
                header.click()
                self.web.settle()
        self.page.evaluate("() => document.querySelector('.o_content').scrollTop = 0")

    def open_record(self, model, record_id, action):
        self.page.goto("%s/web?r=%d#id=%d&model=%s&view_type=form&action=%s"
                       % (self.server.url, time.time() * 1000, record_id, model, action))
        self.page.wait_for_selector(".o_form_view.o_form_readonly", timeout=60000)
        self.web.settle()

    def open_report(self, wizard_action, fill=None):
        """A report's dialog, its defaults changed by ``fill()``, then Show."""
        self.web.open_action(wizard_action)
        self.page.wait_for_selector(".modal .o_form_view", timeout=60000)
        self.web.settle()
        if fill:
            fill()
            self.web.settle()
        self.page.click(".modal button[name=action_show]")
        self.page.wait_for_selector(".modal", state="detached", timeout=60000)
        self.page.wait_for_selector(".o_list_view", timeout=60000)
        self.web.settle()

    # -- the shots ------------------------------------------------------------

    def batch_form(self):
        """The honey batch: release, dates, origin, certificates, test results."""
        self.open_record("stock.production.lot", self.honey_lot, LOT_ACTION)
        self.page.click(".o_notebook a[role=tab]:has-text('Tests')")
        with self.viewport(VIEWPORT["width"], 960):  # all the test results fit
            self.shoot("batch_form")

    def batch_certificates(self):
        """The certificates of the honey batch, on its form."""
        self.open_record("stock.production.lot", self.honey_lot, LOT_ACTION)
        self.page.click(".o_notebook a[role=tab]:has-text('Certificates')")
        self.page.locator(".o_notebook").scroll_into_view_if_needed()
        self.shoot("batch_certificates", clip_selector=".o_form_sheet .o_notebook")

    def sale_lot_picker(self):
        """A quotation for 60 jars of honey and the picker on its line."""
        order = self.server.execute("sale.order", "create", {
            "partner_id": self.server.ref("cloudoffice_lots.partner_grocery"),
            "order_line": [(0, 0, {"product_id": self.server.ref("cloudoffice_lots.product_honey"),
                                   "product_uom_qty": 60})]})
        self.open_record("sale.order", order, "sale.action_quotations")
        self.page.click("div[name=order_line] tr.o_data_row button[title='Choose batches/serials']")
        self.page.wait_for_selector(".modal .o_form_view", timeout=60000)
        self.shoot("sale_lot_picker")

    def report_balance(self):
        self.open_report("cloudoffice_lots.action_lot_balance_wizard")
        self.expand_groups("HON-500", "OIL-1000", "PCM-500-20")
        with self.viewport(*WIDE):
            self.shoot("report_balance")

    def report_statement(self):
        """From the Statement button of the honey batch."""
        self.open_record("stock.production.lot", self.honey_lot, LOT_ACTION)
        self.page.click(".oe_button_box button:has-text('Statement')")
        self.page.wait_for_selector(".o_control_panel .breadcrumb li:has-text('Statement')",
                                    timeout=60000)
        self.web.settle()
        self.expand_groups()
        with self.viewport(*WIDE):
            self.shoot("report_statement")

    def report_expiry(self):
        def fill():
            """Half a year ahead, every batch with an expiry date."""
            self.web.type_into(self.page.locator(".modal input[name=days]"), "180")
            self.page.click(".modal label:has-text('All Batches with an Expiry Date')")

        self.open_report("cloudoffice_lots.action_lot_expiry_wizard", fill)
        # not grouped: one list, first expiry first, each line with its class
        self.page.click(".o_searchview_facet:has-text('Expiry') .o_facet_remove")
        self.page.wait_for_selector(".o_list_view .o_data_row", timeout=60000)
        with self.viewport(*WIDE):
            self.shoot("report_expiry")

    def label(self):
        """The honey batch's label from the Print Labels dialog (100 x 50 mm
        layout), its PDF's first page as PNG; the barcode is read back for
        the scan shot."""
        wizard = self.server.execute("cloudoffice.label.print", "create", {
            "layout_id": self.server.ref(LABEL_LAYOUT), "lot_ids": [(6, 0, [self.honey_lot])]})
        action = self.server.execute("cloudoffice.label.print", "action_print", [wizard])
        response = self.page.context.request.get(self.server.url + action["url"], timeout=120000)
        if not response.ok or response.body()[:4] != b"%PDF":
            raise RuntimeError("no label PDF (HTTP %s)" % response.status)
        with tempfile.TemporaryDirectory() as tmp:
            pdf = os.path.join(tmp, "label.pdf")
            with open(pdf, "wb") as handle:
                handle.write(response.body())
            subprocess.run(["pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", "-singlefile",
                            pdf, os.path.join(tmp, "label")], check=True)
            with open(os.path.join(tmp, "label.png"), "rb") as handle:
                png = handle.read()
        self.label_text = read_barcode(png)
        # a grey edge: the white label stands out on a white page
        framed = ImageOps.expand(Image.open(io.BytesIO(png)).convert("RGB"), border=2, fill="#999999")
        buffer = io.BytesIO()
        framed.save(buffer, format="PNG")
        save_png(buffer.getvalue(), "label")

    def scan(self):
        """Inventory > Scan a Batch/Serial after a scanner typed the label's barcode."""
        if not self.label_text:
            self.label()
        self.web.open_action("cloudoffice_lots.action_lot_scan_lookup")
        self.page.click("input[name=scan]")
        self.page.keyboard.type(self.label_text, delay=5)
        self.page.keyboard.press("Enter")
        self.page.wait_for_selector(".o_cloudoffice_scan_result:visible", timeout=60000)
        self.shoot("scan")

    def _phone(self):
        """A page at phone size (390 x 844) logged in as the warehouse worker."""
        from tests.browser.phone_common import PHONE

        context = self.page.context.browser.new_context(**PHONE)
        return BrowserSession(context.new_page(), self.server).login("warehouse")

    def phone_scan(self):
        """The phone scan page after a scan of the honey batch."""
        phone = self._phone()
        phone.page.goto(self.server.url + "/cloudoffice_lots/scan?code=" + HONEY_BATCH)
        phone.page.wait_for_selector("#scan_lot_name")
        self.check()
        save_png(phone.page.screenshot(), "phone_scan")
        phone.page.context.close()

    def phone_receive(self):
        """Receiving with a phone: a supplier's label read, the count to add."""
        from tests.browser.phone_common import expected_receipt

        receipt = expected_receipt(self.server, "HON-500", 24, "PO00042")["id"]
        phone = self._phone()
        phone.page.goto("%s/cloudoffice_lots/phone/receive/%d?code=(01)07350000000016(17)280331"
                        "(10)L-2604" % (self.server.url, receipt))
        phone.page.wait_for_selector("#phone_confirm_form")
        self.check()
        save_png(phone.page.screenshot(), "phone_receive")
        phone.page.context.close()

    # -- Fortnox, against the fake Fortnox of the connector's tests ------------

    def _fortnox_connected(self):
        """Settings > Fortnox connected through the (fake) consent page, Lager
        detected; a posted invoice and a delivery sent by the job runner's way."""
        if self.fortnox:
            return self.fortnox
        import odoo.addons

        if REPO_ROOT not in odoo.addons.__path__:  # as the root conftest.py does
            odoo.addons.__path__.append(REPO_ROOT)
        from odoo.addons.cloudoffice_fortnox.tests.fake_fortnox import FakeFortnox

        from tests.browser.test_fortnox_journey import arrange_delivered_order, run_fortnox_jobs

        fake = self.fortnox = FakeFortnox(warehouse=True).start()
        server, page = self.server, self.page
        server.execute("fortnox.backend", "create", {
            "client_id": fake.client_id, "api_url": fake.api_url, "warehouse_url": fake.warehouse_url,
            "auth_url": fake.auth_url, "token_url": fake.token_url, "send_from": "2000-01-01"})
        self.web.open_action("cloudoffice_fortnox.action_fortnox_settings")
        page.click(".o_form_button_edit")
        self.web.type_into(page.locator("input[name=client_secret]"), fake.client_secret)
        page.click(".o_form_button_save")
        self.web.settle()
        page.click(".o_form_statusbar button:has-text('Connect')")
        page.click("#approve", timeout=120000)  # Fortnox's consent page
        page.wait_for_selector(".o_form_view .o_field_widget[name=fortnox_company]", timeout=120000)
        backend = server.execute("fortnox.backend", "search", [])[0]
        server.execute("fortnox.backend", "action_test_connection", [backend])
        invoice = arrange_delivered_order(server)  # a delivery of batches and serials, invoiced
        server.execute("account.invoice", "action_invoice_open", [invoice])
        server.execute("account.invoice", "action_fortnox_send", [invoice])
        pickings = server.execute("stock.picking", "search", [("state", "=", "done"),
                                                              ("picking_type_code", "=", "outgoing")])
        server.execute("stock.picking", "action_fortnox_send", pickings[:1])
        run_fortnox_jobs(server)
        return fake

    def fortnox_settings(self):
        """Settings > Fortnox after connecting: who, when, scopes, Lager detected."""
        self._fortnox_connected()
        self.web.open_action("cloudoffice_fortnox.action_fortnox_settings")
        self.page.wait_for_selector(".o_form_view .o_field_widget[name=fortnox_company]", timeout=60000)
        with self.viewport(VIEWPORT["width"], 960):
            self.shoot("fortnox_settings", out_dir=FORTNOX_DIR)

    def fortnox_invoice(self):
        """A customer invoice with its Fortnox state and number."""
        self._fortnox_connected()
        invoice = self.server.execute("fortnox.binding", "search_read", [
            ("res_model", "=", "account.invoice"), ("state", "=", "done")], fields=["res_id"], limit=1)
        self.open_record("account.invoice", invoice[0]["res_id"], "account.action_invoice_tree1")
        self.shoot("fortnox_invoice", out_dir=FORTNOX_DIR)

    def fortnox_sync_log(self):
        """Invoicing > Fortnox Sync Log: invoices and a delivery, state and number."""
        self._fortnox_connected()
        self.web.open_action("cloudoffice_fortnox.action_fortnox_binding")
        self.page.wait_for_selector(".o_list_view .o_data_row", timeout=60000)
        with self.viewport(*WIDE):
            self.shoot("fortnox_sync_log", out_dir=FORTNOX_DIR)

    def recall(self):
        """A recall of the honey batch under way: confirmed, its customer told.
        Last of the shots: the batch stays blocked."""
        recall = self.server.execute("cloudoffice.lot.recall", "create", {
            "reason": "Glass splinters found in a jar of this batch.",
            "origin_lot_ids": [(6, 0, [self.honey_lot])]})
        self.server.execute("cloudoffice.lot.recall", "action_confirm", [recall])
        self.server.execute("cloudoffice.lot.recall", "action_notify_customers", [recall])
        self.open_record("cloudoffice.lot.recall", recall, "cloudoffice_lots.action_lot_recall")
        self.page.click(".o_notebook a[role=tab]:has-text('Customers')")
        with self.viewport(WIDE[0], 960):  # every column of the customers' list
            self.shoot("recall")


def main(names):
    from playwright.sync_api import sync_playwright

    unknown = sorted(set(names) - set(Shots.NAMES))
    if unknown:
        sys.exit("unknown screenshot %s; there are: %s" % (", ".join(unknown), ", ".join(Shots.NAMES)))
    if not os.path.exists(CHROMIUM):
        sys.exit("Debian's Chromium is missing: apt-get install chromium")
    os.makedirs(OUT_DIR, exist_ok=True)
    os.makedirs(FORTNOX_DIR, exist_ok=True)
    server = OdooServer("cloudoffice_shots_%d" % os.getpid()).start()
    server.mark_log()
    try:
        honey_lot = server.execute("stock.production.lot", "search", [("name", "=", HONEY_BATCH)])[0]
        arrange_history(server, honey_lot)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # The demo users work in Stockholm time; so does the browser.
            context = browser.new_context(viewport=VIEWPORT, timezone_id="Europe/Stockholm",
                                          locale="en-US")
            web = BrowserSession(context.new_page(), server)
            shots = Shots(web.login(), honey_lot)
            for name in Shots.NAMES:
                if not names or name in names:
                    getattr(shots, name)()
            if shots.fortnox:
                shots.fortnox.stop()
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main(sys.argv[1:])

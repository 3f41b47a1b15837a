"""A warehouse worker prints labels from the phone pages straight to the
label printer: after confirming a batch on the phone receiving page, and on
the scan page showing a batch. The page says how many labels went out, or
why not (the printer refused the connection) and the job is kept in Print
Jobs. A fake Zebra printer on 127.0.0.1 records what arrives; its ZPL is
rendered and the symbols decoded, as a real printer would print them."""
import uuid

import pytest
from odoo.addons.cloudoffice_lots.tests.fake_printer import FakePrinter, closed_port, printed_symbols

from tests.browser.phone_common import expected_receipt, phone_page_session

PRODUCT_GTIN = "09506000134383"  # Acrylic Paint Ultramarine 500 ml (demo)
DEMO_LOT = "AP2601"  # a demo batch of it


@pytest.fixture
def phone(browser, odoo_server):
    yield from phone_page_session(browser, odoo_server)


@pytest.fixture
def printers(odoo_server):
    """The worker's own Zebra (a fake one) and one that is switched off;
    set up by the administrator, archived afterwards so that the other
    journeys meet the demo printers only."""
    fake = FakePrinter()
    layout = odoo_server.ref("cloudoffice_lots.label_layout_zpl_4x2")
    worker = odoo_server.execute("res.users", "search", [["login", "=", "warehouse"]])
    ids = [odoo_server.execute("cloudoffice.label.printer", "create", {
        "name": name, "host": "127.0.0.1", "port": port, "timeout": 5, "layout_id": layout,
        "sequence": 0, "user_ids": [[6, 0, worker if own else []]]})
        for name, port, own in (("Phone Zebra", fake.port, True),
                                ("Switched-off Zebra", closed_port(), False))]
    yield fake, ids
    odoo_server.execute("cloudoffice.label.printer", "write", ids, {"active": False})
    fake.close()


def test_print_labels_from_the_receiving_page(phone, printers):
    fake, (_own, off) = printers
    server = phone.server
    tag = uuid.uuid4().hex[:5].upper()
    receipt = expected_receipt(server, "AP-500-UB", 6, "PO-PRINT-" + tag)
    page = phone.login("warehouse").page
    page.goto("%s/cloudoffice_lots/phone/receive/%d" % (server.url, receipt["id"]))
    page.fill("#scan_code", "(01)%s(10)LBL-%s" % (PRODUCT_GTIN, tag))
    page.keyboard.press("Enter")
    page.wait_for_selector("#phone_confirm_form")
    page.fill("#phone_quantity", "6")
    page.click("#phone_confirm")
    page.wait_for_selector("#phone_print_form")
    # the worker's own printer is proposed; two labels
    assert page.inner_text("#print_printer option:checked") == "Phone Zebra"
    page.fill("#print_copies", "2")
    page.click("#phone_print")
    page.wait_for_selector("#phone_message")
    assert page.inner_text("#phone_message") == "2 labels sent to Phone Zebra."
    received = fake.wait_for_jobs(1)[0]
    assert "^PQ2" in received.decode("utf-8")
    symbols = printed_symbols(received)
    assert len(symbols) == 1 and len(symbols[0]) == 1, symbols
    assert symbols[0][0][0] == "]d2"
    assert symbols[0][0][1].startswith("(01)%s" % PRODUCT_GTIN), symbols
    assert symbols[0][0][1].endswith("(10)LBL-%s" % tag), symbols

    # the switched-off printer: the page says why, the job is kept
    page.select_option("#print_printer", str(off))
    page.click("#phone_print")
    page.wait_for_selector("#phone_error")
    error = page.inner_text("#phone_error")
    assert "Switched-off Zebra (127.0.0.1:" in error and "refused the connection" in error
    assert "The job is kept in Print Jobs" in error
    jobs = server.execute_as("warehouse", "cloudoffice.label.print.job", "search_read",
                             [["printer_id", "=", off]], fields=["state", "origin"])
    assert [(job["state"], job["origin"]) for job in jobs] == [("failed", "LBL-" + tag)]
    assert len(fake.jobs) == 1
    assert phone.js_errors == []
    assert server.errors_in_log() == []


def test_print_labels_from_the_scan_page(phone, printers):
    fake, _ids = printers
    server = phone.server
    lot = server.execute_as("warehouse", "stock.production.lot", "search_read",
                            [["name", "=", DEMO_LOT]], fields=["name"])[0]
    page = phone.login("warehouse").page
    page.goto("%s/cloudoffice_lots/scan?code=%s" % (server.url, lot["name"]))
    page.wait_for_selector("#scan_lot_name")
    assert page.inner_text("#print_printer option:checked") == "Phone Zebra"
    page.click("#phone_print")
    page.wait_for_selector("#scan_print_message")
    assert page.inner_text("#scan_print_message") == "1 label sent to Phone Zebra."
    # the batch is still shown
    assert page.inner_text("#scan_lot_name") == lot["name"]
    symbols = printed_symbols(fake.wait_for_jobs(1)[0])
    assert symbols[0][0][0] == "]d2"
    assert symbols[0][0][1].startswith("(01)%s" % PRODUCT_GTIN)
    assert symbols[0][0][1].endswith("(10)%s" % lot["name"])
    assert phone.js_errors == []
    assert server.errors_in_log() == []

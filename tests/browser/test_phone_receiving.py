"""A warehouse worker receives goods with a phone: picks the expected
receipt by scanning its reference, films the supplier's GS1 label with the
phone's camera (product, batch and production date are read from it), adds
the expiry date and the count the label lacks, confirms, prints our labels
for the new batch and finishes the receipt. At phone size, as the worker.
"""
import subprocess

import pytest
import zxingcpp
from PIL import Image

from tests.browser.phone_common import expected_receipt, label_video, phone_session

PRODUCT = "Acrylic Paint Ultramarine 500 ml"
SUPPLIER_LABEL = "(01)09506000134383(11)260301(10)SUP-42"


@pytest.fixture(scope="module")
def supplier_film(tmp_path_factory):
    """The supplier's label, printed by the supplier's own software (here
    zxing-cpp's GS1 DataMatrix writer, not our add-on)."""
    symbol = zxingcpp.create_barcode(SUPPLIER_LABEL, zxingcpp.BarcodeFormat.DataMatrix, gs1=True)
    pixels = memoryview(symbol.to_image(scale=8, add_quiet_zones=True))
    image = Image.frombytes("L", (pixels.shape[1], pixels.shape[0]), bytes(pixels))
    folder = tmp_path_factory.mktemp("supplier")
    image.save(folder / "label.png")
    assert zxingcpp.read_barcodes(image)[0].text == SUPPLIER_LABEL
    return label_video(folder / "label.png", folder / "label.y4m")


@pytest.fixture
def phone(request, browser, odoo_server, supplier_film):
    yield from phone_session(request, browser, odoo_server, supplier_film)


def test_receive_with_a_phone(phone, tmp_path):
    server = phone.server
    receipt = expected_receipt(server, "AP-500-UB", 12, "PO-PHONE-1")
    page = phone.login("warehouse").page
    page.goto(server.url + "/cloudoffice_lots/phone")
    assert page.inner_text("#phone_user") == "Erik Lindqvist"
    page.click("#phone_menu_receive")
    page.wait_for_selector("#phone_receipts")
    assert receipt["name"] in page.inner_text("#phone_receipts")

    # a reference that is no receipt is named; then the receipt's own, scanned
    page.fill("#scan_code", "PO-NOPE")
    page.keyboard.press("Enter")
    page.wait_for_selector("#phone_error")
    assert "No receipt PO-NOPE exists" in page.inner_text("#phone_error")
    page.fill("#scan_code", receipt["name"])
    page.keyboard.press("Enter")
    page.wait_for_selector("#phone_receipt_name")
    assert page.inner_text("#phone_receipt_name") == receipt["name"]
    assert "0.0 / 12.0" in page.inner_text("#phone_moves")

    # the supplier's label, through the camera: what it carries is filled in
    page.click("#scan_camera")
    page.wait_for_selector("#phone_confirm_form", timeout=90000)
    assert PRODUCT in page.inner_text("#phone_product option:checked")
    assert page.input_value("#phone_lot") == "SUP-42"
    assert page.input_value("#phone_expiry") == ""
    assert page.input_value("#phone_quantity") == ""
    # the worker adds what the label lacks and confirms
    page.fill("#phone_expiry", "2028-03-31")
    page.fill("#phone_quantity", "12")
    page.click("#phone_confirm")
    page.wait_for_selector("#phone_message")
    assert "SUP-42: 12 Unit(s)" in page.inner_text("#phone_message")
    assert "12.0 / 12.0" in page.inner_text("#phone_moves")

    # our labels for the batch, downloaded (printing: test_phone_printing)
    with page.expect_download() as download_info:
        page.click("#phone_download")
    pdf = tmp_path / "labels.pdf"
    download_info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "Batch: SUP-42" in text and PRODUCT in text

    # a label of goods not on this receipt is refused, naming them
    page.fill("#scan_code", "(01)07350000000016(10)X1")
    page.keyboard.press("Enter")
    page.wait_for_selector("#phone_error")
    assert "is not expected on %s" % receipt["name"] in page.inner_text("#phone_error")

    page.click("#phone_validate")
    page.wait_for_selector("#phone_message")
    assert page.inner_text("#phone_message") == "%s is received." % receipt["name"]
    done = server.execute_as("warehouse", "stock.picking", "read", [receipt["id"]], ["state"])
    assert done[0]["state"] == "done"
    lot = server.execute_as("warehouse", "stock.production.lot", "search_read",
                            [["name", "=", "SUP-42"]],
                            fields=["production_date", "expiry_day", "product_qty"])
    # expiry is the day the worker typed
    assert [(row["production_date"], row["expiry_day"], row["product_qty"]) for row in lot] == \
        [("2026-03-01", "2028-03-31", 12.0)]
    assert phone.js_errors == []
    assert server.errors_in_log() == []

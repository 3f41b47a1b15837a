"""A user prints a label for a batch, a scanner reads it back, and the scan
finds the batch again: in the web client's scan page and on the phone page.

The label comes from the Print Labels button of the batch form (as a user
would click it), its barcode is decoded from the downloaded PDF after
rasterising it as a printer would, and the decoded text is typed key by key
and ended with Enter, as a keyboard-wedge scanner does.
"""
import io
import subprocess

import zxingcpp
from PIL import Image

DEMO_LOT = "AP2601"
DEMO_PRODUCT = "Acrylic Paint Ultramarine 500 ml"


def decode_pdf(path):
    png = subprocess.run(
        ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pnggray", "-r300",
         "-dFirstPage=1", "-dLastPage=1", "-sOutputFile=-", str(path)],
        check=True, capture_output=True).stdout
    image = Image.open(io.BytesIO(png)).point(lambda value: 255 if value > 128 else 0)
    return zxingcpp.read_barcodes(image)


def scan_like_a_wedge(page, selector, text):
    page.click(selector)
    page.keyboard.type(text, delay=5)
    page.keyboard.press("Enter")


def test_print_label_decode_and_scan_back(web, tmp_path):
    page = web.login().open_action("stock.action_production_lot_form").page
    # the list is grouped by product: open the product's group, then the batch
    page.click(".o_group_header:has-text('%s')" % DEMO_PRODUCT)
    page.click(".o_list_view td:text-is('%s')" % DEMO_LOT)
    page.wait_for_selector(".o_form_view .o_field_widget[name=name]:has-text('%s')" % DEMO_LOT)
    # the batch form shows its barcodes, served by the add-on's route
    page.wait_for_selector("img.o_cloudoffice_barcode[src*='kind=gs1_datamatrix']")

    page.click(".oe_button_box button:has-text('Print Labels')")
    page.wait_for_selector(".modal .o_form_view")
    assert "A4 sheet 3 x 8" in page.input_value(".modal .o_field_widget[name=layout_id] input")
    with page.expect_download() as download_info:
        page.click(".modal-footer button:has-text('Print')")
    pdf_path = tmp_path / "labels.pdf"
    download_info.value.save_as(pdf_path)
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Batch: %s" % DEMO_LOT in text and DEMO_PRODUCT in text

    barcodes = decode_pdf(pdf_path)
    assert len(barcodes) == 1
    barcode = barcodes[0]
    assert barcode.symbology_identifier == "]d2"
    assert barcode.text.startswith("(01)09506000134383(11)")
    assert barcode.text.endswith("(10)%s" % DEMO_LOT)

    # web client: Inventory > Scan a Batch/Serial, scanner types and ends with Enter
    web.open_action("cloudoffice_lots.action_lot_scan_lookup")
    scan_like_a_wedge(page, "input[name=scan]", barcode.text)
    page.wait_for_selector(".o_cloudoffice_scan_result:visible")
    result = page.inner_text(".o_cloudoffice_scan_result")
    assert DEMO_LOT in result and DEMO_PRODUCT in result
    assert page.input_value("input[name=scan]") == ""
    page.click(".o_cloudoffice_scan_result button:has-text('Open Batch/Serial')")
    # the batch's own form (its name field), not the scan page's link to it
    page.wait_for_selector(".o_form_view .o_field_widget[name=name]:has-text('%s')" % DEMO_LOT)
    assert DEMO_LOT in page.inner_text(".o_control_panel .breadcrumb")

    # a wrong check digit is caught and named
    web.open_action("cloudoffice_lots.action_lot_scan_lookup")
    scan_like_a_wedge(page, "input[name=scan]",
                      barcode.text.replace("(01)09506000134383", "(01)09506000134384"))
    page.wait_for_selector(".o_cloudoffice_scan_error:visible")
    assert "check digit should be 3" in page.inner_text(".o_cloudoffice_scan_error")

    # the phone page, typed input (no camera in a headless browser)
    page.goto(web.server.url + "/cloudoffice_lots/scan")
    scan_like_a_wedge(page, "#scan_code", barcode.text)
    page.wait_for_selector("#scan_lot_name")
    assert page.inner_text("#scan_lot_name") == DEMO_LOT
    assert DEMO_PRODUCT in page.inner_text("#scan_product")

    assert web.js_errors == []
    assert web.server.errors_in_log() == []

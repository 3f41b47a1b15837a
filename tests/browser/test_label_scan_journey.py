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

from .user_steps import pick

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
    web.settle()
    # the dialog proposes the warehouse's Zebra; this label goes on an A4 sheet
    assert "Dock 1 Zebra" in page.input_value(".modal .o_field_widget[name=printer_id] input")
    assert "Zebra 4 x 2" in page.input_value(".modal .o_field_widget[name=layout_id] input")
    pick(web, "layout_id", "A4 sheet 3 x 8", scope=".modal")
    with page.expect_download() as download_info:
        page.click(".modal-footer button[name=action_print]")
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
    assert [text.strip() for text in page.locator(
        ".o_control_panel .breadcrumb li").all_inner_texts()] == ["Scan a Batch/Serial", DEMO_LOT]
    # the full batch form, with its barcodes
    page.wait_for_selector("img.o_cloudoffice_barcode[src*='kind=qr_digital_link']")

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


def rpc(page, model, method, args, kwargs=None):
    """Call a model method as the web client does (for setting up data)."""
    response = page.evaluate("""([model, method, args, kwargs]) => fetch('/web/dataset/call_kw', {
        method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({jsonrpc: '2.0', method: 'call',
                              params: {model, method, args, kwargs}})}).then(r => r.json())""",
                             [model, method, args, kwargs or {}])
    assert "error" not in response, response
    return response["result"]


def test_receipt_scan_barcode_image_and_digital_link(web):
    # the warehouse worker: barcode images, the Digital Link and the receipt's scans
    page = web.login("warehouse").page
    lot_id = rpc(page, "stock.production.lot", "search", [[["name", "=", DEMO_LOT]]])[0]

    # the batch's barcode image, as the form shows it
    response = page.request.get("%s/cloudoffice_lots/lot/%d/barcode.png?kind=gs1_128"
                                % (web.server.url, lot_id))
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.body())))
    assert decoded[0].symbology_identifier == "]C1"
    assert decoded[0].text.endswith("(10)%s" % DEMO_LOT)
    assert page.request.get("%s/cloudoffice_lots/lot/999999/barcode.png"
                            % web.server.url).status == 404

    # a phone scanning the Digital Link QR code lands on the batch
    page.goto("%s/cloudoffice_lots/dl/01/09506000134383/10/%s" % (web.server.url, DEMO_LOT))
    page.wait_for_selector("#scan_lot_name")
    assert page.inner_text("#scan_lot_name") == DEMO_LOT

    # a receipt of the demo product, scanned in its Scan window
    product_id = rpc(page, "product.product", "search", [[["default_code", "=", "AP-500-UB"]]])[0]
    picking_type = rpc(page, "stock.picking.type", "search_read",
                       [[["code", "=", "incoming"]]],
                       {"limit": 1, "fields": ["default_location_dest_id"]})[0]
    source = rpc(page, "stock.location", "search", [[["usage", "=", "supplier"]]],
                 {"limit": 1})[0]
    destination = picking_type["default_location_dest_id"][0]
    picking_id = rpc(page, "stock.picking", "create", [{
        "picking_type_id": picking_type["id"], "location_id": source,
        "location_dest_id": destination,
        "move_lines": [[0, 0, {"name": "paint", "product_id": product_id, "product_uom_qty": 12,
                               "product_uom": 1, "location_id": source,
                               "location_dest_id": destination}]]}])
    rpc(page, "stock.picking", "action_confirm", [[picking_id]])
    page.goto("%s/web#id=%d&model=stock.picking&view_type=form" % (web.server.url, picking_id))
    page.click(".o_form_statusbar button:has-text('Scan')")
    page.wait_for_selector(".modal input[name=scan]")
    requests_sent = []
    page.on("request", lambda request: requests_sent.append(request.post_data or "")
            if "/web/dataset/" in request.url else None)
    scan_like_a_wedge(page, ".modal input[name=scan]",
                      "(01)09506000134383(11)260301(17)280301(37)12(10)REC-77")
    page.wait_for_selector(".modal .o_cloudoffice_scan_log:has-text('REC-77: 12 Unit(s)')")
    # one round trip per scan: the scan is applied, the window is not saved
    assert len(requests_sent) == 1 and "cloudoffice_scan_outcome" in requests_sent[0], requests_sent
    assert page.input_value(".modal input[name=scan]") == ""
    scan_like_a_wedge(page, ".modal input[name=scan]", "(01)09506000134383(10)REC 77")
    page.wait_for_selector(".modal .o_cloudoffice_scan_error:visible")
    assert "not allowed in GS1 barcodes" in page.inner_text(".modal .o_cloudoffice_scan_error")
    lines = rpc(page, "stock.move.line", "search_read", [[["picking_id", "=", picking_id]]],
                {"fields": ["lot_name", "qty_done"]})
    assert [(line["lot_name"], line["qty_done"]) for line in lines] == [("REC-77", 12.0)]
    lot = rpc(page, "stock.production.lot", "search_read", [[["name", "=", "REC-77"]]],
              {"fields": ["production_date"]})
    assert lot[0]["production_date"] == "2026-03-01"

    assert web.js_errors == []
    assert web.server.errors_in_log() == []

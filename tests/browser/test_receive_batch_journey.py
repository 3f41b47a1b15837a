"""A warehouse worker receives a batch of honey with its production date,
attaches the certificate of analysis, and opens the batch to see it all."""
import base64
import datetime
import os
import time

BATCH = "F-JOURNEY-01"
HERE = os.path.dirname(os.path.abspath(__file__))
CERTIFICATE = os.path.join(HERE, "..", "..", "cloudoffice_lots", "data", "demo", "coa_honey.pdf")


def arrange_incoming_delivery(server):
    """The supplier's delivery is announced: a receipt of 30 jars waits."""
    honey = server.ref("cloudoffice_lots.product_honey")
    picking_id = server.execute("stock.picking", "create", {
        "partner_id": server.ref("cloudoffice_lots.partner_honey_farm"),
        "picking_type_id": server.ref("stock.picking_type_in"),
        "location_id": server.ref("stock.stock_location_suppliers"),
        "location_dest_id": server.ref("stock.stock_location_stock"),
        "move_lines": [(0, 0, {
            "name": "Honey", "product_id": honey, "product_uom_qty": 30,
            "picking_type_id": server.ref("stock.picking_type_in"),
            "product_uom": server.ref("product.product_uom_unit"),
            "location_id": server.ref("stock.stock_location_suppliers"),
            "location_dest_id": server.ref("stock.stock_location_stock"),
        })],
    })
    server.execute("stock.picking", "action_confirm", [picking_id])
    line_ids = server.execute("stock.move.line", "search", [("picking_id", "=", picking_id)])
    server.execute("stock.move.line", "unlink", line_ids)
    return picking_id


def test_receive_batch_with_dates_and_certificate_then_see_it_on_the_batch(web):
    server = web.server
    picking_id = arrange_incoming_delivery(server)
    page = web.login().page
    page.goto("%s/web?r=%d#id=%d&model=stock.picking&view_type=form&action=stock.action_picking_tree_all"
              % (server.url, time.time(), picking_id))
    page.click(".o_form_button_edit")
    page.click(".o_field_one2many[name=move_lines] td.o_list_button button")
    dialog = page.locator(".modal-dialog")
    dialog.locator(".o_field_x2many_list_row_add a").click()
    web.settle()
    web.type_into(dialog.locator("input[name=lot_name]"), BATCH)
    web.type_into(dialog.locator("input[name=lot_supplier_batch]"), "BN-26-777")
    production = datetime.date.today() - datetime.timedelta(days=3)
    web.type_into(dialog.locator("[name=lot_production_date] input"), production.strftime("%m/%d/%Y"))
    web.type_into(dialog.locator("input[name=qty_done]"), "30")
    dialog.locator(".modal-footer button:has-text('Confirm')").click()
    page.wait_for_selector(".modal-dialog", state="detached")
    page.click(".o_form_button_save")
    page.click(".o_form_statusbar button:has-text('Validate')")
    page.wait_for_selector(".o_form_statusbar button:has-text('Validate')", state="hidden")
    assert server.execute("stock.picking", "read", [picking_id], ["state"])[0]["state"] == "done"

    lot_id = server.execute("stock.production.lot", "search", [("name", "=", BATCH)])[0]
    # The quality assistant opens the batch and attaches the certificate of analysis.
    lot_url = "%s/web?r=%%d#id=%d&model=stock.production.lot&view_type=form" \
              "&action=stock.action_production_lot_form" % (server.url, lot_id)
    page.goto(lot_url % time.time())
    page.wait_for_selector("text=Bought/Made On")
    page.click(".o_form_button_edit")
    page.click(".nav-tabs a:has-text('Certificates')")
    page.click(".tab-pane.active .o_field_x2many_list_row_add a")
    dialog = page.locator(".modal-dialog")
    web.settle()
    dialog.locator(".o_field_widget[name=type_id] input").fill("Certificate of Analysis")
    page.click(".ui-autocomplete li:has-text('Certificate of Analysis')")
    web.settle()
    web.type_into(dialog.locator("input[name=name]"), "LNA-2026-9001")
    dialog.locator(".o_field_widget[name=file] input.o_input_file").set_input_files(CERTIFICATE)
    dialog.locator(".o_field_widget[name=file] input[type=text]").first.wait_for()
    page.wait_for_function(
        "document.querySelector('.modal-dialog .o_field_widget[name=file] input[type=text]').value !== ''")
    dialog.locator(".modal-footer button:has-text('Save & Close')").click()
    page.wait_for_selector(".modal-dialog", state="detached")
    page.click(".o_form_button_save")
    page.wait_for_selector(".o_form_button_edit")
    page.goto(lot_url % time.time())
    page.wait_for_selector("text=Bought/Made On")

    form = page.inner_text(".o_form_view")
    expiry = production + datetime.timedelta(days=730)
    best_before = production + datetime.timedelta(days=700)
    assert BATCH in form
    assert "Organic Acacia Honey 500 g" in form
    assert "BN-26-777" in form
    assert "Bigården Norrland AB" in form
    assert production.strftime("%m/%d/%Y") in form
    assert expiry.strftime("%m/%d/%Y") in form, "expiry follows the production date and shelf life"
    assert best_before.strftime("%m/%d/%Y") in form
    assert "1\nCertificates" in form or "1 Certificates" in " ".join(form.split())
    assert "Awaiting tests" in form  # honey has required lab tests not yet done
    page.click(".nav-tabs a:has-text('Stock')")
    stock_table = page.inner_text(".o_notebook .tab-pane.active")
    assert "WH/Stock" in stock_table and "30.00" in stock_table
    page.click(".nav-tabs a:has-text('Certificates')")
    certificates = page.inner_text(".o_notebook .tab-pane.active")
    assert "LNA-2026-9001" in certificates and "Certificate of Analysis" in certificates

    stored = server.execute("cloudoffice.lot.certificate", "search_read", [("lot_id", "=", lot_id)],
                            fields=["file"])
    with open(CERTIFICATE, "rb") as handle:
        assert base64.b64decode(stored[0]["file"]) == handle.read()
    assert web.js_errors == []
    assert server.errors_in_log() == []

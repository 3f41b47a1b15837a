"""A file made in a dialog is downloaded and the dialog closes: the
warehouse worker prints labels, the quality manager exports a trace."""
import uuid

import openpyxl

from .test_quality_recall import deliver_batch
from .user_steps import open_record, pdf_text, pick


def test_print_labels_downloads_and_closes_the_dialog(web, tmp_path):
    tag = uuid.uuid4().hex[:5].upper()
    lot = deliver_batch(web.server, tag)
    web.login("warehouse")
    open_record(web, "stock.production.lot", lot, "stock.action_production_lot_form")
    page = web.page
    page.click(".oe_button_box button:has-text('Print Labels')")
    page.wait_for_selector(".modal .o_form_view")
    web.settle()
    pick(web, "layout_id", "A4 sheet 3 x 8", scope=".modal")
    with page.expect_download(timeout=120000) as download:
        page.click(".modal-footer button[name=action_print]")
    path = tmp_path / "labels.pdf"
    download.value.save_as(path)
    assert "HH-%s" % tag in pdf_text(path)
    # the dialog is gone and the batch form usable again
    page.wait_for_selector(".modal", state="detached", timeout=10000)
    assert page.locator(".o_form_button_edit").is_enabled()
    assert web.js_errors == []


def test_export_xlsx_downloads_and_closes_the_dialog(web, tmp_path):
    tag = uuid.uuid4().hex[:5].upper()
    deliver_batch(web.server, tag)
    web.login("quality").open_action("cloudoffice_lots.action_lot_trace_wizard")
    page = web.page
    page.wait_for_selector(".modal .o_form_view", timeout=60000)
    web.settle()
    page.locator(".modal .o_field_many2one[name=lot_id] input").fill("HH-%s" % tag)
    page.wait_for_selector(".ui-autocomplete:visible .ui-menu-item")
    # a report filter chooses an existing batch: nothing to create there
    menu = page.inner_text(".ui-autocomplete:visible")
    assert "Create" not in menu, menu
    page.click(".ui-autocomplete:visible .ui-menu-item a:has-text('HH-%s')" % tag)
    web.settle()
    with page.expect_download(timeout=120000) as download:
        page.click(".modal-footer button[name=action_export]")
    assert download.value.suggested_filename == "batch_traceability.xlsx"
    path = tmp_path / "trace.xlsx"
    download.value.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    assert any("HH-%s" % tag in str(cell.value) for row in sheet.iter_rows() for cell in row)
    page.wait_for_selector(".modal", state="detached", timeout=10000)
    assert web.js_errors == []

"""A user opens the batch reports from Inventory > Reporting, shows one on
screen, prints it as PDF and exports it to a spreadsheet."""
import subprocess

import openpyxl


def test_balance_report_screen_and_pdf(web, tmp_path):
    web.login().open_action("cloudoffice_lots.action_lot_balance_wizard")
    page = web.page
    dialog = page.wait_for_selector(".modal .o_form_view", timeout=60000)
    assert dialog.is_visible()
    assert page.inner_text(".modal .modal-title").strip() == "Batch Balance"
    page.click(".modal button[name=action_show]")
    page.wait_for_selector(".o_list_view", timeout=60000)
    assert "Batch Balance at" in page.inner_text(".o_control_panel .breadcrumb")

    web.open_action("cloudoffice_lots.action_lot_balance_wizard")
    page.wait_for_selector(".modal .o_form_view", timeout=60000)
    with page.expect_download(timeout=120000) as download_info:
        page.click(".modal button[name=action_print]")
    pdf = tmp_path / "balance.pdf"
    download_info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Batch Balance at" in text
    assert "Closing" in text

    web.open_action("cloudoffice_lots.action_lot_balance_wizard")
    page.wait_for_selector(".modal .o_form_view", timeout=60000)
    # The date field has the focus and its calendar open: close it first.
    page.click(".modal .modal-title")
    page.wait_for_selector(".bootstrap-datetimepicker-widget", state="hidden")
    with page.expect_download(timeout=120000) as download_info:
        page.click(".modal button[name=action_export]")
    assert download_info.value.suggested_filename == "batch_balance.xlsx"
    xlsx = tmp_path / "balance.xlsx"
    download_info.value.save_as(xlsx)
    sheet = openpyxl.load_workbook(xlsx).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0].startswith("Batch Balance at")
    header = next(row for row in rows if row[:2] == ["Product", "Batch/Serial"])
    assert "Closing" in header
    # The demo's batches are there, with numbers as numbers.
    data = rows[rows.index(header) + 1:]
    assert any(row[1] for row in data)
    closing = header.index("Closing")
    assert all(isinstance(row[closing], (int, float)) for row in data if row[1])
    assert web.js_errors == []
    assert web.server.errors_in_log() == []


def test_batch_stock_list_shows_the_demo_batches_per_location(web):
    """The warehouse worker opens Batch Stock: the demo honey batch is there,
    in WH/Stock, with its quantity on hand."""
    web.login("warehouse").open_action("cloudoffice_lots.action_lot_stock")
    page = web.page
    page.wait_for_selector(".o_list_view tbody tr.o_data_row", timeout=60000)
    assert "Batch Stock" in page.inner_text(".o_control_panel .breadcrumb")
    headers = [cell.strip() for cell in page.locator(".o_list_view thead th").all_inner_texts()]
    for label in ("Product", "Batch/Serial", "Warehouse", "Location", "Expiry Date", "On Hand",
                  "Reserved"):
        assert label in headers, headers
    row = page.locator(".o_list_view tbody tr.o_data_row", has_text="F2607-0001").first
    cells = [cell.strip() for cell in row.locator("td").all_inner_texts()]
    assert "WH/Stock" in cells, cells
    on_hand = cells[headers.index("On Hand")]
    assert float(on_hand.replace(",", "")) > 0, cells

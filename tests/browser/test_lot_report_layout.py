"""The batch reports as the warehouse worker and the quality manager read
them: expiry groups in the order of time, every column on a 1400 px screen,
no total that adds kilograms to pieces, the statement open, the balance with
its locations, and spreadsheets with real dates and readable columns."""
import datetime

import openpyxl
import pytest

from ..conftest import BrowserSession


@pytest.fixture
def wide_web(browser, odoo_server):
    context = browser.new_context(viewport={"width": 1400, "height": 900},
                                  timezone_id="Europe/Stockholm", locale="en-US")
    odoo_server.mark_log()
    yield BrowserSession(context.new_page(), odoo_server)
    context.close()


def open_wizard(web, xmlid):
    web.open_action(xmlid)
    web.page.wait_for_selector(".modal .o_form_view", timeout=60000)
    # a date field may have the focus and its calendar open
    web.page.click(".modal .modal-title")
    return web.page


def test_expiry_report_groups_in_time_order_fits_the_screen_and_sums_one_product(wide_web):
    web = wide_web.login("quality")
    page = open_wizard(web, "cloudoffice_lots.action_lot_expiry_wizard")
    # half a year ahead: the demo has batches expiring within it and later
    web.type_into(page.locator(".modal input[name=days]"), "180")
    page.click(".modal .o_field_widget[name=show] input[data-value=all]")
    page.click(".modal button[name=action_show]")
    page.wait_for_selector(".o_list_view .o_group_header", timeout=60000)
    web.settle()
    groups = [text.strip() for text in page.locator(".o_list_view .o_group_header .o_group_name")
              .all_inner_texts()]
    order = ["Expired", "Expiring Soon", "Later", "No Expiry Date"]
    seen = [label for text in groups for label in order if text.startswith(label + " (")]
    assert seen == sorted(seen, key=order.index) and len(seen) >= 2, groups

    # A group holding several products shows no quantity total.
    for index in range(page.locator(".o_list_view .o_group_header").count()):
        header = page.locator(".o_list_view .o_group_header").nth(index)
        header.click()
        web.settle()
    products_per_group = []
    for row in page.locator(".o_list_view tbody tr").all():
        classes = row.get_attribute("class") or ""
        if "o_group_header" in classes:
            products_per_group.append((row, set()))
        elif "o_data_row" in classes and products_per_group:
            products_per_group[-1][1].add(row.locator(".o_data_cell").first.inner_text().strip())
    mixed = [header for header, products in products_per_group if len(products) > 1]
    assert mixed, "the demo data has a group with several products"
    # a grouped list's header starts with a cell for the group names, which
    # group rows hold in a th: their td cells are the header's minus one
    quantity = [th.strip() for th in page.locator(".o_list_view thead th").all_inner_texts()] \
        .index("Quantity") - 1
    for header in mixed:
        totals = [cell.strip() for cell in header.locator("td").all_inner_texts()]
        assert totals[quantity] == "", totals
    single = [header for header, products in products_per_group if len(products) == 1]
    for header in single:
        assert header.locator("td").nth(quantity).inner_text().strip(), "one product: a total"

    # Every column on screen, product names on at most two lines.
    quantity = page.locator(".o_list_view thead th:has-text('Quantity')").bounding_box()
    assert quantity["x"] + quantity["width"] <= 1400
    product_cell = page.locator(".o_list_view tr.o_data_row .o_data_cell").first
    line_height = float(product_cell.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert product_cell.bounding_box()["height"] <= 2 * line_height + 12
    assert web.js_errors == []
    assert web.server.errors_in_log() == []


def test_expiry_export_has_real_dates_and_column_widths(wide_web, tmp_path):
    web = wide_web.login("quality")
    page = open_wizard(web, "cloudoffice_lots.action_lot_expiry_wizard")
    page.click(".modal .o_field_widget[name=show] input[data-value=all]")
    with page.expect_download(timeout=120000) as download_info:
        page.click(".modal button[name=action_export]")
    xlsx = tmp_path / "expiry.xlsx"
    download_info.value.save_as(xlsx)
    sheet = openpyxl.load_workbook(xlsx)["Batches in Stock"]
    rows = list(sheet.iter_rows())
    header = next(row for row in rows if row[0].value == "Product")
    names = [cell.value for cell in header]
    expiry = names.index("Expiry Date")
    data = [row for row in rows[rows.index(header) + 1:] if row[1].value]
    assert data and all(row[expiry].is_date for row in data)
    assert all(isinstance(row[expiry].value, datetime.datetime) for row in data)
    longest_product = max(len(row[0].value) for row in data)
    assert sheet.column_dimensions["A"].width >= min(50, longest_product)


def test_balance_shows_locations_and_statement_opens_with_its_lines(wide_web):
    web = wide_web.login("warehouse")
    page = open_wizard(web, "cloudoffice_lots.action_lot_balance_wizard")
    page.click(".modal button[name=action_show]")
    page.wait_for_selector(".o_list_view", timeout=60000)
    web.settle()
    # grouped by product: open the first group and read its rows
    page.locator(".o_list_view .o_group_header").first.click()
    web.settle()
    headers = [th.strip() for th in page.locator(".o_list_view thead th").all_inner_texts()]
    assert "Location" in headers
    row = page.locator(".o_list_view tr.o_data_row").first
    assert "WH/Stock" in row.inner_text()

    lot = web.server.execute_as("warehouse", "stock.production.lot", "search_read",
                                [("quant_ids", "!=", False)], fields=["name"], limit=1)[0]
    page = open_wizard(web, "cloudoffice_lots.action_lot_statement_wizard")
    tags = page.locator(".modal .o_field_widget[name=lot_ids] input")
    tags.fill(lot["name"])
    page.locator(".ui-autocomplete li:has-text('%s')" % lot["name"]).first.click()
    web.settle()
    page.click(".modal button[name=action_show]")
    page.wait_for_selector(".o_list_view", timeout=60000)
    web.settle()
    assert page.locator(".o_list_view .o_group_header").count() == 0
    assert page.locator(".o_list_view tr.o_data_row").count() >= 1
    assert lot["name"] in page.locator(".o_list_view tr.o_data_row").first.inner_text()
    assert web.js_errors == []
    assert web.server.errors_in_log() == []

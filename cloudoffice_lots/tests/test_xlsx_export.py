"""The XLSX writer alone (no database): files read back with openpyxl as a
spreadsheet program would."""
import io

import openpyxl
from odoo.addons.cloudoffice_lots.reports.xlsx_export import sheet_name, workbook_bytes


def read(content):
    return openpyxl.load_workbook(io.BytesIO(content))


def table(title, rows, headers=("Batch/Serial", "Closing"), numeric=(False, True), notes=()):
    return {"title": title, "notes": list(notes), "headers": list(headers), "rows": rows,
            "numeric": list(numeric)}


def test_one_sheet_per_section_with_parameters_headers_and_numbers():
    content = workbook_bytes(
        [("Period", "2026-01-01 - 2026-01-31"), ("Warehouse", "WH Göteborg")],
        [table("Batch Balance", [["HON-2026-01", 25.5], ["HON-2026-02", None]],
               notes=["Quantities in the product's unit"]),
         table("Affected Customers", [["ICA Kvantum Lund", 12]], headers=("Customer", "Quantity"))])
    book = read(content)
    assert book.sheetnames == ["Batch Balance", "Affected Customers"]
    rows = [[cell.value for cell in row] for row in book["Batch Balance"].iter_rows()]
    assert rows[0][0] == "Batch Balance"
    assert rows[1][:2] == ["Period", "2026-01-01 - 2026-01-31"]
    assert rows[2][:2] == ["Warehouse", "WH Göteborg"]
    assert rows[3][0] == "Quantities in the product's unit"
    header = rows.index(["Batch/Serial", "Closing"])
    # Numbers stay numbers (sums work in the spreadsheet); an empty quantity is 0.
    assert rows[header + 1] == ["HON-2026-01", 25.5]
    assert rows[header + 2] == ["HON-2026-02", 0]
    assert book["Batch Balance"].freeze_panes == "A%d" % (header + 2)


def test_sheet_names_are_made_acceptable_and_unique():
    used = set()
    assert sheet_name("Batch/Serial: [HON] *?", used) == "Batch Serial   HON"
    long_title = "Traceability of batch HON-2026-000123 downstream"
    first = sheet_name(long_title, used)
    second = sheet_name(long_title, used)
    assert len(first) <= 31 and len(second) <= 31
    assert first != second and second.endswith(" 2")
    assert sheet_name("", used, fallback="Rapport") == "Rapport"


def test_a_report_without_sections_is_still_a_valid_file():
    book = read(workbook_bytes([("Date", "2026-11-25")], [], fallback_title="Batch Expiry"))
    assert book.sheetnames == ["Batch Expiry"]
    assert book.active["A1"].value == "Batch Expiry"


def test_dates_are_real_dates_and_columns_fit_their_text():
    import datetime
    import doctest

    from odoo.addons.cloudoffice_lots.reports import xlsx_export

    assert doctest.testmod(xlsx_export).attempted >= 1
    assert doctest.testmod(xlsx_export).failed == 0
    rows = [["Acacia Honey 500 g, Swedish forest blend", datetime.date(2028, 8, 1),
             datetime.datetime(2026, 12, 5, 21, 16), 12.5]]
    book = read(workbook_bytes([], [table(
        "Batch Expiry", rows, headers=("Product", "Expiry Date", "Delivered On", "Quantity"),
        numeric=(False, False, False, True))]))
    sheet = book["Batch Expiry"]
    header = next(row for row in sheet.iter_rows() if row[0].value == "Product")
    cells = next(sheet.iter_rows(min_row=header[0].row + 1, max_row=header[0].row + 1))
    assert cells[1].is_date and cells[1].value.date() == datetime.date(2028, 8, 1)
    assert cells[1].number_format == "yyyy-mm-dd"
    assert cells[2].is_date and cells[2].value == datetime.datetime(2026, 12, 5, 21, 16)
    widths = {col: sheet.column_dimensions[col].width for col in "ABCD"}
    # the product column shows the whole name; the others are no narrower than their header
    assert widths["A"] >= len("Acacia Honey 500 g, Swedish forest blend")
    assert widths["B"] >= len("Expiry Date") and widths["C"] >= len("2026-12-05 21:16")

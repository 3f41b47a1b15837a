"""XLSX files of the batch/serial reports, written with xlsxwriter.

Plain Python (no Odoo import): the report wizards describe their result as
sections and this module lays them out, one sheet per section, so that the
layout has its own tests and moves unchanged to another Odoo version.
"""
import datetime
import io
import re

import xlsxwriter

#: Excel's limits on sheet names.
SHEET_NAME_MAX = 31
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title, used_names, fallback="Report"):
    """A unique sheet name Excel accepts (31 characters, none of []:*?/\\)."""
    base = _SHEET_NAME_FORBIDDEN.sub(" ", title or "").strip()[:SHEET_NAME_MAX - 3] or fallback
    name, counter = base, 2
    while name.lower() in used_names:
        suffix = " %d" % counter
        name = base[:SHEET_NAME_MAX - len(suffix)] + suffix
        counter += 1
    used_names.add(name.lower())
    return name


def _cell_text(value):
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    return "" if value in (None, False) else str(value)


def column_widths(headers, rows, minimum=8, maximum=50):
    """Widths (in characters) that show each column's longest text.

    >>> column_widths(["Product", "Quantity"], [["Acacia Honey 500 g", 12.5]])
    [20, 10]
    """
    widths = [len(header) + 2 for header in headers]
    for values in rows:
        for col, value in enumerate(values):
            widths[col] = max(widths[col], len(_cell_text(value)) + 2)
    return [min(maximum, max(minimum, width)) for width in widths]


def workbook_bytes(params, tables, fallback_title="Report"):
    """The XLSX file of a report.

    :param params: [(label, value)] printed on top of every sheet (period, filters)
    :param tables: [{"title", "notes": [str], "headers": [str], "rows": [[value]],
                     "numeric": [bool per column]}], one sheet each; a value that
                   is a ``datetime.date`` or ``datetime.datetime`` is written as
                   a real date (time) cell
    :returns: the file's bytes
    """
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    bold = workbook.add_format({"bold": True})
    title_format = workbook.add_format({"bold": True, "font_size": 14})
    number = workbook.add_format({"num_format": "#,##0.00##"})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    used_names = set()
    for table in tables or [{"title": fallback_title, "notes": [], "headers": [], "rows": [],
                             "numeric": []}]:
        sheet = workbook.add_worksheet(sheet_name(table["title"], used_names, fallback_title))
        sheet.write_string(0, 0, table["title"] or fallback_title, title_format)
        row = 1
        for label, value in params:
            sheet.write_string(row, 0, label, bold)
            sheet.write_string(row, 1, "" if value in (None, False) else str(value))
            row += 1
        for note in table["notes"]:
            sheet.write_string(row, 0, note)
            row += 1
        row += 1
        widths = column_widths(table["headers"], table["rows"])
        for col, header in enumerate(table["headers"]):
            sheet.write_string(row, col, header, bold)
            sheet.set_column(col, col, widths[col])
        sheet.freeze_panes(row + 1, 0)
        for values in table["rows"]:
            row += 1
            for col, value in enumerate(values):
                if table["numeric"][col]:
                    sheet.write_number(row, col, value or 0, number)
                elif isinstance(value, datetime.datetime):
                    sheet.write_datetime(row, col, value, moment)
                elif isinstance(value, datetime.date):
                    sheet.write_datetime(row, col, value, day)
                elif value not in ("", None, False):
                    sheet.write_string(row, col, str(value))
    workbook.close()
    return output.getvalue()

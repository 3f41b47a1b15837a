"""The FDA Food Traceability Rule (21 CFR Part 1 Subpart S, "FSMA 204")
sortable spreadsheet: one row per critical tracking event (CTE) with its key
data elements (KDEs), as the FDA asks for within 24 hours.

Plain Python: :func:`events` turns traced movements (the rows of
``queries.lot_trace.moves``, enriched with names) into CTE rows;
:func:`workbook` writes them with one header row and a filter, so the FDA
can sort them. Columns follow the KDEs of ss 1.1345 (receiving), 1.1340
(shipping) and 1.1350 (transformation):

>>> COLUMNS[:3]
['Critical Tracking Event', 'Event Date (UTC)', 'Traceability Lot Code']
"""
import datetime
import io

import xlsxwriter

COLUMNS = [
    "Critical Tracking Event",
    "Event Date (UTC)",
    "Traceability Lot Code",
    "Traceability Lot Code Source",
    "Product Description",
    "Quantity",
    "Unit of Measure",
    "Location of Event",
    "Immediate Previous Source",
    "Immediate Subsequent Recipient",
    "Input Traceability Lot Codes",
    "Reference Document Type",
    "Reference Document Number",
]

#: Movement kinds of the trace queries -> critical tracking event.
EVENT_OF_KIND = {
    "receipt": "Receiving",
    "customer_return": "Receiving",
    "delivery": "Shipping",
    "supplier_return": "Shipping",
    "production": "Transformation",
}

#: What our data cannot fill, said in the README and on the sheet.
NOT_FILLED = (
    "Location descriptions are the company's and partners' addresses as recorded in Odoo; "
    "FDA Food Facility Registration numbers and GLNs are given only where recorded as the "
    "partner's reference. Harvesting, cooling and initial packing events of raw agricultural "
    "commodities are not recorded by this system.")


def as_datetime(value):
    """Odoo hands dates over as 'YYYY-MM-DD HH:MM:SS' strings; the sheet wants dates.

    >>> as_datetime("2024-03-02 10:00:00")
    datetime.datetime(2024, 3, 2, 10, 0)
    """
    if isinstance(value, str) and value:
        return datetime.datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")
    return value


def events(moves, inputs_of_production):
    """CTE rows (dicts keyed by COLUMNS) from movement rows.

    :param moves: dicts with kind, date, lot, lot_source, product, quantity,
        uom, location, partner, document_type, document, production_id
    :param inputs_of_production: {production id: [input lot code, ...]}

    >>> rows = events([{"kind": "production", "date": "2024-03-02 10:00:00", "lot": "B1",
    ...     "lot_source": "Bakery, Main St", "product": "Bread", "quantity": 5.0, "uom": "Units",
    ...     "location": "Bakery, Main St", "partner": "", "document_type": "Manufacturing Order",
    ...     "document": "MO/001", "production_id": 7}], {7: ["D1", "F1"]})
    >>> rows[0]["Critical Tracking Event"], rows[0]["Input Traceability Lot Codes"]
    ('Transformation', 'D1, F1')
    >>> events([{"kind": "internal"}], {})
    []
    """
    rows = []
    for move in moves:
        event = EVENT_OF_KIND.get(move["kind"])
        if not event:
            continue
        receiving = event == "Receiving"
        rows.append({
            "Critical Tracking Event": event,
            "Event Date (UTC)": as_datetime(move["date"]),
            "Traceability Lot Code": move["lot"],
            "Traceability Lot Code Source": move["lot_source"],
            "Product Description": move["product"],
            "Quantity": move["quantity"],
            "Unit of Measure": move["uom"],
            "Location of Event": move["location"],
            "Immediate Previous Source": move["partner"] if receiving else "",
            "Immediate Subsequent Recipient": move["partner"] if event == "Shipping" else "",
            "Input Traceability Lot Codes": ", ".join(
                sorted(inputs_of_production.get(move.get("production_id"), []))),
            "Reference Document Type": move["document_type"],
            "Reference Document Number": move["document"],
        })
    rows.sort(key=lambda row: (str(row["Event Date (UTC)"]), row["Traceability Lot Code"]))
    return rows


def workbook(rows, title, notes=()):
    """The sortable spreadsheet: a header row, one row per event, dates as
    dates, a filter on every column. Title and notes go on a second sheet so
    that the first one sorts as it is."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    header = book.add_format({"bold": True, "bg_color": "#DDDDDD"})
    date_format = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet = book.add_worksheet("Traceability")
    widths = [16, 17, 20, 34, 34, 10, 10, 34, 30, 30, 28, 22, 20]
    for col, name in enumerate(COLUMNS):
        sheet.write_string(0, col, name, header)
        sheet.set_column(col, col, widths[col])
    for index, row in enumerate(rows, start=1):
        for col, name in enumerate(COLUMNS):
            value = row[name]
            if name == "Event Date (UTC)" and hasattr(value, "year"):
                sheet.write_datetime(index, col, value, date_format)
            elif name == "Quantity":
                sheet.write_number(index, col, value or 0.0)
            else:
                sheet.write_string(index, col, "" if value in (None, False) else str(value))
    sheet.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)
    sheet.freeze_panes(1, 0)
    about = book.add_worksheet("About")
    about.write_string(0, 0, title, header)
    for index, note in enumerate(list(notes) + [NOT_FILLED], start=2):
        about.write_string(index, 0, note)
    about.set_column(0, 0, 120)
    book.close()
    return output.getvalue()

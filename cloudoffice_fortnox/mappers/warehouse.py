"""Warehouse changes -> Fortnox Lager deliveries, or vouchers without Lager.

Fortnox Lager has a ``batch`` field on inbound rows only and no serial field
at all. So a line becomes several rows: one per batch (with ``batch`` on
inbound rows, and the batch phrase in ``itemDescription``, 200 characters),
and for serials one row per group of whole serial numbers that fits in
``itemDescription``, its quantity the count of that group. The document's
``note`` (1,000 characters) repeats the numbers, line by line, as many whole
lines as fit: the rows always carry all of them, never cut.

Without Lager, a voucher books the value between the stock account and its
counter account, with the numbers in the rows' ``TransactionInformation``
(100 characters, whole numbers) and in full in ``Comments``.
"""
from .common import clip, lot_texts, number, pack_texts

NOTE_MAX = 1000
ITEM_DESCRIPTION_MAX = 200
TRANSACTION_MAX = 100


def _line_rows(line, inbound, stock_point):
    """The rows of one line: per batch, per group of serials, or one row."""
    base = {"itemId": line["article_number"], "stockPointCode": line.get("stock_point") or stock_point}
    rows = []
    for lot, quantity, phrase in line.get("lots") or []:
        row = dict(base, quantity=number(quantity), itemDescription=clip(phrase, ITEM_DESCRIPTION_MAX))
        if inbound:
            row["batch"] = clip(lot, 50)
        rows.append(row)
    prefix = line.get("serial_prefix") or ""
    serials = line.get("serials") or []
    for text in pack_texts(serials, ITEM_DESCRIPTION_MAX, prefix=prefix):
        rows.append(dict(base, quantity=len(text[len(prefix):].split(", ")), itemDescription=text))
    counted = sum(row["quantity"] for row in rows)
    rest = number(number(line["quantity"]) - counted)
    if rest > 0 or not rows:  # goods without batch or serial (or more than were numbered)
        rows.append(dict(base, quantity=number(rest if rows else line["quantity"])))
    return rows


def _note(lines):
    """Whole lines ``article: numbers`` up to the note's limit."""
    notes, size = [], 0
    for line in lines:
        phrases = [lot[2] for lot in line.get("lots") or []]
        for text in lot_texts({"batches": phrases, "serials": line.get("serials"),
                               "serial_prefix": line.get("serial_prefix")}, ITEM_DESCRIPTION_MAX):
            entry = "%s: %s" % (line["article_number"], text)
            if size + len(entry) + 1 > NOTE_MAX:
                return "\n".join(notes)
            notes.append(entry)
            size += len(entry) + 1
    return "\n".join(notes)


def map_warehouse_delivery(doc, inbound):
    """An inbound or outbound Lager delivery body.

    ``doc``: ``reference`` (ours, unique: the ``externalReference``),
    ``date``, ``stock_point``, ``lines``: ``article_number``, ``quantity``,
    ``stock_point`` (overrides the document's), ``lots``: [(batch name,
    quantity, phrase)], ``serials`` (names), ``serial_prefix``.

    >>> body = map_warehouse_delivery({"reference": "WH/IN/1", "date": "2026-01-02",
    ...     "stock_point": "WH", "lines": [{"article_number": "A1", "quantity": 5,
    ...     "lots": [("L-1", 4, "Batch L-1 x 4")]}]}, inbound=True)
    >>> [(r.get("batch"), r["quantity"], r.get("itemDescription")) for r in body["rows"]]
    [('L-1', 4, 'Batch L-1 x 4'), (None, 1, None)]
    >>> body["note"]
    'A1: Batch L-1 x 4'
    """
    rows = []
    for line in doc["lines"]:
        rows.extend(_line_rows(line, inbound, doc.get("stock_point")))
    return {"externalReference": doc["reference"], "deliveryDate": doc["date"],
            "note": _note(doc["lines"]), "rows": rows}


def map_stock_voucher(doc):
    """A ``Voucher`` for a warehouse change without Lager.

    ``doc``: ``reference``, ``description``, ``date``, ``series``, ``lines``:
    ``article_number``, ``value`` (positive: into stock), ``stock_account``,
    ``counter_account``, ``batches``, ``serials``, ``serial_prefix``.

    >>> v = map_stock_voucher({"reference": "WH/IN/1", "description": "Receipt WH/IN/1",
    ...     "date": "2026-01-02", "series": "A", "lines": [{"article_number": "A1", "value": 40,
    ...     "stock_account": 1460, "counter_account": 4010, "batches": ["Batch L-1 x 4"]}]})
    >>> [(r["Account"], r["Debit"], r["Credit"], r["TransactionInformation"]) for r in v["VoucherRows"]]
    [(1460, 40, 0, 'A1 Batch L-1 x 4'), (4010, 0, 40, 'A1 Batch L-1 x 4')]
    """
    rows, comments = [], []
    for line in doc["lines"]:
        value = number(line["value"])
        texts = lot_texts(line, TRANSACTION_MAX - len(line["article_number"]) - 1)
        info = clip(("%s %s" % (line["article_number"], texts[0])) if texts else line["article_number"],
                    TRANSACTION_MAX)
        if len(texts) > 0:
            comments.append("%s: %s" % (line["article_number"], " ".join(lot_texts(line, 10 ** 6))))
        debit, credit = (value, 0) if value >= 0 else (0, -value)
        rows.append({"Account": int(line["stock_account"]), "Debit": debit, "Credit": credit,
                     "TransactionInformation": info})
        rows.append({"Account": int(line["counter_account"]), "Debit": credit, "Credit": debit,
                     "TransactionInformation": info})
    voucher = {"VoucherSeries": doc.get("series") or "A", "TransactionDate": doc["date"],
               "Description": clip(doc["description"], 200), "VoucherRows": rows}
    if comments:
        voucher["Comments"] = "\n".join(comments)  # never cut: no limit documented
    return voucher

"""Warehouse changes -> Fortnox Lager deliveries, or vouchers without Lager.

Fortnox Lager has a ``batch`` field on inbound rows only and no serial field
at all: inbound rows carry their batch, and every document carries its
batch/serial numbers in ``note`` (1,000 characters) and in the rows'
``itemDescription`` (200). Without Lager, a voucher books the value between
the stock account and its counter account, with the numbers in the rows'
``TransactionInformation`` (100) and in full in ``Comments``.
"""
from .common import clip, lot_texts, number

NOTE_MAX = 1000
ITEM_DESCRIPTION_MAX = 200
TRANSACTION_MAX = 100


def map_warehouse_delivery(doc, inbound):
    """An inbound or outbound Lager delivery body.

    ``doc``: ``reference``, ``date``, ``stock_point``, ``lines``:
    ``article_number``, ``quantity``, ``lots``: [(lot name, quantity)],
    ``batches``, ``serials``, ``serial_prefix``.
    """
    rows, notes = [], []
    for line in doc["lines"]:
        texts = lot_texts(line, ITEM_DESCRIPTION_MAX)
        notes.extend("%s: %s" % (line["article_number"], text) for text in texts)
        base = {"itemId": line["article_number"], "stockPointCode": doc.get("stock_point")}
        if inbound and line.get("lots") and not line.get("serials"):
            for lot, quantity in line["lots"]:  # one row per batch: batch is a row field
                rows.append(dict(base, quantity=number(quantity), batch=clip(lot, 50)))
        else:
            row = dict(base, quantity=number(line["quantity"]))
            if texts:
                row["itemDescription"] = texts[0]
            rows.append(row)
    return {"externalReference": doc["reference"], "deliveryDate": doc["date"],
            "note": clip("\n".join(notes), NOTE_MAX), "rows": rows}


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

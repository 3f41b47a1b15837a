"""Supplier invoices -> Fortnox supplier invoices.

Fortnox supplier invoices have accounting rows only, no text rows. Batch and
serial numbers go (1) into each product row's ``TransactionInformation`` (up
to 100 characters, whole numbers only; the rest is left out there) and (2)
in full, line by line, into the invoice's ``Comments``.
"""
from .common import clip, lot_texts, number

TRANSACTION_MAX = 100


def map_supplier_invoice(doc):
    """The ``SupplierInvoice`` body.

    ``doc``: ``supplier_number``, ``invoice_number`` (the supplier's),
    ``date``, ``due_date``, ``currency``, ``total``, ``vat``, ``vat_account``,
    ``payable_account``, ``lines``: ``article_number``, ``description``,
    ``quantity``, ``price``, ``amount``, ``account``, ``batches``, ``serials``,
    ``serial_prefix``.

    >>> body = map_supplier_invoice({"supplier_number": "L1", "invoice_number": "F-9",
    ...     "date": "2026-01-02", "total": 125, "vat": 25, "vat_account": 2641,
    ...     "payable_account": 2440, "lines": [{"article_number": "A1", "description": "Vara",
    ...     "quantity": 2, "price": 50, "amount": 100, "account": 4010, "serials": ["S1", "S2"],
    ...     "serial_prefix": "Serials: "}]})
    >>> [(r["Account"], r.get("Debit"), r.get("Credit"), r.get("TransactionInformation"))
    ...  for r in body["SupplierInvoiceRows"]]
    [(4010, 100, None, 'Serials: S1, S2'), (2641, 25, None, None), (2440, None, 125, None)]
    """
    rows, comments = [], []
    for line in doc["lines"]:
        row = {"Account": int(line["account"]), "Debit": number(line["amount"]),
               "Price": number(line.get("price")),
               "ItemDescription": clip(line.get("description"), 50)}
        if line.get("article_number"):
            row["ArticleNumber"] = line["article_number"]
        quantity = number(line.get("quantity"))
        if isinstance(quantity, int):  # Quantity is an int32 in Fortnox
            row["Quantity"] = quantity
        short = lot_texts(line, TRANSACTION_MAX)
        if short:
            row["TransactionInformation"] = short[0]
        full = lot_texts(line, 10 ** 6)
        if full:
            label = line.get("article_number") or line.get("description")
            comments.append("%s: %s" % (label, " ".join(full)))
        rows.append(row)
    if doc.get("vat"):
        rows.append({"Account": int(doc["vat_account"]), "Code": "VAT", "Debit": number(doc["vat"])})
    rows.append({"Account": int(doc["payable_account"]), "Code": "TOT", "Credit": number(doc["total"])})
    body = {
        "SupplierNumber": doc["supplier_number"],
        "InvoiceNumber": clip(doc.get("invoice_number"), 30),
        "InvoiceDate": doc["date"],
        "DueDate": doc.get("due_date") or doc["date"],
        "Currency": doc.get("currency") or "SEK",
        "Total": number(doc["total"]),
        "VAT": number(doc.get("vat")),
        "VATType": "NORMAL",
        "SalesType": "STOCK",
        "SupplierInvoiceRows": rows,
    }
    if comments:
        body["Comments"] = "\n".join(comments)  # never cut: no limit documented
    return body

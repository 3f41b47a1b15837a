"""Customer invoices and refunds -> Fortnox invoices and credit invoices."""
from .common import DESCRIPTION_MAX, clip, lot_texts, number

BLANK_ACCOUNT = "API_BLANK"  # text rows: advised by Fortnox support, see README


def map_customer_invoice(doc):
    """The ``Invoice`` body for a customer invoice or refund.

    ``doc``: ``reference`` (ours, unique), ``customer_number``, ``date``,
    ``due_date``, ``currency``, ``your_reference``, ``order_number``,
    ``refund`` (bool), ``credit_reference`` (Fortnox number of the invoice a
    refund credits, or None), ``lines``: dicts with ``article_number``,
    ``description``, ``quantity``, ``price``, ``unit``, ``vat``, ``account``,
    ``discount``, ``batches`` (phrases), ``serials`` (names) and
    ``serial_prefix``. After each product row come text rows with its
    batches/serials, packed into as few 255-character rows as fit.

    >>> body = map_customer_invoice({"reference": "INV/1", "customer_number": "K1",
    ...     "date": "2026-01-02", "due_date": "2026-02-01", "currency": "SEK", "lines": [
    ...     {"article_number": "A1", "description": "Vara", "quantity": 12, "price": 5,
    ...      "vat": 25, "account": 3001, "batches": ["Batch L-2301 x 12, best before 2026-03-31"]}]})
    >>> [(r.get("ArticleNumber"), r["Description"], r.get("DeliveredQuantity")) for r in body["InvoiceRows"]]
    [('A1', 'Vara', '12'), (None, 'Batch L-2301 x 12, best before 2026-03-31', None)]
    """
    sign = -1 if doc.get("refund") else 1
    rows = []
    for line in doc["lines"]:
        row = {"Description": clip(line.get("description"), DESCRIPTION_MAX),
               "DeliveredQuantity": str(number(sign * line.get("quantity", 0))),
               "Price": number(line.get("price")),
               "VAT": number(line.get("vat"))}
        if line.get("article_number"):
            row["ArticleNumber"] = line["article_number"]
        if line.get("account"):
            row["AccountNumber"] = int(line["account"])
        if line.get("unit"):
            row["Unit"] = line["unit"]
        if line.get("discount"):
            row["Discount"] = number(line["discount"])
            row["DiscountType"] = "PERCENT"
        rows.append(row)
        for text in lot_texts(line):
            rows.append({"Description": text, "AccountNumber": BLANK_ACCOUNT})
    body = {
        "CustomerNumber": doc["customer_number"],
        "InvoiceDate": doc["date"],
        "DueDate": doc.get("due_date") or doc["date"],
        "Currency": doc.get("currency") or "SEK",
        "ExternalInvoiceReference1": clip(doc["reference"], 80),
        "InvoiceRows": rows,
    }
    if doc.get("your_reference"):
        body["YourReference"] = clip(doc["your_reference"], 50)
    if doc.get("order_number"):
        body["YourOrderNumber"] = clip(doc["order_number"], 30)
    if doc.get("refund") and doc.get("credit_reference"):
        body["CreditInvoiceReference"] = doc["credit_reference"]
    return body

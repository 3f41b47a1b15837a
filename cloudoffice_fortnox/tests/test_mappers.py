"""The mappers alone: plain dicts in, Fortnox payloads out (no Odoo, no HTTP)."""
import doctest
import importlib
import unittest

from odoo.addons.cloudoffice_fortnox.mappers import (
    MappingError,
    map_customer_invoice,
    map_stock_voucher,
    map_supplier_invoice,
    map_warehouse_delivery,
    pack_texts,
    payload_hash,
)

SERIALS = ["SN-2026-%05d" % n for n in range(1, 101)]


def invoice_doc(**line):
    values = {"article_number": "AP5", "description": "Aurora Phone 5", "quantity": 100, "price": 4990,
              "vat": 25, "account": 3001, "serial_prefix": "Serial numbers: "}
    values.update(line)
    return {"reference": "INV/2026/0001", "customer_number": "K1", "date": "2026-12-01",
            "due_date": "2026-12-31", "currency": "SEK", "lines": [values]}


class TestPacking(unittest.TestCase):
    def test_serials_packed_in_few_rows_never_cut(self):
        rows = pack_texts(SERIALS, 255, prefix="Serial numbers: ")
        self.assertTrue(all(len(row) <= 255 for row in rows))
        names = [n for row in rows for n in row[len("Serial numbers: "):].split(", ")]
        self.assertEqual(names, SERIALS)
        # 100 numbers of 13 characters + ", ": the least rows that can hold them
        per_row = (255 - len("Serial numbers: ") + 2) // 15
        self.assertEqual(len(rows), -(-100 // per_row))

    def test_a_number_longer_than_a_row_is_refused_by_name(self):
        with self.assertRaisesRegex(MappingError, "X{300}"):
            pack_texts(["X" * 300])


class TestCustomerInvoice(unittest.TestCase):
    def test_text_rows_follow_their_product_row(self):
        doc = invoice_doc(serials=SERIALS, batches=["Batch L-2301 x 12, best before 2026-03-31"])
        doc["lines"].append({"article_number": "FH-350", "description": "Honey", "quantity": 2,
                             "price": 59, "vat": 12, "account": 3002})
        rows = map_customer_invoice(doc)["InvoiceRows"]
        self.assertEqual(rows[0]["ArticleNumber"], "AP5")
        self.assertEqual(rows[1], {"Description": "Batch L-2301 x 12, best before 2026-03-31",
                                   "AccountNumber": "API_BLANK"})
        self.assertTrue(all("ArticleNumber" not in row and "DeliveredQuantity" not in row
                            for row in rows[1:-1]))
        self.assertEqual((rows[-1]["ArticleNumber"], rows[-1]["AccountNumber"], rows[-1]["VAT"]),
                         ("FH-350", 3002, 12))

    def test_long_description_is_clipped_to_255(self):
        body = map_customer_invoice(invoice_doc(description="Lång text " * 40))
        self.assertEqual(len(body["InvoiceRows"][0]["Description"]), 255)

    def test_refund_is_a_credit_invoice(self):
        doc = invoice_doc(quantity=2)
        doc.update(refund=True, credit_reference="17")
        body = map_customer_invoice(doc)
        self.assertEqual(body["InvoiceRows"][0]["DeliveredQuantity"], "-2")
        self.assertEqual(body["CreditInvoiceReference"], "17")

    def test_limits_of_reference_fields(self):
        doc = invoice_doc()
        doc.update(reference="R" * 90, your_reference="Y" * 60, order_number="O" * 40)
        body = map_customer_invoice(doc)
        self.assertEqual([len(body[k]) for k in ("ExternalInvoiceReference1", "YourReference",
                                                 "YourOrderNumber")], [80, 50, 30])

    def test_hash_changes_with_content_only(self):
        first, second = map_customer_invoice(invoice_doc()), map_customer_invoice(invoice_doc())
        self.assertEqual(payload_hash(first), payload_hash(second))
        self.assertNotEqual(payload_hash(first), payload_hash(map_customer_invoice(invoice_doc(price=1))))


class TestSupplierInvoice(unittest.TestCase):
    def test_numbers_in_transaction_information_and_comments(self):
        body = map_supplier_invoice({
            "supplier_number": "L1", "invoice_number": "F-1", "date": "2026-12-01", "total": 1250,
            "vat": 250, "vat_account": 2641, "payable_account": 2440,
            "lines": [{"article_number": "AP5", "description": "Phone", "quantity": 2.5, "price": 400,
                       "amount": 1000, "account": 4010, "serials": SERIALS,
                       "serial_prefix": "Serial numbers: "}]})
        row = body["SupplierInvoiceRows"][0]
        self.assertLessEqual(len(row["TransactionInformation"]), 100)
        self.assertNotIn("Quantity", row)  # 2.5 is not an integer
        for serial in SERIALS:
            self.assertIn(serial, body["Comments"])
        debit = sum(r.get("Debit", 0) for r in body["SupplierInvoiceRows"])
        credit = sum(r.get("Credit", 0) for r in body["SupplierInvoiceRows"])
        self.assertEqual(debit, credit)


class TestWarehouse(unittest.TestCase):
    def test_inbound_rows_carry_batches_outbound_rows_do_not(self):
        doc = {"reference": "WH/IN/7", "date": "2026-12-01", "stock_point": "HL", "lines": [
            {"article_number": "FH-350", "quantity": 30,
             "lots": [("L-1", 10, "Batch L-1 x 10"), ("L-2", 20, "Batch L-2 x 20")]}]}
        inbound = map_warehouse_delivery(doc, inbound=True)
        self.assertEqual([(r["batch"], r["quantity"]) for r in inbound["rows"]], [("L-1", 10), ("L-2", 20)])
        outbound = map_warehouse_delivery(doc, inbound=False)
        self.assertEqual([(r.get("batch"), r["quantity"], r["itemDescription"]) for r in outbound["rows"]],
                         [(None, 10, "Batch L-1 x 10"), (None, 20, "Batch L-2 x 20")])
        self.assertEqual(outbound["note"], "FH-350: Batch L-1 x 10; Batch L-2 x 20")

    def test_serials_split_into_rows_of_whole_numbers(self):
        doc = {"reference": "WH/OUT/9", "date": "2026-12-01", "stock_point": "HL", "lines": [
            {"article_number": "AP5", "quantity": 100, "serials": SERIALS, "serial_prefix": "S/N: "}]}
        body = map_warehouse_delivery(doc, inbound=False)
        self.assertTrue(all(len(r["itemDescription"]) <= 200 for r in body["rows"]))
        listed = [n for r in body["rows"] for n in r["itemDescription"][len("S/N: "):].split(", ")]
        self.assertEqual(listed, SERIALS)
        self.assertEqual([r["quantity"] for r in body["rows"]],
                         [len(r["itemDescription"][len("S/N: "):].split(", ")) for r in body["rows"]])
        self.assertEqual(sum(r["quantity"] for r in body["rows"]), 100)
        self.assertLessEqual(len(body["note"]), 1000)
        for line in body["note"].split("\n"):  # whole lines only
            self.assertTrue(line.endswith(tuple(SERIALS)), line)

    def test_voucher_balances_and_keeps_numbers(self):
        voucher = map_stock_voucher({"reference": "WH/OUT/3", "description": "Delivery WH/OUT/3",
                                     "date": "2026-12-01", "lines": [
                                         {"article_number": "AP5", "value": -1200, "stock_account": 1460,
                                          "counter_account": 4990, "serials": SERIALS[:3],
                                          "serial_prefix": "S/N "}]})
        rows = voucher["VoucherRows"]
        self.assertEqual(sum(r["Debit"] - r["Credit"] for r in rows), 0)
        self.assertEqual(rows[0]["Credit"], 1200)
        self.assertIn("SN-2026-00003", rows[0]["TransactionInformation"])


class TestMapperDoctests(unittest.TestCase):
    def test_doctests(self):
        for name in ("common", "invoice", "supplier_invoice", "warehouse"):
            module = importlib.import_module("odoo.addons.cloudoffice_fortnox.mappers." + name)
            result = doctest.testmod(module)
            self.assertEqual(result.failed, 0, name)

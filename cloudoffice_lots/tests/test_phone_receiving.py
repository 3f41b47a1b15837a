"""Receiving with a phone, on the server: finding the receipt, what a
supplier's label fills in, confirming what the worker completed (the same
steps as a receipt scan), refusals that change nothing, finishing. As the
warehouse worker."""
import datetime

from odoo.exceptions import UserError

from .scan_common import ScanCase


class TestPhoneReceiving(ScanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker = cls.env.ref("cloudoffice_lots.user_demo_warehouse")
        cls.receipt_paint = cls.receipt([(cls.paint, 10)]).sudo(cls.worker)
        cls.receipt_paint.origin = "PO-TEST-77"
        cls.Picking = cls.env["stock.picking"].sudo(cls.worker)

    def test_receipt_found_by_name_or_order_and_listed(self):
        self.assertEqual(self.Picking.cloudoffice_find_receipt(self.receipt_paint.name),
                         self.receipt_paint)
        self.assertEqual(self.Picking.cloudoffice_find_receipt(" po-test-77 "), self.receipt_paint)
        self.assertIn(self.receipt_paint, self.Picking.cloudoffice_phone_receipts())
        with self.assertRaisesRegex(UserError, "No receipt PO-NONE exists"):
            self.Picking.cloudoffice_find_receipt("PO-NONE")
        with self.assertRaisesRegex(UserError, "Nothing was scanned"):
            self.Picking.cloudoffice_find_receipt("  ")
        delivery = self.delivery([(self.paint, 1)])
        with self.assertRaisesRegex(UserError, "No receipt"):
            self.Picking.cloudoffice_find_receipt(delivery.name)

    def test_label_fills_what_it_carries_and_books_nothing(self):
        values = self.receipt_paint.cloudoffice_receipt_scan_values(
            "(01)09506000134352(11)260301(10)SUP-1")
        self.assertEqual((values["product"], values["lot"], values["expiry"], values["quantity"]),
                         (self.paint, "SUP-1", None, None))
        values = self.receipt_paint.cloudoffice_receipt_scan_values(
            "(01)09506000134352(17)280331(37)6(10)SUP-1")
        self.assertEqual((values["expiry"], values["quantity"]), (datetime.date(2028, 3, 31), 6))
        self.assertFalse(any(self.receipt_paint.move_line_ids.mapped("qty_done")))
        self.assertFalse(self.Lot.search([("name", "=", "SUP-1")]))
        with self.assertRaisesRegex(UserError, "Test Phone is not expected on"):
            self.receipt_paint.cloudoffice_receipt_scan_values("(01)05012345678900(21)X")

    def test_confirm_books_like_a_scan_with_the_labels_other_dates(self):
        message = self.receipt_paint.cloudoffice_receipt_confirm(
            self.paint.id, " SUP-2 ", "2028-03-31", "4", "(01)09506000134352(11)260301(10)SUP-2")
        self.assertIn("SUP-2: 4 Unit(s) received", message)
        lot = self.Lot.search([("name", "=", "SUP-2")])
        self.assertEqual(lot.production_date, "2026-03-01")
        self.assertEqual(lot._cloudoffice_local_date(lot.life_date), datetime.date(2028, 3, 31))
        self.receipt_paint.cloudoffice_receipt_confirm(self.paint.id, "SUP-2", "", "2,5")
        line = self.receipt_paint.move_line_ids.filtered(lambda ml: ml.lot_id == lot)
        self.assertEqual(line.qty_done, 6.5)
        self.assertEqual(self.receipt_paint.cloudoffice_receipt_lot_of(self.paint.id, "SUP-2"), lot)

    def test_refusals_name_what_is_missing_and_change_nothing(self):
        receipt = self.receipt_paint
        cases = [
            ((self.paint.id, "", "", "3"), "Enter the batch of .*Test Paint"),
            ((self.paint.id, "SUP-3", "", "0"), "Enter the quantity of .*Test Paint"),
            ((self.paint.id, "SUP-3", "", "-2"), "a number above zero"),
            ((self.paint.id, "SUP-3", "31/03/2028", "2"), "expiry date 31/03/2028 of .*Test Paint"),
            ((self.phone.id, "SN-9", "", "1"), "Test Phone is not expected on"),
            ((0, "SUP-3", "", "1"), "Choose the product received"),
        ]
        for args, message in cases:
            with self.assertRaisesRegex(UserError, message):
                receipt.cloudoffice_receipt_confirm(*args)
        self.assertFalse(any(receipt.move_line_ids.mapped("qty_done")))
        self.assertFalse(self.Lot.search([("name", "=", "SUP-3")]))
        serials = self.receipt([(self.phone, 2)]).sudo(self.worker)
        with self.assertRaisesRegex(UserError, "a serial number is one unit"):
            serials.cloudoffice_receipt_confirm(self.phone.id, "SN-7", "", "2")

    def test_finish_all_or_with_the_rest_expected_later(self):
        receipt = self.receipt_paint
        with self.assertRaisesRegex(UserError, "Nothing is received on"):
            receipt.cloudoffice_phone_validate()
        receipt.cloudoffice_receipt_confirm(self.paint.id, "SUP-4", "", "4")
        with self.assertRaisesRegex(UserError, "Less was received"):
            receipt.cloudoffice_phone_validate()
        self.assertEqual(receipt.state, "assigned")
        message = receipt.cloudoffice_phone_validate(backorder=True)
        self.assertEqual(receipt.state, "done")
        backorder = self.Picking.search([("backorder_id", "=", receipt.id)])
        self.assertEqual(backorder.move_lines.product_uom_qty, 6.0)
        self.assertIn("the rest is expected on %s" % backorder.name, message)
        backorder.cloudoffice_receipt_confirm(self.paint.id, "SUP-5", "", "6")
        self.assertEqual(backorder.cloudoffice_phone_validate(), "%s is received." % backorder.name)
        with self.assertRaisesRegex(UserError, "done or cancelled"):
            backorder.cloudoffice_receipt_confirm(self.paint.id, "SUP-5", "", "1")

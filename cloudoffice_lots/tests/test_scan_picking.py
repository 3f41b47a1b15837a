"""Scanning in operations: receipts filled from GS1 scans, deliveries checked
against their reserved batches/serials."""
import datetime

from odoo.exceptions import UserError, ValidationError

from .scan_common import ScanCase


class TestReceiptScan(ScanCase):

    def test_gs1_scan_fills_the_line_and_creates_the_batch_with_its_dates(self):
        receipt = self.receipt([(self.paint, 10)])
        message = receipt.cloudoffice_apply_scan(
            "]d20109506000134352" "11260301" "15270228" "17270331" "3710" "\x1d" "10NEW-1")
        lot = self.Lot.search([("product_id", "=", self.paint.id), ("name", "=", "NEW-1")])
        self.assertEqual(len(lot), 1)
        self.assertEqual(lot.production_date, "2026-03-01")
        self.assertEqual((lot.best_before_day, lot.expiry_day), ("2027-02-28", "2027-03-31"))
        line = receipt.move_line_ids
        self.assertEqual(len(line), 1)
        self.assertEqual((line.lot_id, line.lot_name, line.qty_done), (lot, "NEW-1", 10.0))
        self.assertIn("NEW-1: 10 Unit(s) received", message)
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(lot.product_qty, 10.0)

    def test_two_batches_on_one_receipt_and_repeated_scans_add_up(self):
        receipt = self.receipt([(self.paint, 10)])
        receipt.cloudoffice_apply_scan("(01)09506000134352(37)4(10)B-1")
        receipt.cloudoffice_apply_scan("(01)09506000134352(10)B-2")
        receipt.cloudoffice_apply_scan("(01)09506000134352(37)5(10)B-1")
        done = {line.lot_id.name: line.qty_done for line in receipt.move_line_ids}
        self.assertEqual(done, {"B-1": 9.0, "B-2": 1.0})
        self.assertEqual(len(receipt.move_lines), 1)

    def test_existing_batch_is_reused_and_gets_missing_dates(self):
        receipt = self.receipt([(self.paint, 3)])
        receipt.cloudoffice_apply_scan("(01)09506000134352(17)270630(10)PA-2")
        self.assertEqual(receipt.move_line_ids.lot_id, self.lot_b)
        self.assertEqual(self.lot_b._cloudoffice_local_date(self.lot_b.life_date), datetime.date(2027, 6, 30))

    def test_serials_one_unit_per_line_and_never_twice(self):
        receipt = self.receipt([(self.phone, 2)])
        receipt.cloudoffice_apply_scan("(01)05012345678900(21)NEW-SN-1")
        receipt.cloudoffice_apply_scan("(01)05012345678900(21)NEW-SN-2")
        lines = receipt.move_line_ids.filtered("qty_done")
        self.assertEqual(sorted(lines.mapped("lot_id.name")), ["NEW-SN-1", "NEW-SN-2"])
        self.assertEqual(lines.mapped("qty_done"), [1.0, 1.0])
        with self.assertRaises(UserError) as caught:
            receipt.cloudoffice_apply_scan("(01)05012345678900(21)NEW-SN-1")
        self.assertIn("serial number NEW-SN-1 of [PH-1] Test Phone is already received",
                      caught.exception.name)
        with self.assertRaises(UserError) as caught:
            receipt.cloudoffice_apply_scan("(01)05012345678900(37)3(21)NEW-SN-3")
        self.assertIn("tracked by serial number, but the scan says 3 units",
                      caught.exception.name)

    def test_refused_receipt_scans_change_nothing(self):
        receipt = self.receipt([(self.paint, 10)])
        before = receipt.move_line_ids.read(["lot_id", "lot_name", "qty_done"])
        cases = [
            ("(01)05012345678900(21)X", "[PH-1] Test Phone is not expected on %s" % receipt.name),
            ("(01)09506000134352(21)X", "tracked by batch but the scan has none (AI 10)"),
            ("PA-1", "not a GS1 barcode with the product's GTIN"),
            ("(01)09506000134353(10)X", "check digit should be 2"),
            # expiry before production: the batch is refused, and so the whole scan
            ("(01)09506000134352(11)270101(17)260101(10)BAD", "cannot be before"),
        ]
        for scan, expected in cases:
            with self.assertRaises((UserError, ValidationError)) as caught:
                receipt.cloudoffice_apply_scan(scan)
            self.assertIn(expected, caught.exception.name)
        self.assertEqual(receipt.move_line_ids.read(["lot_id", "lot_name", "qty_done"]), before)
        self.assertFalse(self.Lot.search([("name", "=", "BAD")]))

    def test_scan_window_applies_with_its_button_not_on_change(self):
        """Typing in the scan field changes nothing on the receipt; Apply does,
        and the window comes back for the next scan (a scanner's Enter applies
        the scan without the button: tests/browser/test_label_scan_journey.py)."""
        receipt = self.receipt([(self.paint, 10)])
        Scan = self.env["cloudoffice.picking.scan"].with_context(default_picking_id=receipt.id)
        values = Scan.default_get(list(Scan._fields))
        values.update(scan="(01)09506000134352(37)6(10)WEB-1", log=False, message=False)
        Scan.onchange(values, "scan", Scan._onchange_spec())
        self.assertFalse(receipt.move_line_ids.filtered("qty_done"))
        self.assertFalse(self.Lot.search([("name", "=", "WEB-1")]))
        wizard = Scan.create(values)
        action = wizard.action_apply()
        self.assertEqual((action["res_model"], action["res_id"]), (wizard._name, wizard.id))
        self.assertFalse(wizard.scan)
        self.assertIn("WEB-1: 6 Unit(s) received", wizard.log)
        line = receipt.move_line_ids
        self.assertEqual((line.lot_id.name, line.qty_done), ("WEB-1", 6.0))

    def test_scan_wizard_logs_and_reports_errors(self):
        receipt = self.receipt([(self.paint, 10)])
        action = receipt.action_cloudoffice_scan()
        self.assertEqual(action["res_model"], "cloudoffice.picking.scan")
        wizard = self.env["cloudoffice.picking.scan"].create({"picking_id": receipt.id})
        wizard.scan = "(01)09506000134352(10)W-1"
        wizard.action_apply()
        self.assertFalse(wizard.scan)
        self.assertIn("W-1: 1 Unit(s) received", wizard.log)
        wizard.scan = "(01)09506000134352(99)"
        wizard.action_apply()
        self.assertIn("AI (99)", wizard.message)
        self.assertIn("W-1: 1 Unit(s) received", wizard.log)
        self.assertEqual(receipt.move_line_ids.qty_done, 1.0)


class TestDeliveryScan(ScanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.put_in_stock(cls.lot_a, 5)
        cls.put_in_stock(cls.serial_1, 1)
        cls.put_in_stock(cls.serial_2, 1)
        cls.delivery_order = cls.delivery([(cls.paint, 3), (cls.phone, 1)])
        cls.reserved_serial = cls.delivery_order.move_line_ids.filtered(
            lambda ml: ml.product_id == cls.phone).lot_id
        cls.other_serial = (cls.serial_1 | cls.serial_2) - cls.reserved_serial

    def test_reserved_batch_and_serial_are_picked(self):
        order = self.delivery_order
        self.assertIn("PA-1: 1 of 3 Unit(s) picked", order.cloudoffice_apply_scan("PA-1"))
        self.assertIn("PA-1: 3 of 3 Unit(s)", order.cloudoffice_apply_scan(
            "(01)09506000134352(37)2(10)PA-1"))
        serial_scan = "(01)05012345678900(21)%s" % self.reserved_serial.name
        self.assertIn("1 of 1 Unit(s)", order.cloudoffice_apply_scan(serial_scan))
        with self.assertRaises(UserError) as caught:
            order.cloudoffice_apply_scan("PA-1")
        self.assertIn("PA-1 of [TP-1] Test Paint is already picked in full", caught.exception.name)
        order.button_validate()
        self.assertEqual(order.state, "done")

    def test_scan_window_picks_on_the_delivery(self):
        order = self.delivery_order
        wizard = self.env["cloudoffice.picking.scan"].create({"picking_id": order.id,
                                                             "scan": "PA-1"})
        wizard.action_apply()
        self.assertIn("PA-1: 1 of 3", wizard.log)
        line = order.move_line_ids.filtered(lambda ml: ml.lot_id == self.lot_a)
        self.assertEqual(line.qty_done, 1.0)

    def test_serial_not_reserved_says_which_are(self):
        with self.assertRaises(UserError) as caught:
            self.delivery_order.cloudoffice_apply_scan(
                "(01)05012345678900(21)%s" % self.other_serial.name)
        message = caught.exception.name
        self.assertIn("%s of [PH-1] Test Phone is not reserved for %s" % (
            self.other_serial.name, self.delivery_order.name), message)
        self.assertIn("Reserved: %s" % self.reserved_serial.name, message)
        self.assertEqual(sum(self.delivery_order.move_line_ids.mapped("qty_done")), 0)

    def test_other_refusals(self):
        order = self.delivery_order
        cases = [
            ("PA-2", "PA-2 of [TP-1] Test Paint is not reserved for"),
            ("SCR-9", "Plain Screws (batch/serial SCR-9) is not on %s" % order.name),
            ("(01)05012345678900(21)PA-1", "PA-1 belongs to [TP-1] Test Paint, not to [PH-1] Test Phone"),
            ("NOPE", "no batch or serial number NOPE exists"),
        ]
        for scan, expected in cases:
            with self.assertRaises(UserError) as caught:
                order.cloudoffice_apply_scan(scan)
            self.assertIn(expected, caught.exception.name)

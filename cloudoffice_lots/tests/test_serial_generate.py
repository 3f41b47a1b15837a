import datetime
import doctest

from odoo.exceptions import UserError

from ..wizards import serial_generate
from .common import LotsCase


def test_serial_generate_doctests():
    outcome = doctest.testmod(serial_generate)
    assert outcome.attempted > 0
    assert outcome.failed == 0


def test_pasted_list_accepts_lines_commas_and_tabs():
    assert serial_generate.split_pasted("A1\nA2, A3;A4\tA5\r\n\n") == ["A1", "A2", "A3", "A4", "A5"]


class TestSerialGenerate(LotsCase):
    def wizard(self, picking, **values):
        return self.env["cloudoffice.serial.generate"].create(
            dict({"move_id": picking.move_lines.id}, **values))

    def _open_receipt(self, product, qty):
        picking = self.env["stock.picking"].create({
            "partner_id": self.supplier.id, "picking_type_id": self.receipt_type.id,
            "location_id": self.supplier_location.id, "location_dest_id": self.stock.id,
            "move_lines": [(0, 0, {
                "name": product.name, "product_id": product.id, "product_uom": product.uom_id.id,
                "product_uom_qty": qty, "location_id": self.supplier_location.id,
                "location_dest_id": self.stock.id})]})
        picking.action_confirm()
        picking.action_assign()
        return picking

    def test_range_keeps_prefix_and_padding_and_receipt_validates(self):
        picking = self._open_receipt(self.phone, 3)
        self.wizard(picking, mode="range", first_number="NPX-0099", count=3,
                    production_date="2026-09-01").action_apply()
        lines = picking.move_line_ids.sorted("lot_name")
        self.assertEqual(lines.mapped("lot_name"), ["NPX-0099", "NPX-0100", "NPX-0101"])
        self.assertEqual(lines.mapped("qty_done"), [1.0, 1.0, 1.0])
        picking.action_done()
        self.assertEqual(self.lot(self.phone, "NPX-0100").production_date, "2026-09-01")

    def test_pasted_list(self):
        picking = self._open_receipt(self.phone, 2)
        self.wizard(picking, mode="list", number_list="IMEI-A\nIMEI-B").action_apply()
        self.assertEqual(sorted(picking.move_line_ids.mapped("lot_name")), ["IMEI-A", "IMEI-B"])

    def test_numbers_that_already_exist_are_refused(self):
        self.env["stock.production.lot"].create({"name": "IMEI-B", "product_id": self.phone.id})
        picking = self._open_receipt(self.phone, 2)
        with self.assertRaises(UserError) as error:
            self.wizard(picking, mode="list", number_list="IMEI-A\nIMEI-B").action_apply()
        self.assertIn("IMEI-B", str(error.exception.name))
        self.assertIn("Nordic Phone X2", str(error.exception.name))
        self.assertFalse(picking.move_line_ids.filtered("lot_name"))

    def test_same_number_twice_in_the_list_is_refused(self):
        picking = self._open_receipt(self.phone, 2)
        with self.assertRaises(UserError) as error:
            self.wizard(picking, mode="list", number_list="X1, X1").action_apply()
        self.assertIn("X1", str(error.exception.name))

    def test_many_numbers_need_a_confirmation(self):
        picking = self._open_receipt(self.phone, 5000)
        with self.assertRaises(UserError) as error:
            self.wizard(picking, mode="range", first_number="S000001", count=5000).action_apply()
        self.assertIn("5000", str(error.exception.name))
        self.assertFalse(picking.move_line_ids.filtered("lot_name"))

    def test_more_serials_than_the_line_expects_are_refused(self):
        picking = self._open_receipt(self.phone, 2)
        with self.assertRaises(UserError) as error:
            self.wizard(picking, mode="range", first_number="S1", count=3).action_apply()
        self.assertIn("expects 2 units", str(error.exception.name))

    def test_product_numbering_with_year_prefix(self):
        sequence = self.env["ir.sequence"].create({
            "name": "Phones", "prefix": "NP%(year)s-", "padding": 4, "number_next": 1})
        self.phone.product_tmpl_id.lot_sequence_id = sequence
        picking = self._open_receipt(self.phone, 2)
        self.wizard(picking, mode="sequence", count=2).action_apply()
        year = str(datetime.date.today().year)
        self.assertEqual(sorted(picking.move_line_ids.mapped("lot_name")),
                         ["NP%s-0001" % year, "NP%s-0002" % year])

    def test_new_lot_takes_its_name_from_the_category_numbering(self):
        self.food.lot_sequence_id = self.env["ir.sequence"].create(
            {"name": "Food batches", "prefix": "F-", "padding": 3, "number_next": 7})
        defaults = self.env["stock.production.lot"].with_context(
            default_product_id=self.honey.id).default_get(["name"])
        self.assertEqual(defaults["name"], "F-007")

    def test_batch_numbering_button_fills_empty_lines(self):
        self.food.lot_sequence_id = self.env["ir.sequence"].create(
            {"name": "Food batches", "prefix": "F-", "padding": 3, "number_next": 1})
        picking = self._open_receipt(self.honey, 10)
        picking.move_lines.action_cloudoffice_number_batches()
        self.assertEqual(picking.move_line_ids.mapped("lot_name"), ["F-001"])

"""The picker guides the seller: it says why nothing is offered, refuses a
negative quantity, and a scan replaces the automatic proposal."""
from odoo.exceptions import ValidationError

from .sale_lot_common import SaleLotCase


class TestSaleLotPickerGuidance(SaleLotCase):
    def test_only_unsellable_batches_are_listed_greyed_with_the_reason(self):
        paint = self.env["product.product"].create({
            "name": "Linseed Paint 1 L", "type": "product", "tracking": "lot"})
        old = self.make_lot(paint, "LP-OLD", life_days=-3, qty=8)
        blocked = self.make_lot(paint, "LP-BLOCK", life_days=100, qty=5)
        blocked.quality_block = True
        order = self.make_order([(paint, 2)], user=self.sales_user)
        picker = self.open_picker(order.order_line, user=self.sales_user)
        self.assertEqual(picker.line_ids.mapped("lot_id"), old | blocked)
        self.assertFalse(picker.line_ids.filtered("quantity"), "nothing may be proposed")
        reasons = {row.lot_id.name: row.unsellable_reason for row in picker.line_ids}
        self.assertRegex(reasons["LP-OLD"], r"^expired on \d\d/\d\d/\d{4}$")
        self.assertEqual(reasons["LP-BLOCK"], "not released (Blocked)")
        self.assertIn("No batch of Linseed Paint 1 L in WH/Stock may be sold now", picker.notice)
        self.assertIn("Ask the quality team to release a batch", picker.notice)
        picker_q = self.open_picker(order.order_line, user=self.quality_manager)
        self.assertIn("You may sell them anyway", picker_q.notice)

    def test_no_stock_and_all_reserved_are_told_apart(self):
        glue = self.env["product.product"].create({
            "name": "Bone Glue", "type": "product", "tracking": "lot"})
        order = self.make_order([(glue, 1)])
        picker = self.open_picker(order.order_line)
        self.assertIn("There is no Bone Glue in stock in WH/Stock", picker.notice)

    def test_a_picker_with_sellable_batches_has_no_notice(self):
        order = self.make_order([(self.honey, 5)])
        picker = self.open_picker(order.order_line)
        self.assertFalse(picker.notice)
        self.assertNotIn(self.h_expired, picker.line_ids.mapped("lot_id"))

    def test_negative_quantity_is_refused_naming_the_batch(self):
        order = self.make_order([(self.honey, 5)])
        picker = self.open_picker(order.order_line)
        row = picker.line_ids.filtered(lambda rec: rec.lot_id == self.h_late)
        with self.assertRaisesRegex(ValidationError, r"Batch/serial H-LATE: the quantity to take "
                                                     r"cannot be negative \(-5.0\)"):
            row.quantity = -5
        result = picker.line_ids.new({"lot_id": self.h_late.id, "quantity": -2})._onchange_quantity()
        self.assertIn("cannot be negative", result["warning"]["message"])

    def test_first_scan_replaces_the_proposal_then_scans_add(self):
        order = self.make_order([(self.phone, 2)])
        picker = self.open_picker(order.order_line)
        self.assertEqual(picker.line_ids.filtered("quantity").mapped("lot_id.name"), ["AP5-0001", "AP5-0002"])
        self.assertTrue(picker.proposed)
        picker._cloudoffice_scan("AP5-0004")
        self.assertEqual(picker.line_ids.filtered("quantity").mapped("lot_id.name"), ["AP5-0004"])
        picker._cloudoffice_scan("AP5-0005")
        self.assertEqual(set(picker.line_ids.filtered("quantity").mapped("lot_id.name")),
                         {"AP5-0004", "AP5-0005"})
        picker.action_clear()
        self.assertEqual(picker.chosen_qty, 0.0)
        picker.action_propose()
        self.assertEqual(picker.chosen_qty, 2.0)
        self.assertTrue(picker.proposed)

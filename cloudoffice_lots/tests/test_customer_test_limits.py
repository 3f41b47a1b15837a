"""A customer may set tighter limits than ours for a test of a product: the
seller is not offered batches outside them, their certificate of analysis
is judged against them, and such a batch does not leave for them unless a
user allowed to do so approves it."""
import re

from odoo.exceptions import AccessError, UserError, ValidationError

from .sale_lot_common import SaleLotCase


class TestCustomerTestLimits(SaleLotCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.warehouse_user = env.ref("cloudoffice_lots.user_demo_warehouse")
        cls.seller = env.ref("cloudoffice_lots.user_demo_seller")
        cls.quality = env.ref("cloudoffice_lots.user_demo_quality")
        cls.customers = env.ref("stock.stock_location_customers")
        cls.other = env["res.partner"].create({"name": "Kiosk Syd AB", "customer": True})
        # all three meet our limit (at most 18 %); H-SOON not Deli Norr's (17 %)
        for lot, result in ((cls.h_soon, "17.1"), (cls.h_mid, "16.0"), (cls.h_late, "16.5")):
            env["cloudoffice.lot.test"].create({
                "lot_id": lot.id, "parameter": "Moisture", "method": "Refractometer",
                "has_max": True, "spec_max": 18.0, "unit": "%", "result": result})
        cls.limit = env["cloudoffice.customer.test.limit"].sudo(cls.quality).create({
            "partner_id": cls.customer.id, "product_tmpl_id": cls.honey.product_tmpl_id.id,
            "parameter": "moisture", "has_max": True, "spec_max": 17.0, "unit": "%"})

    @staticmethod
    def certificate_text(lot, customer=None):
        """The certificate's text as a reader sees it (the test runner renders
        the report's HTML, not the PDF)."""
        _name, html = lot._cloudoffice_coa_pdf(customer)
        return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())

    def proposal(self, customer):
        """What the seller's batch picker proposes for 30 jars to ``customer``:
        {batch name: quantity}, and the reason shown on each greyed row."""
        order = self.make_order([(self.honey, 30)], user=self.seller)
        order.write({"partner_id": customer.id, "partner_invoice_id": customer.id,
                     "partner_shipping_id": customer.id})
        picker = self.open_picker(order.order_line, user=self.seller)
        proposed = {row.lot_id.name: row.quantity for row in picker.line_ids if row.quantity}
        reasons = {row.lot_id.name: row.unsellable_reason for row in picker.line_ids
                   if row.unsellable_reason}
        return proposed, reasons

    def test_the_seller_is_not_offered_a_batch_outside_the_customer_s_limits(self):
        proposed, reasons = self.proposal(self.other)
        self.assertEqual(proposed, {"H-SOON": 25.0, "H-MID": 5.0})  # first expiry first
        proposed, reasons = self.proposal(self.customer)
        self.assertEqual(proposed, {"H-MID": 30.0})
        self.assertEqual(reasons["H-SOON"], "it does not meet the own limits of Deli Norr AB "
                                            "(Moisture 17.1 %: ≤ 17 %)")

    def test_the_customer_s_certificate_is_judged_against_their_limits(self):
        ours = self.certificate_text(self.h_soon)
        self.assertIn("≤ 18 %", ours)
        self.assertIn("meets its specifications", ours)
        theirs = self.certificate_text(self.h_soon, self.customer)
        self.assertIn("≤ 17 % * 17.1 % Fail", theirs)
        self.assertIn("* Limit agreed with Deli Norr AB", theirs)
        self.assertIn("does NOT meet the limits agreed with Deli Norr AB", theirs)
        good = self.certificate_text(self.h_mid, self.customer)
        self.assertIn("≤ 17 % * 16.0 % Pass", good)
        self.assertIn("meets its specifications", good)

    def test_a_batch_outside_their_limits_does_not_leave_for_them_without_approval(self):
        self.customer.cloudoffice_wants_coa = True
        picking = self.env["stock.picking"].sudo(self.warehouse_user).create({
            "picking_type_id": self.warehouse.out_type_id.id, "partner_id": self.customer.id,
            "location_id": self.stock.id, "location_dest_id": self.customers.id,
            "move_lines": [(0, 0, {
                "name": self.honey.name, "product_id": self.honey.id,
                "product_uom": self.honey.uom_id.id, "product_uom_qty": 2,
                "location_id": self.stock.id, "location_dest_id": self.customers.id})]})
        picking.action_confirm()
        picking.move_line_ids.unlink()
        self.env["stock.move.line"].sudo(self.warehouse_user).create({
            "move_id": picking.move_lines.id, "picking_id": picking.id,
            "product_id": self.honey.id, "product_uom_id": self.honey.uom_id.id,
            "location_id": self.stock.id, "location_dest_id": self.customers.id,
            "lot_id": self.h_soon.id, "qty_done": 2})
        with self.assertRaisesRegex(UserError, r"H-SOON: customer Deli Norr AB .* does not meet "
                                               r"the own limits of Deli Norr AB"), \
                self.env.cr.savepoint():
            picking.sudo(self.warehouse_user).button_validate()
        self.env["cloudoffice.lot.override"].sudo(self.quality).create({
            "lot_id": self.h_soon.id, "picking_id": picking.id,
            "reason": "Customer accepted 17.1 % by phone"})
        picking.sudo(self.warehouse_user).action_done()
        self.assertEqual(picking.state, "done")

    def test_only_inventory_managers_set_limits_and_they_make_sense(self):
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["cloudoffice.customer.test.limit"].sudo(self.seller).create({
                "partner_id": self.other.id, "product_tmpl_id": self.honey.product_tmpl_id.id,
                "parameter": "Moisture", "has_max": True, "spec_max": 10.0})
        self.assertEqual(self.customer.sudo(self.seller).cloudoffice_test_limit_ids, self.limit)
        with self.assertRaisesRegex(ValidationError, r"Deli Norr AB for HMF of \[FH-350\] Forest "
                                                     r"Honey 350 g needs a minimum, a maximum or "
                                                     r"both"), \
                self.env.cr.savepoint():
            self.env["cloudoffice.customer.test.limit"].sudo(self.quality).create({
                "partner_id": self.customer.id, "product_tmpl_id": self.honey.product_tmpl_id.id,
                "parameter": "HMF"})

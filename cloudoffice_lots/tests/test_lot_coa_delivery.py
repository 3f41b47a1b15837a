"""A customer who asks for certificates of analysis gets only batches whose
analysis is complete and passed; anything else leaves for them only with an
approval recorded by a user allowed to give it."""
from odoo.exceptions import UserError

from .sale_lot_common import SaleLotCase


class TestLotCoaDelivery(SaleLotCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.warehouse_user = env.ref("cloudoffice_lots.user_demo_warehouse")
        cls.quality = env.ref("cloudoffice_lots.user_demo_quality")
        cls.customer.cloudoffice_wants_coa = True
        Test = env["cloudoffice.lot.test"]
        # H-SOON: analysed and passed. H-MID: one test still without a result.
        # H-LATE: no analysis at all. None of these tests is required, so all
        # three batches are released and may be sold to anyone else.
        Test.create({"lot_id": cls.h_soon.id, "parameter": "Moisture", "has_max": True,
                     "spec_max": 18.0, "unit": "%", "result": "17.1", "required": False})
        Test.create({"lot_id": cls.h_mid.id, "parameter": "Moisture", "has_max": True,
                     "spec_max": 18.0, "unit": "%", "result": "16.0", "required": False})
        Test.create({"lot_id": cls.h_mid.id, "parameter": "HMF", "has_max": True,
                     "spec_max": 40.0, "unit": "mg/kg", "required": False})

    def ordered_delivery(self, lot, qty=5, customer=None):
        """A sales order for ``qty`` of ``lot`` (chosen on the order), confirmed,
        its delivery picked in full and ready to validate."""
        order = self.make_order([(lot.product_id, qty)])
        if customer:
            order.write({"partner_id": customer.id, "partner_invoice_id": customer.id,
                         "partner_shipping_id": customer.id})
        self.choose(order.order_line, {lot: qty})
        order.action_confirm()
        picking = order.picking_ids
        for line in picking.move_line_ids:
            line.qty_done = line.product_uom_qty
        return picking

    def test_the_warehouse_cannot_ship_a_batch_without_analysis_to_such_a_customer(self):
        picking = self.ordered_delivery(self.h_late)
        with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
            picking.sudo(self.warehouse_user).button_validate()
        message = caught.exception.name
        for expected in ("H-LATE", "Forest Honey 350 g", "Deli Norr AB",
                         "no analysis is recorded for it"):
            self.assertIn(expected, message)
        # action_done, as any other route to "done", meets the same rule
        with self.assertRaisesRegex(UserError, "H-LATE.*Deli Norr AB"), self.env.cr.savepoint():
            picking.sudo(self.warehouse_user).action_done()
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(self.qty_available(self.honey, self.h_late), 40.0)

    def test_an_incomplete_analysis_is_named(self):
        picking = self.ordered_delivery(self.h_mid)
        with self.assertRaisesRegex(UserError, r"H-MID: customer Deli Norr AB .* its analysis "
                                               r"is not complete \(no result for HMF\)"), \
                self.env.cr.savepoint():
            picking.sudo(self.warehouse_user).button_validate()

    def test_a_failed_test_is_named_even_if_not_required_for_release(self):
        self.h_soon.test_ids.result = "19.5"
        self.assertEqual(self.h_soon.release_state, "released")
        picking = self.ordered_delivery(self.h_soon)
        with self.assertRaisesRegex(UserError, r"H-SOON: .* did not pass \(Moisture failed\)"), \
                self.env.cr.savepoint():
            picking.sudo(self.warehouse_user).button_validate()

    def test_a_batch_with_a_passed_analysis_goes(self):
        picking = self.ordered_delivery(self.h_soon)
        picking.sudo(self.warehouse_user).button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.qty_available(self.honey, self.h_soon), 20.0)

    def test_customers_who_do_not_ask_for_certificates_get_it_as_before(self):
        other = self.env["res.partner"].create({"name": "Kiosk Syd AB", "customer": True})
        picking = self.ordered_delivery(self.h_late, customer=other)
        picking.sudo(self.warehouse_user).button_validate()
        self.assertEqual(picking.state, "done")

    def test_the_quality_manager_lets_it_go_with_a_recorded_approval(self):
        picking = self.ordered_delivery(self.h_late)
        action = picking.sudo(self.quality).button_validate()
        self.assertEqual(action["res_model"], "cloudoffice.lot.override.confirm")
        wizard = self.env[action["res_model"]].sudo(self.quality).browse(action["res_id"])
        self.assertIn("H-LATE", wizard.problem_text)
        self.assertIn("Deli Norr AB", wizard.problem_text)
        wizard.reason = "Certificate follows from the supplier's laboratory"
        wizard.action_confirm()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.qty_available(self.honey, self.h_late), 35.0)
        approval = self.env["cloudoffice.lot.override"].search([("picking_id", "=", picking.id)])
        self.assertEqual((approval.lot_id, approval.user_id, approval.reason),
                         (self.h_late, self.quality,
                          "Certificate follows from the supplier's laboratory"))
        self.assertIn("no analysis is recorded", approval.problem)
        self.assertTrue([body for body in picking.message_ids.mapped("body")
                         if "Maria Holm confirmed" in body and "H-LATE" in body])

from odoo.exceptions import UserError

from .sale_lot_common import SaleLotCase


class TestSaleLotConfirm(SaleLotCase):
    def test_confirm_reserves_exactly_the_chosen_batches(self):
        order = self.make_order([(self.honey, 12), (self.phone, 2)])
        honey_line, phone_line = order.order_line
        # not what first-expiry-first would take
        self.choose(honey_line, {self.h_late: 7, self.h_mid: 5})
        self.choose(phone_line, {self.serials[3]: 1, self.serials[4]: 1})
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.picking_ids.state, "assigned")
        self.assertEqual(self.reserved(honey_line.move_ids), {"H-LATE": 7.0, "H-MID": 5.0})
        self.assertEqual(self.reserved(phone_line.move_ids), {"AP5-0004": 1.0, "AP5-0005": 1.0})
        shelf_line = honey_line.move_ids.move_line_ids.filtered(lambda ml: ml.lot_id == self.h_mid)
        self.assertEqual(shelf_line.location_id, self.shelf)

    def test_line_without_choice_keeps_odoo_reservation(self):
        order = self.make_order([(self.bolt_product(), 3)])
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.order_line.lot_choice_ids)

    def bolt_product(self):
        bolt = self.env["product.product"].create({"name": "Hex Bolt", "type": "product"})
        self.env["stock.quant"]._update_available_quantity(bolt, self.stock, 10)
        return bolt

    def test_batch_taken_meanwhile_refuses_confirmation_with_numbers(self):
        first = self.make_order([(self.honey, 20)])
        second = self.make_order([(self.honey, 10)])
        self.choose(first.order_line, {self.h_soon: 20})
        self.choose(second.order_line, {self.h_soon: 10})
        first.action_confirm()
        with self.assertRaisesRegex(UserError, r"Batch/serial H-SOON of \[FH-350\] Forest Honey 350 g: "
                                               r"10.0 Unit\(s\) are chosen on %s but only 5.0 Unit\(s\) are "
                                               r"available" % second.name):
            second.action_confirm()
        self.assertEqual(second.state, "draft")
        self.assertFalse(second.picking_ids)

    def test_serial_sold_twice_refused(self):
        first = self.make_order([(self.phone, 1)])
        second = self.make_order([(self.phone, 1)])
        self.choose(first.order_line, {self.serials[0]: 1})
        self.choose(second.order_line, {self.serials[0]: 1})
        first.action_confirm()
        with self.assertRaisesRegex(UserError, r"AP5-0001 .* 1.0 Unit\(s\) are chosen .* only 0.0"):
            second.action_confirm()

    def test_batch_expired_since_choosing_is_refused_at_confirmation(self):
        order = self.make_order([(self.honey, 3)])
        self.choose(order.order_line, {self.h_soon: 3})
        self.h_soon.quality_block = True
        with self.assertRaisesRegex(UserError, r"H-SOON of .* cannot be sold \(not released"):
            order.action_confirm()

    def test_partial_delivery_backorder_keeps_remaining_choices(self):
        order = self.make_order([(self.honey, 12)])
        self.choose(order.order_line, {self.h_late: 7, self.h_mid: 5})
        order.action_confirm()
        picking = order.picking_ids
        self.deliver(picking, {self.h_late: 4, self.h_mid: 0})
        backorder = order.picking_ids - picking
        shipped = picking.move_line_ids.mapped(lambda ml: (ml.lot_id.name, ml.qty_done))
        self.assertEqual(shipped, [("H-LATE", 4.0)])
        self.assertEqual(self.reserved(backorder.move_lines), {"H-LATE": 3.0, "H-MID": 5.0})
        # the backorder is unreserved and reserved again (e.g. by the scheduler)
        backorder.do_unreserve()
        backorder.action_assign()
        self.assertEqual(self.reserved(backorder.move_lines), {"H-LATE": 3.0, "H-MID": 5.0})
        self.deliver(backorder)
        self.assertEqual(order.order_line.qty_delivered, 12.0)
        self.assertEqual(self.qty_available(self.honey, self.h_late), 33.0)
        self.assertEqual(self.qty_available(self.honey, self.h_mid), 25.0)

    def test_changing_batch_on_delivery_is_logged(self):
        order = self.make_order([(self.honey, 5)])
        self.choose(order.order_line, {self.h_late: 5})
        order.action_confirm()
        picking = order.picking_ids
        picking.move_line_ids.lot_id = self.h_soon
        self.deliver(picking)
        self.assertEqual(self.qty_available(self.honey, self.h_soon), 20.0)
        expected = "batch/serial H-SOON instead of H-LATE, changed by"
        self.assertTrue(any(expected in body for body in picking.message_ids.mapped("body")))
        self.assertTrue(any(expected in body for body in order.message_ids.mapped("body")))

    def test_changing_choices_after_confirmation_rereserves(self):
        order = self.make_order([(self.honey, 5)])
        self.choose(order.order_line, {self.h_late: 5})
        order.action_confirm()
        self.choose(order.order_line, {self.h_soon: 2, self.h_mid: 3})
        self.assertEqual(self.reserved(order.picking_ids.move_lines), {"H-SOON": 2.0, "H-MID": 3.0})
        bodies = order.message_ids.mapped("body")
        self.assertTrue(any("changed from H-LATE: 5.0 to" in body for body in bodies), bodies)

    def test_unsellable_batch_on_delivery_blocked_then_overridden(self):
        order = self.make_order([(self.honey, 5)])
        self.choose(order.order_line, {self.h_late: 5})
        order.action_confirm()
        picking = order.picking_ids
        for ml in picking.move_line_ids:
            ml.write({"lot_id": self.h_expired.id, "qty_done": 5})
        with self.assertRaisesRegex(UserError, "H-OLD: expired on"):
            picking.sudo(self.sales_user).button_validate()
        action = picking.sudo(self.quality_manager).button_validate()
        self.assertEqual(action["res_model"], "cloudoffice.lot.override.confirm")
        wizard = self.env["cloudoffice.lot.override.confirm"].sudo(self.quality_manager).browse(
            action["res_id"])
        self.assertIn("H-OLD", wizard.problem_text)
        with self.assertRaisesRegex(UserError, "Give the reason"):
            wizard.action_confirm()
        wizard.reason = "Customer takes it for animal feed"
        wizard.action_confirm()
        self.assertEqual(picking.state, "done")
        self.assertTrue(any("Quinn Quality confirmed shipping" in body and "animal feed" in body
                            for body in picking.message_ids.mapped("body")))
        self.assertEqual(self.qty_available(self.honey, self.h_expired), 45.0)

    def test_never_negative_batch_stock(self):
        order = self.make_order([(self.honey, 25)])
        self.choose(order.order_line, {self.h_soon: 25})
        order.action_confirm()
        other = self.make_order([(self.honey, 1)])
        picker = self.open_picker(other.order_line)
        self.assertNotIn(self.h_soon, picker.line_ids.mapped("lot_id"))
        quants = self.env["stock.quant"].search([("lot_id", "=", self.h_soon.id)])
        self.assertEqual(sum(quants.mapped("quantity")), sum(quants.mapped("reserved_quantity")))

    def test_delivery_cannot_take_a_batch_below_zero(self):
        order = self.make_order([(self.honey, 30)])
        self.choose(order.order_line, {self.h_late: 30})
        order.action_confirm()
        picking = order.picking_ids
        # switched on the delivery to a batch holding only 25
        picking.move_line_ids.write({"lot_id": self.h_soon.id, "qty_done": 30})
        with self.assertRaisesRegex(UserError, r"H-SOON .*30.0 Unit\(s\) would leave WH/Stock where only "
                                               r"25.0 Unit\(s\) are in stock"), self.env.cr.savepoint():
            picking.button_validate()
        self.env.cache.invalidate()
        self.assertEqual(self.qty_available(self.honey, self.h_soon), 25.0)

    def test_without_choice_the_delivery_reserves_sellable_batches_first_expiry_first(self):
        order = self.make_order([(self.honey, 30)])
        order.action_confirm()
        order.picking_ids.action_assign()
        # Odoo alone would take H-OLD (received first, expired) and might take H-BLOCK
        self.assertEqual(self.reserved(order.picking_ids.move_lines), {"H-SOON": 25.0, "H-MID": 5.0})

"""Batches that may not be sold (expired, not released, blocked) leave for a
customer, or go into a production, only with a recorded approval: every
route to "done" meets the rule, the approval names who and why, and nobody
without the right can make one or pass for one."""
from odoo.exceptions import AccessError, UserError

from .sale_lot_common import SaleLotCase


class TestLotOverride(SaleLotCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.warehouse_user = env.ref("cloudoffice_lots.user_demo_warehouse")
        cls.seller = env.ref("cloudoffice_lots.user_demo_seller")
        cls.quality = env.ref("cloudoffice_lots.user_demo_quality")
        cls.customers = env.ref("stock.stock_location_customers")
        cls.out_type = cls.warehouse.out_type_id
        cls.maker = env["res.users"].create({
            "name": "Mats Maker", "login": "mats.maker.lots", "email": "mats@example.com",
            "groups_id": [(6, 0, [env.ref("mrp.group_mrp_user").id,
                                  env.ref("stock.group_stock_user").id])]})
        # a product whose only batch is blocked: Odoo's own reservation takes it
        cls.propolis = env["product.product"].create({
            "name": "Propolis Drops 30 ml", "type": "product", "tracking": "lot"})
        cls.p_blocked = cls.make_lot(cls.propolis, "P-BLOCK", life_days=200, qty=10)
        cls.p_blocked.quality_block = True

    # ---------------------------------------------------------------- helpers
    def delivery(self, lot, qty=4.0, done=None, user=None):
        """A delivery of ``qty`` of ``lot``'s product with ``lot`` set on its
        line (``done``: quantity done, default all), made by ``user``."""
        env = self.env(user=(user or self.warehouse_user).id)
        picking = env["stock.picking"].create({
            "picking_type_id": self.out_type.id, "partner_id": self.customer.id,
            "location_id": self.stock.id, "location_dest_id": self.customers.id,
            "move_lines": [(0, 0, {
                "name": lot.product_id.name, "product_id": lot.product_id.id,
                "product_uom": lot.product_id.uom_id.id, "product_uom_qty": qty,
                "location_id": self.stock.id, "location_dest_id": self.customers.id})],
        })
        picking.action_confirm()
        picking.action_assign()
        picking.move_line_ids.unlink()
        env["stock.move.line"].create({
            "move_id": picking.move_lines.id, "picking_id": picking.id,
            "product_id": lot.product_id.id, "product_uom_id": lot.product_id.uom_id.id,
            "location_id": self.stock.id, "location_dest_id": self.customers.id,
            "lot_id": lot.id, "qty_done": qty if done is None else done})
        return picking

    def approve(self, lot, user=None, **document):
        env = self.env(user=(user or self.quality).id)
        return env["cloudoffice.lot.override"].create(dict(
            document, lot_id=lot.id, reason="Customer takes it for animal feed"))

    def assertRefused(self, call, lot):
        with self.assertRaisesRegex(UserError, "%s: (expired|not released)" % lot.name), \
                self.env.cr.savepoint():
            call()

    # ------------------------------------------------------- every route refused
    def test_a_context_key_grants_nothing(self):
        picking = self.delivery(self.h_blocked)
        as_worker = picking.sudo(self.warehouse_user).with_context(
            cloudoffice_lot_override_confirmed=True)
        self.assertRefused(as_worker.button_validate, self.h_blocked)
        self.assertRefused(as_worker.action_done, self.h_blocked)
        self.assertNotEqual(picking.state, "done")
        self.assertEqual(self.qty_available(self.honey, self.h_blocked), 10.0)

    def test_action_done_called_directly_is_refused(self):
        picking = self.delivery(self.h_expired)
        self.assertRefused(picking.sudo(self.warehouse_user).action_done, self.h_expired)
        self.assertRefused(picking.move_lines.sudo(self.warehouse_user)._action_done,
                           self.h_expired)
        self.assertEqual(self.qty_available(self.honey, self.h_expired), 50.0)

    def test_immediate_transfer_is_refused(self):
        picking = self.env["stock.picking"].sudo(self.warehouse_user).create({
            "picking_type_id": self.out_type.id, "partner_id": self.customer.id,
            "location_id": self.stock.id, "location_dest_id": self.customers.id,
            "move_lines": [(0, 0, {
                "name": self.propolis.name, "product_id": self.propolis.id,
                "product_uom": self.propolis.uom_id.id, "product_uom_qty": 3,
                "location_id": self.stock.id, "location_dest_id": self.customers.id})]})
        picking.action_confirm()
        picking.action_assign()
        self.assertEqual(picking.move_line_ids.lot_id, self.p_blocked)
        wizard = self.env["stock.immediate.transfer"].sudo(self.warehouse_user).create(
            {"pick_ids": [(4, picking.id)]})
        self.assertRefused(wizard.process, self.p_blocked)
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(self.qty_available(self.propolis, self.p_blocked), 10.0)

    def test_backorder_is_refused(self):
        picking = self.delivery(self.h_blocked, qty=4.0, done=2.0)
        wizard = self.env["stock.backorder.confirmation"].sudo(self.warehouse_user).create(
            {"pick_ids": [(4, picking.id)]})
        self.assertRefused(wizard.process, self.h_blocked)
        self.assertRefused(wizard.process_cancel_backorder, self.h_blocked)
        self.assertFalse(self.env["stock.picking"].search([("backorder_id", "=", picking.id)]))

    def test_even_the_approver_meets_the_rule_without_an_approval(self):
        picking = self.delivery(self.h_blocked, user=self.quality)
        self.assertRefused(picking.sudo(self.quality).action_done, self.h_blocked)

    def test_consuming_in_a_production_is_refused_without_approval(self):
        production, produce = self.production_consuming(self.h_blocked)
        self.assertRefused(production.sudo(self.maker).button_mark_done, self.h_blocked)
        self.approve(self.h_blocked, production_id=production.id)
        production.sudo(self.maker).button_mark_done()
        self.assertEqual(production.state, "done")
        self.assertEqual(self.qty_available(self.honey, self.h_blocked), 8.0)
        self.assertTrue(produce)

    def production_consuming(self, lot):
        cake = self.env["product.product"].create({"name": "Honey Cake", "type": "product"})
        bom = self.env["mrp.bom"].create({
            "product_tmpl_id": cake.product_tmpl_id.id, "product_qty": 1.0,
            "bom_line_ids": [(0, 0, {"product_id": lot.product_id.id, "product_qty": 1.0})]})
        production = self.env["mrp.production"].create({
            "product_id": cake.id, "product_qty": 2.0, "product_uom_id": cake.uom_id.id,
            "bom_id": bom.id})
        production.action_assign()
        raw = production.move_raw_ids
        raw.move_line_ids.unlink()
        self.env["stock.move.line"].create({
            "move_id": raw.id, "product_id": lot.product_id.id,
            "product_uom_id": lot.product_id.uom_id.id, "location_id": raw.location_id.id,
            "location_dest_id": raw.location_dest_id.id, "lot_id": lot.id, "qty_done": 2.0})
        produce = self.env["mrp.product.produce"].sudo(self.maker).with_context(
            active_id=production.id).create({"product_qty": 2.0})
        produce.produce_line_ids.unlink()
        produce.do_produce()
        return production, produce

    def test_scrapping_a_blocked_batch_stays_possible(self):
        # Scrap is where blocked goods go: no approval needed.
        scrap = self.env["stock.scrap"].sudo(self.warehouse_user).create({
            "product_id": self.honey.id, "product_uom_id": self.honey.uom_id.id,
            "lot_id": self.h_blocked.id, "scrap_qty": 3.0, "location_id": self.stock.id})
        scrap.action_validate()
        self.assertEqual(scrap.state, "done")
        self.assertEqual(self.qty_available(self.honey, self.h_blocked), 7.0)

    # --------------------------------------------------------- with an approval
    def test_the_confirm_window_records_who_and_why(self):
        picking = self.delivery(self.h_blocked)
        with self.assertRaisesRegex(UserError, "H-BLOCK: not released"):
            picking.sudo(self.warehouse_user).button_validate()
        action = picking.sudo(self.quality).button_validate()
        self.assertEqual(action["res_model"], "cloudoffice.lot.override.confirm")
        wizard = self.env[action["res_model"]].sudo(self.quality).browse(action["res_id"])
        wizard.reason = "Recall lifted by the supplier by phone"
        wizard.action_confirm()
        self.assertEqual(picking.state, "done")
        approval = self.env["cloudoffice.lot.override"].search([("picking_id", "=", picking.id)])
        self.assertEqual((approval.lot_id, approval.user_id, approval.reason),
                         (self.h_blocked, self.quality, "Recall lifted by the supplier by phone"))
        self.assertIn("not released", approval.problem)
        self.assertTrue(approval.approved_date)

    def test_an_approval_on_the_transfer_lets_anyone_validate_it(self):
        picking = self.delivery(self.h_expired)
        self.approve(self.h_expired, picking_id=picking.id)
        picking.sudo(self.warehouse_user).action_done()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.qty_available(self.honey, self.h_expired), 46.0)

    def test_an_approval_covers_its_batch_and_document_only(self):
        picking = self.delivery(self.h_expired)
        other = self.delivery(self.h_expired)
        self.approve(self.h_blocked, picking_id=picking.id)
        self.approve(self.h_expired, picking_id=other.id)
        self.assertRefused(picking.sudo(self.warehouse_user).action_done, self.h_expired)

    def test_an_approval_on_the_order_line_covers_its_deliveries(self):
        order = self.make_order([(self.honey, 5)])
        picker = self.open_picker(order.order_line, user=self.quality)
        picker.show_unsellable = True
        picker._load_rows()
        self.set_choice(picker, {self.h_blocked: 5})
        picker.override_confirmed = True
        picker.override_reason = "Sold as bakery grade"
        picker.action_confirm()
        choice = order.order_line.lot_choice_ids
        self.assertEqual((choice.override_user_id, choice.override_reason),
                         (self.quality, "Sold as bakery grade"))
        order.action_confirm()
        picking = order.picking_ids
        picking.move_line_ids.write({"qty_done": 5})
        picking.sudo(self.warehouse_user).button_validate()
        self.assertEqual(picking.state, "done")

    # ------------------------------------------------- nobody passes for another
    def test_only_an_approver_records_an_approval_and_as_themselves(self):
        picking = self.delivery(self.h_blocked)
        for user in (self.warehouse_user, self.seller):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self.approve(self.h_blocked, user=user, picking_id=picking.id)
        approval = self.env["cloudoffice.lot.override"].sudo(self.quality).create({
            "lot_id": self.h_blocked.id, "picking_id": picking.id, "reason": "Trade fair sample",
            "user_id": self.warehouse_user.id, "approved_date": "2020-01-01 00:00:00"})
        self.assertEqual(approval.user_id, self.quality)
        self.assertNotEqual(approval.approved_date, "2020-01-01 00:00:00")
        with self.assertRaises(UserError), self.env.cr.savepoint():
            approval.sudo(self.quality).write({"reason": "Something else"})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            approval.sudo(self.quality).unlink()
        with self.assertRaisesRegex(UserError, "reason"), self.env.cr.savepoint():
            self.env["cloudoffice.lot.override"].sudo(self.quality).create({
                "lot_id": self.h_blocked.id, "picking_id": picking.id, "reason": "  "})

    def test_a_seller_cannot_approve_his_own_choice(self):
        seller = self.sales_user
        order = self.make_order([(self.honey, 5)], user=seller)
        self.choose(order.order_line, {self.h_late: 5}, user=seller)
        choice = order.order_line.lot_choice_ids.sudo(seller)
        for values in ({"override_user_id": self.seller.id},
                       {"override_reason": "Fine by me"},
                       {"override_id": 1},
                       {"lot_id": self.h_blocked.id, "override_user_id": self.quality.id}):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                choice.write(values)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            choice.create({"sale_line_id": order.order_line.id, "lot_id": self.h_blocked.id,
                           "quantity": 1, "override_user_id": seller.id})
        self.assertFalse(choice.override_user_id)
        # a blocked batch written on the line by hand is not sold either
        choice.write({"lot_id": self.h_blocked.id})
        with self.assertRaisesRegex(UserError, r"H-BLOCK of \[FH-350\] Forest Honey 350 g cannot be "
                                               r"sold \(not released"):
            order.sudo(seller).action_confirm()

    def test_a_worker_can_neither_unblock_nor_release_a_batch(self):
        lot = self.h_blocked.sudo(self.warehouse_user)
        for values in ({"quality_block": False}, {"release_state": "released"},
                       {"quality_block_reason": "fine now"}):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                lot.write(values)
        self.assertEqual(self.h_blocked.release_state, "blocked")
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.h_blocked.sudo(self.quality).write({"release_state": "released"})
        self.h_blocked.sudo(self.quality).action_quality_unblock()
        self.assertEqual(self.h_blocked.release_state, "released")

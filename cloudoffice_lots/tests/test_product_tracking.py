from odoo.exceptions import UserError

from .common import LotsCase


class TestProductTracking(LotsCase):
    def test_category_gives_new_products_its_tracking(self):
        product = self.env["product.product"].create(
            {"name": "Rapeseed Oil 1 L", "type": "product", "categ_id": self.food.id})
        self.assertEqual(product.tracking, "lot")

    def test_explicit_tracking_wins_over_category(self):
        product = self.env["product.product"].create(
            {"name": "Gift Box", "type": "product", "categ_id": self.food.id, "tracking": "none"})
        self.assertEqual(product.tracking, "none")

    def _untracked_oil_in_stock(self, qty=12):
        oil = self.env["product.product"].create(
            {"name": "Rapeseed Oil 1 L", "type": "product", "tracking": "none"})
        self.receive(oil, [{"qty_done": qty}])
        return oil

    def test_tracking_a_product_in_stock_keeps_the_stock_and_says_what_to_do(self):
        oil = self._untracked_oil_in_stock(12)
        oil.product_tmpl_id.tracking = "lot"
        self.assertEqual(oil.tracking, "lot")
        self.assertEqual(self.qty_in_stock(oil), 12)
        self.assertEqual(oil.product_tmpl_id.stock_without_lot_qty, 12)
        note = oil.product_tmpl_id.message_ids[:1].body
        self.assertIn("Rapeseed Oil 1 L", note)
        self.assertIn("12.0", note)
        self.assertIn("inventory adjustment", note)

    def test_stock_without_numbers_is_not_delivered_until_counted_with_numbers(self):
        oil = self._untracked_oil_in_stock(12)
        oil.product_tmpl_id.tracking = "lot"
        delivery = self.env["stock.picking"].create({
            "partner_id": self.customer.id, "picking_type_id": self.delivery_type.id,
            "location_id": self.stock.id, "location_dest_id": self.customer_location.id,
            "move_lines": [(0, 0, {
                "name": oil.name, "product_id": oil.id, "product_uom": oil.uom_id.id,
                "product_uom_qty": 5, "location_id": self.stock.id,
                "location_dest_id": self.customer_location.id})]})
        delivery.action_confirm()
        delivery.action_assign()
        delivery.move_line_ids.qty_done = 5
        with self.assertRaises(UserError) as error:
            delivery.action_done()
        self.assertIn("Rapeseed Oil 1 L", str(error.exception.name))
        self.assertIn("batch number", str(error.exception.name))
        self.assertEqual(self.qty_in_stock(oil), 12)

        # The count gives the units their numbers: none left without one.
        lot = self.env["stock.production.lot"].create({"name": "OIL-OLD", "product_id": oil.id})
        self.count(oil, [(False, 0), (lot, 12)])
        self.assertEqual(oil.product_tmpl_id.stock_without_lot_qty, 0)
        self.assertEqual(self.qty_in_stock(oil, lot), 12)
        self.assertEqual(self.qty_in_stock(oil), 12)

    def test_count_with_numbers_button_opens_a_started_count_of_the_product(self):
        oil = self._untracked_oil_in_stock(7)
        oil.product_tmpl_id.tracking = "serial"
        action = oil.product_tmpl_id.action_count_stock_without_lot()
        inventory = self.env["stock.inventory"].browse(action["res_id"])
        self.assertEqual(inventory.state, "confirm")
        self.assertEqual(inventory.product_id, oil)
        line = inventory.line_ids.filtered(lambda line: not line.prod_lot_id)
        self.assertEqual(line.theoretical_qty, 7)

    def test_form_warns_before_saving_a_tracking_change_of_a_product_in_stock(self):
        oil = self._untracked_oil_in_stock(12)
        template = oil.product_tmpl_id
        # The form's record, as Odoo's onchange() builds it when the user picks another tracking.
        record = template.new({"tracking": "lot"})
        record._origin = template
        result = record.onchange_tracking()
        self.assertIn("12.0", result["warning"]["message"])
        self.assertIn("inventory adjustment", result["warning"]["message"])

    def test_form_keeps_odoo_s_own_warning_when_the_tracking_stays(self):
        # Stock counted without numbers while tracked by batch: going back to
        # "batch" in the form changes nothing of ours, and Odoo's warning stays.
        oil = self._untracked_oil_in_stock(5)
        template = oil.product_tmpl_id
        template.tracking = "lot"
        record = template.new({"tracking": "lot",
                               "product_variant_ids": [(6, 0, template.product_variant_ids.ids)]})
        record._origin = template
        result = record.onchange_tracking()
        self.assertIn("no lot number", result["warning"]["message"])

    def test_batch_of_several_units_cannot_become_a_serial(self):
        self.receive(self.honey, [{"lot_name": "H-1", "qty_done": 12}])
        with self.assertRaises(UserError) as error:
            self.honey.product_tmpl_id.tracking = "serial"
        message = str(error.exception.name)
        self.assertIn("Acacia Honey 500 g", message)
        self.assertIn("H-1", message)
        self.assertIn("12", message)
        self.assertEqual(self.honey.tracking, "lot")

    def test_serials_in_stock_may_become_batches(self):
        self.receive(self.phone, [{"lot_name": "IMEI-%d" % i, "qty_done": 1} for i in range(2)])
        self.phone.product_tmpl_id.tracking = "lot"
        self.assertEqual(self.phone.tracking, "lot")
        self.assertEqual(self.qty_in_stock(self.phone, self.lot(self.phone, "IMEI-1")), 1)

    def test_untracking_keeps_the_numbers_as_history(self):
        self.receive(self.honey, [{"lot_name": "H-2", "qty_done": 9}])
        self.honey.product_tmpl_id.tracking = "none"
        self.assertEqual(self.qty_in_stock(self.honey, self.lot(self.honey, "H-2")), 9)
        self.assertIn("history", self.honey.product_tmpl_id.message_ids[:1].body)
        self.assertEqual(self.honey.product_tmpl_id.stock_without_lot_qty, 0)

    def test_changing_tracking_without_stock_is_allowed(self):
        self.bolt.product_tmpl_id.tracking = "lot"
        self.assertEqual(self.bolt.tracking, "lot")

    def test_tracking_field_explains_itself(self):
        help_text = self.env["product.template"]._fields["tracking"].help
        self.assertIn("By Unique Serial Number", help_text)
        self.assertIn("batch", help_text)

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

    def test_changing_tracking_with_stock_is_refused_with_the_quantity(self):
        self.receive(self.honey, [{"lot_name": "H-1", "qty_done": 12}])
        with self.assertRaises(UserError) as error:
            self.honey.product_tmpl_id.tracking = "serial"
        message = str(error.exception.name)
        self.assertIn("Acacia Honey 500 g", message)
        self.assertIn("12", message)
        self.assertIn("By Lots", message)
        self.assertEqual(self.honey.tracking, "lot")

    def test_changing_tracking_without_stock_is_allowed(self):
        self.bolt.product_tmpl_id.tracking = "lot"
        self.assertEqual(self.bolt.tracking, "lot")

    def test_tracking_field_explains_itself(self):
        help_text = self.env["product.template"]._fields["tracking"].help
        self.assertIn("By Unique Serial Number", help_text)
        self.assertIn("batch", help_text)

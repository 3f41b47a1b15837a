"""Fixtures for the selling-by-batch tests: a food product in batches with
expiry dates, a phone with serial numbers, stock in the main warehouse, and
helpers that sell, choose and deliver the way users do."""
import datetime

from odoo import fields
from odoo.tests.common import SavepointCase


def days_from_now(days):
    return fields.Datetime.to_string(datetime.datetime.now() + datetime.timedelta(days=days))


class SaleLotCase(SavepointCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.warehouse = env.ref("stock.warehouse0")
        cls.stock = cls.warehouse.lot_stock_id
        cls.shelf = env["stock.location"].create({
            "name": "Shelf S1", "usage": "internal", "location_id": cls.stock.id})
        cls.customer = env["res.partner"].create({"name": "Deli Norr AB", "customer": True})
        cls.honey = env["product.product"].create({
            "name": "Forest Honey 350 g", "type": "product", "tracking": "lot",
            "default_code": "FH-350", "invoice_policy": "delivery", "list_price": 59.0,
        })
        cls.phone = env["product.product"].create({
            "name": "Aurora Phone 5", "type": "product", "tracking": "serial",
            "default_code": "AP5", "invoice_policy": "delivery", "list_price": 4990.0,
        })
        lot = env["stock.production.lot"]
        # Received in this order (FIFO) but expiring in another (FEFO).
        cls.h_late = cls.make_lot(cls.honey, "H-LATE", life_days=300, received_days_ago=30, qty=40)
        cls.h_soon = cls.make_lot(cls.honey, "H-SOON", life_days=60, received_days_ago=10, qty=25)
        cls.h_mid = cls.make_lot(cls.honey, "H-MID", life_days=120, received_days_ago=20, qty=30,
                                 location=cls.shelf)
        cls.h_expired = cls.make_lot(cls.honey, "H-OLD", life_days=-2, received_days_ago=90, qty=50)
        cls.h_blocked = cls.make_lot(cls.honey, "H-BLOCK", life_days=200, received_days_ago=5, qty=10)
        cls.h_blocked.quality_block = True
        cls.serials = lot
        for index in range(1, 6):
            cls.serials |= cls.make_lot(cls.phone, "AP5-%04d" % index, received_days_ago=10 - index, qty=1)
        cls.sales_user = env["res.users"].create({
            "name": "Sam Seller", "login": "sam.seller.lots", "email": "sam@example.com",
            "groups_id": [(6, 0, [env.ref("sales_team.group_sale_salesman_all_leads").id,
                                  env.ref("stock.group_stock_user").id])],
        })
        cls.quality_manager = env["res.users"].create({
            "name": "Quinn Quality", "login": "quinn.quality.lots", "email": "quinn@example.com",
            "groups_id": [(6, 0, [env.ref("sales_team.group_sale_salesman_all_leads").id,
                                  env.ref("stock.group_stock_user").id,
                                  env.ref("cloudoffice_lots.group_sell_unsellable_lots").id])],
        })

    @classmethod
    def make_lot(cls, product, name, life_days=None, received_days_ago=0, qty=1.0, location=None):
        values = {"name": name, "product_id": product.id}
        if life_days is not None:
            values["life_date"] = days_from_now(life_days)
            values["use_date"] = days_from_now(life_days - 5)
        lot = cls.env["stock.production.lot"].create(values)
        in_date = datetime.datetime.now() - datetime.timedelta(days=received_days_ago)
        cls.env["stock.quant"]._update_available_quantity(
            product, location or cls.stock, qty, lot_id=lot, in_date=in_date)
        return lot

    # ---------------------------------------------------------------- helpers
    def make_order(self, lines, user=None):
        """A quotation; ``lines`` is a list of (product, quantity)."""
        env = self.env(user=user.id) if user else self.env
        return env["sale.order"].create({
            "partner_id": self.customer.id,
            "warehouse_id": self.warehouse.id,
            "order_line": [(0, 0, {
                "product_id": product.id, "name": product.name, "product_uom_qty": qty,
                "product_uom": product.uom_id.id, "price_unit": product.list_price,
            }) for product, qty in lines],
        })

    def open_picker(self, line=None, move=None, user=None):
        env = self.env(user=user.id) if user else self.env
        values = {"sale_line_id": line.id} if line else {"move_id": move.id}
        action = env["cloudoffice.sale.lot.picker"].action_open(values)
        return env["cloudoffice.sale.lot.picker"].browse(action["res_id"])

    def set_choice(self, picker, quantities):
        """Enter quantities in the picker: {lot: quantity}; other rows get 0."""
        for row in picker.line_ids:
            row.quantity = quantities.get(row.lot_id, 0.0)
        missing = set(quantities) - set(picker.line_ids.mapped("lot_id"))
        self.assertFalse(missing, "not offered by the picker: %s" % [lot.name for lot in missing])

    def choose(self, line, quantities, user=None):
        picker = self.open_picker(line, user=user)
        self.set_choice(picker, quantities)
        picker.action_confirm()
        return picker

    @staticmethod
    def reserved(moves):
        """{lot name: reserved quantity} on these moves."""
        result = {}
        for ml in moves.mapped("move_line_ids"):
            result[ml.lot_id.name] = result.get(ml.lot_id.name, 0.0) + ml.product_qty
        return result

    def deliver(self, picking, quantities=None):
        """Validate ``picking``; ``quantities`` {lot: qty done} for a partial
        delivery (a backorder is made), else everything reserved."""
        for ml in picking.move_line_ids:
            ml.qty_done = ml.product_uom_qty if quantities is None else quantities.get(ml.lot_id, 0.0)
        result = picking.button_validate()
        if isinstance(result, dict) and result.get("res_model") == "stock.backorder.confirmation":
            self.env["stock.backorder.confirmation"].browse(result["res_id"]).process()
        elif isinstance(result, dict) and result.get("res_model"):
            return result
        return picking

    def qty_available(self, product, lot):
        return product.with_context(lot_id=lot.id, location=self.stock.id).qty_available

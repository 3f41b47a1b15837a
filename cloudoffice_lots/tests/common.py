"""Fixtures shared by the batch/serial tests: products of each tracking kind,
a supplier, and helpers that receive and deliver stock the way users do."""
import base64

from odoo.tests.common import SavepointCase


class LotsCase(SavepointCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.stock = env.ref("stock.stock_location_stock")
        cls.supplier_location = env.ref("stock.stock_location_suppliers")
        cls.customer_location = env.ref("stock.stock_location_customers")
        cls.receipt_type = env.ref("stock.picking_type_in")
        cls.delivery_type = env.ref("stock.picking_type_out")
        cls.supplier = env["res.partner"].create({"name": "Honey Farm AB", "supplier": True})
        cls.customer = env["res.partner"].create({"name": "ICA Kvantum Test", "customer": True})
        cls.food = env["product.category"].create({"name": "Test Food", "default_tracking": "lot"})
        cls.honey = env["product.product"].create({
            "name": "Acacia Honey 500 g", "type": "product", "tracking": "lot",
            "categ_id": cls.food.id, "default_code": "HON-500",
            "life_time": 730, "use_time": 700, "removal_time": 720, "alert_time": 670,
        })
        cls.phone = env["product.product"].create({
            "name": "Nordic Phone X2", "type": "product", "tracking": "serial", "default_code": "NPX2",
        })
        cls.bolt = env["product.product"].create({"name": "Bolt M8", "type": "product"})

    def receive(self, product, lines, partner=None, validate=True):
        """Receive ``lines``: a list of dicts of stock.move.line values
        (lot_name, qty_done, lot_production_date, ...) for one product."""
        total = sum(line.get("qty_done", 1.0) for line in lines)
        picking = self.env["stock.picking"].create({
            "partner_id": (partner or self.supplier).id,
            "picking_type_id": self.receipt_type.id,
            "location_id": self.supplier_location.id,
            "location_dest_id": self.stock.id,
            "move_lines": [(0, 0, {
                "name": product.name, "product_id": product.id, "product_uom": product.uom_id.id,
                "product_uom_qty": total, "location_id": self.supplier_location.id,
                "picking_type_id": self.receipt_type.id,
                "location_dest_id": self.stock.id,
            })],
        })
        picking.action_confirm()
        move = picking.move_lines
        move.move_line_ids.unlink()
        for values in lines:
            self.env["stock.move.line"].create(dict(
                values, move_id=move.id, picking_id=picking.id, product_id=product.id,
                product_uom_id=product.uom_id.id, location_id=self.supplier_location.id,
                location_dest_id=self.stock.id))
        if validate:
            picking.action_done()
        return picking

    def count(self, product, lines, validate=True):
        """Count ``product`` in stock with an inventory adjustment, as users do:
        ``lines`` are (lot or False, counted quantity); the lines Odoo proposes
        for the same lot are updated, others added."""
        inventory = self.env["stock.inventory"].create({
            "name": "Count %s" % product.name, "filter": "product", "product_id": product.id,
            "location_id": self.stock.id})
        inventory.action_start()
        for lot, qty in lines:
            lot_id = lot.id if lot else False
            existing = inventory.line_ids.filtered(
                lambda line, lot_id=lot_id: line.prod_lot_id.id == lot_id)
            if existing:
                existing.product_qty = qty
            else:
                self.env["stock.inventory.line"].create({
                    "inventory_id": inventory.id, "product_id": product.id, "prod_lot_id": lot_id,
                    "location_id": self.stock.id, "product_qty": qty})
        if validate:
            inventory.action_done()
        return inventory

    def lot(self, product, name):
        return self.env["stock.production.lot"].search(
            [("product_id", "=", product.id), ("name", "=", name)])

    def qty_in_stock(self, product, lot=None):
        return product.with_context(lot_id=lot.id if lot else None,
                                    location=self.stock.id).qty_available

    @staticmethod
    def pdf_bytes():
        return base64.b64encode(b"%PDF-1.4\n% certificate\n")

"""Fixture base of the report tests: two warehouses, a transit location,
batch-tracked products and helpers that move stock the way users do
(receipts, deliveries, transfers, scraps, inventory adjustments), each
done and dated as the test says."""
import datetime

from odoo import fields
from odoo.tests.common import SavepointCase


class ReportsCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = env.ref("base.main_company")
        cls.env.user.tz = "UTC"
        cls.wh1 = env.ref("stock.warehouse0")
        cls.wh2 = env["stock.warehouse"].create({"name": "Report Test Warehouse", "code": "RTW"})
        cls.stock1 = cls.wh1.lot_stock_id
        cls.shelf1 = env["stock.location"].create({
            "name": "Shelf R", "usage": "internal", "location_id": cls.stock1.id})
        cls.output1 = cls.wh1.wh_output_stock_loc_id
        cls.stock2 = cls.wh2.lot_stock_id
        cls.transit = env["stock.location"].create({
            "name": "Report Transit", "usage": "transit",
            "location_id": env.ref("stock.stock_location_locations").id})
        cls.supplier_loc = env.ref("stock.stock_location_suppliers")
        cls.customer_loc = env.ref("stock.stock_location_customers")
        cls.inventory_loc = env.ref("stock.location_inventory")
        cls.production_loc = env["stock.location"].search([("usage", "=", "production")], limit=1)
        cls.scrap_loc = env["stock.location"].search([("scrap_location", "=", True)], limit=1)
        cls.unit = env.ref("product.product_uom_unit")
        cls.dozen = env.ref("product.product_uom_dozen")
        cls.kg = env.ref("product.product_uom_kgm")
        cls.gram = env.ref("product.product_uom_gram")
        cls.supplier = env["res.partner"].create({"name": "Bee Farm Ltd", "supplier": True})
        cls.customer_a = env["res.partner"].create({
            "name": "Shop A", "customer": True, "email": "buyer@shop-a.example", "phone": "+46 8 100"})
        cls.customer_b = env["res.partner"].create({"name": "Shop B", "customer": True,
                                                    "is_company": True})
        cls.customer_b_store = env["res.partner"].create({
            "name": "Shop B Store 2", "parent_id": cls.customer_b.id, "type": "delivery"})
        cls.honey = cls._product("Report Honey", cls.unit)
        cls.flour = cls._product("Report Flour", cls.kg)
        cls.base_date = datetime.datetime(2024, 3, 1, 10, 0)

    @classmethod
    def _product(cls, name, uom, tracking="lot"):
        return cls.env["product.product"].create({
            "name": name, "type": "product", "tracking": tracking,
            "uom_id": uom.id, "uom_po_id": uom.id})

    @classmethod
    def _lot(cls, product, name, **values):
        return cls.env["stock.production.lot"].create(dict(
            {"name": name, "product_id": product.id}, **values))

    @classmethod
    def _move(cls, lot, qty, src, dst, when, uom=None, partner=None, picking_type=None,
              done=True, **move_values):
        """Move ``qty`` (in ``uom``, default the product's) of ``lot`` from
        ``src`` to ``dst``, done and dated ``when`` (naive UTC), in a
        transfer for ``partner`` when one is given. Returns the move."""
        product = lot.product_id
        uom = uom or product.uom_id
        picking = cls.env["stock.picking"]
        if partner or picking_type:
            picking = picking.create({
                "partner_id": partner.id if partner else False,
                "picking_type_id": (picking_type or cls.wh1.out_type_id).id,
                "location_id": src.id, "location_dest_id": dst.id})
        move = cls.env["stock.move"].create(dict({
            "name": product.display_name, "product_id": product.id, "product_uom": uom.id,
            "product_uom_qty": qty, "location_id": src.id, "location_dest_id": dst.id,
            "picking_id": picking.id or False, "partner_id": partner.id if partner else False,
        }, **move_values))
        move._action_confirm()
        if not done:
            # A cancelled move keeps a line with a done quantity: the reports
            # must still ignore it.
            move._action_cancel()
        cls.env["stock.move.line"].create({
            "move_id": move.id, "picking_id": picking.id or False, "product_id": product.id,
            "product_uom_id": uom.id, "qty_done": qty, "lot_id": lot.id,
            "location_id": src.id, "location_dest_id": dst.id})
        if done:
            move._action_done()
        cls._date(move, when)
        return move

    @classmethod
    def _date(cls, moves, when):
        when = fields.Datetime.to_string(when)
        moves.write({"date": when})
        moves.mapped("move_line_ids").write({"date": when})

    def _day(self, offset, hour=10):
        return self.base_date.replace(hour=hour) + datetime.timedelta(days=offset)

    def _quants(self, lots):
        """{(lot id, location id): quantity} of Odoo's quants in stock."""
        quants = self.env["stock.quant"].search([
            ("lot_id", "in", lots.ids), ("location_id.usage", "in", ("internal", "transit"))])
        result = {}
        for quant in quants:
            key = (quant.lot_id.id, quant.location_id.id)
            result[key] = result.get(key, 0.0) + quant.quantity
        return {key: qty for key, qty in result.items() if abs(qty) > 1e-9}

    def _company_ids(self):
        return [self.company.id]

    @classmethod
    def _manufacture(cls, lot, qty, components, when):
        """Make ``qty`` of ``lot`` (a new batch of its product) from
        ``components``: [(component batch, quantity)] already in WH1/Stock,
        through a manufacturing order, as a user does. Returns the order."""
        product = lot.product_id
        bom = cls.env["mrp.bom"].create({
            "product_tmpl_id": product.product_tmpl_id.id, "product_id": product.id,
            "product_qty": qty, "product_uom_id": product.uom_id.id,
            "bom_line_ids": [(0, 0, {"product_id": comp.product_id.id, "product_qty": comp_qty,
                                     "product_uom_id": comp.product_id.uom_id.id})
                             for comp, comp_qty in components]})
        order = cls.env["mrp.production"].create({
            "product_id": product.id, "product_uom_id": product.uom_id.id, "product_qty": qty,
            "bom_id": bom.id, "location_src_id": cls.stock1.id, "location_dest_id": cls.stock1.id})
        order.action_assign()
        produce = cls.env["mrp.product.produce"].with_context(
            active_id=order.id, active_ids=order.ids).create({"product_qty": qty, "lot_id": lot.id})
        by_product = {comp.product_id: (comp, comp_qty) for comp, comp_qty in components}
        for line in produce.produce_line_ids:
            comp, comp_qty = by_product[line.product_id]
            line.write({"lot_id": comp.id, "qty_done": comp_qty})
        produce.do_produce()
        order.button_mark_done()
        cls._date(order.move_raw_ids | order.move_finished_ids, when)
        return order

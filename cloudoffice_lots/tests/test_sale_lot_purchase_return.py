from .sale_lot_common import SaleLotCase


class TestSaleLotPurchaseReturn(SaleLotCase):
    def test_return_to_supplier_takes_the_received_batch(self):
        supplier = self.env["res.partner"].create({"name": "Hive Partners", "supplier": True})
        purchase = self.env["purchase.order"].create({
            "partner_id": supplier.id,
            "order_line": [(0, 0, {
                "product_id": self.honey.id, "name": "honey", "product_qty": 20,
                "product_uom": self.honey.uom_id.id, "price_unit": 20, "date_planned": "2030-01-01",
                "cloudoffice_supplier_batches": "HP-501",
            })],
        })
        purchase.button_confirm()
        receipt = purchase.picking_ids
        self.deliver(receipt)
        received = self.lot(self.honey, "HP-501")
        self.assertEqual(self.qty_available(self.honey, received), 20.0)
        # H-SOON expires first: a plain reservation would take it, the return must not
        wizard = self.env["stock.return.picking"].with_context(
            active_id=receipt.id, active_ids=receipt.ids).create({})
        wizard.product_return_moves.write({"quantity": 6})
        returned = self.env["stock.picking"].browse(wizard.create_returns()["res_id"])
        self.assertEqual(self.reserved(returned.move_lines), {"HP-501": 6.0})
        self.deliver(returned)
        self.assertEqual(self.qty_available(self.honey, received), 14.0)
        self.assertEqual(self.qty_available(self.honey, self.h_soon), 25.0)

    def test_picker_on_a_return_move_can_choose_another_batch(self):
        suppliers = self.env.ref("stock.stock_location_suppliers")
        picking = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.out_type_id.id, "partner_id": self.customer.id,
            "location_id": self.stock.id, "location_dest_id": suppliers.id,
            "move_lines": [(0, 0, {"name": "back", "product_id": self.phone.id, "product_uom_qty": 2,
                                   "product_uom": self.phone.uom_id.id, "location_id": self.stock.id,
                                   "location_dest_id": suppliers.id})],
        })
        picking.action_confirm()
        picker = self.open_picker(move=picking.move_lines)
        self.set_choice(picker, {self.serials[1]: 1, self.serials[3]: 1})
        picker.action_confirm()
        self.assertEqual(self.reserved(picking.move_lines), {"AP5-0002": 1.0, "AP5-0004": 1.0})

    def lot(self, product, name):
        return self.env["stock.production.lot"].search([("product_id", "=", product.id), ("name", "=", name)])

    def test_supplier_numbers_without_quantity_share_the_rest(self):
        supplier = self.env["res.partner"].create({"name": "Hive Partners", "supplier": True})
        purchase = self.env["purchase.order"].create({
            "partner_id": supplier.id,
            "order_line": [(0, 0, {
                "product_id": self.honey.id, "name": "honey", "product_qty": 10,
                "product_uom": self.honey.uom_id.id, "price_unit": 20, "date_planned": "2030-01-01",
                "cloudoffice_supplier_batches": "A-1: 4\nB-2; C-3",
            })],
        })
        self.assertEqual(purchase.order_line._cloudoffice_supplier_batch_plan(10.0),
                         [("A-1", 4.0), ("B-2", 3.0), ("C-3", 3.0)])
        self.assertEqual(purchase.order_line._cloudoffice_supplier_batch_plan(9.0),
                         [("A-1", 4.0), ("B-2", 2.5), ("C-3", 2.5)])

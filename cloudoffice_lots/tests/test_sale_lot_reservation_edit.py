from odoo.exceptions import UserError

from .sale_lot_common import SaleLotCase


class TestSaleLotReservationEdit(SaleLotCase):
    """A delivery's operation given another batch and another reserved
    quantity in one write (as plain Odoo's way in ``make load`` does, and as
    any client of the API may): the reservation moves whole to the new batch,
    nothing stays behind on the old one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker = cls.env.ref("cloudoffice_lots.user_demo_warehouse")

    def reserved_on_quants(self, lot):
        quants = self.env["stock.quant"].search([("lot_id", "=", lot.id)])
        return sum(quants.mapped("reserved_quantity"))

    def test_batch_and_quantity_written_together_move_the_reservation_whole(self):
        order = self.make_order([(self.honey, 27)])
        order.action_confirm()
        picking = order.picking_ids
        # First expiry first: all of H-SOON, the rest from H-MID.
        self.assertEqual(self.reserved(picking.move_lines), {"H-SOON": 25.0, "H-MID": 2.0})
        # More of H-SOON arrives meanwhile: it has free stock again.
        self.env["stock.quant"]._update_available_quantity(self.honey, self.stock, 5, lot_id=self.h_soon)
        soon_line = picking.move_line_ids.filtered(lambda ml: ml.lot_id == self.h_soon)
        mid_line = picking.move_line_ids - soon_line
        # The warehouse worker puts the whole delivery on H-LATE.
        picking.sudo(self.worker).write({"move_line_ids": [
            (1, soon_line.id, {"lot_id": self.h_late.id, "product_uom_qty": 27}),
            (2, mid_line.id)]})
        self.assertEqual(self.reserved(picking.move_lines), {"H-LATE": 27.0})
        for lot, expected in ((self.h_late, 27.0), (self.h_soon, 0.0), (self.h_mid, 0.0)):
            self.assertEqual(self.reserved_on_quants(lot), expected, lot.name)
        self.deliver(picking)
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.qty_available(self.honey, self.h_late), 13.0)
        self.assertEqual(self.qty_available(self.honey, self.h_soon), 30.0)
        self.assertEqual(self.reserved_on_quants(self.h_soon), 0.0)

    def test_quantity_beyond_the_new_batch_is_refused_and_nothing_moves(self):
        small = self.make_lot(self.honey, "H-SMALL", life_days=250, received_days_ago=3, qty=10)
        order = self.make_order([(self.honey, 4)])
        order.action_confirm()
        line = order.picking_ids.move_line_ids
        self.assertEqual(self.reserved(order.picking_ids.move_lines), {"H-SOON": 4.0})
        with self.assertRaisesRegex(UserError, r"Forest Honey 350 g"):
            with self.env.cr.savepoint():
                line.sudo(self.worker).write({"lot_id": small.id, "product_uom_qty": 12})
        self.env.clear()
        self.assertEqual(self.reserved(order.picking_ids.move_lines), {"H-SOON": 4.0})
        self.assertEqual(self.reserved_on_quants(self.h_soon), 4.0)
        self.assertEqual(self.reserved_on_quants(small), 0.0)

"""Chosen batches/serials through warehouses that deliver in two or three steps
(pick, pack, ship): the first step takes exactly the chosen batches out of
stock, the later steps carry the same ones on to the customer."""
from .sale_lot_common import SaleLotCase


class TestSaleLotMultiStep(SaleLotCase):
    def _steps(self, order):
        """The order's transfers from stock towards the customer, in route order."""
        pickings = order.picking_ids
        first = pickings.filtered(lambda p: p.location_id == self.stock)
        chain = [first]
        while True:
            following = pickings.filtered(lambda p, prev=chain[-1]: p.location_id == prev.location_dest_id
                                          and p not in chain)
            if not following:
                return chain
            chain.append(following)

    def _validate_all(self, order):
        steps = self._steps(order)
        for picking in steps:
            picking.action_assign()
            self.deliver(picking)
            self.assertEqual(picking.state, "done", picking.name)
        return steps

    def test_pick_pack_ship_delivers_exactly_the_chosen_batches(self):
        self.warehouse.delivery_steps = "pick_pack_ship"
        order = self.make_order([(self.honey, 12), (self.phone, 2)])
        honey_line, phone_line = order.order_line
        self.choose(honey_line, {self.h_late: 7, self.h_mid: 5})
        self.choose(phone_line, {self.serials[1]: 1, self.serials[3]: 1})
        order.action_confirm()

        steps = self._steps(order)
        self.assertEqual(len(steps), 3)
        pick = steps[0]
        self.assertEqual(self.reserved(pick.move_lines.filtered(lambda m: m.product_id == self.honey)),
                         {"H-LATE": 7.0, "H-MID": 5.0})
        self.assertEqual(self.reserved(pick.move_lines.filtered(lambda m: m.product_id == self.phone)),
                         {"AP5-0002": 1.0, "AP5-0004": 1.0})

        self._validate_all(order)
        ship = steps[-1]
        self.assertEqual(ship.location_dest_id.usage, "customer")
        shipped = {}
        for ml in ship.move_line_ids:
            shipped[ml.lot_id.name] = shipped.get(ml.lot_id.name, 0.0) + ml.qty_done
        self.assertEqual(shipped, {"H-LATE": 7.0, "H-MID": 5.0, "AP5-0002": 1.0, "AP5-0004": 1.0})
        self.assertEqual(honey_line.qty_delivered, 12)
        # Stock of the chosen batches went down, the others are untouched.
        self.assertEqual(self.qty_available(self.honey, self.h_late), 33)
        self.assertEqual(self.qty_available(self.honey, self.h_mid), 25)
        self.assertEqual(self.qty_available(self.honey, self.h_soon), 25)

    def test_pick_ship_partial_pick_keeps_the_rest_of_the_choice_for_the_backorder(self):
        self.warehouse.delivery_steps = "pick_ship"
        order = self.make_order([(self.honey, 10)])
        self.choose(order.order_line, {self.h_mid: 6, self.h_late: 4})
        order.action_confirm()
        pick = self._steps(order)[0]
        self.deliver(pick, {self.h_mid: 6.0})
        backorder = order.picking_ids.filtered(lambda p: p.backorder_id == pick)
        self.assertTrue(backorder)
        self.assertEqual(self.reserved(backorder.move_lines), {"H-LATE": 4.0})

    def test_without_choice_the_pick_takes_sellable_batches_first_expiry_first(self):
        self.warehouse.delivery_steps = "pick_ship"
        order = self.make_order([(self.honey, 30)])
        order.action_confirm()
        pick = self._steps(order)[0]
        # H-OLD is expired and H-BLOCK blocked: first to expire among the rest.
        self.assertEqual(self.reserved(pick.move_lines), {"H-SOON": 25.0, "H-MID": 5.0})

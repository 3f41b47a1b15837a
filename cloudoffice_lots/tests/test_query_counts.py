"""Documents with many lines cost the add-on no query per line.

Each check runs the same step on a small and a larger document and counts
the SQL queries it sends: the count must not grow with the lines. (How fast
the whole documents go is measured in bench/bench_documents.py.)
"""
import contextlib
import re

from .sale_lot_common import SaleLotCase

SMALL, LARGE = 2, 7


@contextlib.contextmanager
def recorded_queries(cr):
    """The SQL sent through ``cr`` inside the block, in order."""
    queries = []
    execute = cr.execute

    def recording_execute(query, params=None, log_exceptions=None):
        queries.append(query if isinstance(query, str) else query.decode())
        return execute(query, params, log_exceptions)

    cr.execute = recording_execute
    try:
        yield queries
    finally:
        del cr.execute


class TestQueryCounts(SaleLotCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lots = cls.env["stock.production.lot"]
        for index in range(LARGE):
            cls.lots |= cls.make_lot(cls.honey, "QC-%02d" % index, life_days=100 + index, qty=10)

    def _order_with_choices(self, size):
        order = self.make_order([(self.honey, 2)] * size)
        for line, lot in zip(order.order_line, self.lots):
            line.write({"lot_choice_ids": [(0, 0, {"lot_id": lot.id, "quantity": 2})]})
        return order

    def _queries(self, step):
        self.env.cache.invalidate()
        with recorded_queries(self.env.cr) as queries:
            step()
        return queries

    def test_confirmation_checks_the_chosen_batches_at_once(self):
        """Locking and counting the chosen batches' stock when an order is
        confirmed: the same queries for 2 lines as for 7."""
        counts = []
        for size in (SMALL, LARGE):
            lines = self._order_with_choices(size).order_line
            counts.append(len(self._queries(lines._cloudoffice_check_available)))
        self.assertEqual(counts[0], counts[1])

    def test_delivery_walks_its_move_chains_at_once(self):
        """Finding the order line whose batches each move delivers, as the
        reservation and the validation of a delivery do."""
        counts = []
        for size in (SMALL, LARGE):
            order = self._order_with_choices(size)
            order.action_confirm()
            moves = order.picking_ids.move_lines
            self.assertEqual(len(moves), size)
            found = {}
            counts.append(len(self._queries(
                lambda moves=moves, found=found: found.update(moves._cloudoffice_choice_lines()))))
            self.assertEqual(found, {move.id: move.sale_line_id for move in moves})
        self.assertEqual(counts[0], counts[1])

    def test_receipt_looks_up_its_batch_names_at_once(self):
        """A receipt whose lines bring known and new batches: one look-up of
        the known batches for all lines."""
        lookups = []
        for size in (SMALL, LARGE):
            picking = self.env["stock.picking"].create({
                "partner_id": self.customer.id,
                "picking_type_id": self.env.ref("stock.picking_type_in").id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.stock.id,
                "move_lines": [(0, 0, {
                    "name": self.honey.name, "product_id": self.honey.id,
                    "product_uom": self.honey.uom_id.id, "product_uom_qty": 2 * size,
                    "location_id": self.env.ref("stock.stock_location_suppliers").id,
                    "location_dest_id": self.stock.id})]})
            picking.action_confirm()
            move = picking.move_lines
            move.move_line_ids.unlink()
            names = [lot.name for lot in self.lots[:size - 1]] + ["QC-NEW-%d" % size]
            for name in names:
                self.env["stock.move.line"].create({
                    "move_id": move.id, "picking_id": picking.id, "product_id": self.honey.id,
                    "product_uom_id": self.honey.uom_id.id, "qty_done": 2, "lot_name": name,
                    "location_id": move.location_id.id, "location_dest_id": self.stock.id})
            queries = self._queries(picking.move_line_ids._create_lots_from_names)
            lookups.append(len([query for query in queries if re.search(
                r'SELECT "stock_production_lot".id FROM "stock_production_lot"', query)]))
            self.assertEqual(sorted(picking.move_line_ids.mapped("lot_id.name")), sorted(names))
            self.assertEqual(picking.move_line_ids[:size - 1].mapped("lot_id"), self.lots[:size - 1])
        self.assertEqual(lookups, [1, 1])

    def test_one_query_counts_what_each_batch_has_under_each_location(self):
        """The confirmation's one query gives, per (location, batch), what
        the batch picker's query gives for that pair: children of the
        location included, reserved units left out, any batch state."""
        availability = self.env["cloudoffice.lot.availability"]
        self.env["stock.quant"]._update_available_quantity(self.honey, self.shelf, 5.0, lot_id=self.h_late)
        self.env["stock.quant"]._update_reserved_quantity(self.honey, self.stock, 15.0, lot_id=self.h_late)
        honey_lots = self.env["stock.production.lot"].search([("product_id", "=", self.honey.id)])
        pairs = [(location, lot) for location in (self.stock, self.shelf) for lot in honey_lots]
        expected = {}
        for location in (self.stock, self.shelf):
            for lot_id, quantity in availability.available_per_lot(self.honey, location, honey_lots).items():
                expected[(location.id, lot_id)] = quantity
        self.assertEqual(availability.available_per_location_lot(pairs), expected)
        self.assertEqual(expected[(self.stock.id, self.h_late.id)], 30.0)  # 40 + 5 - 15
        self.assertEqual(expected[(self.shelf.id, self.h_late.id)], 5.0)

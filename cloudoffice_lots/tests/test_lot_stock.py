"""Batch Stock: what is in stock now per batch and location, as the warehouse
worker reads the list (one search, like the web client), and only for the
companies the user works in."""
from .common_reports import ReportsCase

COLUMNS = ["product_id", "lot_id", "warehouse_id", "location_id", "life_date", "quantity",
           "reserved_quantity", "uom_id"]


class TestLotStock(ReportsCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse_user = cls.env.ref("cloudoffice_lots.user_demo_warehouse")
        cls.demo_lot = cls.env["stock.production.lot"].search([("name", "=", "F2607-0001")])

    def _rows(self, user, lots):
        rows = self.env["cloudoffice.lot.stock"].sudo(user).search_read(
            [("lot_id", "in", lots.ids)], COLUMNS)
        return {row["location_id"][0]: row for row in rows}

    def test_warehouse_worker_sees_the_demo_batch_per_location(self):
        lot = self.demo_lot
        self.assertEqual(len(lot), 1, "the demo batch F2607-0001 exists")
        before = self._rows(self.warehouse_user, lot)
        self.assertEqual({loc: row["quantity"] for loc, row in before.items()},
                         {loc: qty for (_lot, loc), qty in self._quants(lot).items()})
        self.assertIn(self.stock1.id, before, "the demo batch is in WH/Stock")
        on_hand = before[self.stock1.id]["quantity"]
        self.assertGreater(on_hand, 15)
        # 15 go to a shelf, 5 are reserved for a customer's delivery.
        self._move(lot, 15, self.stock1, self.shelf1, self._day(0))
        delivery = self.env["stock.picking"].create({
            "partner_id": self.customer_a.id, "picking_type_id": self.wh1.out_type_id.id,
            "location_id": self.stock1.id, "location_dest_id": self.customer_loc.id,
            "move_lines": [(0, 0, {
                "name": "Honey", "product_id": lot.product_id.id, "product_uom_qty": 5,
                "product_uom": lot.product_id.uom_id.id, "location_id": self.stock1.id,
                "location_dest_id": self.customer_loc.id})]})
        delivery.action_confirm()
        delivery.action_assign()
        # the worker sets the batch on the operation: Odoo moves the reservation to it
        lines = delivery.move_line_ids
        delivery.write({"move_line_ids": [(1, lines[0].id, {"lot_id": lot.id, "product_uom_qty": 5})]
                        + [(2, line.id) for line in lines[1:]]})
        after = self._rows(self.warehouse_user, lot)
        stock, shelf = after[self.stock1.id], after[self.shelf1.id]
        self.assertEqual((stock["quantity"], stock["reserved_quantity"]), (on_hand - 15, 5))
        self.assertEqual((shelf["quantity"], shelf["reserved_quantity"]), (15, 0))
        for row in (stock, shelf):
            self.assertEqual(row["warehouse_id"][0], self.wh1.id)
            self.assertEqual(row["product_id"][0], lot.product_id.id)
            self.assertEqual(row["life_date"], lot.expiry_day)
            self.assertEqual(row["uom_id"][0], lot.product_id.uom_id.id)

    def test_transit_counts_and_empty_locations_do_not_show(self):
        lot = self._lot(self.honey, "RS-TRANSIT-1")
        self._move(lot, 10, self.supplier_loc, self.stock1, self._day(0))
        self._move(lot, 10, self.stock1, self.transit, self._day(1))
        rows = self._rows(self.warehouse_user, lot)
        self.assertEqual(list(rows), [self.transit.id], "nothing is left in WH/Stock")
        self.assertEqual(rows[self.transit.id]["quantity"], 10)
        self.assertFalse(rows[self.transit.id]["warehouse_id"], "transit is outside any warehouse")

    def test_a_user_sees_only_the_stock_of_their_companies(self):
        other = self.env["res.company"].create({"name": "Nordic Honey Oy"})
        self.env.user.write({"company_ids": [(4, other.id)]})
        other_wh = self.env["stock.warehouse"].create(
            {"name": "Helsinki", "code": "HEL", "company_id": other.id})
        lot = self._lot(self.honey, "RS-OTHER-1", company_id=other.id)
        self._move(lot, 7, self.supplier_loc, other_wh.lot_stock_id, self._day(0))
        other_user = self.env["res.users"].create({
            "name": "Olli Other", "login": "olli.other.lotstock", "company_id": other.id,
            "company_ids": [(6, 0, other.ids)],
            "groups_id": [(6, 0, [self.env.ref("stock.group_stock_user").id])]})
        self.assertFalse(self._rows(self.warehouse_user, lot),
                         "the warehouse worker of the main company sees another company's stock")
        rows = self._rows(other_user, lot)
        self.assertEqual(rows[other_wh.lot_stock_id.id]["quantity"], 7)
        self.assertEqual(rows[other_wh.lot_stock_id.id]["warehouse_id"][0], other_wh.id)
        self.assertFalse(self._rows(other_user, self.demo_lot))

    def test_a_swedish_worker_reads_the_list_in_swedish(self):
        self.env["ir.translation"].load_module_terms(["cloudoffice_lots"], ["sv_SE"])
        stock = self.env["cloudoffice.lot.stock"].sudo(self.warehouse_user).with_context(lang="sv_SE")
        labels = {name: field["string"] for name, field in stock.fields_get(
            ["quantity", "reserved_quantity", "location_id"]).items()}
        self.assertEqual(labels, {"quantity": "I lager", "reserved_quantity": "Reserverat",
                                  "location_id": "Lagerplats"})
        action = self.env.ref("cloudoffice_lots.action_lot_stock").with_context(lang="sv_SE")
        self.assertEqual(action.name, "Batchlager")

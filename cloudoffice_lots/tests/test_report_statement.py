import datetime

from ..reports.queries import lot_statement
from .common_reports import ReportsCase


class TestLotStatement(ReportsCase):
    """The ledger of one batch: every movement with its document, partner,
    in, out and running balance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        d = datetime.timedelta
        day = cls.base_date
        cls.lot = cls._lot(cls.honey, "RS-HONEY")
        cls.receipt = cls._move(cls.lot, 20, cls.supplier_loc, cls.stock1, day, partner=cls.supplier,
                                picking_type=cls.wh1.in_type_id)
        cls.transfer = cls._move(cls.lot, 5, cls.stock1, cls.shelf1, day + d(days=1))
        cls.delivery = cls._move(cls.lot, 1, cls.stock1, cls.customer_loc, day + d(days=2),
                                 uom=cls.dozen, partner=cls.customer_a)
        cls.to_wh2 = cls._move(cls.lot, 3, cls.shelf1, cls.stock2, day + d(days=3))
        inventory = cls.env["stock.inventory"].create({
            "name": "Count RS", "filter": "product", "product_id": cls.honey.id,
            "location_id": cls.stock1.id})
        inventory.action_start()
        inventory.line_ids.filtered(lambda line: line.location_id == cls.stock1).product_qty = 6
        inventory.action_done()
        cls.inventory = inventory
        cls._date(inventory.move_ids, day + d(days=4))
        cls._move(cls.lot, 9, cls.supplier_loc, cls.stock1, day + d(days=3), done=False)

    def test_ledger_rows(self):
        rows = lot_statement.statement(self.env.cr, self.lot.ids, self._company_ids())
        got = [(r["kind"], r["reference"], r["partner_id"], r["qty_in"], r["qty_out"], r["balance"])
               for r in rows]
        self.assertEqual(got, [
            ("receipt", self.receipt.picking_id.name, self.supplier.id, 20, 0, 20),
            ("internal", self.transfer.reference, None, 0, 0, 20),
            ("delivery", self.delivery.picking_id.name, self.customer_a.id, 0, 12, 8),
            ("internal", self.to_wh2.reference, None, 0, 0, 8),
            ("inventory", self.inventory.move_ids.reference, None, 3, 0, 11),
        ])
        self.assertEqual(rows[3]["warehouse_id"], self.wh1.id)
        self.assertEqual(rows[3]["warehouse_dest_id"], self.wh2.id)
        self.assertEqual(rows[4]["inventory_id"], self.inventory.id)
        self.assertEqual(rows[2]["quantity"], 12)

    def test_scope_of_one_warehouse(self):
        """Counting only WH2: the move from WH1 is an in, WH1's own moves
        are left out."""
        rows = lot_statement.statement(self.env.cr, self.lot.ids, self._company_ids(),
                                       warehouse_ids=self.wh2.ids)
        self.assertEqual([(r["kind"], r["qty_in"], r["qty_out"], r["balance"]) for r in rows],
                         [("internal", 3, 0, 3)])

    def test_period_with_opening(self):
        start = self.base_date.replace(hour=0) + datetime.timedelta(days=2)
        end = start + datetime.timedelta(days=1)
        rows = lot_statement.statement(self.env.cr, self.lot.ids, self._company_ids(),
                                       date_from=start, date_to=end)
        self.assertEqual([(r["kind"], r["balance"]) for r in rows], [("delivery", 8)])
        self.assertEqual(lot_statement.opening(self.env.cr, self.lot.ids, self._company_ids(),
                                               date_from=start), {self.lot.id: 20})

    def test_wizard_lines_and_sold_to(self):
        wizard = self.env["cloudoffice.lot.statement.wizard"].create({
            "lot_ids": [(6, 0, self.lot.ids)], "date_from": "2024-03-03"})
        wizard.action_show()
        lines = wizard.line_ids
        self.assertEqual(lines.mapped("kind"), ["opening", "delivery", "internal", "inventory"])
        self.assertEqual(lines[0].balance, 20)
        self.assertEqual(lines[1].picking_id, self.delivery.picking_id)
        self.assertEqual(lines[1].partner_id, self.customer_a)
        self.assertEqual(lines[-1].balance, 11)
        self.assertEqual(wizard.customers(self.lot), [("Shop A", 12.0, "Unit(s)")])

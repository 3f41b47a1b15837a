from ..reports.queries import lot_trace
from .common_reports import ReportsCase


class TestLotTrace(ReportsCase):
    """Flour batch F -> dough batch D1 (and cookie dough C1) -> bread batch
    B1, made through real manufacturing orders; B1, C1 and some flour go to
    customers, one returns."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dough = cls._product("Report Dough", cls.unit)
        cls.cookie = cls._product("Report Cookie Dough", cls.unit)
        cls.bread = cls._product("Report Bread", cls.unit)
        cls.flour_lot = cls._lot(cls.flour, "RT-FLOUR")
        cls.other_flour = cls._lot(cls.flour, "RT-FLOUR-OTHER")
        cls.d1 = cls._lot(cls.dough, "RT-DOUGH-1")
        cls.c1 = cls._lot(cls.cookie, "RT-COOKIE-1")
        cls.b1 = cls._lot(cls.bread, "RT-BREAD-1")
        cls.receipt = cls._move(cls.flour_lot, 10, cls.supplier_loc, cls.stock1, cls._at(0),
                                partner=cls.supplier, picking_type=cls.wh1.in_type_id)
        cls._move(cls.other_flour, 4, cls.supplier_loc, cls.stock1, cls._at(0), partner=cls.supplier,
                  picking_type=cls.wh1.in_type_id)
        cls.mo_dough = cls._manufacture(cls.d1, 8, [(cls.flour_lot, 4)], cls._at(1))
        cls.mo_cookie = cls._manufacture(cls.c1, 6, [(cls.flour_lot, 2)], cls._at(1))
        cls.mo_bread = cls._manufacture(cls.b1, 5, [(cls.d1, 8)], cls._at(2))
        cls._move(cls.b1, 3, cls.stock1, cls.customer_loc, cls._at(3), partner=cls.customer_a)
        cls._move(cls.b1, 2, cls.stock1, cls.customer_loc, cls._at(3), partner=cls.customer_b_store)
        cls._move(cls.b1, 1, cls.customer_loc, cls.stock1, cls._at(4), partner=cls.customer_a,
                  picking_type=cls.wh1.in_type_id)
        cls._move(cls.c1, 6, cls.stock1, cls.customer_loc, cls._at(4), partner=cls.customer_b)
        cls._move(cls.flour_lot, 1, cls.stock1, cls.customer_loc, cls._at(5), partner=cls.customer_a)
        cls._move(cls.other_flour, 4, cls.stock1, cls.customer_loc, cls._at(5), partner=cls.customer_b)

    @classmethod
    def _at(cls, day):
        import datetime
        return cls.base_date + datetime.timedelta(days=day)

    def test_consume_links_are_read_the_right_way(self):
        """Odoo's link: the finished line's consume_line_ids are the lines
        it was made from (stock_move_line_consume_rel.produce_line_id)."""
        finished = self.mo_bread.move_finished_ids.mapped("move_line_ids")
        self.assertEqual(finished.mapped("consume_line_ids.lot_id"), self.d1)

    def test_downstream_batches_at_any_depth(self):
        rows = lot_trace.trace(self.env.cr, self.flour_lot.id, "downstream", self._company_ids())
        got = {(r["lot_id"], r["depth"], r["parent_lot_id"], r["production_id"]) for r in rows}
        self.assertEqual(got, {
            (self.flour_lot.id, 0, None, None),
            (self.d1.id, 1, self.flour_lot.id, self.mo_dough.id),
            (self.c1.id, 1, self.flour_lot.id, self.mo_cookie.id),
            (self.b1.id, 2, self.d1.id, self.mo_bread.id),
        })

    def test_affected_customers_net_of_returns(self):
        rows = lot_trace.affected_customers(self.env.cr, self.flour_lot.id, self._company_ids())
        got = {(r["partner_id"], r["commercial_partner_id"], r["lot_id"]):
               (r["delivered"], r["returned"], r["quantity"]) for r in rows}
        self.assertEqual(got, {
            (self.customer_a.id, self.customer_a.id, self.flour_lot.id): (1, 0, 1),
            (self.customer_a.id, self.customer_a.id, self.b1.id): (3, 1, 2),
            (self.customer_b_store.id, self.customer_b.id, self.b1.id): (2, 0, 2),
            (self.customer_b.id, self.customer_b.id, self.c1.id): (6, 0, 6),
        })
        # The other flour batch went to B only, and nothing was made from it.
        rows = lot_trace.affected_customers(self.env.cr, self.other_flour.id, self._company_ids())
        self.assertEqual([(r["partner_id"], r["quantity"]) for r in rows], [(self.customer_b.id, 4)])

    def test_downstream_moves(self):
        rows = lot_trace.moves(self.env.cr, self.flour_lot.id, "downstream", self._company_ids())
        kinds = sorted((r["kind"], r["lot_id"], r["quantity"]) for r in rows)
        self.assertEqual(kinds, sorted([
            ("consumption", self.flour_lot.id, 4), ("consumption", self.flour_lot.id, 2),
            ("delivery", self.flour_lot.id, 1), ("consumption", self.d1.id, 8),
            ("delivery", self.b1.id, 3), ("delivery", self.b1.id, 2),
            ("customer_return", self.b1.id, 1), ("delivery", self.c1.id, 6),
        ]))

    def test_upstream_to_the_supplier(self):
        rows = lot_trace.trace(self.env.cr, self.b1.id, "upstream", self._company_ids())
        self.assertEqual({(r["lot_id"], r["depth"]) for r in rows},
                         {(self.b1.id, 0), (self.d1.id, 1), (self.flour_lot.id, 2)})
        moves = lot_trace.moves(self.env.cr, self.b1.id, "upstream", self._company_ids())
        receipts = [(r["lot_id"], r["partner_id"], r["quantity"], r["reference"])
                    for r in moves if r["kind"] == "receipt"]
        self.assertEqual(receipts, [(self.flour_lot.id, self.supplier.id, 10,
                                     self.receipt.picking_id.name)])
        self.assertEqual(sorted(r["kind"] for r in moves),
                         ["production", "production", "receipt"])

    def test_wizard_shows_customers_and_counts(self):
        self.env["res.users"].browse(self.env.uid).tz = "UTC"
        action = self.env["cloudoffice.lot.trace.wizard"].action_open_for_lots(self.flour_lot)
        wizard = self.env["cloudoffice.lot.trace.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.customer_count, 2)
        self.assertEqual(wizard.lot_count, 3)
        self.assertEqual(wizard.total_held, 1)
        shop_a = wizard.customer_ids.filtered(lambda c: c.lot_id == self.b1 and
                                              c.partner_id == self.customer_a)
        self.assertEqual((shop_a.quantity, shop_a.email, shop_a.phone),
                         (2, "buyer@shop-a.example", "+46 8 100"))
        self.assertEqual(set(wizard.line_ids.mapped("direction")), {"downstream", "upstream"})

    def test_other_company_cannot_trace(self):
        other = self.env["res.company"].create({"name": "Other Bakery"})
        self.assertEqual(lot_trace.trace(self.env.cr, self.flour_lot.id, "downstream", other.ids), [])
        self.assertEqual(lot_trace.affected_customers(self.env.cr, self.flour_lot.id, other.ids), [])

import datetime
import logging

from odoo.exceptions import ValidationError

from ..reports.queries import lot_balance, snapshots
from .common_reports import ReportsCase
from .test_query_counts import recorded_queries

# (Odoo names its level 25 "INFO": the level is given as a number.)
SNAPSHOT_LOGGER = "odoo.addons.cloudoffice_lots.reports.lot_balance_line"


class TestLotBalance(ReportsCase):
    """Balance by batch at a date and over a period, on a history a user
    would recognise: receipt, shelf transfer, two-step delivery in dozens,
    customer return, scrap, inventory gain, a move to another warehouse
    through transit, and a cancelled receipt that never counts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        day = cls.base_date
        d = datetime.timedelta
        cls.lot = cls._lot(cls.honey, "RB-HONEY-1")
        cls._move(cls.lot, 100, cls.supplier_loc, cls.stock1, day, partner=cls.supplier,
                  picking_type=cls.wh1.in_type_id)
        cls._move(cls.lot, 30, cls.stock1, cls.shelf1, day + d(days=1))
        cls._move(cls.lot, 2, cls.stock1, cls.output1, day + d(days=2), uom=cls.dozen)
        cls._move(cls.lot, 2, cls.output1, cls.customer_loc, day + d(days=3), uom=cls.dozen,
                  partner=cls.customer_a)
        cls._move(cls.lot, 4, cls.customer_loc, cls.stock1, day + d(days=4), partner=cls.customer_a,
                  picking_type=cls.wh1.in_type_id)
        scrap = cls.env["stock.scrap"].create({
            "product_id": cls.honey.id, "lot_id": cls.lot.id, "scrap_qty": 1,
            "location_id": cls.shelf1.id, "product_uom_id": cls.unit.id})
        scrap.action_validate()
        cls._date(scrap.move_id, day + d(days=5))
        cls._move(cls.lot, 5, cls.inventory_loc, cls.stock1, day + d(days=6))
        cls._move(cls.lot, 10, cls.stock1, cls.transit, day + d(days=7))
        cls._move(cls.lot, 10, cls.transit, cls.stock2, day + d(days=8))
        cls._move(cls.lot, 50, cls.supplier_loc, cls.stock1, day + d(days=2), done=False)

    def _balance(self, day, **options):
        rows = lot_balance.balance(
            self.env.cr, date_to=self.base_date.replace(hour=0) + datetime.timedelta(days=day + 1),
            company_ids=self._company_ids(), lot_ids=self.lot.ids, **options)
        return {row["location_id"]: row for row in rows}

    def test_balance_at_end_of_each_day(self):
        closing = {day: {loc: row["closing"] for loc, row in self._balance(day).items()}
                   for day in range(9)}
        s1, sh, out, s2, tr = self.stock1.id, self.shelf1.id, self.output1.id, self.stock2.id, \
            self.transit.id
        self.assertEqual(closing[0], {s1: 100})
        self.assertEqual(closing[1], {s1: 70, sh: 30})
        self.assertEqual(closing[2], {s1: 46, sh: 30, out: 24})
        self.assertEqual(closing[3], {s1: 46, sh: 30})
        self.assertEqual(closing[4], {s1: 50, sh: 30})
        self.assertEqual(closing[5], {s1: 50, sh: 29})
        self.assertEqual(closing[6], {s1: 55, sh: 29})
        self.assertEqual(closing[7], {s1: 45, sh: 29, tr: 10})
        self.assertEqual(closing[8], {s1: 45, sh: 29, s2: 10})
        # Today's balance is what Odoo's quants hold.
        self.assertEqual({(self.lot.id, loc): qty for loc, qty in closing[8].items()},
                         self._quants(self.lot))

    def test_per_warehouse_hides_moves_inside_a_warehouse(self):
        rows = self._balance(8, by_warehouse=True,
                             date_from=self.base_date.replace(hour=0))
        wh1 = rows[self.wh1.view_location_id.id]
        self.assertEqual(wh1["warehouse_id"], self.wh1.id)
        # In: receipt 100 + return 4 + inventory 5; out: delivery 24, scrap 1,
        # 10 to transit. The shelf transfer and the step to Output stay inside.
        self.assertEqual((wh1["opening"], wh1["qty_in"], wh1["qty_out"], wh1["closing"]),
                         (0, 109, 35, 74))
        wh2 = rows[self.wh2.view_location_id.id]
        self.assertEqual((wh2["qty_in"], wh2["closing"]), (10, 10))
        transit = rows[self.transit.id]
        self.assertEqual((transit["warehouse_id"], transit["qty_in"], transit["qty_out"],
                          transit["closing"]), (None, 10, 10, 0))

    def test_period_opening_in_out_closing(self):
        rows = self._balance(3, date_from=self.base_date.replace(hour=0) + datetime.timedelta(days=2))
        stock = rows[self.stock1.id]
        self.assertEqual((stock["opening"], stock["qty_in"], stock["qty_out"], stock["closing"]),
                         (70, 0, 24, 46))
        output = rows[self.output1.id]
        self.assertEqual((output["opening"], output["qty_in"], output["qty_out"], output["closing"]),
                         (0, 24, 24, 0))

    def test_filters(self):
        self.assertEqual(set(self._balance(8, warehouse_ids=self.wh2.ids)), {self.stock2.id})
        self.assertEqual(set(self._balance(8, location_ids=self.shelf1.ids)), {self.shelf1.id})
        self.assertFalse(self._balance(8, product_ids=self.flour.ids))
        self.assertTrue(self._balance(8, categ_ids=self.honey.categ_id.ids))

    def test_other_company_sees_nothing(self):
        other = self.env["res.company"].create({"name": "Other Honey Company"})
        rows = lot_balance.balance(self.env.cr, date_to=datetime.datetime(2030, 1, 1),
                                   company_ids=other.ids, lot_ids=self.lot.ids)
        self.assertEqual(rows, [])

    def test_wizard_fills_lines_in_user_time_zone(self):
        """A move at 23:30 UTC on day 0 is 00:30 on day 1 in Stockholm: at
        the end of day 0 (Stockholm) it has not happened yet."""
        lot = self._lot(self.honey, "RB-TZ")
        self._move(lot, 7, self.supplier_loc, self.stock1, self.base_date.replace(hour=23, minute=30))
        self.env.user.tz = "Europe/Stockholm"
        wizard = self.env["cloudoffice.lot.balance.wizard"].create({
            "date_to": "2024-03-01", "lot_ids": [(6, 0, lot.ids)]})
        action = wizard.action_show()
        self.assertEqual(action["res_model"], "cloudoffice.lot.balance.line")
        self.assertFalse(wizard.line_ids)
        wizard.date_to = "2024-03-02"
        wizard.action_show()
        self.assertEqual(wizard.line_ids.mapped("closing"), [7.0])
        self.assertEqual(wizard.line_ids.location_id, self.stock1)
        self.assertEqual(wizard.line_ids.warehouse_id, self.wh1)
        self.env.user.tz = "UTC"
        wizard.date_to = "2024-03-01"
        wizard.action_show()
        self.assertEqual(wizard.line_ids.mapped("closing"), [7.0])

    def test_wizard_refuses_backwards_period(self):
        with self.assertRaisesRegex(ValidationError, "2024-03-05 is after its end date 2024-03-01"):
            self.env["cloudoffice.lot.balance.wizard"].create({
                "date_from": "2024-03-05", "date_to": "2024-03-01"})

    def test_uom_conversion_grams_to_kilograms(self):
        lot = self._lot(self.flour, "RB-FLOUR")
        self._move(lot, 2, self.supplier_loc, self.stock1, self._day(0))
        self._move(lot, 1500, self.stock1, self.customer_loc, self._day(1), uom=self.gram,
                   partner=self.customer_b)
        rows = lot_balance.balance(self.env.cr, date_to=self._day(2), company_ids=self._company_ids(),
                                   lot_ids=lot.ids)
        self.assertEqual([(row["location_id"], row["closing"], row["uom_id"]) for row in rows],
                         [(self.stock1.id, 0.5, self.kg.id)])

    def test_month_snapshot_forgotten_by_a_back_dated_move(self):
        """A balance in May builds the April and May snapshots; a move
        dated in March, entered afterwards, still counts."""
        lot = self._lot(self.honey, "RB-SNAPSHOT")
        self._move(lot, 10, self.supplier_loc, self.stock1, datetime.datetime(2024, 2, 10))
        may = datetime.datetime(2024, 5, 20)
        rows = lot_balance.balance(self.env.cr, date_to=may, company_ids=self._company_ids(),
                                   lot_ids=lot.ids)
        self.assertEqual([r["closing"] for r in rows], [10])
        self.env.cr.execute("SELECT snapshot_date FROM cloudoffice_lot_snapshot_valid"
                            " WHERE snapshot_date = '2024-05-01'")
        self.assertTrue(self.env.cr.fetchall())
        self._move(lot, 4, self.stock1, self.customer_loc, datetime.datetime(2024, 3, 5),
                   partner=self.customer_a)
        rows = lot_balance.balance(self.env.cr, date_to=may, company_ids=self._company_ids(),
                                   lot_ids=lot.ids)
        self.assertEqual([r["closing"] for r in rows], [6])
        self.env.user.tz = "UTC"
        wizard = self.env["cloudoffice.lot.balance.wizard"].create({
            "date_from": "2024-03-01", "date_to": "2024-05-20", "lot_ids": [(6, 0, lot.ids)]})
        wizard.action_show()
        self.assertEqual([(line.opening, line.qty_in, line.qty_out, line.closing)
                          for line in wizard.line_ids], [(10, 0, 4, 6)])

    def test_the_lines_open_with_their_views_and_search_view(self):
        wizard = self.env["cloudoffice.lot.balance.wizard"].create({
            "date_from": "2024-03-01", "date_to": "2024-03-10", "lot_ids": [(6, 0, self.lot.ids)]})
        self.env.cache.invalidate()
        with recorded_queries(self.env.cr) as queries:
            action = wizard.action_show()
        self.assertEqual((action["type"], action["res_model"]),
                         ("ir.actions.act_window", "cloudoffice.lot.balance.line"))
        self.assertEqual([mode for _view, mode in action["views"]], ["tree", "pivot"])
        self.assertEqual(action["search_view_id"][0],
                         self.env.ref("cloudoffice_lots.view_lot_balance_line_search").id)
        self.assertEqual(action["domain"], [("wizard_id", "=", wizard.id)])
        # the web client loads the views itself: no view is read whole here
        self.assertFalse([q for q in queries if '"ir_ui_view"."arch_db"' in q])

    def test_scheduled_action_prepares_the_month_snapshots(self):
        """The nightly action builds every month's snapshot up to this month,
        saying how far it got; the day's reports then build none."""
        lot = self._lot(self.honey, "RB-NIGHTLY")
        self._move(lot, 10, self.supplier_loc, self.stock1, datetime.datetime(2024, 2, 10))
        self.env.cr.execute("DELETE FROM cloudoffice_lot_snapshot_valid")
        cron = self.env.ref("cloudoffice_lots.ir_cron_lot_balance_snapshots")
        self.assertTrue(cron.active)
        with self.assertLogs(SNAPSHOT_LOGGER, logging.INFO) as logs:
            cron.method_direct_trigger()
        self.env.cr.execute("SELECT snapshot_date FROM cloudoffice_lot_snapshot_valid ORDER BY 1")
        built = [datetime.datetime.strptime(row[0], "%Y-%m-%d %H:%M:%S") for row in self.env.cr.fetchall()]
        now = snapshots.buildable_until(datetime.datetime.utcnow())
        self.assertEqual(built[-1], datetime.datetime(now.year, now.month, 1))
        self.assertIn(datetime.datetime(2024, 3, 1), built)
        months = [(day.year, day.month) for day in built]
        self.assertEqual(months, sorted(set(months)))
        self.assertEqual(len(months), (months[-1][0] - months[0][0]) * 12 + months[-1][1] - months[0][1] + 1,
                         "a month is missing")
        self.assertEqual(len(logs.output), len(built))
        self.assertIn("month snapshot 1 of %d built" % len(built), logs.output[0])
        self.assertIn("month snapshot %d of %d built (%s)" % (len(built), len(built), now.strftime("%Y-%m")),
                      logs.output[-1])
        # Nothing left to build for a report at a past date.
        with self.assertRaises(AssertionError), \
                self.assertLogs(SNAPSHOT_LOGGER, logging.INFO):
            cron.method_direct_trigger()
        rows = lot_balance.balance(self.env.cr, date_to=datetime.datetime(2024, 5, 20),
                                   company_ids=self._company_ids(), lot_ids=lot.ids)
        self.assertEqual([row["closing"] for row in rows], [10])

    def test_user_of_another_company_sees_only_their_batches(self):
        other = self.env["res.company"].create({"name": "Other Honey Company"})
        theirs = self._lot(self.honey, "RB-THEIRS", company_id=other.id)
        self._move(theirs, 3, self.supplier_loc, self.stock2, self._day(1))
        user = self.env["res.users"].create({
            "name": "Other Stock User", "login": "other-stock-user@example.com",
            "company_id": other.id, "company_ids": [(6, 0, other.ids)], "tz": "UTC",
            "groups_id": [(6, 0, [self.env.ref("stock.group_stock_user").id,
                                  self.env.ref("stock.group_production_lot").id])]})
        wizard = self.env["cloudoffice.lot.balance.wizard"].sudo(user).create({"date_to": "2030-01-01"})
        wizard.action_show()
        self.assertEqual(wizard.line_ids.mapped("lot_id.name"), ["RB-THEIRS"])
        self.assertEqual(wizard.line_ids.closing, 3)
        trace = self.env["cloudoffice.lot.trace.wizard"].sudo(user).create({"lot_id": self.lot.id})
        trace._compute_lines()
        self.assertFalse(trace.line_ids)
        self.assertFalse(trace.customer_ids)


class TestLotBalanceNow(ReportsCase):
    """Today's balance is read from the quants; it must be the very rows the
    replay of the done lines gives, for every batch, filter and level."""

    def _both(self, date_to, **filters):
        cr = self.env.cr
        rows = {}
        for sql in (lot_balance.CURRENT_SQL, lot_balance.BALANCE_SQL):
            cr.execute(sql, lot_balance.params(cr, date_to, self._company_ids(), sql=sql, **filters))
            rows[sql] = sorted((tuple(row) for row in cr.fetchall()), key=repr)
        return rows[lot_balance.CURRENT_SQL], rows[lot_balance.BALANCE_SQL]

    def test_quants_give_the_rows_of_the_replay(self):
        lot = self._lot(self.honey, "RB-NOW")
        flour = self._lot(self.flour, "RB-NOW-FLOUR")
        self._move(lot, 40, self.supplier_loc, self.stock1, self._day(0))
        self._move(lot, 2, self.stock1, self.shelf1, self._day(1), uom=self.dozen)
        self._move(lot, 5, self.stock1, self.transit, self._day(2))
        self._move(flour, 3, self.supplier_loc, self.stock1, self._day(0))
        self._move(flour, 1250, self.stock1, self.customer_loc, self._day(1), uom=self.gram,
                   partner=self.customer_b)
        tomorrow = datetime.datetime.utcnow() + datetime.timedelta(days=1)
        self.assertIs(lot_balance.query(self.env.cr, tomorrow), lot_balance.CURRENT_SQL)
        for filters in ({}, {"by_warehouse": True}, {"lot_ids": (lot | flour).ids},
                        {"warehouse_ids": self.wh1.ids}, {"location_ids": self.shelf1.ids},
                        {"product_ids": self.flour.ids}, {"categ_ids": self.honey.categ_id.ids}):
            now, replay = self._both(tomorrow, **filters)
            self.assertTrue(replay, filters)
            self.assertEqual(now, replay, filters)
        rows = lot_balance.balance(self.env.cr, date_to=tomorrow, company_ids=self._company_ids(),
                                   lot_ids=(lot | flour).ids)
        closing = {(row["lot_id"], row["location_id"]): row["closing"] for row in rows}
        self.assertEqual(closing, {(lot.id, self.stock1.id): 11, (lot.id, self.shelf1.id): 24,
                                   (lot.id, self.transit.id): 5, (flour.id, self.stock1.id): 1.75})

    def test_a_line_done_after_the_day_is_replayed(self):
        lot = self._lot(self.honey, "RB-LATER")
        self._move(lot, 9, self.supplier_loc, self.stock1, self._day(0))
        self._move(lot, 4, self.stock1, self.customer_loc, self._day(3), partner=self.customer_a)
        self.assertIs(lot_balance.query(self.env.cr, self._day(2)), lot_balance.BALANCE_SQL)
        rows = lot_balance.balance(self.env.cr, date_to=self._day(2), company_ids=self._company_ids(),
                                   lot_ids=lot.ids)
        self.assertEqual([row["closing"] for row in rows], [9])
        # a period is always replayed: it needs the lines, not only the stock
        self.assertIs(lot_balance.query(self.env.cr, self._day(9), self._day(0)), lot_balance.BALANCE_SQL)

    def test_today_s_balance_asks_once_and_agrees_with_the_batch_stock(self):
        lot = self._lot(self.honey, "RB-TODAY")
        self._move(lot, 12, self.supplier_loc, self.stock1, self._day(0))
        self._move(lot, 5, self.stock1, self.shelf1, self._day(1))
        wizard = self.env["cloudoffice.lot.balance.wizard"].create({"lot_ids": [(6, 0, lot.ids)]})
        with recorded_queries(self.env.cr) as queries:
            wizard.action_show()
        # whether anything was done after today is asked once, for both the
        # preparation and the lines
        self.assertEqual(queries.count(lot_balance.LATER_LINE_SQL), 1)
        balance = {line.location_id.id: line.closing for line in wizard.line_ids}
        self.assertEqual(balance, {self.stock1.id: 7, self.shelf1.id: 5})
        stock = self.env["cloudoffice.lot.stock"].search([("lot_id", "=", lot.id)])
        self.assertEqual({row.location_id.id: row.quantity for row in stock}, balance)

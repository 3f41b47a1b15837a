"""A balance report builds a month snapshot while someone back-dates a done
move line: the report never keeps a snapshot that misses the move.

These tests commit (each transaction must see the other's work), on two
connections interleaved by hand as two Odoo requests would run, under
Odoo's REPEATABLE READ; they remove what they committed at the end.
"""
import datetime
import threading
import time
import unittest
import uuid

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.service import model as rpc_model
from odoo.tests.common import get_db_name
from psycopg2.extensions import TransactionRollbackError

from ..reports.queries import lot_balance

RECEIVED = datetime.datetime(2024, 2, 10, 10, 0)
BACK_DATED = datetime.datetime(2024, 3, 5, 10, 0)
BALANCE_AT = datetime.datetime(2024, 5, 20)


class TestSnapshotRace(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.db = get_db_name()
        self.registry = odoo.registry(self.db)
        self.tag = uuid.uuid4().hex[:8]
        self.product_id = None
        self.addCleanup(self._cleanup)
        self.lot_id, self.delivery_line_id = self._prepare()

    def _prepare(self):
        """Commit 10 units received in February 2024 and 4 delivered today."""
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            product = env["product.product"].create({
                "name": "Snapshot race %s" % self.tag, "type": "product", "tracking": "lot"})
            self.product_id = product.id
            lot = env["stock.production.lot"].create({"name": "SR-%s" % self.tag,
                                                      "product_id": product.id})
            stock = env.ref("stock.warehouse0").lot_stock_id
            receipt = self._done_move(env, lot, 10, env.ref("stock.stock_location_suppliers"), stock)
            receipt.write({"date": fields.Datetime.to_string(RECEIVED)})
            receipt.move_line_ids.write({"date": fields.Datetime.to_string(RECEIVED)})
            delivery = self._done_move(env, lot, 4, stock, env.ref("stock.stock_location_customers"))
            return lot.id, delivery.move_line_ids.id

    @staticmethod
    def _done_move(env, lot, qty, src, dst):
        product = lot.product_id
        move = env["stock.move"].create({
            "name": product.name, "product_id": product.id, "product_uom": product.uom_id.id,
            "product_uom_qty": qty, "location_id": src.id, "location_dest_id": dst.id})
        move._action_confirm()
        env["stock.move.line"].create({
            "move_id": move.id, "product_id": product.id, "product_uom_id": product.uom_id.id,
            "qty_done": qty, "lot_id": lot.id, "location_id": src.id, "location_dest_id": dst.id})
        move._action_done()
        return move

    def _closing(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {})
        rows = lot_balance.balance(cr, date_to=BALANCE_AT, company_ids=env.user.company_ids.ids,
                                   lot_ids=[self.lot_id])
        return [row["closing"] for row in rows]

    def _back_date(self, cr):
        """What a stock manager does: the delivery really went out in March."""
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["stock.move.line"].browse(self.delivery_line_id).write(
            {"date": fields.Datetime.to_string(BACK_DATED)})

    def _fresh_closing(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            return self._closing(cr)

    # -------------------------------------------------------------- tests
    def test_line_back_dated_after_the_report_began(self):
        """The report's transaction has read the database; the back-dated line
        commits; then the report builds the May snapshot. Its view of the
        data predates the line, so it must not keep that snapshot: it fails
        with a serialization failure, which Odoo answers by running the
        request again, and the new attempt counts the delivery."""
        attempts = 0
        with api.Environment.manage(), self.registry.cursor() as builder:
            builder.execute("SELECT COUNT(*) FROM stock_move_line")  # the report has begun
            with self.registry.cursor() as writer:
                self._back_date(writer)
                writer.commit()
            while True:  # as Odoo's request handling does
                attempts += 1
                try:
                    closing = self._closing(builder)
                    builder.commit()
                    break
                except TransactionRollbackError:
                    builder.rollback()
                    self.assertLess(attempts, 5)
        self.assertEqual(self._fresh_closing(), [6.0], "a stale May snapshot was kept")
        self.assertEqual(closing, [6.0])
        self.assertEqual(attempts, 2, "the first attempt could not see the delivery")

    def test_line_back_dated_while_the_snapshot_is_built(self):
        """The report has built the May snapshot (without the March delivery,
        which is not there yet) and not committed; a user back-dates the
        delivery through Odoo's RPC layer. The user waits for the report,
        then Odoo retries the request, which forgets the snapshot."""
        outcome = {}

        def back_date():
            try:
                with api.Environment.manage():
                    rpc_model.execute(self.db, SUPERUSER_ID, "stock.move.line", "write",
                                      [self.delivery_line_id],
                                      {"date": fields.Datetime.to_string(BACK_DATED)})
                outcome["result"] = "ok"
            except Exception as error:  # reported by the assertion below
                outcome["result"] = repr(error)

        with api.Environment.manage(), self.registry.cursor() as builder:
            self.assertEqual(self._closing(builder), [10.0])
            thread = threading.Thread(target=back_date)
            thread.start()
            # The back-dating waits for the report (or, were nothing to stop
            # it, is done before the report commits).
            waited = self._wait_for_a_waiter(thread)
            builder.commit()
        thread.join(120)
        self.assertFalse(thread.is_alive(), "the back-dating hangs")
        self.assertEqual(outcome.get("result"), "ok")
        self.assertEqual(self._fresh_closing(), [6.0], "a stale May snapshot was kept")
        self.assertTrue(waited)

    def _wait_for_a_waiter(self, thread, timeout=20):
        """True once a transaction waits for a lock; False if ``thread`` ended
        without waiting."""
        deadline = time.time() + timeout
        with self.registry.cursor() as watch:
            while time.time() < deadline and thread.is_alive():
                watch.execute("""SELECT count(*) FROM pg_stat_activity
                                  WHERE datname = %s AND wait_event_type = 'Lock'""", (self.db,))
                if watch.fetchone()[0]:
                    return True
                watch.rollback()
                time.sleep(0.05)
        return False

    # ------------------------------------------------------------ cleanup
    def _cleanup(self):
        if not self.product_id:
            return
        with self.registry.cursor() as cr:  # commits when the block ends
            product = (self.product_id,)
            cr.execute("SELECT product_tmpl_id FROM product_product WHERE id IN %s", (product,))
            templates = tuple(row[0] for row in cr.fetchall())
            for query in ("DELETE FROM stock_move_line WHERE product_id IN %s",
                          "DELETE FROM stock_move WHERE product_id IN %s",
                          "DELETE FROM stock_quant WHERE product_id IN %s",
                          "DELETE FROM cloudoffice_lot_snapshot WHERE product_id IN %s",
                          "DELETE FROM stock_production_lot WHERE product_id IN %s",
                          "DELETE FROM product_product WHERE id IN %s"):
                cr.execute(query, (product,))
            cr.execute("DELETE FROM product_template WHERE id IN %s", (templates,))

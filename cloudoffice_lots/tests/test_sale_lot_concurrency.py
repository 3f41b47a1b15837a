"""Two users confirming orders for the last units of a batch, or the same
serial, at the same moment: exactly one succeeds, the other is told why.

These tests commit (the two users need to see each other's work), each in
its own transaction on its own connection, as two Odoo requests would; they
remove what they committed at the end.
"""
import threading
import time
import unittest
import uuid

import odoo
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.service import model as rpc_model
from odoo.tests.common import get_db_name


class TestSaleLotConcurrency(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.db = get_db_name()
        self.registry = odoo.registry(self.db)
        self.tag = uuid.uuid4().hex[:8]
        self.created = {"products": [], "orders": []}
        self.addCleanup(self._cleanup)

    # --------------------------------------------------------------- data
    def _prepare(self, tracking, stock_qty, wanted):
        """Commit a product with one batch/serial holding ``stock_qty`` and two
        quotations that each chose ``wanted`` of it."""
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            product = env["product.product"].create({
                "name": "Concurrent %s %s" % (tracking, self.tag), "type": "product", "tracking": tracking})
            self.created["products"].append(product.id)
            lot = env["stock.production.lot"].create({"name": "C-%s" % self.tag, "product_id": product.id})
            stock = env.ref("stock.warehouse0").lot_stock_id
            env["stock.quant"]._update_available_quantity(product, stock, stock_qty, lot_id=lot)
            partner = env["res.partner"].create({"name": "Customer %s" % self.tag})
            self.created.setdefault("partners", []).append(partner.id)
            orders = env["sale.order"]
            for _index in range(2):
                order = env["sale.order"].create({
                    "partner_id": partner.id,
                    "order_line": [(0, 0, {"product_id": product.id, "name": product.name,
                                           "product_uom_qty": wanted, "product_uom": product.uom_id.id,
                                           "price_unit": 1.0})],
                })
                order.order_line.write({"lot_choice_ids": [(0, 0, {"lot_id": lot.id, "quantity": wanted})]})
                orders |= order
            self.created["orders"] += orders.ids
            return product.id, lot.id, orders.ids

    def _confirm_at_once(self, order_ids, lot_id):
        """Confirm both orders in two threads, through Odoo's RPC layer (which
        retries on serialization failures, as for a user's request).

        The test holds the batch's stock locked until both threads wait for
        it, so both are inside the confirmation at the same time.
        """
        results = {}

        def confirm(order_id):
            try:
                with api.Environment.manage():
                    rpc_model.execute(self.db, SUPERUSER_ID, "sale.order", "action_confirm", [order_id])
                results[order_id] = "ok"
            except UserError as error:
                results[order_id] = error.name

        with self.registry.cursor() as blocker:
            blocker.execute("SELECT id FROM stock_quant WHERE lot_id = %s FOR UPDATE", (lot_id,))
            threads = [threading.Thread(target=confirm, args=(order_id,)) for order_id in order_ids]
            for thread in threads:
                thread.start()
            self._wait_for_waiters(blocker, 2)
            blocker.rollback()  # releases the lock: both threads go on at once
        for thread in threads:
            thread.join(120)
        self.assertFalse(any(thread.is_alive() for thread in threads), "a confirmation hangs")
        return results

    def _wait_for_waiters(self, cr, count, timeout=60):
        deadline = time.time() + timeout
        with self.registry.cursor() as watch:
            while time.time() < deadline:
                watch.execute("""SELECT count(*) FROM pg_stat_activity
                                  WHERE datname = %s AND wait_event_type = 'Lock'""", (self.db,))
                if watch.fetchone()[0] >= count:
                    return
                watch.rollback()
                time.sleep(0.05)
        self.fail("the two confirmations never waited for the batch together")

    def _state(self, product_id, order_ids):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            orders = env["sale.order"].browse(order_ids)
            cr.execute("SELECT SUM(quantity), SUM(reserved_quantity), MIN(quantity) FROM stock_quant q "
                       "JOIN stock_location l ON l.id = q.location_id "
                       "WHERE q.product_id = %s AND l.usage = 'internal'", (product_id,))
            quantity, reserved, smallest = cr.fetchone()
            states = {order.id: order.state for order in orders}
            reserved_on = {order.id: sum(order.picking_ids.mapped("move_line_ids.product_qty"))
                           for order in orders}
            return states, reserved_on, (quantity, reserved, smallest)

    # -------------------------------------------------------------- tests
    def test_last_units_of_a_batch(self):
        product_id, lot_id, order_ids = self._prepare("lot", 5.0, 4.0)
        results = self._confirm_at_once(order_ids, lot_id)
        self.assertEqual(sorted(results.values(), key=lambda r: r != "ok")[0], "ok")
        winner = [order_id for order_id, result in results.items() if result == "ok"]
        loser = [order_id for order_id, result in results.items() if result != "ok"]
        self.assertEqual(len(winner), 1, results)
        expected = (r"Batch/serial C-%s of Concurrent lot %s: 4.0 Unit\(s\) are chosen on .* but only "
                    r"1.0 Unit\(s\) are available" % (self.tag, self.tag))
        self.assertRegex(results[loser[0]], expected)
        states, reserved_on, (quantity, reserved, smallest) = self._state(product_id, order_ids)
        self.assertEqual(states, {winner[0]: "sale", loser[0]: "draft"})
        self.assertEqual(reserved_on, {winner[0]: 4.0, loser[0]: 0})
        self.assertEqual((quantity, reserved), (5.0, 4.0))
        self.assertGreaterEqual(smallest, 0.0)

    def test_same_serial(self):
        product_id, lot_id, order_ids = self._prepare("serial", 1.0, 1.0)
        results = self._confirm_at_once(order_ids, lot_id)
        self.assertEqual(sorted(results.values()).count("ok"), 1, results)
        message = [result for result in results.values() if result != "ok"][0]
        self.assertRegex(message, r"C-%s .*1.0 Unit\(s\) are chosen on .* but only 0.0 Unit\(s\)" % self.tag)
        states, reserved_on, (quantity, reserved, _smallest) = self._state(product_id, order_ids)
        self.assertEqual(sorted(states.values()), ["draft", "sale"])
        self.assertEqual(sorted(reserved_on.values()), [0, 1.0])
        self.assertEqual((quantity, reserved), (1.0, 1.0))

    # ------------------------------------------------------------ cleanup
    def _cleanup(self):
        products, orders = tuple(self.created["products"]), tuple(self.created["orders"])
        if not products:
            return
        with self.registry.cursor() as cr:  # commits when the block ends
            cr.execute("SELECT id FROM stock_picking WHERE sale_id IN %s", (orders,))
            pickings = tuple(row[0] for row in cr.fetchall()) or (0,)
            cr.execute("SELECT procurement_group_id FROM sale_order WHERE id IN %s", (orders,))
            groups = tuple(row[0] for row in cr.fetchall() if row[0]) or (0,)
            cr.execute("SELECT id FROM sale_order_line WHERE order_id IN %s", (orders,))
            lines = tuple(row[0] for row in cr.fetchall()) or (0,)
            statements = [
                ("DELETE FROM cloudoffice_sale_lot_picker WHERE sale_line_id IN %s", lines),
                ("DELETE FROM stock_move_line WHERE product_id IN %s", products),
                ("DELETE FROM stock_move WHERE product_id IN %s", products),
                ("DELETE FROM stock_picking WHERE id IN %s", pickings),
                ("DELETE FROM cloudoffice_sale_line_lot WHERE sale_line_id IN %s", lines),
                ("DELETE FROM sale_order_line WHERE id IN %s", lines),
                ("DELETE FROM sale_order WHERE id IN %s", orders),
                ("DELETE FROM procurement_group WHERE id IN %s", groups),
                ("DELETE FROM stock_quant WHERE product_id IN %s", products),
                ("DELETE FROM stock_production_lot WHERE product_id IN %s", products),
                ("DELETE FROM mail_message WHERE model = 'sale.order' AND res_id IN %s", orders),
                ("DELETE FROM mail_message WHERE model = 'stock.picking' AND res_id IN %s", pickings),
                ("DELETE FROM mail_followers WHERE res_model = 'sale.order' AND res_id IN %s", orders),
                ("DELETE FROM mail_followers WHERE res_model = 'stock.picking' AND res_id IN %s", pickings),
            ]
            for query, ids in statements:
                cr.execute(query, (ids,))
            cr.execute("SELECT product_tmpl_id FROM product_product WHERE id IN %s", (products,))
            templates = tuple(row[0] for row in cr.fetchall())
            cr.execute("DELETE FROM product_product WHERE id IN %s", (products,))
            cr.execute("DELETE FROM product_template WHERE id IN %s", (templates,))
            if self.created.get("partners"):
                cr.execute("DELETE FROM res_partner WHERE id IN %s", (tuple(self.created["partners"]),))

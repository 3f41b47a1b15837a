"""A recall confirmed while the warehouse ships the same batch: no unit of it
leaves after the recall is confirmed, whichever transaction comes first.

These tests commit, each step in its own transaction on its own connection as
two users' requests would, and remove what they committed at the end.
"""
import threading
import unittest
import uuid

import odoo
import psycopg2
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.service import model as rpc_model
from odoo.tests.common import get_db_name


class TestRecallWhileShipping(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.db = get_db_name()
        self.registry = odoo.registry(self.db)
        self.tag = uuid.uuid4().hex[:8]
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.product = env["product.product"].create({
                "name": "Recall race %s" % self.tag, "type": "product", "tracking": "lot"}).id
            product = env["product.product"].browse(self.product)
            lot = env["stock.production.lot"].create({"name": "RR-%s" % self.tag,
                                                      "product_id": product.id})
            self.lot = lot.id
            warehouse = env.ref("stock.warehouse0")
            env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 10,
                                                          lot_id=lot)
            customer = env["res.partner"].create({"name": "Race Customer %s" % self.tag})
            self.partner = customer.id
            picking = env["stock.picking"].create({
                "partner_id": customer.id, "picking_type_id": warehouse.out_type_id.id,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": env.ref("stock.stock_location_customers").id,
                "move_lines": [(0, 0, {"name": product.name, "product_id": product.id,
                                       "product_uom": product.uom_id.id, "product_uom_qty": 4,
                                       "location_id": warehouse.lot_stock_id.id,
                                       "location_dest_id": env.ref("stock.stock_location_customers").id})]})
            picking.action_confirm()
            picking.action_assign()
            picking.move_line_ids.write({"qty_done": 4})
            self.picking = picking.id
            recall = env["cloudoffice.lot.recall"].create({
                "reason": "Race %s" % self.tag, "origin_lot_ids": [(6, 0, [lot.id])]})
            self.recall = recall.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            recall = env["cloudoffice.lot.recall"].browse(self.recall)
            recall.customer_ids.unlink()
            recall.scope_ids.unlink()
            recall.unlink()
            for statement in (
                    "DELETE FROM stock_move_line WHERE product_id = %s",
                    "DELETE FROM stock_move WHERE product_id = %s",
                    "DELETE FROM stock_quant WHERE product_id = %s"):
                cr.execute(statement, (self.product,))
            cr.execute("DELETE FROM stock_picking WHERE id = %s", (self.picking,))
            cr.execute("DELETE FROM stock_production_lot WHERE id = %s", (self.lot,))
            env["product.product"].browse(self.product).product_tmpl_id.unlink()
            env["res.partner"].browse(self.partner).unlink()

    def _state(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            picking = env["stock.picking"].browse(self.picking)
            recall = env["cloudoffice.lot.recall"].browse(self.recall)
            recall.action_compute_scope()
            delivered = sum(recall.customer_ids.mapped("qty_delivered"))
            cr.rollback()
            return picking.state, recall.state, delivered

    def test_a_delivery_begun_before_the_recall_committed_cannot_ship(self):
        """The warehouse opened the delivery before the recall was confirmed and
        validates it after: refused, not shipped."""
        with api.Environment.manage(), self.registry.cursor() as late:
            env = api.Environment(late, SUPERUSER_ID, {})
            env["stock.picking"].browse(self.picking).read(["state"])  # the snapshot begins
            rpc_model.execute(self.db, SUPERUSER_ID, "cloudoffice.lot.recall", "action_confirm",
                              [self.recall])
            with self.assertRaises(psycopg2.extensions.TransactionRollbackError):
                env["stock.picking"].browse(self.picking).button_validate()
            late.rollback()
        # Retried, as Odoo retries a request that met a serialization failure:
        # the recall took the batch out of the delivery, nothing leaves.
        try:
            rpc_model.execute(self.db, SUPERUSER_ID, "stock.picking", "button_validate",
                              [self.picking])
        except UserError:
            pass
        picking_state, recall_state, delivered = self._state()
        self.assertNotEqual(picking_state, "done")
        self.assertEqual((recall_state, delivered), ("confirmed", 0.0))

    def test_delivery_and_recall_at_the_same_moment(self):
        """Both wait on the batch; whichever goes first, the other sees it."""
        outcome = {}

        def run(key, model, method, record_id):
            try:
                with api.Environment.manage():
                    rpc_model.execute(self.db, SUPERUSER_ID, model, method, [record_id])
                outcome[key] = "ok"
            except UserError as error:
                outcome[key] = error.name
            except Exception as error:  # reported by the test below
                outcome[key] = "unexpected: %r" % error

        with self.registry.cursor() as blocker:
            blocker.execute("SELECT id FROM stock_production_lot WHERE id = %s FOR UPDATE",
                            (self.lot,))
            threads = [
                threading.Thread(target=run, args=("ship", "stock.picking", "button_validate",
                                                   self.picking)),
                threading.Thread(target=run, args=("recall", "cloudoffice.lot.recall",
                                                   "action_confirm", self.recall))]
            for thread in threads:
                thread.start()
            blocker.execute("SELECT pg_sleep(1.5)")
            blocker.rollback()
        for thread in threads:
            thread.join(120)
        self.assertEqual(outcome.get("recall"), "ok")
        self.assertNotIn("unexpected", outcome.get("ship", "unexpected: no answer"))
        picking_state, recall_state, delivered = self._state()
        self.assertEqual(recall_state, "confirmed")
        if picking_state == "done":
            # Shipped first: the recall counts it at the customer.
            self.assertEqual(delivered, 4.0)
        else:
            # Recalled first: the batch never left.
            self.assertEqual(delivered, 0.0)

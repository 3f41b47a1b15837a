"""Recalls, as the quality manager runs them: the scope follows every batch
made from the recalled one, confirming blocks it everywhere, customers answer
through a signed link, returns and answers add up on the recall."""
import base64
import datetime
import io
import time

import openpyxl
from odoo.exceptions import AccessError, UserError

from .common_reports import ReportsCase


class RecallCase(ReportsCase):
    """Flour batch -> dough -> bread, and cookie dough, through real
    manufacturing orders; bread, cookies and flour went to customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.dough = cls._product("Recall Dough", cls.unit)
        cls.cookie = cls._product("Recall Cookie Dough", cls.unit)
        cls.bread = cls._product("Recall Bread", cls.unit)
        cls.flour_lot = cls._lot(cls.flour, "RC-FLOUR", supplier_batch="MILL-77")
        cls.other_flour = cls._lot(cls.flour, "RC-FLOUR-OTHER")
        cls.d1 = cls._lot(cls.dough, "RC-DOUGH-1")
        cls.c1 = cls._lot(cls.cookie, "RC-COOKIE-1")
        cls.b1 = cls._lot(cls.bread, "RC-BREAD-1")
        at = cls._at
        cls._move(cls.flour_lot, 10, cls.supplier_loc, cls.stock1, at(0), partner=cls.supplier,
                  picking_type=cls.wh1.in_type_id)
        cls._move(cls.other_flour, 6, cls.supplier_loc, cls.stock1, at(0), partner=cls.supplier,
                  picking_type=cls.wh1.in_type_id)
        cls._manufacture(cls.d1, 8, [(cls.flour_lot, 4)], at(1))
        cls._manufacture(cls.c1, 6, [(cls.flour_lot, 2)], at(1))
        cls._manufacture(cls.b1, 5, [(cls.d1, 8)], at(2))
        cls._move(cls.b1, 3, cls.stock1, cls.customer_loc, at(3), partner=cls.customer_a)
        cls._move(cls.b1, 2, cls.stock1, cls.customer_loc, at(3), partner=cls.customer_b_store)
        cls._move(cls.b1, 1, cls.customer_loc, cls.stock1, at(4), partner=cls.customer_a,
                  picking_type=cls.wh1.in_type_id)
        cls._move(cls.c1, 6, cls.stock1, cls.customer_loc, at(4), partner=cls.customer_b)
        cls._move(cls.flour_lot, 1, cls.stock1, cls.customer_loc, at(5), partner=cls.customer_a)
        cls.quality = env["res.users"].create({
            "name": "Greta Quality", "login": "greta.recall", "email": "greta@example.com",
            "groups_id": [(6, 0, [env.ref("stock.group_stock_manager").id,
                                  env.ref("cloudoffice_lots.group_sell_unsellable_lots").id])]})
        cls.warehouse_user = env["res.users"].create({
            "name": "Walter Warehouse", "login": "walter.recall",
            "groups_id": [(6, 0, [env.ref("stock.group_stock_user").id])]})

    @classmethod
    def _at(cls, day):
        return cls.base_date + datetime.timedelta(days=day)

    def _recall(self, lots=None, **values):
        return self.env["cloudoffice.lot.recall"].sudo(self.quality).create(dict({
            "reason": "Flour contaminated with ergot",
            "origin_lot_ids": [(6, 0, (lots or self.flour_lot).ids)]}, **values))


class TestLotRecall(RecallCase):

    def test_scope_follows_every_batch_made_from_the_recalled_one(self):
        recall = self._recall()
        recall.action_compute_scope()
        levels = {line.lot_id.name: line.depth for line in recall.scope_ids}
        self.assertEqual(levels, {"RC-FLOUR": 0, "RC-DOUGH-1": 1, "RC-COOKIE-1": 1,
                                  "RC-BREAD-1": 2})
        stock = {line.lot_id.name: line.qty_in_stock for line in recall.scope_ids}
        self.assertEqual(stock["RC-FLOUR"], 3.0)   # 10 - 4 - 2 - 1
        self.assertEqual(stock["RC-BREAD-1"], 1.0)  # 5 - 3 - 2 + 1 returned
        received = {(line.partner_id.name, line.lot_id.name): (line.qty_delivered, line.qty_returned)
                    for line in recall.customer_ids}
        self.assertEqual(received, {
            ("Shop A", "RC-BREAD-1"): (3.0, 1.0), ("Shop A", "RC-FLOUR"): (1.0, 0.0),
            ("Shop B Store 2", "RC-BREAD-1"): (2.0, 0.0), ("Shop B", "RC-COOKIE-1"): (6.0, 0.0)})
        self.assertEqual(recall.customer_count, 2)  # Shop B and its store are one customer
        self.assertEqual(recall.qty_shipped, 12.0)
        self.assertEqual(recall.qty_unaccounted, 11.0)
        self.assertGreater(recall.scope_seconds, 0.0)
        self.assertNotIn("RC-FLOUR-OTHER", levels)

    def test_batches_are_found_by_supplier_batch(self):
        recall = self.env["cloudoffice.lot.recall"].sudo(self.quality).create({
            "reason": "Mill recall", "search_supplier_batch": "MILL-77"})
        recall.action_find_batches()
        self.assertEqual(recall.origin_lot_ids, self.flour_lot)
        recall.search_supplier_batch = "NO-SUCH-BATCH"
        with self.assertRaisesRegex(UserError, "No batch or serial number matches"):
            recall.action_find_batches()

    def test_confirming_blocks_the_scope_and_frees_reservations(self):
        delivery = self.env["stock.picking"].create({
            "partner_id": self.customer_a.id, "picking_type_id": self.wh1.out_type_id.id,
            "location_id": self.stock1.id, "location_dest_id": self.customer_loc.id,
            "move_lines": [(0, 0, {"name": "flour", "product_id": self.flour.id,
                                   "product_uom": self.kg.id, "product_uom_qty": 5,
                                   "location_id": self.stock1.id,
                                   "location_dest_id": self.customer_loc.id})]})
        delivery.action_confirm()
        delivery.action_assign()
        self.assertIn(self.flour_lot, delivery.move_line_ids.mapped("lot_id"))
        recall = self._recall()
        recall.action_confirm()
        self.assertEqual(recall.state, "confirmed")
        for lot in recall.scope_ids.mapped("lot_id"):
            self.assertEqual(lot.release_state, "blocked", lot.name)
            self.assertIn(recall.name, lot.quality_block_reason)
        # The delivery now holds only the flour that is not recalled.
        self.assertEqual(delivery.move_line_ids.mapped("lot_id"), self.other_flour)
        self.assertEqual(sum(delivery.move_line_ids.mapped("product_qty")), 5.0)
        # Nobody lifts the block while the recall runs.
        with self.assertRaisesRegex(UserError, "RC-FLOUR is recalled"):
            self.flour_lot.sudo(self.quality).action_quality_unblock()
        with self.assertRaisesRegex(UserError, "cannot be done now"):
            recall.action_confirm()

    def test_a_warehouse_user_cannot_start_or_change_a_recall(self):
        with self.assertRaises(AccessError):
            self.env["cloudoffice.lot.recall"].sudo(self.warehouse_user).create(
                {"reason": "x", "origin_lot_ids": [(6, 0, self.flour_lot.ids)]})

    def test_customers_answer_through_their_signed_link(self):
        recall = self._recall()
        recall.action_confirm()
        recall.action_notify_customers()
        line = recall.customer_ids.filtered(lambda c: c.partner_id == self.customer_a)[0]
        self.assertTrue(line.notified_at)
        mail = self.env["mail.mail"].search([("model", "=", line._name), ("res_id", "=", line.id)])
        self.assertEqual(len(mail), 1)
        self.assertIn("/cloudoffice_lots/recall/answer/", mail.body_html)
        self.assertEqual(len(mail.attachment_ids), 1)
        token = line.cloudoffice_answer_token()
        lines = self.env["cloudoffice.lot.recall.customer"].cloudoffice_from_token(token)
        self.assertEqual(sorted(lines.mapped("lot_id.name")), ["RC-BREAD-1", "RC-FLOUR"])
        bread = lines.filtered(lambda c: c.lot_id == self.b1)
        flour = lines - bread
        with self.assertRaisesRegex(UserError, "RC-BREAD-1: you received 2"):
            lines.cloudoffice_record_answer({bread.id: (2.0, 1.0), flour.id: (0.0, 1.0)}, "")
        lines.cloudoffice_record_answer({bread.id: (1.0, 1.0), flour.id: (0.0, 1.0)}, "All apart")
        self.assertEqual(bread.state, "answered")
        self.assertEqual(bread.qty_unaccounted, 0.0)
        self.assertEqual(recall.answered_count, 1)
        self.assertEqual(recall.qty_destroyed, 2.0)

    def test_notices_to_many_customers_go_out_in_steps_in_the_background(self):
        self.quality.company_id.cloudoffice_background_threshold = 100  # one notice's weight
        self.customer_b.email = "buyer@shop-b.example"
        self.customer_b_store.email = "store2@shop-b.example"
        recall = self._recall()
        recall.action_confirm()
        action = recall.sudo(self.quality).action_notify_customers()
        self.assertEqual(action["res_model"], "cloudoffice.lot.background.task")
        task = self.env["cloudoffice.lot.background.task"].browse(action["res_id"])
        self.assertEqual((task.kind, task.total_count, task.user_id), ("recall_notices", 3, self.quality))
        self.assertFalse(recall.customer_ids.filtered("notified_at"))
        payload = {"recall_id": recall.id}
        task = task.sudo(self.quality)
        # A step whose time is up still tells one customer, and the next goes on after it.
        first = task._cloudoffice_step_recall_notices(payload, {}, time.time() - 1)
        self.assertEqual(first["done"], 1)
        self.assertEqual(len(recall.customer_ids.filtered("notified_at").mapped("partner_id")), 1)
        last = task._cloudoffice_step_recall_notices(payload, first["position"], time.time() + 60)
        self.assertEqual(last, {"result": (None, None)})
        self.assertTrue(all(recall.customer_ids.mapped("notified_at")))
        mails = self.env["mail.mail"].search([("model", "=", "cloudoffice.lot.recall.customer"),
                                              ("res_id", "in", recall.customer_ids.ids)])
        self.assertEqual(len(mails), 3)  # one notice per customer, none twice
        self.assertIn("Notices sent to 3 customers", recall.message_ids[0].body)

    def test_forged_and_expired_links_are_refused(self):
        recall = self._recall()
        recall.action_confirm()
        line = recall.customer_ids[0]
        Customer = self.env["cloudoffice.lot.recall.customer"]
        token = line.cloudoffice_answer_token()
        line_id, expires, signature = token.split("-", 2)
        forged = "%s-%s-%s" % (line_id, int(expires) + 86400, signature)
        other = "%d-%s-%s" % (recall.customer_ids[1].id, expires, signature)
        for bad in (forged, other, "garbage", ""):
            with self.assertRaisesRegex(UserError, "not valid"):
                Customer.cloudoffice_from_token(bad)
        past = int(time.time()) - 10
        expired = "%d-%d-%s" % (line.id, past, line._cloudoffice_signature(past))
        with self.assertRaisesRegex(UserError, "expired"):
            Customer.cloudoffice_from_token(expired)

    def test_a_return_brings_the_batch_back_and_counts_as_recovered(self):
        recall = self._recall()
        recall.action_confirm()
        line = recall.customer_ids.filtered(
            lambda c: c.partner_id == self.customer_b and c.lot_id == self.c1)
        line.sudo(self.quality).action_create_return()
        picking = line.return_picking_id
        self.assertEqual(picking.move_line_ids.mapped("lot_id"), self.c1)
        self.assertEqual(picking.move_line_ids.qty_done, 6.0)
        picking.sudo(self.quality).button_validate()
        self.assertEqual(picking.state, "done")
        recall.action_compute_scope()
        self.assertEqual(line.qty_returned, 6.0, [
            (ml.lot_id.name, ml.qty_done, ml.state, ml.picking_id.name, ml.location_id.usage)
            for ml in self.env["stock.move.line"].search([("lot_id", "=", self.c1.id)])])
        self.assertEqual(recall.qty_recovered, 7.0)  # and the bread Shop A sent back before
        # Back in stock, still blocked.
        self.assertEqual(self.c1.release_state, "blocked")

    def test_units_held_apart_and_then_returned_are_counted_once(self):
        recall = self._recall()
        recall.action_confirm()
        line = recall.customer_ids.filtered(
            lambda c: c.partner_id == self.customer_b and c.lot_id == self.c1)
        self.assertEqual(line.qty_delivered, 6.0)
        line.cloudoffice_record_answer({line.id: (2.0, 0.0)}, "Two left in our cold store")
        self.assertEqual(line.qty_unaccounted, 4.0)
        line.sudo(self.quality).action_create_return()  # the two held apart come back
        line.return_picking_id.sudo(self.quality).button_validate()
        recall.action_compute_scope()
        self.assertEqual((line.qty_returned, line.qty_held), (2.0, 2.0))
        self.assertEqual(line.qty_unaccounted, 4.0)  # still four nobody accounted for

    def test_finding_the_scope_again_keeps_answers_and_adds_new_deliveries(self):
        recall = self._recall()
        recall.action_compute_scope()
        line = recall.customer_ids.filtered(
            lambda c: c.partner_id == self.customer_b and c.lot_id == self.c1)
        line.sudo(self.quality).write({"qty_held": 2.0, "qty_destroyed": 1.0})
        # Flour delivered to Shop B while the recall was being prepared.
        self._move(self.flour_lot, 2, self.stock1, self.customer_loc, self._at(6),
                   partner=self.customer_b)
        recall.sudo(self.quality).action_compute_scope()
        self.assertTrue(line.exists())
        self.assertEqual((line.qty_delivered, line.qty_held, line.qty_destroyed), (6.0, 2.0, 1.0))
        self.assertEqual(line.qty_unaccounted, 3.0)
        received = {(c.partner_id.name, c.lot_id.name): c.qty_delivered
                    for c in recall.customer_ids}
        self.assertEqual(received[("Shop B", "RC-FLOUR")], 2.0)
        self.assertEqual(len(received), 5)
        self.assertEqual(recall.qty_shipped, 14.0)
        self.assertEqual(recall.qty_destroyed, 1.0)
        self.assertEqual(recall.qty_unaccounted, 10.0)  # 14 - 1 returned - 1 destroyed - 2 held

    def test_goods_delivered_without_an_address_are_pointed_out(self):
        self._move(self.flour_lot, 1, self.stock1, self.customer_loc, self._at(6))
        recall = self._recall()
        recall.action_compute_scope()
        self.assertEqual(len(recall.customer_ids), 4)  # nobody to notify for that one
        self.assertIn("RC-FLOUR", recall.message_ids[0].body)
        self.assertIn("without a delivery address", recall.message_ids[0].body)

    def test_mock_recall_times_the_scope_and_changes_nothing(self):
        recall = self._recall(is_mock=True)
        recall.action_confirm()
        self.assertEqual(recall.state, "closed")
        self.assertEqual(self.flour_lot.release_state, "released")
        self.assertFalse(self.flour_lot.quality_block)
        self.assertEqual(recall.lot_count, 4)
        self.assertIn("Mock recall", recall.message_ids[0].body)
        html = self.env.ref("cloudoffice_lots.action_report_lot_recall").render_qweb_html(
            recall.ids)[0].decode()
        self.assertIn("Mock recall", html)
        self.assertIn("RC-BREAD-1", html)
        self.assertIn("Shop B Store 2", html)

    def test_empty_and_foreign_scopes_are_refused(self):
        recall = self.env["cloudoffice.lot.recall"].sudo(self.quality).create({"reason": "x"})
        with self.assertRaisesRegex(UserError, "has no batch or serial number"):
            recall.action_confirm()
        other_company = self.env["res.company"].create({"name": "Other Foods AB"})
        foreign = self.env["stock.production.lot"].create({
            "name": "RC-FOREIGN", "product_id": self.flour.id, "company_id": other_company.id})
        # The quality manager cannot even pick it (record rules); whoever can
        # see both companies still cannot recall it from this one.
        recall = self.env["cloudoffice.lot.recall"].create({
            "reason": "x", "origin_lot_ids": [(6, 0, foreign.ids)]})
        with self.assertRaisesRegex(UserError, "belongs to another company"):
            recall.action_compute_scope()
        self.assertFalse(recall.scope_ids)

    def test_closing_report_tells_the_whole_story(self):
        recall = self._recall()
        recall.action_confirm()
        recall.action_close()
        self.assertEqual(recall.state, "closed")
        html = self.env.ref("cloudoffice_lots.action_report_lot_recall").render_qweb_html(
            recall.ids)[0].decode()
        for text in (recall.name, "Flour contaminated with ergot", "RC-FLOUR", "RC-COOKIE-1",
                     "Shop A", "Recall confirmed", "Recall closed"):
            self.assertIn(text, html)


class TestFsmaExport(RecallCase):
    """The FDA's sortable spreadsheet of the same flour, dough and bread."""

    def test_bread_batch_export_has_every_critical_tracking_event(self):
        wizard = self.env["cloudoffice.lot.fsma.export"].sudo(self.warehouse_user).create(
            {"lot_ids": [(6, 0, self.d1.ids)]})
        action = wizard.action_export()
        self.assertIn("fsma204_RC-DOUGH-1.xlsx", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.export_file)))
        sheet = book["Traceability"]
        rows = list(sheet.iter_rows(values_only=True))
        header, rows = rows[0], rows[1:]
        self.assertEqual(header[:3], ("Critical Tracking Event", "Event Date (UTC)",
                                      "Traceability Lot Code"))
        events = {(row[0], row[2]) for row in rows}
        # Upstream: the flour received and the dough made from it; downstream:
        # the bread made from the dough, shipped to two customers.
        self.assertIn(("Receiving", "RC-FLOUR"), events)
        self.assertIn(("Transformation", "RC-DOUGH-1"), events)
        self.assertIn(("Transformation", "RC-BREAD-1"), events)
        shipped = [row for row in rows if row[0] == "Shipping" and row[2] == "RC-BREAD-1"]
        recipients = sorted(row[9] for row in shipped)
        self.assertEqual(len(recipients), 2)
        self.assertTrue(recipients[0].startswith("Shop A"), recipients)
        self.assertTrue(recipients[1].startswith("Shop B, Shop B Store 2"), recipients)
        bread = [row for row in rows if row[0] == "Transformation" and row[2] == "RC-BREAD-1"][0]
        self.assertEqual(bread[10], "RC-DOUGH-1")
        self.assertEqual(bread[5], 5.0)
        self.assertIsNotNone(rows[0][1].year)  # dates are dates, so the sheet sorts


def test_fsma204_doctests():
    """The spreadsheet module's examples hold (and there are some)."""
    import doctest

    from ..reports import fsma204
    result = doctest.testmod(fsma204)
    assert result.attempted >= 4 and not result.failed, result

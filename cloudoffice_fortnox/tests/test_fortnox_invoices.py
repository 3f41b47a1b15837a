"""An accountant's invoices reach the fake Fortnox with their batches and
serials, exactly once, in order after an outage, with Fortnox's own message
when it refuses one."""
import datetime

from odoo import fields
from odoo.addons.queue_job.job import Job
from odoo.exceptions import UserError

from .common import FortnoxCase


class TestFortnoxInvoices(FortnoxCase):
    def send(self, invoice):
        invoice.action_fortnox_send()
        self.assertEqual(self.env["queue.job"].search_count([
            ("uuid", "=", invoice.fortnox_binding_id.job_uuid), ("channel", "=", "root.fortnox")]), 1)
        self.run_jobs()
        invoice.invalidate_cache()
        return invoice

    def fortnox_invoice(self, invoice):
        matches = [v for v in self.fake.invoices.values() if v["ExternalInvoiceReference1"] == invoice.number]
        self.assertEqual(len(matches), 1, "exactly one Fortnox invoice for %s" % invoice.number)
        return matches[0]

    def test_invoice_arrives_with_batch_and_serial_text_rows(self):
        invoice = self.send(self.sell_and_invoice([(self.honey, 12), (self.phone, 30)]))
        self.assertEqual(invoice.fortnox_state, "done")
        sent = self.fortnox_invoice(invoice)
        self.assertEqual(invoice.fortnox_number, sent["DocumentNumber"])
        self.assertEqual(sent["CustomerNumber"], "K-1001")
        rows = [(r.get("ArticleNumber"), r["Description"], r["DeliveredQuantity"])
                for r in sent["InvoiceRows"]]
        best_before = self.lot.use_date[:10]
        self.assertEqual(rows[0], ("FH-350", "Forest Honey 350 g", "12"))
        self.assertEqual(rows[1], (None, "Batch L-2301 x 12, best before %s" % best_before, "0"))
        self.assertEqual(rows[2][:1] + rows[2][2:], ("AP5", "30"))
        serial_rows = rows[3:]
        self.assertTrue(serial_rows and all(r[0] is None and r[2] == "0" for r in serial_rows))
        self.assertTrue(all(len(r[1]) <= 255 for r in serial_rows))
        listed = [n for r in serial_rows for n in r[1].replace("Serial numbers: ", "").split(", ")]
        self.assertEqual(sorted(listed), sorted(self.serials.mapped("name")))  # none cut, none lost
        self.assertEqual(len(serial_rows), 3)  # 30 serials of 15 characters: packed into 3 rows
        self.assertEqual(sent["Total"], 12 * 59.0 + 30 * 4990.0)
        self.assertEqual(self.fake.customers["K-1001"]["Name"], "Deli Norr AB")
        self.assertEqual(sorted(self.fake.articles), ["AP5", "FH-350"])

    def test_dropped_connection_after_store_sends_exactly_once(self):
        invoice = self.sell_and_invoice([(self.honey, 2)])
        self.fake.drop_after_store(1, "/3/invoices")
        self.send(invoice)
        binding = invoice.fortnox_binding_id
        self.assertEqual(binding.state, "waiting")
        self.assertIn("could not be reached", binding.last_error)
        self.assertEqual(len(self.fake.invoices), 1)  # Fortnox stored it before the line dropped
        self.run_jobs()  # the job scheduled itself again
        invoice.invalidate_cache()
        self.assertEqual(invoice.fortnox_state, "done")
        self.assertEqual(invoice.fortnox_number, self.fortnox_invoice(invoice)["DocumentNumber"])
        self.assertEqual(len(self.fake.invoices), 1)

    def test_job_of_a_killed_worker_is_sent_again_exactly_once(self):
        invoice = self.sell_and_invoice([(self.honey, 2)])
        invoice.action_fortnox_send()
        record = self.env["queue.job"].search([("uuid", "=", invoice.fortnox_binding_id.job_uuid)])
        job = Job.load(self.env, record.uuid)
        job.set_started()
        job.store()
        self.env.cr.execute("SAVEPOINT worker")
        job.perform()
        # Killed before its transaction committed: Fortnox has the invoice,
        # Odoo still shows it waiting, and its job stays "started".
        self.env.cr.execute("ROLLBACK TO SAVEPOINT worker")
        self.env.clear()
        self.assertEqual(len(self.fake.invoices), 1)
        self.assertEqual((record.state, invoice.fortnox_state), ("started", "waiting"))
        Jobs = self.env["queue.job"]
        record.date_started = fields.Datetime.to_string(datetime.datetime.utcnow() - datetime.timedelta(
            seconds=Jobs._cloudoffice_lost_after_seconds() + 1))
        self.assertEqual(Jobs._cron_cloudoffice_requeue_lost_jobs(), 1)
        self.assertEqual(self.run_jobs(), 1)
        invoice.invalidate_cache()
        self.assertEqual(invoice.fortnox_state, "done")
        self.assertEqual(invoice.fortnox_number, self.fortnox_invoice(invoice)["DocumentNumber"])
        self.assertEqual(len(self.fake.invoices), 1)

    def test_long_outage_then_catch_up_in_order(self):
        self.fake.fail_next(10 ** 6, 503)
        invoices = [self.sell_and_invoice([(self.honey, 1)], date="2026-01-%02d" % day) for day in (5, 6, 7)]
        for invoice in invoices:
            invoice.action_fortnox_send()
        for _round in range(3):
            self.run_jobs()
        states = [inv.fortnox_binding_id for inv in invoices]
        self.assertEqual([b.state for b in states], ["waiting"] * 3)
        self.assertIn("could not be reached", states[0].last_error)
        self.assertEqual(states[0].fortnox_message, "Internt fel")
        self.assertIn("reach Fortnox first", states[2].last_error)
        self.assertEqual(self.fake.invoices, {})
        self.fake.clear_faults()  # Fortnox is back; nobody presses a button
        for _round in range(4):
            self.run_jobs()
        for invoice in invoices:
            invoice.invalidate_cache()
        self.assertEqual([inv.fortnox_state for inv in invoices], ["done"] * 3)
        numbers = [int(inv.fortnox_number) for inv in invoices]
        self.assertEqual(numbers, sorted(numbers))  # in the order of the invoices

    def test_refusal_shows_fortnox_message_and_retry_sends(self):
        self.backend.sales_account = 99999
        invoice = self.send(self.sell_and_invoice([(self.honey, 3)]))
        binding = invoice.fortnox_binding_id
        self.assertEqual(invoice.fortnox_state, "failed")
        self.assertIn("correct it and press Retry", invoice.fortnox_error)
        self.assertEqual(invoice.fortnox_message, "Kontot hittades inte.")
        failed = self.env["fortnox.binding"].sudo(self.accountant).search(
            [("state", "in", ("failed", "refused"))])
        self.assertIn(binding, failed)
        self.backend.sales_account = 3001
        binding.sudo(self.accountant).action_retry()
        self.run_jobs()
        invoice.invalidate_cache()
        self.assertEqual(invoice.fortnox_state, "done")

    def test_change_after_sending_updates_until_booked(self):
        invoice = self.send(self.sell_and_invoice([(self.honey, 4)]))
        number = invoice.fortnox_number
        binding = invoice.fortnox_binding_id
        binding.sent_at = "2000-01-01 00:00:00"  # sent earlier: this test runs in one transaction
        invoice.sudo().name = "PO 4711"  # the customer's reference, changed after sending
        self.env["fortnox.backend"]._cron_enqueue()
        self.run_jobs()
        self.assertEqual(self.fake.invoices[number]["YourReference"], "PO 4711")
        self.assertEqual(invoice.fortnox_binding_id.state, "done")
        binding.sent_at = "2000-01-01 00:00:00"
        invoice.sudo().comment = "Touched, but nothing Fortnox sees"
        self.env["fortnox.backend"]._cron_enqueue()
        self.fake.log[:] = []
        self.run_jobs()
        self.assertEqual(invoice.fortnox_binding_id.state, "done")
        self.assertEqual([e for e in self.fake.log if e[1] == "PUT"], [])
        self.fake.invoices[number]["Booked"] = True  # booked in Fortnox
        binding.sent_at = "2000-01-01 00:00:00"
        invoice.sudo().name = "PO 4712"
        self.env["fortnox.backend"]._cron_enqueue()
        self.run_jobs()
        invoice.invalidate_cache()
        self.assertEqual(invoice.fortnox_state, "refused")
        self.assertIn("Create a refund", invoice.fortnox_error)
        self.assertEqual(self.fake.invoices[number]["YourReference"], "PO 4711")
        invoice.journal_id.sudo().update_posted = True
        with self.assertRaisesRegex(UserError, "booked in Fortnox as invoice %s" % number):
            invoice.action_invoice_cancel()

    def test_scheduled_action_sends_new_invoices(self):
        invoice = self.sell_and_invoice([(self.honey, 1)])
        self.env["fortnox.backend"]._cron_enqueue()
        self.run_jobs()
        invoice.invalidate_cache()
        self.assertEqual(invoice.fortnox_state, "done")
        self.env["fortnox.backend"]._cron_enqueue()  # nothing changed: nothing new
        self.assertEqual(self.run_jobs(), 0)


class TestFortnoxSupplierInvoices(FortnoxCase):
    def test_supplier_invoice_carries_batches_in_transaction_information(self):
        supplier = self.env["res.partner"].create({"name": "Biodlarna Norr AB", "supplier": True,
                                                   "ref": "L-2001"})
        order = self.env["purchase.order"].create({"partner_id": supplier.id, "order_line": [(0, 0, {
            "product_id": self.honey.id, "name": self.honey.name, "product_qty": 24, "price_unit": 30.0,
            "product_uom": self.honey.uom_id.id, "date_planned": "2026-12-01 10:00:00"})]})
        order.button_confirm()
        receipt = order.picking_ids
        for ml in receipt.move_line_ids:
            ml.write({"lot_name": "IN-2612", "qty_done": 24})
        receipt.button_validate()
        bill = self.env["account.invoice"].sudo(self.accountant).create({
            "type": "in_invoice", "partner_id": supplier.id, "reference": "F-88123"})
        bill.purchase_id = order
        bill.purchase_order_change()
        bill.action_invoice_open()
        bill.action_fortnox_send()
        self.run_jobs()
        bill.invalidate_cache()
        self.assertEqual(bill.fortnox_state, "done")
        sent = self.fake.supplier_invoices[bill.fortnox_number]
        self.assertEqual((sent["SupplierNumber"], sent["InvoiceNumber"]), ("L-2001", "F-88123"))
        product_row = sent["SupplierInvoiceRows"][0]
        self.assertEqual((product_row["ArticleNumber"], product_row["Quantity"]), ("FH-350", 24))
        self.assertEqual(product_row["TransactionInformation"], "Batch IN-2612 x 24")
        self.assertIn("FH-350: Batch IN-2612 x 24", sent["Comments"])
        self.assertEqual(self.fake.suppliers["L-2001"]["Name"], "Biodlarna Norr AB")
        # sent again (a retry after a lost answer): found, not duplicated
        bill.fortnox_binding_id.write({"fortnox_number": False, "state": "waiting"})
        bill.fortnox_binding_id.export()
        self.assertEqual(len(self.fake.supplier_invoices), 1)

"""Sending one document: the queue job behind every binding.

Exactly once: a document is created in Fortnox only after looking up its
reference (``ExternalInvoiceReference1``, or supplier + invoice number),
compared exactly; so a time-out or a crash after Fortnox stored it, before
we recorded it, finds it the next time instead of sending it twice.
In order: a document waits while an older one of its connection waits.
Outages: a failure Fortnox may recover from leaves the binding waiting
with the reason, and the job schedules itself again with growing delays.
"""
import logging

from odoo import _, fields, models
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import job
from odoo.exceptions import UserError

from ..client import FortnoxAuthError, FortnoxError
from ..mappers import MappingError, map_customer_invoice, map_supplier_invoice, payload_hash
from .fortnox_binding import DOCUMENT_KINDS

_logger = logging.getLogger(__name__)
LOCK_NAMESPACE = 7402  # pg advisory locks of this add-on: (namespace, binding id)
MAX_DELAY = 1800


class FortnoxBindingExport(models.Model):
    _inherit = "fortnox.binding"

    @job(default_channel="root.fortnox")
    def export(self):
        """Send this document to Fortnox (a queue job; safe to run again)."""
        self.ensure_one()
        self.env.cr.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", (LOCK_NAMESPACE, self.id))
        if not self.env.cr.fetchone()[0]:
            raise RetryableJobError("Another worker is sending this document.", seconds=10)
        record = self.record()
        if not record:
            self._set_failed(_("The Odoo document no longer exists."))
            return False
        older = self.search([
            ("backend_id", "=", self.backend_id.id), ("kind", "in", DOCUMENT_KINDS),
            ("state", "=", "waiting"), ("id", "!=", self.id), "|",
            ("document_date", "<", self.document_date),
            "&", ("document_date", "=", self.document_date), ("id", "<", self.id)], limit=1)
        if older and self.document_date:
            return self._set_waiting(_("Waiting for %(document)s to reach Fortnox first.")
                                     % {"document": older.name}, None)
        self.attempts += 1
        try:
            client = self.backend_id._client()
            getattr(self, "_export_%s" % self.kind)(client, record)
        except FortnoxAuthError as error:
            return self._set_waiting(
                _("Fortnox did not accept the connection; a system administrator must connect again "
                  "in Settings > Fortnox. The document is sent once the connection works."), error)
        except FortnoxError as error:
            if error.retryable:
                return self._set_waiting(
                    _("Fortnox could not be reached; the document is sent automatically when it answers "
                      "again."), error)
            self._set_failed(_("Fortnox refused the document; correct it and press Retry."), error)
        except (MappingError, UserError) as error:
            self._set_failed(str(error.args[0] if error.args else error))
        return True

    # ------------------------------------------------------------- states
    def _error_values(self, explanation, error):
        return {"last_error": explanation,
                "fortnox_message": error.fortnox_message if error is not None else False,
                "fortnox_code": str(error.code) if error is not None and error.code else False}

    def _set_waiting(self, explanation, error):
        values = self._error_values(explanation, error)
        values["state"] = "waiting"
        delay = min(MAX_DELAY, 30 * 2 ** min(self.attempts, 6))
        delayed = self.with_delay(eta=delay, description=_("Send %(document)s to Fortnox")
                                  % {"document": self.name}).export()
        values["job_uuid"] = delayed.uuid
        self.write(values)
        return False

    def _set_failed(self, explanation, error=None):
        values = self._error_values(explanation, error)
        values["state"] = "failed"
        self.write(values)

    def _set_refused(self, explanation, error=None):
        values = self._error_values(explanation, error)
        values["state"] = "refused"
        self.write(values)

    def _set_done(self, number, digest, target):
        self.write({"state": "done", "fortnox_number": number, "sent_hash": digest, "target": target,
                    "sent_at": fields.Datetime.now(), "last_error": False, "fortnox_message": False,
                    "fortnox_code": False})

    # ---------------------------------------------------------- registers
    def _sync_register(self, client, kind, record, number, data):
        """Create or update a customer, supplier or article once per change."""
        binding = self.ensure_binding(self.backend_id, kind, record, name=number)
        digest = payload_hash(data)
        if binding.state == "done" and binding.sent_hash == digest:
            return number
        getattr(client, "upsert_%s" % kind)(number, data)
        binding._set_done(number, digest, "register")
        return number

    def _sync_lines_registers(self, client, invoice):
        numbers = {}
        for product in invoice.invoice_line_ids.mapped("product_id"):
            number = product._fortnox_article_number()
            numbers[product.id] = self._sync_register(client, "article", product, number,
                                                      product._fortnox_article_values())
        return numbers

    # ---------------------------------------------------------- documents
    def _update_or_refuse(self, number, digest, current, update, target):
        """The document changed after it was sent: update it while Fortnox allows."""
        if current.get("Booked") or current.get("Cancelled"):
            return self._set_refused(self._refusal_text(number))
        try:
            update()
        except FortnoxError as error:
            if error.retryable or isinstance(error, FortnoxAuthError):
                raise
            return self._set_refused(self._refusal_text(number), error)
        self._set_done(number, digest, target)

    def _refusal_text(self, number):
        return _("%(document)s was changed in Odoo after it was sent, but Fortnox has booked it as "
                 "%(number)s and no longer accepts changes. Create a refund in Odoo for it and "
                 "invoice again.") % {"document": self.name, "number": number}

    def _export_customer_invoice(self, client, invoice):
        partner = invoice.partner_id.commercial_partner_id
        customer = self._sync_register(client, "customer", partner, partner._fortnox_number(),
                                       partner._fortnox_partner_values())
        articles = self._sync_lines_registers(client, invoice)
        credit = False
        if invoice.type == "out_refund" and invoice.refund_invoice_id:
            credit = self.search([("res_model", "=", "account.invoice"),
                                  ("res_id", "=", invoice.refund_invoice_id.id),
                                  ("backend_id", "=", self.backend_id.id)], limit=1).fortnox_number
        # Batches and stock moves are read for the sender, who needs no Inventory rights.
        document = invoice.sudo()._fortnox_document(self.backend_id, customer, articles, credit)
        payload = map_customer_invoice(document)
        digest = payload_hash(payload)
        if self.fortnox_number:
            if digest != self.sent_hash:
                current = client.get_invoice(self.fortnox_number)
                self._update_or_refuse(self.fortnox_number, digest, current,
                                       lambda: client.update_invoice(self.fortnox_number, payload), "invoice")
            else:  # touched in Odoo, nothing Fortnox sees changed
                self._set_done(self.fortnox_number, digest, "invoice")
            return
        existing = client.find_invoice(payload["ExternalInvoiceReference1"])
        if existing:
            _logger.info("Fortnox already has %s as invoice %s", self.name, existing["DocumentNumber"])
            created = existing
        else:
            created = client.create_invoice(payload)
        self._set_done(str(created["DocumentNumber"]), digest, "invoice")

    def _export_supplier_invoice(self, client, invoice):
        partner = invoice.partner_id.commercial_partner_id
        supplier = self._sync_register(client, "supplier", partner, partner._fortnox_number(),
                                       partner._fortnox_partner_values())
        articles = self._sync_lines_registers(client, invoice)
        document = invoice.sudo()._fortnox_supplier_document(self.backend_id, supplier, articles)
        payload = map_supplier_invoice(document)
        digest = payload_hash(payload)
        if self.fortnox_number:
            if digest != self.sent_hash:
                current = client.get_supplier_invoice(self.fortnox_number)
                self._update_or_refuse(
                    self.fortnox_number, digest, current,
                    lambda: client.update_supplier_invoice(self.fortnox_number, payload), "supplierinvoice")
            else:
                self._set_done(self.fortnox_number, digest, "supplierinvoice")
            return
        existing = client.find_supplier_invoice(supplier, payload["InvoiceNumber"])
        created = existing or client.create_supplier_invoice(payload)
        self._set_done(str(created["GivenNumber"]), digest, "supplierinvoice")

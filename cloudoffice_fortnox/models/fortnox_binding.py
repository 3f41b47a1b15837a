"""One record per document sent (or to be sent) to Fortnox: the sync log.

The binding says where the document stands (waiting, sent, failed,
refused), Fortnox's number, a hash of what was sent (to see changes), our
explanation of the last error and Fortnox's own message beside it.
Customers, suppliers and articles have bindings too, so that they are sent
again only when they changed.
"""
from odoo import _, api, fields, models

DOCUMENT_KINDS = ("customer_invoice", "supplier_invoice", "picking")
STATES = [("waiting", "Waiting"), ("done", "Sent"), ("failed", "Failed"), ("refused", "Refused")]


class FortnoxBinding(models.Model):
    _name = "fortnox.binding"
    _description = "Fortnox Sync Log"
    _order = "document_date, id"

    backend_id = fields.Many2one(
        "fortnox.backend", string="Connection", required=True, ondelete="cascade", index=True,
        help="The Fortnox connection the document is sent through.")
    company_id = fields.Many2one(
        related="backend_id.company_id", store=True, readonly=True,
        help="The company of the connection.")
    kind = fields.Selection(
        [("customer_invoice", "Customer Invoice"), ("supplier_invoice", "Supplier Invoice"),
         ("picking", "Warehouse Change"), ("customer", "Customer"), ("supplier", "Supplier"),
         ("article", "Article")], required=True, help="What kind of record is sent.")
    res_model = fields.Char(
        string="Model", required=True, index=True, help="The Odoo model of the record sent.")
    res_id = fields.Integer(string="Record ID", required=True, index=True, help="The id of the record sent.")
    name = fields.Char(string="Document", help="The document's number or name in Odoo.")
    document_date = fields.Date(help="The document's date; documents go out in this order.")
    state = fields.Selection(
        STATES, default="waiting", required=True, index=True,
        help="Waiting: queued or waiting for Fortnox to answer again. Sent: Fortnox has it. "
             "Failed: Fortnox refused it; correct and retry. Refused: changed after Fortnox "
             "booked it; see the message.")
    fortnox_number = fields.Char(help="The number Fortnox gave the document.")
    sent_hash = fields.Char(help="Fingerprint of what was last sent, to notice changes.")
    sent_at = fields.Datetime(help="When Fortnox last accepted the document.")
    last_error = fields.Text(string="Explanation", help="Our explanation of the last problem.")
    fortnox_message = fields.Text(help="Fortnox's own message about the last problem, as Fortnox wrote it.")
    fortnox_code = fields.Char(help="Fortnox's error code of the last problem.")
    attempts = fields.Integer(help="How many times sending was tried.")
    job_uuid = fields.Char(string="Job", copy=False, help="The queue job that sends it.")
    target = fields.Selection(
        [("invoice", "Invoice"), ("supplierinvoice", "Supplier Invoice"), ("lager", "Fortnox Lager"),
         ("voucher", "Voucher"), ("register", "Register")], readonly=True,
        help="Where in Fortnox the document went.")

    _sql_constraints = [
        ("record_uniq", "unique(backend_id, res_model, res_id)", "A record has one Fortnox binding."),
    ]

    def record(self):
        """The Odoo record this binding sends."""
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id).exists()

    @api.model
    def ensure_binding(self, backend, kind, record, name=None, date=None):
        binding = self.search([("backend_id", "=", backend.id), ("res_model", "=", record._name),
                               ("res_id", "=", record.id)], limit=1)
        if not binding:
            binding = self.create({"backend_id": backend.id, "kind": kind, "res_model": record._name,
                                   "res_id": record.id, "name": name or record.display_name,
                                   "document_date": date})
        return binding

    def enqueue(self):
        """One job per document, on the fortnox channel; never two at once."""
        jobs = self.env["queue.job"].sudo()
        for binding in self:
            if binding.job_uuid and jobs.search_count([
                    ("uuid", "=", binding.job_uuid), ("state", "in", ("pending", "enqueued", "started"))]):
                continue
            delayed = binding.with_delay(
                description=_("Send %(document)s to Fortnox") % {"document": binding.name}).export()
            binding.write({"job_uuid": delayed.uuid, "state": "waiting"})
        return True

    def action_retry(self):
        self.filtered(lambda rec: rec.state != "done").write({"state": "waiting"})
        return self.enqueue()

    def action_open_document(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self.res_model, "res_id": self.res_id,
                "view_mode": "form", "target": "current"}

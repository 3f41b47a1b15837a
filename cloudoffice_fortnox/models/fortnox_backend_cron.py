"""The scheduled action: enqueue what is new or changed, and what waits without a job."""
from odoo import api, models


class FortnoxBackendCron(models.Model):
    _inherit = "fortnox.backend"

    @api.model
    def _cron_enqueue(self):
        """For every connected company: bind and enqueue new or changed invoices in date order."""
        for backend in self.search([("state", "=", "connected")]):
            invoices = self.env["account.invoice"].with_context(
                force_company=backend.company_id.id)._fortnox_changed_or_new(backend)
            bindings = invoices._fortnox_bind()
            waiting = self.env["fortnox.binding"].search([
                ("backend_id", "=", backend.id), ("state", "=", "waiting")])
            (bindings | waiting).sorted(lambda rec: (rec.document_date or "", rec.id)).action_retry()
        return True

from odoo import api, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    @api.multi
    def _cloudoffice_coa_attachments(self):
        """Certificates of analysis of the batches this customer invoice
        delivered, when the customer asked for them."""
        self.ensure_one()
        if self.type != "out_invoice" or not self.partner_id.commercial_partner_id.cloudoffice_wants_coa:
            return []
        # Whoever may send the invoice may send what it delivered: an accountant
        # need not read stock to attach it.
        return self.sudo().invoice_line_ids.mapped("lot_ids")._cloudoffice_coa_pdfs(
            self.partner_id)

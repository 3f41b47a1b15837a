from odoo import api, models

#: models whose e-mails carry the certificates of analysis of what they delivered
COA_MODELS = ("account.invoice", "stock.picking")


class MailTemplate(models.Model):
    _inherit = "mail.template"

    @api.multi
    def generate_email(self, res_ids, fields=None):
        """Invoice and delivery e-mails to customers who want certificates of
        analysis carry one per delivered batch, whichever template or composer
        sends them."""
        result = super().generate_email(res_ids, fields=fields)
        if self.model not in COA_MODELS or (fields and "attachment_ids" not in fields):
            return result
        single = isinstance(res_ids, int)
        for res_id in ([res_ids] if single else res_ids):
            values = result if single else result[res_id]
            record = self.env[self.model].browse(res_id)
            values.setdefault("attachments", []).extend(record._cloudoffice_coa_attachments())
        return result

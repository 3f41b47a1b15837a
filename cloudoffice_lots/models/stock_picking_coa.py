"""The delivery e-mail: the delivery slip and, for customers who ask for them,
the certificates of analysis of the batches delivered."""
from odoo import _, api, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"  # pylint: disable=consider-merging-classes-inherited

    @api.multi
    def action_cloudoffice_send_delivery_note(self):
        """Open the e-mail composer with the delivery note template of this
        delivery; the mail goes through Odoo's mail queue."""
        self.ensure_one()
        if self.picking_type_code != "outgoing" or self.state != "done":
            raise UserError(_("%(picking)s is not a delivery that is done: only delivered "
                              "goods get a delivery note.") % {"picking": self.name})
        template = self.env.ref("cloudoffice_lots.mail_template_delivery_note")
        return {
            "name": _("Send Delivery Note"),
            "type": "ir.actions.act_window", "res_model": "mail.compose.message",
            "view_mode": "form", "target": "new",
            "context": {
                "default_model": self._name, "default_res_id": self.id,
                "default_use_template": True, "default_template_id": template.id,
                "default_composition_mode": "comment", "force_email": True,
                # queued, not sent while the user waits: the mail queue sends it
                "mail_notify_force_send": False,
            },
        }

    @api.multi
    def _cloudoffice_coa_attachments(self):
        """[(file name, base64 PDF)]: certificates of analysis of the batches
        this delivery took to a customer who asks for them."""
        self.ensure_one()
        if self.picking_type_code != "outgoing" \
                or not self.partner_id.commercial_partner_id.cloudoffice_wants_coa:
            return []
        lines = self.sudo().move_line_ids.filtered(lambda ml: ml.lot_id and ml.qty_done)
        return lines.mapped("lot_id")._cloudoffice_coa_pdfs(self.partner_id)

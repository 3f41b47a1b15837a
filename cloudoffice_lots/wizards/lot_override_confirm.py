from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from ..models.lot_override import OVERRIDE_GROUP


class LotOverrideConfirm(models.TransientModel):
    """Asks a user allowed to do so to confirm shipping batches that may not be
    sold (expired, not released, blocked); the confirmation goes to the chatter."""
    _name = "cloudoffice.lot.override.confirm"
    _description = "Confirm shipping expired or unreleased batches"

    picking_ids = fields.Many2many("stock.picking", string="Transfers", readonly=True,
                                   help="The transfers being validated; the confirmation is "
                                        "recorded on each.")
    problem_text = fields.Text(string="Batches That May Not Be Sold", readonly=True,
                               help="The batches/serials on these transfers that are expired, "
                                    "blocked or not released, and why.")
    reason = fields.Char(
                         help="Why they are shipped anyway; recorded on the transfer.")

    @api.model
    def action_open(self, pickings, problems):
        wizard = self.create({
            "picking_ids": [(6, 0, pickings.ids)],
            "problem_text": pickings._cloudoffice_problem_text(problems),
        })
        return {
            "name": _("Ship batches that may not be sold?"),
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": wizard.id,
            "view_mode": "form", "target": "new", "context": dict(self.env.context),
        }

    @api.multi
    def action_confirm(self):
        """Record the approval (who: the current user; why: the reason) for each
        batch that may not be sold on these transfers, then validate them."""
        self.ensure_one()
        if not self.env.user.has_group(OVERRIDE_GROUP):
            raise UserError(_("Only users allowed to ship expired or unreleased batches can "
                              "confirm this."))
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason for shipping these batches anyway."))
        # What is approved is read again here, never taken from the window.
        problems = self.picking_ids._cloudoffice_unsellable_lines()
        approvals = self.env["cloudoffice.lot.override"]
        approved = set()
        for line, problem in problems:
            key = (line.lot_id.id, line.picking_id.id)
            if key in approved:
                continue
            approved.add(key)
            approvals.create({"lot_id": line.lot_id.id, "picking_id": line.picking_id.id,
                              "reason": reason, "problem": problem})
        if problems:
            text = self.picking_ids._cloudoffice_problem_text(problems)
            for picking in self.picking_ids:
                picking.message_post(body=plaintext2html(_(
                    "%(user)s confirmed shipping batches/serials that may not be sold:\n"
                    "%(lots)s\nReason: %(reason)s") % {
                        "user": self.env.user.name, "lots": text, "reason": reason}))
        # Odoo's validation answers None when done (which XML-RPC cannot carry)
        return self.picking_ids.button_validate() or {"type": "ir.actions.act_window_close"}

"""The recorded permission to sell, ship or use one batch/serial that may not be
sold (expired, not released, blocked), for one document.

A confirmation is a record, never a flag in the request: it says who approved
(always the user who created it, set by the server), when, why, which batch
and for which sales line, transfer or production order. Stock moves check for
it when they are done (``stock.move.line._action_done``), so every route to
"done" meets the rule. Records are never changed afterwards.
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

OVERRIDE_GROUP = "cloudoffice_lots.group_sell_unsellable_lots"


class LotOverride(models.Model):
    _name = "cloudoffice.lot.override"
    _description = "Approved use of a batch that may not be sold"
    _order = "approved_date desc, id desc"
    _rec_name = "lot_id"

    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", required=True,
                             readonly=True, ondelete="restrict", index=True,
                             help="The batch or serial number that may go although it is "
                                  "expired, not released or blocked.")
    product_id = fields.Many2one(related="lot_id.product_id", store=True, readonly=True,
                                 help="The product of the batch/serial.")
    picking_id = fields.Many2one("stock.picking", string="Transfer", readonly=True,
                                 ondelete="cascade", index=True,
                                 help="The transfer this approval is for.")
    sale_line_id = fields.Many2one("sale.order.line", string="Order Line", readonly=True,
                                   ondelete="cascade", index=True,
                                   help="The sales order line this approval is for; it covers "
                                        "its deliveries.")
    production_id = fields.Many2one("mrp.production", string="Manufacturing Order",
                                    readonly=True, ondelete="cascade", index=True,
                                    help="The manufacturing order that may consume the batch.")
    user_id = fields.Many2one("res.users", string="Approved By", required=True, readonly=True,
                              ondelete="restrict",
                              help="Who approved; always the user who recorded the approval.")
    approved_date = fields.Datetime(string="Approved On", required=True, readonly=True,
                                    help="When the approval was recorded.")
    reason = fields.Char(required=True, readonly=True,
                         help="Why the batch may go anyway, as the approving user wrote it.")
    problem = fields.Char(string="Why Not Sellable", readonly=True,
                          help="What was wrong with the batch when it was approved.")
    company_id = fields.Many2one("res.company", string="Company", readonly=True, index=True,
                                 help="Company of the document approved for.")

    @api.model
    def create(self, vals):
        if not self.env.user.has_group(OVERRIDE_GROUP):
            raise AccessError(_(
                "Only users allowed to ship expired or unreleased batches can approve one."))
        if not (vals.get("reason") or "").strip():
            raise UserError(_("Give the reason for letting these batches go anyway."))
        if not (vals.get("picking_id") or vals.get("sale_line_id") or vals.get("production_id")):
            raise UserError(_("An approval is for a transfer, a sales order line or a "
                              "manufacturing order."))
        # Who and when come from the server, whatever the request says.
        vals = dict(vals, user_id=self.env.uid, approved_date=fields.Datetime.now(),
                    reason=vals["reason"].strip())
        if not vals.get("company_id"):
            vals["company_id"] = self._company_of(vals).id
        return super().create(vals)

    def _company_of(self, vals):
        for field in ("picking_id", "sale_line_id", "production_id"):
            if vals.get(field):
                record = self.env[self._fields[field].comodel_name].browse(vals[field])
                return record.company_id if field != "sale_line_id" else record.order_id.company_id
        return self.env.user.company_id

    @api.multi
    def write(self, vals):
        if vals:
            raise UserError(_("An approval is a record of what happened: it cannot be "
                              "changed. Record a new one instead."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if self.env.uid != SUPERUSER_ID:
            raise UserError(_("An approval is a record of what happened: it cannot be deleted."))
        return super().unlink()

    @api.model
    def _cloudoffice_approved_pairs(self, move_lines):
        """{(lot id, move line id)} of ``move_lines`` covered by an approval,
        in one search for all of them."""
        lots = move_lines.mapped("lot_id")
        if not lots:
            return set()
        choice_lines = {ml.id: ml.move_id._cloudoffice_choice_line() for ml in move_lines}
        productions = {ml.id: ml.move_id.raw_material_production_id for ml in move_lines}
        approvals = self.sudo().search([
            ("lot_id", "in", lots.ids), "|", "|",
            ("picking_id", "in", move_lines.mapped("picking_id").ids),
            ("sale_line_id", "in", [line.id for line in choice_lines.values() if line]),
            ("production_id", "in", [prod.id for prod in productions.values() if prod]),
        ])
        keys = set()
        for approval in approvals:
            keys.add((approval.lot_id.id, "picking", approval.picking_id.id))
            keys.add((approval.lot_id.id, "sale_line", approval.sale_line_id.id))
            keys.add((approval.lot_id.id, "production", approval.production_id.id))
        covered = set()
        for ml in move_lines:
            lot = ml.lot_id.id
            if (ml.picking_id and (lot, "picking", ml.picking_id.id) in keys) \
                    or (choice_lines[ml.id] and (lot, "sale_line", choice_lines[ml.id].id) in keys) \
                    or (productions[ml.id] and (lot, "production", productions[ml.id].id) in keys):
                covered.add((lot, ml.id))
        return covered

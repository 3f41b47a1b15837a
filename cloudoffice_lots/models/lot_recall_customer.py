import hashlib
import hmac
import time

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..reports.queries import recall_scope

#: How long a customer's answer link stays valid.
LINK_DAYS = 90

ANSWER_STATES = [
    ("todo", "To Notify"),
    ("notified", "Notified"),
    ("answered", "Answered"),
]


class LotRecallCustomer(models.Model):
    """A customer who received a batch of a recall's scope, and what they did."""

    _name = "cloudoffice.lot.recall.customer"
    _description = "Customer in a Recall"
    _order = "recall_id, partner_id, lot_id"

    recall_id = fields.Many2one("cloudoffice.lot.recall", required=True, ondelete="cascade",
                                index=True, help="The recall.")
    company_id = fields.Many2one(related="recall_id.company_id", store=True, readonly=True,
                                 help="Company of the recall.")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True,
                                 help="The delivery address that received the batch.")
    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", required=True,
                             ondelete="restrict", help="The batch or serial they received.")
    product_id = fields.Many2one(related="lot_id.product_id", readonly=True,
                                 help="Product of the batch/serial.")
    qty_delivered = fields.Float(string="Delivered", readonly=True,
                                 help="Quantity of the batch delivered to this customer.")
    qty_returned = fields.Float(string="Returned", readonly=True,
                                help="Quantity they sent back (done returns).")
    qty_held = fields.Float(string="Held Apart",
                            help="Quantity the customer reports still holding, kept apart.")
    qty_returned_at_answer = fields.Float(
        string="Returned When Answered", readonly=True, copy=False,
        help="What had come back when the customer answered: units returned since then were "
             "among those they held apart.")
    qty_destroyed = fields.Float(string="Destroyed",
                                 help="Quantity the customer reports destroyed.")
    qty_unaccounted = fields.Float(compute="_compute_unaccounted", string="Unaccounted",
                                   help="Delivered less returned, destroyed and held apart.")
    first_delivery = fields.Datetime(readonly=True, help="First delivery of the batch to them.")
    last_delivery = fields.Datetime(readonly=True, help="Last delivery of the batch to them.")
    notified_at = fields.Datetime(string="Notified", readonly=True, copy=False,
                                  help="When the notice was sent.")
    answered_at = fields.Datetime(string="Answered", readonly=True, copy=False,
                                  help="When the customer answered the notice.")
    answer_note = fields.Text(string="Customer's Note", readonly=True,
                              help="What the customer wrote with their answer.")
    state = fields.Selection(ANSWER_STATES, compute="_compute_state", store=True,
                             help="To Notify, Notified (waiting for an answer), Answered.")
    return_picking_id = fields.Many2one("stock.picking", string="Return", readonly=True,
                                        copy=False, help="The return transfer made for it.")

    @api.depends("qty_delivered", "qty_returned", "qty_destroyed", "qty_held",
                 "qty_returned_at_answer")
    def _compute_unaccounted(self):
        for line in self:
            line.qty_unaccounted = recall_scope.unaccounted(
                line.qty_delivered, line.qty_returned, line.qty_destroyed, line.qty_held,
                line.qty_returned_at_answer)

    @api.depends("notified_at", "answered_at")
    def _compute_state(self):
        for line in self:
            line.state = ("answered" if line.answered_at
                          else "notified" if line.notified_at else "todo")

    # ------------------------------------------------------------ the link
    def _cloudoffice_signature(self, expires):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        message = "recall-answer:%d:%d" % (self.id, expires)
        return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()

    @api.multi
    def cloudoffice_answer_token(self):
        """A signed token for the customer's answer page, valid LINK_DAYS days."""
        self.ensure_one()
        expires = int(time.time()) + LINK_DAYS * 86400
        return "%d-%d-%s" % (self.id, expires, self._cloudoffice_signature(expires))

    @api.multi
    def cloudoffice_answer_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        return "%s/cloudoffice_lots/recall/answer/%s" % (base.rstrip("/"),
                                                        self.cloudoffice_answer_token())

    @api.model
    def cloudoffice_from_token(self, token):
        """The customer lines a token opens (all of that customer in that
        recall), or a UserError for a forged, broken or expired token."""
        try:
            line_id, expires, signature = token.split("-", 2)
            line = self.sudo().browse(int(line_id)).exists()
            expires = int(expires)
        except (ValueError, AttributeError):
            line = None
        if not line or not hmac.compare_digest(line._cloudoffice_signature(expires), signature):
            raise UserError(_("This link is not valid. Use the link in the notice you received, "
                              "or contact us."))
        if expires < time.time():
            raise UserError(_("This link has expired. Contact us and we will send you a new one."))
        if line.recall_id.state != "confirmed":
            raise UserError(_("This recall is closed: no answer is needed any more."))
        return line.recall_id.customer_ids.filtered(
            lambda other: other.partner_id.commercial_partner_id
            == line.partner_id.commercial_partner_id)

    @api.multi
    def cloudoffice_record_answer(self, quantities, note):
        """Record what the customer reports: {line id: (held, destroyed)}."""
        for line in self:
            held, destroyed = quantities.get(line.id, (0.0, 0.0))
            if held < 0 or destroyed < 0:
                raise UserError(_("Quantities cannot be negative."))
            remaining = line.qty_delivered - line.qty_returned
            if held + destroyed > remaining + 1e-6:
                raise UserError(_(
                    "Batch %(lot)s: you received %(remaining)g, so you cannot hold and destroy "
                    "%(total)g.") % {"lot": line.lot_id.name, "remaining": remaining,
                                     "total": held + destroyed})
        now = fields.Datetime.now()
        for line in self:
            held, destroyed = quantities.get(line.id, (0.0, 0.0))
            line.write({"qty_held": held, "qty_destroyed": destroyed, "answered_at": now,
                        "qty_returned_at_answer": line.qty_returned, "answer_note": note or False})
        recall = self.mapped("recall_id")
        recall.message_post(body=_(
            "%(customer)s answered: %(details)s.") % {
                "customer": self[:1].partner_id.commercial_partner_id.display_name,
                "details": "; ".join(
                    _("batch %(lot)s: %(held)g held apart, %(destroyed)g destroyed") % {
                        "lot": line.lot_id.name, "held": line.qty_held,
                        "destroyed": line.qty_destroyed} for line in self)})
        return True

    # ------------------------------------------------------------ returns
    @api.multi
    def action_create_return(self):
        """A receipt from the customer, filled with the recalled batch and the
        quantity they hold; validating it updates the recall."""
        self.ensure_one()
        if self.recall_id.state != "confirmed":
            raise UserError(_("Returns are made while the recall is in progress."))
        quantity = self.qty_held or (self.qty_delivered - self.qty_returned)
        if quantity <= 0:
            raise UserError(_("%(customer)s holds nothing of batch %(lot)s to return.") % {
                "customer": self.partner_id.display_name, "lot": self.lot_id.name})
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1)
        picking_type = warehouse.in_type_id
        customer_location = self.env.ref("stock.stock_location_customers")
        picking = self.env["stock.picking"].create({
            "partner_id": self.partner_id.id,
            "picking_type_id": picking_type.id,
            "location_id": customer_location.id,
            "location_dest_id": picking_type.default_location_dest_id.id,
            "origin": self.recall_id.name,
            "company_id": self.company_id.id,
            "move_lines": [(0, 0, {
                "name": _("Recall %(recall)s: %(lot)s") % {"recall": self.recall_id.name,
                                                           "lot": self.lot_id.name},
                "product_id": self.product_id.id,
                "product_uom": self.product_id.uom_id.id,
                "product_uom_qty": quantity,
                "location_id": customer_location.id,
                "location_dest_id": picking_type.default_location_dest_id.id,
            })],
        })
        picking.action_confirm()
        move = picking.move_lines
        move.move_line_ids.unlink()
        self.env["stock.move.line"].create(dict(
            move._prepare_move_line_vals(quantity=0), lot_id=self.lot_id.id, qty_done=quantity))
        self.return_picking_id = picking
        return {"type": "ir.actions.act_window", "res_model": "stock.picking",
                "res_id": picking.id, "view_mode": "form"}

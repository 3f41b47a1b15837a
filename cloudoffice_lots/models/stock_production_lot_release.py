"""Whether a batch/serial may be sold: release state, quality block, expiry.

The availability query (``lot_availability.py``) applies the same rule in SQL;
both read their pieces from here so that they cannot drift apart.
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

from .user_format import format_day

RELEASE_STATES = [
    ("pending", "Awaiting tests"),
    ("failed", "Failed tests"),
    ("released", "Released"),
    ("blocked", "Blocked"),
]

#: release states in which a batch may be sold
SELLABLE_RELEASE_STATES = ("released",)


class StockProductionLot(models.Model):
    _inherit = "stock.production.lot"  # pylint: disable=consider-merging-classes-inherited

    quality_block = fields.Boolean(
        string="Blocked", track_visibility="onchange", copy=False,
        help="Blocks the batch for quality reasons: it cannot be sold or used until unblocked, "
             "whatever its tests say.")
    quality_block_reason = fields.Char(string="Block Reason", track_visibility="onchange", copy=False,
                                       help="Why the batch is blocked, e.g. a complaint or a "
                                            "failed inspection; recorded in the batch's history.")
    release_state = fields.Selection(
        RELEASE_STATES, string="Release", compute="_compute_release_state", store=True,
        index=True, track_visibility="onchange",
        help="Released: every required test passed (or none is required) and the batch "
             "is not blocked. Only released batches are offered for sale.")

    @api.depends("quality_block", "test_ids.state", "test_ids.required")
    def _compute_release_state(self):
        for lot in self:
            required = lot.test_ids.filtered("required")
            if lot.quality_block:
                lot.release_state = "blocked"
            elif "fail" in required.mapped("state"):
                lot.release_state = "failed"
            elif "pending" in required.mapped("state"):
                lot.release_state = "pending"
            else:
                lot.release_state = "released"

    @api.multi
    def write(self, vals):
        # The release state follows from tests and block only; blocking and
        # unblocking is the quality manager's decision, on every path.
        if "release_state" in vals:
            raise AccessError(_(
                "The release state of a batch follows from its tests and quality block: it "
                "cannot be written."))
        if {"quality_block", "quality_block_reason"} & set(vals) \
                and self.env.uid != SUPERUSER_ID \
                and not self.env.user.has_group("stock.group_stock_manager"):
            raise AccessError(_("Only inventory managers may block or unblock batches."))
        return super().write(vals)

    @api.multi
    def action_quality_block(self):
        self.write({"quality_block": True})
        return True

    @api.multi
    def action_quality_unblock(self):
        self.write({"quality_block": False, "quality_block_reason": False})
        return True

    @api.model
    def _cloudoffice_has_release_state(self):
        """True when batches carry a stored release state (tests, quality block)."""
        field = self._fields.get("release_state")
        return bool(field and field.store)

    @api.multi
    def _cloudoffice_unsellable_reason(self, at_date=None):
        """Why this batch/serial may not be sold, in the user's words, or ''.

        :param at_date: Datetime string the batch must still be good at (default: now)
        """
        self.ensure_one()
        release_state = self.release_state if self._cloudoffice_has_release_state() else None
        return self._cloudoffice_reason_for(self.life_date, release_state, at_date)

    @api.model
    def _cloudoffice_reason_for(self, life_date, release_state, at_date=None):
        """The rule itself, on values (as the availability query returns them)."""
        at_date = at_date or fields.Datetime.now()
        if life_date and life_date <= at_date:
            return _("expired on %s") % format_day(self.env, self._cloudoffice_local_date(life_date))
        if release_state is not None and self._cloudoffice_has_release_state() \
                and release_state not in SELLABLE_RELEASE_STATES:
            # a call without context (XML-RPC, cron) still names the state in the user's language
            env = self.env if self.env.lang else self.with_context(lang=self.env.user.lang).env
            state = dict(self._fields["release_state"]._description_selection(env))
            return _("not released (%s)") % state.get(release_state, release_state)
        return ""

    @api.multi
    def _cloudoffice_is_sellable(self, at_date=None):
        """True when the batch/serial may be proposed and chosen for a sale."""
        return not self._cloudoffice_unsellable_reason(at_date)

    @api.multi
    def _cloudoffice_label(self):
        """'Batch L-001 (exp. 2027-01-31)' or 'Serial SN-7', as printed on documents."""
        self.ensure_one()
        if self.product_id.tracking == "serial":
            return _("Serial %s") % self.name
        if self.expiry_day:
            return _("Batch %(name)s (exp. %(date)s)") % {
                "name": self.name, "date": format_day(self.env, self.expiry_day)}
        return _("Batch %s") % self.name

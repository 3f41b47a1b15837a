"""A recall: from the batches that went wrong to every unit found, stopped,
notified and accounted for.

The scope comes from the traceability queries (``reports/queries/lot_trace``):
each starting batch and every batch made from it at any depth of
manufacturing, with what is in stock, reserved and at customers. Confirming
blocks the batches in stock (the release rules then refuse them on every
path to "done"), takes them out of reservations and chosen batches, and opens
one line per customer to notify; customers answer on a public page with a
signed link. A mock recall runs the same scope without blocking or mailing,
and records how long finding the whole scope took.
"""
import time

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..reports.queries import lot_trace, recall_scope

#: A notice renders its PDF: as much work as about this many labels, for the
#: company's threshold of background work.
NOTICE_WEIGHT = 100

RECALL_STATES = [
    ("draft", "Draft"),
    ("confirmed", "In Progress"),
    ("closed", "Closed"),
    ("cancel", "Cancelled"),
]


class LotRecall(models.Model):
    _name = "cloudoffice.lot.recall"
    _inherit = ["mail.thread"]
    _description = "Batch Recall"
    _order = "id desc"

    name = fields.Char(string="Reference", required=True, copy=False, readonly=True,
                       default=lambda self: _("New"),
                       help="The recall's number, given when it is saved.")
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda self: self.env.user.company_id,
                                 help="Company recalling its goods.")
    state = fields.Selection(RECALL_STATES, default="draft", required=True, copy=False,
                             track_visibility="onchange",
                             help="Draft: scope being prepared. In Progress: batches blocked and "
                                  "customers being notified. Closed: every unit accounted for, "
                                  "or the recall ended by decision.")
    is_mock = fields.Boolean(string="Mock Recall", readonly=True,
                             states={"draft": [("readonly", False)]},
                             help="An exercise: the scope is found and timed as in a real recall, "
                                  "but nothing is blocked and no customer is told.")
    reason = fields.Text(required=True, readonly=True, states={"draft": [("readonly", False)]},
                         help="What went wrong, as told to customers and the authority.")
    customer_instructions = fields.Text(
        string="What Customers Must Do", readonly=True, states={"draft": [("readonly", False)]},
        default=lambda self: _("Stop using and selling the goods of the batches listed, keep "
                               "them apart, and tell us the quantity you still hold."),
        help="The instructions printed on every customer's notice.")
    origin_lot_ids = fields.Many2many(
        "stock.production.lot", "cloudoffice_lot_recall_origin_rel", "recall_id", "lot_id",
        string="Recalled Batches/Serials", readonly=True, states={"draft": [("readonly", False)]},
        help="The batches or serials that went wrong. Everything made from them, at any depth "
             "of manufacturing, is in the recall's scope too.")
    search_supplier_batch = fields.Char(
        string="Supplier's Batch", readonly=True, states={"draft": [("readonly", False)]},
        help="Find the batches received under this supplier's batch number.")
    search_product_id = fields.Many2one(
        "product.product", string="Product", readonly=True,
        states={"draft": [("readonly", False)]},
        help="With a production date range: find the batches of this product made then.")
    search_date_from = fields.Date(string="Made From", readonly=True,
                                   states={"draft": [("readonly", False)]},
                                   help="First production day of the batches to find.")
    search_date_to = fields.Date(string="Made Until", readonly=True,
                                 states={"draft": [("readonly", False)]},
                                 help="Last production day of the batches to find.")
    scope_ids = fields.One2many("cloudoffice.lot.recall.lot", "recall_id", string="Scope",
                                readonly=True,
                                help="Every batch in the recall: the recalled ones and the batches "
                                     "made from them, with what is in stock and reserved.")
    customer_ids = fields.One2many("cloudoffice.lot.recall.customer", "recall_id",
                                   string="Customers",
                                   help="Every customer who received goods of the scope, per "
                                        "batch, with their answer.")
    started_at = fields.Datetime(readonly=True, copy=False, default=fields.Datetime.now,
                                 help="When the recall was started.")
    scope_found_at = fields.Datetime(string="Scope Found", readonly=True, copy=False,
                                     help="When the whole scope was last found.")
    scope_seconds = fields.Float(string="Time to Scope (s)", readonly=True, copy=False,
                                 help="Seconds the search of the whole scope took, as audited in "
                                      "mock recalls.")
    confirmed_at = fields.Datetime(readonly=True, copy=False,
                                   help="When the batches were blocked and customers listed.")
    closed_at = fields.Datetime(readonly=True, copy=False, help="When the recall was closed.")
    lot_count = fields.Integer(compute="_compute_progress", string="Batches",
                               help="Batches and serials in the scope.")
    customer_count = fields.Integer(compute="_compute_progress", string="Customers",
                                    help="Customers who received goods of the scope.")
    notified_count = fields.Integer(compute="_compute_progress", string="Notified",
                                    help="Customers who were sent the notice.")
    answered_count = fields.Integer(compute="_compute_progress", string="Answered",
                                    help="Customers who answered the notice.")
    qty_in_stock = fields.Float(compute="_compute_progress", string="In Our Stock",
                                help="Quantity of the scope still in our own stock.")
    qty_shipped = fields.Float(compute="_compute_progress", string="Shipped",
                               help="Quantity of the scope delivered to customers.")
    qty_recovered = fields.Float(compute="_compute_progress", string="Recovered",
                                 help="Quantity customers sent back.")
    qty_destroyed = fields.Float(compute="_compute_progress", string="Destroyed",
                                 help="Quantity customers report destroyed.")
    qty_unaccounted = fields.Float(compute="_compute_progress", string="Unaccounted",
                                   help="Shipped, less recovered, destroyed and what customers "
                                        "report still holding apart.")

    @api.depends("scope_ids", "customer_ids.state", "customer_ids.qty_delivered",
                 "customer_ids.qty_returned", "customer_ids.qty_destroyed",
                 "customer_ids.qty_held", "customer_ids.qty_returned_at_answer")
    def _compute_progress(self):
        # Summed in SQL: a recall of a raw material has thousands of lines.
        figures = recall_scope.progress(self.env.cr, [r.id for r in self if isinstance(r.id, int)])
        for recall in self:
            found = figures.get(recall.id, {})
            recall.lot_count = len(recall.scope_ids)
            recall.customer_count = found.get("customers", 0)
            recall.notified_count = found.get("notified", 0)
            recall.answered_count = found.get("answered", 0)
            recall.qty_in_stock = sum(recall.scope_ids.mapped("qty_in_stock"))
            recall.qty_shipped = found.get("shipped", 0.0)
            recall.qty_recovered = found.get("recovered", 0.0)
            recall.qty_destroyed = found.get("destroyed", 0.0)
            recall.qty_unaccounted = found.get("unaccounted", 0.0)

    @api.model
    def create(self, vals):
        if vals.get("name", _("New")) == _("New"):
            vals["name"] = self.env["ir.sequence"].next_by_code("cloudoffice.lot.recall") or "/"
        return super().create(vals)

    # ------------------------------------------------------------ finding
    @api.multi
    def action_find_batches(self):
        """Add the batches given by a supplier's batch or a product and
        production dates to the recalled batches."""
        self.ensure_one()
        self._cloudoffice_check_state("draft")
        domain = [("company_id", "in", [self.company_id.id, False])]
        if self.search_supplier_batch:
            domain.append(("supplier_batch", "=", self.search_supplier_batch.strip()))
        elif self.search_product_id:
            domain.append(("product_id", "=", self.search_product_id.id))
            if self.search_date_from:
                domain.append(("production_date", ">=", self.search_date_from))
            if self.search_date_to:
                domain.append(("production_date", "<=", self.search_date_to))
        else:
            raise UserError(_("Give a supplier's batch number, or a product (and production "
                              "days), to find the batches to recall."))
        lots = self.env["stock.production.lot"].search(domain)
        if not lots:
            raise UserError(_("No batch or serial number matches: check the supplier's batch "
                              "number, the product and the production days."))
        self.origin_lot_ids |= lots
        return True

    @api.multi
    def action_compute_scope(self):
        """Find the whole scope and time it: every batch made from the recalled
        ones, what of it is in stock and reserved, and who received it."""
        for recall in self:
            recall._cloudoffice_check_state("draft", "confirmed")
            if not recall.origin_lot_ids:
                raise UserError(_("Recall %(recall)s has no batch or serial number to recall: "
                                  "add at least one.") % {"recall": recall.name})
            others = recall.origin_lot_ids.filtered(
                lambda lot, recall=recall: lot.company_id and lot.company_id != recall.company_id)
            if others:
                raise UserError(_("Batch %(lot)s belongs to another company than recall "
                                  "%(recall)s.") % {"lot": others[0].name, "recall": recall.name})
            started = time.time()
            recall._cloudoffice_fill_scope()
            recall.write({"scope_found_at": fields.Datetime.now(),
                          "scope_seconds": round(time.time() - started, 3)})
        return True

    def _cloudoffice_fill_scope(self):
        self.ensure_one()
        cr, company_ids = self.env.cr, [self.company_id.id]
        reached, customers = {}, {}
        for origin in self.origin_lot_ids:
            for row in lot_trace.trace(cr, origin.id, "downstream", company_ids):
                known = reached.get(row["lot_id"])
                if known is None or row["depth"] < known["depth"]:
                    reached[row["lot_id"]] = row
            for row in lot_trace.affected_customers(cr, origin.id, company_ids):
                customers[(row["partner_id"], row["lot_id"])] = row
        unaddressed = {lot_id for partner_id, lot_id in customers if not partner_id}
        if unaddressed:
            # Nobody to notify: said on the recall, so the goods are looked for by hand.
            self.message_post(body=_(
                "Goods of batches %(lots)s left for customers without a delivery address: find "
                "who received them from the deliveries.") % {"lots": ", ".join(
                    self.env["stock.production.lot"].browse(sorted(unaddressed)).mapped("name"))})
        # Thousands of lines for a raw material: written in bulk, not one by one.
        recall_scope.store_scope(cr, self.id, self.company_id.id, self.env.uid,
                                 sorted(reached.values(), key=lambda r: (r["depth"], r["lot_id"])))
        recall_scope.merge_customers(cr, self.id, self.company_id.id, self.env.uid,
                                     [customers[key] for key in sorted(k for k in customers if k[0])])
        self.env["cloudoffice.lot.recall.lot"].invalidate_cache()
        self.env["cloudoffice.lot.recall.customer"].invalidate_cache()
        self.invalidate_cache()

    # ------------------------------------------------------------ acting
    @api.multi
    def action_confirm(self):
        """Block the scope, take it out of reservations and chosen batches, and
        list the customers to notify. A mock recall only finds and times the scope."""
        for recall in self:
            recall._cloudoffice_check_state("draft")
            recall.action_compute_scope()
            if recall.is_mock:
                recall.write({"state": "closed", "confirmed_at": fields.Datetime.now(),
                              "closed_at": fields.Datetime.now()})
                recall.message_post(body=_(
                    "Mock recall: the whole scope (%(lots)d batches, %(customers)d customers) "
                    "was found in %(seconds).1f seconds. Nothing was blocked and no customer "
                    "was told.") % {"lots": recall.lot_count, "customers": recall.customer_count,
                                   "seconds": recall.scope_seconds})
                continue
            # Confirmed first: reservations below must already see the batches recalled.
            recall.write({"state": "confirmed", "confirmed_at": fields.Datetime.now()})
            recall._cloudoffice_block_scope()
        return True

    def _cloudoffice_block_scope(self):
        """Block every batch of the scope, then free it from open reservations
        and sales choices, so deliveries propose sellable batches instead."""
        self.ensure_one()
        lots = self.scope_ids.mapped("lot_id")
        # Lock the batches first: a delivery validated at the same moment waits
        # for this transaction and then sees them blocked.
        self.env.cr.execute("SELECT id FROM stock_production_lot WHERE id IN %s ORDER BY id "
                            "FOR UPDATE", (tuple(lots.ids),))
        reason = _("Recall %(recall)s: %(reason)s") % {"recall": self.name, "reason": self.reason}
        lots.sudo().write({"quality_block": True, "quality_block_reason": reason[:250],
                           "cloudoffice_recall_id": self.id})
        # Whoever scans a pack's QR code sees the recall on the public batch page.
        notice = _("Product recall %(recall)s: %(instructions)s") % {
            "recall": self.name, "instructions": self.customer_instructions or self.reason}
        lots.filtered(lambda lot: not lot.public_notice).sudo().write({"public_notice": notice})
        open_lines = self.env["stock.move.line"].search([
            ("lot_id", "in", lots.ids), ("state", "not in", ("done", "cancel"))])
        moves = open_lines.mapped("move_id")
        choices = self.env["cloudoffice.sale.line.lot"].search([
            ("lot_id", "in", lots.ids),
            ("sale_line_id.order_id.state", "not in", ("done", "cancel"))])
        for order in choices.mapped("order_id"):
            names = ", ".join(choices.filtered(lambda c, o=order: c.order_id == o)
                              .mapped("lot_id.name"))
            order.message_post(body=_(
                "Recall %(recall)s: batches %(lots)s were taken out of this order's chosen "
                "batches. Choose others, or let the delivery propose sellable ones.") % {
                    "recall": self.name, "lots": names})
        sale_lines = choices.mapped("sale_line_id")
        choices.sudo().unlink()
        sale_lines.sudo().write({"cloudoffice_recall_id": self.id})
        moves |= sale_lines.mapped("move_ids").filtered(
            lambda m: m.state not in ("done", "cancel", "draft"))
        if moves:
            moves._do_unreserve()
            # Reserved again without the recalled batches: stock of a batch in
            # a recall under way is never available (stock.quant._gather).
            moves._action_assign()
        self.message_post(body=_(
            "Recall confirmed: %(lots)d batches blocked, %(moves)d open movements released from "
            "them, %(orders)d sales orders changed.") % {
                "lots": len(lots), "moves": len(moves),
                "orders": len(choices.mapped("order_id"))})

    @api.multi
    def action_notify_customers(self):
        """Send each customer not yet told the notice with their deliveries;
        many customers are told by a background task (each notice renders
        its PDF), whose window this returns."""
        tasks = self.env["cloudoffice.lot.background.task"]
        for recall in self:
            recall._cloudoffice_check_state("confirmed")
            # A delivery committed while the recall was being confirmed is
            # found now, so its customer is told too.
            recall.action_compute_scope()
            count = len(recall._cloudoffice_lines_to_notify().mapped("partner_id"))
            if len(self) == 1 and tasks.cloudoffice_is_large(count * NOTICE_WEIGHT):
                task = tasks.cloudoffice_start(
                    "recall_notices", _("Notices of recall %(recall)s to %(count)d customers") % {
                        "recall": recall.name, "count": count},
                    total=count, payload={"recall_id": recall.id})
                return task.cloudoffice_action_open()
            recall._cloudoffice_notify()
        return True

    def _cloudoffice_lines_to_notify(self, after_partner_id=0):
        """Customer lines not yet notified, of the customers (delivery
        addresses) after ``after_partner_id``."""
        self.ensure_one()
        return self.customer_ids.filtered(
            lambda c: not c.notified_at and c.partner_id.id > after_partner_id)

    def _cloudoffice_notify(self, after_partner_id=0, deadline=None):
        """Send the notice to the customers not yet told (those after
        ``after_partner_id``, by id) until ``deadline`` (a ``time.time()``).
        Returns ``(customers handled, last one's id, all handled)``; once all
        are, the chatter says how many were told."""
        self.ensure_one()
        template = self.env.ref("cloudoffice_lots.mail_template_recall_notice")
        todo = self._cloudoffice_lines_to_notify(after_partner_id)
        lines_of = {}
        for line in todo:
            lines_of[line.partner_id] = lines_of.get(line.partner_id, line.browse()) | line
        handled, last_id = 0, after_partner_id
        for partner in todo.mapped("partner_id").sorted("id"):
            if deadline is not None and handled and time.time() > deadline:
                return handled, last_id, False
            lines = lines_of[partner]
            if partner.email:
                template.send_mail(lines[0].id, force_send=False)
                lines.write({"notified_at": fields.Datetime.now()})
            else:
                self.message_post(body=_(
                    "%(customer)s has no e-mail address: tell them by phone or letter, "
                    "then mark them notified.") % {"customer": partner.display_name})
            handled, last_id = handled + 1, partner.id
        self.message_post(body=_("Notices sent to %(count)d customers.") % {
            "count": len(self.customer_ids.filtered("notified_at").mapped("partner_id"))})
        return handled, last_id, True

    @api.multi
    def action_close(self):
        for recall in self:
            recall._cloudoffice_check_state("confirmed")
            recall.action_compute_scope()
            recall.write({"state": "closed", "closed_at": fields.Datetime.now()})
            recall.message_post(body=_(
                "Recall closed: %(shipped)s shipped, %(recovered)s recovered, %(destroyed)s "
                "destroyed, %(unaccounted)s unaccounted.") % {
                    "shipped": recall.qty_shipped, "recovered": recall.qty_recovered,
                    "destroyed": recall.qty_destroyed, "unaccounted": recall.qty_unaccounted})
        return True

    @api.multi
    def action_cancel(self):
        for recall in self:
            recall._cloudoffice_check_state("draft")
            recall.state = "cancel"
        return True

    def _cloudoffice_check_state(self, *states):
        for recall in self:
            if recall.state not in states:
                labels = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(_("Recall %(recall)s is %(state)s: this cannot be done now.") % {
                    "recall": recall.name, "state": labels[recall.state]})

    @api.multi
    def action_print_closing_report(self):
        return self.env.ref("cloudoffice_lots.action_report_lot_recall").report_action(self)

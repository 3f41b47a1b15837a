from odoo import _, api, fields, models

from ..reports.queries import lot_trace


class LotTraceWizard(models.TransientModel):
    """Traceability of a batch/serial: downstream to the customers who
    received it or anything made from it, upstream to its components and
    suppliers, through any depth of manufacturing."""

    _name = "cloudoffice.lot.trace.wizard"
    _inherit = "cloudoffice.lot.report.mixin"
    _description = "Batch Traceability"
    _line_model = "cloudoffice.lot.trace.line"
    _lines_action = "cloudoffice_lots.action_lot_trace_line"
    _pdf_report = "cloudoffice_lots.report_lot_trace_pdf"
    _xlsx_file_name = "batch_traceability"

    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", required=True,
                             help="The batch or serial number to trace.")
    product_id = fields.Many2one(related="lot_id.product_id", readonly=True,
                                 help="The product of the traced batch/serial.")
    direction = fields.Selection(
        [("downstream", "Downstream: where it went"), ("upstream", "Upstream: where it came from"),
         ("both", "Both")], required=True, default="both",
        help="Downstream: where the batch went (deliveries, consumption, batches made from it). "
             "Upstream: where it came from (receipts, components).")
    line_ids = fields.One2many("cloudoffice.lot.trace.line", "wizard_id", string="Movements",
                               help="Every movement found by the trace, level by level.")
    customer_ids = fields.One2many("cloudoffice.lot.trace.customer", "wizard_id",
                                   string="Affected Customers",
                                   help="Customers who received the traced batch or a batch made "
                                        "from it, net of returns: the list to contact for a "
                                        "recall.")
    customer_count = fields.Integer(compute="_compute_counts", string="Customers",
                                    help="Number of customers who received the batch or a batch "
                                         "made from it.")
    lot_count = fields.Integer(compute="_compute_counts", string="Batches Made From It",
                               help="Batches made, at any depth, from the traced batch.")
    total_held = fields.Float(compute="_compute_counts", string="Held by Customers",
                              help="Quantity of the traced batch itself still at customers.")

    @api.depends("line_ids", "customer_ids")
    def _compute_counts(self):
        for wizard in self:
            wizard.customer_count = len(wizard.customer_ids.mapped("commercial_partner_id"))
            wizard.lot_count = len(wizard.line_ids.filtered(
                lambda line: line.direction == "downstream" and line.depth > 0).mapped("lot_id"))
            own = wizard.customer_ids.filtered(lambda c, lot=wizard.lot_id: c.lot_id == lot)
            wizard.total_held = sum(own.mapped("quantity"))

    def _compute_lines(self):
        self.ensure_one()
        params = lot_trace.params(self.lot_id.id, self._report_company_ids())
        directions = lot_trace.DIRECTIONS if self.direction == "both" else (self.direction,)
        count, append = 0, False
        for direction in directions:
            sql = (lot_trace.DOWNSTREAM_MOVES_SQL if direction == "downstream"
                   else lot_trace.UPSTREAM_MOVES_SQL)
            count += self._fill_lines(
                "SELECT %(cloudoffice_direction)s AS direction, * FROM (" + sql + ") AS moves",
                dict(params, cloudoffice_direction=direction),
                ("direction",) + lot_trace.MOVE_COLUMNS, append=append)
            append = True
        customers = self.env["cloudoffice.lot.trace.customer"]
        customers.search([("wizard_id", "=", self.id)]).unlink()
        if "downstream" in directions:
            self._fill_lines(lot_trace.AFFECTED_CUSTOMERS_SQL, params, lot_trace.CUSTOMER_COLUMNS,
                             append=True, line_model=customers._name)
        return count

    @api.multi
    def action_show(self):
        """The trace as a form: movements and affected customers side by side."""
        self.ensure_one()
        self._compute_lines()
        return {
            "type": "ir.actions.act_window",
            "name": self._report_title(),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("cloudoffice_lots.view_lot_trace_wizard_result").id, "form")],
            "target": "current",
        }

    @api.multi
    def action_open_customers(self):
        self.ensure_one()
        action = self._cloudoffice_read_action("cloudoffice_lots.action_lot_trace_customer")
        action["domain"] = [("wizard_id", "=", self.id)]
        action["name"] = action["display_name"] = _("Customers Affected by %s") % self.lot_id.name
        return action

    @api.multi
    def action_open_lines(self):
        self.ensure_one()
        action = self._cloudoffice_read_action(self._lines_action)
        action["domain"] = [("wizard_id", "=", self.id)]
        action["name"] = action["display_name"] = self._report_title()
        return action

    @api.model
    def action_open_for_lots(self, lots, direction="both"):
        """Smart button of the batch form: trace it at once."""
        wizard = self.create({"lot_id": lots[:1].id, "direction": direction})
        return wizard.action_show()

    @api.multi
    def name_get(self):
        """The breadcrumb of the trace says what it traces, not the model's name."""
        return [(wizard.id, wizard._report_title()) for wizard in self]

    def _report_title(self):
        return _("Traceability of %(lot)s (%(product)s)") % {
            "lot": self.lot_id.name, "product": self.lot_id.product_id.display_name}

    def _customers_note(self):
        if self.customer_count == 1:
            return _("1 customer received %(lot)s or a batch made from it.") % {
                "lot": self.lot_id.name}
        return _("%(count)d customers received %(lot)s or a batch made from it.") % {
            "count": self.customer_count, "lot": self.lot_id.name}

    def _export_param_fields(self):
        return ["lot_id", "product_id", "direction"]

    def _export_sections(self):
        moves = [(_("Level"), "depth"), (_("Date"), "date"), (_("Type"), "kind"),
                 (_("Reference"), "reference"), (_("Product"), "product_id"),
                 (_("Batch/Serial"), "lot_id"), (_("Through Batch"), "parent_lot_id"),
                 (_("Partner"), "partner_id"), (_("From"), "location_id"),
                 (_("To"), "location_dest_id"), (_("Quantity"), "quantity"), (_("Unit"), "uom_id")]
        customers = [(_("Customer"), "commercial_partner_id"), (_("Delivered To"), "partner_id"),
                     (_("Email"), "email"), (_("Phone"), "phone"), (_("Product"), "product_id"),
                     (_("Batch/Serial"), "lot_id"), (_("Delivered"), "delivered"),
                     (_("Returned"), "returned"), (_("Still Held"), "quantity"),
                     (_("Unit"), "uom_id"), (_("Last Delivery"), "last_delivery")]
        sections = []
        if self.direction in ("downstream", "both"):
            sections.append({
                "title": _("Affected Customers"),
                "notes": [self._customers_note()],
                "columns": customers, "records": self.customer_ids})
            sections.append({"title": _("Downstream: Where It Went"), "notes": [], "columns": moves,
                             "records": self.line_ids.filtered(lambda line: line.direction == "downstream")})
        if self.direction in ("upstream", "both"):
            sections.append({"title": _("Upstream: Where It Came From"), "notes": [], "columns": moves,
                             "records": self.line_ids.filtered(lambda line: line.direction == "upstream")})
        return sections

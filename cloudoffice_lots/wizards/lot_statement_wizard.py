from odoo import _, fields, models

from ..reports.queries import common, lot_statement, lot_trace


class LotStatementWizard(models.TransientModel):
    """Stock statement (ledger) of batches/serials over a period."""

    _name = "cloudoffice.lot.statement.wizard"
    _inherit = "cloudoffice.lot.report.period.mixin"
    _description = "Batch Statement"
    _line_model = "cloudoffice.lot.statement.line"
    _lines_action = "cloudoffice_lots.action_lot_statement_line"
    _pdf_report = "cloudoffice_lots.report_lot_statement_pdf"
    _xlsx_file_name = "batch_statement"

    lot_ids = fields.Many2many("stock.production.lot", string="Batches/Serials", required=True,
                               help="The batches or serial numbers whose movements are listed.")
    date_from = fields.Date(string="From", help="First day listed; empty: since the first move.")
    date_to = fields.Date(string="To", help="Last day listed (in your time zone); empty: today.")
    warehouse_ids = fields.Many2many(
        "stock.warehouse", string="Warehouses",
        help="Count stock in these warehouses only: moves to other warehouses are out.")
    location_ids = fields.Many2many(
        "stock.location", string="Locations", domain=[("usage", "in", ("internal", "transit"))],
        help="Count stock in these locations (and sublocations) only.")
    line_ids = fields.One2many("cloudoffice.lot.statement.line", "wizard_id", string="Lines",
                               help="The statement: each batch's opening balance, then its "
                                    "movements with the running balance.")

    def _query_params(self):
        self.ensure_one()
        return lot_statement.params(
            lot_ids=self.lot_ids.ids,
            company_ids=self._report_company_ids(),
            date_from=self._day_start(self.date_from) if self.date_from else None,
            date_to=self._day_end(self.date_to) if self.date_to else None,
            location_ids=self._with_sublocations(self.location_ids),
            warehouse_ids=self._ids_or_none(self.warehouse_ids),
        )

    def _compute_lines(self):
        params = self._query_params()
        count = self._fill_lines(lot_statement.STATEMENT_SQL, params, lot_statement.COLUMNS)
        self._add_opening_lines(params)
        return count

    def _add_opening_lines(self, params):
        """One "Opening Balance" line per batch, dated at the period's start."""
        self.env.cr.execute(lot_statement.OPENING_SQL, params)
        openings = dict(self.env.cr.fetchall())
        lines = self.env[self._line_model]
        start = params["date_from"] if self.date_from else None
        for lot in self.lot_ids:
            lines.create({
                "wizard_id": self.id,
                "sequence": 0,
                "kind": "opening",
                "date": fields.Datetime.to_string(start) if start else False,
                "lot_id": lot.id,
                "product_id": lot.product_id.id,
                "uom_id": lot.product_id.uom_id.id,
                "company_id": lot.company_id.id,
                "reference": _("Opening Balance"),
                "balance": openings.get(lot.id, 0.0),
            })

    def customers(self, lot):
        """Who the batch was sold to: [(delivery address, quantity still
        held, unit)] from the done deliveries net of returns."""
        self.env.cr.execute(lot_trace.AFFECTED_CUSTOMERS_SQL,
                            lot_trace.params(lot.id, self._report_company_ids(), max_depth=0))
        rows = common.dict_rows(self.env.cr)
        partners = self.env["res.partner"].browse([r["partner_id"] for r in rows if r["partner_id"]])
        names = {p.id: p.display_name for p in partners}
        unknown = _("Unknown")
        return [(names.get(r["partner_id"], unknown), r["quantity"], lot.product_id.uom_id.name)
                for r in rows]

    def _lines_context(self):
        # Odoo 11 opens groups collapsed: the statement opens as one list,
        # every line visible, in the order of the batches and dates.
        return {}

    def _report_title(self):
        return _("Batch Statement: %s") % ", ".join(self.lot_ids.mapped("name"))

    def _export_param_fields(self):
        return ["date_from", "date_to", "warehouse_ids", "location_ids"]

    def _export_sections(self):
        columns = [(_("Date"), "date"), (_("Type"), "kind"), (_("Reference"), "reference"),
                   (_("From"), "location_id"), (_("To"), "location_dest_id"),
                   (_("Partner"), "partner_id"), (_("In"), "qty_in"), (_("Out"), "qty_out"),
                   (_("Balance"), "balance")]
        sections = []
        for lot in self.lot_ids:
            notes = []
            if lot.origin_date:
                origin = lot.origin_production_id.name or lot.origin_picking_id.name or ""
                notes.append(_("Bought/made on %(date)s %(partner)s %(document)s") % {
                    "date": self._export_value(lot, "origin_date"),
                    "partner": lot.origin_partner_id.display_name or "", "document": origin})
            sold = ["%s (%s %s)" % (name, self._format_number(qty), unit)
                    for name, qty, unit in self.customers(lot)]
            if sold:
                notes.append(_("Sold to: %s") % ", ".join(sold))
            sections.append({
                "title": "%s - %s" % (lot.name, lot.product_id.display_name),
                "notes": notes, "columns": columns,
                "records": self.line_ids.filtered(lambda line, lot=lot: line.lot_id == lot),
            })
        return sections

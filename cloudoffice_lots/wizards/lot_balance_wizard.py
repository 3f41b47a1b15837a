from odoo import _, fields, models

from ..models.user_format import format_day
from ..reports.queries import lot_balance, snapshots


class LotBalanceWizard(models.TransientModel):
    """Stock balance by batch/serial at the end of a date, or opening / in /
    out / closing over a date range, per location or per warehouse."""

    _name = "cloudoffice.lot.balance.wizard"
    _inherit = "cloudoffice.lot.report.period.mixin"
    _description = "Batch Balance"
    _line_model = "cloudoffice.lot.balance.line"
    _lines_action = "cloudoffice_lots.action_lot_balance_line"
    _pdf_report = "cloudoffice_lots.report_lot_balance_pdf"
    _xlsx_file_name = "batch_balance"

    date_from = fields.Date(
        string="From",
        help="Start of the period: the balance before it is the opening, its moves are in and "
             "out. Leave empty for the balance at the end date only.")
    date_to = fields.Date(
        string="At the End of", required=True, default=fields.Date.context_today,
        help="The balance is the stock as it was at the end of this day, in your time zone.")
    level = fields.Selection(
        [("location", "Location"), ("warehouse", "Warehouse")], string="Per",
        required=True, default="location",
        help="Per warehouse, moves between two locations of one warehouse are neither in nor "
             "out.")
    product_ids = fields.Many2many("product.product", string="Products",
                                   help="Only these products (all when empty).")
    categ_ids = fields.Many2many("product.category", string="Product Categories",
                                 help="Only products of these categories and their subcategories.")
    warehouse_ids = fields.Many2many("stock.warehouse", string="Warehouses",
                                     help="Only stock in these warehouses.")
    location_ids = fields.Many2many("stock.location", string="Locations",
                                    domain=[("usage", "in", ("internal", "transit"))],
                                    help="Only stock in these locations and their sublocations.")
    lot_ids = fields.Many2many("stock.production.lot", string="Batches/Serials",
                               help="Only these batches or serial numbers.")
    line_ids = fields.One2many("cloudoffice.lot.balance.line", "wizard_id", string="Lines",
                               help="The balance: one line per batch and location (or warehouse).")

    def _query_params(self, sql=None):
        self.ensure_one()
        return lot_balance.params(
            self.env.cr,
            sql=sql,
            date_to=self._day_end(self.date_to),
            company_ids=self._report_company_ids(),
            date_from=self._day_start(self.date_from) if self.date_from else None,
            by_warehouse=self.level == "warehouse",
            lot_ids=self._ids_or_none(self.lot_ids),
            product_ids=self._ids_or_none(self.product_ids),
            categ_ids=self._with_subcategories(self.categ_ids),
            location_ids=self._with_sublocations(self.location_ids),
            warehouse_ids=self._ids_or_none(self.warehouse_ids),
        )

    def _cloudoffice_prepare_in_background(self):
        """After a back-dated move (or on a new database) the balance first
        rebuilds its month snapshots; when that replays many move lines it
        is done in the background, and the user runs the balance again when
        told it is ready."""
        until = self._day_start(self.date_from) if self.date_from else self._day_end(self.date_to)
        if not self.date_from and self._balance_query() is lot_balance.CURRENT_SQL:
            return None  # today's balance is read from the quants: no history to rebuild
        months, lines = snapshots.pending(self.env.cr, until)
        tasks = self.env["cloudoffice.lot.background.task"]
        if not months or not tasks.cloudoffice_is_large(lines):
            return None
        task = tasks.cloudoffice_start(
            "snapshots", _("Balance history up to %(day)s (%(months)d months)") % {
                "day": format_day(self.env, self.date_from or self.date_to), "months": months},
            total=months, payload={"until": fields.Datetime.to_string(until)})
        return task.cloudoffice_action_open()

    def _balance_query(self):
        """The balance's query, the quants or the replay (lot_balance.query),
        chosen once per button: its preparation and its lines both need it."""
        key = (self.date_from, self.date_to)
        chosen = self.__dict__.get("_cloudoffice_balance_query")
        if not chosen or chosen[0] != key:
            date_from = self._day_start(self.date_from) if self.date_from else None
            chosen = (key, lot_balance.query(self.env.cr, self._day_end(self.date_to), date_from))
            self.__dict__["_cloudoffice_balance_query"] = chosen
        return chosen[1]

    def _compute_lines(self):
        sql = self._balance_query()
        # the next button chooses again: stock may have moved in between
        self.__dict__.pop("_cloudoffice_balance_query", None)
        return self._fill_lines(sql, self._query_params(sql), lot_balance.COLUMNS)

    def _lines_context(self):
        if self.date_from:
            return {"search_default_group_product": 1}
        return {"search_default_group_product": 1, "cloudoffice_balance_only": 1}

    def _report_title(self):
        if self.date_from:
            return _("Batch Balance %(start)s - %(end)s") % {"start": self.date_from,
                                                               "end": self.date_to}
        return _("Batch Balance at %s") % self.date_to

    def _export_param_fields(self):
        return ["date_from", "date_to", "level", "product_ids", "categ_ids", "warehouse_ids",
                "location_ids", "lot_ids"]

    def _export_sections(self):
        columns = [(_("Product"), "product_id"), (_("Batch/Serial"), "lot_id"),
                   (_("Warehouse"), "warehouse_id"), (_("Location"), "location_id"),
                   (_("Expiry Date"), "life_date")]
        if self.date_from:
            columns += [(_("Opening"), "opening"), (_("In"), "qty_in"), (_("Out"), "qty_out")]
        columns += [(_("Closing"), "closing"), (_("Unit"), "uom_id")]
        return [{"title": self._report_title(), "notes": [], "columns": columns,
                 "records": self.line_ids}]

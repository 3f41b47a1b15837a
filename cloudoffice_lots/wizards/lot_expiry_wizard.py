import datetime

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..reports.queries import lot_expiry


class LotExpiryWizard(models.TransientModel):
    """Expiry report: batches in stock and at customers, grouped into
    expired / expiring within N days / later."""

    _name = "cloudoffice.lot.expiry.wizard"
    _inherit = "cloudoffice.lot.report.mixin"
    _description = "Batch Expiry"
    _line_model = "cloudoffice.lot.expiry.line"
    _lines_action = "cloudoffice_lots.action_lot_expiry_line"
    _pdf_report = "cloudoffice_lots.report_lot_expiry_pdf"
    _xlsx_file_name = "batch_expiry"

    days = fields.Integer(string="Expiring Within (Days)", required=True, default=30,
                          help="Batches expiring within this many days are 'Expiring Soon'.")
    show = fields.Selection(
        [("soon", "Expired and Expiring Soon"), ("all", "All Batches with an Expiry Date"),
         ("undated", "All, Also Without Expiry Date")],
        required=True, default="soon",
        help="Which batches are listed: only those expired or expiring within the days above, all "
             "with an expiry date, or all including those without.")
    include_customers = fields.Boolean(
        string="Batches at Customers", default=True,
        help="Also list batches already delivered, per customer, net of returns.")
    product_ids = fields.Many2many("product.product", string="Products",
                                   help="Only batches of these products (all when empty).")
    categ_ids = fields.Many2many("product.category", string="Product Categories",
                                 help="Only products of these categories and their subcategories "
                                      "(all when empty).")
    warehouse_ids = fields.Many2many("stock.warehouse", string="Warehouses",
                                     help="Stock in these warehouses only.")
    line_ids = fields.One2many("cloudoffice.lot.expiry.line", "wizard_id", string="Lines",
                               help="The report: one line per batch and location, and per batch "
                                    "and customer.")

    @api.constrains("days")
    def _check_days(self):
        for wizard in self:
            if wizard.days < 0:
                raise ValidationError(_("The number of days before expiry cannot be negative (%d).")
                                      % wizard.days)

    def _query_params(self):
        self.ensure_one()
        buckets = {"soon": ["expired", "soon"], "all": None, "undated": None}[self.show]
        return lot_expiry.params(
            company_ids=self._report_company_ids(),
            now=datetime.datetime.utcnow().replace(microsecond=0),
            today=self._user_today(),
            tz=self._report_tz(),
            days=self.days,
            buckets=buckets,
            with_undated=self.show == "undated",
            product_ids=self._ids_or_none(self.product_ids),
            categ_ids=self._with_subcategories(self.categ_ids),
            warehouse_ids=self._ids_or_none(self.warehouse_ids),
        )

    def _compute_lines(self):
        params = self._query_params()
        count = self._fill_lines(
            "SELECT 'stock' AS kind, * FROM (" + lot_expiry.IN_STOCK_SQL + ") AS stock_rows",
            params, ("kind",) + lot_expiry.STOCK_COLUMNS)
        if self.include_customers:
            count += self._fill_lines(
                "SELECT 'customer' AS kind, * FROM (" + lot_expiry.AT_CUSTOMERS_SQL
                + ") AS customer_rows", params, ("kind",) + lot_expiry.CUSTOMER_COLUMNS,
                append=True)
        return count

    def _lines_context(self):
        return {"search_default_group_bucket": 1}

    def _report_title(self):
        return _("Batch Expiry (within %d days)") % self.days

    def _export_param_fields(self):
        return ["days", "show", "include_customers", "product_ids", "categ_ids", "warehouse_ids"]

    def _export_sections(self):
        dates = [(_("Expiry Date"), "life_date"), (_("Best Before"), "use_date"),
                 (_("Alert Date"), "alert_date"), (_("Days Left"), "days_left"),
                 (_("Expiry"), "bucket")]
        stock = [(_("Product"), "product_id"), (_("Batch/Serial"), "lot_id"),
                 (_("Warehouse"), "warehouse_id"), (_("Location"), "location_id")] + dates + [
            (_("Quantity"), "quantity"), (_("Unit"), "uom_id")]
        customers = [(_("Product"), "product_id"), (_("Batch/Serial"), "lot_id"),
                     (_("Customer"), "partner_id"), (_("Last Delivery"), "picking_id"),
                     (_("Delivered On"), "delivery_date")] + dates + [
            (_("Quantity"), "quantity"), (_("Unit"), "uom_id")]
        sections = [{"title": _("Batches in Stock"), "notes": [], "columns": stock,
                     "records": self.line_ids.filtered(lambda line: line.kind == "stock")}]
        if self.include_customers:
            sections.append({"title": _("Batches at Customers"), "notes": [], "columns": customers,
                             "records": self.line_ids.filtered(lambda line: line.kind == "customer")})
        return sections

import babel
import babel.dates
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import posix_to_ldml

from .. import labels
from .stock_production_lot_barcode import BARCODE_KINDS, GS1_KINDS

OUTPUTS = [
    ("pdf_sheet", "PDF: sheet of labels (office printer)"),
    ("pdf_single", "PDF: one label per page (label printer)"),
    ("zpl", "ZPL (Zebra label printer)"),
]
PAPER_SIZES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
#: Boolean field of the layout -> label field of the engine, in print order.
FIELD_SWITCHES = [
    ("show_description", "description"),
    ("show_default_code", "default_code"),
    ("show_lot", "lot"),
    ("show_production_date", "production_date"),
    ("show_best_before", "best_before"),
    ("show_expiry", "expiry"),
    ("show_quantity", "quantity"),
    ("show_attributes", "attributes"),
    ("show_allergens", "allergens"),
    ("show_free_text", "free_text"),
]


class LabelLayout(models.Model):
    """What a batch/serial label looks like, defined by users without code."""

    _name = "cloudoffice.label.layout"
    _description = "Label Layout"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True,
                       help="Name users pick the layout by when printing labels, e.g. 'Shelf label "
                            "70x37'.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Company", default=lambda self: self.env.user.company_id,
        help="Empty: offered to all companies.")
    output = fields.Selection(
        OUTPUTS, string="Printer Type", required=True, default="pdf_sheet",
        help="Sheet: several labels per A4/Letter page for office printers. One label per "
             "page: PDF for label printers. ZPL: a .zpl file for Zebra printers (desktop "
             "or mobile, sent through the printer's app or driver).")
    width_mm = fields.Float(string="Label Width (mm)", required=True, default=70.0,
                            help="Width of one label in millimetres, as on the roll or sheet.")
    height_mm = fields.Float(string="Label Height (mm)", required=True, default=37.0,
                             help="Height of one label in millimetres, as on the roll or sheet.")
    paper = fields.Selection([("a4", "A4"), ("letter", "US Letter")], default="a4",
                             help="Paper size of label sheets.")
    rows = fields.Integer(default=8, help="Labels per column of a sheet.")
    columns = fields.Integer(default=3, help="Labels per row of a sheet.")
    margin_top_mm = fields.Float(string="Top Margin (mm)", default=0.0,
                                 help="From the top of the sheet to the first row.")
    margin_left_mm = fields.Float(string="Left Margin (mm)", default=0.0,
                                  help="From the left of the sheet to the first column.")
    gap_x_mm = fields.Float(string="Gap Between Columns (mm)", default=0.0,
                            help="Space between two labels side by side on a sheet, in "
                                 "millimetres; 0 when the labels touch.")
    gap_y_mm = fields.Float(string="Gap Between Rows (mm)", default=0.0,
                            help="Space between two rows of labels on a sheet, in millimetres; 0 "
                                 "when the labels touch.")
    dpi = fields.Selection([("203", "203 dpi (8 dots/mm)"), ("300", "300 dpi (12 dots/mm)")],
                           string="Printer Resolution", default="203",
                           help="Resolution of the Zebra printer the ZPL is made for.")
    barcode_kind = fields.Selection(
        BARCODE_KINDS + [("none", "No barcode")], string="Barcode", required=True,
        default="gs1_datamatrix",
        help="GS1 barcodes carry GTIN, batch/serial and dates; products without a barcode "
             "get a plain Code 128 of the batch/serial instead.")
    show_description = fields.Boolean(string="Description", default=True,
                                      help="Print the product's name.")
    show_default_code = fields.Boolean(string="Article Number", default=True,
                                       help="The product's internal reference.")
    show_lot = fields.Boolean(string="Batch/Serial", default=True,
                              help="Print the batch or serial number as text.")
    show_production_date = fields.Boolean(string="Production Date", default=True,
                                          help="Print the batch's production date.")
    show_best_before = fields.Boolean(string="Best Before", default=True,
                                      help="Print the batch's best-before date.")
    show_expiry = fields.Boolean(string="Expiry Date", default=True,
                                 help="Print the batch's expiry (use-by) date.")
    show_quantity = fields.Boolean(string="Quantity", default=False,
                                   help="Quantity of the batch on the receipt, or per unit.")
    show_attributes = fields.Boolean(string="Batch Data", default=False,
                                     help="Print the batch data chosen below, e.g. country of "
                                          "origin.")
    attribute_ids = fields.Many2many(
        "cloudoffice.lot.attribute", string="Batch Data Fields",
        help="Batch attributes printed on the label, in their order.")
    show_allergens = fields.Boolean(string="Allergens", default=True,
                                    help="The product's allergen note.")
    show_pictograms = fields.Boolean(string="Hazard Pictograms", default=True,
                                     help="The product's GHS hazard pictograms.")
    show_free_text = fields.Boolean(string="Free Text", default=False,
                                    help="Print the free text below on every label.")
    free_text = fields.Char(translate=True, help="Printed on every label, e.g. storage advice.")

    @api.constrains("output", "width_mm", "height_mm", "paper", "rows", "columns",
                    "margin_top_mm", "margin_left_mm", "gap_x_mm", "gap_y_mm", "dpi")
    def _check_geometry(self):
        for layout in self:
            try:
                labels.normalise(layout._engine_layout())
            except labels.LayoutError as err:
                raise ValidationError(_("Label layout %(name)s: %(problem)s.") % {
                    "name": layout.name, "problem": str(err)})

    # ------------------------------------------------------------- engine
    def _engine_layout(self, skip=0):
        """The layout as the label engine takes it (see :mod:`..labels`)."""
        self.ensure_one()
        paper_w, paper_h = PAPER_SIZES[self.paper or "a4"]
        return {
            "width_mm": self.width_mm, "height_mm": self.height_mm, "output": self.output,
            "page": {"width_mm": paper_w, "height_mm": paper_h, "rows": self.rows,
                     "columns": self.columns, "margin_top_mm": self.margin_top_mm,
                     "margin_left_mm": self.margin_left_mm, "gap_x_mm": self.gap_x_mm,
                     "gap_y_mm": self.gap_y_mm, "skip": skip},
            "dpi": int(self.dpi or 203),
            "fields": [name for switch, name in FIELD_SWITCHES if self[switch]],
            "captions": self._captions(),
            "free_text": self.free_text or "",
            "pictograms": self.show_pictograms,
            "title": self.name,
        }

    def _captions(self):
        return {
            "default_code": _("Art. no."), "lot": _("Batch"),
            "production_date": _("Produced"), "best_before": _("Best before"),
            "expiry": _("Use by"), "quantity": _("Qty"), "allergens": _("Allergens"),
        }

    def _date_formatter(self):
        """A function printing dates in the user's language format (looked up once:
        a thousand labels print three thousand dates)."""
        lang = self.env["res.lang"]._lang_get(self.env.context.get("lang") or self.env.user.lang
                                              or "en_US")
        locale = babel.Locale.parse(lang.code)
        pattern = posix_to_ldml(lang.date_format, locale=locale)
        return lambda value: babel.dates.format_date(value, format=pattern, locale=locale) \
            if value else ""

    def _label_values(self, product, name, dates, lot=None, quantity=None, uom=None,
                      copies=1, company=None, format_date=None):
        """One label for the engine: batch/serial ``name`` of ``product``.

        ``dates`` as returned by ``stock.production.lot._cloudoffice_dates``;
        ``lot`` (optional) gives the batch attributes.
        """
        self.ensure_one()
        format_date = format_date or self._date_formatter()
        values = {
            "description": product.with_context(display_default_code=False).display_name,
            "default_code": product.default_code or "",
            "lot": name,
            "production_date": format_date(dates.get("production_date")),
            "best_before": format_date(dates.get("best_before")),
            "expiry": format_date(dates.get("expiry")),
            "quantity": "%g %s" % (quantity, (uom or product.uom_id).name) if quantity else "",
            "allergens": product.allergen_note or "",
            "pictograms": product.hazard_pictogram_ids.mapped("code"),
            "copies": copies,
        }
        if product.tracking == "serial":
            values["captions"] = {"lot": _("Serial")}
        if lot and self.show_attributes and self.attribute_ids:
            by_attribute = {line.attribute_id: line for line in lot.attribute_value_ids}
            values["attributes"] = [
                (attribute.name, by_attribute[attribute].display_value())
                for attribute in self.attribute_ids if attribute in by_attribute]
        kind = self.barcode_kind
        if kind in GS1_KINDS and not (product.barcode or "").strip():
            kind = "code128"  # no GTIN: the batch/serial name alone
        if kind != "none":
            values["barcode"] = {"kind": kind, "data": self.env[
                "stock.production.lot"]._cloudoffice_barcode_data_for(
                    kind, product, name, dates, company)}
        return values

    def render_labels(self, items, skip=0):
        """``(content, file name)`` of the labels for ``items``.

        Each item is a dict: ``lot`` (a batch/serial record), or ``product``,
        ``name`` and ``dates`` for a batch not created yet; optional
        ``quantity``, ``uom`` and ``copies``.
        """
        self.ensure_one()
        if not items:
            raise UserError(_("There is nothing to print: no batch or serial number was given."))
        values = []
        format_date = self._date_formatter()
        for item in items:
            lot = item.get("lot")
            if lot:
                product, name, dates = lot.product_id, lot.name, lot._cloudoffice_dates()
            else:
                product, name, dates = item["product"], item["name"], item.get("dates") or {}
            values.append(self._label_values(
                product, name, dates, lot=lot, quantity=item.get("quantity"),
                uom=item.get("uom"), copies=item.get("copies") or 1,
                company=(lot.company_id if lot else None), format_date=format_date))
        content = labels.render(self._engine_layout(skip), values)
        extension = "zpl" if self.output == "zpl" else "pdf"
        return content, "%s.%s" % (_("labels"), extension)

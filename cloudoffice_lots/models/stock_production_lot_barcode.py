"""Barcodes of a batch/serial: GS1 element string, Digital Link, images.

The GS1 rules live in :mod:`..gs1`; this is the Odoo side: products, dates,
companies, messages.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape as escape

from .. import gs1
from .gs1_messages import gs1_message

#: Barcode kinds, as offered on label layouts and the batch's barcode route.
BARCODE_KINDS = [
    ("gs1_datamatrix", "GS1 DataMatrix"),
    ("gs1_128", "GS1-128"),
    ("qr_digital_link", "GS1 Digital Link QR Code"),
    ("code128", "Code 128 (batch/serial only)"),
]
GS1_KINDS = ("gs1_datamatrix", "gs1_128", "qr_digital_link")
#: Path of our own Digital Link resolver, used when the company has none.
OWN_RESOLVER_PATH = "/cloudoffice_lots/dl"
#: GS1 General Specifications 5.4.1: at most 48 data characters per GS1-128 symbol.
GS1_128_MAX_DATA = 48


class StockProductionLot(models.Model):
    _inherit = "stock.production.lot"  # pylint: disable=consider-merging-classes-inherited

    gs1_element_string = fields.Char(
        string="GS1 Data", compute="_compute_gs1_barcode",
        help="What the batch's GS1 barcodes carry: GTIN (01), production date (11), "
             "best-before (15), expiry (17) and batch (10) or serial number (21).")
    gs1_digital_link = fields.Char(
        string="GS1 Digital Link", compute="_compute_gs1_barcode",
        help="Web address printed as a QR code for phones; the company's Digital Link "
             "address followed by /01/<GTIN>/10/<batch>.")
    gs1_barcode_issue = fields.Char(
        string="Barcode Issue", compute="_compute_gs1_barcode",
        help="Why no GS1 barcode can be made for this batch/serial.")
    barcode_preview = fields.Html(
        string="Barcodes", compute="_compute_gs1_barcode", sanitize=False,
        help="The barcodes of this batch/serial as printed on labels.")

    def _compute_gs1_barcode(self):
        for lot in self:
            lot.gs1_element_string = lot.gs1_digital_link = lot.gs1_barcode_issue = False
            kinds = ["code128"]
            if not lot.id or not lot.product_id:
                lot.barcode_preview = False
                continue
            try:
                elements = lot._cloudoffice_gs1_elements()
                lot.gs1_element_string = gs1.encode_hri(elements)
                lot.gs1_digital_link = lot._cloudoffice_digital_link(elements)
                kinds = ["gs1_datamatrix", "gs1_128", "qr_digital_link"]
            except UserError as err:
                lot.gs1_barcode_issue = err.name
            captions = lot._cloudoffice_barcode_captions()
            lot.barcode_preview = "".join(
                '<figure class="o_cloudoffice_barcode_figure" style="display:inline-block;'
                'vertical-align:top;margin:0 16px 8px 0;text-align:center">'
                '<img class="o_cloudoffice_barcode" style="max-height:120px" '
                'src="/cloudoffice_lots/lot/%d/barcode.png?kind=%s" '
                'alt="%s"/><figcaption class="text-muted">%s</figcaption></figure>' % (
                    lot.id, kind, escape(captions[kind]), escape(captions[kind]))
                for kind in kinds)

    def _cloudoffice_barcode_captions(self):
        """What each barcode on the form is, in the user's words."""
        return {
            "gs1_datamatrix": _("GS1 DataMatrix: product, batch and dates, for 2D scanners"),
            "gs1_128": _("GS1-128: product, batch and dates, for line scanners"),
            "qr_digital_link": _("QR code: web link to this batch, for phones"),
            "code128": _("Code 128: the batch/serial number only"),
        }

    # ------------------------------------------------------------ GS1 data
    def _cloudoffice_gs1_elements(self):
        """``[(ai, value)]`` of the batch/serial's GS1 barcode.

        Raises a UserError naming the product when its barcode is missing or
        not a valid GTIN, or naming the batch when it cannot be encoded.
        """
        self.ensure_one()
        return self._cloudoffice_elements_for(self.product_id, self.name, self._cloudoffice_dates())

    def _cloudoffice_dates(self):
        """``{'production_date', 'best_before', 'expiry'}`` as ``datetime.date`` (or None)."""
        self.ensure_one()
        return {
            "production_date": (fields.Date.from_string(self.production_date)
                                if self.production_date else None),
            "best_before": fields.Date.from_string(self.best_before_day) if self.best_before_day else None,
            "expiry": fields.Date.from_string(self.expiry_day) if self.expiry_day else None,
        }

    @api.model
    def _cloudoffice_elements_for(self, product, name, dates):
        """GS1 elements of batch/serial ``name`` of ``product`` with ``dates``
        (see :meth:`_cloudoffice_dates`): also for a batch not created yet."""
        elements = [("01", product.cloudoffice_gtin14(required=True))]
        for ai, key in (("11", "production_date"), ("15", "best_before"), ("17", "expiry")):
            if dates.get(key):
                elements.append((ai, dates[key]))
        elements.append(("21" if product.tracking == "serial" else "10", name))
        try:
            gs1.check_requisites(gs1.validate_elements(elements))
        except gs1.GS1Error as err:
            raise UserError(_(
                "Batch/serial %(lot)s of %(product)s cannot be written in a GS1 barcode: "
                "%(problem)s.") % {"lot": name, "product": product.display_name,
                                   "problem": gs1_message(self, err)})
        return elements

    @api.model
    def _cloudoffice_digital_link_base(self, company=None):
        """The company's Digital Link address, else our own resolver on this server."""
        company = company or self.env.user.company_id
        base = (company.gs1_digital_link_base or "").strip()
        if base:
            return base
        web = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        return web.rstrip("/") + OWN_RESOLVER_PATH

    def _cloudoffice_digital_link(self, elements):
        base = self._cloudoffice_digital_link_base(self.company_id or None)
        return gs1.elements_to_digital_link(base, elements)

    def cloudoffice_default_barcode_kind(self):
        """GS1 DataMatrix when the product has a GTIN, else a plain Code 128."""
        self.ensure_one()
        return "gs1_datamatrix" if self.product_id.barcode else "code128"

    def cloudoffice_barcode_data(self, kind):
        """Data for :func:`..gs1.render_png` / :func:`..gs1.draw` of ``kind``."""
        self.ensure_one()
        return self._cloudoffice_barcode_data_for(
            kind, self.product_id, self.name, self._cloudoffice_dates(), self.company_id)

    @api.model
    def _cloudoffice_barcode_data_for(self, kind, product, name, dates, company=None):
        if kind == "code128":
            if not name or not all(" " <= char <= "~" for char in name):
                raise UserError(_(
                    "Batch/serial %(lot)s of %(product)s cannot be printed as a Code 128 "
                    "barcode: only plain ASCII letters, digits and signs can be.") % {
                        "lot": name, "product": product.display_name})
            return name
        elements = self._cloudoffice_elements_for(product, name, dates)
        if kind == "gs1_128":
            elements = self._cloudoffice_fit_gs1_128(elements)
        if kind == "qr_digital_link":
            return gs1.elements_to_digital_link(
                self._cloudoffice_digital_link_base(company or None), elements)
        return elements

    @api.model
    def _cloudoffice_fit_gs1_128(self, elements):
        """A GS1-128 symbol holds at most 48 characters: leave out the dates a
        reader can do without (production, then best-before) before the
        expiry, GTIN and batch/serial, which it cannot."""
        for optional_ai in ("11", "13", "16", "15"):
            if len(gs1.encode_raw(elements)) <= GS1_128_MAX_DATA:
                break
            elements = [element for element in elements if element[0] != optional_ai]
        return elements

    @api.multi
    def action_cloudoffice_print_labels(self):
        """Open the label wizard for these batches/serials."""
        return self.env["cloudoffice.label.print"].action_open(
            {"default_lot_ids": [(6, 0, self.ids)]})

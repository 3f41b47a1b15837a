import datetime

import pytz
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import gs1
from . import lot_dates
from .gs1_messages import gs1_message, gs1_user_error

RELEASE_STATES = [
    ("pending", "Awaiting tests"),
    ("failed", "Failed tests"),
    ("released", "Released"),
    ("blocked", "Blocked"),
]

#: release states in which a batch may be sold (issue 3's ``release_state``)
SELLABLE_RELEASE_STATES = ("released",)

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


def printable_scan(text):
    """A scan as it can be shown in a message: separators made visible, cut short."""
    shown = (text or "").strip().replace("\x1d", "<GS>").replace("\xf1", "<FNC1>")
    return shown if len(shown) <= 80 else shown[:77] + "..."


class StockProductionLot(models.Model):
    _name = "stock.production.lot"
    _inherit = ["stock.production.lot", "mail.activity.mixin"]

    company_id = fields.Many2one(
        "res.company", string="Company", index=True,
        default=lambda self: self.env.user.company_id,
        help="Company owning this batch/serial; users of other companies do not see it.")
    tracking = fields.Selection(related="product_id.tracking", readonly=True)
    production_date = fields.Date(
        track_visibility="onchange",
        help="Day the batch was made. With the product's shelf-life days it gives the "
             "expiry, best-before, removal and alert dates.")
    supplier_batch = fields.Char(
        string="Supplier's Batch Number", index=True,
        help="The batch or serial number the supplier or manufacturer printed on the goods, "
             "when it differs from ours.")
    life_date = fields.Datetime(string="Expiry Date", track_visibility="onchange")
    use_date = fields.Datetime(track_visibility="onchange")
    removal_date = fields.Datetime(track_visibility="onchange")
    alert_date = fields.Datetime(track_visibility="onchange")
    origin_picking_id = fields.Many2one(
        "stock.picking", string="Received With", compute="_compute_origin",
        help="The receipt that first brought this batch/serial into stock.")
    origin_production_id = fields.Many2one(
        "mrp.production", string="Made By", compute="_compute_origin",
        help="The manufacturing order that made this batch/serial.")
    origin_partner_id = fields.Many2one(
        "res.partner", string="Supplier", compute="_compute_origin",
        help="Who sold us this batch/serial.")
    origin_date = fields.Datetime(
        string="Bought/Made On", compute="_compute_origin",
        help="When this batch/serial was received or produced.")
    internal_quant_ids = fields.One2many(
        "stock.quant", compute="_compute_internal_quant_ids", string="Stock per Location",
        help="Where the batch/serial is in stock now, and how much is reserved.")
    attribute_value_ids = fields.One2many(
        "cloudoffice.lot.attribute.value", "lot_id", string="Batch Data", copy=True,
        help="Extra data recorded for this batch, as defined on the product category.")
    test_ids = fields.One2many(
        "cloudoffice.lot.test", "lot_id", string="Test Results", copy=False,
        help="Tests of this batch against the product's specifications.")
    certificate_ids = fields.One2many(
        "cloudoffice.lot.certificate", "lot_id", string="Certificates", copy=False,
        help="Certificates of analysis, conformity, origin... with their files.")
    certificate_count = fields.Integer(compute="_compute_certificate_count",
                                       help="Number of certificates attached to this batch/serial; "
                                            "click to see them.")
    has_expired_certificate = fields.Boolean(
        compute="_compute_certificate_count", string="Expired Certificate",
        help="At least one certificate of this batch is no longer valid.")
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

    @api.depends("quant_ids.quantity", "quant_ids.location_id")
    def _compute_internal_quant_ids(self):
        for lot in self:
            lot.internal_quant_ids = lot.quant_ids.filtered(
                lambda q: q.location_id.usage in ("internal", "transit"))

    @api.depends("certificate_ids.valid_until")
    def _compute_certificate_count(self):
        for lot in self:
            lot.certificate_count = len(lot.certificate_ids)
            lot.has_expired_certificate = any(lot.certificate_ids.mapped("is_expired"))

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

    def _compute_origin(self):
        origins = self._origins()
        for lot in self:
            picking_id, production_id, partner_id, date = origins.get(lot.id, (False,) * 4)
            lot.origin_picking_id = picking_id
            lot.origin_production_id = production_id
            lot.origin_partner_id = partner_id
            lot.origin_date = date

    def _origins(self):
        """lot id -> (receipt, manufacturing order, supplier, date) of its first
        done move into stock from a supplier or a production location."""
        lot_ids = tuple(i for i in self.ids if isinstance(i, int))
        if not lot_ids:
            return {}
        self.env.cr.execute("""
            SELECT DISTINCT ON (ml.lot_id)
                   ml.lot_id, ml.picking_id, m.production_id,
                   COALESCE(p.partner_id, m.partner_id), ml.date
              FROM stock_move_line ml
              JOIN stock_location src ON src.id = ml.location_id
              JOIN stock_move m ON m.id = ml.move_id
         LEFT JOIN stock_picking p ON p.id = ml.picking_id
             WHERE ml.lot_id IN %s AND ml.state = 'done'
               AND src.usage IN ('supplier', 'production')
          ORDER BY ml.lot_id, ml.date, ml.id
        """, (lot_ids,))
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    @api.model
    def default_get(self, fields_list):
        """A new batch/serial of a product takes its number from the product's numbering."""
        values = super().default_get(fields_list)
        product_id = values.get("product_id") or self.env.context.get("default_product_id")
        if "name" in fields_list and product_id and not self.env.context.get("default_name"):
            template = self.env["product.product"].browse(product_id).product_tmpl_id
            if template.lot_sequence_id or template.categ_id.lot_sequence_id:
                values["name"] = template._next_lot_name()
        return values

    # ------------------------------------------------------------------ dates
    def _local_date(self, value):
        """A Datetime field's value as the user's calendar date."""
        if not value:
            return None
        return fields.Datetime.context_timestamp(self, fields.Datetime.from_string(value)).date()

    def _from_local_date(self, day):
        """Midnight of ``day`` in the user's timezone, as a Datetime field value."""
        timezone = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        local = timezone.localize(datetime.datetime.combine(day, datetime.time()))
        return fields.Datetime.to_string(local.astimezone(pytz.utc).replace(tzinfo=None))

    def _derived_dates(self, product, production_date, life_date=None):
        days = {lot_field: getattr(product, product_field)
                for lot_field, product_field in lot_dates.SHELF_LIFE_FIELDS.items()}
        derived = lot_dates.derive_dates(
            fields.Date.from_string(production_date) if production_date else None, days,
            expiry=self._local_date(life_date) if life_date else None)
        return {field: self._from_local_date(day) for field, day in derived.items()}

    @api.model
    def create(self, vals):
        product = self.env["product.product"].browse(
            vals.get("product_id") or self.env.context.get("default_product_id"))
        if product and (vals.get("production_date") or vals.get("life_date")):
            derived = self._derived_dates(product, vals.get("production_date"), vals.get("life_date"))
            for field, value in derived.items():
                if not vals.get(field):
                    vals[field] = value
        lot = super().create(vals)
        lot._add_tests_from_specs()
        lot._add_attribute_lines()
        return lot

    @api.multi
    def write(self, vals):
        dates_given = set(vals) & set(lot_dates.SHELF_LIFE_FIELDS)
        if vals.get("production_date") and not dates_given:
            for lot in self:
                lot_vals = dict(vals, **lot._derived_dates(lot.product_id, vals["production_date"]))
                super(StockProductionLot, lot).write(lot_vals)
            return True
        if dates_given == {"life_date"} and vals["life_date"]:
            for lot in self:
                lot_vals = dict(vals, **lot._shifted_dates(vals["life_date"]))
                super(StockProductionLot, lot).write(lot_vals)
            return True
        return super().write(vals)

    def _shifted_dates(self, new_life_date):
        """Best-before, removal and alert dates moved as far as the expiry moved."""
        if not self.life_date:
            return {}
        old = fields.Datetime.from_string(self.life_date)
        delta = fields.Datetime.from_string(new_life_date) - old
        return {field: fields.Datetime.to_string(fields.Datetime.from_string(self[field]) + delta)
                for field in ("use_date", "removal_date", "alert_date") if self[field]}

    @api.onchange("production_date")
    def _onchange_production_date(self):
        if self.production_date and self.product_id:
            for field, value in self._derived_dates(self.product_id, self.production_date).items():
                self[field] = value

    @api.constrains("production_date", "life_date", "use_date", "removal_date", "alert_date")
    def _check_dates_order(self):
        for lot in self:
            dates = {field: lot._local_date(lot[field]) for field in lot_dates.SHELF_LIFE_FIELDS}
            production = fields.Date.from_string(lot.production_date) if lot.production_date else None
            wrong = lot_dates.inconsistencies(production, dates)
            if wrong:
                earlier, later = wrong[0]
                raise ValidationError(_(
                    "Batch/serial %(lot)s of %(product)s: %(later)s (%(later_value)s) cannot be "
                    "before %(earlier)s (%(earlier_value)s).") % {
                        "lot": lot.name, "product": lot.product_id.display_name,
                        "later": lot._field_label(later),
                        "later_value": dates.get(later) or production,
                        "earlier": lot._field_label(earlier),
                        "earlier_value": dates.get(earlier) or production,
                    })

    def _field_label(self, field_name):
        return self._fields[field_name].get_description(self.env)["string"]

    # ----------------------------------------------------- tests, attributes
    def _add_tests_from_specs(self):
        """Create a pending test line per specification of the product and its category."""
        for lot in self:
            template = lot.product_id.product_tmpl_id
            specs = (template.lot_test_spec_ids | template.categ_id.lot_test_spec_ids).filtered("active")
            present = lot.test_ids.mapped("spec_id")
            for spec in (specs - present).sorted("sequence"):
                self.env["cloudoffice.lot.test"].create(dict(spec._test_values(), lot_id=lot.id))

    def _add_attribute_lines(self):
        for lot in self:
            attributes = lot.product_id.categ_id.lot_attribute_ids.filtered("active")
            missing = attributes - lot.attribute_value_ids.mapped("attribute_id")
            for attribute in missing.sorted("sequence"):
                self.env["cloudoffice.lot.attribute.value"].create(
                    {"lot_id": lot.id, "attribute_id": attribute.id})

    @api.multi
    def action_add_missing_tests(self):
        self._add_tests_from_specs()
        self._add_attribute_lines()
        return True

    @api.multi
    def action_quality_block(self):
        self.write({"quality_block": True})
        return True

    @api.multi
    def action_quality_unblock(self):
        self.write({"quality_block": False, "quality_block_reason": False})
        return True

    # Whether a batch/serial may be sold: the one rule the sales side asks.
    #
    # The availability query (lot_availability.py) applies the same rule in SQL;
    # both read their pieces from here so that they cannot drift apart.

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
            return _("expired on %s") % fields.Date.to_string(self._cloudoffice_local_date(life_date))
        if release_state is not None and self._cloudoffice_has_release_state() \
                and release_state not in SELLABLE_RELEASE_STATES:
            state = dict(self._fields["release_state"]._description_selection(self.env))
            return _("not released (%s)") % state.get(release_state, release_state)
        return ""

    @api.multi
    def _cloudoffice_is_sellable(self, at_date=None):
        """True when the batch/serial may be proposed and chosen for a sale."""
        return not self._cloudoffice_unsellable_reason(at_date)

    def _cloudoffice_local_date(self, value):
        return fields.Datetime.context_timestamp(self, fields.Datetime.from_string(value)).date()

    @api.multi
    def _cloudoffice_label(self):
        """'Batch L-001 (exp. 2027-01-31)' or 'Serial SN-7', as printed on documents."""
        self.ensure_one()
        if self.product_id.tracking == "serial":
            return _("Serial %s") % self.name
        if self.life_date:
            return _("Batch %(name)s (exp. %(date)s)") % {
                "name": self.name, "date": self._cloudoffice_local_date(self.life_date)}
        return _("Batch %s") % self.name

    # Barcodes of a batch/serial (GS1 element string, Digital Link, images) and
    # finding a batch/serial from whatever a scanner sends. The GS1 rules live in
    # :mod:`..gs1`; this is the Odoo side: products, dates, companies, messages.

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
            lot.barcode_preview = "".join(
                '<img class="o_cloudoffice_barcode" style="max-height:120px;margin:0 16px 8px 0" '
                'src="/cloudoffice_lots/lot/%d/barcode.png?kind=%s" alt="%s"/>' % (lot.id, kind, kind)
                for kind in kinds)

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
            "best_before": self._local_date(self.use_date),
            "expiry": self._local_date(self.life_date),
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
            gs1.validate_elements(elements)
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

    # ------------------------------------------------------------ scanning
    @api.model
    def cloudoffice_parse_scan(self, text):
        """The :class:`..gs1.GS1Result` of a scan, or None for a plain batch/serial name.

        GS1 in any form is read: element strings with GS separators and
        symbology identifiers (``]d2``, ``]C1``, ``]Q3``), the human readable
        ``(01)...(10)...`` form and Digital Link URLs. A scan that looks like
        GS1 but is damaged raises a UserError saying which part is wrong.
        """
        try:
            return gs1.parse(text, strict=False)
        except gs1.GS1Error as err:
            raise gs1_user_error(self, err, printable_scan(text))

    @api.model
    def cloudoffice_scan_products(self, result, scan):
        """Products a GS1 scan's GTIN designates (empty when it carries none)."""
        products = self.env["product.product"]
        if not result.gtin:
            return products
        products = products.cloudoffice_search_gtin(result.gtin)
        if not products:
            raise UserError(_(
                "Scan %(scan)s: the GTIN %(gtin)s (AI 01) matches no product. Enter it in the "
                "Barcode field of the product it belongs to.") % {
                    "scan": printable_scan(scan), "gtin": result.gtin})
        return products

    @api.model
    def cloudoffice_scan_names(self, result, products, scan):
        """Batch/serial names a GS1 scan carries, the likeliest first."""
        names = [result.serial, result.lot]
        if products and all(p.tracking == "lot" for p in products):
            names.reverse()
        names = [name for name in names if name]
        if not names:
            if result.sscc and not result.gtin:
                raise UserError(_(
                    "Scan %s is a shipping container code (SSCC, AI 00), not a batch or serial "
                    "number: scan the label of the goods inside.") % printable_scan(scan))
            raise UserError(_(
                "Scan %(scan)s has no batch (AI 10) or serial number (AI 21)%(product)s: scan "
                "the barcode that carries the batch or serial.") % {
                    "scan": printable_scan(scan),
                    "product": (_(" for %s") % ", ".join(products.mapped("display_name")))
                    if products else ""})
        return names

    @api.model
    def cloudoffice_find_by_scan(self, text):
        """The batch/serial a scan designates, or a UserError saying what is wrong.

        ``text`` is whatever a scanner typed: any GS1 form (see
        :meth:`cloudoffice_parse_scan`), or a plain batch/serial name (then
        also tried as the supplier's batch number).
        """
        scan = (text or "").strip()
        if not scan:
            raise UserError(_("Nothing was scanned: scan or type a batch or serial number."))
        result = self.cloudoffice_parse_scan(scan)
        if result is None:
            return self._cloudoffice_find_by_name(scan)
        products = self.cloudoffice_scan_products(result, scan)
        names = self.cloudoffice_scan_names(result, products, scan)
        domain = [("product_id", "in", products.ids)] if products else []
        for name in names:
            lots = self.search(domain + [("name", "=", name)])
            if len(lots) == 1:
                return lots
            if len(lots) > 1:
                raise self._cloudoffice_ambiguous(name, lots)
        if products:
            others = self.search([("name", "in", names), ("product_id", "not in", products.ids)])
            if others:
                raise UserError(_(
                    "Scan %(scan)s: %(kind)s %(name)s belongs to %(other)s, not to %(product)s "
                    "(GTIN %(gtin)s).") % {
                        "scan": printable_scan(scan), "kind": self._cloudoffice_kind(others[0]),
                        "name": others[0].name, "other": others[0].product_id.display_name,
                        "product": products[0].display_name, "gtin": result.gtin})
            raise UserError(_(
                "Scan %(scan)s: %(product)s has no batch or serial number %(name)s.") % {
                    "scan": printable_scan(scan), "product": products[0].display_name,
                    "name": names[0]})
        raise UserError(_("Scan %(scan)s: no batch or serial number %(name)s exists.") % {
            "scan": printable_scan(scan), "name": names[0]})

    def _cloudoffice_find_by_name(self, name):
        lots = self.search([("name", "=", name)])
        if not lots:
            lots = self.search([("supplier_batch", "=", name)])
        if len(lots) == 1:
            return lots
        if lots:
            raise self._cloudoffice_ambiguous(name, lots)
        if gs1.is_valid_gtin(name):
            products = self.env["product.product"].cloudoffice_search_gtin(name)
            if products:
                raise UserError(_(
                    "%(code)s is the barcode of the product %(product)s, not of a batch or "
                    "serial: scan the barcode that carries the batch or serial number.") % {
                        "code": name, "product": products[0].display_name})
        raise UserError(_(
            "No batch or serial number %s exists. Check the scan, or scan the GS1 barcode "
            "with the product's GTIN.") % printable_scan(name))

    def _cloudoffice_ambiguous(self, name, lots):
        return UserError(_(
            "%(name)s is a batch/serial number of several products (%(products)s): scan the "
            "GS1 barcode, which carries the product's GTIN too.") % {
                "name": name, "products": ", ".join(lots.mapped("product_id.display_name"))})

    @api.model
    def _cloudoffice_kind(self, lot):
        return _("serial number") if lot.product_id.tracking == "serial" else _("batch")

    @api.model
    def cloudoffice_scan_page_values(self, text):
        """What the phone scan page shows for a scan (raises UserError for a bad scan)."""
        lot = self.cloudoffice_find_by_scan(text)
        moves = self.env["stock.move.line"].search(
            [("lot_id", "=", lot.id), ("state", "=", "done")], order="date desc, id desc",
            limit=50)
        return {
            "lot": lot,
            "dates": lot._cloudoffice_dates(),
            "quants": lot.internal_quant_ids,
            "tests": lot.test_ids,
            "certificates": lot.certificate_ids,
            "move_lines": moves,
            "links": [
                (_("Open in Odoo"), "/web#id=%d&model=stock.production.lot&view_type=form"
                 % lot.id),
                (_("Up/Down Traceability"), "/web#action=stock.action_stock_report&active_id=%d"
                 % lot.id),
                (_("Lot Barcode Report (PDF)"), "/report/pdf/stock.report_lot_barcode/%d" % lot.id),
            ],
        }

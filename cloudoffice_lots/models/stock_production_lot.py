import datetime

import pytz
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import lot_dates

RELEASE_STATES = [
    ("pending", "Awaiting tests"),
    ("failed", "Failed tests"),
    ("released", "Released"),
    ("blocked", "Blocked"),
]


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
    certificate_count = fields.Integer(compute="_compute_certificate_count")
    has_expired_certificate = fields.Boolean(
        compute="_compute_certificate_count", string="Expired Certificate",
        help="At least one certificate of this batch is no longer valid.")
    quality_block = fields.Boolean(
        string="Blocked", track_visibility="onchange", copy=False,
        help="Blocks the batch for quality reasons: it cannot be sold or used until unblocked, "
             "whatever its tests say.")
    quality_block_reason = fields.Char(string="Block Reason", track_visibility="onchange", copy=False)
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

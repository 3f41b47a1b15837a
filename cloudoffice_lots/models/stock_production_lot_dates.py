"""Dates of a batch: production, expiry, best-before, removal and alert.

Dates derive from the production date and the product's shelf-life days
(:mod:`.lot_dates` holds the rule as plain Python).
"""
import datetime

import pytz
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import lot_dates


class StockProductionLot(models.Model):
    _inherit = "stock.production.lot"  # pylint: disable=consider-merging-classes-inherited

    life_date = fields.Datetime(string="Expiry Date", track_visibility="onchange")
    use_date = fields.Datetime(track_visibility="onchange")
    removal_date = fields.Datetime(track_visibility="onchange")
    alert_date = fields.Datetime(track_visibility="onchange")

    def _cloudoffice_local_date(self, value):
        """A Datetime field's value as the user's calendar date."""
        if not value:
            return None
        return fields.Datetime.context_timestamp(self, fields.Datetime.from_string(value)).date()

    def _cloudoffice_from_local_date(self, day):
        """Midnight of ``day`` in the user's timezone, as a Datetime field value."""
        timezone = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        local = timezone.localize(datetime.datetime.combine(day, datetime.time()))
        return fields.Datetime.to_string(local.astimezone(pytz.utc).replace(tzinfo=None))

    def _cloudoffice_derived_dates(self, product, production_date, life_date=None):
        days = {lot_field: getattr(product, product_field)
                for lot_field, product_field in lot_dates.SHELF_LIFE_FIELDS.items()}
        derived = lot_dates.derive_dates(
            fields.Date.from_string(production_date) if production_date else None, days,
            expiry=self._cloudoffice_local_date(life_date) if life_date else None)
        return {field: self._cloudoffice_from_local_date(day) for field, day in derived.items()}

    @api.model
    def create(self, vals):
        product = self.env["product.product"].browse(
            vals.get("product_id") or self.env.context.get("default_product_id"))
        if product and (vals.get("production_date") or vals.get("life_date")):
            derived = self._cloudoffice_derived_dates(
                product, vals.get("production_date"), vals.get("life_date"))
            for field, value in derived.items():
                if not vals.get(field):
                    vals[field] = value
        return super().create(vals)

    @api.multi
    def write(self, vals):
        dates_given = set(vals) & set(lot_dates.SHELF_LIFE_FIELDS)
        if vals.get("production_date") and not dates_given:
            for lot in self:
                lot_vals = dict(vals, **lot._cloudoffice_derived_dates(
                    lot.product_id, vals["production_date"]))
                super(StockProductionLot, lot).write(lot_vals)
            return True
        if dates_given == {"life_date"} and vals["life_date"]:
            for lot in self:
                lot_vals = dict(vals, **lot._cloudoffice_shifted_dates(vals["life_date"]))
                super(StockProductionLot, lot).write(lot_vals)
            return True
        return super().write(vals)

    def _cloudoffice_shifted_dates(self, new_life_date):
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
            derived = self._cloudoffice_derived_dates(self.product_id, self.production_date)
            for field, value in derived.items():
                self[field] = value

    @api.constrains("production_date", "life_date", "use_date", "removal_date", "alert_date")
    def _check_dates_order(self):
        for lot in self:
            dates = {field: lot._cloudoffice_local_date(lot[field]) for field in lot_dates.SHELF_LIFE_FIELDS}
            production = fields.Date.from_string(lot.production_date) if lot.production_date else None
            wrong = lot_dates.inconsistencies(production, dates)
            if wrong:
                earlier, later = wrong[0]
                raise ValidationError(_(
                    "Batch/serial %(lot)s of %(product)s: %(later)s (%(later_value)s) cannot be "
                    "before %(earlier)s (%(earlier_value)s).") % {
                        "lot": lot.name, "product": lot.product_id.display_name,
                        "later": lot._cloudoffice_field_label(later),
                        "later_value": dates.get(later) or production,
                        "earlier": lot._cloudoffice_field_label(earlier),
                        "earlier_value": dates.get(earlier) or production,
                    })

    def _cloudoffice_field_label(self, field_name):
        return self._fields[field_name].get_description(self.env)["string"]

"""Dates of a batch: production, expiry, best-before, removal and alert.

How they are stored (the same day everywhere, whatever the time zone):

* A batch expires on a *day*. The days the user reads, edits, scans and
  prints are the Date fields ``expiry_day``, ``best_before_day``,
  ``removal_day`` and ``alert_day``. A Date has no time zone, so the form,
  lists, reports, labels, GS1 data and the phone page all show the same day.
* product_expiry's Datetime fields (``life_date``, ``use_date``,
  ``removal_date``, ``alert_date``) stay, because Odoo's FEFO removal
  strategy and its expiry alerts read them. They are computed from the days,
  at 12:00 UTC of the day: no time zone ever shows them to our users (our
  views show the days), and comparisons with "now" happen around midday.
* Writing a Datetime (older code, imports, other add-ons) sets the day it is
  in the writer's time zone; a value at exactly 12:00 UTC is read back as the
  day it was stored for, so reading and writing back never moves a date.
* The days come from product_expiry's own hook, :meth:`_get_dates`, counted
  from the production date (today when there is none). Best-before, removal
  and alert keep the product's distance to the expiry: change the expiry and
  they follow it (the form shows it before saving); a date typed in keeps its
  value until the expiry or production date changes again.
"""
import datetime

import pytz
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import lot_dates

#: product_expiry's Datetime field -> the Date field the user edits
DAY_FIELDS = {
    "life_date": "expiry_day",
    "use_date": "best_before_day",
    "removal_date": "removal_day",
    "alert_date": "alert_day",
}

#: time of day (UTC) at which the Datetime fields are stored
STORED_TIME = datetime.time(12, 0)


class StockProductionLot(models.Model):
    _inherit = "stock.production.lot"  # pylint: disable=consider-merging-classes-inherited

    expiry_day = fields.Date(
        string="Expiry Date", compute="_compute_expiry_day", inverse="_inverse_cloudoffice_day",
        store=True, copy=True, track_visibility="onchange",
        help="Last day the goods may be used. Filled from the production date and the "
             "product's shelf life; best-before, removal and alert dates follow it when it "
             "changes.")
    best_before_day = fields.Date(
        string="Best Before", compute="_compute_best_before_day",
        inverse="_inverse_cloudoffice_day", store=True, copy=True, track_visibility="onchange",
        help="Day from which the goods start to deteriorate, without being dangerous yet. "
             "Keeps the product's distance to the expiry date unless typed in.")
    removal_day = fields.Date(
        string="Removal Date", compute="_compute_removal_day",
        inverse="_inverse_cloudoffice_day", store=True, copy=True, track_visibility="onchange",
        help="Day the goods should leave the stock; first-expiry-first-out picking follows "
             "it. Keeps the product's distance to the expiry date unless typed in.")
    alert_day = fields.Date(
        string="Alert Date", compute="_compute_alert_day",
        inverse="_inverse_cloudoffice_day", store=True, copy=True, track_visibility="onchange",
        help="Day from which the batch shows in the expiry alerts. Keeps the product's "
             "distance to the expiry date unless typed in.")

    expiry_days_left = fields.Integer(
        string="Days Left", compute="_compute_expiry_days_left",
        help="Days from today to the expiry date; 0 or less once expired.")

    life_date = fields.Datetime(
        string="Expiry Date and Time", compute="_compute_life_date",
        inverse="_inverse_cloudoffice_datetimes", store=True,
        help="The expiry date at 12:00 UTC, for Odoo's stock rules; edit the Expiry Date.")
    use_date = fields.Datetime(
        string="Best Before Date and Time", compute="_compute_use_date",
        inverse="_inverse_cloudoffice_datetimes", store=True,
        help="The best-before date at 12:00 UTC, for Odoo's stock rules; edit Best Before.")
    removal_date = fields.Datetime(
        string="Removal Date and Time", compute="_compute_removal_date",
        inverse="_inverse_cloudoffice_datetimes", store=True,
        help="The removal date at 12:00 UTC, used by first-expiry-first-out picking; edit "
             "the Removal Date.")
    alert_date = fields.Datetime(
        string="Alert Date and Time", compute="_compute_alert_date",
        inverse="_inverse_cloudoffice_datetimes", store=True,
        help="The alert date at 12:00 UTC, used by Odoo's expiry alerts; edit the Alert Date.")

    @api.depends("expiry_day")
    def _compute_expiry_days_left(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for lot in self:
            lot.expiry_days_left = (fields.Date.from_string(lot.expiry_day) - today).days \
                if lot.expiry_day else 0

    # -- product_expiry's hook -------------------------------------------------

    def _get_dates(self, product_id=None):
        """product_expiry's dates, counted from the production date.

        On an empty recordset (product_expiry's ``create``) nothing is
        returned: the day fields are computed per batch, where the production
        date is known. Values are Datetime strings at 12:00 UTC.
        """
        if not self:
            return {}
        dates = super()._get_dates(product_id)
        # product_expiry counts from datetime.now(): comparing dates on that
        # same clock gives its day counts exactly (a local time zone would
        # shift one of them by a day across a change to summer time)
        counted_from = datetime.datetime.now().date()
        start = fields.Date.from_string(self[:1].production_date) if self[:1].production_date \
            else fields.Date.from_string(fields.Date.context_today(self))
        days = {field: fields.Datetime.from_string(value).date()
                for field, value in dates.items() if value}
        days = lot_dates.shift_dates(counted_from, start, days)
        return {field: self._cloudoffice_stored_datetime(days.get(field)) for field in dates}

    # -- days <-> Datetimes ----------------------------------------------------

    @api.model
    def _cloudoffice_stored_datetime(self, day):
        """The Datetime value stored for ``day`` (a date or 'YYYY-MM-DD')."""
        if not day:
            return False
        if isinstance(day, str):
            day = fields.Date.from_string(day)
        return fields.Datetime.to_string(datetime.datetime.combine(day, STORED_TIME))

    @api.model
    def _cloudoffice_day_of(self, value):
        """The day a Datetime value falls on in the user's time zone."""
        if not value:
            return None
        timezone = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        moment = pytz.utc.localize(fields.Datetime.from_string(value))
        return moment.astimezone(timezone).date()

    def _cloudoffice_local_date(self, value):
        """The day a Datetime value stands for: its UTC day when stored at
        12:00 UTC, else its day in the user's time zone."""
        if not value:
            return None
        moment = fields.Datetime.from_string(value)
        if moment.time() == STORED_TIME:
            return moment.date()
        return self._cloudoffice_day_of(value)

    def _cloudoffice_from_local_date(self, day):
        """Datetime value to write for ``day``; prefer writing the day fields."""
        return self._cloudoffice_stored_datetime(day)

    def _cloudoffice_hook_day(self, datetime_field):
        """The day ``_get_dates`` gives one field, as a 'YYYY-MM-DD' string."""
        dates = self._get_dates()
        if not dates.get(datetime_field):
            return False
        own = fields.Datetime.from_string(dates[datetime_field]).date()
        if datetime_field != "life_date" and self.expiry_day and dates.get("life_date"):
            # keep the product's distance to the expiry, wherever it was set
            hook_expiry = fields.Datetime.from_string(dates["life_date"]).date()
            own = fields.Date.from_string(self.expiry_day) - (hook_expiry - own)
        return fields.Date.to_string(own)

    @api.depends("production_date", "product_id")
    def _compute_expiry_day(self):
        for lot in self:
            lot.expiry_day = lot._cloudoffice_hook_day("life_date")

    @api.depends("production_date", "product_id", "expiry_day")
    def _compute_best_before_day(self):
        for lot in self:
            lot.best_before_day = lot._cloudoffice_hook_day("use_date")

    @api.depends("production_date", "product_id", "expiry_day")
    def _compute_removal_day(self):
        for lot in self:
            lot.removal_day = lot._cloudoffice_hook_day("removal_date")

    @api.depends("production_date", "product_id", "expiry_day")
    def _compute_alert_day(self):
        for lot in self:
            lot.alert_day = lot._cloudoffice_hook_day("alert_date")

    def _inverse_cloudoffice_day(self):
        """A day typed in is stored as it is (the field is stored)."""

    # One compute per Datetime: computing one must not overwrite another
    # that was just written and is waiting for its inverse.
    def _cloudoffice_compute_datetime(self, datetime_field):
        for lot in self:
            lot[datetime_field] = lot._cloudoffice_stored_datetime(lot[DAY_FIELDS[datetime_field]])

    @api.depends("expiry_day")
    def _compute_life_date(self):
        self._cloudoffice_compute_datetime("life_date")

    @api.depends("best_before_day")
    def _compute_use_date(self):
        self._cloudoffice_compute_datetime("use_date")

    @api.depends("removal_day")
    def _compute_removal_date(self):
        self._cloudoffice_compute_datetime("removal_date")

    @api.depends("alert_day")
    def _compute_alert_date(self):
        self._cloudoffice_compute_datetime("alert_date")

    def _inverse_cloudoffice_datetimes(self):
        """Datetimes written (by code that knows only product_expiry) set
        their days, all in one write so that none is recomputed from another
        written with it; then they are stored at noon UTC of their day."""
        written = {}
        for lot in self:
            days = {}
            for datetime_field, day_field in DAY_FIELDS.items():
                if lot[datetime_field] != lot._cloudoffice_stored_datetime(lot[day_field]):
                    day = lot._cloudoffice_local_date(lot[datetime_field])
                    days[day_field] = fields.Date.to_string(day) if day else False
            written[lot] = days
        # what create() left to compute is computed first, or it would
        # overwrite the days written here
        self.recompute()
        for lot in self:
            if written[lot]:
                lot.write(written[lot])
            # the values written stay protected from recomputation: store
            # them at noon here (writing them back lands on the same days)
            stored = {datetime_field: lot._cloudoffice_stored_datetime(lot[day_field])
                      for datetime_field, day_field in DAY_FIELDS.items()}
            stored = {name: value for name, value in stored.items() if lot[name] != value}
            if stored:
                lot.write(stored)

    # -- consistency -------------------------------------------------------------

    @api.constrains("production_date", *DAY_FIELDS.values())
    def _check_dates_order(self):
        for lot in self:
            dates = {dt_field: fields.Date.from_string(lot[day_field]) if lot[day_field] else None
                     for dt_field, day_field in DAY_FIELDS.items()}
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
        field_name = DAY_FIELDS.get(field_name, field_name)
        return self._fields[field_name].get_description(self.env)["string"]

"""Dates, times and quantities written the way the reading user writes them.

Every text we compose (messages, chatter notes, the phone page) goes through
these helpers, so that a Swedish user reads "2028-08-01", "21:16" in
Stockholm time and "59 st" or "17,4" and never an ISO string in one place,
a UTC time in another and a Python float ("59.0") in a third.

    format_day(env, "2028-08-01")           -> '08/01/2028' (en_US), '2028-08-01' (sv_SE)
    format_moment(env, "2026-12-05 20:16:00") -> '12/05/2026 21:16' for a user in Stockholm
    format_quantity(env, 59.0, uom)         -> '59 Unit(s)'; 2.5 kg -> '2,5 kg' in Swedish
"""
import datetime
import math

import pytz
from odoo import fields
from odoo.tools import float_round

from .value_parsing import parse_date, parse_number, typed_decimals


def _lang(env):
    code = env.context.get("lang") or env.user.lang or "en_US"
    return env["res.lang"]._lang_get(code) or env["res.lang"]._lang_get("en_US")


def _timezone(env):
    try:
        return pytz.timezone(env.context.get("tz") or env.user.tz or "UTC")
    except pytz.UnknownTimeZoneError:
        return pytz.utc


def format_day(env, value):
    """A day (date or 'YYYY-MM-DD') in the user's date format; '' when empty.

    A day has no time zone: it is never shifted.
    """
    if not value:
        return ""
    if isinstance(value, str):
        value = fields.Date.from_string(value[:10])
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.strftime(_lang(env).date_format)


def parse_user_date(env, text):
    """A day typed in the user's date format, or in one of the formats
    :func:`.value_parsing.parse_date` reads; ValueError otherwise."""
    cleaned = (text or "").strip()
    try:
        return datetime.datetime.strptime(cleaned, _lang(env).date_format).date()
    except ValueError:
        return parse_date(cleaned)


def format_moment(env, value):
    """A moment (naive UTC datetime or Datetime string) as date and time in
    the user's time zone and format, without seconds."""
    if not value:
        return ""
    if isinstance(value, str):
        value = fields.Datetime.from_string(value)
    local = pytz.utc.localize(value).astimezone(_timezone(env))
    lang = _lang(env)
    time_format = (lang.time_format or "%H:%M").replace(":%S", "")
    return local.strftime("%s %s" % (lang.date_format, time_format))


def format_time(env, value):
    """Only the time of day of a moment, in the user's time zone (HH:MM)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = fields.Datetime.from_string(value)
    local = pytz.utc.localize(value).astimezone(_timezone(env))
    return local.strftime((_lang(env).time_format or "%H:%M").replace(":%S", ""))


def format_number(env, value, digits=None):
    """A number with the user's decimal point and thousands separator;
    ``digits`` at most, trailing zeros dropped ('17,4', '1 200')."""
    if value is None or value is False:
        return ""
    if digits is None:
        digits = 6
    lang = _lang(env)
    text = lang.format("%." + str(int(digits)) + "f", value, grouping=True)
    decimal_point = lang.decimal_point or "."
    if decimal_point in text:
        text = text.rstrip("0").rstrip(decimal_point)
    return text


def format_measurement(env, text):
    """A number typed as stored ('16.0') in the user's format, with the
    decimals that were typed ('16,0' in Swedish): a result's precision is
    part of it. Text that is not a number is returned as it is."""
    try:
        value = parse_number(text)
    except ValueError:
        return text
    decimals = typed_decimals(text)
    return _lang(env).format("%." + str(decimals) + "f", value, grouping=True)


def format_quantity(env, quantity, uom=None):
    """A quantity rounded as its unit of measure rounds, with the unit's name."""
    digits = 3
    if uom and uom.rounding:
        quantity = float_round(quantity, precision_rounding=uom.rounding)
        digits = max(0, int(math.ceil(-math.log10(uom.rounding))))
    text = format_number(env, quantity, digits)
    return "%s %s" % (text, uom.name) if uom else text


class UserFormat:
    """The helpers bound to one environment, for templates:
    ``fmt.quantity(quant.quantity, quant.product_uom_id)``."""

    def __init__(self, env):
        self.env = env

    def day(self, value):
        return format_day(self.env, value)

    def moment(self, value):
        return format_moment(self.env, value)

    def number(self, value, digits=None):
        return format_number(self.env, value, digits)

    def quantity(self, quantity, uom=None):
        return format_quantity(self.env, quantity, uom)

"""Batch dates: derive them from the production date and the shelf life, and
keep them consistent when one is edited. Plain Python (no Odoo import).

Dates here are ``datetime.date``; the Odoo glue converts to and from the
Datetime fields of ``product_expiry`` (life_date = expiry, use_date =
best-before, removal_date, alert_date).
"""
import datetime

#: lot field -> product field holding its number of days after production
SHELF_LIFE_FIELDS = {
    "life_date": "life_time",
    "use_date": "use_time",
    "removal_date": "removal_time",
    "alert_date": "alert_time",
}


def derive_dates(production_date, shelf_life_days, expiry=None):
    """Dates that follow from a production date and the product's day counts.

    >>> derive_dates(datetime.date(2026, 1, 10), {'life_date': 365, 'use_date': 0})
    {'life_date': datetime.date(2027, 1, 10)}

    When the expiry is known (printed on the goods, scanned), the other dates
    keep their distance to it instead: best-before 30 days before expiry stays
    30 days before it.

    >>> derive_dates(None, {'life_date': 730, 'use_date': 700}, expiry=datetime.date(2027, 6, 30))
    {'use_date': datetime.date(2027, 5, 31)}
    """
    life_days = shelf_life_days.get("life_date")
    if expiry and life_days:
        return {
            field: expiry - datetime.timedelta(days=life_days - days)
            for field, days in shelf_life_days.items() if days and field != "life_date"
        }
    if not production_date:
        return {}
    return {
        field: production_date + datetime.timedelta(days=days)
        for field, days in shelf_life_days.items() if days
    }


def shift_dates(old_expiry, new_expiry, others):
    """Shift the other dates by as much as the expiry moved (best-before,
    removal and alert keep their distance to the expiry).

    >>> shift_dates(datetime.date(2026, 6, 1), datetime.date(2026, 6, 11),
    ...             {'use_date': datetime.date(2026, 5, 1), 'alert_date': None})
    {'use_date': datetime.date(2026, 5, 11)}
    """
    if not old_expiry or not new_expiry:
        return {}
    delta = new_expiry - old_expiry
    return {field: value + delta for field, value in others.items() if value}


def inconsistencies(production_date, dates):
    """Pairs (earlier_field, later_field) whose order is wrong.

    Every date comes after production; best-before, removal and alert come no
    later than the expiry.

    >>> inconsistencies(datetime.date(2026, 5, 1), {'life_date': datetime.date(2026, 4, 1)})
    [('production_date', 'life_date')]
    """
    wrong = []
    if production_date:
        wrong += [("production_date", field) for field in SHELF_LIFE_FIELDS
                  if dates.get(field) and dates[field] < production_date]
    expiry = dates.get("life_date")
    if expiry:
        wrong += [(field, "life_date") for field in ("use_date", "removal_date", "alert_date")
                  if dates.get(field) and dates[field] > expiry]
    return wrong

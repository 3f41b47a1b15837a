"""Batch dates: keep them consistent when one moves. Plain Python (no Odoo
import).

Dates here are ``datetime.date``, keyed by product_expiry's field names
(life_date = expiry, use_date = best-before, removal_date, alert_date); the
Odoo glue (``stock_production_lot_dates.py``) stores them as days.
"""
import datetime  # noqa: F401 (the doctests use it)

#: the dates a batch has after its production date; the expiry comes last
DATE_FIELDS = ("life_date", "use_date", "removal_date", "alert_date")


def shift_dates(old_start, new_start, others):
    """Shift dates by as much as their starting point moved (dates counted
    from today move to the production date; best-before, removal and alert
    keep their distance to the expiry).

    >>> shift_dates(datetime.date(2026, 6, 1), datetime.date(2026, 6, 11),
    ...             {'use_date': datetime.date(2026, 5, 1), 'alert_date': None})
    {'use_date': datetime.date(2026, 5, 11)}
    """
    if not old_start or not new_start:
        return {}
    delta = new_start - old_start
    return {field: value + delta for field, value in others.items() if value}


def inconsistencies(production_date, dates):
    """Pairs (earlier_field, later_field) whose order is wrong.

    Every date comes after production; best-before, removal and alert come no
    later than the expiry.

    >>> inconsistencies(datetime.date(2026, 5, 1), {'life_date': datetime.date(2026, 4, 1)})
    [('production_date', 'life_date')]
    >>> inconsistencies(None, {'life_date': datetime.date(2026, 4, 1),
    ...                        'use_date': datetime.date(2026, 4, 2)})
    [('use_date', 'life_date')]
    """
    wrong = []
    if production_date:
        wrong += [("production_date", field) for field in DATE_FIELDS
                  if dates.get(field) and dates[field] < production_date]
    expiry = dates.get("life_date")
    if expiry:
        wrong += [(field, "life_date") for field in DATE_FIELDS[1:]
                  if dates.get(field) and dates[field] > expiry]
    return wrong

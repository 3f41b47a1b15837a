"""From batch dates kept as Datetimes to days (see
``models/stock_production_lot_dates.py``).

Until 11.0.1.0.1 a batch's expiry was product_expiry's Datetime, written at
midnight of the day in the writer's time zone (22:00 UTC the day before in
Stockholm in summer). Run before the add-on's models load (pre-init hook on
install, pre-migration on upgrade) so that Odoo finds the day columns filled
and does not compute them again: each day is the Datetime's day in the time
zone of the user who created the batch (UTC when unknown), and the Datetime
is then stored at 12:00 UTC of that day. Idempotent: days already filled are
kept, and a Datetime at 12:00 UTC is read as its own day.
"""
from psycopg2 import sql

#: product_expiry's Datetime column -> the day column
DAY_COLUMNS = (
    ("life_date", "expiry_day"),
    ("use_date", "best_before_day"),
    ("removal_date", "removal_day"),
    ("alert_date", "alert_day"),
)

_FILL = """
UPDATE stock_production_lot lot
   SET {day} = CASE WHEN lot.{moment}::time = '12:00' THEN lot.{moment}::date
                    ELSE (lot.{moment} AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(
                             (SELECT p.tz FROM res_users u
                                JOIN res_partner p ON p.id = u.partner_id
                               WHERE u.id = lot.create_uid
                                 AND p.tz IN (SELECT name FROM pg_timezone_names)),
                             'UTC'))::date END
 WHERE lot.{moment} IS NOT NULL AND lot.{day} IS NULL"""

_NORMALISE = """
UPDATE stock_production_lot
   SET {moment} = {day} + TIME '12:00'
 WHERE {day} IS NOT NULL AND {moment} IS DISTINCT FROM {day} + TIME '12:00'"""

_QUANT_REMOVAL = """
UPDATE stock_quant q
   SET removal_date = lot.removal_date
  FROM stock_production_lot lot
 WHERE lot.id = q.lot_id AND q.removal_date IS DISTINCT FROM lot.removal_date"""


def _columns(cr, table):
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s",
               (table,))
    return {row[0] for row in cr.fetchall()}


def dates_to_days(cr):
    """Fill the day columns from the Datetimes, then store those at noon UTC."""
    lot_columns = _columns(cr, "stock_production_lot")
    if not lot_columns:
        return
    for moment, day in DAY_COLUMNS:
        names = {"moment": sql.Identifier(moment), "day": sql.Identifier(day)}
        if day not in lot_columns:
            cr.execute(sql.SQL("ALTER TABLE stock_production_lot ADD COLUMN {day} date")
                       .format(**names))
        if moment not in lot_columns:
            continue
        cr.execute(sql.SQL(_FILL).format(**names))
        cr.execute(sql.SQL(_NORMALISE).format(**names))
    if "removal_date" in _columns(cr, "stock_quant"):
        cr.execute(_QUANT_REMOVAL)

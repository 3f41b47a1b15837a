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
_ADD_COLUMNS = """
ALTER TABLE stock_production_lot
    ADD COLUMN IF NOT EXISTS expiry_day date,
    ADD COLUMN IF NOT EXISTS best_before_day date,
    ADD COLUMN IF NOT EXISTS removal_day date,
    ADD COLUMN IF NOT EXISTS alert_day date"""

# The day a Datetime stands for: its UTC day at 12:00 UTC (already
# converted), else its day in the time zone of the batch's creator.
_DAY_OF = """CASE WHEN lot.{moment}::time = '12:00' THEN lot.{moment}::date
                  ELSE (lot.{moment} AT TIME ZONE 'UTC' AT TIME ZONE tz.name)::date END"""

_FILL = """
WITH tz AS (
    SELECT lot.id, COALESCE((SELECT p.tz FROM res_users u
                               JOIN res_partner p ON p.id = u.partner_id
                              WHERE u.id = lot.create_uid
                                AND p.tz IN (SELECT name FROM pg_timezone_names)),
                            'UTC') AS name
      FROM stock_production_lot lot
)
UPDATE stock_production_lot lot
   SET expiry_day = COALESCE(lot.expiry_day, """ + _DAY_OF.format(moment="life_date") + """),
       best_before_day = COALESCE(lot.best_before_day, """ + _DAY_OF.format(moment="use_date") + """),
       removal_day = COALESCE(lot.removal_day, """ + _DAY_OF.format(moment="removal_date") + """),
       alert_day = COALESCE(lot.alert_day, """ + _DAY_OF.format(moment="alert_date") + """)
  FROM tz
 WHERE tz.id = lot.id"""

_NORMALISE = """
UPDATE stock_production_lot
   SET life_date = expiry_day + TIME '12:00',
       use_date = best_before_day + TIME '12:00',
       removal_date = removal_day + TIME '12:00',
       alert_date = alert_day + TIME '12:00'"""

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
    if "life_date" not in _columns(cr, "stock_production_lot"):
        return  # product_expiry not installed yet: nothing dated
    cr.execute(_ADD_COLUMNS)
    cr.execute(_FILL)
    cr.execute(_NORMALISE)
    if "removal_date" in _columns(cr, "stock_quant"):
        cr.execute(_QUANT_REMOVAL)

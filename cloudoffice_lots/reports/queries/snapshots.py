"""Month-start snapshots of every batch's stock per location, so that a
balance at any date reads one snapshot plus the lines since, instead of
replaying the whole history.

A snapshot at instant T holds, for each batch and location that holds
stock (usage internal or transit), the sum of the done lines dated before
T, in the product's unit, when it is not zero. Snapshots are built on
demand, each from the previous one plus the month's lines, and stay valid
until a done line dated before them appears, changes or disappears: a
trigger on ``stock_move_line`` then forgets every snapshot after that date
(normal work, done "now", never touches past snapshots). A change of a
location's usage forgets them all.

Builders and back-dating writers exclude each other through one guard row
that both update. Odoo runs every transaction in REPEATABLE READ, so each
sees the database as it was at its first query: a snapshot being built is
invisible to a writer's trigger, and a line committed after the builder's
first query is invisible to the builder, whatever lock either takes later
(an advisory lock does not help: the snapshot of the data predates it).
PostgreSQL's rule for REPEATABLE READ, "the first updater wins", settles it:
whichever of the two updates the guard row second fails with a
serialization failure, which Odoo answers by running the request again,
and the new attempt sees the other's work. Only lines dated before the
current month touch the guard, so normal work never waits for a report;
and the snapshot of a month is built only from an hour after its start on,
so a line done in the last moments of the month is committed by then.

    snapshot_date = ensure(cr, datetime(2024, 1, 1))
"""
import datetime
import time

from . import common

# A month's snapshot is built only this long after the month started.
SETTLING_TIME = datetime.timedelta(hours=1)

DDL = (
    """CREATE TABLE IF NOT EXISTS cloudoffice_lot_snapshot (
        snapshot_date timestamp NOT NULL,
        lot_id integer NOT NULL,
        product_id integer NOT NULL,
        location_id integer NOT NULL,
        quantity numeric NOT NULL,
        PRIMARY KEY (snapshot_date, lot_id, location_id))""",
    # The snapshots that are complete and valid.
    """CREATE TABLE IF NOT EXISTS cloudoffice_lot_snapshot_valid (
        snapshot_date timestamp PRIMARY KEY)""",
    # The one row that builders and back-dating writers both update.
    """CREATE TABLE IF NOT EXISTS cloudoffice_lot_snapshot_guard (
        id integer PRIMARY KEY CHECK (id = 1),
        last_txid bigint NOT NULL)""",
    "INSERT INTO cloudoffice_lot_snapshot_guard VALUES (1, 0) ON CONFLICT DO NOTHING",
    """CREATE OR REPLACE FUNCTION cloudoffice_lot_snapshot_forget() RETURNS trigger AS $$
    DECLARE
        since timestamp;
    BEGIN
        IF TG_OP <> 'INSERT' AND OLD.state = 'done' AND OLD.lot_id IS NOT NULL THEN
            since := OLD.date;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.state = 'done' AND NEW.lot_id IS NOT NULL THEN
            since := LEAST(COALESCE(since, NEW.date), NEW.date);
        END IF;
        IF since IS NOT NULL THEN
            IF since < date_trunc('month', now() AT TIME ZONE 'UTC') THEN
                -- Waits for a snapshot being built, or makes it fail (see
                -- snapshots.py); once per transaction.
                UPDATE cloudoffice_lot_snapshot_guard SET last_txid = txid_current()
                 WHERE id = 1 AND last_txid <> txid_current();
            END IF;
            DELETE FROM cloudoffice_lot_snapshot_valid WHERE snapshot_date > since;
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS cloudoffice_lot_snapshot_forget ON stock_move_line",
    """CREATE TRIGGER cloudoffice_lot_snapshot_forget
        AFTER INSERT OR DELETE OR UPDATE OF state, date, qty_done, lot_id, product_id,
              product_uom_id, location_id, location_dest_id
        ON stock_move_line FOR EACH ROW EXECUTE PROCEDURE cloudoffice_lot_snapshot_forget()""",
    """CREATE OR REPLACE FUNCTION cloudoffice_lot_snapshot_forget_all() RETURNS trigger AS $$
    BEGIN
        UPDATE cloudoffice_lot_snapshot_guard SET last_txid = txid_current()
         WHERE id = 1 AND last_txid <> txid_current();
        DELETE FROM cloudoffice_lot_snapshot_valid;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS cloudoffice_lot_snapshot_forget_all ON stock_location",
    """CREATE TRIGGER cloudoffice_lot_snapshot_forget_all
        AFTER UPDATE OF usage ON stock_location
        FOR EACH STATEMENT EXECUTE PROCEDURE cloudoffice_lot_snapshot_forget_all()""",
    # Lines by date, for the lines since a snapshot.
    "CREATE INDEX IF NOT EXISTS cloudoffice_sml_done_lot_date_idx"
    " ON stock_move_line (date) WHERE state = 'done' AND lot_id IS NOT NULL",
)

# What create() makes, for the uninstall hook: triggers first, then the
# functions they call, the tables and the index.
DROP = (
    "DROP TRIGGER IF EXISTS cloudoffice_lot_snapshot_forget ON stock_move_line",
    "DROP TRIGGER IF EXISTS cloudoffice_lot_snapshot_forget_all ON stock_location",
    "DROP FUNCTION IF EXISTS cloudoffice_lot_snapshot_forget()",
    "DROP FUNCTION IF EXISTS cloudoffice_lot_snapshot_forget_all()",
    "DROP TABLE IF EXISTS cloudoffice_lot_snapshot",
    "DROP TABLE IF EXISTS cloudoffice_lot_snapshot_valid",
    "DROP TABLE IF EXISTS cloudoffice_lot_snapshot_guard",
    "DROP INDEX IF EXISTS cloudoffice_sml_done_lot_date_idx",
)

# The snapshot at %(new_date)s: the one at %(old_date)s (none at EPOCH)
# plus the done lines between them.
BUILD_SQL = """
INSERT INTO cloudoffice_lot_snapshot (snapshot_date, lot_id, product_id, location_id, quantity)
SELECT %(new_date)s, lot_id, product_id, location_id, SUM(quantity)
  FROM (
    SELECT lot_id, product_id, location_id, quantity
      FROM cloudoffice_lot_snapshot WHERE snapshot_date = %(old_date)s
    UNION ALL
    SELECT ml.lot_id, ml.product_id, side.location_id, side.sign * (""" + common.LINE_QTY + """)
      FROM stock_move_line ml""" + common.LINE_QTY_JOINS + """
     CROSS JOIN LATERAL (VALUES (ml.location_dest_id, 1), (ml.location_id, -1))
           side(location_id, sign)
      JOIN stock_location loc ON loc.id = side.location_id
     WHERE ml.state = 'done' AND ml.lot_id IS NOT NULL
       AND ml.date >= %(old_date)s AND ml.date < %(new_date)s
       AND ml.location_id <> ml.location_dest_id
       AND loc.usage IN ('internal', 'transit')
  ) AS moves
 GROUP BY lot_id, product_id, location_id
HAVING SUM(quantity) <> 0
"""


def create(cr):
    """Create the tables, triggers and index (idempotent)."""
    for statement in DDL:
        cr.execute(statement)


def drop(cr):
    """Remove everything create() made."""
    for statement in DROP:
        cr.execute(statement)


def month_starts(first, last):
    """Month starts (naive datetimes) after ``first`` up to ``last``.

    >>> month_starts(datetime.datetime(2024, 1, 15), datetime.datetime(2024, 3, 1))
    [datetime.datetime(2024, 2, 1, 0, 0), datetime.datetime(2024, 3, 1, 0, 0)]
    """
    result = []
    year, month = first.year, first.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        start = datetime.datetime(year, month, 1)
        if start > last:
            return result
        result.append(start)


def buildable_until(now):
    """The latest instant whose month-start snapshot may be built at ``now``
    (naive UTC): a month's lines settle during its first hour.

    >>> buildable_until(datetime.datetime(2024, 3, 1, 0, 30))
    datetime.datetime(2024, 2, 29, 23, 30)
    """
    return now - SETTLING_TIME


def _wanted(cr, until):
    """(month starts wanted up to ``until``, those already valid)."""
    cr.execute("SELECT MIN(date), now() AT TIME ZONE 'UTC' FROM stock_move_line"
               " WHERE state = 'done' AND lot_id IS NOT NULL")
    first, now = (common.to_datetime(value) for value in cr.fetchone())
    until = min(until, buildable_until(now))
    if first is None or until <= first:
        return [], set()
    wanted = month_starts(first, until)
    if not wanted:
        return [], set()
    cr.execute("SELECT snapshot_date FROM cloudoffice_lot_snapshot_valid"
               " WHERE snapshot_date = ANY(%s::timestamp[])", (wanted,))
    return wanted, {common.to_datetime(row[0]) for row in cr.fetchall()}


def pending(cr, until):
    """``(snapshots missing, done lines they replay)`` for a balance at
    ``until``: how long ensure() would take, before running it."""
    wanted, valid = _wanted(cr, until)
    missing = [day for day in wanted if day not in valid]
    if not missing:
        return 0, 0
    before = [day for day in wanted if day < missing[0]]
    cr.execute("SELECT COUNT(*) FROM stock_move_line WHERE state = 'done' AND lot_id IS NOT NULL"
               " AND date >= %s AND date < %s", (before[-1] if before else common.EPOCH,
                                                   wanted[-1]))
    return len(missing), cr.fetchone()[0]


def ensure(cr, until, progress=None, deadline=None):
    """Build the missing snapshots up to ``until`` (naive UTC) and return
    the date of the latest valid one at or before it (EPOCH when there is
    none: every line counts). ``progress(done, total, snapshot_date)`` is
    called after each snapshot built. With a ``deadline`` (``time.time()``
    value), it stops after the snapshot that passes it and returns None
    when some are still missing (a background job builds them in steps).

    Raises a serialization failure (psycopg2's TransactionRollbackError,
    which Odoo's request handling retries) when a back-dated line was
    committed since this transaction's first query."""
    wanted, valid = _wanted(cr, until)
    if not wanted:
        return common.EPOCH
    missing = len(wanted) - len(valid)
    if not missing:
        return wanted[-1]
    # Before reading a line: fails if a back-dating writer (or another
    # builder) committed since our first query, waits for one under way,
    # and holds back-dating writers until we commit.
    cr.execute("UPDATE cloudoffice_lot_snapshot_guard SET last_txid = txid_current() WHERE id = 1")
    old_date, built = common.EPOCH, 0
    for new_date in wanted:
        if new_date not in valid:
            # Rows left from a forgotten snapshot of that date go first.
            cr.execute("DELETE FROM cloudoffice_lot_snapshot WHERE snapshot_date = %s", (new_date,))
            cr.execute(BUILD_SQL, {"old_date": old_date, "new_date": new_date})
            cr.execute("INSERT INTO cloudoffice_lot_snapshot_valid VALUES (%s)", (new_date,))
            built += 1
            if progress:
                progress(built, missing, new_date)
            if deadline and time.time() > deadline and built < missing:
                cr.execute("ANALYZE cloudoffice_lot_snapshot")
                return None
        old_date = new_date
    # Fresh statistics, or the planner takes a snapshot for a few rows.
    cr.execute("ANALYZE cloudoffice_lot_snapshot")
    return wanted[-1]

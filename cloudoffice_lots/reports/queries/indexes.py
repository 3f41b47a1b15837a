"""Indexes the report queries rely on (created when the add-on is
installed or updated; harmless when they exist)."""

INDEXES = (
    # Statement and trace: the done lines of one batch, by date.
    "CREATE INDEX IF NOT EXISTS cloudoffice_sml_lot_done_date_idx"
    " ON stock_move_line (lot_id, date) WHERE state = 'done'",
)


def create(cr):
    for statement in INDEXES:
        cr.execute(statement)


def drop(cr):
    """Remove the indexes (uninstall)."""
    cr.execute("DROP INDEX IF EXISTS cloudoffice_sml_lot_done_date_idx")

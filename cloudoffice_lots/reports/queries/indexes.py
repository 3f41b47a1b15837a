"""Indexes the report queries and batch tracking rely on (created when the
add-on is installed or updated; harmless when they exist)."""

INDEXES = (
    # Statement and trace: the done lines of one batch, by date.
    "CREATE INDEX IF NOT EXISTS cloudoffice_sml_lot_done_date_idx"
    " ON stock_move_line (lot_id, date) WHERE state = 'done'",
    # Balance now: is any batch line dated after the day asked for?
    "CREATE INDEX IF NOT EXISTS cloudoffice_sml_done_lot_date_idx"
    " ON stock_move_line (date) WHERE state = 'done' AND lot_id IS NOT NULL",
    # Odoo 11 has no index on the quants' product, location or batch, and
    # every reservation and every validated line searches them (_gather);
    # tracking by batch makes one quant per batch and location, so without
    # it each line of a transfer reads the whole table.
    "CREATE INDEX IF NOT EXISTS cloudoffice_quant_product_location_idx"
    " ON stock_quant (product_id, location_id, lot_id)",
)


def create(cr):
    for statement in INDEXES:
        cr.execute(statement)


def drop(cr):
    """Remove the indexes (uninstall)."""
    cr.execute("DROP INDEX IF EXISTS cloudoffice_sml_lot_done_date_idx")
    cr.execute("DROP INDEX IF EXISTS cloudoffice_sml_done_lot_date_idx")
    cr.execute("DROP INDEX IF EXISTS cloudoffice_quant_product_location_idx")

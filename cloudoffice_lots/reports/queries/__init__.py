"""SQL of the batch/serial reports, one module per report, without Odoo.

Each module exposes its SQL as constants (named ``%(name)s`` parameters only,
never string building) and functions that take a DB-API cursor and plain
parameters and return rows. The Odoo side (``cloudoffice_lots.reports``)
only chooses the parameters and shows the rows, so a port to a newer Odoo
touches only that glue.
"""

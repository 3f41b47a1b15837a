"""Production checks: two prefork Odoo nodes on one database, the stock
invariants, and the load run (``make load``). Used by tests/production."""

"""Batch dates become days: see ``cloudoffice_lots/dates_upgrade.py``."""
from odoo.addons.cloudoffice_lots.dates_upgrade import dates_to_days


def migrate(cr, version):
    if version:
        dates_to_days(cr)

from . import controllers
from . import models
from . import reports
from . import wizards
from .dates_upgrade import dates_to_days


def uninstall_hook(cr, registry):
    """Batch data goes with the add-on; its attributes can then be removed too
    (they refuse to go while values still use them). The report tables,
    triggers, functions and indexes that Odoo does not know of go too."""
    from odoo import SUPERUSER_ID, api

    from .reports.queries import indexes, snapshots

    env = api.Environment(cr, SUPERUSER_ID, {})
    env["cloudoffice.lot.attribute.value"].search([]).unlink()
    snapshots.drop(cr)
    indexes.drop(cr)


def pre_init_hook(cr):
    """Batches that product_expiry already dated get their days (see dates_upgrade)."""
    dates_to_days(cr)

"""The pacer's shared state: one row per Fortnox tenant (see fortnox_stores)."""
from odoo import fields, models


class FortnoxPacer(models.Model):
    _name = "fortnox.pacer"
    _description = "Fortnox Request Pacing"
    _log_access = False

    key = fields.Char(required=True, index=True, help="The Fortnox client id and tenant the times belong to.")
    times = fields.Text(help="Send times of the latest requests (JSON), kept by the pacer.")

    _sql_constraints = [("key_uniq", "unique(key)", "One pacing row per tenant.")]

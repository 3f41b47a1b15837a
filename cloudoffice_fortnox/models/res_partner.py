"""Customers and suppliers as Fortnox registers know them."""
from odoo import models

from ..mappers.common import clip


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _fortnox_number(self):
        """The customer/supplier number in Fortnox: the partner's reference, else its id."""
        self.ensure_one()
        return clip(self.ref or str(self.id), 50)

    def _fortnox_partner_values(self):
        self.ensure_one()
        values = {"Name": clip(self.name, 1024), "Address1": clip(self.street or "", 1024),
                  "ZipCode": clip(self.zip or "", 10), "City": clip(self.city or "", 1024),
                  "Email": clip(self.email or "", 1024)}
        if self.country_id:
            values["CountryCode"] = self.country_id.code
        if self.vat:
            values["VATNumber"] = self.vat
        return values

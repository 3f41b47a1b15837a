from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    gs1_digital_link_base = fields.Char(
        string="GS1 Digital Link Address",
        help="Start of the web addresses printed in GS1 Digital Link QR codes, e.g. "
             "https://id.example.com (the GTIN and batch follow: /01/<GTIN>/10/<batch>). "
             "Empty: this server's own scan page answers the QR codes.")

    @api.constrains("gs1_digital_link_base")
    def _check_gs1_digital_link_base(self):
        for company in self.filtered("gs1_digital_link_base"):
            base = company.gs1_digital_link_base.strip().lower()
            if not base.startswith(("http://", "https://")) or "?" in base or "#" in base:
                raise ValidationError(_(
                    "The GS1 Digital Link address of %(company)s must be a web address "
                    "starting with https:// (or http://), without ? or #, not %(value)s.") % {
                        "company": company.name, "value": company.gs1_digital_link_base})

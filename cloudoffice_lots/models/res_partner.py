from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cloudoffice_wants_coa = fields.Boolean(
        string="Send Certificates of Analysis",
        help="Every invoice e-mailed to this customer carries the certificate of analysis of "
             "each batch it delivered.")

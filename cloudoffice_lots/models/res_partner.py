from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cloudoffice_wants_coa = fields.Boolean(
        string="Send Certificates of Analysis",
        help="Every delivery note and invoice e-mailed to this customer carries the certificate "
             "of analysis of each batch delivered, and the customer portal offers them on the "
             "order; a batch without a complete, passed analysis goes to this customer only "
             "with a recorded approval.")

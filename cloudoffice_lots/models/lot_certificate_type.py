from odoo import fields, models


class LotCertificateType(models.Model):
    _name = "cloudoffice.lot.certificate.type"
    _description = "Batch Certificate Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True,
                       help="Kind of certificate as users see it, e.g. 'Certificate of Analysis'.")
    code = fields.Char(help="Short code, e.g. COA, COC, ORIGIN.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    # Types such as "Certificate of Analysis" are usually common to all
    # companies: shared unless a company is set.
    company_id = fields.Many2one(
        "res.company", string="Company",
        help="Only this company uses the type; empty: shared by all companies.")

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

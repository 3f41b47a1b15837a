from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cloudoffice_wants_coa = fields.Boolean(
        string="Send Certificates of Analysis",
        help="Every delivery note and invoice e-mailed to this customer carries the certificate "
             "of analysis of each batch delivered, and the customer portal offers them on the "
             "order; a batch without a complete, passed analysis goes to this customer only "
             "with a recorded approval.")
    cloudoffice_test_limit_ids = fields.One2many(
        "cloudoffice.customer.test.limit", "partner_id", string="Own Test Limits",
        help="Tighter limits this customer sets for tests of some products: their certificates "
             "of analysis are judged against them, and batches outside them are not proposed "
             "to them.")

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class LotCertificate(models.Model):
    """A certificate for a batch (analysis, conformity, origin...) with its file."""

    _name = "cloudoffice.lot.certificate"
    _description = "Batch Certificate"
    _order = "issue_date desc, id desc"

    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", required=True,
                             ondelete="cascade", index=True,
                             help="The batch or serial number the certificate is for.")
    product_id = fields.Many2one(related="lot_id.product_id", store=True, readonly=True,
                                 help="The product of the batch/serial.")
    company_id = fields.Many2one(related="lot_id.company_id", store=True, readonly=True)
    type_id = fields.Many2one("cloudoffice.lot.certificate.type", string="Type", required=True,
                              help="Certificate of analysis, of conformity, of origin...")
    name = fields.Char(string="Number", help="The certificate's own number or reference.")
    issuer_id = fields.Many2one("res.partner", string="Issued By",
                                help="Laboratory, manufacturer or authority that issued it.")
    issue_date = fields.Date(default=fields.Date.context_today,
                             help="Day the certificate was issued, as printed on it.")
    valid_until = fields.Date(help="Empty: does not expire.")
    file = fields.Binary(attachment=True, help="The certificate itself (PDF or image).")
    file_name = fields.Char(help="Name of the attached file, used when it is downloaded.")
    is_expired = fields.Boolean(compute="_compute_is_expired", search="_search_is_expired",
                                string="Expired", help="Valid-until date is past.")

    def _compute_is_expired(self):
        today = fields.Date.context_today(self)
        for certificate in self:
            certificate.is_expired = bool(certificate.valid_until and certificate.valid_until < today)

    def _search_is_expired(self, operator, value):
        today = fields.Date.context_today(self)
        expired = ["&", ("valid_until", "!=", False), ("valid_until", "<", today)]
        if (operator == "=") == bool(value):
            return expired
        return ["|", ("valid_until", "=", False), ("valid_until", ">=", today)]

    @api.constrains("file", "issue_date", "valid_until")
    def _check_certificate(self):
        for certificate in self:
            if not certificate.file:
                raise ValidationError(_(
                    "The %(type)s certificate of batch %(lot)s (%(product)s) has no file: attach "
                    "the certificate document.") % {
                        "type": certificate.type_id.name, "lot": certificate.lot_id.name,
                        "product": certificate.lot_id.product_id.display_name})
            if certificate.valid_until and certificate.issue_date \
                    and certificate.valid_until < certificate.issue_date:
                raise ValidationError(_(
                    "The %(type)s certificate of batch %(lot)s: valid until %(until)s is before "
                    "its issue date %(issued)s.") % {
                        "type": certificate.type_id.name, "lot": certificate.lot_id.name,
                        "until": certificate.valid_until, "issued": certificate.issue_date})

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .stock_production_lot_public import PUBLIC_LEVELS


class ResCompany(models.Model):
    _inherit = "res.company"

    gs1_digital_link_base = fields.Char(
        string="GS1 Digital Link Address",
        help="Start of the web addresses printed in GS1 Digital Link QR codes, e.g. "
             "https://id.example.com (the GTIN and batch follow: /01/<GTIN>/10/<batch>). "
             "Empty: this server's own scan page answers the QR codes.")
    inventory_count_without_lot = fields.Boolean(
        string="Count Tracked Products without Numbers",
        help="Off (recommended): an inventory adjustment that adds stock of a batch- or "
             "serial-tracked product needs the batch/serial number of every counted unit. "
             "On: counted units may be entered without numbers, as Odoo allows by default, "
             "e.g. to take over stock whose numbers are unknown; they then cannot be delivered "
             "until counted again with numbers. Stock without numbers can always be counted "
             "down to zero.")
    sie_accountant_email = fields.Char(
        string="Accountant's E-mail (SIE)",
        help="Each month a scheduled action writes last month's SIE 4 file of this company "
             "and e-mails it to this address. Empty: no monthly file.")

    cloudoffice_public_batch_info = fields.Selection(
        PUBLIC_LEVELS, string="Public Batch Page", default="minimal", required=True,
        help="What anyone who scans a batch's QR code without logging in sees (customers "
             "scanning a pack): nothing, the product, batch, expiry and recall/safety notices "
             "(minimal), or also its production and best-before dates. Logged-in employees "
             "see the full batch page.")

    cloudoffice_background_threshold = fields.Integer(
        string="Background Work Above", default=1000,
        help="Labels, report rows (Excel exports) or move lines to replay (balance history) "
             "above this number are prepared by a background job: the user sees its progress "
             "and is told when the file is ready, and no request waits past the server's time "
             "limit. 0: always right away.")

    @api.constrains("gs1_digital_link_base")
    def _check_gs1_digital_link_base(self):
        for company in self.filtered("gs1_digital_link_base"):
            base = company.gs1_digital_link_base.strip().lower()
            if not base.startswith(("http://", "https://")) or "?" in base or "#" in base:
                raise ValidationError(_(
                    "The GS1 Digital Link address of %(company)s must be a web address "
                    "starting with https:// (or http://), without ? or #, not %(value)s.") % {
                        "company": company.name, "value": company.gs1_digital_link_base})

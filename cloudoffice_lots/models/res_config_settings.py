from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    gs1_digital_link_base = fields.Char(
        related="company_id.gs1_digital_link_base",
        help="Start of the web addresses in GS1 Digital Link QR codes on labels. Empty: "
             "this server's scan page.")
    inventory_count_without_lot = fields.Boolean(
        related="company_id.inventory_count_without_lot",
        help="Let inventory adjustments add stock of tracked products without batch/serial "
             "numbers (Odoo's default behaviour). Off: every counted unit needs its number.")
    cloudoffice_public_batch_info = fields.Selection(
        related="company_id.cloudoffice_public_batch_info",
        help="What anyone scanning a batch's QR code without logging in sees.")
    cloudoffice_background_threshold = fields.Integer(
        related="company_id.cloudoffice_background_threshold",
        help="Labels, report rows or move lines above which the work is prepared by a "
             "background job with visible progress. 0: always right away.")

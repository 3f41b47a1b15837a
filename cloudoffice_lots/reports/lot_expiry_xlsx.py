from odoo import models


class LotExpiryXlsx(models.AbstractModel):
    _name = "report.cloudoffice_lots.lot_expiry_xlsx"
    _inherit = "report.cloudoffice_lots.lot_report_xlsx"
    _description = "Batch Expiry XLSX"

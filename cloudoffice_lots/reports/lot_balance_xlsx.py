from odoo import models


class LotBalanceXlsx(models.AbstractModel):
    _name = "report.cloudoffice_lots.lot_balance_xlsx"
    _inherit = "report.cloudoffice_lots.lot_report_xlsx"
    _description = "Batch Balance XLSX"

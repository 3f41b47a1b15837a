from odoo import models


class LotStatementXlsx(models.AbstractModel):
    _name = "report.cloudoffice_lots.lot_statement_xlsx"
    _inherit = "report.cloudoffice_lots.lot_report_xlsx"
    _description = "Batch Statement XLSX"

from odoo import models


class LotTraceXlsx(models.AbstractModel):
    _name = "report.cloudoffice_lots.lot_trace_xlsx"
    _inherit = "report.cloudoffice_lots.lot_report_xlsx"
    _description = "Batch Trace XLSX"

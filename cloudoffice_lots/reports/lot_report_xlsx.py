import re

from odoo import _, models


class LotReportXlsx(models.AbstractModel):
    """XLSX export of a batch/serial report wizard: a sheet per section of
    the report (as its PDF has), the parameters on top, numbers as numbers."""

    _name = "report.cloudoffice_lots.lot_report_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Batch/serial report as XLSX"

    def generate_xlsx_report(self, workbook, data, wizards):
        bold = workbook.add_format({"bold": True})
        title_format = workbook.add_format({"bold": True, "font_size": 14})
        number = workbook.add_format({"num_format": "#,##0.00##"})
        used_names = set()
        for wizard in wizards:
            if not wizard.line_ids:
                wizard._compute_lines()
            params = wizard._export_params()
            for table in wizard._export_tables():
                sheet = workbook.add_worksheet(self._sheet_name(table["title"], used_names))
                sheet.write(0, 0, table["title"], title_format)
                row = 1
                for label, value in params:
                    sheet.write(row, 0, label, bold)
                    sheet.write(row, 1, value)
                    row += 1
                for note in table["notes"]:
                    sheet.write(row, 0, note)
                    row += 1
                row += 1
                for col, header in enumerate(table["headers"]):
                    sheet.write(row, col, header, bold)
                    sheet.set_column(col, col, 16)
                sheet.freeze_panes(row + 1, 0)
                for values in table["rows"]:
                    row += 1
                    for col, value in enumerate(values):
                        if table["numeric"][col]:
                            sheet.write_number(row, col, value or 0, number)
                        elif value not in ("", None, False):
                            sheet.write_string(row, col, str(value))

    @staticmethod
    def _sheet_name(title, used_names):
        """A unique sheet name Excel accepts (31 characters, no []:*?/\\)."""
        base = re.sub(r"[\[\]:*?/\\]", " ", title)[:28] or _("Report")
        name, counter = base, 2
        while name.lower() in used_names:
            name = "%s %d" % (base[:27], counter)
            counter += 1
        used_names.add(name.lower())
        return name

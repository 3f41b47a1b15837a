from odoo import fields, models


class SieExportProblem(models.TransientModel):
    _name = "cloudoffice.sie.export.problem"
    _description = "SIE Export Problem"
    _order = "severity, id"

    wizard_id = fields.Many2one(
        "cloudoffice.sie.export", string="Export", required=True, ondelete="cascade",
        help="The export that found this problem.")
    severity = fields.Selection(
        [("error", "Stops the export"), ("warning", "Warning")], required=True,
        help="Stops the export: the file would be wrong or refused; fix it first. Warning: the "
             "file can be written once the warnings are accepted.")
    move_id = fields.Many2one(
        "account.move", string="Journal Entry",
        help="The journal entry concerned, if the problem is one entry's.")
    message = fields.Text(
        string="Problem", required=True,
        help="What is wrong, naming the entry, account or period.")
    action = fields.Text(
        string="What to Do",
        help="How to fix the problem, or what accepting the warning means.")

from odoo import _, api, fields, models

from ..reports.queries import lot_one_step


class LotOneStepWizard(models.TransientModel):
    """EU "one step back, one step forward" (Regulation 178/2002, art. 18)
    of a batch: the suppliers of it and of its inputs, the customers of it
    and of what was made from it, with dates and quantities."""

    _name = "cloudoffice.lot.one.step.wizard"
    _inherit = "cloudoffice.lot.report.mixin"
    _description = "One Step Back, One Step Forward"
    _line_model = "cloudoffice.lot.one.step.line"
    _pdf_report = "cloudoffice_lots.report_lot_one_step_pdf"
    _xlsx_file_name = "one_step_back_one_step_forward"

    lot_id = fields.Many2one("stock.production.lot", string="Batch/Serial", required=True,
                             help="The batch or serial number whose suppliers and customers "
                                  "are reported.")
    line_ids = fields.One2many("cloudoffice.lot.one.step.line", "wizard_id", string="Lines",
                               help="The receipts from suppliers and the deliveries to "
                                    "customers found.")

    def _compute_lines(self):
        self.ensure_one()
        params = lot_one_step.params(self.lot_id.id, self._report_company_ids())
        count = self._fill_lines(lot_one_step.BACK_SQL, params, lot_one_step.COLUMNS)
        count += self._fill_lines(lot_one_step.FORWARD_SQL, params, lot_one_step.COLUMNS,
                                  append=True)
        return count

    def _report_title(self):
        return _("One step back, one step forward: %(lot)s, %(product)s") % {
            "lot": self.lot_id.name, "product": self.lot_id.product_id.display_name}

    def _export_param_fields(self):
        return ["lot_id"]

    def _export_sections(self):
        common = [(_("Level"), "depth"), (_("Product"), "product_id"),
                  (_("Batch/Serial"), "lot_id"), (_("Manufacturing Order"), "production_id")]
        back = common + [(_("Supplier"), "partner_id"), (_("Received On"), "date"),
                         (_("Quantity"), "quantity"), (_("Unit"), "uom_id"),
                         (_("Supplier's Batch"), "supplier_batch"), (_("Receipt"), "picking_id")]
        forward = common + [(_("Customer"), "partner_id"), (_("Delivered On"), "date"),
                            (_("Quantity"), "quantity"), (_("Unit"), "uom_id"),
                            (_("Delivery"), "picking_id")]
        return [
            {"title": _("One step back: who supplied it"),
             "notes": [_("The batch's own receipts from suppliers (level 0) and, when it was "
                         "made here, those of the batches it was made of (level 1). An input "
                         "without a supplier was made here or found in a count.")],
             "columns": back,
             "records": self.line_ids.filtered(lambda line: line.section == "back")},
            {"title": _("One step forward: who received it"),
             "notes": [_("Deliveries of the batch (level 0) and of the batches made from it "
                         "(level 1) to customers; returns are negative. A batch made from it "
                         "without a customer was not delivered yet.")],
             "columns": forward,
             "records": self.line_ids.filtered(lambda line: line.section == "forward")},
        ]

    @api.model
    def action_open_for_lot(self, lot):
        """The report's window for ``lot``, from the batch's Action menu."""
        lot.ensure_one()
        wizard = self.create({"lot_id": lot.id})
        return {
            "name": _("One Step Back, One Step Forward"),
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": wizard.id,
            "view_mode": "form", "target": "new",
        }

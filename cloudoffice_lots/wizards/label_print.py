import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LabelPrint(models.TransientModel):
    """Print labels for batches/serials (a batch, a selection, or a receipt)."""

    _name = "cloudoffice.label.print"
    _description = "Print Batch/Serial Labels"

    def _default_printer(self):
        picking = self.env["stock.picking"].browse(self.env.context.get("default_picking_id"))
        warehouse = picking.exists().picking_type_id.warehouse_id or \
            self.env["stock.warehouse"].search(
                [("company_id", "=", self.env.user.company_id.id)], limit=1)
        return self.env["cloudoffice.label.printer"].cloudoffice_default_printer(warehouse)

    def _default_layout(self):
        # the proposed printer's layout, so that Print sends what it can print
        return self._default_printer().layout_id or \
            self.env["cloudoffice.label.layout"].search([], limit=1)

    printer_id = fields.Many2one(
        "cloudoffice.label.printer", string="Printer", default=_default_printer,
        help="Label printer the labels are sent to: your own default printer, else the "
             "warehouse's. Empty: the labels can only be downloaded.")
    layout_id = fields.Many2one("cloudoffice.label.layout", string="Label Layout", required=True,
                                default=_default_layout,
                                help="Size, printer type, fields and barcode of the labels.")
    job_id = fields.Many2one("cloudoffice.label.print.job", string="Print Job", readonly=True,
                             help="The print job made by Print; failed jobs stay in Print Jobs.")
    job_state = fields.Selection(related="job_id.state", readonly=True, string="Print Status",
                                 help="Whether the printer took the labels.")
    job_message = fields.Char(compute="_compute_job_message", string="Print Result",
                              help="How many labels went to the printer, or why none did.")
    output = fields.Selection(related="layout_id.output", readonly=True)
    lot_ids = fields.Many2many("stock.production.lot", string="Batches/Serials",
                               help="One label per batch/serial (times the copies).")
    picking_id = fields.Many2one("stock.picking", string="Transfer",
                                 help="Labels for the batches/serials of this transfer.")
    per = fields.Selection(
        [("batch", "One label per batch/serial"), ("unit", "One label per unit")],
        string="Labels", default="batch", required=True,
        help="From a transfer: one label for each batch (with its quantity), or one label "
             "for each unit received.")
    copies = fields.Integer(default=1, help="Copies of each label.")
    skip = fields.Integer(string="Start at Label", default=1,
                          help="On a partly used sheet: the position of the first free label, "
                               "counted left to right, top to bottom.")
    file = fields.Binary(readonly=True, attachment=False,
                         help="The printed labels, ready to download (PDF, or ZPL for Zebra "
                              "printers).")
    file_name = fields.Char(readonly=True, help="Name of the labels file when downloaded.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "stock.production.lot" and context.get("active_ids") \
                and not values.get("lot_ids"):
            values["lot_ids"] = [(6, 0, context["active_ids"])]
        return values

    @api.depends("job_id.state", "job_id.error")
    def _compute_job_message(self):
        for wizard in self:
            wizard.job_message = wizard.job_id.cloudoffice_message() if wizard.job_id else False

    @api.onchange("printer_id")
    def _onchange_printer_id(self):
        """A layout the chosen printer cannot print gives way to its own."""
        if self.printer_id and not (self.layout_id and self.printer_id.cloudoffice_fits(
                self.layout_id)):
            self.layout_id = self.printer_id.layout_id

    @api.model
    def action_open(self, context):
        """The label dialog, for the batches/serials the context's defaults name."""
        return {
            "name": _("Print Labels"),
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def _items(self):
        """What to print: dicts for ``cloudoffice.label.layout.render_labels``."""
        copies = max(1, self.copies)
        if not self.picking_id:
            return [{"lot": lot, "copies": copies} for lot in self.lot_ids]
        items = []
        lines = self.picking_id.move_line_ids.filtered(
            lambda ml: ml.product_id.tracking != "none" and (ml.lot_id or ml.lot_name))
        for line in lines:
            quantity = line.qty_done or line.product_uom_qty
            item = {"quantity": quantity, "uom": line.product_uom_id, "copies": copies}
            if line.lot_id:
                item["lot"] = line.lot_id
            else:
                item.update(product=line.product_id, name=line.lot_name.strip(),
                            dates=self._line_dates(line))
            if self.per == "unit" and quantity > 1:
                item.update(quantity=1, copies=copies * int(round(quantity)))
            items.append(item)
        if not items:
            raise UserError(_(
                "%s has no batch or serial numbers yet: scan or enter them on its operations "
                "first.") % self.picking_id.name)
        return items

    def _cloudoffice_stored_items(self, items):
        """``items`` as a background task stores them (ids, text dates); on
        sheets one item per label, so that parts end on whole sheets."""
        sheet = self.layout_id.output == "pdf_sheet"
        stored = []
        for item in items:
            values = {"copies": item.get("copies") or 1, "quantity": item.get("quantity"),
                      "uom_id": item["uom"].id if item.get("uom") else None}
            if item.get("lot"):
                values["lot_id"] = item["lot"].id
            else:
                values.update(product_id=item["product"].id, name=item["name"], dates={
                    key: fields.Date.to_string(value) if value else None
                    for key, value in (item.get("dates") or {}).items()})
            if sheet and values["copies"] > 1:
                stored.extend(dict(values, copies=1) for _copy in range(values["copies"]))
            else:
                stored.append(values)
        return stored

    @staticmethod
    def _line_dates(line):
        """Dates typed on a receipt line for a batch not created yet."""
        def day(value):
            return fields.Date.from_string(value) if value else None
        return {"production_date": day(line.lot_production_date),
                "best_before": day(line.lot_use_date), "expiry": day(line.lot_life_date)}

    @api.multi
    def action_print(self):
        """Render the labels and download them (PDF, or .zpl for Zebra
        printers); thousands of labels are prepared in the background and
        the dialog shows their progress instead."""
        self.ensure_one()
        items = self._items()
        stored = self._cloudoffice_stored_items(items)
        count = sum(values["copies"] for values in stored)
        tasks = self.env["cloudoffice.lot.background.task"]
        if tasks.cloudoffice_is_large(count):
            task = tasks.cloudoffice_start(
                "labels", _("%(count)d labels (%(layout)s)") % {
                    "count": count, "layout": self.layout_id.name},
                total=len(stored), payload={"layout_id": self.layout_id.id, "items": stored,
                                            "skip": max(0, self.skip - 1)})
            return task.cloudoffice_action_open()
        content, file_name = self.layout_id.render_labels(items, skip=max(0, self.skip - 1))
        if isinstance(content, str):
            content = content.encode("utf-8")
        self.write({"file": base64.b64encode(content), "file_name": file_name})
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s/%d/file/%s?download=true" % (self._name, self.id, file_name),
            # Downloaded, then the dialog closes (static/src/js/download_action.js).
            "target": "download",
        }

    @api.multi
    def action_send(self):
        """Send the labels to the chosen printer and say, in this dialog, how
        many went out or why not; a job that failed stays in Print Jobs."""
        self.ensure_one()
        if not self.printer_id:
            raise UserError(_("Choose the printer to send the labels to."))
        origin = self.picking_id.name or ", ".join(self.lot_ids[:3].mapped("name"))
        if len(self.lot_ids) > 3 and not self.picking_id:
            origin += ", ..."
        self.job_id = self.printer_id.cloudoffice_print_items(
            self._items(), layout=self.layout_id, origin=origin)
        return self._reopen()

    @api.multi
    def action_retry(self):
        """Send the failed job again, once the printer is ready."""
        self.ensure_one()
        self.job_id.action_retry()
        return self._reopen()

    def _reopen(self):
        return {
            "name": _("Print Labels"),
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "context": self.env.context,
        }

"""Label printers the server sends labels to: Zebra-type printers taking ZPL
on a network port (9100, "raw" printing), or any printer of the server's CUPS
(``lp``) taking PDF."""
import base64
import shutil
import socket
import subprocess

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class LabelPrinter(models.Model):
    _name = "cloudoffice.label.printer"
    _description = "Label Printer"
    _order = "sequence, name"

    name = fields.Char(required=True, help="The printer's name as users know it, e.g. "
                                           "\"Dock 1 Zebra\".")
    sequence = fields.Integer(default=10, help="Order in the lists of printers.")
    active = fields.Boolean(default=True, help="Unticked: no longer offered.")
    kind = fields.Selection(
        [("zpl_network", "ZPL over the network (Zebra, port 9100)"),
         ("pdf_cups", "PDF through the server's CUPS (lp)")],
        required=True, default="zpl_network",
        help="How labels reach the printer: ZPL sent straight to the printer's network port, "
             "or a PDF handed to a CUPS queue of the Odoo server.")
    host = fields.Char(help="Network name or IP address of a ZPL printer.")
    port = fields.Integer(default=9100, help="TCP port of a ZPL printer (9100 on Zebra printers).")
    cups_queue = fields.Char(string="CUPS Queue", help="Name of the CUPS queue (lpstat -p) for "
                                                       "PDF printing.")
    timeout = fields.Integer(string="Timeout (s)", default=10,
                             help="Seconds to wait for the printer before the job is kept as "
                                  "failed.")
    dpi = fields.Selection([("203", "203 dpi (8 dots/mm)"), ("300", "300 dpi (12 dots/mm)")],
                           default="203", required=True,
                           help="The printer's resolution; the labels are drawn for it.")
    width_mm = fields.Float(string="Label Width (mm)", default=101.6,
                            help="Width of the labels loaded in the printer.")
    height_mm = fields.Float(string="Label Height (mm)", default=50.8,
                             help="Height of the labels loaded in the printer.")
    layout_id = fields.Many2one("cloudoffice.label.layout", string="Default Layout",
                                required=True, ondelete="restrict",
                                help="Label layout used when printing to this printer.")
    company_id = fields.Many2one("res.company", string="Company", required=True,
                                 default=lambda self: self.env.user.company_id,
                                 help="Company whose users print on this printer.")
    warehouse_ids = fields.Many2many(
        "stock.warehouse", string="Default for Warehouses",
        help="Warehouses where this printer is proposed first.")
    user_ids = fields.Many2many(
        "res.users", string="Default for Users",
        help="Users to whom this printer is proposed first (before the warehouse's).")

    @api.constrains("kind", "host", "port", "cups_queue", "layout_id")
    def _check_kind(self):
        for printer in self:
            if printer.kind == "zpl_network":
                if not (printer.host or "").strip() or not 0 < printer.port < 65536:
                    raise ValidationError(_(
                        "Printer %(printer)s: a ZPL network printer needs its host and a port "
                        "between 1 and 65535.") % {"printer": printer.name})
                if printer.layout_id.output != "zpl":
                    raise ValidationError(_(
                        "Printer %(printer)s prints ZPL: choose a ZPL label layout, not "
                        "%(layout)s.") % {"printer": printer.name,
                                          "layout": printer.layout_id.name})
            elif printer.layout_id.output == "zpl":
                raise ValidationError(_(
                    "Printer %(printer)s prints PDF: choose a PDF label layout, not "
                    "%(layout)s.") % {"printer": printer.name, "layout": printer.layout_id.name})

    @api.model
    def cloudoffice_default_printer(self, warehouse=None):
        """The printer proposed to the current user: their own default, else
        the warehouse's, else the first one they may use."""
        printers = self.search([])
        for printer in printers:
            if self.env.user in printer.user_ids:
                return printer
        if warehouse:
            for printer in printers:
                if warehouse in printer.warehouse_ids:
                    return printer
        return printers[:1]

    @api.multi
    def cloudoffice_fits(self, layout):
        """Whether this printer prints ``layout``: ZPL layouts on ZPL printers,
        PDF layouts on CUPS printers."""
        self.ensure_one()
        return (layout.output == "zpl") == (self.kind == "zpl_network")

    @api.multi
    def cloudoffice_print_items(self, items, layout=None, origin=None):
        """Render ``items`` (see label layout ``render_labels``) with
        ``layout`` (default: this printer's) and send them; the job is kept
        either way, named after ``origin`` (what the labels are for). Returns
        the job.

        A layout the printer cannot print is refused before anything is
        written."""
        self.ensure_one()
        layout = layout or self.layout_id
        if not self.cloudoffice_fits(layout):
            raise UserError(_(
                "Printer %(printer)s cannot print the label layout %(layout)s: choose a ZPL "
                "layout for a ZPL printer, a PDF layout for a CUPS printer.") % {
                    "printer": self.name, "layout": layout.name})
        content, file_name = layout.render_labels(items)
        if isinstance(content, str):
            content = content.encode("utf-8")
        count = sum(max(1, item.get("copies") or 1) for item in items)
        job = self.env["cloudoffice.label.print.job"].create({
            "printer_id": self.id, "company_id": self.company_id.id, "file_name": file_name,
            "label_count": count, "content": base64.b64encode(content),
            "origin": origin or False})
        job.cloudoffice_send()
        return job

    @api.multi
    def _cloudoffice_transmit(self, content):
        """Hand ``content`` to the printer; returns None, or why it failed in
        the user's words."""
        self.ensure_one()
        if self.kind == "pdf_cups":
            return self._cloudoffice_transmit_cups(content)
        address = "%s:%d" % (self.host, self.port)
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as sock:
                sock.sendall(content)
        except ConnectionRefusedError:
            return _("%(printer)s (%(address)s) refused the connection: is it switched on and "
                     "is the port right?") % {"printer": self.name, "address": address}
        except socket.timeout:  # noqa: UP041 -- not TimeoutError before Python 3.10
            return _("%(printer)s (%(address)s) did not answer within %(seconds)d seconds: is it "
                     "switched on and on the network?") % {
                         "printer": self.name, "address": address, "seconds": self.timeout}
        except OSError as err:
            return _("%(printer)s (%(address)s) could not be reached: %(error)s") % {
                "printer": self.name, "address": address, "error": err.strerror or err}
        return None

    def _cloudoffice_transmit_cups(self, content):
        lp = shutil.which("lp")
        if not lp:
            return _("%(printer)s prints through CUPS, but this server has no CUPS (the lp "
                     "command is missing).") % {"printer": self.name}
        command = [lp, "-s"] + (["-d", self.cups_queue] if self.cups_queue else []) + ["-"]
        try:
            process = subprocess.run(command, input=content, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return _("CUPS did not take the job for %(printer)s within %(seconds)d seconds.") % {
                "printer": self.name, "seconds": self.timeout}
        if process.returncode:
            return _("CUPS refused the job for %(printer)s: %(error)s") % {
                "printer": self.name,
                "error": process.stderr.decode("utf-8", "replace").strip()}
        return None

    @api.multi
    def unlink(self):
        if self.env["cloudoffice.label.print.job"].search_count([("printer_id", "in", self.ids)]):
            raise UserError(_("Printers with print jobs cannot be deleted: archive them."))
        return super().unlink()

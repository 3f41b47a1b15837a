"""Invoices: their Fortnox state and number, the Send button, and their
description for the mappers (lines with batch/serial phrases)."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..client import FortnoxError
from ..mappers.common import number as plain_number

CUSTOMER_TYPES = ("out_invoice", "out_refund")
SUPPLIER_TYPES = ("in_invoice",)


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    fortnox_binding_id = fields.Many2one(
        "fortnox.binding", compute="_compute_fortnox", string="Fortnox Sync",
        help="The sync log entry of this invoice.")
    fortnox_state = fields.Selection(
        related="fortnox_binding_id.state", readonly=True, string="Fortnox State",
        help="Where the invoice stands in Fortnox.")
    fortnox_number = fields.Char(
        related="fortnox_binding_id.fortnox_number", readonly=True, string="Fortnox Number",
        help="The number Fortnox gave the invoice.")
    fortnox_error = fields.Text(
        related="fortnox_binding_id.last_error", readonly=True, string="Fortnox Problem",
        help="Why the invoice did not reach Fortnox, in our words.")
    fortnox_message = fields.Text(
        related="fortnox_binding_id.fortnox_message", readonly=True, string="Fortnox's Message",
        help="Fortnox's own message about the last problem.")

    def _compute_fortnox(self):
        bindings = self.env["fortnox.binding"].search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids)])
        by_id = {binding.res_id: binding for binding in bindings}
        for invoice in self:
            invoice.fortnox_binding_id = by_id.get(invoice.id)

    def _fortnox_kind(self):
        return "customer_invoice" if self.type in CUSTOMER_TYPES else (
            "supplier_invoice" if self.type in SUPPLIER_TYPES else False)

    def _fortnox_bind(self):
        """Bindings (created if needed) of the posted invoices that are sent."""
        bindings = self.env["fortnox.binding"]
        for invoice in self.filtered(lambda rec: rec.state in ("open", "paid")):
            backend = self.env["fortnox.backend"].sudo().for_company(invoice.company_id)
            kind = invoice._fortnox_kind()
            if not backend or not kind:
                continue
            bindings |= bindings.sudo().ensure_binding(
                backend, kind, invoice, name=invoice.number, date=invoice.date_invoice)
        return bindings

    def action_fortnox_send(self):
        """Send to Fortnox now (a job on the fortnox channel)."""
        bindings = self._fortnox_bind()
        if not bindings:
            raise UserError(_("Only posted invoices of a company connected to Fortnox can be sent."))
        bindings.action_retry()
        return True

    def action_invoice_cancel(self):
        """Refuse to cancel an invoice Fortnox has booked: it can no longer change there."""
        for invoice in self:
            binding = invoice.fortnox_binding_id
            if not binding.fortnox_number or binding.target != "invoice":
                continue
            try:
                current = binding.backend_id.sudo()._client().get_invoice(binding.fortnox_number)
            except FortnoxError as error:
                raise UserError(_("Fortnox could not be asked whether invoice %(number)s may still "
                                  "change: %(error)s") % {"number": binding.fortnox_number,
                                                          "error": error.describe()})
            if current.get("Booked"):
                raise UserError(_("%(invoice)s is booked in Fortnox as invoice %(number)s and can no "
                                  "longer be changed there. Create a refund for it and invoice again.")
                                % {"invoice": invoice.number, "number": binding.fortnox_number})
        return super(AccountInvoice, self).action_invoice_cancel()

    # -------------------------------------------------- mapper descriptions
    def _fortnox_lot_lines(self, line, moves_lots):
        """Batch phrases and serial names of a line, in the partner's language."""
        batches, serials = [], []
        for lot, qty in moves_lots:
            if lot.product_id.tracking == "serial":
                serials.append(lot.name)
                continue
            values = {"lot": lot.name, "qty": plain_number(qty)}
            if lot.use_date:
                values["date"] = lot.use_date[:10]
                batches.append(_("Batch %(lot)s x %(qty)s, best before %(date)s") % values)
            elif lot.life_date:
                values["date"] = lot.life_date[:10]
                batches.append(_("Batch %(lot)s x %(qty)s, expires %(date)s") % values)
            else:
                batches.append(_("Batch %(lot)s x %(qty)s") % values)
        return {"batches": batches, "serials": serials, "serial_prefix": _("Serial numbers: ")}

    def _fortnox_document(self, backend, customer_number, articles, credit_reference=False):
        """This customer invoice as the invoice mapper reads it."""
        self.ensure_one()
        self = self.with_context(lang=self.partner_id.lang or self.env.context.get("lang"))
        lines = []
        for line in self.invoice_line_ids:
            vat = sum(tax.amount for tax in line.invoice_line_tax_ids if tax.amount_type == "percent")
            allocation = line._cloudoffice_lot_allocation() if line.product_id.tracking != "none" else []
            values = {"article_number": articles.get(line.product_id.id), "description": line.name,
                      "quantity": line.quantity, "price": line.price_unit, "vat": vat,
                      "account": backend.sales_account_for(vat), "discount": line.discount,
                      "unit": backend.default_unit if line.uom_id.category_id == self.env.ref(
                          "product.product_uom_categ_unit") else False}
            values.update(self._fortnox_lot_lines(line, allocation))
            lines.append(values)
        return {"reference": self.number, "customer_number": customer_number,
                "date": self.date_invoice, "due_date": self.date_due, "currency": self.currency_id.name,
                "your_reference": self.name, "order_number": self.origin,
                "refund": self.type == "out_refund", "credit_reference": credit_reference, "lines": lines}

    def _fortnox_supplier_document(self, backend, supplier_number, articles):
        """This supplier invoice as the supplier invoice mapper reads it."""
        self.ensure_one()
        lines = []
        for line in self.invoice_line_ids:
            moves = line.purchase_line_id.move_ids.filtered(lambda rec: rec.state == "done")
            allocation = [(ml.lot_id, ml.qty_done) for ml in moves.mapped("move_line_ids") if ml.lot_id]
            values = {"article_number": articles.get(line.product_id.id), "description": line.name,
                      "quantity": line.quantity, "price": line.price_unit, "amount": line.price_subtotal,
                      "account": backend.purchase_account}
            values.update(self._fortnox_lot_lines(line, allocation))
            lines.append(values)
        return {"supplier_number": supplier_number, "invoice_number": self.reference or self.number,
                "date": self.date_invoice, "due_date": self.date_due, "currency": self.currency_id.name,
                "total": self.amount_total, "vat": self.amount_tax,
                "vat_account": backend.input_vat_account, "payable_account": backend.payable_account,
                "lines": lines}

    @api.model
    def _fortnox_changed_or_new(self, backend, limit=None):
        """Posted invoices of ``backend``'s company never sent or changed since sent."""
        types = []
        if backend.send_customer_invoices:
            types += list(CUSTOMER_TYPES)
        if backend.send_supplier_invoices:
            types += list(SUPPLIER_TYPES)
        domain = [("company_id", "=", backend.company_id.id), ("type", "in", types),
                  ("state", "in", ("open", "paid"))]
        if backend.send_from:
            domain.append(("date_invoice", ">=", backend.send_from))
        invoices = self.search(domain, order="date_invoice, id", limit=limit)
        sent = self.env["fortnox.binding"].search([
            ("backend_id", "=", backend.id), ("res_model", "=", self._name),
            ("res_id", "in", invoices.ids)])
        by_id = {binding.res_id: binding for binding in sent}
        return invoices.filtered(lambda inv: inv.id not in by_id or (
            by_id[inv.id].state == "done" and by_id[inv.id].sent_at
            and inv.write_date > by_id[inv.id].sent_at))

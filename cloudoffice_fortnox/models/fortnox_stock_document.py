"""What transfers, scraps and inventory adjustments share towards Fortnox:
their Fortnox state on the form, the Send button, and their description for
the warehouse mappers (Lager deliveries or a voucher).

A warehouse worker sees the state without rights on the sync log: the state
is read with sudo, for the documents he can see.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..mappers.common import number as plain_number
from .fortnox_binding import STATES

# Where goods are in the books: internal and transit locations are stock.
STOCK_USAGES = ("internal", "transit")


class FortnoxStockDocument(models.AbstractModel):
    _name = "fortnox.stock.document"
    _description = "Warehouse Change Sent to Fortnox"

    fortnox_state = fields.Selection(
        STATES, compute="_compute_fortnox",
        help="Where this warehouse change stands in Fortnox.")
    fortnox_number = fields.Char(
        compute="_compute_fortnox",
        help="The Fortnox Lager deliveries (IN/OUT and their ids) or the voucher (series and number) "
             "this warehouse change became.")
    fortnox_error = fields.Text(
        compute="_compute_fortnox", string="Fortnox Problem",
        help="Why the warehouse change did not reach Fortnox, in our words.")
    fortnox_message = fields.Text(
        compute="_compute_fortnox", string="Fortnox's Message",
        help="Fortnox's own message about the last problem.")

    def _compute_fortnox(self):
        bindings = self.env["fortnox.binding"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids)])
        by_id = {binding.res_id: binding for binding in bindings}
        for record in self:
            binding = by_id.get(record.id)
            record.fortnox_state = binding.state if binding else False
            record.fortnox_number = binding.fortnox_number if binding else False
            record.fortnox_error = binding.last_error if binding else False
            record.fortnox_message = binding.fortnox_message if binding else False

    # ------------------------------------------------------ per model hooks
    def _fortnox_moves(self):
        """The done stock moves of the document."""
        raise NotImplementedError

    def _fortnox_reference(self):
        """A reference unique in the company: the externalReference or voucher description."""
        return self.name

    def _fortnox_date(self):
        raise NotImplementedError

    def _fortnox_company(self):
        return self.company_id

    @api.model
    def _fortnox_done_domain(self, backend):
        raise NotImplementedError

    # ------------------------------------------------------------ sending
    def _fortnox_parts(self, lager):
        """``(direction, move, warehouse, other usage)`` for what Fortnox must know.

        With Lager a move counts where it crosses a warehouse's border (a
        transfer between warehouses leaves one and enters the other); without
        it, where it enters or leaves the books' stock. Moves inside one
        warehouse change no value and are left out.
        """
        parts = []
        for move in self._fortnox_moves():
            src, dst = move.location_id, move.location_dest_id
            if lager:
                src_wh = src.get_warehouse() if src.usage == "internal" else False
                dst_wh = dst.get_warehouse() if dst.usage == "internal" else False
                if src_wh == dst_wh or (not src_wh and not dst_wh):
                    continue
                if src_wh:
                    parts.append(("out", move, src_wh, dst.usage))
                if dst_wh:
                    parts.append(("in", move, dst_wh, src.usage))
                continue
            into = dst.usage in STOCK_USAGES
            if into == (src.usage in STOCK_USAGES):
                continue
            parts.append(("in" if into else "out", move, False, (src if into else dst).usage))
        return parts

    def _fortnox_bind(self):
        """Bindings (created if needed) of the done documents that Fortnox must know."""
        bindings = self.env["fortnox.binding"].sudo()
        for record in self.filtered(lambda rec: rec.state == "done"):
            backend = self.env["fortnox.backend"].sudo().for_company(record._fortnox_company())
            if not backend or not backend.send_warehouse_changes:
                continue
            if not record.sudo()._fortnox_parts(backend.has_warehouse):
                continue
            bindings |= bindings.ensure_binding(backend, "picking", record, name=record._fortnox_reference(),
                                                date=record._fortnox_date())
        return bindings

    def action_fortnox_send(self):
        """Send to Fortnox now (a job on the fortnox channel)."""
        bindings = self._fortnox_bind()
        if not bindings:
            raise UserError(_("Only done warehouse changes of a company that sends them to Fortnox can be "
                              "sent, and only when goods enter or leave a warehouse: moves inside one "
                              "warehouse change no value in Fortnox."))
        bindings.action_retry()
        return True

    @api.model
    def _fortnox_changed_or_new(self, backend):
        """Done documents of ``backend``'s company never sent, or written since sent."""
        records = self.search(self._fortnox_done_domain(backend), order="id")
        sent = self.env["fortnox.binding"].search([
            ("backend_id", "=", backend.id), ("res_model", "=", self._name), ("res_id", "in", records.ids)])
        by_id = {binding.res_id: binding for binding in sent}
        return records.filtered(lambda rec: rec.id not in by_id or (
            by_id[rec.id].state == "done" and by_id[rec.id].sent_at
            and rec._fortnox_write_date() > by_id[rec.id].sent_at))

    def _fortnox_write_date(self):
        """The last change of the document, its moves or their lines (done lines stay editable)."""
        moves = self._fortnox_moves()
        return max([self.write_date] + moves.mapped("write_date") + moves.mapped("move_line_ids.write_date"))

    # ------------------------------------------------- mapper descriptions
    def _fortnox_move_lots(self, move):
        """``(lots, serials, serial_prefix, batch phrases)`` of a move, in product units."""
        allocation = []
        for ml in move.move_line_ids.filtered(lambda rec: rec.lot_id and rec.qty_done):
            quantity = ml.product_uom_id._compute_quantity(ml.qty_done, ml.product_id.uom_id)
            allocation.append((ml.lot_id, quantity))
        texts = self.env["account.invoice"]._fortnox_lot_lines(None, allocation)
        batches = [(lot.name, qty) for lot, qty in allocation if lot.product_id.tracking != "serial"]
        lots = [(name, qty, phrase) for (name, qty), phrase in zip(batches, texts["batches"])]
        return lots, texts["serials"], texts["serial_prefix"], texts["batches"]

    def _fortnox_quantity(self, move):
        return move.product_uom._compute_quantity(move.quantity_done, move.product_id.uom_id)

    def _fortnox_lager_documents(self, articles):
        """``{"inbound": doc, "outbound": doc}`` for the Lager delivery mapper."""
        self.ensure_one()
        self = self.with_context(lang=self._fortnox_company().partner_id.lang or self.env.context.get("lang"))
        docs = {}
        for direction, move, warehouse, _usage in self._fortnox_parts(True):
            kind = "inbound" if direction == "in" else "outbound"
            lots, serials, prefix, _batches = self._fortnox_move_lots(move)
            doc = docs.setdefault(kind, {"reference": self._fortnox_reference(),
                                         "date": self._fortnox_date(), "stock_point": warehouse.code,
                                         "lines": []})
            doc["lines"].append({"article_number": articles[move.product_id.id],
                                 "stock_point": warehouse.code,
                                 "quantity": self._fortnox_quantity(move), "lots": lots,
                                 "serials": serials, "serial_prefix": prefix})
        return docs

    def _fortnox_move_value(self, move):
        """The value the move took into or out of stock (positive), as stock_account valued it."""
        quantity = self._fortnox_quantity(move)
        value = (abs(move.value) or abs(move.price_unit) * quantity
                 or move.product_id.standard_price * quantity)
        return move.company_id.currency_id.round(value)

    def _fortnox_voucher_document(self, backend):
        """The description for the stock voucher mapper (without Lager)."""
        self.ensure_one()
        self = self.with_context(lang=self._fortnox_company().partner_id.lang or self.env.context.get("lang"))
        counters = {"supplier": backend.stock_receipt_account, "customer": backend.stock_delivery_account}
        lines, without_value = [], []
        for direction, move, _warehouse, usage in self._fortnox_parts(False):
            value = self._fortnox_move_value(move)
            if not value:
                without_value.append(move.product_id.display_name)
                continue
            _lots, serials, prefix, batches = self._fortnox_move_lots(move)
            lines.append({"article_number": move.product_id._fortnox_article_number(),
                          "value": plain_number(value if direction == "in" else -value),
                          "stock_account": backend.stock_account,
                          "counter_account": counters.get(usage, backend.stock_adjustment_account),
                          "batches": batches, "serials": serials, "serial_prefix": prefix})
        if not lines:
            raise UserError(_("%(document)s has no value to book in Fortnox: give %(products)s a cost "
                              "and press Retry.") % {"document": self._fortnox_reference(),
                                                     "products": ", ".join(without_value)})
        return {"reference": self._fortnox_reference(), "description": self._fortnox_reference(),
                "date": self._fortnox_date(), "series": backend.voucher_series, "lines": lines}

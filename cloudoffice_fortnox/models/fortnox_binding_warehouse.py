"""Sending a warehouse change: to Fortnox Lager when the company has it,
otherwise as a voucher through the bookkeeping API.

Exactly once: before creating, the job looks the document up in Fortnox by
our reference, compared exactly (Lager: ``externalReference`` of the inbound
or outbound delivery; vouchers: the ``Description`` within the series and
the day). A delivery found but not yet released (the answer was lost between
storing and releasing) is released, not created again.

A warehouse change is never updated in Fortnox: a released delivery and a
voucher cannot change there. If it changed in Odoo after it was sent, the
sync log says *Refused* and what to do instead.
"""
import logging

from odoo import _, models

from ..mappers import map_stock_voucher, map_warehouse_delivery, payload_hash

_logger = logging.getLogger(__name__)


class FortnoxBindingWarehouse(models.Model):
    _inherit = "fortnox.binding"

    def _export_picking(self, client, record):
        backend = self.backend_id
        # Moves, lots and valuation are read for the sender, who needs no Inventory rights.
        record = record.sudo()
        if backend.has_warehouse:
            articles = {}
            for product in record._fortnox_moves().mapped("product_id"):
                articles[product.id] = self._sync_register(
                    client, "article", product, product._fortnox_article_number(),
                    product._fortnox_article_values())
            payloads = {kind: map_warehouse_delivery(doc, inbound=kind == "inbound")
                        for kind, doc in record._fortnox_lager_documents(articles).items()}
            target = "lager"
        else:
            payloads = {"voucher": map_stock_voucher(record._fortnox_voucher_document(backend))}
            target = "voucher"
        digest = payload_hash(payloads)
        if self.fortnox_number:
            if digest == self.sent_hash or target != self.target:
                # Unchanged, or sent before Lager was switched on or off: it is in Fortnox.
                return self._set_done(self.fortnox_number, self.sent_hash, self.target)
            return self._set_refused(_(
                "%(document)s was changed in Odoo after it was sent to Fortnox as %(number)s, and Fortnox "
                "does not change a released delivery or a voucher. Record the difference in Odoo as a "
                "return or an inventory adjustment: it is sent as a warehouse change of its own.")
                % {"document": self.name, "number": self.fortnox_number})
        if target == "lager":
            number = self._send_deliveries(client, payloads)
        else:
            number = self._send_voucher(client, payloads["voucher"])
        self._set_done(number, digest, target)

    def _send_deliveries(self, client, payloads):
        numbers = []
        for kind in ("outbound", "inbound"):  # goods leave one warehouse before they enter the other
            if kind not in payloads:
                continue
            reference = payloads[kind]["externalReference"]
            found = client.find_warehouse_document(kind, reference)
            if found is None:
                found = client.create_delivery(kind, payloads[kind])
            elif not found.get("released"):
                client.release_delivery(kind, found["id"])
            else:
                _logger.info("Fortnox Lager already has %s as %s delivery %s", reference, kind, found["id"])
            numbers.append("%s %s" % ("IN" if kind == "inbound" else "OUT", found["id"]))
        return ", ".join(numbers)

    def _send_voucher(self, client, payload):
        date = payload["TransactionDate"]
        found = client.find_voucher(payload["VoucherSeries"], payload["Description"], date, date)
        if found:
            _logger.info("Fortnox already has %s as voucher %s%s", payload["Description"],
                         found["VoucherSeries"], found["VoucherNumber"])
        else:
            found = client.create_voucher(payload)
        return "%s %s" % (found["VoucherSeries"], found["VoucherNumber"])

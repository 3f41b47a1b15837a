"""Pure functions from a document's plain description to Fortnox payloads.

No Odoo import: the Odoo side describes a document as dicts (see each
function's docstring), these functions build what Fortnox receives, and
:func:`payload_hash` says whether it changed since it was sent.
"""
from .common import MappingError, pack_texts, payload_hash
from .invoice import map_customer_invoice
from .supplier_invoice import map_supplier_invoice
from .warehouse import map_stock_voucher, map_warehouse_delivery

__all__ = ["MappingError", "map_customer_invoice", "map_stock_voucher", "map_supplier_invoice",
           "map_warehouse_delivery", "pack_texts", "payload_hash"]

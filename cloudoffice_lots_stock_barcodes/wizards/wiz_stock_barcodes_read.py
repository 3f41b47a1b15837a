"""OCA's scan screens (pickings, inventories) read GS1 scans as our add-on
does: any GS1 form (GS1-128, DataMatrix, the human readable form, Digital
Link URLs), the product by its GTIN in any length, the batch or serial
number, its dates and the quantity (AI 30/37). Plain barcodes (a product's
EAN, a location, a packaging, a typed lot name) go on to OCA's own reading."""
from odoo import _, models
from odoo.exceptions import UserError


class WizStockBarcodesRead(models.AbstractModel):
    _inherit = "wiz.stock.barcodes.read"

    def process_barcode(self, barcode):
        lot_model = self.env["stock.production.lot"]
        try:
            result = lot_model.cloudoffice_parse_scan(barcode)
        except UserError as err:
            # damaged GS1 (wrong check digit, impossible date...): say what is wrong
            self._set_messagge_info("not_found", err.name)
            return None
        if result is None or not result.gtin:
            return super().process_barcode(barcode)
        try:
            self._cloudoffice_process_gs1(result, barcode)
        except UserError as err:
            self._set_messagge_info("not_found", err.name)
        return None

    def _cloudoffice_process_gs1(self, result, barcode):
        """Product, batch/serial (with its dates) and quantity from a GS1 scan."""
        lot_model = self.env["stock.production.lot"]
        products = lot_model.cloudoffice_scan_products(result, barcode)
        if len(products) > 1:
            self._set_messagge_info("more_match", _("More than one product found"))
            return
        # checked before a new batch is made: a refused scan leaves nothing behind
        quantity = self.env["stock.picking"]._cloudoffice_quantity(result, products, barcode)
        lot = self._cloudoffice_scan_lot(result, products, barcode) \
            if products.tracking != "none" else None
        self._set_messagge_info("success", _("Barcode read correctly"))
        self.action_product_scaned_post(products)
        if lot:
            self.action_lot_scaned_post(lot)
        if result.quantity and not self.manual_entry:
            self.product_qty = quantity
        self.action_done()

    def _cloudoffice_receiving(self):
        return getattr(self, "picking_type_code", None) == "incoming"

    def _cloudoffice_scan_lot(self, result, product, barcode):
        """The scanned batch/serial; on a receipt a new one is created with
        the scan's dates (as our receipt scan does), elsewhere it must exist."""
        if not self._cloudoffice_receiving():
            return self.env["stock.production.lot"].cloudoffice_find_by_scan(barcode)
        pickings = self.env["stock.picking"]
        name = pickings._cloudoffice_scan_lot_name(result, product, barcode)
        receipt = self.picking_id or pickings.new({"company_id": self.env.user.company_id.id})
        return receipt._cloudoffice_receipt_lot(product, name, pickings._cloudoffice_scan_dates(result))

"""OCA's new-lot dialog takes a GS1 scan in one go: product (GTIN), batch or
serial number and the dates the label carries, which the new batch gets."""
from odoo import fields, models


class WizStockBarcodesNewLot(models.TransientModel):
    _inherit = "wiz.stock.barcodes.new.lot"

    production_date = fields.Date(help="Production date the scanned label carries (AI 11); "
                                       "the new batch gets it.")
    expiry_day = fields.Date(string="Expiry Date",
                             help="Expiry date the scanned label carries (AI 17); the new "
                                  "batch gets it.")
    best_before_day = fields.Date(string="Best Before",
                                  help="Best-before date the scanned label carries (AI 15); "
                                       "the new batch gets it.")

    def on_barcode_scanned(self, barcode):
        pickings = self.env["stock.picking"]
        result = self.env["stock.production.lot"].cloudoffice_parse_scan(barcode)
        if result is None or not result.gtin:
            return super().on_barcode_scanned(barcode)
        products = self.env["stock.production.lot"].cloudoffice_scan_products(result, barcode)
        product = self.product_id if self.product_id in products else products[:1]
        name = pickings._cloudoffice_scan_lot_name(result, product, barcode)
        dates = pickings._cloudoffice_scan_dates(result)
        self.product_id = product
        self.lot_name = name or self.lot_name
        self.production_date = dates["production_date"]
        self.expiry_day = dates["expiry"]
        self.best_before_day = dates["best_before"]
        return None

    def _prepare_lot_values(self):
        values = super()._prepare_lot_values()
        for field in ("production_date", "expiry_day", "best_before_day"):
            if self[field]:
                values[field] = self[field]
        return values

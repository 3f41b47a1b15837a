from odoo import _, api, models
from odoo.exceptions import UserError

from ..gs1 import GS1Error, to_gtin14
from .gs1_messages import gs1_message


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def create(self, vals):
        # Variants created directly carry the template's defaults in their
        # values, so the category's tracking must be applied before that.
        return super().create(self.env["product.template"]._tracking_from_category(vals))

    def cloudoffice_gtin14(self, required=True):
        """The product's barcode as a GTIN-14 for AI (01).

        Empty barcode: None (labels fall back to a plain Code 128 of the
        batch/serial). A barcode that is not a valid GTIN raises a UserError
        naming the product, unless ``required`` is False (then None).
        """
        self.ensure_one()
        barcode = (self.barcode or "").strip()
        if not barcode:
            if required:
                raise UserError(_(
                    "%s has no barcode: enter its GTIN (EAN-13, UPC-A...) in the product's "
                    "Barcode field to print GS1 barcodes.") % self.display_name)
            return None
        try:
            return to_gtin14(barcode)
        except GS1Error as err:
            if not required:
                return None
            raise UserError(_(
                "The barcode %(barcode)s of %(product)s is not a valid GTIN (%(problem)s). "
                "GS1 barcodes need the product's GTIN: correct the product's Barcode field, "
                "or choose a plain Code 128 barcode for its labels.") % {
                    "barcode": barcode, "product": self.display_name,
                    "problem": gs1_message(self, err)})

    @api.model
    def cloudoffice_search_gtin(self, gtin):
        """Products whose barcode is ``gtin`` in any of its forms.

        A GTIN-13 is stored as 13 digits, scanned as the 14 digits of AI
        (01) with a leading zero: every shorter form made by dropping
        leading zeros is tried (GTIN-14, -13, -12 and -8).
        """
        gtin14 = to_gtin14(gtin)
        forms = [gtin14[-length:] for length in (14, 13, 12, 8)
                 if not gtin14[:-length].strip("0")]
        return self.search([("barcode", "in", forms)])

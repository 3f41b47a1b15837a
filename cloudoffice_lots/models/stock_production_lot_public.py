"""What anyone scanning a batch's GS1 Digital Link QR code may see.

A customer scanning a pack is not logged in. The public page shows what the
batch's company lets be public (``res.company.cloudoffice_public_batch_info``,
default minimal: product, batch, expiry and notices), read with sudo for
exactly those fields and handed to the page as plain text, never as records.
Only an exact GTIN and batch/serial match is answered, and "no such batch"
and "not public" get the same answer, so the page cannot be used to list or
probe batches.
"""
from odoo import _, api, fields, models

from .. import gs1

PUBLIC_LEVELS = [
    ("none", "Nothing (ask to log in)"),
    ("minimal", "Product, batch, expiry and notices"),
    ("dates", "Also production and best-before dates"),
]


class StockProductionLot(models.Model):
    _inherit = "stock.production.lot"  # pylint: disable=consider-merging-classes-inherited

    public_notice = fields.Text(
        help="Recall or safety notice for consumers, shown to anyone who scans the batch's "
             "QR code (GS1 Digital Link). Write nothing internal here.")

    @api.model
    def cloudoffice_public_values(self, url):
        """Plain values of the public page for a Digital Link ``url``, or None
        when no single batch matches or its company shows nothing."""
        try:
            result = gs1.parse(url, strict=False)
        except gs1.GS1Error:
            return None
        if result is None or not result.gtin or not (result.lot or result.serial):
            return None
        products = self.env["product.product"].sudo().cloudoffice_search_gtin(result.gtin)
        names = [name for name in (result.lot, result.serial) if name]
        lot = self.sudo().search([("product_id", "in", products.ids), ("name", "in", names)],
                                 limit=2)
        if len(lot) != 1:
            return None
        company = lot.company_id or lot.product_id.company_id \
            or self.env.ref("base.main_company").sudo()
        level = company.cloudoffice_public_batch_info or "minimal"
        if level == "none":
            return None
        lot = lot.with_context(tz=company.partner_id.tz or "UTC")
        expiry = lot._cloudoffice_local_date(lot.life_date)
        notices = []
        if lot.quality_block:
            notices.append(_("This batch has been withdrawn. Do not use it; contact the seller."))
        if lot.public_notice:
            notices.append(lot.public_notice)
        values = {
            "product": lot.product_id.name,
            "batch": lot.name,
            "kind": lot.product_id.tracking,
            "expiry": fields.Date.to_string(expiry) if expiry else "",
            "expired": bool(lot.life_date and lot.life_date <= fields.Datetime.now()),
            "notices": notices,
            "best_before": "",
            "production_date": "",
        }
        if level == "dates":
            best_before = lot._cloudoffice_local_date(lot.use_date)
            values.update(best_before=fields.Date.to_string(best_before) if best_before else "",
                          production_date=lot.production_date or "")
        return values

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..reports import fsma204
from ..reports.queries import lot_trace

#: Guard against an export of a whole product's history by mistake.
MAX_LOTS = 500

DOCUMENT_TYPES = {
    "incoming": "Receiving Record",
    "outgoing": "Bill of Lading / Delivery Note",
    "internal": "Transfer",
}


class LotFsmaExport(models.TransientModel):
    """The FDA's sortable traceability spreadsheet (FSMA 204) of batches:
    every receiving, shipping and transformation event of the batches, their
    inputs and what was made from them."""

    _name = "cloudoffice.lot.fsma.export"
    _inherit = "cloudoffice.lot.report.mixin"
    _description = "FSMA 204 Traceability Export"

    lot_ids = fields.Many2many("stock.production.lot", string="Batches/Serials",
                               help="The batches to export; empty: those of the product made "
                                    "or received in the period.")
    product_id = fields.Many2one("product.product", string="Product",
                                 help="With a period: export every batch of this product.")
    date_from = fields.Date(string="From", help="First day of the period.")
    date_to = fields.Date(string="Until", help="Last day of the period.")

    def _cloudoffice_lots(self):
        lots = self.lot_ids
        if not lots and self.product_id:
            domain = [("product_id", "=", self.product_id.id)]
            if self.date_from:
                domain.append(("create_date", ">=", self.date_from))
            if self.date_to:
                domain.append(("create_date", "<=", self.date_to + " 23:59:59"))
            lots = self.env["stock.production.lot"].search(domain, limit=MAX_LOTS + 1)
        if not lots:
            raise UserError(_("Choose the batches to export, or a product and a period."))
        if len(lots) > MAX_LOTS:
            raise UserError(_("More than %(max)d batches match: narrow the period.") % {
                "max": MAX_LOTS})
        return lots

    @api.multi
    def cloudoffice_rows(self, lots=None):
        """The CTE rows of ``lots`` (default: the chosen batches), see
        :mod:`..reports.fsma204`."""
        self.ensure_one()
        lots = lots if lots is not None else self._cloudoffice_lots()
        company_ids = self._report_company_ids()
        cr, seen, raw = self.env.cr, set(), []

        def add(rows):
            for row in rows:
                if row["move_line_id"] not in seen:
                    seen.add(row["move_line_id"])
                    raw.append(row)

        made = set()
        for lot in lots:
            for direction in lot_trace.DIRECTIONS:
                add(lot_trace.moves(cr, lot.id, direction, company_ids))
            made.update(row["lot_id"] for row in lot_trace.trace(cr, lot.id, "downstream",
                                                                  company_ids))
        # What was made from the batches: each one's own making (transformation).
        made -= set(lots.ids)
        if made:
            add(lot_trace.moves(cr, sorted(made), "upstream", company_ids, max_depth=0))
        return fsma204.events(self._cloudoffice_describe(raw), self._cloudoffice_inputs(raw))

    def _cloudoffice_inputs(self, raw):
        productions = self.env["mrp.production"].browse(
            {row["production_id"] for row in raw if row["kind"] == "production"})
        return {production.id: production.move_raw_ids.mapped("move_line_ids.lot_id.name")
                for production in productions}

    def _cloudoffice_describe(self, raw):
        env = self.env
        lots = env["stock.production.lot"].browse({row["lot_id"] for row in raw})
        # Read once for all rows; the loop below browses from the cache.
        env["stock.picking"].browse({row["picking_id"] for row in raw if row["picking_id"]}).mapped(
            "picking_type_id.code")
        env["res.partner"].browse({row["partner_id"] for row in raw if row["partner_id"]}).mapped(
            "display_name")
        locations = env["stock.location"].browse(
            {row["location_id"] for row in raw} | {row["location_dest_id"] for row in raw})
        uoms = env["product.uom"].browse({row["uom_id"] for row in raw})
        lots.mapped("product_id.display_name")  # one read for all
        # Thousands of rows share a few places, partners and batches: each is
        # described once (an address is formatted from several records).
        memo = {}

        def once(function, record):
            key = (function, record._name, record.id)
            if key not in memo:
                memo[key] = function(record)
            return memo[key]

        described = []
        for row in raw:
            lot = lots.browse(row["lot_id"])
            ours = locations.browse(row["location_dest_id"] if row["kind"] in (
                "receipt", "customer_return", "production") else row["location_id"])
            picking = env["stock.picking"].browse(row["picking_id"] or [])
            production = env["mrp.production"].browse(row["production_id"] or [])
            partner = env["res.partner"].browse(row["partner_id"] or [])
            described.append({
                "kind": row["kind"],
                "date": row["date"],
                "lot": lot.name,
                "lot_source": once(self._cloudoffice_lot_source, lot),
                "product": lot.product_id.display_name,
                "quantity": row["quantity"],
                "uom": uoms.browse(row["uom_id"]).name,
                "location": once(self._cloudoffice_place, ours),
                "partner": once(self._cloudoffice_partner, partner),
                "document_type": (_("Manufacturing Order") if row["kind"] == "production"
                                  else DOCUMENT_TYPES.get(picking.picking_type_id.code, "")),
                "document": production.name if row["kind"] == "production"
                else (picking.name or row["reference"] or ""),
                "production_id": row["production_id"],
            })
        return described

    def _cloudoffice_place(self, location):
        company = location.company_id or self.env.user.company_id
        address = company.partner_id._display_address(without_company=True).replace("\n", ", ")
        return "%s (%s, %s)" % (location.display_name, company.name, address.strip(", "))

    @staticmethod
    def _cloudoffice_partner(partner):
        if not partner:
            return ""
        address = partner._display_address(without_company=True).replace("\n", ", ").strip(", ")
        ref = partner.commercial_partner_id.ref
        return ", ".join(part for part in (partner.display_name, address,
                                           ref and "ref. %s" % ref) if part)

    def _cloudoffice_lot_source(self, lot):
        """Where the lot code was assigned: the supplier for a received batch
        that keeps the supplier's code, else our own company."""
        origin = lot.origin_partner_id
        if origin and lot.supplier_batch:
            return "%s (%s)" % (self._cloudoffice_partner(origin), lot.supplier_batch)
        company = lot.company_id or self.env.user.company_id
        return self._cloudoffice_partner(company.partner_id)

    @api.multi
    def action_export(self):
        """Write the spreadsheet and send it to the browser."""
        self.ensure_one()
        lots = self._cloudoffice_lots()
        rows = self.cloudoffice_rows(lots)
        title = _("FSMA 204 traceability records: %(lots)s") % {
            "lots": ", ".join(lots[:10].mapped("name")) + ("..." if len(lots) > 10 else "")}
        name = "fsma204_%s.xlsx" % (lots[0].name if len(lots) == 1 else "batches")
        return self._download(fsma204.workbook(rows, title), name)

"""Products, batches and transfers shared by the scan and label tests."""
import datetime

from odoo.tests.common import SavepointCase

GTIN_PAINT = "9506000134352"  # GS1's example GTIN-13, valid check digit
GTIN_PHONE = "5012345678900"


class ScanCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Lot = env["stock.production.lot"]
        cls.stock = env.ref("stock.stock_location_stock")
        cls.supplier_location = env.ref("stock.stock_location_suppliers")
        cls.customer_location = env.ref("stock.stock_location_customers")
        cls.uom_unit = env.ref("product.product_uom_unit")
        cls.paint = env["product.product"].create({
            "name": "Test Paint", "default_code": "TP-1", "type": "product",
            "tracking": "lot", "barcode": GTIN_PAINT})
        cls.phone = env["product.product"].create({
            "name": "Test Phone", "default_code": "PH-1", "type": "product",
            "tracking": "serial", "barcode": GTIN_PHONE})
        cls.plain = env["product.product"].create({
            "name": "Plain Screws", "type": "product", "tracking": "lot"})
        cls.lot_a = cls.Lot.create({
            "name": "PA-1", "product_id": cls.paint.id, "production_date": "2026-01-10",
            "life_date": cls.Lot._cloudoffice_from_local_date(datetime.date(2027, 1, 31)),
            "use_date": cls.Lot._cloudoffice_from_local_date(datetime.date(2026, 12, 31))})
        cls.lot_b = cls.Lot.create({"name": "PA-2", "product_id": cls.paint.id})
        cls.serial_1 = cls.Lot.create({"name": "SN-001", "product_id": cls.phone.id})
        cls.serial_2 = cls.Lot.create({"name": "SN-002", "product_id": cls.phone.id})
        cls.plain_lot = cls.Lot.create({"name": "SCR-9", "product_id": cls.plain.id})

    @classmethod
    def _picking(cls, picking_type, location, destination, lines):
        picking = cls.env["stock.picking"].create({
            "picking_type_id": picking_type.id, "location_id": location.id,
            "location_dest_id": destination.id,
            "move_lines": [(0, 0, {
                "name": product.name, "product_id": product.id, "product_uom_qty": qty,
                "product_uom": product.uom_id.id, "location_id": location.id,
                "location_dest_id": destination.id}) for product, qty in lines],
        })
        picking.action_confirm()
        picking.action_assign()
        return picking

    @classmethod
    def receipt(cls, lines):
        return cls._picking(cls.env.ref("stock.picking_type_in"), cls.supplier_location,
                            cls.stock, lines)

    @classmethod
    def delivery(cls, lines):
        return cls._picking(cls.env.ref("stock.picking_type_out"), cls.stock,
                            cls.customer_location, lines)

    @classmethod
    def put_in_stock(cls, lot, qty):
        cls.env["stock.quant"]._update_available_quantity(lot.product_id, cls.stock, qty,
                                                          lot_id=lot)

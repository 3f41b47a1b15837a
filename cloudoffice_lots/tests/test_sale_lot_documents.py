import re

from odoo.exceptions import ValidationError

from ..models.user_format import format_day
from .sale_lot_common import SaleLotCase


class TestSaleLotDocuments(SaleLotCase):
    def sell_and_deliver(self):
        order = self.make_order([(self.honey, 12), (self.phone, 3)])
        honey_line, phone_line = order.order_line
        self.choose(honey_line, {self.h_soon: 5, self.h_late: 7})
        self.choose(phone_line, {self.serials[0]: 1, self.serials[2]: 1, self.serials[4]: 1})
        order.action_confirm()
        self.deliver(order.picking_ids)
        return order

    def test_invoice_lines_show_their_own_lots(self):
        order = self.sell_and_deliver()
        invoice = self.env["account.invoice"].browse(order.action_invoice_create())
        honey_line = invoice.invoice_line_ids.filtered(lambda ml: ml.product_id == self.honey)
        phone_line = invoice.invoice_line_ids.filtered(lambda ml: ml.product_id == self.phone)
        self.assertEqual(honey_line.lot_ids, self.h_soon | self.h_late)
        soon_expiry = format_day(self.env, self.h_soon.expiry_day)  # in the user's format
        self.assertIn("Batch H-SOON (exp. %s): 5.0 Unit(s)" % soon_expiry, honey_line.lot_text)
        self.assertIn("Batch H-LATE (exp. ", honey_line.lot_text)
        self.assertEqual(phone_line.lot_text, "Serial numbers: AP5-0001, AP5-0003, AP5-0005")
        html = self.env.ref("account.account_invoices").render_qweb_html(invoice.ids)[0].decode()
        self.assertTrue("Serial numbers: AP5-0001, AP5-0003, AP5-0005" in html, "serials missing")
        # under its own line: the honey batches come before the phone line's name
        self.assertLess(html.index("H-SOON"), html.index("Aurora Phone 5"))

    def test_second_invoice_shows_second_delivery(self):
        order = self.make_order([(self.honey, 10)])
        self.choose(order.order_line, {self.h_soon: 4, self.h_late: 6})
        order.action_confirm()
        self.deliver(order.picking_ids, {self.h_soon: 4, self.h_late: 0})
        first = self.env["account.invoice"].browse(order.action_invoice_create())
        self.deliver(order.picking_ids.filtered(lambda p: p.state != "done"))
        second = self.env["account.invoice"].browse(order.action_invoice_create())
        self.assertEqual(first.invoice_line_ids.lot_ids, self.h_soon)
        self.assertEqual(second.invoice_line_ids.lot_ids, self.h_late)
        self.assertIn("6.0 Unit(s)", second.invoice_line_ids.lot_text)

    def test_delivery_slip_shows_lots_and_expiry(self):
        order = self.make_order([(self.honey, 5)])
        self.choose(order.order_line, {self.h_mid: 5})
        order.action_confirm()
        report = self.env.ref("stock.action_report_delivery")
        expected = "Batch H-MID (exp. %s)" % format_day(self.env, self.h_mid.expiry_day)
        html = report.render_qweb_html(order.picking_ids.ids)[0].decode()
        self.assertTrue(expected + "</span>: " in html, "reserved batch missing on the slip")
        self.deliver(order.picking_ids)
        html = report.render_qweb_html(order.picking_ids.ids)[0].decode()
        # Done, the slip lists what was shipped: in Odoo's own lot column when
        # the lots group is on (it is in the demo), with the expiry under it.
        text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
        expiry = self.h_mid._cloudoffice_local_date(self.h_mid.life_date)
        shown = "H-MID Exp. %s" % expiry.strftime("%m/%d/%Y")  # the user's (en_US) date format
        self.assertTrue(expected in text or shown in text, "shipped batch or its expiry missing on the slip")

    def test_customer_return_brings_back_same_serials(self):
        order = self.sell_and_deliver()
        picking = order.picking_ids
        wizard = self.env["stock.return.picking"].with_context(
            active_id=picking.id, active_ids=picking.ids).create({})
        wizard.product_return_moves.filtered(lambda r: r.product_id == self.honey).write(
            {"quantity": 6, "to_refund": True})
        wizard.product_return_moves.filtered(lambda r: r.product_id == self.phone).write(
            {"quantity": 2, "to_refund": True})
        return_picking = self.env["stock.picking"].browse(wizard.create_returns()["res_id"])
        self.assertEqual(return_picking.state, "assigned")
        moves = return_picking.move_lines
        self.assertEqual(self.reserved(moves.filtered(lambda m: m.product_id == self.phone)),
                         {"AP5-0001": 1.0, "AP5-0003": 1.0})
        self.assertEqual(self.reserved(moves.filtered(lambda m: m.product_id == self.honey)),
                         {"H-SOON": 5.0, "H-LATE": 1.0})
        self.deliver(return_picking)
        self.assertEqual(self.qty_available(self.phone, self.serials[0]), 1.0)
        self.assertEqual(self.qty_available(self.honey, self.h_soon), 25.0)

    def test_purchase_return_and_internal_transfer_pick_chosen_lots(self):
        internal = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.int_type_id.id,
            "location_id": self.stock.id, "location_dest_id": self.shelf.id,
            "move_lines": [(0, 0, {"name": "move", "product_id": self.honey.id, "product_uom_qty": 8,
                                   "product_uom": self.honey.uom_id.id, "location_id": self.stock.id,
                                   "location_dest_id": self.shelf.id})],
        })
        internal.action_confirm()
        picker = self.open_picker(move=internal.move_lines)
        # transfers list every batch, expired ones too (to move them to quarantine)
        self.assertIn(self.h_expired, picker.line_ids.mapped("lot_id"))
        self.set_choice(picker, {self.h_expired: 8})
        picker.action_confirm()
        self.assertEqual(self.reserved(internal.move_lines), {"H-OLD": 8.0})
        self.assertEqual(internal.move_lines.state, "assigned")
        self.assertTrue(any("H-OLD: 8.0" in body for body in internal.message_ids.mapped("body")))

    def test_supplier_batches_noted_on_purchase_are_proposed(self):
        supplier = self.env["res.partner"].create({"name": "Bee Coop", "supplier": True})
        purchase = self.env["purchase.order"].create({
            "partner_id": supplier.id,
            "order_line": [(0, 0, {
                "product_id": self.honey.id, "name": "honey", "product_qty": 100,
                "product_uom": self.honey.uom_id.id, "price_unit": 20, "date_planned": "2030-01-01",
                "cloudoffice_supplier_batches": "BC-77: 40, BC-78",
            }), (0, 0, {
                "product_id": self.phone.id, "name": "phone", "product_qty": 3,
                "product_uom": self.phone.uom_id.id, "price_unit": 2000, "date_planned": "2030-01-01",
                "cloudoffice_supplier_batches": "SN-A\nSN-B",
            })],
        })
        purchase.button_confirm()
        receipt = purchase.picking_ids
        self.assertEqual(receipt.state, "assigned")
        honey_lines = receipt.move_line_ids.filtered(lambda ml: ml.product_id == self.honey)
        self.assertEqual(sorted((ml.lot_name, ml.product_uom_qty) for ml in honey_lines),
                         [("BC-77", 40.0), ("BC-78", 60.0)])
        phone_lines = receipt.move_line_ids.filtered(lambda ml: ml.product_id == self.phone)
        self.assertEqual(sorted(phone_lines.mapped(lambda ml: ml.lot_name or "")), ["", "SN-A", "SN-B"])
        with self.assertRaisesRegex(ValidationError, "cannot read the supplier's batch number"):
            purchase.order_line[0].cloudoffice_supplier_batches = "BC-1: 4: 5"

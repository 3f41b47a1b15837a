"""A Swedish warehouse worker reads our messages in Swedish: raised in a call
without any context (as XML-RPC calls and crons make them), and every GS1
message is found by Odoo's own translation export."""
from odoo import api
from odoo.addons.cloudoffice_lots.gs1 import errors as gs1_errors
from odoo.exceptions import AccessError, UserError
from odoo.tools.translate import trans_generate

from .sale_lot_common import SaleLotCase


class TestSwedishMessages(SaleLotCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["ir.translation"].load_module_terms(["cloudoffice_lots"], ["sv_SE"])
        cls.karin = env["res.users"].create({
            "name": "Karin Svensson", "login": "karin.svensson.lots", "lang": "sv_SE",
            "email": "karin@example.com", "tz": "Europe/Stockholm",
            "groups_id": [(6, 0, [env.ref("stock.group_stock_user").id])]})
        cls.customers = env.ref("stock.stock_location_customers")
        cls.delivery = env["stock.picking"].create({
            "picking_type_id": cls.warehouse.out_type_id.id, "partner_id": cls.customer.id,
            "location_id": cls.stock.id, "location_dest_id": cls.customers.id,
            "move_lines": [(0, 0, {
                "name": cls.honey.name, "product_id": cls.honey.id,
                "product_uom": cls.honey.uom_id.id, "product_uom_qty": 2,
                "location_id": cls.stock.id, "location_dest_id": cls.customers.id})]})
        cls.delivery.action_confirm()
        env["stock.move.line"].create({
            "move_id": cls.delivery.move_lines.id, "picking_id": cls.delivery.id,
            "product_id": cls.honey.id, "product_uom_id": cls.honey.uom_id.id,
            "location_id": cls.stock.id, "location_dest_id": cls.customers.id,
            "lot_id": cls.h_blocked.id, "qty_done": 2})

    def as_karin(self):
        """Karin's environment with an empty context, as XML-RPC and crons build it."""
        return api.Environment(self.env.cr, self.karin.id, {})

    def message(self, call, exception=UserError):
        with self.assertRaises(exception) as caught, self.env.cr.savepoint():
            call()
        return caught.exception.name

    def test_errors_of_a_call_without_context_are_in_swedish(self):
        env = self.as_karin()
        text = self.message(env["stock.picking"].browse(self.delivery.id).action_done)
        self.assertIn("Dessa batcher/serienummer får inte säljas eller användas, och ingen har "
                      "godkänt det", text)
        self.assertIn("batch/serienummer H-BLOCK: inte frisläppt (Spärrad)", text)
        text = self.message(lambda: env["stock.production.lot"].cloudoffice_find_by_scan(
            "(01)09506000134353(10)X-1"))
        self.assertIn("kontrollsiffran ska vara 2", text)
        text = self.message(lambda: env["stock.production.lot"].cloudoffice_find_by_scan(
            "(01)09506000134352"))
        self.assertIn("matchar ingen produkt", text)
        text = self.message(lambda: env["cloudoffice.lot.override"].create({
            "lot_id": self.h_blocked.id, "picking_id": self.delivery.id, "reason": "ok"}),
            AccessError)
        self.assertEqual(text, "Endast användare som får leverera utgångna eller ej "
                               "frisläppta batcher kan godkänna en.")

    def test_a_batch_missing_on_a_receipt_is_said_in_swedish(self):
        receipt = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.in_type_id.id,
            "location_id": self.env.ref("stock.stock_location_suppliers").id,
            "location_dest_id": self.stock.id,
            "move_lines": [(0, 0, {
                "name": self.honey.name, "product_id": self.honey.id,
                "product_uom": self.honey.uom_id.id, "product_uom_qty": 3,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.stock.id})]})
        receipt.action_confirm()
        receipt.move_line_ids.qty_done = 3
        text = self.message(self.as_karin()["stock.picking"].browse(receipt.id).action_done)
        self.assertIn("behöver ett batchnummer", text)

    def test_a_cron_run_as_a_swedish_user_speaks_swedish(self):
        cron = self.env["ir.cron"].create({
            "name": "Ship the day's deliveries", "user_id": self.karin.id,
            "model_id": self.env.ref("stock.model_stock_picking").id, "state": "code",
            "code": "model.browse(%d).action_done()" % self.delivery.id,
            "interval_number": 1, "interval_type": "days", "numbercall": -1})
        # what ir.cron does for a job: an environment of its user, empty context
        job_env = api.Environment(self.env.cr, cron.user_id.id, {})
        action = job_env["ir.actions.server"].browse(cron.ir_actions_server_id.id)
        text = self.message(action.run)
        self.assertIn("ingen har godkänt det", text)


    def test_odoo_s_export_finds_every_gs1_message(self):
        """The templates of the plain-Python gs1 package are exported as code terms."""
        exported = {row[4] for row in trans_generate(None, ["cloudoffice_lots"], self.env.cr)
                    if row[1] == "code"}
        templates = {value for name, value in vars(gs1_errors).items()
                     if name.startswith("MSG_")}
        self.assertEqual(templates - exported, set())
        self.assertIn("These batches/serials may not be sold or used, and nobody approved "
                      "it:\n%(lines)s\nChoose other batches, or ask a user allowed to ship "
                      "expired or unreleased batches to approve them on the document.", exported)
        self.assertNotIn(" for %s", exported)

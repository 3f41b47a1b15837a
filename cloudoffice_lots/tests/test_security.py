"""Who may see what: every model this add-on adds has access rights, and a
user of one company never sees another company's batch data."""
import base64

from odoo.exceptions import AccessError

from .common import LotsCase

# Models that hold no company on purpose, with the reason.
SHARED_BY_ALL_COMPANIES = {
    "cloudoffice.hazard.pictogram": "the nine GHS pictograms are a UN standard, one record per code",
}

# Models only accounting users may read, with the reason.
ACCOUNTING_ONLY = {
    "cloudoffice.sie.export.log": "the exported SIE files hold every journal entry of a period",
}


class TestSecurity(LotsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.main_company = env.user.company_id
        cls.other_company = env["res.company"].create({"name": "Nordic Paints AB"})
        cls.other_user = env["res.users"].create({
            "name": "Olle Other", "login": "olle.other.lots",
            "company_id": cls.other_company.id, "company_ids": [(6, 0, cls.other_company.ids)],
            "groups_id": [(6, 0, [env.ref("stock.group_stock_manager").id,
                                  env.ref("sales_team.group_sale_manager").id])],
        })

    def our_models(self):
        """The database tables this add-on creates (not wizards, not reports)."""
        names = [name for name in self.env.registry
                 if name.startswith("cloudoffice.")
                 and self.env[name]._auto and not self.env[name]._transient
                 and not self.env[name]._abstract]
        self.assertIn("cloudoffice.lot.certificate", names)
        return sorted(names)

    def test_every_model_has_access_rights_for_named_groups(self):
        Access = self.env["ir.model.access"].sudo()
        for name in self.our_models():
            rows = Access.search([("model_id.model", "=", name)])
            self.assertTrue(rows, "%s has no access rights" % name)
            for row in rows:
                self.assertTrue(row.group_id, "%s: %s grants rights to everyone, portal users "
                                              "included" % (name, row.name))
            if name in ACCOUNTING_ONLY:
                readers = rows.filtered("perm_read").mapped("group_id")
                self.assertEqual(readers, self.env.ref("account.group_account_invoice")
                                 | self.env.ref("account.group_account_manager"), name)
                continue
            # Internal users read; only stock managers configure or delete.
            employee_rows = rows.filtered(lambda row: row.group_id == self.env.ref("base.group_user"))
            self.assertTrue(employee_rows.filtered("perm_read"), "%s: employees cannot read it" % name)
            self.assertFalse(employee_rows.filtered("perm_unlink"),
                             "%s: every employee may delete it" % name)

    def test_every_model_with_a_company_has_a_company_rule(self):
        Rule = self.env["ir.rule"].sudo()
        for name in self.our_models():
            if name in SHARED_BY_ALL_COMPANIES:
                self.assertNotIn("company_id", self.env[name]._fields,
                                 "%s has a company now: give it a rule" % name)
                continue
            self.assertIn("company_id", self.env[name]._fields,
                          "%s has no company: add one, or say why it is shared" % name)
            rules = Rule.search([("model_id.model", "=", name), ("global", "=", True)])
            self.assertTrue(rules.filtered(lambda rule: "company_id" in rule.domain_force),
                            "%s has no multi-company rule" % name)

    def make_company_records(self, company):
        """One record of every model with a company, as a user of ``company``
        creates them in daily work."""
        env = self.env
        self.env.user.write({"company_ids": [(4, company.id)], "company_id": company.id})
        attribute = env["cloudoffice.lot.attribute"].create({
            "name": "Gloss", "value_type": "selection", "categ_ids": [(6, 0, self.food.ids)],
            "option_ids": [(0, 0, {"name": "Matt"}), (0, 0, {"name": "Shiny"})]})
        spec = env["cloudoffice.lot.test.spec"].create({
            "categ_id": self.food.id, "parameter": "Viscosity", "spec_expected": "Fluid"})
        lot = env["stock.production.lot"].create({"name": "P-1", "product_id": self.honey.id})
        certificate_type = env["cloudoffice.lot.certificate.type"].create(
            {"name": "Paint Safety Sheet", "company_id": company.id})
        env["cloudoffice.lot.certificate"].create({
            "lot_id": lot.id, "type_id": certificate_type.id,
            "file": base64.b64encode(b"%PDF-1.4 test"), "file_name": "sheet.pdf"})
        env["cloudoffice.label.layout"].create({"name": "Paint can", "output": "pdf_single"})
        env["cloudoffice.sie.export.log"].create({
            "name": "SIE4.SI", "company_id": company.id, "date_from": "2026-01-01",
            "date_to": "2026-01-31"})
        printer = env["cloudoffice.label.printer"].create({
            "name": "Dock Zebra", "host": "127.0.0.1", "layout_id": env[
                "cloudoffice.label.layout"].create({"name": "Zebra", "output": "zpl"}).id})
        env["cloudoffice.label.print.job"].create({
            "printer_id": printer.id, "company_id": company.id, "label_count": 1})
        order = env["sale.order"].create({
            "partner_id": self.customer.id,
            "order_line": [(0, 0, {"product_id": self.honey.id, "product_uom_qty": 1})]})
        env["cloudoffice.sale.line.lot"].create({
            "sale_line_id": order.order_line.id, "lot_id": lot.id, "quantity": 1})
        env["cloudoffice.lot.override"].sudo(env.ref("cloudoffice_lots.user_demo_quality")).create({
            "lot_id": lot.id, "sale_line_id": order.order_line.id, "reason": "Trade fair sample"})
        recall = env["cloudoffice.lot.recall"].create({
            "reason": "Wrong pigment", "origin_lot_ids": [(6, 0, lot.ids)]})
        recall.action_compute_scope()
        env["cloudoffice.lot.recall.customer"].create({
            "recall_id": recall.id, "partner_id": self.customer.id, "lot_id": lot.id,
            "qty_delivered": 1})
        env["cloudoffice.lot.background.task"].create(
            {"kind": "labels", "name": "Labels for a pallet", "total_count": 1})
        env["cloudoffice.customer.test.limit"].create({
            "partner_id": self.customer.id, "product_tmpl_id": self.honey.product_tmpl_id.id,
            "parameter": "Viscosity", "has_max": True, "spec_max": 5.0})
        self.env.user.write({"company_id": self.main_company.id})
        self.assertTrue(lot.attribute_value_ids and lot.test_ids, "the batch got its data lines")
        self.assertTrue(attribute.option_ids and spec)
        return lot

    def test_a_user_sees_only_the_batch_data_of_their_companies(self):
        self.make_company_records(self.main_company)
        shared_type = self.env.ref("cloudoffice_lots.certificate_type_analysis")
        for name in self.our_models():
            if name in SHARED_BY_ALL_COMPANIES:
                continue
            own = self.env[name].search([("company_id", "=", self.main_company.id)])
            self.assertTrue(own, "no %s was made for the test" % name)
            visible = self.env[name].sudo(self.other_user).search([("id", "in", own.ids)])
            self.assertFalse(visible, "a user of %s sees %s of %s: %s" % (
                self.other_company.name, name, self.main_company.name, visible.mapped("display_name")))
        # What no company owns is shared.
        self.assertEqual(self.env["cloudoffice.lot.certificate.type"].sudo(self.other_user).search(
            [("id", "=", shared_type.id)]), shared_type)

    def test_a_user_cannot_open_a_batch_of_another_company(self):
        lot = self.make_company_records(self.main_company)
        with self.assertRaises(AccessError):
            lot.sudo(self.other_user).read(["name", "life_date"])
        with self.assertRaises(AccessError):
            lot.certificate_ids.sudo(self.other_user).read(["file"])

    def test_options_follow_the_company_of_their_attribute(self):
        attribute = self.env["cloudoffice.lot.attribute"].create({
            "name": "Colour", "value_type": "selection", "company_id": self.other_company.id,
            "option_ids": [(0, 0, {"name": "RAL 9010"})]})
        self.assertEqual(attribute.option_ids.company_id, self.other_company)
        attribute.company_id = False
        self.assertFalse(attribute.option_ids.company_id, "a shared attribute has shared options")

    def test_stock_users_record_batch_data_and_managers_configure_it(self):
        clerk = self.env["res.users"].create({
            "name": "Sara Stock", "login": "sara.stock.lots",
            "groups_id": [(6, 0, [self.env.ref("stock.group_stock_user").id])]})
        lot = self.env["stock.production.lot"].create({"name": "H-SEC", "product_id": self.honey.id})
        certificate = self.env["cloudoffice.lot.certificate"].sudo(clerk).create({
            "lot_id": lot.id, "type_id": self.env.ref("cloudoffice_lots.certificate_type_analysis").id,
            "file": base64.b64encode(b"%PDF-1.4 test"), "file_name": "coa.pdf"})
        self.assertEqual(lot.certificate_ids, certificate)
        for model, values in [
                ("cloudoffice.lot.attribute", {"name": "Batch colour", "value_type": "text"}),
                ("cloudoffice.lot.certificate.type", {"name": "Halal"}),
                ("cloudoffice.label.layout", {"name": "Pallet", "output": "pdf_single"})]:
            with self.assertRaises(AccessError, msg="a stock user configures %s" % model):
                self.env[model].sudo(clerk).create(values)

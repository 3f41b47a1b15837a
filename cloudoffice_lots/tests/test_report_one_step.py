"""One step back, one step forward (EU Regulation 178/2002, art. 18): the
quality manager prints and exports, for a batch, who supplied it and its
inputs and who received it and what was made of it, with dates and
quantities, through one level of manufacturing."""
import base64
import datetime
import io

import openpyxl

from .common_reports import ReportsCase


class TestReportOneStep(ReportsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.quality = env.ref("cloudoffice_lots.user_demo_quality")
        cls.mill = env["res.partner"].create({"name": "Kvarnen AB", "supplier": True})
        cls.bread = cls._product("Report Honey Bread", cls.unit)
        cls.flour_lot = cls._lot(cls.flour, "FL-0301", supplier_batch="MILL-77")
        cls.honey_lot = cls._lot(cls.honey, "HO-0301", supplier_batch="BEE-12")
        cls.salt = cls._product("Report Salt", cls.kg)
        cls.salt_lot = cls._lot(cls.salt, "SA-COUNT")
        cls.bread_lot = cls._lot(cls.bread, "BR-0302")
        cls._move(cls.flour_lot, 100, cls.supplier_loc, cls.stock1, cls._at(0), partner=cls.mill,
                  picking_type=cls.wh1.in_type_id)
        cls._move(cls.honey_lot, 40, cls.supplier_loc, cls.stock1, cls._at(0, 12),
                  partner=cls.supplier, picking_type=cls.wh1.in_type_id)
        # salt found in a count: an input nobody supplied
        cls._move(cls.salt_lot, 5, cls.inventory_loc, cls.stock1, cls._at(0))
        cls._manufacture(cls.bread_lot, 10, [(cls.flour_lot, 6), (cls.honey_lot, 2),
                                             (cls.salt_lot, 1)], cls._at(1))
        cls._move(cls.bread_lot, 4, cls.stock1, cls.customer_loc, cls._at(2), partner=cls.customer_a)
        cls._move(cls.bread_lot, 3, cls.stock1, cls.customer_loc, cls._at(3),
                  partner=cls.customer_b_store)
        cls._move(cls.bread_lot, 1, cls.customer_loc, cls.stock1, cls._at(4),
                  partner=cls.customer_a, picking_type=cls.wh1.in_type_id)
        # flour also sold as such
        cls._move(cls.flour_lot, 20, cls.stock1, cls.customer_loc, cls._at(2),
                  partner=cls.customer_b)

    @classmethod
    def _at(cls, offset, hour=10):
        """Day ``offset`` after the base date, at ``hour`` (UTC)."""
        return cls.base_date.replace(hour=hour) + datetime.timedelta(days=offset)

    def wizard(self, lot):
        """The window the quality manager opens from the batch's Action menu."""
        action = self.env.ref("cloudoffice_lots.action_lot_one_step_from_lot").read()[0]
        self.assertEqual(action["res_model"], "cloudoffice.lot.one.step.wizard")
        model = self.env[action["res_model"]].sudo(self.quality)
        return model.with_context(default_lot_id=lot.id).create({})

    def xlsx_rows(self, wizard):
        """Press Export XLSX; the rows of each sheet of the file downloaded."""
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(wizard.export_file_name, action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.export_file)))
        return [[[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book]

    @staticmethod
    def section(sheets, header):
        """The data rows under ``header`` (a list of column titles) on the
        sheet that has it."""
        for rows in sheets:
            cut = [row[:len(header)] for row in rows]
            if header in cut:
                return [row for row in cut[cut.index(header) + 1:]
                        if any(value not in (None, "") for value in row)]
        raise AssertionError("no sheet has the columns %s" % header)

    def test_a_made_batch_shows_its_inputs_suppliers_and_its_customers(self):
        wizard = self.wizard(self.bread_lot)
        rows = self.xlsx_rows(wizard)
        back_header = ["Level", "Product", "Batch/Serial", "Manufacturing Order", "Supplier",
                       "Received On", "Quantity", "Unit", "Supplier's Batch", "Receipt"]
        back = self.section(rows, back_header)
        production = self.bread_lot.origin_production_id.name
        self.assertTrue(production)
        stockholm = datetime.timedelta(hours=1)  # the quality manager's time zone, in March
        by_lot = {row[2]: row for row in back}
        self.assertEqual(sorted(by_lot), ["FL-0301", "HO-0301", "SA-COUNT"])
        self.assertEqual(by_lot["FL-0301"][:8], [
            1, "Report Flour", "FL-0301", production, "Kvarnen AB",
            self._at(0) + stockholm, 100, "kg"])
        self.assertEqual(by_lot["FL-0301"][8], "MILL-77")
        self.assertEqual(by_lot["HO-0301"][4:9], ["Bee Farm Ltd", self._at(0, 12) + stockholm,
                                                   40, "Unit(s)", "BEE-12"])
        # the gap shows: salt came from a count, nobody supplied it
        self.assertEqual([value or None for value in by_lot["SA-COUNT"][4:7]],
                         [None, None, None])

        forward_header = ["Level", "Product", "Batch/Serial", "Manufacturing Order", "Customer",
                          "Delivered On", "Quantity", "Unit", "Delivery"]
        forward = self.section(rows, forward_header)
        self.assertEqual([row[:3] + row[4:8] for row in forward], [
            [0, "Report Honey Bread", "BR-0302", "Shop A", self._at(2) + stockholm, 4, "Unit(s)"],
            [0, "Report Honey Bread", "BR-0302", "Shop B, Shop B Store 2",
             self._at(3) + stockholm, 3, "Unit(s)"],
            [0, "Report Honey Bread", "BR-0302", "Shop A", self._at(4) + stockholm, -1,
             "Unit(s)"],
        ])

    def test_an_input_batch_shows_its_supplier_and_what_was_made_of_it(self):
        wizard = self.wizard(self.flour_lot)
        wizard.action_print()
        html = self.env.ref("cloudoffice_lots.report_lot_one_step_pdf").sudo(
            self.quality).render_qweb_html(wizard.ids)[0].decode()
        for expected in ("One step back, one step forward: FL-0301, Report Flour",
                         "One step back: who supplied it", "Kvarnen AB", "MILL-77",
                         "100.000", "One step forward: who received it", "BR-0302",
                         "Shop B Store 2", "20.000"):
            self.assertIn(expected, html)
        back = wizard.line_ids.filtered(lambda line: line.section == "back")
        self.assertEqual([(line.depth, line.partner_id, line.quantity) for line in back],
                         [(0, self.mill, 100.0)])
        forward = wizard.line_ids.filtered(lambda line: line.section == "forward")
        self.assertEqual(sorted((line.depth, line.lot_id.name, line.partner_id.name,
                                 line.quantity) for line in forward), [
            (0, "FL-0301", "Shop B", 20.0),
            (1, "BR-0302", "Shop A", -1.0),
            (1, "BR-0302", "Shop A", 4.0),
            (1, "BR-0302", "Shop B Store 2", 3.0)])
        self.assertEqual(forward.filtered(lambda line: line.depth == 1).mapped("via_lot_id"),
                         self.flour_lot)

    def test_a_batch_of_another_company_gives_nothing(self):
        other = self.env["res.company"].create({"name": "Other Foods AB"})
        self.flour_lot.company_id = other
        wizard = self.env["cloudoffice.lot.one.step.wizard"].sudo(self.quality).create(
            {"lot_id": self.bread_lot.id})
        wizard._compute_lines()
        lots = wizard.line_ids.mapped("lot_id")
        self.assertNotIn(self.flour_lot, lots)
        self.assertIn(self.honey_lot, lots)

from odoo.exceptions import UserError, ValidationError

from .sale_lot_common import SaleLotCase


class TestSaleLotPicker(SaleLotCase):
    def test_opens_with_first_expiry_first_proposal(self):
        order = self.make_order([(self.honey, 40)])
        picker = self.open_picker(order.order_line)
        rows = picker.line_ids.sorted("sequence")
        self.assertEqual(rows.mapped("lot_id.name"), ["H-SOON", "H-MID", "H-LATE"])
        self.assertEqual(rows.mapped("quantity"), [25.0, 15.0, 0.0])
        self.assertEqual(rows.mapped("available"), [25.0, 30.0, 40.0])
        self.assertEqual(rows[1].location_id, self.shelf)
        self.assertEqual(rows[0].warehouse_id, self.warehouse)
        self.assertEqual(rows[0].release_label, "Released")
        self.assertEqual(picker.chosen_qty, 40.0)

    def test_confirm_stores_choices_on_line(self):
        order = self.make_order([(self.honey, 12)])
        self.choose(order.order_line, {self.h_late: 7, self.h_mid: 5})
        choices = order.order_line.lot_choice_ids
        self.assertEqual({(c.lot_id.name, c.quantity) for c in choices}, {("H-LATE", 7.0), ("H-MID", 5.0)})
        self.assertEqual(choices.filtered(lambda c: c.lot_id == self.h_mid).location_id, self.shelf)
        self.assertIn("H-LATE: 7.0", order.order_line.lot_choice_summary)

    def test_serials_proposed_one_unit_each(self):
        order = self.make_order([(self.phone, 3)])
        picker = self.open_picker(order.order_line)
        chosen = picker.line_ids.filtered("quantity")
        self.assertEqual(chosen.mapped("lot_id.name"), ["AP5-0001", "AP5-0002", "AP5-0003"])
        self.assertEqual(set(chosen.mapped("quantity")), {1.0})

    def test_more_than_ordered_or_less_is_refused_with_numbers(self):
        order = self.make_order([(self.honey, 10)])
        picker = self.open_picker(order.order_line)
        self.set_choice(picker, {self.h_late: 6})
        with self.assertRaisesRegex(UserError, r"10.0 Unit\(s\) ordered but 6.0 Unit\(s\) chosen"):
            picker.action_confirm()
        self.set_choice(picker, {self.h_soon: 30})
        expected = r"H-SOON .*30.0 Unit\(s\) chosen but only 25.0 Unit\(s\) available"
        with self.assertRaisesRegex(UserError, expected):
            picker.action_confirm()
        self.assertFalse(order.order_line.lot_choice_ids)

    def test_changing_ordered_quantity_in_picker_updates_line(self):
        order = self.make_order([(self.honey, 10)])
        picker = self.open_picker(order.order_line)
        picker.ordered_qty = 12
        self.set_choice(picker, {self.h_late: 12})
        picker.action_confirm()
        self.assertEqual(order.order_line.product_uom_qty, 12.0)

    def test_line_quantity_beyond_chosen_batches_is_refused(self):
        order = self.make_order([(self.honey, 10)])
        self.choose(order.order_line, {self.h_late: 6, self.h_soon: 4})
        expected = (r"asks for 14.0 Unit\(s\) but the chosen batches/serials hold 10.0 Unit\(s\) "
                    r"\(H-SOON: 4.0, H-LATE: 6.0\)")
        with self.assertRaisesRegex(ValidationError, expected):
            order.order_line.product_uom_qty = 14

    def test_unsellable_not_proposed_nor_choosable(self):
        order = self.make_order([(self.honey, 5)])
        picker = self.open_picker(order.order_line)
        self.assertNotIn(self.h_expired, picker.line_ids.mapped("lot_id"))
        self.assertNotIn(self.h_blocked, picker.line_ids.mapped("lot_id"))
        # a user outside the group cannot list them either
        picker.show_unsellable = True
        picker.action_search()
        self.assertNotIn(self.h_expired, picker.line_ids.mapped("lot_id"))
        self.assertIn("H-OLD: no available batch/serial", picker._cloudoffice_scan("H-OLD"))

    def test_override_needs_group_confirmation_and_reason(self):
        order = self.make_order([(self.honey, 5)], user=self.quality_manager)
        picker = self.open_picker(order.order_line, user=self.quality_manager)
        picker.show_unsellable = True
        picker.action_search()
        row = picker.line_ids.filtered(lambda r: r.lot_id == self.h_expired)
        self.assertIn("expired on", row.unsellable_reason)
        self.set_choice(picker, {self.h_expired: 5})
        with self.assertRaisesRegex(UserError, "H-OLD: expired on .*Tick the confirmation"):
            picker.action_confirm()
        picker.write({"override_confirmed": True, "override_reason": "Staff sale, price reduced"})
        picker.action_confirm()
        choice = order.order_line.lot_choice_ids
        self.assertEqual((choice.lot_id, choice.override_user_id), (self.h_expired, self.quality_manager))
        messages = order.message_ids.mapped("body")
        self.assertTrue(any("Quinn Quality confirmed selling" in m and "H-OLD" in m
                            and "Staff sale, price reduced" in m for m in messages), messages)

    def test_scan_gs1_serial_and_typed_batch(self):
        order = self.make_order([(self.phone, 2)])
        picker = self.open_picker(order.order_line)
        picker.line_ids.write({"quantity": 0})
        self.assertIsNone(picker._cloudoffice_scan("(01)09506000134352(21)AP5-0004"))
        self.assertIsNone(picker._cloudoffice_scan("ap5-0005"))
        self.assertEqual(picker.line_ids.filtered("quantity").mapped("lot_id.name"), ["AP5-0004", "AP5-0005"])
        picker.action_confirm()
        self.assertEqual(order.order_line.lot_choice_ids.mapped("lot_id.name"), ["AP5-0004", "AP5-0005"])
        honey_order = self.make_order([(self.honey, 2)])
        honey_picker = self.open_picker(honey_order.order_line)
        honey_picker.line_ids.write({"quantity": 0})
        honey_picker._cloudoffice_scan("H-LATE")
        honey_picker._cloudoffice_scan("H-LATE")
        self.assertEqual(honey_picker.line_ids.filtered("quantity").mapped("quantity"), [2.0])

    def test_search_finds_batches_beyond_first_page(self):
        order = self.make_order([(self.honey, 1)])
        picker = self.open_picker(order.order_line)
        picker.search_text = "late"
        picker.action_search()
        self.assertEqual(picker.line_ids.filtered(lambda r: not r.quantity).mapped("lot_id.name"), ["H-LATE"])
        self.assertEqual(picker.line_ids.filtered("quantity").mapped("lot_id.name"), ["H-SOON"])

    def test_serial_chosen_twice_quantity_refused(self):
        order = self.make_order([(self.phone, 2)])
        picker = self.open_picker(order.order_line)
        self.set_choice(picker, {self.serials[0]: 2})
        with self.assertRaisesRegex(UserError, "AP5-0001"):
            picker.action_confirm()

    def test_scan_field_onchange_as_the_web_client_calls_it(self):
        order = self.make_order([(self.phone, 1)])
        picker = self.open_picker(order.order_line)
        picker.line_ids.write({"quantity": 0})
        spec = picker._onchange_spec()
        values = picker._convert_to_write({name: picker[name] for name in spec if "." not in name})
        values["scan"] = "AP5-0005"
        result = picker.onchange(values, "scan", spec)
        self.assertFalse(result.get("warning"))
        self.assertEqual(result["value"]["scan"], False)
        chosen = [command[2] for command in result["value"]["line_ids"]
                  if command[0] in (0, 1) and command[2].get("quantity")]
        self.assertEqual(len(chosen), 1)
        values["scan"] = "NO-SUCH-SERIAL"
        result = picker.onchange(values, "scan", spec)
        self.assertIn("NO-SUCH-SERIAL: no available batch/serial", result["warning"]["message"])

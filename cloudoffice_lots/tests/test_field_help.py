"""Every field our add-ons define explains itself: Odoo shows its help as the
tooltip of the field's label, so a warehouse or sales user learns there what
it means, what it is for and what empty means. Only fields users never see
may go without."""
from odoo.tests.common import SavepointCase

#: Field names that need no help wherever they are: the drag handle that
#: orders a list and the archive switch.
EXEMPT_NAMES = {"sequence", "active"}

#: Links from a report or picker line back to its wizard, never shown.
EXEMPT_FIELDS = {
    "cloudoffice.lot.balance.line.wizard_id",
    "cloudoffice.lot.expiry.line.wizard_id",
    "cloudoffice.lot.statement.line.wizard_id",
    "cloudoffice.lot.trace.line.wizard_id",
    "cloudoffice.lot.trace.customer.wizard_id",
    "cloudoffice.sale.lot.picker.line.picker_id",
}


def _ours(field):
    return (getattr(field, "_module", None) or "").startswith("cloudoffice")


class TestFieldHelp(SavepointCase):
    def _fields_without_help(self):
        """``model.field`` of every field of ours that is neither exempt nor
        explained: no help, or a help that only repeats the label."""
        missing = []
        for model_name, model in sorted(self.env.registry.models.items()):
            for name, field in sorted(model._fields.items()):
                if not _ours(field) or field.automatic or name in EXEMPT_NAMES \
                        or "%s.%s" % (model_name, name) in EXEMPT_FIELDS:
                    continue
                help_text = (field.help or "").strip().rstrip(".").lower()
                if not help_text or help_text == (field.string or "").strip().lower():
                    missing.append("%s.%s" % (model_name, name))
        return missing

    def test_every_field_of_ours_explains_itself(self):
        missing = self._fields_without_help()
        if missing:
            self.fail("Fields without a help text (give each a help=\"...\" in the user's "
                      "terms, not a repeat of its label):\n%s" % "\n".join(missing))

    def test_exempt_fields_exist_and_are_ours(self):
        for full_name in sorted(EXEMPT_FIELDS):
            model_name, name = full_name.rsplit(".", 1)
            field = self.env[model_name]._fields.get(name)
            self.assertTrue(field is not None and _ours(field),
                            "%s is exempt from help but is not a field of ours" % full_name)

    def test_a_field_without_help_is_reported(self):
        field = self.env["stock.production.lot"]._fields["release_state"]
        saved = field.help
        try:
            field.help = None
            self.assertIn("stock.production.lot.release_state", self._fields_without_help())
            field.help = "Release"
            self.assertIn("stock.production.lot.release_state", self._fields_without_help())
        finally:
            field.help = saved
        self.assertNotIn("stock.production.lot.release_state", self._fields_without_help())

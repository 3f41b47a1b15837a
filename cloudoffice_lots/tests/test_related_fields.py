"""Related fields shown for information on another add-on's models are
read-only in the model.

Odoo 11's web client sends every field of a new line back on save, the
invisible ones too; a writable related field then writes its target (the
product of a stock move, say), which a warehouse or sales user may not do:
"Access Error ... product.product". Read-only in the model, the web client
leaves it out and the ORM gives it no inverse.
"""
from lxml import etree
from odoo.tests.common import SavepointCase

OUR_MODULES = ("cloudoffice_lots", "cloudoffice_fortnox")

#: Settings fields write the company's value on purpose: that is what a
#: settings screen is for, and only administrators open it.
WRITE_THROUGH_MODELS = {"res.config.settings"}


def _ours(module):
    return (module or "").startswith("cloudoffice")


class TestRelatedFieldsReadonly(SavepointCase):
    def _other_addon_models(self):
        """Models that another add-on defines (we only extend them)."""
        return {name for name, model in self.env.registry.models.items()
                if not _ours(model._original_module) and name not in WRITE_THROUGH_MODELS}

    def _writable_related_of_ours(self):
        """``model.field`` of every writable related field our add-ons
        define on another add-on's model."""
        found = []
        for model_name in sorted(self._other_addon_models()):
            for name, field in sorted(self.env[model_name]._fields.items()):
                if _ours(getattr(field, "_module", None)) and field.related and not field.readonly:
                    found.append("%s.%s" % (model_name, name))
        return found

    def _writable_related_in_our_views(self):
        """``model.field (view)`` of every writable related field our views
        add to another add-on's model, in the lines of its one2many fields
        too (where Odoo sends them back)."""
        found = []
        view_model = self.env["ir.ui.view"]
        views = view_model.search([("inherit_id", "!=", False), ("mode", "=", "extension")])
        xmlids = views.get_external_id()
        other_models = self._other_addon_models()
        for view in views:
            if xmlids.get(view.id, "").split(".")[0] not in OUR_MODULES \
                    or view.model not in other_models:
                continue
            parent = etree.fromstring(view.inherit_id.read_combined(["arch"])["arch"].encode())
            arch = etree.fromstring(view.arch_db.encode())
            for spec in (list(arch) if arch.tag == "data" else [arch]):
                target = view_model.locate_node(parent, spec)
                if target is None:
                    continue
                base = [node.get("name") for node in target.iterancestors("field")][::-1]
                if target.tag == "field" and spec.get("position", "inside") == "inside":
                    base.append(target.get("name"))
                added = spec.iter("field") if spec.tag != "field" else spec.iterdescendants("field")
                for node in added:
                    inner = [a.get("name") for a in node.iterancestors("field")
                             if a is not spec and spec in a.iterancestors()][::-1]
                    model = self._model_of(view.model, base + inner)
                    field = model._fields.get(node.get("name")) if model is not None else None
                    if field is None or not field.related or field.readonly:
                        continue
                    found.append("%s.%s (%s)" % (model._name, field.name, xmlids[view.id]))
        return sorted(set(found))

    def _model_of(self, model_name, chain):
        """The model of a field nested in the x2many fields ``chain`` of
        ``model_name``."""
        model = self.env[model_name]
        for name in chain:
            field = model._fields.get(name)
            if field is None:
                return None
            if field.type in ("one2many", "many2many"):
                model = self.env[field.comodel_name]
        return model

    def test_no_writable_related_field_of_ours_on_other_models(self):
        found = self._writable_related_of_ours()
        self.assertFalse(found, "Related fields of ours on other add-ons' models must be "
                                "readonly=True:\n%s" % "\n".join(found))

    def test_no_writable_related_field_in_our_views_of_other_models(self):
        found = self._writable_related_in_our_views()
        self.assertFalse(found, "Our views show writable related fields that Odoo writes back "
                                "on save:\n%s" % "\n".join(found))

    def test_a_writable_related_field_is_reported(self):
        field = self.env["stock.move"]._fields["has_tracking"]
        self.assertTrue(field.readonly)
        field.readonly = False
        try:
            self.assertIn("stock.move.has_tracking (cloudoffice_lots.view_picking_form_lot_picker)",
                          self._writable_related_in_our_views())
        finally:
            field.readonly = True
        self.assertNotIn("stock.move.has_tracking (cloudoffice_lots.view_picking_form_lot_picker)",
                         self._writable_related_in_our_views())
        ours = self.env["sale.order.line"]._fields["lot_tracking"]
        ours.readonly = False
        try:
            self.assertIn("sale.order.line.lot_tracking", self._writable_related_of_ours())
        finally:
            ours.readonly = True

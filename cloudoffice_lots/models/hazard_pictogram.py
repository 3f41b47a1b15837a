import base64
import io

from odoo import api, fields, models

from ..labels.pictograms import PICTOGRAMS, pictogram_image


class HazardPictogram(models.Model):
    """A GHS hazard pictogram (GHS01-GHS09) that labels can print."""

    _name = "cloudoffice.hazard.pictogram"
    _description = "Hazard Pictogram"
    _order = "sequence, code"

    code = fields.Selection(
        [(code, code) for code in sorted(PICTOGRAMS)], required=True,
        help="The UN GHS pictogram code; the label engine draws the symbol.")
    name = fields.Char(required=True, translate=True, help="What the pictogram warns of.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    image = fields.Binary(compute="_compute_image", help="The pictogram as printed.")

    _sql_constraints = [
        ("code_unique", "unique (code)", "Each GHS pictogram exists once."),
    ]

    @api.depends("code")
    def _compute_image(self):
        for pictogram in self:
            if not pictogram.code:
                pictogram.image = False
                continue
            output = io.BytesIO()
            pictogram_image(pictogram.code, 96).save(output, "PNG")
            pictogram.image = base64.b64encode(output.getvalue())

    @api.multi
    def name_get(self):
        return [(pictogram.id, "%s %s" % (pictogram.code, pictogram.name)) for pictogram in self]

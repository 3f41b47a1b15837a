"""The page a customer reaches from a recall notice: no account, a signed link."""
from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request


def _quantity(text):
    text = (text or "").strip().replace(",", ".")
    if not text:
        return 0.0
    try:
        return float(text)
    except ValueError:
        raise UserError(_("%(value)s is not a number: write the quantity in figures, "
                          "e.g. 12 or 2.5.") % {"value": text})


class RecallAnswerController(http.Controller):

    @http.route("/cloudoffice_lots/recall/answer/<string:token>", type="http", auth="public",
                methods=["GET", "POST"], csrf=True)
    def recall_answer(self, token, **post):
        """Show the customer's recalled deliveries; on POST record their answer."""
        Customer = request.env["cloudoffice.lot.recall.customer"].sudo()
        try:
            lines = Customer.cloudoffice_from_token(token)
        except UserError as err:
            return request.render("cloudoffice_lots.recall_answer_page",
                                  {"lines": Customer, "error": err.name, "done": False},
                                  status=404)
        values = {"lines": lines, "error": None, "done": bool(lines.filtered("answered_at")),
                  "token": token, "recall": lines[:1].recall_id,
                  "partner": lines[:1].partner_id.commercial_partner_id}
        if request.httprequest.method == "POST":
            try:
                quantities = {line.id: (_quantity(post.get("held_%d" % line.id)),
                                        _quantity(post.get("destroyed_%d" % line.id)))
                              for line in lines}
                lines.cloudoffice_record_answer(quantities, post.get("note"))
                values["done"] = True
            except UserError as err:
                request.env.cr.rollback()
                values["error"] = err.name
        return request.render("cloudoffice_lots.recall_answer_page", values)

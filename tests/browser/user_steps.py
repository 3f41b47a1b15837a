"""Steps the journeys of the demo users share: choosing in a many2one,
adding a line to a one2many list, opening a record, reading a PDF."""
import subprocess
import time


def pick(web, field, text, scope=None):
    """Type ``text`` in the many2one ``field`` and choose the first
    suggestion holding it, as a user does."""
    page = web.page
    root = page.locator(scope) if scope else page
    root.locator(".o_field_many2one[name=%s] input" % field).first.fill(text)
    page.click(".ui-autocomplete:visible .ui-menu-item a:has-text(%r)" % text)
    return web.settle()


def add_line(web, x2many, product, qty, *qty_fields):
    """Add a line with ``product`` to the editable list ``x2many``, and
    ``qty`` in the first of ``qty_fields`` the line lets the user edit
    (Odoo asks the quantity of a tracked product in its details instead)."""
    page = web.page
    page.click("div[name=%s] .o_field_x2many_list_row_add a" % x2many)
    web.settle()
    pick(web, "product_id", product, scope="div[name=%s] .o_selected_row" % x2many)
    for name in qty_fields:
        field = page.locator("div[name=%s] .o_selected_row input[name=%s]" % (x2many, name))
        if field.count():
            web.type_into(field, str(qty))
            return


def new_record(web, action):
    """Open ``action`` (its list) and click Create, as a user does."""
    page = web.page
    web.open_action(action)
    page.click(".o_list_button_add")
    page.wait_for_selector(".o_form_view.o_form_editable")
    return web.settle()


def add_stock(server, product_id, qty, lot_id=False):
    """Stock counted in (as admin, through Odoo's quantity update wizard)."""
    wizard = server.execute("stock.change.product.qty", "create",
                            {"product_id": product_id, "lot_id": lot_id, "new_quantity": qty})
    server.execute("stock.change.product.qty", "change_product_qty", [wizard])


def save(web):
    """Save the form; return the text of an error dialog, or None when saved."""
    page = web.page
    page.click(".o_form_button_save")
    web.settle()
    page.wait_for_selector(".o_form_view.o_form_readonly, .modal .modal-body", timeout=30000)
    dialog = page.locator(".modal:visible .modal-body")
    if dialog.count():
        return page.inner_text(".modal:visible").strip()
    return None


def open_record(web, model, record_id, action):
    web.page.goto("%s/web?r=%d#id=%d&model=%s&view_type=form&action=%s"
                  % (web.server.url, time.time() * 1000, record_id, model, action))
    web.page.wait_for_selector(".o_form_view", timeout=60000)
    web.settle()


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout

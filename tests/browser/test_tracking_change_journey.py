"""An inventory manager starts tracking a product that is already in stock:
the form warns with the quantity, the saved product shows the units without
numbers, and one click starts the count that gives them their numbers."""
import time

PRODUCT = "Linseed Oil 5 L (journey)"


def arrange_untracked_stock(server, quantity=18):
    """A product sold so far without batches, with stock in the main warehouse."""
    product_id = server.execute("product.product", "create", {
        "name": PRODUCT, "type": "product", "tracking": "none"})
    stock = server.ref("stock.stock_location_stock")
    inventory_id = server.execute("stock.inventory", "create", {
        "name": "Opening stock", "filter": "partial", "location_id": stock,
        "line_ids": [(0, 0, {"product_id": product_id, "location_id": stock,
                             "product_qty": quantity,
                             "product_uom_id": server.ref("product.product_uom_unit")})]})
    server.execute("stock.inventory", "action_done", [inventory_id])
    template_id = server.execute("product.product", "read", [product_id],
                                 ["product_tmpl_id"])[0]["product_tmpl_id"][0]
    return product_id, template_id


def test_tracking_a_product_in_stock_then_counting_it_with_numbers(web):
    server = web.server
    product_id, template_id = arrange_untracked_stock(server)
    page = web.login().page
    page.goto("%s/web?r=%d#id=%d&model=product.template&view_type=form"
              "&action=stock.product_template_action_product" % (server.url, time.time(), template_id))
    page.wait_for_selector(".o_form_button_edit")
    banner = page.locator(".o_stock_without_lot")
    assert not banner.is_visible()

    page.click(".o_form_button_edit")
    page.click(".nav-tabs a:has-text('Inventory')")
    page.click(".o_field_radio[name=tracking] label:has-text('By Lots')")
    web.settle()
    # The warning names the product and the units that stay without numbers.
    warning = page.locator(".modal-dialog")
    warning.wait_for()
    text = warning.inner_text()
    assert PRODUCT in text and "18.0" in text and "inventory adjustment" in text
    warning.locator(".modal-footer button").first.click()
    page.wait_for_selector(".modal-dialog", state="detached")
    page.click(".o_form_button_save")
    page.wait_for_selector(".o_form_button_edit")
    web.settle()

    banner.wait_for()
    assert "18" in banner.inner_text()
    assert "no batch/serial number" in banner.inner_text()
    banner.locator("button:has-text('Count with numbers')").click()
    page.wait_for_selector(".o_form_view .o_field_widget[name=line_ids]")
    web.settle()
    inventory_ids = server.execute("stock.inventory", "search",
                                   [("product_id", "=", product_id), ("state", "=", "confirm")])
    assert len(inventory_ids) == 1
    # The count lists the 18 units without a number, ready to be given theirs.
    lines = page.locator(".o_field_widget[name=line_ids] .o_data_row")
    assert lines.count() == 1
    assert "18" in lines.first.inner_text()
    messages = server.execute("mail.message", "search_read",
                              [("model", "=", "product.template"), ("res_id", "=", template_id)],
                              ["body"])
    assert any("18.0" in message["body"] for message in messages)
    assert web.js_errors == []
    assert web.server.errors_in_log() == []

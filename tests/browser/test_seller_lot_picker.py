"""The seller chooses batches and serials on a quotation: she is told why
nothing is offered, cannot enter a negative quantity, scans the serials she
holds instead of the proposed ones, and learns why the button waits for the
quotation to be saved."""
import datetime
import uuid

from .user_steps import add_line, add_stock, new_record, pick, save


def create_products(server, tag):
    """A honey in two batches and a phone with four serials, in stock."""
    in_days = (datetime.datetime.now() + datetime.timedelta(days=300)).strftime("%Y-%m-%d 10:00:00")
    honey = server.execute("product.product", "create", {
        "name": "Linden Honey %s" % tag, "default_code": "LH-%s" % tag, "type": "product",
        "tracking": "lot", "list_price": 70})
    for suffix, qty in (("A", 10), ("B", 10)):
        lot = server.execute("stock.production.lot", "create", {
            "name": "LH-%s-%s" % (tag, suffix), "product_id": honey, "life_date": in_days})
        add_stock(server, honey, qty, lot)
    phone = server.execute("product.product", "create", {
        "name": "Fjord Phone %s" % tag, "default_code": "FP-%s" % tag, "type": "product",
        "tracking": "serial", "list_price": 3990})
    for index in range(1, 5):
        lot = server.execute("stock.production.lot", "create",
                             {"name": "FP-%s-%02d" % (tag, index), "product_id": phone})
        add_stock(server, phone, 1, lot)
    customer = "Apoteket Norr %s" % tag
    server.execute("res.partner", "create", {"name": customer, "customer": True})
    return customer


def new_quotation(web, customer, lines):
    new_record(web, "sale.action_quotations")
    pick(web, "partner_id", customer)
    for product, qty in lines:
        add_line(web, "order_line", product, qty, "product_uom_qty")


def open_picker(web, product_text):
    page = web.page
    row = "div[name=order_line] tr.o_data_row:has-text(%r)" % product_text
    page.click(row + " button[title='Choose batches/serials']")
    page.wait_for_selector(".modal .o_form_view")
    web.settle()
    return page.locator(".modal:visible")


def chosen(dialog):
    return dialog.locator(".o_field_widget[name=chosen_qty]").inner_text().strip()


def test_picker_says_why_nothing_is_offered(web):
    """Paracetamol: 350 in stock, one batch awaiting tests, one failed."""
    tag = uuid.uuid4().hex[:5].upper()
    customer = create_products(web.server, tag)
    web.login("seller")
    new_quotation(web, customer, [("PCM-500-20", 5)])
    assert save(web) is None
    dialog = open_picker(web, "Paracetamol")
    notice = dialog.locator(".o_cloudoffice_picker_notice")
    assert notice.is_visible()
    text = notice.inner_text()
    assert "No batch of [PCM-500-20] Paracetamol 500 mg, 20 tablets" in text
    assert "may be sold now" in text and "Ask the quality team to release a batch" in text
    rows = dialog.locator(".o_field_one2many[name=line_ids] tr.o_data_row")
    assert rows.count() == 2
    reasons = {}
    for index in range(rows.count()):
        row = rows.nth(index)
        # greyed, with the reason; nothing to enter
        assert "text-muted" in (row.get_attribute("class") or "")
        cells = row.locator("td").all_inner_texts()
        reasons[cells[0].strip()] = " ".join(cells)
    assert "Awaiting tests" in reasons["PCM24A117"], reasons
    assert "Failed tests" in reasons["PCM24A118"], reasons
    rows.first.locator("td").last.click()
    web.settle()
    assert dialog.locator("input[name=quantity]").count() == 0
    assert chosen(dialog) == "0.000"
    assert web.js_errors == []


def test_picker_refuses_a_negative_quantity(web):
    tag = uuid.uuid4().hex[:5].upper()
    customer = create_products(web.server, tag)
    web.login("seller")
    new_quotation(web, customer, [("LH-%s" % tag, 10)])
    assert save(web) is None
    dialog = open_picker(web, "Linden Honey")
    assert chosen(dialog) == "10.000"
    page = web.page
    second = dialog.locator(".o_field_one2many[name=line_ids] tr.o_data_row").nth(1)
    second.locator("td").last.click()
    web.type_into(dialog.locator("input[name=quantity]"), "-5")
    warning = page.locator(".modal:visible:has-text('Negative quantity')")
    warning.wait_for()
    assert "LH-%s-B" % tag in warning.inner_text()
    assert "cannot be negative" in warning.inner_text()
    warning.locator(".modal-footer button").first.click()
    web.settle()
    assert chosen(dialog) == "10.000"
    dialog.locator(".modal-footer button[name=action_confirm]").click()
    page.wait_for_selector(".modal", state="detached")
    line = "div[name=order_line] tr.o_data_row:has-text('Linden Honey')"
    page.wait_for_selector("%s:has-text('LH-%s-A: 10.0')" % (line, tag))
    assert "LH-%s-B" % tag not in page.inner_text(line)
    assert web.js_errors == []


def test_scanned_serials_replace_the_proposal(web):
    tag = uuid.uuid4().hex[:5].upper()
    customer = create_products(web.server, tag)
    web.login("seller")
    new_quotation(web, customer, [("FP-%s" % tag, 2)])
    assert save(web) is None
    dialog = open_picker(web, "Fjord Phone")
    assert chosen(dialog) == "2.000"  # the proposal: the first two serials
    web.type_into(dialog.locator("input[name=scan]"), "FP-%s-04" % tag)
    assert chosen(dialog) == "1.000"
    web.type_into(dialog.locator("input[name=scan]"), "FP-%s-03" % tag)
    assert chosen(dialog) == "2.000"
    # "Clear" empties the choice, to start again
    dialog.locator(".modal-footer button[name=action_clear]").click()
    web.settle()
    dialog = web.page.locator(".modal:visible")
    assert chosen(dialog) == "0.000"
    web.type_into(dialog.locator("input[name=scan]"), "FP-%s-04" % tag)
    web.type_into(dialog.locator("input[name=scan]"), "FP-%s-03" % tag)
    assert chosen(dialog) == "2.000"
    dialog.locator(".modal-footer button[name=action_confirm]").click()
    web.page.wait_for_selector(".modal", state="detached")
    web.page.wait_for_selector("div[name=order_line] tr.o_data_row:has-text('FP-%s-03')" % tag)
    text = web.page.inner_text("div[name=order_line] tr.o_data_row:has-text('Fjord Phone')")
    assert "FP-%s-04" % tag in text and "FP-%s-01" % tag not in text
    assert web.js_errors == []


def test_picker_on_an_unsaved_quotation_says_to_save_first(web):
    tag = uuid.uuid4().hex[:5].upper()
    customer = create_products(web.server, tag)
    web.login("seller")
    new_quotation(web, customer, [("LH-%s" % tag, 3)])
    page = web.page
    button = page.locator("div[name=order_line] tr.o_data_row button[title='Choose batches/serials']")
    assert button.is_enabled()
    button.click()
    page.wait_for_selector(".o_notification:has-text('save')")
    assert web.js_errors == []


def test_lots_found_by_product_name(web):
    """Searching "honey" in Lots/Serial Numbers finds the honey batches."""
    tag = uuid.uuid4().hex[:5].upper()
    create_products(web.server, tag)
    web.login("warehouse").open_action("stock.action_production_lot_form", view_type="list")
    page = web.page
    search = page.locator(".o_searchview_input")
    search.fill("Linden Honey %s" % tag)
    search.press("Enter")
    web.settle()
    group = page.locator(".o_group_header:has-text('Linden Honey %s')" % tag)
    if group.count():
        group.click()
        web.settle()
    page.wait_for_selector(".o_list_view td:has-text('LH-%s-A')" % tag)
    assert page.locator(".o_list_view td:has-text('LH-%s-B')" % tag).count() == 1
    assert web.js_errors == []


"""The quality manager runs a whole recall of a demo batch that went to a
customer: she scans the batch, starts the recall from it, reads the scope,
confirms it (the stock is blocked and no delivery reserves it any more),
notifies the customer, who answers through the signed link without an
account; the warehouse receives the return, she closes the recall and reads
the closing report."""
import re
from urllib.parse import urlsplit

from ..conftest import BrowserSession
from .user_steps import open_record, pdf_text

DEMO_BATCH = "FP-2611-77"  # Facade Paint White 10 L, 18 in stock
DEMO_CUSTOMER = "Bigården Norrland AB"


def delivered_batch(server):
    """Scripted set-up: the seller sells five units of a demo batch to a demo
    customer and the warehouse worker delivers them."""
    lot = server.execute_as("quality", "stock.production.lot", "search_read",
                            [("name", "=", DEMO_BATCH)],
                            fields=["name", "product_id", "product_qty", "public_notice"])[0]
    assert lot["product_qty"] >= 10, lot
    partner = server.execute_as("seller", "res.partner", "name_search", DEMO_CUSTOMER)[0]
    order = server.execute_as("seller", "sale.order", "create", {
        "partner_id": partner[0], "order_line": [(0, 0, {"product_id": lot["product_id"][0],
                                                         "product_uom_qty": 5})]})
    server.execute_as("seller", "sale.order", "action_confirm", [order])
    picking = server.execute_as("seller", "sale.order", "read", [order],
                                ["picking_ids"])[0]["picking_ids"][0]
    lines = server.execute_as("warehouse", "stock.move.line", "search",
                              [("picking_id", "=", picking)])
    server.execute_as("warehouse", "stock.move.line", "write", lines,
                      {"lot_id": lot["id"], "qty_done": 5})
    # what Validate does with everything picked (its answer, None, cannot cross XML-RPC)
    server.execute_as("warehouse", "stock.picking", "action_done", [picking])
    return lot, lot["product_id"], partner


def field(web, name):
    return web.page.inner_text(".o_form_view .o_field_widget[name=%s]" % name).strip()


def number(web, name):
    return float(field(web, name).replace(",", ""))


def click_button(web, text):
    web.page.click(".o_form_statusbar button:visible:has-text(%r)" % text)
    return web.settle()


def status(web):
    return web.page.inner_text(".o_statusbar_status button.btn-primary").strip()


def open_recall(web, recall_id):
    open_record(web, "cloudoffice.lot.recall", recall_id, "cloudoffice_lots.action_lot_recall")


def open_tab(web, text):
    web.page.click(".o_notebook .nav-tabs a:has-text(%r)" % text)
    return web.settle()


def test_quality_manager_runs_a_whole_recall(web, browser, tmp_path):
    server = web.server
    lot, product, partner = delivered_batch(server)
    lot_id = lot["id"]
    try:
        run_recall(web, browser, tmp_path, lot, product, partner)
    finally:
        # The demo batch serves other journeys of the same database afterwards.
        open_recalls = server.execute("cloudoffice.lot.recall", "search", [
            ("origin_lot_ids", "in", [lot_id]), ("state", "=", "confirmed")])
        if open_recalls:
            server.execute("cloudoffice.lot.recall", "action_close", open_recalls)
        server.execute("stock.production.lot", "write", [lot_id], {
            "quality_block": False, "public_notice": lot["public_notice"]})


def run_recall(web, browser, tmp_path, lot, product, partner):
    server = web.server
    page = web.page
    web.login("quality")

    # the scan page of the batch, and from it the batch in Odoo
    page.goto("%s/cloudoffice_lots/scan?code=%s" % (server.url, lot["name"]))
    page.wait_for_selector("#scan_lot_name")
    assert page.inner_text("#scan_lot_name").strip() == lot["name"]
    page.click("#scan_result .links a:has-text('Open in Odoo')")
    page.wait_for_selector(".o_form_view .oe_title", timeout=60000)
    web.settle()
    assert lot["name"] in page.inner_text(".o_form_view .oe_title")
    assert page.locator(".oe_title .label:visible:has-text('Blocked')").count() == 0

    # Action > Recall: a new recall of this batch
    page.click(".o_cp_sidebar button:has-text('Action')")
    page.click(".o_cp_sidebar .dropdown-menu a:text-is('Recall')")
    page.wait_for_selector(".o_form_view.o_form_editable .o_field_widget[name=reason]")
    web.settle()
    assert lot["name"] in page.inner_text(".o_field_widget[name=origin_lot_ids]")
    web.type_into(page.locator("textarea[name=reason]"), "Foreign bodies found in the batch")
    page.click(".o_form_button_save")
    page.wait_for_selector(".o_form_view.o_form_readonly")
    web.settle()
    recall_name = page.inner_text(".oe_title h1").strip()
    assert recall_name and recall_name != "New"
    assert status(web) == "Draft"
    recall_id = server.execute_as("quality", "cloudoffice.lot.recall", "search",
                                  [("name", "=", recall_name)])[0]

    # the scope: this batch, in our stock, and its customer
    click_button(web, "Find Scope")
    open_tab(web, "Scope")
    scope = page.inner_text(".o_field_widget[name=scope_ids]")
    assert lot["name"] in scope, scope
    assert number(web, "lot_count") >= 1
    assert number(web, "customer_count") >= 1
    assert number(web, "qty_in_stock") >= 1
    shipped = number(web, "qty_shipped")
    assert shipped == 5
    open_tab(web, "Customers")
    customers = page.inner_text(".o_field_widget[name=customer_ids]")
    assert partner[1].split(",")[0] in customers, customers
    assert number(web, "notified_count") == 0

    # confirm: the batch is blocked
    click_button(web, "Confirm Recall")
    page.click(".modal:visible .modal-footer .btn-primary")
    page.wait_for_selector(".o_statusbar_status button.btn-primary:has-text('In Progress')")
    web.settle()
    assert status(web) == "In Progress"

    open_record(web, "stock.production.lot", lot["id"], "stock.action_production_lot_form")
    assert page.locator(".oe_title .label:visible").all_inner_texts() == ["Blocked"]
    reason = field(web, "quality_block_reason")
    assert recall_name in reason, reason

    # a delivery of the product no longer reserves the batch
    picking_type = server.ref("stock.picking_type_out")
    source = server.ref("stock.stock_location_stock")
    dest = server.ref("stock.stock_location_customers")
    delivery = server.execute_as("warehouse", "stock.picking", "create", {
        "partner_id": partner[0], "picking_type_id": picking_type,
        "location_id": source, "location_dest_id": dest,
        "move_lines": [(0, 0, {"name": product[1], "product_id": product[0],
                               "product_uom_qty": 1, "product_uom": server.execute_as(
                                   "warehouse", "product.product", "read", [product[0]],
                                   ["uom_id"])[0]["uom_id"][0],
                               "location_id": source, "location_dest_id": dest})]})
    server.execute_as("warehouse", "stock.picking", "action_confirm", [delivery])
    server.execute_as("warehouse", "stock.picking", "action_assign", [delivery])
    reserved = server.execute_as("warehouse", "stock.move.line", "search_read",
                                 [("picking_id", "=", delivery)], fields=["lot_id"])
    assert lot["id"] not in [line["lot_id"] and line["lot_id"][0] for line in reserved], reserved
    # the batch is the product's only stock: the delivery waits for other stock
    state = server.execute_as("warehouse", "stock.picking", "read", [delivery], ["state"])[0]
    assert state["state"] == "confirmed", state
    server.execute_as("warehouse", "stock.picking", "action_cancel", [delivery])

    # notify the customers; the notice waits in Odoo's mail queue
    open_recall(web, recall_id)
    click_button(web, "Notify Customers")
    notified = number(web, "notified_count")
    assert notified >= 1
    assert number(web, "answered_count") == 0
    lines = server.execute_as("quality", "cloudoffice.lot.recall.customer", "search_read", [
        ("recall_id", "=", recall_id), ("lot_id", "=", lot["id"]),
        ("partner_id", "=", partner[0])], fields=["qty_delivered", "qty_returned", "state"])
    assert len(lines) == 1 and lines[0]["state"] == "notified", lines
    line = lines[0]
    received = line["qty_delivered"] - line["qty_returned"]
    held, destroyed = 1, received - 1
    mails = server.execute("mail.mail", "search_read", [
        ("model", "=", "cloudoffice.lot.recall.customer"), ("res_id", "=", line["id"])],
        fields=["body_html", "email_to", "recipient_ids"])
    assert len(mails) == 1, mails
    link = re.search(r'href="([^"]*/cloudoffice_lots/recall/answer/[^"]+)"', mails[0]["body_html"])
    assert link, mails[0]["body_html"]
    parts = urlsplit(link.group(1).replace("&amp;", "&"))

    # the customer answers, with no account, in a browser of their own
    context = browser.new_context(viewport={"width": 420, "height": 900}, locale="en-US")
    try:
        customer = BrowserSession(context.new_page(), server)
        failed = []
        customer.page.on("response", lambda response: response.status >= 400
                         and failed.append((response.status, response.url)))
        customer.page.goto(server.url + parts.path)
        customer.page.wait_for_selector("form button[type=submit]")
        text = customer.page.inner_text("body")
        assert "Product recall %s" % recall_name in text
        assert "Foreign bodies found in the batch" in text
        assert lot["name"] in text
        customer.page.fill("input[name=held_%d]" % line["id"], "%g" % held)
        customer.page.fill("input[name=destroyed_%d]" % line["id"], "%g" % destroyed)
        customer.page.fill("textarea[name=note]", "Kept apart in the cold room.")
        customer.page.click("form button[type=submit]")
        customer.page.wait_for_selector("p.done")
        assert "your answer is recorded" in customer.page.inner_text("p.done")
        # Chromium asks every site for /favicon.ico; the page itself loads whole.
        assert [url for status, url in failed if not url.endswith("/favicon.ico")] == [], failed
        assert [error for error in customer.js_errors if "404" not in error] == []
    finally:
        context.close()

    # she sees the answer, and makes the return the customer holds
    open_recall(web, recall_id)
    assert number(web, "answered_count") == 1
    assert number(web, "qty_destroyed") == destroyed
    recovered = number(web, "qty_recovered")
    open_tab(web, "Customers")
    row = page.locator(".o_field_widget[name=customer_ids] tr.o_data_row").filter(
        has_text=lot["name"]).filter(has_text=partner[1].split(",")[0])
    assert row.count() == 1
    assert "Answered" in row.inner_text()
    row.locator("button[title='Create Return']").click()
    page.wait_for_selector(".o_form_view .o_field_widget[name=move_lines]", timeout=60000)
    web.settle()
    returned = server.execute_as("quality", "cloudoffice.lot.recall.customer", "read",
                                 [line["id"]], ["return_picking_id"])[0]["return_picking_id"]
    assert returned, "no return made"
    assert returned[1] in page.inner_text(".o_control_panel .breadcrumb li.active")

    # the warehouse receives the return as it was filled in
    moves = server.execute_as("warehouse", "stock.move.line", "search_read",
                              [("picking_id", "=", returned[0])], fields=["lot_id", "qty_done"])
    assert [(move["lot_id"][0], move["qty_done"]) for move in moves] == [(lot["id"], held)]
    server.execute_as("warehouse", "stock.picking", "action_done", [returned[0]])
    state = server.execute_as("warehouse", "stock.picking", "read", [returned[0]], ["state"])
    assert state[0]["state"] == "done"

    # the figures add up; she closes the recall
    open_recall(web, recall_id)
    click_button(web, "Refresh")
    assert number(web, "qty_shipped") == shipped
    assert number(web, "qty_recovered") == recovered + held
    assert number(web, "qty_destroyed") == destroyed
    click_button(web, "Close Recall")
    page.wait_for_selector(".o_statusbar_status button.btn-primary:has-text('Closed')")
    assert status(web) == "Closed"
    assert page.locator(".o_form_statusbar button:visible:has-text('Close Recall')").count() == 0

    # the closing report, for the authority
    with page.expect_download(timeout=120000) as download:
        click_button(web, "Print Report")
    pdf = tmp_path / "recall.pdf"
    download.value.save_as(pdf)
    text = pdf_text(pdf)
    assert "Recall %s" % recall_name in text, text
    assert "Foreign bodies found in the batch" in text
    assert lot["name"] in text
    assert re.search(r"Customers notified / answered +%d / 1 +of" % notified, text), text
    for label, value in (("Shipped", 5), ("Recovered", held), ("Destroyed", destroyed),
                         ("Unaccounted", 0)):
        assert re.search(r"\n%s +%.1f\n" % (label, value), text), (label, text)
    assert re.search(r"%s +5\.0 +1\.0 +%.1f +%.1f" % (lot["name"], destroyed, held), text), text
    assert "Recall confirmed" in text and "Recall closed" in text
    assert web.js_errors == []
    assert server.errors_in_log() == []

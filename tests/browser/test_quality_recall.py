"""The quality manager prepares a recall: she opens the batch, traces it
with the one traceability button, reads the screen's title, prints the PDF
she sends out and exports the spreadsheet."""
import re
import uuid

from .user_steps import open_record, pdf_text


def deliver_batch(server, tag):
    """A batch delivered to one customer who has no phone number."""
    stock = server.ref("stock.stock_location_stock")
    customers = server.ref("stock.stock_location_customers")
    product = server.execute("product.product", "create", {
        "name": "Heather Honey %s" % tag, "type": "product", "tracking": "lot"})
    lot = server.execute("stock.production.lot", "create",
                         {"name": "HH-%s" % tag, "product_id": product})
    wizard = server.execute("stock.change.product.qty", "create",
                            {"product_id": product, "lot_id": lot, "new_quantity": 20})
    server.execute("stock.change.product.qty", "change_product_qty", [wizard])
    partner = server.execute("res.partner", "create", {
        "name": "Nord %s" % tag, "customer": True, "email": "inkop@nord.example.com",
        "phone": False, "street": "Storgatan 1", "city": "Luleå"})
    picking_type = server.ref("stock.picking_type_out")
    picking = server.execute("stock.picking", "create", {
        "partner_id": partner, "picking_type_id": picking_type,
        "location_id": stock, "location_dest_id": customers,
        "move_lines": [(0, 0, {
            "name": "Heather Honey", "product_id": product, "product_uom_qty": 6,
            "product_uom": server.ref("product.product_uom_unit"), "picking_type_id": picking_type,
            "location_id": stock, "location_dest_id": customers})],
    })
    server.execute("stock.picking", "action_confirm", [picking])
    server.execute("stock.picking", "action_assign", [picking])
    lines = server.execute("stock.move.line", "search", [("picking_id", "=", picking)])
    server.execute("stock.move.line", "write", lines, {"qty_done": 6, "lot_id": lot})
    server.execute("stock.picking", "action_done", [picking])
    return lot


def column_of(header_line, value_line, value):
    """The header whose column ``value`` starts nearest to."""
    start = value_line.index(value)
    headers = [(match.start(), match.group(0).strip())
               for match in re.finditer(r"\S+(?: \S+)*", header_line)]
    return min(headers, key=lambda header: abs(header[0] - start))[1]


def test_recall_pdf_keeps_each_value_under_its_header(web, tmp_path):
    tag = uuid.uuid4().hex[:5].upper()
    lot = deliver_batch(web.server, tag)
    web.login("quality")
    open_record(web, "stock.production.lot", lot, "stock.action_production_lot_form")
    page = web.page
    # one traceability button on the batch form, saying what it does
    assert page.locator(".oe_button_box button:visible:has-text('Up/Down Traceability')").count() == 0
    button = page.locator(".oe_button_box button:visible:has-text('Traceability')")
    assert button.count() == 1
    button.click()
    page.wait_for_selector(".o_form_view .o_field_widget[name=customer_ids]", timeout=60000)
    web.settle()
    breadcrumb = page.inner_text(".o_control_panel .breadcrumb").strip()
    assert "cloudoffice" not in breadcrumb
    assert breadcrumb.endswith("Traceability of HH-%s (Heather Honey %s)" % (tag, tag)), breadcrumb

    with page.expect_download(timeout=120000) as download:
        page.click(".o_form_statusbar button[name=action_print]")
    pdf = tmp_path / "trace.pdf"
    download.value.save_as(pdf)
    text = pdf_text(pdf)
    assert "1 customer received HH-%s or a batch made from it." % tag in text, text
    lines = text.splitlines()
    header_index = next(index for index, line in enumerate(lines)
                        if "Phone" in line and "Batch/Serial" in line and "Last Delivery" in line)
    header = lines[header_index]
    row = next(line for line in lines[header_index + 1:] if "Nord %s" % tag in line)
    assert column_of(header, row, "inkop@nord.example.com") == "Email", (header, row)
    assert column_of(header, row, "Heather Honey") == "Product", (header, row)
    assert column_of(header, row, "HH-%s" % tag) == "Batch/Serial", (header, row)
    last_delivery = re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", row)
    assert last_delivery, row
    assert column_of(header, row, last_delivery.group(0)) == "Last Delivery", (header, row)
    assert web.js_errors == []
    assert web.server.errors_in_log() == []


def test_blocked_batch_says_blocked(web):
    tag = uuid.uuid4().hex[:5].upper()
    lot = deliver_batch(web.server, tag)
    web.server.execute("stock.production.lot", "write", [lot],
                       {"quality_block": True, "quality_block_reason": "Complaint"})
    web.login("quality")
    open_record(web, "stock.production.lot", lot, "stock.action_production_lot_form")
    labels = web.page.locator(".oe_title .label:visible").all_inner_texts()
    assert labels == ["Blocked"], labels

"""The quality manager prepares a recall: she opens the batch, traces it
with the one traceability button, reads the screen's title, prints the PDF
she sends out and exports the spreadsheet."""
import re
import subprocess
import uuid
from html import unescape

from .user_steps import add_stock, open_record, pdf_text


def deliver_batch(server, tag):
    """A batch delivered to one customer who has no phone number."""
    stock = server.ref("stock.stock_location_stock")
    customers = server.ref("stock.stock_location_customers")
    product = server.execute("product.product", "create", {
        "name": "Heather Honey %s" % tag, "type": "product", "tracking": "lot"})
    lot = server.execute("stock.production.lot", "create",
                         {"name": "HH-%s" % tag, "product_id": product})
    add_stock(server, product, 20, lot)
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


def pdf_words(path):
    """[(text, x min, x max, y)] of every word of the PDF's first page, in
    points, as pdftotext places them (``-bbox``)."""
    html = subprocess.run(["pdftotext", "-bbox", "-l", "1", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [(unescape(text), float(x0), float(x1), float(y)) for x0, y, x1, text in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        html)]


def extent(words, text):
    """(x min, x max) of the words making up ``text`` in ``words``."""
    parts = text.split()
    for index in range(len(words) - len(parts) + 1):
        if [word[0] for word in words[index:index + len(parts)]] == parts:
            return words[index][1], words[index + len(parts) - 1][2]
    raise AssertionError("%r not found in %r" % (text, [word[0] for word in words]))


def under(header_words, header, row_words, value):
    """True when ``value`` of the row sits in the column of ``header``: the
    headers are centred over their column, the values start at its left."""
    x0, x1 = extent(header_words, header)
    v0, v1 = extent(row_words, value)
    return v0 <= (x0 + x1) / 2 <= v1


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
        page.click(".o_form_statusbar button:has-text('Print PDF')")
    pdf = tmp_path / "trace.pdf"
    download.value.save_as(pdf)
    text = pdf_text(pdf)
    assert "1 customer received HH-%s or a batch made from it." % tag in text, text
    assert re.search(r"Nord %s +Nord %s +inkop@nord.example.com +Heather Honey %s +HH-%s +6.000"
                     % (tag, tag, tag, tag), text), text

    # the Affected Customers table: its header line, then the customer's row
    words = pdf_words(pdf)
    phone = next(word for word in words if word[0] == "Phone")
    header = [word for word in words if abs(word[3] - phone[3]) < 1]
    lot = next(word for word in words if word[0] == "HH-%s" % tag and word[3] > phone[3])
    row = [word for word in words if abs(word[3] - lot[3]) < 1]
    for column, value in (("Email", "inkop@nord.example.com"), ("Product", "Heather Honey %s" % tag),
                          ("Batch/Serial", "HH-%s" % tag), ("Unit", "Unit(s)")):
        assert under(header, column, row, value), (column, value, header, row)
    # the date in the user's format (en_US here)
    date = next(word[0] for word in row if re.match(r"\d\d/\d\d/\d{4}$", word[0]))
    assert under(header, "Last Delivery", row, date), (header, row)
    # the customer has no phone: nothing sits in that column
    assert not [word for word in row if under(header, "Phone", [word], word[0])], (header, row)
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

"""An accountant exports this month of the demo company as SIE 4: through the
menu Invoicing > Export > SIE 4, checks, reads the warnings, accepts them,
downloads the .SI file, and our reader finds the sold batches and serials in
the transaction texts of the invoice's voucher."""
import datetime
import tempfile
import uuid

from odoo.addons.cloudoffice_lots.sie import read

from .test_sale_lots_journey import Rpc, create_data


def sell_deliver_invoice(rpc, customer, honey, phone):
    """A sale of 12 honey and 2 phones, delivered and invoiced the way an
    integration would do it; returns (invoice number, {lot name: quantity})."""
    partner = rpc("res.partner", "search", [("name", "=", customer)])[0]
    unit = rpc("ir.model.data", "xmlid_to_res_id", "product.product_uom_unit")
    order = rpc("sale.order", "create", {"partner_id": partner, "order_line": [
        (0, 0, {"product_id": product, "name": name, "product_uom_qty": qty, "product_uom": unit,
                "price_unit": price})
        for product, name, qty, price in ((honey, "Clover Honey", 12, 65), (phone, "Fjord Phone", 2, 3990))]})
    rpc("sale.order", "action_confirm", [order])
    picking = rpc("sale.order", "read", [order], ["picking_ids"])[0]["picking_ids"]
    sold = {}
    for line in rpc("stock.move.line", "search_read", [("picking_id", "in", picking)],
                    ["product_uom_qty", "lot_id"]):
        rpc("stock.move.line", "write", [line["id"]], {"qty_done": line["product_uom_qty"]})
        sold[line["lot_id"][1]] = sold.get(line["lot_id"][1], 0) + line["product_uom_qty"]
    rpc("stock.picking", "action_done", picking)
    invoice = rpc("sale.order", "action_invoice_create", [order])
    rpc("account.invoice", "action_invoice_open", invoice)
    number = rpc("account.invoice", "read", invoice, ["number"])[0]["number"]
    return number, sold


def test_accountant_downloads_a_month_as_sie(web):
    tag = uuid.uuid4().hex[:5].upper()
    rpc = Rpc(web.server)
    customer, honey, phone = create_data(rpc, tag)
    number, sold = sell_deliver_invoice(rpc, customer, honey, phone)
    assert len(sold) >= 3  # honey from two batches at least, two phone serials
    rpc("res.users", "create", {
        "name": "Astrid %s" % tag, "login": "astrid-%s" % tag, "password": "astrid",
        "groups_id": [(6, 0, [web.server.ref("base.group_user"),
                              web.server.ref("account.group_account_manager")])]})

    page = web.page
    web.login("astrid-%s" % tag, "astrid")
    page.click("#oe_main_menu_navbar a:has-text('Invoicing')")
    # the section Export of the Invoicing menu
    page.locator(".o_sub_menu a:has-text('SIE 4')").locator("visible=true").first.click()
    page.wait_for_selector(".modal .o_form_view")
    today = datetime.date.today()
    first = today.replace(day=1)
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    web.type_into(page.locator(".modal input[name=date_from]"), first.strftime("%m/%d/%Y"))
    web.type_into(page.locator(".modal input[name=date_to]"), last.strftime("%m/%d/%Y"))
    page.click(".modal-footer button[name=action_check]")
    page.wait_for_selector(".modal .o_field_one2many[name=problem_ids] tr.o_data_row")
    problems = page.inner_text(".modal .o_field_one2many[name=problem_ids]")
    assert "The period is not closed" in problems
    assert "Stops the export" not in problems
    page.click(".modal div[name=accept_warnings] input, .modal .o_field_boolean[name=accept_warnings] input",
               force=True)
    web.settle()
    page.click(".modal-footer button[name=action_export]")
    link = page.locator(".modal a:has(.fa-download)")
    link.wait_for()
    with page.expect_download(timeout=60000) as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".SI")
    with tempfile.NamedTemporaryFile(suffix=".SI") as handle:
        download.save_as(handle.name)
        data = open(handle.name, "rb").read()

    sie = read(data)
    assert sie.errors == []
    assert sie.checksum_ok is True
    voucher = [v for v in sie.vouchers if v.text.split(" ")[0] == number]
    assert len(voucher) == 1, [v.text for v in sie.vouchers]
    texts = " ".join(row.text for row in voucher[0].transactions)
    for lot, qty in sold.items():
        assert lot in texts, (lot, texts)
        if lot.startswith("CH-"):
            assert "%s:%s" % (lot, ("%g" % qty)) in texts
    assert "CH-%s" % tag in texts and "FP-%s" % tag in texts
    assert web.js_errors == []
    assert web.server.errors_in_log() == []

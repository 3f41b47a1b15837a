"""Batch data and test results read in the reader's own format: a Swedish
quality manager reads and types "17,4", an English one reads "17.4", in the
same batch; the seller's batch picker shows expiry days that do not move
with the time zone."""
import datetime
import time
import uuid

from ..conftest import BrowserSession
from .test_seller_lot_picker import create_products, new_quotation, open_picker
from .user_steps import save

# moisture 17,4 % typed in Swedish, water content 17.4 in English
DEMO_BATCH = "F2607-0001"


def swedish_quality_user(server):
    server.execute("res.lang", "load_lang", "sv_SE")
    if not server.execute("res.users", "search", [("login", "=", "kvalitet.sv")]):
        groups = server.execute("res.users", "read", [server.ref("cloudoffice_lots.user_demo_quality")],
                                fields=["groups_id"])[0]["groups_id"]
        server.execute("res.users", "create", {
            "name": "Karin Kvalitet", "login": "kvalitet.sv", "password": "kvalitet.sv",
            "email": "karin@example.com", "lang": "sv_SE", "tz": "Europe/Stockholm",
            "groups_id": [(6, 0, groups)]})
    return "kvalitet.sv"


def batch_rows(web, lot_id):
    """The texts of the batch form's Batch Data and Tests rows, by their name."""
    page = web.page
    page.goto("%s/web?reload=%d#id=%d&model=stock.production.lot&view_type=form"
              "&action=stock.action_production_lot_form" % (web.server.url, time.time() * 1000, lot_id))
    page.wait_for_selector(".o_form_view .o_field_widget[name=name]:has-text('%s')" % DEMO_BATCH)
    shown = {}
    for field, names in (("attribute_value_ids", ("Moisture",)), ("test_ids", ("Water content",))):
        # open the notebook tab holding the list, whatever its label in the user's language
        pane = page.evaluate("f => document.querySelector('.o_field_one2many[name=' + f + ']')"
                             ".closest('.tab-pane').id", field)
        page.click("a[href='#%s']" % pane)
        for name in names:
            row = page.locator(".o_field_one2many[name=%s] tr.o_data_row:has-text('%s')" % (field, name))
            shown[name] = " ".join(row.inner_text().split())
    return shown


def test_swedish_and_english_readers_see_the_same_numbers_in_their_own_format(browser, odoo_server):
    server = odoo_server
    swede = swedish_quality_user(server)
    lot = server.execute_as("quality", "stock.production.lot", "search_read",
                            [("name", "=", DEMO_BATCH)], fields=["id"])[0]
    context = browser.new_context(viewport={"width": 1400, "height": 900},
                                  timezone_id="Europe/Stockholm")
    try:
        server.mark_log()
        english = BrowserSession(context.new_page(), server).login("quality")
        rows = batch_rows(english, lot["id"])
        assert "17.4" in rows["Moisture"] and "17,4" not in rows["Moisture"], rows
        assert "17.4" in rows["Water content"] and "17,4" not in rows["Water content"], rows
        assert "18.5" in rows["Water content"], rows  # the limit too
        context.clear_cookies()
        web = BrowserSession(context.new_page(), server).login(swede)
        rows = batch_rows(web, lot["id"])
        assert "17,4" in rows["Moisture"] and "17.4" not in rows["Moisture"], rows
        assert "17,4" in rows["Water content"] and "17.4" not in rows["Water content"], rows
        assert "18,5" in rows["Water content"], rows
        spec = web.page.locator(".o_field_one2many[name=test_ids] tr.o_data_row:has-text('Water content')")

        # The Swede types a new result her way; the English reader reads it his.
        test_id = server.execute_as("quality", "cloudoffice.lot.test", "search",
                                    [("lot_id", "=", lot["id"]), ("parameter", "=", "Water content")])
        before = server.execute_as("quality", "cloudoffice.lot.test", "read", test_id, fields=["result"])[0]
        try:
            page = web.page
            page.click(".o_form_button_edit")
            spec.locator("td:has-text('17,4')").click()
            web.type_into(page.locator(".o_field_one2many[name=test_ids] input[name=result_shown]"), "17,6")
            assert save(web) is None
            stored = server.execute_as("quality", "cloudoffice.lot.test", "read", test_id,
                                       fields=["result", "result_value", "state"])[0]
            assert (stored["result"], stored["result_value"], stored["state"]) == ("17.6", 17.6, "pass")
            english_page = BrowserSession(browser.new_page(), server).login("quality")
            try:
                assert "17.6 " in batch_rows(english_page, lot["id"])["Water content"] + " "
            finally:
                english_page.page.close()
        finally:
            server.execute("cloudoffice.lot.test", "write", test_id, {"result": before["result"]})
        assert web.js_errors == [] and english.js_errors == []
        assert server.errors_in_log() == []
    finally:
        context.close()


def test_seller_far_from_utc_sees_the_batches_expiry_day_in_the_picker(browser, odoo_server):
    server = odoo_server
    tag = uuid.uuid4().hex[:5].upper()
    customer = create_products(server, tag)
    lot = server.execute_as("seller", "stock.production.lot", "search_read",
                            [("name", "=", "LH-%s-A" % tag)], fields=["expiry_day", "life_date"])[0]
    context = browser.new_context(viewport={"width": 1400, "height": 900}, timezone_id="Pacific/Auckland")
    try:
        server.mark_log()
        web = BrowserSession(context.new_page(), server).login("seller")
        new_quotation(web, customer, [("LH-%s" % tag, 3)])
        assert save(web) is None
        dialog = open_picker(web, "Linden Honey %s" % tag)
        row = dialog.locator("tr.o_data_row:has-text('LH-%s-A')" % tag)
        day = datetime.datetime.strptime(lot["expiry_day"], "%Y-%m-%d")
        text = row.inner_text()
        assert day.strftime("%m/%d/%Y") in text, text
        # product_expiry keeps noon UTC; shown as a moment it would be the next day in Auckland
        assert (day + datetime.timedelta(days=1)).strftime("%m/%d/%Y") not in text, text
        assert web.js_errors == []
        assert server.errors_in_log() == []
    finally:
        context.close()

"""A Swedish warehouse worker reads the phone scan page in Swedish formats:
dates as Swedish dates, movement times in Stockholm time (not UTC), and
quantities as a person writes them ("59 Unit(s)", never "59.0")."""
import datetime

import pytz

from ..conftest import BrowserSession


def swedish(quantity):
    """59.0 -> '59', 2.5 -> '2,5', 1200 -> '1 200': how a Swede writes it."""
    whole, _dot, fraction = ("%.3f" % quantity).partition(".")
    whole = "{:,}".format(int(whole)).replace(",", " ")
    fraction = fraction.rstrip("0")
    return whole + ("," + fraction if fraction else "")


def test_scan_page_speaks_the_users_formats(browser, odoo_server):
    server = odoo_server
    # admin work: the language and the user
    server.execute("res.lang", "load_lang", "sv_SE")
    stock_user = server.ref("stock.group_stock_user")
    lots_group = server.ref("stock.group_production_lot")
    users = server.execute("res.users", "search", [("login", "=", "lager.sv")])
    if not users:
        server.execute("res.users", "create", {
            "name": "Lena Lager", "login": "lager.sv", "password": "lager.sv",
            "email": "lena@example.com", "lang": "sv_SE", "tz": "Europe/Stockholm",
            "groups_id": [(6, 0, [stock_user, lots_group])]})
    line = server.execute_as("warehouse", "stock.move.line", "search_read",
                             [("lot_id", "!=", False), ("state", "=", "done"),
                              ("lot_id.expiry_day", "!=", False)],
                             fields=["lot_id", "date"], limit=1, order="date desc")[0]
    lot = server.execute_as("warehouse", "stock.production.lot", "read", [line["lot_id"][0]],
                            fields=["name", "expiry_day", "product_qty"])[0]

    context = browser.new_context(viewport={"width": 420, "height": 900},
                                  timezone_id="Europe/Stockholm", locale="sv-SE")
    try:
        server.mark_log()
        web = BrowserSession(context.new_page(), server).login("lager.sv")
        page = web.page
        page.goto("%s/cloudoffice_lots/scan?code=%s" % (server.url, lot["name"]))
        page.wait_for_selector("#scan_lot_name")
        text = page.inner_text("#scan_result")
        # Swedish dates are written 2028-08-01
        assert lot["expiry_day"] in text
        on_hand = page.inner_text("#scan_on_hand")
        assert on_hand.replace("\xa0", " ").startswith(swedish(lot["product_qty"]) + " "), on_hand
        # the movement's time in Stockholm, as the backend shows it
        moment = pytz.utc.localize(datetime.datetime.strptime(line["date"], "%Y-%m-%d %H:%M:%S"))
        local = moment.astimezone(pytz.timezone("Europe/Stockholm")).strftime("%Y-%m-%d %H:%M")
        assert local in text
        assert web.js_errors == []
        assert server.errors_in_log() == []
    finally:
        context.close()

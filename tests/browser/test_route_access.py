"""The add-ons' web pages need a login, and show a user only the batches of
their own companies: checked over HTTP against a running server."""
import inspect

import requests
from odoo import http
from odoo.addons.cloudoffice_lots.controllers import main as lots_controllers

# One concrete address per route of ours, to request without a login.
ROUTE_EXAMPLES = {
    "/cloudoffice_lots/lot/<int:lot_id>/barcode.png": "/cloudoffice_lots/lot/1/barcode.png",
    "/cloudoffice_lots/scan": "/cloudoffice_lots/scan?code=LOT-1",
    "/cloudoffice_lots/dl/<path:path>": "/cloudoffice_lots/dl/01/07350053850019/10/LOT-1",
    "/cloudoffice_lots/phone": "/cloudoffice_lots/phone",
    "/cloudoffice_lots/phone/receive": "/cloudoffice_lots/phone/receive",
    "/cloudoffice_lots/phone/receive/<int:picking_id>": "/cloudoffice_lots/phone/receive/1",
    "/cloudoffice_lots/phone/receive/<int:picking_id>/labels/<int:lot_id>":
        "/cloudoffice_lots/phone/receive/1/labels/1",
}


def our_routes():
    routes = {}
    for _name, controller in inspect.getmembers(lots_controllers, inspect.isclass):
        if not issubclass(controller, http.Controller):
            continue
        for _method_name, method in inspect.getmembers(controller, inspect.isfunction):
            routing = getattr(method, "routing", None)
            if routing:
                for url in routing["routes"]:
                    routes[url] = routing
    return routes


def test_every_route_needs_a_logged_in_user():
    routes = our_routes()
    assert set(routes) == set(ROUTE_EXAMPLES), "give each new route an example address here"
    for url, routing in routes.items():
        assert routing["auth"] == "user", "%s is open to %s" % (url, routing["auth"])


def test_without_login_every_page_sends_to_the_login(odoo_server):
    for example in ROUTE_EXAMPLES.values():
        response = requests.get(odoo_server.url + example, allow_redirects=False, timeout=60)
        assert response.status_code in (301, 302, 303), (example, response.status_code)
        assert "/web/login" in response.headers["Location"], (example, response.headers["Location"])


def logged_in(server, login, password):
    session = requests.Session()
    response = session.post(server.url + "/web/session/authenticate", json={
        "jsonrpc": "2.0", "params": {"db": server.database, "login": login, "password": password}},
        timeout=120)
    assert response.json()["result"]["uid"], "could not log in as %s" % login
    return session


def test_a_user_of_another_company_gets_nothing_of_our_batches(odoo_server):
    server = odoo_server
    server.mark_log()
    main_company = server.ref("base.main_company")
    lot = server.execute("stock.production.lot", "search_read",
                         [("company_id", "=", main_company), ("product_id.barcode", "!=", False)],
                         fields=["name"], limit=1)[0]
    company = server.execute("res.company", "create", {"name": "Route Test Paints AB"})
    server.execute("res.users", "create", {
        "name": "Rut Route", "login": "rut.route", "password": "rut-route-1",
        "company_id": company, "company_ids": [(6, 0, [company])],
        "groups_id": [(6, 0, [server.ref("stock.group_stock_manager")])]})
    barcode_url = "%s/cloudoffice_lots/lot/%d/barcode.png" % (server.url, lot["id"])
    scan_url = server.url + "/cloudoffice_lots/scan"

    admin = logged_in(server, "admin", "admin")
    own = admin.get(barcode_url, timeout=60)
    assert own.status_code == 200 and own.headers["Content-Type"] == "image/png"
    page = admin.get(scan_url, params={"code": lot["name"]}, timeout=60)
    assert '<h1 id="scan_lot_name">%s</h1>' % lot["name"] in page.text

    other = logged_in(server, "rut.route", "rut-route-1")
    assert other.get(barcode_url, timeout=60).status_code == 404
    page = other.get(scan_url, params={"code": lot["name"]}, timeout=60)
    assert page.status_code == 200
    assert 'id="scan_lot_name"' not in page.text
    assert server.errors_in_log() == []

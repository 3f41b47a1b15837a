"""The add-ons' web pages need a login (but for the public page a customer gets
by scanning a pack's QR code), and show a user only the batches of their own
companies: checked over HTTP against a running server."""
import inspect

import requests
from odoo import http
from odoo.addons.cloudoffice_fortnox.controllers import main as fortnox_controllers
from odoo.addons.cloudoffice_lots.controllers import main as lots_controllers
from odoo.addons.cloudoffice_lots.controllers import portal as portal_controllers
from odoo.addons.cloudoffice_lots.controllers import recall as recall_controllers

CONTROLLER_MODULES = (lots_controllers, recall_controllers, fortnox_controllers,
                      portal_controllers)

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
    "/cloudoffice_lots/recall/answer/<string:token>": "/cloudoffice_lots/recall/answer/1-1-x",
    "/fortnox/callback": "/fortnox/callback?code=x&state=y",
    "/my/orders/<int:order_id>/coa/<int:lot_id>": "/my/orders/1/coa/1",
}


def our_routes():
    routes = {}
    controllers = {controller for module in CONTROLLER_MODULES
                   for _name, controller in inspect.getmembers(module, inspect.isclass)}
    for controller in controllers:
        if not issubclass(controller, http.Controller) or controller is http.Controller:
            continue
        for _method_name, method in inspect.getmembers(controller, inspect.isfunction):
            routing = getattr(method, "routing", None)
            # Odoo's own routes inherited by ours (the customer portal's) are Odoo's to check
            if routing and method.__module__ in {module.__name__ for module in CONTROLLER_MODULES}:
                for url in routing["routes"]:
                    routes[url] = routing
    return routes


# Open to anyone: what they show is decided per company (public batch page),
# or by a signed token (a customer's answer to a recall notice, the order's
# access token for its certificates, as Odoo's own order pages).
PUBLIC_ROUTES = {"/cloudoffice_lots/dl/<path:path>", "/cloudoffice_lots/recall/answer/<string:token>",
                 "/my/orders/<int:order_id>/coa/<int:lot_id>"}


def test_every_route_needs_a_logged_in_user():
    routes = our_routes()
    assert set(routes) == set(ROUTE_EXAMPLES), "give each new route an example address here"
    for url, routing in routes.items():
        expected = "public" if url in PUBLIC_ROUTES else "user"
        assert routing["auth"] == expected, "%s is open to %s" % (url, routing["auth"])


def test_without_login_every_page_sends_to_the_login(odoo_server):
    for url, example in ROUTE_EXAMPLES.items():
        if url in PUBLIC_ROUTES:
            continue
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


def demo_blocked_batch(server):
    """The demo batch blocked for a supplier's recall, with its Digital Link."""
    lot = server.execute("stock.production.lot", "search_read", [("name", "=", "IPA-2611-03")],
                         fields=["name", "product_id", "life_date", "company_id"])[0]
    product = server.execute("product.product", "read", [lot["product_id"][0]],
                             fields=["name", "barcode"])[0]
    return lot, product, "%s/cloudoffice_lots/dl/01/%s/10/%s" % (
        server.url, product["barcode"].zfill(14), lot["name"])


def test_a_customer_scanning_the_qr_code_sees_the_public_page(odoo_server):
    server = odoo_server
    server.mark_log()
    lot, product, url = demo_blocked_batch(server)
    server.execute("stock.production.lot", "write", [lot["id"]],
                   {"public_notice": "Recall: return the bottle to the shop for a refund."})
    page = requests.get(url, allow_redirects=False, timeout=60)
    assert page.status_code == 200, page.status_code
    assert '<h1 id="public_product">%s</h1>' % product["name"] in page.text
    assert '<td id="public_batch">IPA-2611-03</td>' in page.text
    assert "This batch has been withdrawn" in page.text
    assert "Recall: return the bottle to the shop for a refund." in page.text
    assert 'id="public_expiry"' in page.text or not lot["life_date"]
    # nothing internal: the block reason, stock, links into the back office
    for internal in ("SOL-2203", "possible contamination", "/web#", "WH/Stock", "On Hand"):
        assert internal not in page.text, internal
    assert 'id="public_best_before"' not in page.text
    assert server.errors_in_log() == []


def test_the_company_decides_what_is_public(odoo_server):
    server = odoo_server
    lot, _product, url = demo_blocked_batch(server)
    company = lot["company_id"][0] if lot["company_id"] else server.ref("base.main_company")
    try:
        server.execute("res.company", "write", [company], {"cloudoffice_public_batch_info": "dates"})
        page = requests.get(url, timeout=60)
        assert 'id="public_best_before"' in page.text or 'id="public_production_date"' in page.text
        server.execute("res.company", "write", [company], {"cloudoffice_public_batch_info": "none"})
        hidden = requests.get(url, timeout=60)
        missing = requests.get(url.replace("IPA-2611-03", "IPA-2611-99"), timeout=60)
        # not public and not existing look the same: nothing to probe
        assert hidden.status_code == missing.status_code == 404
        assert hidden.text.replace("IPA-2611-03", "?") == missing.text.replace("IPA-2611-99", "?")
        for field in ("public_product", "public_batch", "public_expiry"):
            assert 'id="%s"' % field not in hidden.text
    finally:
        server.execute("res.company", "write", [company],
                       {"cloudoffice_public_batch_info": "minimal"})


def test_an_employee_scanning_the_qr_code_gets_the_full_batch_page(odoo_server):
    _lot, _product, url = demo_blocked_batch(odoo_server)
    session = logged_in(odoo_server, "warehouse", "warehouse")
    page = session.get(url, timeout=60)
    assert page.url.startswith(odoo_server.url + "/cloudoffice_lots/scan?code=")
    assert '<h1 id="scan_lot_name">IPA-2611-03</h1>' in page.text


def test_the_scan_page_answers_not_found_when_the_user_may_not_see_batches(odoo_server):
    server = odoo_server
    server.mark_log()
    session = logged_in(server, "accountant", "accountant")
    page = session.get(server.url + "/cloudoffice_lots/scan", params={"code": "IPA-2611-03"},
                       timeout=60)
    assert page.status_code == 200
    assert "No batch or serial number IPA-2611-03 was found, or you may not see it." in page.text
    assert 'id="scan_lot_name"' not in page.text
    assert server.errors_in_log() == []


def test_a_forged_recall_answer_link_shows_nothing(odoo_server):
    server = odoo_server
    server.mark_log()
    response = requests.get(server.url + "/cloudoffice_lots/recall/answer/1-99999999999-forged",
                            timeout=60)
    assert response.status_code == 404
    assert "This link is not valid" in response.text
    assert server.errors_in_log() == []

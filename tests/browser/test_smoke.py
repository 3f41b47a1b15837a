"""A user logs in to the demo database and opens the list of lots/serials."""


def test_login_and_open_lots_list(web):
    web.login().open_action("stock.action_production_lot_form")
    page = web.page
    page.wait_for_selector(".o_list_view")
    assert page.inner_text(".o_control_panel .breadcrumb").strip() == "Lots/Serial Numbers"
    # the web client's stylesheets were compiled (lessc): the navbar is styled
    navbar_background = page.eval_on_selector(
        "#oe_main_menu_navbar", "el => getComputedStyle(el).backgroundColor")
    assert navbar_background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert web.js_errors == []
    assert web.server.errors_in_log() == []

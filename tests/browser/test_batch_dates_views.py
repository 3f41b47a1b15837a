"""Batch dates read the same in every time zone, and the batch views a user
of a current ERP expects (cards, pivot, graph) open for the warehouse worker.

The browser runs in Stockholm, New York and Auckland: Odoo 11's web client
converts Datetimes with the browser's offset, so a day kept as a Datetime
would read one day in the form and another in the edit box.
"""
import datetime
import time

import pytest

from ..conftest import BrowserSession

ZONES = ("Europe/Stockholm", "America/New_York", "Pacific/Auckland")


def us_date(day):
    """The demo users' language (en_US) writes 08/01/2028."""
    return datetime.datetime.strptime(day, "%Y-%m-%d").strftime("%m/%d/%Y")


@pytest.fixture
def session_in(browser, odoo_server):
    contexts = []

    def open_session(timezone_id, width=1366):
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      timezone_id=timezone_id, locale="en-US")
        contexts.append(context)
        odoo_server.mark_log()
        return BrowserSession(context.new_page(), odoo_server)

    yield open_session
    for context in contexts:
        context.close()


def open_batch(web, lot_id):
    """The batch's form, loaded afresh (not a hash change in a page still loading)."""
    web.page.goto("%s/web?reload=%d#id=%d&model=stock.production.lot&view_type=form"
                  % (web.server.url, time.time() * 1000, lot_id))


def remove_facets(web):
    """Odoo's batch action groups by product; the views are checked without it."""
    while web.page.locator(".o_searchview .o_facet_remove").count():
        web.page.locator(".o_searchview .o_facet_remove").first.click()
        web.settle()


def dated_demo_lot(server):
    lots = server.execute_as("quality", "stock.production.lot", "search_read",
                             [("expiry_day", "!=", False), ("best_before_day", "!=", False)],
                             fields=["name", "expiry_day", "best_before_day", "removal_day",
                                     "alert_day"], limit=1, order="id")
    assert lots, "the demo data has batches with an expiry and a best-before date"
    return lots[0]


@pytest.mark.parametrize("zone", ZONES)
def test_quality_manager_reads_edits_and_saves_the_same_day_in_any_time_zone(session_in, zone):
    web = session_in(zone).login("quality")
    lot = dated_demo_lot(web.server)
    page = web.page
    open_batch(web, lot["id"])
    page.wait_for_selector(".o_form_view .o_field_widget[name=name]:has-text('%s')" % lot["name"])
    fields = ("expiry_day", "best_before_day", "removal_day", "alert_day")
    shown = {name: page.inner_text(".o_form_view .o_field_widget[name=%s]" % name).strip()
             for name in fields if lot[name]}
    assert shown == {name: us_date(lot[name]) for name in fields if lot[name]}

    page.click(".o_form_button_edit")
    page.wait_for_selector(".o_form_view.o_form_editable")
    edited = {name: page.input_value(".o_form_view .o_field_widget[name=%s] input" % name)
              for name in shown}
    assert edited == shown

    # Saving without a change keeps every day.
    page.click(".o_form_button_save")
    page.wait_for_selector(".o_form_view.o_form_readonly")
    web.settle()
    after = web.server.execute_as("quality", "stock.production.lot", "read", [lot["id"]],
                                  fields=list(fields))[0]
    assert {name: after[name] for name in fields} == {name: lot[name] for name in fields}
    assert {name: page.inner_text(".o_form_view .o_field_widget[name=%s]" % name).strip()
            for name in shown} == shown

    # The list shows the same day too.
    web.open_action("stock.action_production_lot_form")
    page.wait_for_selector(".o_list_view")
    search = page.locator(".o_searchview_input")
    remove_facets(web)
    search.fill(lot["name"])
    search.press("Enter")
    web.settle()
    row = page.locator(".o_list_view tr.o_data_row:has-text('%s')" % lot["name"]).first
    row.wait_for()
    assert us_date(lot["expiry_day"]) in row.inner_text()
    assert web.js_errors == []
    assert web.server.errors_in_log() == []


def test_changing_the_expiry_in_the_form_shows_the_other_dates_following(session_in):
    web = session_in("Pacific/Auckland").login("quality")
    lot = dated_demo_lot(web.server)
    page = web.page
    open_batch(web, lot["id"])
    page.wait_for_selector(".o_form_view .o_field_widget[name=name]:has-text('%s')" % lot["name"])
    page.click(".o_form_button_edit")
    day = datetime.datetime.strptime(lot["expiry_day"], "%Y-%m-%d").date()
    later = day + datetime.timedelta(days=10)
    web.type_into(page.locator(".o_form_view .o_field_widget[name=expiry_day] input"),
                  later.strftime("%m/%d/%Y"))
    best_before = datetime.datetime.strptime(lot["best_before_day"], "%Y-%m-%d").date()
    moved = (best_before + datetime.timedelta(days=10)).strftime("%m/%d/%Y")
    assert page.input_value(".o_form_view .o_field_widget[name=best_before_day] input") == moved
    page.click(".o_form_button_save")
    page.wait_for_selector(".o_form_view.o_form_readonly")
    web.settle()
    after = web.server.execute_as("quality", "stock.production.lot", "read", [lot["id"]],
                                  fields=["expiry_day", "best_before_day", "life_date"])[0]
    assert after["expiry_day"] == later.strftime("%Y-%m-%d")
    assert after["best_before_day"] == (best_before + datetime.timedelta(days=10)).strftime("%Y-%m-%d")
    assert after["life_date"] == later.strftime("%Y-%m-%d") + " 12:00:00"
    assert web.js_errors == []


def test_warehouse_worker_sees_batches_as_cards_pivot_and_graph(session_in):
    web = session_in("Europe/Stockholm").login("warehouse")
    page = web.page
    server = web.server
    lots = server.execute_as("warehouse", "stock.production.lot", "search_read",
                             [("expiry_day", "!=", False)],
                             fields=["name", "product_id", "expiry_day"], order="expiry_day")
    assert len(lots) >= 2, "the demo data has batches with expiry dates"
    today = datetime.date.today()

    def colour(lot):
        days_left = (datetime.datetime.strptime(lot["expiry_day"], "%Y-%m-%d").date() - today).days
        return "label-danger" if days_left <= 0 else "label-warning" if days_left <= 30 \
            else "label-success"

    web.open_action("stock.action_production_lot_form", view_type="kanban")
    page.wait_for_selector(".o_kanban_view .o_kanban_record")
    search = page.locator(".o_searchview_input")
    for lot in (lots[0], lots[-1]):
        remove_facets(web)
        search.fill(lot["name"])
        search.press("Enter")
        web.settle()
        card = page.locator(".o_kanban_record:has-text('%s')" % lot["name"]).first
        card.wait_for()
        assert colour(lot) in card.locator(".o_cloudoffice_expiry").get_attribute("class")
        assert datetime.datetime.strptime(lot["expiry_day"], "%Y-%m-%d").strftime("%m/%d/%Y") \
            in card.inner_text()
        assert lot["product_id"][1] in card.inner_text()
        assert card.locator(".o_cloudoffice_stock").inner_text().strip()
        assert any(state in card.inner_text()
                   for state in ("Released", "Awaiting tests", "Blocked", "Failed tests"))
    later = lots[-1:]

    web.open_action("stock.action_production_lot_form", view_type="pivot")
    page.wait_for_selector(".o_pivot table")
    header = page.inner_text(".o_pivot table thead")
    assert str(datetime.date.today().year) in header or str(datetime.date.today().year + 1) in header

    web.open_action("stock.action_production_lot_form", view_type="graph")
    page.wait_for_selector(".o_graph_svg_container svg, .o_graph svg")
    remove_facets(web)
    page.wait_for_selector(".o_graph_svg_container svg, .o_graph svg")
    assert "Released" in page.inner_text(".o_graph_svg_container, .o_graph")

    web.open_action("cloudoffice_lots.action_quant_batch_expiry")
    page.wait_for_selector(".o_pivot table")
    pivot = page.inner_text(".o_pivot table")
    assert later[0]["product_id"][1] in pivot
    assert web.js_errors == []
    assert web.server.errors_in_log() == []

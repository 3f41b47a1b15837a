"""The phone pages as a warehouse worker meets them on a phone (390 x 844):
a header with the user, a way back and logging out; installable on the home
screen (web app manifest and icons); large type and strong contrast; nothing
wider than the screen."""
import io

import pytest
from PIL import Image

from tests.browser.phone_common import phone_page_session

DEMO_LOT = "AP2601"


@pytest.fixture
def phone(browser, odoo_server):
    yield from phone_page_session(browser, odoo_server)


def contrast(foreground, background):
    """WCAG contrast ratio of two computed CSS colours ``rgb(r, g, b)``."""
    def luminance(css):
        channels = [int(part) / 255 for part in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def style(page, selector, prop):
    return page.eval_on_selector(selector, "(el, prop) => getComputedStyle(el)[prop]", prop)


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_phone_pages_header_readability_and_install(phone):
    page = phone.login("warehouse").page
    server = phone.server
    page.goto(server.url + "/cloudoffice_lots/phone")
    assert page.inner_text("#phone_user") == "Erik Lindqvist"
    assert page.get_attribute("#phone_back", "href") == "/web"
    assert fits_the_screen(page)

    # readable outdoors: large type, dark on light, thumb-sized buttons
    assert float(style(page, "body", "fontSize").rstrip("px")) >= 20
    assert contrast(style(page, "body", "color"), style(page, "body", "backgroundColor")) >= 7
    assert contrast(style(page, ".o_phone_header a", "color"),
                    style(page, ".o_phone_header", "backgroundColor")) >= 7
    for button in page.locator(".o_phone_menu .o_phone_button").all():
        box = button.bounding_box()
        assert box["height"] >= 56 and box["width"] >= 300

    # installable: a manifest with a start page and icons of the sizes phones ask for
    manifest_url = server.url + page.get_attribute("link[rel=manifest]", "href")
    manifest = page.request.get(manifest_url).json()
    assert manifest["start_url"] == "/cloudoffice_lots/phone"
    assert manifest["display"] == "standalone"
    sizes = set()
    for icon in manifest["icons"]:
        response = page.request.get(server.url + icon["src"])
        assert response.status == 200 and response.headers["content-type"] == "image/png"
        width, height = Image.open(io.BytesIO(response.body())).size
        assert icon["sizes"] == "%dx%d" % (width, height)
        sizes.add(width)
    assert {192, 512} <= sizes

    # the scan page, and back
    page.click("#phone_menu_scan")
    page.fill("#scan_code", DEMO_LOT)
    page.keyboard.press("Enter")
    page.wait_for_selector("#scan_lot_name")
    assert fits_the_screen(page)
    assert float(style(page, "#scan_lot_name", "fontSize").rstrip("px")) >= 24
    page.click("#phone_back")
    page.wait_for_selector("#phone_menu_receive")
    page.click("#phone_menu_receive")
    page.wait_for_selector("#phone_receipts")
    assert fits_the_screen(page)
    page.click("#phone_back")
    page.wait_for_selector("#phone_menu_scan")

    # logging out ends the session; logging in again comes back to the phone page
    page.click("#phone_logout")
    page.wait_for_selector("input[name=login]")
    assert page.request.get(server.url + "/cloudoffice_lots/phone",
                            max_redirects=0).status in (302, 303)
    page.fill("input[name=login]", "warehouse")
    page.fill("input[name=password]", "warehouse")
    page.click("button[type=submit]")
    page.wait_for_selector("#phone_menu_receive")
    assert phone.js_errors == []
    assert server.errors_in_log() == []

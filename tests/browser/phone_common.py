"""Helpers for the phone page journeys: a phone-sized browser, a warehouse
worker's HTTP session, and a camera that films a label."""
import os
import subprocess

import requests

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, BrowserSession

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True,
         "timezone_id": "Europe/Stockholm", "locale": "en-US"}
LIB = "/cloudoffice_lots/static/lib/barcode-detector/"


def user_session(server, login):
    """A requests session logged in as the demo user ``login``."""
    session = requests.Session()
    response = session.post(server.url + "/web/session/authenticate", timeout=60, json={
        "jsonrpc": "2.0", "params": {"db": server.database, "login": login, "password": login}})
    assert response.json()["result"]["uid"], response.text
    return session


def label_video(png_path, video_path):
    """A two-second camera film (640x480, .y4m as Chromium's fake camera
    plays it) of a label image held in front of the lens."""
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-loop", "1", "-i", str(png_path),
         "-vf", "scale=-2:320:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p",
         "-t", "2", "-r", "10", "-f", "yuv4mpegpipe", str(video_path)], check=True)
    return video_path


def phone_session(request, browser, server, video_path):
    """(generator for a fixture) A phone-sized page in a Chromium of its own
    whose camera films ``video_path`` (the fake camera is chosen when the
    browser starts, so the shared one can't); records what it loads."""
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + [
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        "--use-file-for-fake-video-capture=%s" % video_path])
    context = chromium.new_context(**PHONE)
    session = BrowserSession(context.new_page(), server)
    session.requests = []
    session.page.on("requestfinished", lambda req: session.requests.append(
        (req.url, req.response().status if req.response() else None)))
    server.mark_log()
    yield session
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        shots = os.path.join(REPO_ROOT, ".local", "screenshots")
        os.makedirs(shots, exist_ok=True)
        session.page.screenshot(path=os.path.join(shots, request.node.name + ".png"))
    context.close()
    chromium.close()


def phone_page_session(browser, server):
    """(generator for a fixture) A phone-sized page in the shared Chromium,
    for pages that need no camera."""
    context = browser.new_context(**PHONE)
    session = BrowserSession(context.new_page(), server)
    server.mark_log()
    yield session
    context.close()


def expected_receipt(server, default_code, quantity, origin):
    """An expected receipt of ``quantity`` units of a product from a
    supplier, as purchasing leaves it (made by the warehouse worker)."""
    product = server.execute_as("warehouse", "product.product", "search",
                                [["default_code", "=", default_code]])[0]
    picking_type = server.execute_as("warehouse", "stock.picking.type", "search_read",
                                     [["code", "=", "incoming"]], limit=1,
                                     fields=["default_location_dest_id"])[0]
    source = server.execute_as("warehouse", "stock.location", "search",
                               [["usage", "=", "supplier"]], limit=1)[0]
    destination = picking_type["default_location_dest_id"][0]
    uom = server.ref("product.product_uom_unit")
    picking = server.execute_as("warehouse", "stock.picking", "create", {
        "picking_type_id": picking_type["id"], "location_id": source,
        "location_dest_id": destination, "origin": origin,
        "move_lines": [[0, 0, {"name": default_code, "product_id": product, "product_uom_qty": quantity,
                               "product_uom": uom, "location_id": source,
                               "location_dest_id": destination}]]})
    server.execute_as("warehouse", "stock.picking", "action_confirm", [picking])
    return server.execute_as("warehouse", "stock.picking", "read", [picking], ["name"])[0]

"""A warehouse worker points the phone's camera at a batch label: the phone
scan page reads the barcode and shows the batch.

The camera is Chromium's fake capture device playing a film made with ffmpeg
of the GS1 DataMatrix our add-on renders for a demo batch. The scan is read
once by the browser's own BarcodeDetector and once by the ZXing WebAssembly
reader the add-on serves (forced with ?detector=polyfill), as on an iPhone or
in Firefox.
"""
import io
import os

import pytest
import zxingcpp
from PIL import Image

from tests.browser.phone_common import LIB, label_video, phone_session, user_session
from tests.conftest import REPO_ROOT

DEMO_LOT = "AP2601"
DEMO_PRODUCT = "Acrylic Paint Ultramarine 500 ml"
# Debian's Chromium on Linux has the BarcodeDetector API only on Android,
# ChromeOS and macOS builds: here the "native" run gets the vendored reader
# installed as window.BarcodeDetector before the page loads, as a browser
# that has the API would have it, so the page's native path is what runs.
NATIVE_STAND_IN = """
%s
;if (!('BarcodeDetector' in window)) {
    BarcodeDetectionAPI.prepareZXingModule({overrides: {locateFile: function (path, prefix) {
        return /\\.wasm$/.test(path) ? '%s' + path : prefix + path; }}});
    window.BarcodeDetector = BarcodeDetectionAPI.BarcodeDetector;
}
delete window.BarcodeDetectionAPI;
"""


@pytest.fixture(scope="module")
def camera_film(odoo_server, tmp_path_factory):
    """The film of the demo batch's label, rendered by our add-on for the
    warehouse worker (the batch form's barcode image)."""
    session = user_session(odoo_server, "warehouse")
    lot_id = odoo_server.execute_as("warehouse", "stock.production.lot", "search",
                                    [["name", "=", DEMO_LOT]])[0]
    response = session.get("%s/cloudoffice_lots/lot/%d/barcode.png?kind=gs1_datamatrix"
                           % (odoo_server.url, lot_id), timeout=60)
    assert response.status_code == 200
    label = Image.open(io.BytesIO(response.content))
    decoded = zxingcpp.read_barcodes(label)
    assert decoded[0].symbology_identifier == "]d2" and decoded[0].text.endswith(DEMO_LOT)
    folder = tmp_path_factory.mktemp("camera")
    png_path = folder / "label.png"
    png_path.write_bytes(response.content)
    return label_video(png_path, folder / "label.y4m")


@pytest.fixture
def phone(request, browser, odoo_server, camera_film):
    yield from phone_session(request, browser, odoo_server, camera_film)


def scan_with_camera(phone, url):
    page = phone.login("warehouse").page
    page.goto(url)
    assert page.inner_text("#phone_user") == "Erik Lindqvist"
    page.click("#scan_camera")
    page.wait_for_selector("#scan_lot_name", timeout=90000)
    assert page.inner_text("#scan_lot_name") == DEMO_LOT
    assert DEMO_PRODUCT in page.inner_text("#scan_product")
    assert phone.js_errors == []
    assert phone.server.errors_in_log() == []
    # everything came from our own server: no CDN
    assert all(url.startswith(phone.server.url) for url, _status in phone.requests), \
        [url for url, _status in phone.requests if not url.startswith(phone.server.url)]


def test_camera_scan_with_the_browsers_barcode_detector(phone):
    with open(os.path.join(REPO_ROOT, "cloudoffice_lots", "static", "lib", "barcode-detector",
                           "barcode-detector.js"), encoding="utf-8") as library:
        phone.page.context.add_init_script(NATIVE_STAND_IN % (library.read(), LIB))
    scan_with_camera(phone, phone.server.url + "/cloudoffice_lots/scan")
    # the page used window.BarcodeDetector, not its own copy of the reader
    assert not [url for url, _status in phone.requests if url.endswith("barcode-detector.js")]


def test_camera_scan_with_the_webassembly_reader(phone):
    phone.page.add_init_script("delete window.BarcodeDetector;")
    scan_with_camera(phone, phone.server.url + "/cloudoffice_lots/scan?detector=polyfill")
    loaded = dict(phone.requests)
    assert loaded[phone.server.url + LIB + "barcode-detector.js"] == 200
    assert loaded[phone.server.url + LIB + "zxing_reader.wasm"] == 200

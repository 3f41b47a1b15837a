"""Fixtures for tests that span both add-ons: a real Odoo HTTP server on a copy
of the template database, and Debian's Chromium driven by Playwright.

The server runs in its own process (as in production), so what a browser
journey does is committed to its own database copy, never to the template.
"""
import configparser
import os
import socket
import subprocess
import time
import urllib.request
import xmlrpc.client

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO_BIN = os.path.join(REPO_ROOT, "tools", "odoo-bin")
DB_SH = os.path.join(REPO_ROOT, "tools", "db.sh")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_config():
    parser = configparser.ConfigParser()
    parser.read(os.environ.get("CLOUDOFFICE_ODOO_CONF", os.path.join(REPO_ROOT, ".local", "odoo.conf")))
    return parser["options"]


def wait_until_serving(url, database, process, log_path, timeout=180):
    """Wait for the port, then make ONE request that loads the registry.

    A single request with a long timeout: parallel first requests would load
    the registry and import the add-ons' controllers concurrently.
    """
    deadline = time.time() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError("Odoo exited while starting; see %s" % log_path)
        try:
            socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=1).close()
            break
        except OSError:
            if time.time() > deadline:
                raise RuntimeError("Odoo did not listen within %d s; see %s" % (timeout, log_path))
            time.sleep(0.3)
    urllib.request.urlopen("%s/web/login?db=%s" % (url, database), timeout=timeout)


class OdooServer:
    """An Odoo server process on its own copy of the template database."""

    def __init__(self, database):
        self.database = database
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.log_path = os.path.join(REPO_ROOT, ".local", "%s.log" % database)
        self.process = None

    def start(self):
        subprocess.run([DB_SH, "copy", self.database], check=True)
        # No -d: with it, Odoo 11 preloads the registry while its HTTP thread
        # already serves, and a request during the preload imports add-ons
        # concurrently with it ("Model 'res.users' does not exist").
        self.process = subprocess.Popen(
            [ODOO_BIN, "--db-filter=^%s$" % self.database,
             "--http-port=%d" % self.port, "--max-cron-threads=0",
             "--logfile=%s" % self.log_path],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_serving(self.url, self.database, self.process, self.log_path)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        subprocess.run([DB_SH, "drop", self.database], check=False)

    def execute(self, model, method, *args, **kwargs):
        """Call a model method over XML-RPC as the demo administrator, the way
        an integration or a scripted setup step would."""
        return self.execute_as("admin", model, method, *args, **kwargs)

    def execute_as(self, login, model, method, *args, **kwargs):
        """Call a model method over XML-RPC as the demo user ``login`` (whose
        password is its login: ``warehouse``, ``seller``, ``quality``,
        ``accountant``), so the call meets that user's rights."""
        common = xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/common", allow_none=True)
        uid = common.authenticate(self.database, login, login, {})
        assert uid, "the demo user %r cannot log in" % login
        models = xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/object", allow_none=True)
        return models.execute_kw(self.database, uid, login, model, method, list(args), kwargs)

    def ref(self, xmlid):
        return self.execute("ir.model.data", "xmlid_to_res_id", xmlid)

    def mark_log(self):
        """From now on, errors_in_log() reports only what is logged after this."""
        self.log_mark = os.path.getsize(self.log_path) if os.path.exists(self.log_path) else 0

    def errors_in_log(self):
        """ERROR/CRITICAL lines the server logged since the mark (the browser
        can't see those); each test marks at its start."""
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            log.seek(getattr(self, "log_mark", 0))
            return [line for line in log if " ERROR " in line or " CRITICAL " in line]


@pytest.fixture(scope="session")
def odoo_server():
    server = OdooServer("cloudoffice_http_%d" % os.getpid()).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's Chromium is missing: run 'make test' (it installs it) "
                    "or apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class BrowserSession:
    """A logged-in page that records JavaScript errors."""

    def __init__(self, page, server):
        self.page = page
        self.server = server
        self.js_errors = []
        self._calls_in_flight = {}
        page.on("pageerror", lambda error: self.js_errors.append(str(error)))
        page.on("console", lambda msg: msg.type == "error" and self.js_errors.append(msg.text))
        page.on("request", self._track_call)
        page.on("requestfinished", lambda request: self._calls_in_flight.pop(request, None))
        page.on("requestfailed", lambda request: self._calls_in_flight.pop(request, None))

    def _track_call(self, request):
        if "/web/dataset/" in request.url:
            self._calls_in_flight[request] = time.time()

    def settle(self, quiet_ms=250, timeout_ms=30000):
        """Wait until the web client has no server call (onchange, save) under way.

        Odoo re-renders an editable row when an onchange returns and puts the
        focus back where it was: typing into the next field before that would
        land in the wrong one.
        """
        waited = quiet = 0
        while quiet < quiet_ms:
            self.page.wait_for_timeout(50)
            waited += 50
            # A call the browser never reports as finished (cancelled by the
            # client when a newer one replaced it) does not count after 10 s.
            now = time.time()
            pending = [started for started in self._calls_in_flight.values() if now - started < 10]
            quiet = quiet + 50 if not pending else 0
            if waited > timeout_ms:
                raise AssertionError("the web client kept calling the server for %d ms" % timeout_ms)
        return self

    def type_into(self, locator, text):
        """Fill a field the way a user does (then leaves it), and let Odoo settle."""
        locator.fill(text)
        locator.press("Tab")
        return self.settle()

    def login(self, login="admin", password=None):
        """Log in as ``login``; the demo users' password is their login."""
        password = password or login
        page = self.page
        page.goto("%s/web/login?db=%s" % (self.server.url, self.server.database))
        page.fill("input[name=login]", login)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_selector("#oe_main_menu_navbar", timeout=60000)
        return self

    def open_action(self, xmlid, view_type=None):
        """Open a window action by XML id, as a click on its menu would."""
        url = "%s/web?reload=%d#action=%s" % (self.server.url, time.time() * 1000, xmlid)
        if view_type:
            url += "&view_type=%s" % view_type
        self.page.goto(url)
        self.page.wait_for_selector(".o_view_manager_content > div", timeout=60000)
        return self


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


@pytest.fixture
def web(request, browser, odoo_server):
    # The demo users work in Stockholm time; so does the browser.
    context = browser.new_context(viewport={"width": 1366, "height": 900},
                                  timezone_id="Europe/Stockholm", locale="en-US")
    session = BrowserSession(context.new_page(), odoo_server)
    odoo_server.mark_log()
    yield session
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        shots = os.path.join(REPO_ROOT, ".local", "screenshots")
        os.makedirs(shots, exist_ok=True)
        session.page.screenshot(path=os.path.join(shots, request.node.name + ".png"), full_page=True)
    context.close()

"""A fake Fortnox on 127.0.0.1: real HTTP, the documented contract, and switches.

It follows what Fortnox documents (see the connector's README): both token
flows (authorization code with single-use rotating refresh tokens; service
accounts with client credentials), Bearer authentication, bodies wrapped in
the resource name, substring search, pagination with ``MetaInformation``, a
sliding-window limit of 25 requests per 5 seconds per token's tenant answered
with 429, error bodies in both key cases (lowercase ``error/message/code`` on
invoices, capitalised ``Error/Message/Code`` on customers, articles and
suppliers), text rows returned with quantity "0", and the Fortnox Lager
endpoints the connector uses.

Switches for the tests: ``fail_next(n, status)`` (5xx), ``slow_next(n,
seconds)``, ``drop_after_store(n)`` (store the document, then close the
connection without answering), ``expire_tokens()``. A consent page
(``/oauth-v1/auth``) lets a browser approve the connection.

    fake = FakeFortnox().start()
    ... fake.url, fake.api_url, fake.warehouse_url ...
    fake.stop()
"""
import base64
import collections
import itertools
import secrets
import threading
import time
from http.server import ThreadingHTTPServer

from .fake_fortnox_api import FakeHandler


class FakeFortnox:
    def __init__(self, client_id="fake-client", client_secret="fake-secret", limit=25, window=5.0,
                 warehouse=False, company_name="Fake Lager AB", tenant_id=123456,
                 token_lifetime=3600):
        self.client_id, self.client_secret = client_id, client_secret
        self.limit, self.window = limit, window
        self.warehouse = warehouse
        self.company_name, self.tenant_id = company_name, tenant_id
        self.token_lifetime = token_lifetime
        self.lock = threading.RLock()
        self.codes = {}            # code -> (redirect_uri, scope)
        self.access_tokens = {}    # token -> expires_at
        self.refresh_tokens = {}   # token -> scope, removed when used
        self.used_refresh_tokens = set()
        self.customers, self.suppliers, self.articles = {}, {}, {}
        self.invoices, self.supplier_invoices = {}, {}
        self.vouchers = []
        self.deliveries = {"inbound": {}, "outbound": {}}
        self.transfers = []
        self.stock_points = [{"id": "sp1", "code": "HL", "name": "Huvudlager"}]
        self._invoice_numbers = itertools.count(1)
        self._given_numbers = itertools.count(1)
        self._delivery_ids = itertools.count(1)
        self.hits = collections.defaultdict(collections.deque)  # tenant -> send times
        self.log = []              # (time, method, path, status)
        self.refresh_count = 0
        self._faults = []          # [kind, remaining, argument]
        self.server = None

    # ------------------------------------------------------------ lifecycle
    def start(self):
        fake = self

        class Handler(FakeHandler):
            pass
        Handler.fake = fake
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    @property
    def api_url(self):
        return self.url + "/3/"

    @property
    def warehouse_url(self):
        return self.url + "/api/warehouse/"

    @property
    def auth_url(self):
        return self.url + "/oauth-v1/auth"

    @property
    def token_url(self):
        return self.url + "/oauth-v1/token"

    def reset(self):
        """Forget every document and switch (tokens stay valid)."""
        with self.lock:
            self.customers.clear()
            self.suppliers.clear()
            self.articles.clear()
            self.invoices.clear()
            self.supplier_invoices.clear()
            self.vouchers[:] = []
            self.deliveries = {"inbound": {}, "outbound": {}}
            self._invoice_numbers = itertools.count(1)
            self._faults = []
            self.log[:] = []

    # -------------------------------------------------------------- switches
    def fail_next(self, count=1, status=503):
        self._faults.append(["fail", count, status])

    def slow_next(self, count=1, seconds=2.0):
        self._faults.append(["slow", count, seconds])

    def drop_after_store(self, count=1, path="/3/"):
        """Store the next ``count`` POSTs under ``path``, then drop the connection."""
        self._faults.append(["drop", count, path])

    def expire_tokens(self):
        with self.lock:
            for token in self.access_tokens:
                self.access_tokens[token] = 0

    def take_fault(self, kind, path=None):
        with self.lock:
            for fault in self._faults:
                if fault[0] != kind or fault[1] <= 0:
                    continue
                if kind == "drop" and not path.startswith(fault[2]):
                    continue
                fault[1] -= 1
                return fault[2] if fault[2] is not None else True
        return None

    def clear_faults(self):
        with self.lock:
            self._faults = []

    def issue_code(self, redirect_uri, scope):
        code = secrets.token_urlsafe(12)
        self.codes[code] = (redirect_uri, scope)
        return code

    def api_requests(self):
        return [entry for entry in self.log if entry[2].startswith(("/3/", "/api/"))]

    # ------------------------------------------------------------- tokens
    def _new_tokens(self, scope, refresh=True):
        access = "at-" + secrets.token_hex(12)
        self.access_tokens[access] = time.time() + self.token_lifetime
        answer = {"access_token": access, "expires_in": self.token_lifetime,
                  "token_type": "Bearer", "scope": scope}
        if refresh:
            token = "rt-" + secrets.token_hex(12)
            self.refresh_tokens[token] = scope
            answer["refresh_token"] = token
        return answer

    def token(self, headers, form):
        auth = headers.get("Authorization", "")
        expected = "Basic " + base64.b64encode(
            ("%s:%s" % (self.client_id, self.client_secret)).encode()).decode()
        if auth != expected:
            return 401, {"error": "invalid_client", "error_description": "Invalid client credentials"}
        grant = form.get("grant_type")
        with self.lock:
            if grant == "authorization_code":
                code = self.codes.pop(form.get("code"), None)
                if not code or code[0] != form.get("redirect_uri"):
                    return 400, {"error": "invalid_grant", "error_description": "Invalid authorization code"}
                return 200, self._new_tokens(code[1])
            if grant == "refresh_token":
                token = form.get("refresh_token")
                scope = self.refresh_tokens.pop(token, None)
                if scope is None:
                    return 400, {"error": "invalid_grant", "error_description": "Invalid refresh token"}
                self.used_refresh_tokens.add(token)
                self.refresh_count += 1
                return 200, self._new_tokens(scope)
            if grant == "client_credentials":
                if headers.get("TenantId") != str(self.tenant_id):
                    return 400, {"error": "invalid_request", "error_description": "Unknown tenant"}
                return 200, self._new_tokens("companyinformation invoice customer article", refresh=False)
        return 400, {"error": "unsupported_grant_type"}

    def check_bearer(self, headers):
        auth = headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return False
        with self.lock:
            expires = self.access_tokens.get(auth[7:])
        return expires is not None and expires > time.time()

    def over_limit(self, key):
        now = time.time()
        with self.lock:
            hits = self.hits[key]
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return True
            hits.append(now)
        return False


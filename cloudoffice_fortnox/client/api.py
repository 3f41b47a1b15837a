"""The Fortnox REST client: Bearer requests, pacing, retries, pagination.

Every request waits for the pacer, carries ``Authorization: Bearer``, and is
retried with exponential backoff when Fortnox answers 429 or 5xx, or does not
answer in time. A 401 gets one new token and one retry. A POST that timed out
may have been stored by Fortnox: it is NOT retried blindly here; the caller
(who knows the document's natural key) looks it up first, see
``FortnoxClient.create_invoice_once``.
"""
import json
import logging
import time

import requests

from .errors import FortnoxAuthError, FortnoxError, FortnoxUnavailable, error_for
from .pacer import Pacer
from .resources import ResourcesMixin

_logger = logging.getLogger(__name__)

API_URL = "https://api.fortnox.se/3/"
WAREHOUSE_URL = "https://api.fortnox.se/api/warehouse/"


class StaticToken:
    """A fixed access token (tests, scripts); Odoo passes a TokenManager."""

    def __init__(self, token):
        self.token = token

    def access_token(self, rejected=None):
        if rejected == self.token:
            raise FortnoxAuthError("Fortnox refused the access token.")
        return self.token


class FortnoxClient(ResourcesMixin):
    """One tenant's connection to Fortnox.

    ``tokens`` has ``access_token(rejected=None)``; ``tenant`` keys the pacer
    (Fortnox counts per client id and tenant).
    """

    def __init__(self, tokens, tenant="default", api_url=API_URL, warehouse_url=WAREHOUSE_URL,
                 pacer=None, session=None, timeout=(5, 60), retries=6, backoff=0.5,
                 max_backoff=30.0, sleep=time.sleep):
        self.tokens = tokens
        self.tenant = tenant
        self.api_url = api_url.rstrip("/") + "/"
        self.warehouse_url = warehouse_url.rstrip("/") + "/"
        self.pacer = pacer or Pacer()
        self.session = session or requests.Session()
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.sleep = sleep
        self.requests_sent = 0

    # ------------------------------------------------------------ plumbing
    def _url(self, path, warehouse=False):
        return (self.warehouse_url if warehouse else self.api_url) + path.lstrip("/")

    def _delay(self, attempt, response=None):
        retry_after = response is not None and response.headers.get("Retry-After") or ""
        if retry_after.strip().isdigit():  # seconds; an HTTP date is ignored
            return min(self.max_backoff, float(retry_after))
        return min(self.max_backoff, self.backoff * (2 ** attempt))

    def request(self, method, path, params=None, body=None, warehouse=False, retry_post=False):
        """Send one request and return the parsed JSON body (``{}`` when empty).

        ``retry_post``: whether a POST whose answer was lost may be sent
        again (only when a duplicate is harmless or guarded by the caller).
        """
        method = method.upper()
        label = "%s %s" % (method, path.split("?")[0])
        idempotent = method in ("GET", "PUT", "DELETE") or retry_post
        rejected = None
        attempt = 0
        while True:
            token = self.tokens.access_token(rejected=rejected)
            slot = self.pacer.wait(self.tenant)
            headers = {"Authorization": "Bearer %s" % token, "Accept": "application/json"}
            data = None
            if body is not None:
                headers["Content-Type"] = "application/json"
                data = json.dumps(body)
            self.requests_sent += 1
            try:
                response = self.session.request(method, self._url(path, warehouse), params=params,
                                                data=data, headers=headers, timeout=self.timeout)
            except (requests.ConnectionError, requests.Timeout) as exc:
                self.pacer.finished(self.tenant, slot)
                error = FortnoxUnavailable("Fortnox did not answer in time (%s)." % type(exc).__name__,
                                           request=label)
                if not idempotent or attempt >= self.retries:
                    raise error
                _logger.info("Fortnox: %s, retrying", error)
                self.sleep(self._delay(attempt))
                attempt += 1
                continue
            self.pacer.finished(self.tenant, slot)
            if response.status_code < 400:
                if not response.content:
                    return {}
                try:
                    return response.json()
                except ValueError:
                    raise FortnoxUnavailable("Fortnox answered something that is not JSON.",
                                             response.status_code, request=label)
            try:
                parsed = response.json()
            except ValueError:
                parsed = None
            error = error_for(response.status_code, parsed, label)
            if response.status_code == 401 and rejected is None:
                rejected = token  # expired or revoked: one new token, one more try
                continue
            if response.status_code == 429:
                self.pacer.penalise(self.tenant, self._delay(attempt, response))
            elif not error.retryable or not idempotent:
                raise error  # a POST that failed with 5xx may be stored: the caller looks
            if attempt >= self.retries:
                raise error
            _logger.info("Fortnox: %s, retrying", error)
            if response.status_code != 429:
                self.sleep(self._delay(attempt, response))
            attempt += 1

    def get(self, path, params=None, warehouse=False):
        return self.request("GET", path, params=params, warehouse=warehouse)

    def post(self, path, body, warehouse=False, retry_post=False):
        return self.request("POST", path, body=body, warehouse=warehouse, retry_post=retry_post)

    def put(self, path, body=None, warehouse=False):
        return self.request("PUT", path, body=body, warehouse=warehouse)

    def iter_list(self, path, key, params=None, limit=500):
        """Yield every item of a paged list (``MetaInformation`` tells the pages)."""
        page = 1
        while True:
            query = dict(params or {}, page=page, limit=limit)
            answer = self.get(path, query)
            yield from answer.get(key) or []
            meta = answer.get("MetaInformation") or {}
            total_pages = int(meta.get("@TotalPages") or 1)
            if page >= total_pages:
                return
            page += 1


__all__ = ["FortnoxClient", "FortnoxError", "StaticToken"]

"""Fortnox OAuth 2: consent, code exchange, refresh and service accounts.

Refresh tokens are single use and rotated on every refresh: two refreshes at
once, or a new refresh token that is lost, end the integration. So
:class:`TokenManager` refreshes only inside its store's lock, re-reads the
tokens there (another worker may have refreshed meanwhile) and saves the new
pair (the store commits it) before anyone uses the new access token.

A service account (client credentials) has no refresh token: a new access
token is simply asked for with the client id, secret and tenant id.
"""
import base64
import collections
import contextlib
import threading
import time

import requests

from .errors import FortnoxAuthError, FortnoxUnavailable, error_for

AUTH_URL = "https://apps.fortnox.se/oauth-v1/auth"
TOKEN_URL = "https://apps.fortnox.se/oauth-v1/token"
DEFAULT_SCOPES = ("companyinformation", "invoice", "supplierinvoice", "customer",
                  "supplier", "article", "bookkeeping", "settings")

Tokens = collections.namedtuple(
    "Tokens", "access_token refresh_token expires_at scope service")


class OAuth:
    """The token endpoint of one Fortnox integration (client id and secret)."""

    def __init__(self, client_id, client_secret, auth_url=AUTH_URL, token_url=TOKEN_URL,
                 session=None, timeout=(5, 30), clock=time.time):
        self.client_id = client_id
        self.client_secret = client_secret
        self.auth_url = auth_url
        self.token_url = token_url
        self.session = session or requests.Session()
        self.timeout = timeout
        self.clock = clock

    def authorize_url(self, redirect_uri, state, scopes=DEFAULT_SCOPES, service=False):
        """Where to send the administrator to give consent.

        >>> url = OAuth("id", "s", auth_url="https://f/auth").authorize_url(
        ...     "https://odoo/cb", "xyz", ["invoice", "customer"])
        >>> url.split("?")[1]
        'client_id=id&redirect_uri=https%3A%2F%2Fodoo%2Fcb&scope=invoice+customer&state=xyz&access_type=offline&response_type=code'
        """
        params = [("client_id", self.client_id), ("redirect_uri", redirect_uri),
                  ("scope", " ".join(scopes)), ("state", state),
                  ("access_type", "offline"), ("response_type", "code")]
        if service:
            params.append(("account_type", "service"))
        return requests.Request("GET", self.auth_url, params=params).prepare().url

    def _basic(self):
        raw = ("%s:%s" % (self.client_id, self.client_secret)).encode("utf-8")
        return "Basic " + base64.b64encode(raw).decode("ascii")

    def _token_request(self, data, headers=None, service=False):
        all_headers = {"Authorization": self._basic(), "Accept": "application/json"}
        all_headers.update(headers or {})
        try:
            response = self.session.post(self.token_url, data=data, headers=all_headers,
                                         timeout=self.timeout)
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise FortnoxUnavailable("Fortnox's token service did not answer (%s)." % type(exc).__name__,
                                     request="POST token")
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code != 200 or not isinstance(body, dict) or "access_token" not in body:
            if response.status_code in (400, 401) and isinstance(body, dict):
                message = body.get("error_description") or body.get("error")
                raise FortnoxAuthError("Fortnox refused the authorisation.", response.status_code,
                                       None, message, "POST token")
            raise error_for(response.status_code or 500, body, "POST token")
        expires_in = int(body.get("expires_in") or 3600)
        return Tokens(body["access_token"], body.get("refresh_token") or None,
                      self.clock() + expires_in, body.get("scope") or "", service)

    def exchange_code(self, code, redirect_uri):
        """Trade the consent's ``code`` for the first access and refresh token."""
        return self._token_request({"grant_type": "authorization_code", "code": code,
                                    "redirect_uri": redirect_uri})

    def refresh(self, refresh_token):
        """Trade a refresh token (used up by this call) for a new pair."""
        return self._token_request({"grant_type": "refresh_token", "refresh_token": refresh_token})

    def client_credentials(self, tenant_id):
        """An access token for a service account (no refresh token)."""
        return self._token_request({"grant_type": "client_credentials"},
                                   headers={"TenantId": str(tenant_id)}, service=True)


class MemoryTokenStore:
    """Tokens of one process; the Odoo store keeps them in a locked row."""

    def __init__(self, tokens=None, tenant_id=None):
        self.tokens = tokens
        self.tenant_id = tenant_id
        self._lock = threading.Lock()

    def load(self):
        return self.tokens

    @contextlib.contextmanager
    def locked(self):
        """Yield the current tokens under a lock; ``save`` inside it keeps new ones."""
        with self._lock:
            yield self.tokens

    def save(self, tokens):
        self.tokens = tokens


class TokenManager:
    """Hand out a valid access token, refreshing under the store's lock."""

    def __init__(self, oauth, store, leeway=120, clock=time.time):
        self.oauth = oauth
        self.store = store
        self.leeway = leeway
        self.clock = clock

    def _valid(self, tokens, rejected=None):
        return (tokens is not None and tokens.access_token
                and tokens.access_token != rejected
                and tokens.expires_at - self.leeway > self.clock())

    def access_token(self, rejected=None):
        """A token that is not expired and not ``rejected`` (one Fortnox refused)."""
        tokens = self.store.load()
        if self._valid(tokens, rejected):
            return tokens.access_token
        with self.store.locked() as current:
            if self._valid(current, rejected):
                return current.access_token  # another worker refreshed meanwhile
            if current is None:
                raise FortnoxAuthError("The company is not connected to Fortnox.")
            if current.service:
                new = self.oauth.client_credentials(self.store.tenant_id)
            elif current.refresh_token:
                new = self.oauth.refresh(current.refresh_token)
            else:
                raise FortnoxAuthError("The Fortnox connection has no refresh token: connect again.")
            self.store.save(new)
        return new.access_token

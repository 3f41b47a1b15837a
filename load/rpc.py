"""A user's session on Odoo's web client JSON-RPC routes, the requests the
browser sends (``/web/session/authenticate``, ``/web/dataset/call_kw``,
``/web/dataset/call_button``). No Odoo import: the load script runs it in its
own virtualenv with locust's HTTP session."""
import itertools

import requests


class RpcError(Exception):
    """An error Odoo returned: ``kind`` is the exception's class name
    (``odoo.exceptions.UserError``), ``message`` what the user would read."""

    def __init__(self, kind, message):
        super().__init__("%s: %s" % (kind, message))
        self.kind = kind
        self.message = message

    @property
    def is_user_error(self):
        return self.kind.split(".")[-1] in ("UserError", "ValidationError", "Warning", "except_orm")


class WebSession:
    """``session`` is a requests.Session or locust's HttpSession (then ``url``
    may be empty and requests take a ``name`` for the statistics)."""

    _ids = itertools.count(1)

    def __init__(self, url, database, session=None, timeout=120):
        self.url = url.rstrip("/")
        self.database = database
        self.http = session if session is not None else requests.Session()
        self.timeout = timeout
        self.uid = None
        self.name = None  # label of the requests in locust's statistics

    def post(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": next(self._ids)}
        extra = {"name": self.name} if self.name else {}
        response = self.http.post(self.url + path, json=payload, timeout=self.timeout, **extra)
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            data = body["error"].get("data") or {}
            raise RpcError(data.get("name", "error"), data.get("message") or body["error"].get("message"))
        return body.get("result")

    def login(self, login, password=None):
        result = self.post("/web/session/authenticate", {
            "db": self.database, "login": login, "password": password or login})
        if not result or not result.get("uid"):
            raise RpcError("AccessDenied", "login %s refused" % login)
        self.uid = result["uid"]
        return self

    def call(self, model, method, *args, **kwargs):
        return self.post("/web/dataset/call_kw/%s/%s" % (model, method), {
            "model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def button(self, model, method, ids, context=None):
        """A button click in a form: what ``call_button`` returns (an action or False)."""
        return self.post("/web/dataset/call_button", {
            "model": model, "method": method, "args": [ids, context or {}]})

    def get(self, path):
        extra = {"name": self.name} if self.name else {}
        response = self.http.get(self.url + path, timeout=self.timeout, **extra)
        response.raise_for_status()
        return response

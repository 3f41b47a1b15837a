"""Plain-Python Fortnox client (no Odoo import): OAuth, pacing, retries, resources.

>>> from cloudoffice_fortnox.client import FortnoxClient, StaticToken  # doctest: +SKIP
>>> client = FortnoxClient(StaticToken("token"), tenant="123")  # doctest: +SKIP
>>> client.company_information()["CompanyName"]  # doctest: +SKIP
"""
from .api import API_URL, WAREHOUSE_URL, FortnoxClient, StaticToken
from .errors import (FortnoxAuthError, FortnoxError, FortnoxNotFound, FortnoxRateLimited,
                     FortnoxUnavailable, read_error)
from .oauth import AUTH_URL, DEFAULT_SCOPES, TOKEN_URL, MemoryTokenStore, OAuth, TokenManager, Tokens
from .pacer import FakeClock, MemoryStore, Pacer

__all__ = [
    "API_URL", "AUTH_URL", "DEFAULT_SCOPES", "TOKEN_URL", "WAREHOUSE_URL",
    "FakeClock", "FortnoxAuthError", "FortnoxClient", "FortnoxError", "FortnoxNotFound",
    "FortnoxRateLimited", "FortnoxUnavailable", "MemoryStore", "MemoryTokenStore", "OAuth",
    "Pacer", "StaticToken", "TokenManager", "Tokens", "read_error",
]

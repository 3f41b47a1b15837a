"""Keep users' sessions while PostgreSQL is briefly unreachable.

Not a Python 3.11 matter: Odoo 11's ``odoo.http.Root.dispatch`` starts each
request with ``registry.check_signaling()`` and takes any
``psycopg2.OperationalError`` there for a database that no longer exists: it
logs the session out. When PostgreSQL is restarted (or fails over), every
user whose request arrives during those seconds is thrown back to the login
page, and each of their next requests fails too.

Inside an HTTP request, a connection that cannot be made or was cut while
checking the signaling becomes ``503 Service Unavailable`` instead: that one
request fails, the session stays, and the user's next request works once the
database is back. A database that really is gone ("does not exist") keeps
Odoo's own handling.
"""
import psycopg2

_GONE = "does not exist"


def database_unreachable(error):
    """True for a connection failure or cut, not for a missing database."""
    return isinstance(error, psycopg2.OperationalError) and _GONE not in str(error)


def patch(registry_module):
    registry_class = registry_module.Registry
    original = registry_class.check_signaling
    if getattr(original, "keeps_sessions", False):
        return

    def check_signaling(self):
        try:
            return original(self)
        except psycopg2.OperationalError as error:
            from odoo.http import request
            from werkzeug.exceptions import ServiceUnavailable

            if request and database_unreachable(error):
                raise ServiceUnavailable(
                    "The database is unreachable for a moment; try again.") from error
            raise

    check_signaling.keeps_sessions = True
    check_signaling.__doc__ = original.__doc__
    registry_class.check_signaling = check_signaling

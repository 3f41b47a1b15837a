"""A database that cannot be reached for a moment is told apart from one that
is gone (the request answers 503 and keeps its session; see
tests/production/test_postgres_restart.py for the whole journey)."""
import socket

import psycopg2
from odoo.modules.registry import Registry
from odoo.tools import config
from odoo11_compat.db_outage import database_unreachable


def _connect_error(**kwargs):
    params = {"host": config["db_host"] or "127.0.0.1", "port": config["db_port"] or 5432,
              "user": config["db_user"], "connect_timeout": 5}
    params.update(kwargs)
    try:
        psycopg2.connect(**params).close()
    except psycopg2.OperationalError as error:
        return error
    raise AssertionError("the connection was made: %s" % kwargs)


def test_a_server_that_refuses_is_unreachable():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert database_unreachable(_connect_error(dbname="postgres", port=port))


def test_a_database_that_does_not_exist_is_not_unreachable():
    assert not database_unreachable(_connect_error(dbname="cloudoffice_no_such_database"))


def test_the_registry_signaling_check_is_wrapped():
    assert getattr(Registry.check_signaling, "keeps_sessions", False)

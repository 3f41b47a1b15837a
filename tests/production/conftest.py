"""Two Odoo nodes in prefork mode (two HTTP workers each, the first with the
cron worker) on one copy of the template database and its filestore, with
users and stock received for the tests (load/dataset.py)."""
import os
import subprocess

import odoo
import pytest

from load import dataset
from load.nodes import DB_SH, Cluster


@pytest.fixture(scope="session")
def cluster():
    database = "cloudoffice_prod_%d" % os.getpid()
    subprocess.run([DB_SH, "copy", database], check=True)
    nodes = Cluster(database, nodes=2, workers=2, copy=False)
    try:
        nodes.info = dataset.prepare_database(database, sellers=8, warehouse=4, serials=10)
        odoo.sql_db.close_db(database)
        nodes.start()
        yield nodes
    finally:
        nodes.stop(drop=False)
        odoo.sql_db.close_db(database)
        subprocess.run([DB_SH, "drop", database], check=False)

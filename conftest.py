"""Root pytest configuration.

``make test`` runs pytest with pytest-odoo (``--odoo-config``), which puts our
add-ons on Odoo's addons path. Without it (``pytest -p no:odoo`` on the
plain-Python packages such as ``cloudoffice_lots.gs1``), this makes
``odoo.addons.cloudoffice_lots`` importable all the same.
"""
import os

import odoo
import odoo.addons

REPO_ROOT = os.path.dirname(os.path.abspath(__file__))


def pytest_configure(config):
    plugin_configured = config.pluginmanager.hasplugin("odoo") and (
        config.getoption("--odoo-config", None) or config.getoption("--odoo-database", None))
    if not plugin_configured and REPO_ROOT not in odoo.addons.__path__:
        odoo.addons.__path__.append(REPO_ROOT)

"""A Swedish warehouse worker calling over XML-RPC (no context given) reads
our errors in Swedish."""
import xmlrpc.client

import pytest


def test_a_swedish_worker_reads_our_errors_in_swedish_over_rpc(odoo_server):
    server = odoo_server
    server.execute("ir.translation", "load_module_terms", [], ["cloudoffice_lots"], ["sv_SE"])
    if not server.execute("res.users", "search", [("login", "=", "karin.sv")]):
        server.execute("res.users", "create", {
            "name": "Karin Svensson", "login": "karin.sv", "password": "karin.sv",
            "lang": "sv_SE", "tz": "Europe/Stockholm", "email": "karin@example.com",
            "groups_id": [(6, 0, [server.ref("base.group_user"),
                                  server.ref("stock.group_stock_user")])]})
    calls = [
        (("stock.production.lot", "cloudoffice_find_by_scan", "(01)09506000134384(10)X"),
         "kontrollsiffran ska vara 3"),
        (("stock.production.lot", "cloudoffice_find_by_scan", "NO-SUCH-BATCH-7"),
         "Det finns inget batch- eller serienummer NO-SUCH-BATCH-7"),
        (("cloudoffice.lot.override", "create",
          {"lot_id": 1, "picking_id": 1, "reason": "ok"}),
         "Endast användare som får leverera utgångna eller ej frisläppta batcher"),
    ]
    for call, swedish in calls:
        with pytest.raises(xmlrpc.client.Fault) as caught:
            server.execute_as("karin.sv", *call)
        assert swedish in caught.value.faultString, caught.value.faultString

"""1,000 batch labels, each with its own GS1 DataMatrix, as one PDF.

Ours: the ``cloudoffice.label.layout`` engine (reportlab, vector modules),
data read from the batches included. Odoo's own way: the lot barcode report
``stock.report_lot_barcode`` rendered by wkhtmltopdf on the same batches
(``render_qweb_pdf``), its Code 128 images served by this process's own HTTP
server as in production, so that wkhtmltopdf fetches them for real.
"""
import threading

import odoo
from werkzeug.serving import make_server

from .common import best_of

COUNT = 1000
PREFIX = "BENCH-LBL-"
GTIN = "9506000134376"


def _product(env):
    product = env["product.product"].search([("default_code", "=", "BENCH-LBL")], limit=1)
    return product or env["product.product"].create({
        "name": "Benchmark Label Product", "default_code": "BENCH-LBL", "type": "product",
        "tracking": "lot", "barcode": GTIN, "life_time": 365, "use_time": 300})


def prepare(env):
    """Create the 1,000 batches once (kept in the benchmark database)."""
    product = _product(env)
    existing = set(env["stock.production.lot"].search(
        [("product_id", "=", product.id), ("name", "=like", PREFIX + "%")]).mapped("name"))
    for index in range(COUNT):
        name = "%s%04d" % (PREFIX, index)
        if name not in existing:
            env["stock.production.lot"].create({
                "name": name, "product_id": product.id,
                "production_date": "2026-%02d-%02d" % (index % 12 + 1, index % 28 + 1)})


def _lots(env):
    return env["stock.production.lot"].search(
        [("product_id", "=", _product(env).id), ("name", "=like", PREFIX + "%")],
        order="name", limit=COUNT)


class _HttpServer:
    """Odoo's WSGI application on a free local port, for wkhtmltopdf's image requests."""

    def __init__(self, database):
        odoo.tools.config["dbfilter"] = "^%s$" % database
        self.server = make_server("127.0.0.1", 0, odoo.service.wsgi_server.application,
                                  threaded=True)
        self.url = "http://127.0.0.1:%d" % self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_exc):
        self.server.shutdown()


def run(env, report):
    lots = _lots(env)
    assert len(lots) == COUNT, "prepare() did not create the batches"
    layout = env["cloudoffice.label.layout"].create({
        "name": "Benchmark A4 4 x 12", "output": "pdf_sheet", "width_mm": 52.5,
        "height_mm": 24.75, "columns": 4, "rows": 12, "barcode_kind": "gs1_datamatrix",
        "show_description": True, "show_lot": True, "show_expiry": True,
        "show_best_before": True, "show_production_date": False, "show_default_code": False,
        "show_allergens": False, "show_pictograms": False})
    items = [{"lot": lot} for lot in lots]

    def ours():
        env.cache.invalidate()  # read the batches from the database every time
        return layout.render_labels(items)[0]

    ours_seconds, pdf = best_of(ours, repeat=3)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") == -(-COUNT // 48)

    report_action = env.ref("stock.action_report_lot_barcode")
    with _HttpServer(env.cr.dbname) as server:
        env["ir.config_parameter"].sudo().set_param("report.url", server.url)

        def odoo_way():
            env.cache.invalidate()
            return report_action.render_qweb_pdf(lots.ids)[0]

        baseline_seconds, baseline_pdf = best_of(odoo_way, repeat=1)
    assert baseline_pdf.startswith(b"%PDF")
    report.add("1,000 GS1 DataMatrix labels, one PDF (report_lot_barcode)",
               ours_seconds, baseline_seconds, limit=3.0, min_ratio=10,
               note="%d KB vs %d KB" % (len(pdf) // 1024, len(baseline_pdf) // 1024))

"""Long work on a prefork node with short time limits: a warehouse worker
prints labels for thousands of serials over HTTP. The request answers at
once with a background task, the job runner (queue_job, loaded server-wide)
prepares the labels in steps on the root.cloudoffice_lots channel, the
worker sees the progress move and downloads the file; no request passes
the time limit and no worker is killed."""
import os
import re
import subprocess
import tempfile
import time

import odoo
import pytest

from load import rpc
from load.nodes import DB_SH, OdooNode

from .common import admin_env

SERIALS = 3000
# Short limits, so that the whole labels file in one request would pass
# them on this machine (see test_the_limits_bite), while each step of the
# job stays far below.
LIMIT_REAL = 20
LIMIT_CPU = 15
TASK = "cloudoffice.lot.background.task"
KILLED = re.compile(r"timeout after|time limit|Worker \(\d+\) .*(killed|exceeded)|MemoryError",
                    re.IGNORECASE)


def _pdf_text(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(["pdftotext", "-layout", handle.name, "-"], check=True,
                              capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def node():
    database = "cloudoffice_longwork_%d" % os.getpid()
    subprocess.run([DB_SH, "copy", database], check=True)
    server = OdooNode(database, "longwork", workers=2, extra_args=[
        "--load=web,queue_job", "--limit-time-real=%d" % LIMIT_REAL,
        "--limit-time-cpu=%d" % LIMIT_CPU])
    try:
        with admin_env(database) as env:
            product = env["product.product"].create({
                "name": "Aurora Phone 9", "default_code": "AP9", "type": "product",
                "tracking": "serial", "barcode": "5012345678900"})
            lots = env["stock.production.lot"]
            for index in range(1, SERIALS + 1):
                lots.create({"name": "AP9-%05d" % index, "product_id": product.id})
            layout = env["cloudoffice.label.layout"].create({
                "name": "Sheet 3x8", "sequence": -1, "output": "pdf_sheet", "width_mm": 70,
                "height_mm": 37, "columns": 3, "rows": 8, "barcode_kind": "gs1_datamatrix"})
            server.info = {"product": product.id, "layout": layout.id,
                           "lots": lots.search([("product_id", "=", product.id)]).ids}
        odoo.sql_db.close_db(database)
        server.start()
        yield server
    finally:
        server.stop()
        odoo.sql_db.close_db(database)
        subprocess.run([DB_SH, "drop", database], check=False)


def _print_labels(node, threshold=None):
    ws = rpc.WebSession(node.url, node.database, timeout=LIMIT_REAL * 3).login("warehouse")
    wizard_id = ws.call("cloudoffice.label.print", "create", {
        "layout_id": node.info["layout"], "lot_ids": [[6, 0, node.info["lots"]]]})
    started = time.time()
    action = ws.button("cloudoffice.label.print", "action_print", [wizard_id])
    return ws, action, time.time() - started


def test_labels_for_thousands_of_serials_never_hit_the_time_limit(node):
    workers_before = {process.pid for process in node._children()}
    ws, action, answered_in = _print_labels(node)
    # The dialog answers at once with the task.
    assert action["res_model"] == TASK, action
    assert answered_in < LIMIT_REAL / 2, answered_in
    task_id = action["res_id"]

    seen, deadline = [], time.time() + 300
    while time.time() < deadline:
        task = ws.call(TASK, "read", [task_id], ["state", "done_count", "total_count", "progress"])[0]
        seen.append((task["state"], task["done_count"], task["progress"]))
        if task["state"] in ("done", "failed"):
            break
        time.sleep(0.25)
    assert task["state"] == "done", (task, node.log_text()[-3000:])
    assert task["total_count"] == SERIALS and task["progress"] == 100.0
    # The worker saw it move: part done while the job was running.
    moving = sorted({done for state, done, _progress in seen
                     if state == "running" and 0 < done < SERIALS})
    assert len(moving) >= 2, seen

    # The file, downloaded as the worker would, holds every serial once.
    pdf = ws.get("/web/content/%s/%d/file/labels.pdf?download=true" % (TASK, task_id)).content
    assert pdf.startswith(b"%PDF-")
    assert pdf.count(b"/Type /Page\n") == -(-SERIALS // 24)
    text = _pdf_text(pdf)
    for index in (1, 24, 25, 1500, SERIALS):
        assert text.count("AP9-%05d" % index) == 1, index
    # ... and the worker was told, with the file attached.
    messages = ws.call("mail.message", "search_read", [
        ("model", "=", TASK), ("res_id", "=", task_id)], ["body", "attachment_ids"])
    ready = [message for message in messages if "is ready" in message["body"]]
    assert len(ready) == 1 and len(ready[0]["attachment_ids"]) == 1

    with admin_env(node.database) as env:
        jobs = env["queue.job"].search([("channel", "=", "root.cloudoffice_lots")])
        assert set(jobs.mapped("state")) == {"done"}
        assert len(jobs) > 1  # in steps
        longest = max((jobs_date(job.date_done) - jobs_date(job.date_started)) for job in jobs)
    assert longest < LIMIT_REAL / 2, longest
    # No request passed a limit, no worker was killed or replaced.
    killed = [line for line in node.log_text().splitlines() if KILLED.search(line)]
    assert not killed, killed
    assert {process.pid for process in node._children()} == workers_before


def jobs_date(value):
    return time.mktime(odoo.fields.Datetime.from_string(value).timetuple())

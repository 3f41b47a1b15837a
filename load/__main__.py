"""``make load``: two prefork nodes on a fresh copy of the template database,
one locust run in which every user does each task both with our add-ons and
with plain Odoo's nearest way (in random order, so both see the same load),
a table of both side by side, and the invariants checked at the end.

    python -m load [--users 24] [--seconds 420] [--samples 100] [--max-actions 20000] [--keep]

The run ends after ``--seconds``, after ``--max-actions`` actions, or as soon
as every action has ``--samples`` samples on both sides (0: run the whole time).
Runs in the project's virtualenv; locust runs in its own (.local/locust-venv).
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import time

from . import invariants
from .flows import ACTIONS, SIDES, action_name
from .nodes import DB_SH, REPO_ROOT, Cluster

LOCUST = os.path.join(REPO_ROOT, ".local", "locust-venv", "bin", "locust")
RESULTS = os.path.join(REPO_ROOT, ".local", "load")


def prepare(database):
    import odoo

    from . import dataset

    odoo.tools.config.parse_config(["-c", os.path.join(REPO_ROOT, ".local", "odoo.conf")])
    subprocess.run([DB_SH, "copy", database], check=True)
    started = time.time()
    info = dataset.prepare_database(database, sellers=12, warehouse=12, serials=120)
    odoo.sql_db.close_all()
    print("dataset ready in %.0f s" % (time.time() - started), flush=True)
    return info


def run(cluster, info_path, args):
    """One locust run, both sides interleaved: (ACTION rows by name, failures)."""
    prefix = os.path.join(RESULTS, "load")
    env = dict(os.environ, LOAD_DB=cluster.database, LOAD_INFO=info_path,
               LOAD_NODES=",".join(node.url for node in cluster.nodes),
               LOAD_MAX_ACTIONS=str(args.max_actions), LOAD_SAMPLES=str(args.samples),
               PYTHONWARNINGS="ignore")
    command = [LOCUST, "-f", os.path.join(REPO_ROOT, "load", "locustfile.py"), "--headless",
               "--users", str(args.users), "--spawn-rate", str(max(1, args.users // 5)),
               "--run-time", "%ds" % args.seconds, "--stop-timeout", "30", "--csv", prefix,
               "--only-summary", "--loglevel", "WARNING", "--host", cluster.nodes[0].url]
    print("== %d users over %d nodes for at most %d s, each task both ways" % (
        args.users, len(cluster.nodes), args.seconds), flush=True)
    started = time.time()
    with open(prefix + ".log", "w") as log:
        subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
    print("load ran %.0f s" % (time.time() - started), flush=True)
    with open(prefix + "_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats) if row["Type"] == "ACTION"}
    with open(prefix + "_failures.csv") as failures:
        errors = list(csv.DictReader(failures))
    return rows, errors


def _figures(row):
    if not row:
        return None
    return {"count": int(row["Request Count"]), "errors": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]), "median": float(row["50%"]), "p95": float(row["95%"])}


def _ratio(figures, key):
    ours, plain = figures["ours"], figures["plain"]
    if not (ours and plain and plain[key]):
        return "-"
    return "%.2f" % (ours[key] / plain[key])


def table(rows):
    """The side-by-side table: per action, each side's rps, median, p95,
    errors and samples, read from one run's ACTION ``rows``, and the ratios
    of the 95th percentiles (the goal) and of the medians (steadier)."""
    lines = ["%-26s | %-36s | %-36s | %s" % ("action", "ours: rps  med ms  p95 ms  err    n",
                                              "plain: rps  med ms  p95 ms  err    n",
                                              "ours/plain: p95  median")]
    lines.append("-" * len(lines[0]))
    for action in ACTIONS:
        cells = []
        figures = {side: _figures(rows.get(action_name(action, side))) for side in SIDES}
        for side in SIDES:
            f = figures[side]
            cells.append("%5.2f %7.0f %7.0f %4d %4d" % (f["rps"], f["median"], f["p95"], f["errors"],
                                                         f["count"])
                         if f else "%-36s" % "  (none)")
        lines.append("%-26s | %-36s | %-36s |            %4s  %6s" % (
            action, "  " + cells[0], "  " + cells[1], _ratio(figures, "p95"), _ratio(figures, "median")))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=24)
    parser.add_argument("--seconds", type=int, default=420)
    parser.add_argument("--samples", type=int, default=100,
                        help="stop once every action has this many samples each way (0: never)")
    parser.add_argument("--max-actions", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=3, help="HTTP workers per node")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    os.makedirs(RESULTS, exist_ok=True)
    database = "cloudoffice_load"
    info = prepare(database)
    info_path = os.path.join(RESULTS, "dataset.json")
    with open(info_path, "w") as handle:
        json.dump(info, handle)
    cluster = Cluster(database, nodes=2, workers=args.workers, copy=False)
    try:
        cluster.start()
        rows, errors = run(cluster, info_path, args)
    finally:
        cluster.stop(drop=False)
    print()
    print(table(rows))
    for row in errors[:10]:
        print("  error: %s x%s: %s" % (row["Name"], row["Occurrences"], row["Error"][:300]))
    with invariants.connect(database) as conn, conn.cursor() as cr:
        problems = invariants.check(cr)
        totals = invariants.counts(cr)
    print()
    verdict = "all hold" if not problems else "%d VIOLATED" % len(problems)
    print("Invariants after the run (%s): %s" % (
        ", ".join("%s %s" % (v, k) for k, v in totals.items()), verdict))
    for problem in problems[:30]:
        print("  - " + problem)
    if not args.keep:
        subprocess.run([DB_SH, "drop", database], check=False)
    print("Details: .local/load/ (locust logs and CSV statistics)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""What every benchmark shares: timing, and printing a figure next to its baseline.

A benchmark module is ``bench/bench_<topic>.py`` with a function
``run(env, report)``: it measures our way and Odoo's own way of doing the same
thing on the same data in the same run, and calls ``report.add(...)``.
"""
import statistics
import time


def best_of(func, repeat=5):
    """Best wall-clock seconds of ``repeat`` calls, and the last result."""
    timings, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        timings.append(time.perf_counter() - start)
    return min(timings), result


class Report:
    def __init__(self):
        self.rows = []

    def add(self, name, ours, baseline, limit=None, min_ratio=None, note=""):
        """Record one figure: our seconds, the baseline's seconds, and the targets."""
        ratio = baseline / ours if ours else float("inf")
        ok = (limit is None or ours <= limit) and (min_ratio is None or ratio >= min_ratio)
        self.rows.append((name, ours, baseline, ratio, limit, min_ratio, ok, note))
        print(self.format_row(self.rows[-1]), flush=True)

    @staticmethod
    def format_row(row):
        name, ours, baseline, ratio, limit, min_ratio, ok, note = row
        target = []
        if limit is not None:
            target.append("<= %.3f s" % limit)
        if min_ratio is not None:
            target.append(">= %gx" % min_ratio)
        return "%-58s ours %8.3f s  Odoo %8.3f s  %7.1fx faster  target %-20s %s %s" % (
            name, ours, baseline, ratio, ", ".join(target) or "-", "ok" if ok else "MISSED", note)

    def summary(self):
        missed = [row for row in self.rows if not row[6]]
        print("%d figures, %d missed their target" % (len(self.rows), len(missed)))
        return not missed


def median(values):
    return statistics.median(values)


def odoo_trace(env, lot, deliveries, budget):
    """Odoo 11's traceability report from the batch, every unfoldable line
    unfolded as the web client does (get_lines with the row's id, level+30).
    Returns (seconds, deliveries reached, finished within ``budget`` seconds)."""
    Report = env["stock.traceability.report"]
    customer_ids = set(env["stock.location"].search([("usage", "=", "customer")]).ids)
    start = time.perf_counter()
    lines = Report.with_context(active_id=lot.id, model="stock.production.lot",
                                ttype="downstream").get_lines()
    todo = [line for line in lines if line["unfoldable"]]
    seen_lines, reached = set(), 0
    while todo:
        if time.perf_counter() - start > budget:
            return time.perf_counter() - start, reached, False
        line = todo.pop()
        for child in Report.get_lines(line["id"], model_id=line["model_id"],
                                      model_name=line["model"], stream="downstream",
                                      parent_quant=line.get("parent_quant") or False,
                                      level=line["level"] + 30):
            key = (child["model"], child["model_id"], child["unfoldable"])
            if key in seen_lines:
                continue
            seen_lines.add(key)
            if child["model"] == "stock.move.line":
                ml = env["stock.move.line"].browse(child["model_id"])
                if ml.location_dest_id.id in customer_ids:
                    reached += 1
            if child["unfoldable"]:
                todo.append(child)
    return time.perf_counter() - start, reached, reached >= deliveries

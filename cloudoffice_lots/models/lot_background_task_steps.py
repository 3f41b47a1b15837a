"""The steps of each kind of background task: labels in page-aligned chunks,
report rows in chunks, balance snapshots month by month, a recall's notices
customer by customer. Each step returns
``{"done", "position"}`` to go on, or ``{"result": (content, file name)}``
when the work is complete (see lot_background_task.py)."""
import datetime
import io
import json
import time

from odoo import _, fields, models
from odoo.exceptions import UserError
from PyPDF2 import PdfFileMerger

from ..reports import xlsx_export
from ..reports.queries import snapshots

#: Labels rendered per chunk (rounded to whole sheets on sheet layouts).
LABEL_CHUNK = 240
#: Report rows turned into cells per chunk.
ROW_CHUNK = 250


def _encode_cell(value):
    if isinstance(value, datetime.datetime):
        return {"datetime": value.strftime("%Y-%m-%d %H:%M:%S")}
    if isinstance(value, datetime.date):
        return {"date": value.strftime("%Y-%m-%d")}
    raise TypeError(repr(value))


def _decode_cell(value):
    if "datetime" in value:
        return datetime.datetime.strptime(value["datetime"], "%Y-%m-%d %H:%M:%S")
    if "date" in value:
        return datetime.datetime.strptime(value["date"], "%Y-%m-%d").date()
    return value


def join_pdfs(contents):
    """One PDF of the pages of ``contents`` (bytes), in order."""
    merger = PdfFileMerger()
    for content in contents:
        merger.append(io.BytesIO(content))
    output = io.BytesIO()
    merger.write(output)
    return output.getvalue()


class LotBackgroundTask(models.Model):
    # The steps of each kind, apart from the task's bookkeeping. A step
    # starts another chunk only when one more, as long as the last, ends
    # before the deadline.
    _inherit = "cloudoffice.lot.background.task"

    # ------------------------------------------------------------ labels
    def _cloudoffice_step_labels(self, payload, position, deadline):
        layout = self.env["cloudoffice.label.layout"].browse(payload["layout_id"])
        items = payload["items"]
        skip = payload.get("skip") or 0
        chunk = LABEL_CHUNK
        if layout.output == "pdf_sheet":
            per_page = max(1, layout.rows * layout.columns)
            chunk = max(1, chunk // per_page) * per_page
        index, part = position.get("index", 0), position.get("part", 0)
        last = 0.0
        while index < len(items) and time.time() + last < deadline:
            started = time.time()
            # The first chunk fills the partly used sheet: every chunk after
            # it starts on a new sheet, as the labels printed in one go.
            size = chunk - skip % chunk if index == 0 and layout.output == "pdf_sheet" else chunk
            end = min(len(items), index + size)
            content, _name = layout.render_labels(self._cloudoffice_label_items(items[index:end]),
                                                  skip=skip if index == 0 else 0)
            self._cloudoffice_add_part(part, content)
            index, part = end, part + 1
            self.cloudoffice_progress(index)
            last = time.time() - started
        if index < len(items):
            return {"done": index, "position": {"index": index, "part": part}}
        contents = self._cloudoffice_part_contents()
        extension = "zpl" if layout.output == "zpl" else "pdf"
        content = b"".join(contents) if extension == "zpl" else join_pdfs(contents)
        return {"result": (content, "%s.%s" % (_("labels"), extension))}

    def _cloudoffice_label_items(self, items):
        """Items for ``render_labels`` from their stored form (see
        ``cloudoffice.label.print._cloudoffice_stored_items``)."""
        result = []
        lots = self.env["stock.production.lot"].browse(
            [item["lot_id"] for item in items if item.get("lot_id")])
        lots.mapped("product_id")  # read in one go
        for item in items:
            values = {"copies": item.get("copies") or 1, "quantity": item.get("quantity")}
            if item.get("uom_id"):
                values["uom"] = self.env["product.uom"].browse(item["uom_id"])
            if item.get("lot_id"):
                values["lot"] = self.env["stock.production.lot"].browse(item["lot_id"])
            else:
                values.update(
                    product=self.env["product.product"].browse(item["product_id"]),
                    name=item["name"],
                    dates={key: fields.Date.from_string(value) if value else None
                           for key, value in (item.get("dates") or {}).items()})
            result.append(values)
        return result

    # ------------------------------------------------------------ exports
    def _cloudoffice_step_export(self, payload, position, deadline):
        wizard = self.env[payload["model"]].browse(payload["wizard_id"]).exists()
        if not wizard:
            raise UserError(_("The report's parameters are gone (kept one hour): run the "
                               "report again."))
        sections = wizard._export_sections()
        section_index, offset = position.get("section", 0), position.get("offset", 0)
        part, done = position.get("part", 0), position.get("done", 0)
        last = 0.0
        while section_index < len(sections) and time.time() + last < deadline:
            started = time.time()
            section = sections[section_index]
            records = section["records"][offset:offset + ROW_CHUNK]
            rows = wizard._export_rows(section, records, typed=True)
            self._cloudoffice_add_part(part, json.dumps(
                {"section": section_index, "rows": rows}, default=_encode_cell))
            part, done, offset = part + 1, done + len(records), offset + ROW_CHUNK
            if offset >= len(section["records"]):
                section_index, offset = section_index + 1, 0
            self.cloudoffice_progress(done)
            last = time.time() - started
        if section_index < len(sections):
            return {"done": done, "position": {"section": section_index, "offset": offset,
                                               "part": part, "done": done}}
        rows = [[] for _section in sections]
        for content in self._cloudoffice_part_contents():
            data = json.loads(content.decode("utf-8"), object_hook=_decode_cell)
            rows[data["section"]].extend(data["rows"])
        tables = [wizard._export_table(section, section_rows)
                  for section, section_rows in zip(sections, rows)]
        content = xlsx_export.workbook_bytes(wizard._export_params(), tables,
                                             fallback_title=wizard._report_title())
        return {"result": (content, "%s.xlsx" % wizard._xlsx_file_name)}

    # ------------------------------------------------------------ snapshots
    def _cloudoffice_step_snapshots(self, payload, position, deadline):
        until = fields.Datetime.from_string(payload["until"])
        before = max(0, self.total_count - snapshots.pending(self.env.cr, until)[0])

        def progress(built, _missing, _snapshot_date):
            self.cloudoffice_progress(before + built)

        built = snapshots.ensure(self.env.cr, until, progress=progress, deadline=deadline)
        missing = snapshots.pending(self.env.cr, until)[0]
        done = max(0, self.total_count - missing)
        if built is None or missing:
            return {"done": done, "position": {}}
        return {"result": (None, None)}

    # ------------------------------------------------------------ recall notices
    def _cloudoffice_step_recall_notices(self, payload, position, deadline):
        recall = self.env["cloudoffice.lot.recall"].browse(payload["recall_id"])
        handled, last_id, finished = recall._cloudoffice_notify(
            after_partner_id=position.get("after", 0), deadline=deadline)
        done = position.get("done", 0) + handled
        if finished:
            return {"result": (None, None)}
        return {"done": done, "position": {"after": last_id, "done": done}}

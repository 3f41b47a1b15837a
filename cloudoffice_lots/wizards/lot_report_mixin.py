import base64
import datetime
import json

import pytz
from lxml import etree
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang
from odoo.tools.safe_eval import safe_eval

from ..models.user_format import format_day, format_moment
from ..reports import xlsx_export
from ..reports.queries import common


class LotReportMixin(models.AbstractModel):
    """What the batch/serial report wizards share: the user's companies and
    time zone, filling their lines from a report query in one INSERT, and
    the buttons that show, print and export the result."""

    _name = "cloudoffice.lot.report.mixin"
    _description = "Batch/serial report parameters"

    # Set by each report: line model, its window action, PDF report, XLSX file name.
    _line_model = None
    _lines_action = None
    _pdf_report = None
    _xlsx_file_name = None

    company_id = fields.Many2one(
        "res.company", string="Company", readonly=True,
        default=lambda self: self.env.user.company_id,
        help="The report shows batches of this company and its child companies.")
    export_file = fields.Binary(string="XLSX File", readonly=True, attachment=False,
                                help="The report as an Excel file, ready to download.")
    export_file_name = fields.Char(readonly=True, help="Name of the Excel file when downloaded.")

    @api.model
    def fields_view_get(self, view_id=None, view_type="form", toolbar=False, submenu=False):
        """Report filters choose existing batches, products, locations...:
        no "Create" or "Create and Edit..." in their many2one fields."""
        result = super().fields_view_get(view_id=view_id, view_type=view_type, toolbar=toolbar,
                                         submenu=submenu)
        if view_type != "form":
            return result
        arch = etree.fromstring(result["arch"])
        for node in arch.xpath("//field[not(ancestor::field)]"):
            field = result["fields"].get(node.get("name"), {})
            if field.get("type") not in ("many2one", "many2many"):
                continue
            options = safe_eval(node.get("options") or "{}")
            options.update(no_create=True, no_quick_create=True, no_create_edit=True)
            node.set("options", json.dumps(options))
        result["arch"] = etree.tostring(arch, encoding="unicode")
        return result

    def _report_company_ids(self):
        """Companies whose batches the user sees: as Odoo 11's record rules
        have it, the current company and its children."""
        # One recursive query: Odoo 11 resolves child_of on companies (no
        # parent store) with a search per level, on every report shown.
        self.env.cr.execute("""
            WITH RECURSIVE tree AS (
                SELECT id FROM res_company WHERE id = %s
                 UNION
                SELECT company.id FROM res_company company JOIN tree ON company.parent_id = tree.id)
            SELECT id FROM tree ORDER BY id""", (self.env.user.company_id.id,))
        return [row[0] for row in self.env.cr.fetchall()]

    def _report_tz(self):
        return self.env.context.get("tz") or self.env.user.tz or "UTC"

    def _user_today(self):
        now = pytz.utc.localize(datetime.datetime.utcnow())
        return now.astimezone(pytz.timezone(self._report_tz())).date()

    def _day_end(self, day):
        """End of ``day`` (a date string) in the user's time zone, as UTC."""
        return common.day_end_utc(fields.Date.from_string(day), self._report_tz())

    def _day_start(self, day):
        return common.day_start_utc(fields.Date.from_string(day), self._report_tz())

    @staticmethod
    def _ids_or_none(records):
        """Filter value: the ids, or None (no filter) when nothing is chosen."""
        return records.ids or None

    def _with_sublocations(self, locations):
        """Filter value: the ids of ``locations`` and of every location
        inside them, or None (no filter) when none is chosen."""
        if not locations:
            return None
        return self.env["stock.location"].search([("id", "child_of", locations.ids)]).ids

    def _with_subcategories(self, categories):
        """Filter value: the ids of ``categories`` and of their subcategories,
        or None (no filter) when none is chosen."""
        if not categories:
            return None
        return self.env["product.category"].search([("id", "child_of", categories.ids)]).ids

    def _fill_lines(self, sql, params, columns, append=False, line_model=None):
        """Replace (or with ``append`` extend) this wizard's lines by the
        rows of ``sql`` (a report query's constant SQL, whose result has
        ``columns``), in one INSERT: a whole balance is tens of thousands of
        rows, too many to create one by one. ``line_model`` defaults to
        the report's line model."""
        self.ensure_one()
        line_model = self.env[line_model or self._line_model]
        if not append:
            line_model.search([("wizard_id", "=", self.id)]).unlink()
        # Identifiers come from constants: the model's table and the query
        # module's column list.
        column_list = ", ".join(columns)
        insert = (
            "INSERT INTO " + line_model._table
            + " (create_uid, create_date, write_uid, write_date, wizard_id, " + column_list + ")"
            + " SELECT %(cloudoffice_uid)s, now() AT TIME ZONE 'UTC', %(cloudoffice_uid)s,"
            + " now() AT TIME ZONE 'UTC', %(cloudoffice_wizard_id)s, " + column_list
            + " FROM (" + sql + ") AS report_rows"
        )
        params = dict(params, cloudoffice_uid=self.env.uid, cloudoffice_wizard_id=self.id)
        self.env.cr.execute(insert, params)
        count = self.env.cr.rowcount
        count -= self._apply_lot_rules(line_model)
        line_model.invalidate_cache()
        return count

    def _apply_lot_rules(self, line_model):
        """Remove the lines of batches the user may not read.

        The queries already keep to the user's companies; this applies the
        batches' record rules themselves, whatever they say (Odoo 11 allows
        no record rule on the transient report lines)."""
        lots = self.env["stock.production.lot"]
        query = lots._where_calc([])
        lots._apply_ir_rules(query, "read")
        from_clause, where_clause, where_params = query.get_sql()
        if not where_clause:
            return 0
        self.env.cr.execute(
            "DELETE FROM " + line_model._table + " WHERE wizard_id = %s AND lot_id IS NOT NULL"
            " AND lot_id NOT IN (SELECT stock_production_lot.id FROM " + from_clause
            + " WHERE " + where_clause + ")", [self.id] + list(where_params))
        return self.env.cr.rowcount

    def _compute_lines(self):
        """Fill the lines; each report implements it."""
        raise NotImplementedError()

    def _cloudoffice_prepare_in_background(self):
        """A background task's window when the report needs long work
        before its lines can be computed, else None (see the balance)."""
        return None

    @api.multi
    def action_show(self):
        self.ensure_one()
        background = self._cloudoffice_prepare_in_background()
        if background:
            return background
        self._compute_lines()
        action = self._cloudoffice_read_action(self._lines_action)
        action["domain"] = [("wizard_id", "=", self.id)]
        action["context"] = dict(self.env.context, **self._lines_context())
        action["display_name"] = action["name"] = self._report_title()
        return action

    # What the web client uses of a window action to open it. Not the arch
    # of its search view (loaded with the views anyway; a view rendering),
    # nor view_id (in ``views`` already), its groups, authors or XML id:
    # each costs queries on every report shown.
    _CLOUDOFFICE_ACTION_FIELDS = [
        "name", "type", "res_model", "view_type", "view_mode", "views", "search_view_id",
        "domain", "context", "res_id", "target", "limit", "filter", "auto_search", "help",
        "multi", "usage"]

    def _cloudoffice_read_action(self, xmlid):
        """A window action as the web client needs it to open it (without
        prefetching: the search view's name would read the whole view)."""
        action = self.env.ref(xmlid).with_context(prefetch_fields=False)
        return action.read(self._CLOUDOFFICE_ACTION_FIELDS)[0]

    def _lines_context(self):
        return {}

    def _report_title(self):
        return self._description

    @api.multi
    def action_print(self):
        self.ensure_one()
        background = self._cloudoffice_prepare_in_background()
        if background:
            return background
        self._compute_lines()
        return self.env.ref(self._pdf_report).report_action(self)

    @api.multi
    def action_export(self):
        """Download the report as an XLSX file (one sheet per section); a
        large one is written in the background and the dialog shows its
        progress instead."""
        self.ensure_one()
        background = self._cloudoffice_prepare_in_background()
        if background:
            return background
        self._compute_lines()
        rows = sum(len(section["records"]) for section in self._export_sections())
        tasks = self.env["cloudoffice.lot.background.task"]
        if tasks.cloudoffice_is_large(rows):
            task = tasks.cloudoffice_start(
                "export", _("%(report)s (%(rows)d rows, Excel)") % {
                    "report": self._report_title(), "rows": rows},
                total=rows, payload={"model": self._name, "wizard_id": self.id})
            return task.cloudoffice_action_open()
        content = xlsx_export.workbook_bytes(self._export_params(), self._export_tables(typed=True),
                                             fallback_title=self._report_title())
        return self._download(content, "%s.xlsx" % self._xlsx_file_name)

    def _download(self, content, file_name):
        """Keep ``content`` as this wizard's file and send the browser to it."""
        self.write({"export_file": base64.b64encode(content), "export_file_name": file_name})
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s/%d/export_file/%s?download=true" % (
                self._name, self.id, file_name),
            # Downloaded, then the dialog closes (static/src/js/download_action.js).
            "target": "download",
        }

    def _check_dates(self, date_from, date_to):
        if date_from and date_to and date_from > date_to:
            raise UserError(_("The report's start date %(start)s is after its end date %(end)s.")
                            % {"start": date_from, "end": date_to})

    # Printing and exporting: each report describes its result as sections
    # (a title, notes, columns and records); one QWeb template and one XLSX
    # writer render them all.

    def _export_sections(self):
        """[{"title", "notes": [str], "columns": [(label, field name)],
        "records": recordset}] of the report, in order."""
        raise NotImplementedError()

    def _export_params(self):
        """[(label, value)] describing the report's parameters."""
        self.ensure_one()
        result = []
        for name in self._export_param_fields():
            field = self._fields[name]
            value = self._export_value(self, name)
            if value not in ("", None, False):
                result.append((field.get_description(self.env)["string"], value))
        return result

    def _export_param_fields(self):
        return []

    def _export_value(self, record, name, typed=False):
        """A cell's value: text for names and choices, a number for
        quantities, dates in the user's format (``typed``: as
        ``datetime.date``/``datetime.datetime`` in the user's time zone, for
        spreadsheets)."""
        field = record._fields[name]
        value = record[name]
        if field.type in ("many2one",):
            return value.display_name or ""
        if field.type in ("many2many", "one2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        if field.type == "datetime":
            if not value:
                return ""
            if not typed:
                return format_moment(self.env, value)
            local = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(value))
            return local.replace(tzinfo=None)
        if field.type == "date":
            if not value:
                return ""
            return fields.Date.from_string(value) if typed else format_day(self.env, value)
        if field.type == "boolean":
            return _("Yes") if value else ""
        if field.type in ("char", "text", "html") and not value:
            return ""
        return value

    def _export_tables(self, typed=False):
        """Sections with their rows of cell values, for PDF and XLSX
        (``typed``: dates as dates, see _export_value)."""
        return [self._export_table(section, self._export_rows(section, section["records"], typed))
                for section in self._export_sections()]

    def _export_rows(self, section, records, typed=False):
        """The cell values of ``records`` (some of a section's) in its columns."""
        names = [name for _label, name in section["columns"]]
        return [[self._export_value(record, n, typed=typed) for n in names] for record in records]

    @staticmethod
    def _export_table(section, rows):
        """A section with its headers, numeric columns and ``rows``."""
        names = [name for _label, name in section["columns"]]
        return dict(
            section,
            headers=[label for label, _name in section["columns"]],
            numeric=[section["records"]._fields[n].type in ("float", "integer") for n in names],
            rows=rows,
        )

    # Public names for the QWeb template.
    @api.multi
    def report_title(self):
        return self._report_title()

    @api.multi
    def export_params(self):
        return self._export_params()

    @api.multi
    def export_tables(self):
        return self._export_tables()

    def format_number(self, value):
        return self._format_number(value)

    def _format_number(self, value):
        if isinstance(value, float):
            return formatLang(self.env, value, digits=self._quantity_digits())
        return value

    def _quantity_digits(self):
        return self.env["decimal.precision"].precision_get("Product Unit of Measure")

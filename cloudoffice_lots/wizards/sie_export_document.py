"""The SIE 4 export's file: journal entries as vouchers, and what is wrong.

Each posted journal entry of the period and of the chosen kinds is one
``#VER`` (number left empty so that the accounting program numbers it in the
kind's series; the entry's own number opens the voucher text), each journal
item one ``#TRANS`` (account, debit positive, date, text, quantity). A
product line's text names its batches/serials with quantities; what does
not fit the text length goes on to rows of amount 0.00 on the same account
(see ``sie/lot_text.py``). Building the file and finding its problems are one
pass, so the check lists exactly what the export would meet.
"""
from decimal import Decimal

from odoo import _, fields, models
from odoo.tools import float_compare, float_repr

from ..sie import SieFile, Transaction, Voucher, clean_text, is_account_number, lot_items, pack
from .sie_export import KINDS


def _cut(text, width):
    return clean_text(text)[0][:width].rstrip()


class SieExport(models.TransientModel):
    _inherit = "cloudoffice.sie.export"

    def _sie_moves(self):
        """[(journal entry, kind)] to export, in date and number order."""
        moves = self.env["account.move"].search([
            ("company_id", "=", self.company_id.id), ("state", "=", "posted"),
            ("date", ">=", self.date_from), ("date", "<=", self.date_to)], order="date, name, id")
        invoices = self.env["account.invoice"].search([("move_id", "in", moves.ids)])
        invoice_kind = {inv.move_id.id: "customer" if inv.type in ("out_invoice", "out_refund")
                        else "supplier" for inv in invoices}
        wanted = {kind for kind, include, _series in KINDS if self[include]}
        result = []
        for move in moves:
            kind = invoice_kind.get(move.id) or ("stock" if move.stock_move_id else "other")
            if kind in wanted:
                result.append((move, kind))
        return result

    def _sie_orgnr(self):
        company = self.company_id
        if company.company_registry:
            return company.company_registry.strip()
        vat = (company.vat or "").replace(" ", "").upper()
        if vat.startswith("SE") and len(vat) == 14 and vat[2:].isdigit():
            return "%s-%s" % (vat[2:8], vat[8:12])
        return ""

    def _sie_build(self):
        """``(SieFile, [problem values])`` for the chosen period and kinds."""
        company = self.company_id
        accounts = self.env["account.account"].search([("company_id", "=", company.id)])
        chart = {account.code: account.name for account in accounts if is_account_number(account.code)}
        problems = []
        for account in accounts.filtered(lambda acc: not is_account_number(acc.code)):
            problems.append(self._problem(
                "warning", _("Account %(code)s %(name)s is left out of the chart in the file: SIE "
                             "account numbers are digits only.") % {
                    "code": account.code, "name": account.name},
                _("Give the account a number of digits only (as in the BAS chart) if entries "
                  "use it; unused, it does no harm.")))
        for text, where in [(company.name, _("The company name"))] + [
                (name, _("Account %(code)s") % {"code": code}) for code, name in sorted(chart.items())]:
            problems.extend(self._cp437_problems(text, where, None))
        start = fields.Date.from_string(self.date_from)
        year = company.compute_fiscalyear_dates(start)
        module = self.env["ir.module.module"].sudo().search([("name", "=", "cloudoffice_lots")])
        sie = SieFile(program="Odoo cloudoffice_lots", program_version=module.latest_version or "",
                      generated=fields.Date.from_string(fields.Date.context_today(self)),
                      company_name=company.name, orgnr=self._sie_orgnr(),
                      years={0: (year["date_from"], year["date_to"])},
                      chart_type=(self.chart_type or "").strip(), accounts=chart)
        series = {kind: self[field].strip() for kind, _include, field in KINDS}
        for move, kind in self._sie_moves():
            voucher, move_problems = self._sie_voucher(move, series[kind], chart)
            problems.extend(move_problems)
            if voucher.total() == 0:
                sie.vouchers.append(voucher)
        return sie, problems

    def _sie_voucher(self, move, series, chart):
        width = self.text_width
        problems = []
        date = fields.Date.from_string(move.date)
        extra = " ".join(filter(None, [move.partner_id.name, move.ref]))
        head = clean_text(move.name)[0]
        text = (head + " " + _cut(extra, max(width - len(head) - 1, 0))).strip() if extra else head
        voucher = Voucher(series, "", date, text,
                          fields.Datetime.from_string(move.create_date).date())
        texts = [move.name, extra]
        digits = move.company_id.currency_id.decimal_places
        for line in move.line_ids.sorted("id"):
            code = line.account_id.code
            if code not in chart or line.account_id.company_id != move.company_id:
                problems.append(self._problem(
                    "error", _("Entry %(entry)s books on account %(code)s %(name)s, which is not "
                               "in the chart exported for %(company)s.") % {
                        "entry": move.name, "code": code, "name": line.account_id.name,
                        "company": move.company_id.name},
                    _("Give the account a number of digits only (as in the BAS chart) under "
                      "Configuration > Chart of Accounts, or correct the entry to use an account "
                      "of the company."), move))
            amount = Decimal(float_repr(line.balance, digits))
            lots = line._cloudoffice_lot_quantities()
            quantity = line.quantity if line.product_id else None
            if lots:
                product = line.product_id
                items = lot_items([(lot.name, qty, product.tracking == "serial") for lot, qty in lots])
                packed = pack(product.default_code or product.name, items, width)
                texts.extend(lot.name for lot, _qty in lots)
                for number in packed.too_long:
                    problems.append(self._problem(
                        "warning", _("Entry %(entry)s: the batch/serial number %(lot)s is longer "
                                     "than the text length (%(width)s); it is written whole, and "
                                     "the accounting program may cut it.") % {
                            "entry": move.name, "lot": number, "width": width},
                        _("Raise the text length to at least %(length)s if your accounting "
                          "program reads texts that long.") % {"length": len(number)}, move))
                voucher.transactions.append(Transaction(code, amount, date, packed.rows[0], quantity))
                voucher.transactions.extend(Transaction(code, 0, date, row) for row in packed.rows[1:])
            else:
                if line.product_id.tracking in ("lot", "serial") and (line.invoice_id or move.stock_move_id):
                    problems.append(self._problem(
                        "warning", _("Entry %(entry)s: the line of %(product)s, which is tracked by "
                                     "batch/serial number, has no batch/serial numbers.") % {
                            "entry": move.name, "product": line.product_id.display_name},
                        _("Check that the delivery or receipt of the line is validated with its "
                          "numbers; the line is exported without them."), move))
                texts.append(line.name)
                voucher.transactions.append(Transaction(code, amount, date,
                                                        _cut(line.name or "", width), quantity))
        if voucher.total() != 0 or float_compare(sum(move.line_ids.mapped("balance")), 0,
                                                 precision_digits=digits):
            problems.append(self._problem(
                "error", _("Entry %(entry)s does not balance: its debits and credits differ by "
                           "%(difference)s.") % {"entry": move.name, "difference": voucher.total()},
                _("Correct the entry (cancel it, fix the amounts, post it again); an accounting "
                  "program refuses a voucher that does not sum to zero."), move))
        problems.extend(self._cp437_problems(" ".join(filter(None, texts)),
                                             _("Entry %(entry)s") % {"entry": move.name}, move))
        return voucher, problems

    def _cp437_problems(self, text, where, move):
        _clean, changed = clean_text(text)
        if not changed:
            return []
        chars = " ".join(sorted({repr(char)[1:-1] for char in changed}))
        return [self._problem(
            "warning", _("%(where)s holds characters the SIE character set (CP437) cannot hold: "
                         "%(chars)s.") % {"where": where, "chars": chars},
            _("They are written as a stand-in (EUR for the euro sign, - for dashes, / for "
              "the backslash) or ?. Change the text in Odoo if that is not acceptable."), move)]

    def _sie_company_problems(self):
        """The journal entries' company rule shows those of the current
        company (and its children) only: exporting another one needs a switch."""
        current = self.env.user.company_id
        if self.env.user._is_superuser() or \
                self.company_id in self.env["res.company"].search([("id", "child_of", current.id)]):
            return []
        company = self.company_id.sudo()
        return [self._problem(
            "error", _("You work in %(current)s: the journal entries of %(company)s are not "
                       "visible to you there.") % {"current": current.name, "company": company.name},
            _("Switch to %(company)s (top right, next to your name), then export again.") % {
                "company": company.name})]

    def _problem(self, severity, message, action, move=None):
        return {"severity": severity, "message": message, "action": action,
                "move_id": move.id if move else False}

    def _sie_period_problems(self, sie):
        """Problems of the period as a whole: nothing to export, two fiscal
        years, not closed, draft entries, exported before."""
        company = self.company_id
        problems = []
        if not sie.vouchers:
            problems.append(self._problem(
                "error", _("No posted journal entries of the chosen kinds between %(date_from)s "
                           "and %(date_to)s for %(company)s.") % {
                    "date_from": self.date_from, "date_to": self.date_to, "company": company.name},
                _("Choose another period or tick more kinds of entries.")))
        year_end = sie.years[0][1]
        if fields.Date.from_string(self.date_to) > year_end:
            problems.append(self._problem(
                "error", _("The period runs past the end of the fiscal year (%(end)s).") % {
                    "end": year_end},
                _("Export each fiscal year in a file of its own.")))
        locks = [date for date in (company.period_lock_date, company.fiscalyear_lock_date) if date]
        if not locks or max(locks) < self.date_to:
            problems.append(self._problem(
                "warning", _("The period is not closed: %(company)s's lock dates (Lock Date for "
                             "Non-Advisers: %(period_lock)s, Lock Date: %(year_lock)s) are before "
                             "%(date_to)s, so entries of the period can still be posted or "
                             "changed.") % {
                    "company": company.name, "period_lock": company.period_lock_date or "-",
                    "year_lock": company.fiscalyear_lock_date or "-", "date_to": self.date_to},
                _("Close the month first: set the company's Lock Date for Non-Advisers (or its "
                  "Lock Date) to %(date_to)s or later (Settings > Companies), then export. "
                  "Exported before closing, a later export of the period may differ and must "
                  "not be imported on top of this one.") % {"date_to": self.date_to}))
        drafts = self.env["account.move"].search_count([
            ("company_id", "=", company.id), ("state", "=", "draft"),
            ("date", ">=", self.date_from), ("date", "<=", self.date_to)])
        if drafts:
            problems.append(self._problem(
                "warning", _("%(count)s journal entries of the period are not posted and are not "
                             "in the file.") % {"count": drafts},
                _("Post or delete them (Adviser > Journal Entries), then check again.")))
        earlier = self.env["cloudoffice.sie.export.log"]._earlier_exports(
            company, self.date_from, self.date_to)
        if earlier:
            last = earlier[0]
            same = last.content_hash == self._sie_content_hash(sie) and \
                last.options_key == self._sie_options_key()
            problems.append(self._problem(
                "warning", (_("%(period)s was already exported on %(date)s by %(user)s "
                              "(%(file)s); the file will be the same.") if same else
                            _("%(period)s was already exported on %(date)s by %(user)s "
                              "(%(file)s); the entries or options have changed since.")) % {
                    "period": "%s - %s" % (last.date_from, last.date_to), "date": last.create_date,
                    "user": last.user_id.name, "file": last.name},
                _("Import only one of the files into the accounting program: importing both "
                  "books every voucher twice.")))
        return problems

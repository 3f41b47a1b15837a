"""The request handler of the fake Fortnox: routes, resources and faults."""
import html
import json
import re
import socket
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlencode, urlsplit

TEXT_ROW_ERROR = "Kostnadsställe måste anges för konto"


class FakeError(Exception):
    def __init__(self, status, message, code, capitalised=False):
        super().__init__(message)
        self.status, self.message, self.code, self.capitalised = status, message, code, capitalised

    def body(self):
        if self.capitalised:
            return {"ErrorInformation": {"Error": 1, "Message": self.message, "Code": self.code}}
        return {"ErrorInformation": {"error": 1, "message": self.message, "code": self.code}}


def _page(items, key, query):
    limit = min(int(query.get("limit", 100)), 500)
    page = max(int(query.get("page", 1)), 1)
    total_pages = max(1, -(-len(items) // limit))
    return {key: items[(page - 1) * limit:page * limit],
            "MetaInformation": {"@TotalResources": len(items), "@TotalPages": total_pages,
                                "@CurrentPage": page}}


def _like(value, wanted):
    return wanted is None or wanted.lower() in str(value or "").lower()


def _check_length(data, field, limit):
    if len(str(data.get(field) or "")) > limit:
        raise FakeError(400, "Ogiltigt värde i fält %s (max %d tecken)" % (field, limit), 2000588)


class FakeHandler(BaseHTTPRequestHandler):
    fake = None
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    # ---------------------------------------------------------- plumbing
    def _send(self, status, body, content_type="application/json", headers=None):
        raw = (json.dumps(body) if content_type == "application/json" else body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type + "; charset=utf-8")
        self.send_header("Content-Length", str(len(raw)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(raw)
        self.fake.log.append((time.time(), self.command, urlsplit(self.path).path, status))

    def _drop(self):
        self.fake.log.append((time.time(), self.command, urlsplit(self.path).path, None))
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def _dispatch(self):
        fake = self.fake
        parts = urlsplit(self.path)
        path = parts.path
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        raw = self._body()
        if path.startswith("/oauth-v1/"):
            return self._oauth(path, query, raw)
        if not path.startswith(("/3/", "/api/")):  # a browser on the consent page asks for a favicon
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not fake.check_bearer(self.headers):
            return self._send(401, {"message": "unauthorized"})
        if fake.over_limit(fake.tenant_id):
            return self._send(429, {"message": "Too many requests, max 25 per 5 seconds"})
        status = fake.take_fault("fail")
        if status:
            return self._send(status, {"ErrorInformation": {"error": 1, "message": "Internt fel",
                                                             "code": 1000003}})
        slow = fake.take_fault("slow")
        if slow:
            time.sleep(slow)
        try:
            body = json.loads(raw.decode("utf-8")) if raw else None
        except ValueError:
            return self._send(400, FakeError(400, "Felaktig JSON-syntax", 2002115).body())
        try:
            with fake.lock:
                if path.startswith("/3/"):
                    status, answer = self._api(self.command, path[3:].strip("/").split("/"), query, body)
                elif path.startswith("/api/warehouse/"):
                    status, answer = self._warehouse(self.command, path[15:].strip("/"), query, body)
                else:
                    raise FakeError(404, "Not found", 2000588)
        except FakeError as error:
            return self._send(error.status, error.body())
        if self.command == "POST" and fake.take_fault("drop", path):
            return self._drop()
        self._send(status, answer)

    # -------------------------------------------------------------- OAuth
    def _oauth(self, path, query, raw):
        fake = self.fake
        if path == "/oauth-v1/auth" and self.command == "GET":
            if query.get("client_id") != fake.client_id or not query.get("state"):
                return self._send(400, "<p>Ogiltig begäran</p>", "text/html")
            hidden = "".join('<input type="hidden" name="%s" value="%s"/>' % (html.escape(k), html.escape(v))
                             for k, v in query.items())
            page = ("<html><body><h1>Fortnox</h1><p>%s vill ansluta till %s med behörigheterna: %s</p>"
                    "<form method='post' action='/oauth-v1/auth/approve'>%s"
                    "<button type='submit' id='approve'>Godkänn</button></form></body></html>") % (
                        html.escape(fake.client_id), html.escape(fake.company_name),
                        html.escape(query.get("scope", "")), hidden)
            return self._send(200, page, "text/html")
        if path == "/oauth-v1/auth/approve" and self.command == "POST":
            form = {k: v[-1] for k, v in parse_qs(raw.decode()).items()}
            code = fake.issue_code(form["redirect_uri"], form.get("scope", ""))
            target = form["redirect_uri"] + ("&" if "?" in form["redirect_uri"] else "?") + urlencode(
                {"code": code, "state": form["state"]})
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if path == "/oauth-v1/token" and self.command == "POST":
            form = {k: v[-1] for k, v in parse_qs(raw.decode()).items()}
            status, answer = fake.token(self.headers, form)
            return self._send(status, answer)
        return self._send(404, {"message": "not found"})

    # ----------------------------------------------------------- resources
    def _api(self, method, parts, query, body):
        fake = self.fake
        name = parts[0]
        if name == "companyinformation":
            return 200, {"CompanyInformation": {"CompanyName": fake.company_name,
                                                "DatabaseNumber": fake.tenant_id,
                                                "OrganizationNumber": "556000-0000"}}
        registers = {"customers": ("Customer", "CustomerNumber", fake.customers, 2000433, "Kunden"),
                     "suppliers": ("Supplier", "SupplierNumber", fake.suppliers, 2000434, "Leverantören"),
                     "articles": ("Article", "ArticleNumber", fake.articles, 2000428, "Artikeln")}
        if name in registers:
            return self._register(method, parts, query, body, *registers[name])
        if name == "invoices":
            return self._invoices(method, parts, query, body)
        if name == "supplierinvoices":
            return self._supplier_invoices(method, parts, query, body)
        if name == "vouchers":
            return self._vouchers(method, parts, query, body)
        raise FakeError(404, "Okänd resurs", 2000588)

    def _register(self, method, parts, query, body, wrapper, key, store, code, label):
        if method == "GET" and len(parts) == 1:
            items = [v for v in store.values() if _like(v.get(key), query.get(key.lower()))
                     and _like(v.get("Name"), query.get("name"))]
            return 200, _page(items, wrapper + "s", query)
        if method == "GET":
            if parts[1] not in store:
                raise FakeError(404, "%s hittades inte." % label, code, capitalised=True)
            return 200, {wrapper: store[parts[1]]}
        data = (body or {}).get(wrapper)
        if data is None:
            raise FakeError(400, "Felaktig JSON-struktur", 2002115, capitalised=True)
        _check_length(data, key, 50)
        if method == "POST":
            number = str(data.get(key) or len(store) + 1)
            if number in store:
                raise FakeError(400, "%s %s finns redan." % (label, number), 2000637, capitalised=True)
            store[number] = dict(data, **{key: number})
            return 201, {wrapper: store[number]}
        if parts[1] not in store:
            raise FakeError(404, "%s hittades inte." % label, code, capitalised=True)
        store[parts[1]].update(data)
        return 200, {wrapper: store[parts[1]]}

    def _rows(self, rows):
        stored = []
        for row in rows or []:
            row = dict(row)
            _check_length(row, "Description", 255)
            quantity = float(row.get("DeliveredQuantity") or 0)
            account = row.get("AccountNumber")
            if account not in (None, "API_BLANK") and not 1000 <= int(account) <= 9999:
                raise FakeError(400, "Kontot hittades inte.", 2001304)
            if row.get("ArticleNumber") and row["ArticleNumber"] not in self.fake.articles:
                raise FakeError(400, "Artikeln hittades inte.", 2000428)
            if not row.get("ArticleNumber"):
                if quantity and not row.get("Description"):
                    raise FakeError(400, "Rad saknar artikel eller text", 2003977)
                if not quantity and row.get("AccountNumber") != "API_BLANK":
                    raise FakeError(400, TEXT_ROW_ERROR, 2000755)
            if not quantity and not row.get("ArticleNumber"):
                row.update(DeliveredQuantity="0", Total=0, VAT=0, Price=0, AccountNumber=0)
            else:
                row["Total"] = round(quantity * float(row.get("Price") or 0), 2)
                row["DeliveredQuantity"] = str(row.get("DeliveredQuantity"))
            stored.append(row)
        return stored

    def _invoices(self, method, parts, query, body):
        fake = self.fake
        if method == "GET" and len(parts) == 1:
            items = [{k: v[k] for k in ("DocumentNumber", "CustomerNumber", "ExternalInvoiceReference1",
                                        "Total", "Booked", "Cancelled", "Credit")}
                     for v in fake.invoices.values()
                     if _like(v.get("ExternalInvoiceReference1"), query.get("externalinvoicereference1"))]
            return 200, _page(items, "Invoices", query)
        if method == "GET":
            if parts[1] not in fake.invoices:
                raise FakeError(404, "Kan inte hitta fakturan.", 2000434)
            return 200, {"Invoice": fake.invoices[parts[1]]}
        data = dict((body or {}).get("Invoice") or {})
        for field, limit in (("ExternalInvoiceReference1", 80), ("ExternalInvoiceReference2", 80),
                             ("YourReference", 50), ("YourOrderNumber", 30)):
            _check_length(data, field, limit)
        if method == "POST":
            if data.get("CustomerNumber") not in fake.customers:
                raise FakeError(400, "Kunden hittades inte.", 2000433)
            number = str(next(fake._invoice_numbers))
            rows = self._rows(data.get("InvoiceRows"))
            invoice = dict(data, DocumentNumber=number, InvoiceRows=rows, Booked=False, Cancelled=False,
                           Credit="true" if data.get("CreditInvoiceReference") else "false",
                           Total=round(sum(r["Total"] for r in rows), 2))
            fake.invoices[number] = invoice
            return 201, {"Invoice": invoice}
        if len(parts) < 2 or parts[1] not in fake.invoices:
            raise FakeError(404, "Kan inte hitta fakturan.", 2000434)
        invoice = fake.invoices[parts[1]]
        if invoice["Booked"]:
            raise FakeError(400, "Fakturan är bokförd och kan inte ändras.", 2000700)
        if "InvoiceRows" in data:
            data["InvoiceRows"] = self._rows(data["InvoiceRows"])
            data["Total"] = round(sum(r["Total"] for r in data["InvoiceRows"]), 2)
        invoice.update(data)
        return 200, {"Invoice": invoice}

    def _supplier_invoices(self, method, parts, query, body):
        fake = self.fake
        if method == "GET" and len(parts) == 1:
            keys = ("GivenNumber", "SupplierNumber", "InvoiceNumber", "Total", "Booked")
            items = [{k: v.get(k) for k in keys}
                     for v in fake.supplier_invoices.values()
                     if _like(v.get("SupplierNumber"), query.get("suppliernumber"))]
            return 200, _page(items, "SupplierInvoices", query)
        if method == "GET":
            if parts[1] not in fake.supplier_invoices:
                raise FakeError(404, "Kan inte hitta leverantörsfakturan.", 2000434)
            return 200, {"SupplierInvoice": fake.supplier_invoices[parts[1]]}
        data = dict((body or {}).get("SupplierInvoice") or {})
        for row in data.get("SupplierInvoiceRows") or []:
            _check_length(row, "TransactionInformation", 100)
            if not isinstance(row.get("Quantity", 0), int):
                raise FakeError(400, "Antal måste vara ett heltal", 2000588)
        if method == "POST":
            if str(data.get("SupplierNumber")) not in fake.suppliers:
                raise FakeError(400, "Leverantören hittades inte.", 2000434)
            number = str(next(fake._given_numbers))
            invoice = dict(data, GivenNumber=number, Booked=False)
            fake.supplier_invoices[number] = invoice
            return 201, {"SupplierInvoice": invoice}
        invoice = fake.supplier_invoices.get(parts[1] if len(parts) > 1 else None)
        if invoice is None:
            raise FakeError(404, "Kan inte hitta leverantörsfakturan.", 2000434)
        if invoice["Booked"]:
            raise FakeError(400, "Leverantörsfakturan är bokförd och kan inte ändras.", 2000700)
        invoice.update(data)
        return 200, {"SupplierInvoice": invoice}

    def _vouchers(self, method, parts, query, body):
        fake = self.fake
        if method == "GET":
            series = parts[2] if len(parts) > 2 and parts[1] == "sublist" else None
            items = [v for v in fake.vouchers if series in (None, v["VoucherSeries"])
                     and query.get("fromdate", "") <= v["TransactionDate"] <= query.get("todate", "9999")]
            return 200, _page(items, "Vouchers", query)
        data = dict((body or {}).get("Voucher") or {})
        rows = data.get("VoucherRows") or []
        for row in rows:
            _check_length(row, "TransactionInformation", 100)
        if round(sum(float(r.get("Debit") or 0) - float(r.get("Credit") or 0) for r in rows), 2):
            raise FakeError(400, "Verifikationen är inte balanserad.", 2000588)
        series = data.get("VoucherSeries") or "A"
        number = 1 + sum(1 for v in fake.vouchers if v["VoucherSeries"] == series)
        voucher = dict(data, VoucherSeries=series, VoucherNumber=number)
        fake.vouchers.append(voucher)
        return 201, {"Voucher": voucher}

    # ------------------------------------------------------- Fortnox Lager
    def _warehouse(self, method, path, query, body):
        fake = self.fake
        if path == "tenants-v4":
            return 200, {"isActivated": bool(fake.warehouse)}
        if not fake.warehouse:
            raise FakeError(403, "Fortnox Lager är inte aktiverat.", 2001101)
        if path == "stockpoints-v1":
            return 200, fake.stock_points
        match = re.match(r"deliveries-v1/(inbound|outbound)deliveries(?:/(\d+)(?:/(release|void))?)?$", path)
        if match:
            kind, ident, action = match.groups()
            store = fake.deliveries[kind]
            if method == "GET" and not ident:
                return 200, [d for d in store.values()
                             if _like(d.get("externalReference"), query.get("externalReference"))]
            if method == "POST" and not ident:
                data = dict(body or {})
                _check_length(data, "note", 1000)
                for row in data.get("rows") or []:
                    if kind == "outbound" and "batch" in row:
                        raise FakeError(400, "Fältet batch finns inte på utleveransrader.", 2000588)
                    _check_length(row, "batch", 50)
                    _check_length(row, "itemDescription", 200)
                    if row.get("itemId") not in fake.articles:
                        raise FakeError(400, "Artikeln hittades inte.", 2000428)
                number = next(fake._delivery_ids)
                store[number] = dict(data, id=number, released=False, voided=False)
                return 201, store[number]
            if ident and int(ident) in store and method == "PUT" and action:
                store[int(ident)]["released" if action == "release" else "voided"] = True
                return 200, store[int(ident)]
            raise FakeError(404, "Leveransen hittades inte.", 2000588)
        if path == "stocktransfer-v1" and method == "POST":
            fake.transfers.append(dict(body or {}))
            return 201, dict(body or {}, id=len(fake.transfers))
        raise FakeError(404, "Okänd resurs", 2000588)

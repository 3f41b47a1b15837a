"""Entity helpers: one small method per Fortnox call the connector makes.

Search parameters of Fortnox match substrings (``ILIKE %x%``), so every
lookup here compares the key exactly on our side.
"""
from .errors import FortnoxNotFound, FortnoxUnavailable

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover
    from urllib import quote


def _q(value):
    return quote(str(value), safe="")


class ResourcesMixin:
    """Mixed into FortnoxClient: needs ``get``, ``post``, ``put``, ``iter_list``."""

    # ------------------------------------------------------------ company
    def company_information(self):
        """``CompanyInformation`` (``CompanyName``, ``DatabaseNumber``...)."""
        return self.get("companyinformation").get("CompanyInformation") or {}

    # ------------------------------------------- customers, suppliers, articles
    def _get_or_none(self, path, key):
        try:
            return self.get(path).get(key)
        except FortnoxNotFound:
            return None

    def _upsert(self, collection, wrapper, number_key, number, data):
        """Create ``data`` under ``number`` or update it: never a duplicate."""
        body = dict(data)
        body[number_key] = number
        path = "%s/%s" % (collection, _q(number))
        if self._get_or_none(path, wrapper) is None:
            try:
                answer = self.post(collection, {wrapper: body})
            except FortnoxUnavailable:
                if self._get_or_none(path, wrapper) is None:
                    raise  # not stored: the job is retried later
                answer = self.put(path, {wrapper: body})  # stored, answer lost
        else:
            answer = self.put(path, {wrapper: body})
        return answer.get(wrapper) or {}

    def upsert_customer(self, number, data):
        return self._upsert("customers", "Customer", "CustomerNumber", number, data)

    def upsert_supplier(self, number, data):
        return self._upsert("suppliers", "Supplier", "SupplierNumber", number, data)

    def upsert_article(self, number, data):
        return self._upsert("articles", "Article", "ArticleNumber", number, data)

    def get_customer(self, number):
        return self._get_or_none("customers/%s" % _q(number), "Customer")

    def get_article(self, number):
        return self._get_or_none("articles/%s" % _q(number), "Article")

    def list_customers(self, **params):
        return list(self.iter_list("customers", "Customers", params))

    # ------------------------------------------------------------ invoices
    def find_invoice(self, reference):
        """The invoice whose ``ExternalInvoiceReference1`` is exactly ``reference``."""
        for item in self.iter_list("invoices", "Invoices", {"externalinvoicereference1": reference}):
            if item.get("ExternalInvoiceReference1") == reference:
                return item
        return None

    def get_invoice(self, number):
        return self.get("invoices/%s" % _q(number)).get("Invoice") or {}

    def create_invoice(self, data):
        return self.post("invoices", {"Invoice": data}).get("Invoice") or {}

    def update_invoice(self, number, data):
        return self.put("invoices/%s" % _q(number), {"Invoice": data}).get("Invoice") or {}

    # ---------------------------------------------------- supplier invoices
    def find_supplier_invoice(self, supplier_number, invoice_number):
        """The supplier invoice of ``supplier_number`` with exactly ``invoice_number``."""
        params = {"suppliernumber": supplier_number}
        for item in self.iter_list("supplierinvoices", "SupplierInvoices", params):
            if (str(item.get("SupplierNumber")) == str(supplier_number)
                    and item.get("InvoiceNumber") == invoice_number):
                return item
        return None

    def get_supplier_invoice(self, given_number):
        return self.get("supplierinvoices/%s" % _q(given_number)).get("SupplierInvoice") or {}

    def create_supplier_invoice(self, data):
        return self.post("supplierinvoices", {"SupplierInvoice": data}).get("SupplierInvoice") or {}

    def update_supplier_invoice(self, given_number, data):
        return self.put("supplierinvoices/%s" % _q(given_number),
                        {"SupplierInvoice": data}).get("SupplierInvoice") or {}

    # ------------------------------------------------------------ vouchers
    def find_voucher(self, series, description, from_date, to_date):
        """The voucher of ``series`` whose description is exactly ``description``."""
        params = {"fromdate": from_date, "todate": to_date}
        for item in self.iter_list("vouchers/sublist/%s" % _q(series), "Vouchers", params):
            if item.get("Description") == description:
                return item
        return None

    def create_voucher(self, data):
        return self.post("vouchers", {"Voucher": data}).get("Voucher") or {}

    # ------------------------------------------------------ Fortnox Lager
    def warehouse_tenant(self):
        """Fortnox Lager's tenant settings, or None when Lager is not active."""
        try:
            return self.get("tenants-v4", warehouse=True)
        except FortnoxNotFound:
            return None

    def has_warehouse(self):
        tenant = self.warehouse_tenant()
        return bool(tenant and tenant.get("isActivated", tenant.get("IsActivated")))

    def stock_points(self):
        return self.get("stockpoints-v1", warehouse=True) or []

    def find_warehouse_document(self, kind, reference):
        """An inbound/outbound delivery whose ``externalReference`` is ``reference``."""
        answer = self.get("deliveries-v1/%sdeliveries" % kind, {"externalReference": reference},
                          warehouse=True)
        for item in answer if isinstance(answer, list) else answer.get("items") or []:
            if item.get("externalReference") == reference:
                return item
        return None

    def create_delivery(self, kind, data, release=True):
        """Create an ``inbound`` or ``outbound`` delivery, then release it."""
        created = self.post("deliveries-v1/%sdeliveries" % kind, data, warehouse=True)
        if release and created.get("id") is not None:
            created = dict(created, **(self.release_delivery(kind, created["id"]) or {}))
        return created

    def release_delivery(self, kind, ident):
        """Release an ``inbound`` or ``outbound`` delivery: its stock counts from then on."""
        return self.put("deliveries-v1/%sdeliveries/%s/release" % (kind, ident), warehouse=True)

    def create_stock_transfer(self, data):
        return self.post("stocktransfer-v1", data, warehouse=True)

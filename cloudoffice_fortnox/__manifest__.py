{
    "name": "Fortnox Connector with Batches and Serials",
    "summary": "Send customer invoices, supplier invoices and warehouse changes "
               "to Fortnox, with batch/serial numbers on the product lines",
    "version": "11.0.1.0.0",
    "category": "Accounting",
    "website": "https://github.com/cloudoffice/cloudoffice_lots",
    "author": "CloudOffice",
    "maintainers": ["cloudoffice"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": [
        "cloudoffice_lots",
        "queue_job",
    ],
    "external_dependencies": {
        "python": ["requests"],
    },
    "data": [
        "security/ir.model.access.csv",
        "security/fortnox_security.xml",
        "data/fortnox_data.xml",
        "views/fortnox_backend_views.xml",
        "views/fortnox_binding_views.xml",
        "views/account_invoice_views.xml",
        "views/stock_picking_views.xml",
        "views/stock_scrap_views.xml",
        "views/stock_inventory_views.xml",
    ],
}

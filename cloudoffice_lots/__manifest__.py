{
    "name": "Batches and Serial Numbers",
    "summary": "Batch and serial number management: batch data, tests, "
               "certificates, choosing lots when selling, reports, barcodes, labels",
    "version": "11.0.1.0.0",
    "category": "Warehouse",
    "website": "https://github.com/cloudoffice/cloudoffice_lots",
    "author": "CloudOffice",
    "maintainers": ["cloudoffice"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": [
        "stock",
        "product_expiry",
        "sale_stock",
        "purchase",
        "mrp",
        "account_invoicing",
    ],
    "external_dependencies": {
        "python": ["barcode", "reportlab", "segno", "zxingcpp"],
    },
    "data": [
    ],
    "demo": [
    ],
}

{
    "name": "Batches and Serial Numbers in OCA Stock Barcodes",
    "summary": "OCA's barcode scan screens read GS1 scans (batch, dates, quantity, "
               "Digital Link) the way Batches and Serial Numbers does",
    "version": "11.0.1.0.0",
    "category": "Warehouse",
    "website": "https://github.com/cloudoffice/cloudoffice_lots",
    "author": "CloudOffice",
    "maintainers": ["cloudoffice"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": [
        "cloudoffice_lots",
        "stock_barcodes",
    ],
    "data": [
        "wizards/wiz_stock_barcodes_new_lot_views.xml",
    ],
}

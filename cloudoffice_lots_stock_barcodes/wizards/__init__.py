from . import wiz_stock_barcodes_read
from . import wiz_stock_barcodes_new_lot

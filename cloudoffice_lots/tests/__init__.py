from . import test_product_tracking
from . import test_lot_dates
from . import test_lot_data
from . import test_receiving
from . import test_serial_generate

from . import test_sale_lot_availability
from . import test_sale_lot_picker
from . import test_sale_lot_confirm
from . import test_sale_lot_documents
from . import test_sale_lot_concurrency
from . import test_sale_lot_purchase_return

from . import test_labels_engine
from . import test_labels_printing
from . import test_scan_lookup
from . import test_scan_picking

from . import serial_generate
from . import sale_lot_picker
from . import lot_override_confirm
from . import lot_scan_lookup
from . import picking_scan
from . import label_print

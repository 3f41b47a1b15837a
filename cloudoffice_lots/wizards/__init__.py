from . import serial_generate
from . import lot_scan_lookup
from . import picking_scan
from . import label_print

from . import serial_generate
from . import sale_lot_picker
from . import lot_override_confirm

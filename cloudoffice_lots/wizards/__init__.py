from . import serial_generate
from . import lot_report_mixin
from . import lot_balance_wizard
from . import lot_statement_wizard
from . import lot_expiry_wizard
from . import lot_trace_wizard

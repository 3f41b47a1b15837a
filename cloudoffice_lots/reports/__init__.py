from . import lot_report_line
from . import lot_movement_line
from . import lot_balance_line
from . import lot_statement_line
from . import lot_expiry_line
from . import lot_trace_line
from . import lot_trace_customer
from . import lot_one_step_line

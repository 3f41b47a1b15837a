from . import test_report_balance
from . import test_report_balance_replay
from . import test_report_statement
from . import test_report_expiry
from . import test_report_trace
from . import test_report_exports

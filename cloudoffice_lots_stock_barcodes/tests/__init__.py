from . import test_gs1_scans

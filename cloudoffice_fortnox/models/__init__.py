from . import fortnox_backend
from . import fortnox_backend_oauth
from . import fortnox_pacer
from . import fortnox_binding
from . import fortnox_binding_export
from . import account_invoice
from . import res_partner
from . import product_product

"""The PostgreSQL setting Odoo 11's tests rely on, as Odoo's own connections see it.

PostgreSQL 12+ prints float8 values with as many digits as it takes to read
them back exactly (999.9975000000001); Odoo 11 was written for the older
15-significant-digit output, and core stock tests compare such values. The
private cluster sets ``extra_float_digits = 0`` in postgresql.conf and on the
Odoo role; a client may override it per connection, so check it through the
cursor Odoo's tests use.
"""
from odoo.tests.common import TransactionCase


class TestDatabaseSettings(TransactionCase):

    def test_float8_output_has_15_digits(self):
        self.env.cr.execute("SHOW extra_float_digits")
        self.assertEqual(self.env.cr.fetchone()[0], "0")
        self.env.cr.execute("SELECT 999.9975000000001::float8::text, (0.1::float8 + 0.2::float8)::text")
        self.assertEqual(self.env.cr.fetchone(), ("999.9975", "0.3"))

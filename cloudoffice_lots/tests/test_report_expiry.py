import datetime

from ..reports.queries import lot_expiry
from .common_reports import ReportsCase


class TestLotExpiry(ReportsCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = datetime.datetime.utcnow().replace(microsecond=0)
        cls.expired = cls._lot(cls.honey, "RE-EXPIRED", life_date=cls._dt(now - datetime.timedelta(days=2)))
        cls.soon = cls._lot(cls.honey, "RE-SOON", life_date=cls._dt(now + datetime.timedelta(days=10)),
                            alert_date=cls._dt(now - datetime.timedelta(days=1)))
        cls.later = cls._lot(cls.honey, "RE-LATER", life_date=cls._dt(now + datetime.timedelta(days=90)))
        cls.undated = cls._lot(cls.honey, "RE-UNDATED")
        for lot in cls.expired | cls.soon | cls.later | cls.undated:
            cls._move(lot, 10, cls.supplier_loc, cls.stock1, now - datetime.timedelta(days=5))
        cls._move(cls.soon, 4, cls.stock1, cls.customer_loc, now - datetime.timedelta(days=3),
                  partner=cls.customer_a)
        cls._move(cls.soon, 1, cls.customer_loc, cls.stock1, now - datetime.timedelta(days=2),
                  partner=cls.customer_a, picking_type=cls.wh1.in_type_id)
        cls._move(cls.later, 10, cls.stock1, cls.customer_loc, now - datetime.timedelta(days=3),
                  partner=cls.customer_b)
        cls.now = now

    @staticmethod
    def _dt(value):
        return value.strftime("%Y-%m-%d %H:%M:%S")

    def _params(self, **options):
        return dict(company_ids=self._company_ids(), now=self.now, today=self.now.date(), tz="UTC",
                    lot_ids=(self.expired | self.soon | self.later | self.undated).ids, **options)

    def test_buckets_in_stock(self):
        rows = lot_expiry.in_stock(self.env.cr, **self._params(days=30, with_undated=True))
        got = {r["lot_id"]: (r["bucket"], r["days_left"], r["quantity"], r["alert_reached"])
               for r in rows}
        self.assertEqual(got, {
            self.expired.id: ("expired", -2, 10, False),
            self.soon.id: ("soon", 10, 7, True),
            self.undated.id: ("none", None, 10, False),
        })
        rows = lot_expiry.in_stock(self.env.cr, **self._params(days=5, buckets=["expired", "soon"]))
        self.assertEqual([r["lot_id"] for r in rows], [self.expired.id])

    def test_batches_at_customers(self):
        rows = lot_expiry.at_customers(self.env.cr, **self._params(days=100))
        got = {(r["lot_id"], r["partner_id"]): (r["bucket"], r["quantity"]) for r in rows}
        self.assertEqual(got, {(self.soon.id, self.customer_a.id): ("soon", 3),
                               (self.later.id, self.customer_b.id): ("soon", 10)})

    def test_wizard(self):
        wizard = self.env["cloudoffice.lot.expiry.wizard"].create({"days": 30})
        wizard.action_show()
        mine = wizard.line_ids.filtered(lambda line: line.lot_id.name.startswith("RE-"))
        self.assertEqual(sorted((line.kind, line.lot_id.name, line.bucket) for line in mine), [
            ("customer", "RE-SOON", "soon"), ("stock", "RE-EXPIRED", "expired"),
            ("stock", "RE-SOON", "soon")])

"""Upgrading from 11.0.1.0.0, where batch dates were Datetimes at the
writer's local midnight, gives each batch its days and stores the Datetimes
at 12:00 UTC; running the conversion again changes nothing."""
from .test_install import database_copy, run_in_odoo, run_odoo  # noqa: F401 (fixture)


def test_upgrade_turns_local_midnights_into_days(database_copy):  # noqa: F811
    # Put the database back as 11.0.1.0.0 left it: a Stockholm user's batch
    # expiring on 1 August 2028 was stored as 2028-07-31 22:00 UTC.
    output = run_in_odoo(database_copy, """
        user = env['res.users'].search([('login', '=', 'quality')])
        user.partner_id.tz = 'Europe/Stockholm'
        lot = env['stock.production.lot'].search([('expiry_day', '!=', False)], limit=1)
        cr.execute("UPDATE stock_production_lot SET create_uid = %s, expiry_day = NULL, "
                   "best_before_day = NULL, life_date = '2028-07-31 22:00:00', "
                   "use_date = '2028-06-30 22:00:00' WHERE id = %s", (user.id, lot.id))
        other = env['stock.production.lot'].search([('id', '!=', lot.id)], limit=1)
        cr.execute("UPDATE stock_production_lot SET create_uid = NULL, expiry_day = NULL, "
                   "life_date = '2029-01-15 09:30:00' WHERE id = %s", (other.id,))
        cr.execute("UPDATE ir_module_module SET latest_version = '11.0.1.0.0' "
                   "WHERE name = 'cloudoffice_lots'")
        print(lot.id, other.id)
        """)
    lot_id, other_id = (int(value) for value in output.split())
    log_path = run_odoo(database_copy, "-u", "cloudoffice_lots", log_name=database_copy)
    with open(log_path, encoding="utf-8", errors="replace") as log:
        assert not [line for line in log if " ERROR " in line or " CRITICAL " in line]
    check = """
        cr.execute("SELECT expiry_day::text, best_before_day::text, life_date::text, "
                   "use_date::text FROM stock_production_lot WHERE id IN (%%s, %%s) ORDER BY id = %%s DESC",
                   (%d, %d, %d))
        for row in cr.fetchall():
            print('|'.join(str(value) for value in row))
        cr.execute("SELECT latest_version FROM ir_module_module WHERE name = 'cloudoffice_lots'")
        print(cr.fetchone()[0])
        """ % (lot_id, other_id, lot_id)
    before_rerun = run_in_odoo(database_copy, check).split("\n")
    assert before_rerun[0] == "2028-08-01|2028-07-01|2028-08-01 12:00:00|2028-07-01 12:00:00"
    # no creator's time zone: the UTC day
    assert before_rerun[1].startswith("2029-01-15|") and "|2029-01-15 12:00:00|" in before_rerun[1]
    assert before_rerun[2] == "11.0.1.0.1"
    # The conversion is idempotent: running it again changes nothing.
    run_in_odoo(database_copy, """
        from odoo.addons.cloudoffice_lots.dates_upgrade import dates_to_days
        dates_to_days(cr)
        cr.commit()
        """)
    assert run_in_odoo(database_copy, check).split("\n") == before_rerun

"""A large, realistic batch/serial dataset for benchmarks, made with SQL
``INSERT ... SELECT generate_series`` in a few minutes (about 2 on two
cores), and made once: ``ensure(env)`` returns at once when it is there.

What it holds (all done, in the main company):
- 1,000 batch-tracked products, 2,000 customers, 20 suppliers, three
  warehouses (each with a shelf) and a transit location between them;
- 50,000 batches and 1,000,000 done move lines, one stock move each, in
  transfers of up to 10 lines, quants matching the final stock;
- bulk batches: a receipt, then a cycle of shelving, picking and shipping
  to customers, direct deliveries, moves to another warehouse through
  transit, customer returns, scraps and inventory gains, over two years;
- ``BENCH-STATEMENT``: one batch with 5,000 moves;
- ``BENCH-RAW``: a raw-material batch consumed by 10 manufacturing orders,
  whose batches feed 100, whose batches feed 500, whose batches are
  delivered 20 times each: 10,000 deliveries, linked as Odoo's
  manufacturing links them (``stock_move_line_consume_rel``).

Other benchmarks reuse it through ``ensure(env)`` and ``info(env)``.
"""
import time

DATASET_VERSION = "bench-lots-v1"
PARAM = "cloudoffice.bench.dataset"

LOTS = 50000
MOVE_LINES = 1000000
PRODUCTS = 1000
CUSTOMERS = 2000
SUPPLIERS = 20
STATEMENT_MOVES = 5000
# Manufacturing tree of BENCH-RAW: batches per level, and deliveries per
# finished batch (500 x 20 = 10,000 deliveries).
TREE = (10, 10, 5)
DELIVERIES_PER_FINISHED = 20

# The bulk cycle after the receipt: (kind, from, to, quantity). "home" is
# the batch's warehouse, "away" the next one.
CYCLE = (
    ("shelve", "home_stock", "home_shelf", 40),
    ("pick", "home_stock", "home_output", 5),
    ("ship", "home_output", "customer", 5),
    ("deliver", "home_stock", "customer", 3),
    ("unshelve", "home_shelf", "home_stock", 10),
    ("to_transit", "home_stock", "transit", 4),
    ("from_transit", "transit", "away_stock", 4),
    ("deliver_away", "away_stock", "customer", 2),
    ("return", "customer", "home_stock", 1),
    ("scrap", "home_shelf", "scrap", 1),
    ("pick", "home_stock", "home_output", 6),
    ("ship", "home_output", "customer", 6),
    ("inventory", "inventory", "home_stock", 2),
    ("deliver", "home_stock", "customer", 4),
    ("shelve", "home_stock", "home_shelf", 8),
    ("deliver", "home_shelf", "customer", 3),
    ("pick", "home_stock", "home_output", 2),
    ("ship", "home_output", "customer", 2),
    ("deliver", "home_stock", "customer", 1),
)


def info(env):
    """Ids a benchmark needs: the statement and raw-material batches."""
    lots = env["stock.production.lot"].search([("name", "in", ("BENCH-STATEMENT", "BENCH-RAW"))])
    by_name = {lot.name: lot for lot in lots}
    return {"statement_lot": by_name["BENCH-STATEMENT"], "raw_lot": by_name["BENCH-RAW"]}


def ensure(env, log=print):
    """Generate the dataset unless this database already has it."""
    params = env["ir.config_parameter"].sudo()
    if params.get_param(PARAM) == DATASET_VERSION:
        return False
    start = time.time()
    cr = env.cr
    setup = _setup(env)
    cr.execute("SET LOCAL synchronous_commit TO off")
    _partners(cr, setup)
    log("  partners and products ...")
    _products(cr, setup)
    log("  %d batches ..." % LOTS)
    _lots(cr, setup)
    log("  move lines of the manufacturing tree and the statement batch ...")
    _special_lines(cr, setup)
    bulk = MOVE_LINES - _count_lines(cr)
    log("  %d bulk move lines ..." % bulk)
    _bulk_lines(cr, setup, bulk)
    log("  stock moves, transfers, quants ...")
    _moves_and_pickings(cr, setup)
    _quants(cr)
    params.set_param(PARAM, DATASET_VERSION)
    cr.execute("ANALYZE")
    log("  dataset ready in %.0f s" % (time.time() - start))
    return True


def _setup(env):
    """Warehouses, locations and picking types, through the ORM (a handful
    of records; the ORM creates their routes and sequences)."""
    Warehouse = env["stock.warehouse"]
    Location = env["stock.location"]
    warehouses = env.ref("stock.warehouse0")
    for code in ("BW1", "BW2"):
        warehouses |= Warehouse.search([("code", "=", code)]) or Warehouse.create(
            {"name": "Bench Warehouse %s" % code, "code": code})
    locs = []
    for wh in warehouses:
        shelf = Location.search([("name", "=", "Bench Shelf"), ("location_id", "=", wh.lot_stock_id.id)])
        shelf = shelf or Location.create({"name": "Bench Shelf", "usage": "internal",
                                          "location_id": wh.lot_stock_id.id})
        locs.append({"stock": wh.lot_stock_id.id, "shelf": shelf.id,
                     "output": wh.wh_output_stock_loc_id.id, "in_type": wh.in_type_id.id,
                     "out_type": wh.out_type_id.id, "int_type": wh.int_type_id.id,
                     "manu_type": wh.manu_type_id.id})
    transit = Location.search([("name", "=", "Bench Transit")]) or Location.create(
        {"name": "Bench Transit", "usage": "transit",
         "location_id": env.ref("stock.stock_location_locations").id})
    return {
        "company_id": env.ref("base.main_company").id,
        "categ_id": env.ref("product.product_category_all").id,
        "uom_id": env.ref("product.product_uom_unit").id,
        "warehouses": locs,
        "transit": transit.id,
        "supplier": env.ref("stock.stock_location_suppliers").id,
        "customer": env.ref("stock.stock_location_customers").id,
        "inventory": env.ref("stock.location_inventory").id,
        "scrap": Location.search([("scrap_location", "=", True)], limit=1).id,
        "production": Location.search([("usage", "=", "production")], limit=1).id,
    }


def _partners(cr, s):
    cr.execute("""
        INSERT INTO res_partner (name, display_name, active, customer, supplier, is_company, type,
                                 company_id, lang, email, invoice_warn, picking_warn, purchase_warn,
                                 sale_warn, create_uid, write_uid, create_date, write_date)
        SELECT CASE WHEN n <= %(customers)s THEN 'Bench Customer ' || n
                    ELSE 'Bench Supplier ' || (n - %(customers)s) END,
               CASE WHEN n <= %(customers)s THEN 'Bench Customer ' || n
                    ELSE 'Bench Supplier ' || (n - %(customers)s) END,
               TRUE, n <= %(customers)s, n > %(customers)s, TRUE, 'contact', %(company)s, 'en_US',
               'bench' || n || '@example.com', 'no-message', 'no-message', 'no-message',
               'no-message', 1, 1, now(), now()
          FROM generate_series(1, %(customers)s + %(suppliers)s) n;
        UPDATE res_partner SET commercial_partner_id = id
         WHERE commercial_partner_id IS NULL AND name LIKE 'Bench %%';
        CREATE TEMP TABLE bench_partner ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, supplier
          FROM res_partner WHERE email LIKE 'bench%%@example.com';
    """, {"customers": CUSTOMERS, "suppliers": SUPPLIERS, "company": s["company_id"]})


def _products(cr, s):
    names = ["Bench Raw Material", "Bench Intermediate 1", "Bench Intermediate 2", "Bench Finished"]
    cr.execute("""
        INSERT INTO product_template (name, type, categ_id, uom_id, uom_po_id, tracking,
                                      responsible_id, sale_line_warn, purchase_line_warn, active,
                                      sale_ok, purchase_ok, list_price, company_id,
                                      create_uid, write_uid, create_date, write_date)
        SELECT COALESCE((%(names)s::text[])[n - %(products)s], 'Bench Product ' || n), 'product',
               %(categ)s, %(uom)s, %(uom)s, 'lot', 1, 'no-message', 'no-message', TRUE, TRUE, TRUE,
               10, %(company)s, 1, 1, now(), now()
          FROM generate_series(1, %(products)s + 4) n;
        INSERT INTO product_product (product_tmpl_id, active, default_code,
                                     create_uid, write_uid, create_date, write_date)
        SELECT id, TRUE, 'BENCH-P-' || (row_number() OVER (ORDER BY id)), 1, 1, now(), now()
          FROM product_template t
         WHERE (t.name LIKE 'Bench Product %%' OR t.name = ANY(%(names)s))
           AND NOT EXISTS (SELECT 1 FROM product_product p WHERE p.product_tmpl_id = t.id);
        CREATE TEMP TABLE bench_product ON COMMIT DROP AS
        SELECT substr(default_code, 9)::int AS n, id FROM product_product
         WHERE default_code LIKE 'BENCH-P-%%';
    """, {"names": names, "products": PRODUCTS, "categ": s["categ_id"], "uom": s["uom_id"],
          "company": s["company_id"]})


def _bulk_lot_count():
    return LOTS - 2 - TREE[0] - TREE[0] * TREE[1] - TREE[0] * TREE[1] * TREE[2]


def _lots(cr, s):
    """Bulk batches BENCH-L00001..., BENCH-STATEMENT, BENCH-RAW and the
    batches of the manufacturing tree BENCH-T1-i, BENCH-T2-i-j, BENCH-T3-i-j-k."""
    cr.execute("""
        CREATE TEMP TABLE bench_lot_names ON COMMIT DROP AS
        SELECT 'BENCH-L' || lpad(n::text, 5, '0') AS name, ((n - 1) %% %(products)s) + 1 AS product_n,
               n, (n %% 3) AS home
          FROM generate_series(1, %(bulk)s) n
        UNION ALL SELECT 'BENCH-STATEMENT', 1, NULL, 0
        UNION ALL SELECT 'BENCH-RAW', %(products)s + 1, NULL, 0
        UNION ALL SELECT 'BENCH-T1-' || i, %(products)s + 2, NULL, 0 FROM generate_series(1, %(t1)s) i
        UNION ALL SELECT 'BENCH-T2-' || i || '-' || j, %(products)s + 3, NULL, 0
                    FROM generate_series(1, %(t1)s) i, generate_series(1, %(t2)s) j
        UNION ALL SELECT 'BENCH-T3-' || i || '-' || j || '-' || k, %(products)s + 4, NULL, 0
                    FROM generate_series(1, %(t1)s) i, generate_series(1, %(t2)s) j,
                         generate_series(1, %(t3)s) k;
        INSERT INTO stock_production_lot (name, product_id, company_id, release_state, life_date,
                                          use_date, alert_date, removal_date,
                                          create_uid, write_uid, create_date, write_date)
        SELECT b.name, p.id, %(company)s, 'released',
               d + interval '400 days', d + interval '380 days', d + interval '350 days',
               d + interval '390 days', 1, 1, now(), now()
          FROM bench_lot_names b
          JOIN bench_product p ON p.n = b.product_n
         CROSS JOIN LATERAL (SELECT timestamp '2023-01-01' + ((COALESCE(b.n, 0) * 37) %% 540)
                                    * interval '1 day' AS d) base;
        CREATE TEMP TABLE bench_lot ON COMMIT DROP AS
        SELECT l.id AS lot_id, l.product_id, b.name, b.n, b.home,
               timestamp '2023-01-01' + ((COALESCE(b.n, 0) * 37) %% 540) * interval '1 day'
                   + ((COALESCE(b.n, 0) %% 8) + 8) * interval '1 hour' AS base_date
          FROM bench_lot_names b JOIN stock_production_lot l ON l.name = b.name
          JOIN bench_product p ON p.id = l.product_id AND p.n = b.product_n;
        CREATE INDEX ON bench_lot (name);
        CREATE INDEX ON bench_lot (n);
    """, {"products": PRODUCTS, "bulk": _bulk_lot_count(), "t1": TREE[0], "t2": TREE[1],
          "t3": TREE[2], "company": s["company_id"]})
    # Locations by code for each home warehouse (0..2).
    rows = []
    whs = s["warehouses"]
    for home, wh in enumerate(whs):
        away = whs[(home + 1) % len(whs)]
        codes = {"home_stock": wh["stock"], "home_shelf": wh["shelf"], "home_output": wh["output"],
                 "away_stock": away["stock"], "customer": s["customer"], "supplier": s["supplier"],
                 "transit": s["transit"], "scrap": s["scrap"], "inventory": s["inventory"],
                 "production": s["production"]}
        for code, location_id in codes.items():
            rows.append((home, code, location_id))
    cr.execute("CREATE TEMP TABLE bench_loc (home int, code text, location_id int) ON COMMIT DROP")
    cr.executemany("INSERT INTO bench_loc VALUES (%s, %s, %s)", rows)
    cr.execute("""
        CREATE TEMP TABLE bench_lines (
            ml_id int DEFAULT nextval('stock_move_line_id_seq'),
            move_id int DEFAULT nextval('stock_move_id_seq'),
            lot_id int, product_id int, src int, dst int, qty numeric, date timestamp,
            kind text, partner_id int, picking_key text, picking_type_id int,
            link text, production_id int
        ) ON COMMIT DROP""")


def _special_lines(cr, s):
    wh = s["warehouses"][0]
    common = {"stock": wh["stock"], "shelf": wh["shelf"], "supplier": s["supplier"],
              "customer": s["customer"], "production": s["production"], "in_type": wh["in_type"],
              "out_type": wh["out_type"], "int_type": wh["int_type"], "t1": TREE[0], "t2": TREE[1],
              "t3": TREE[2], "deliveries": DELIVERIES_PER_FINISHED, "customers": CUSTOMERS,
              "statement_moves": STATEMENT_MOVES}
    # The statement batch: a receipt, then shelving and deliveries by turns.
    cr.execute("""
        INSERT INTO bench_lines (lot_id, product_id, src, dst, qty, date, kind, partner_id,
                                 picking_key, picking_type_id)
        SELECT l.lot_id, l.product_id,
               CASE WHEN k = 0 THEN %(supplier)s WHEN k %% 2 = 1 THEN %(stock)s ELSE %(shelf)s END,
               CASE WHEN k = 0 THEN %(stock)s WHEN k %% 2 = 1 THEN %(shelf)s ELSE %(customer)s END,
               CASE WHEN k = 0 THEN 6000 WHEN k %% 2 = 1 THEN 2 ELSE 1 END,
               timestamp '2023-01-01 08:00' + k * interval '2 hours',
               CASE WHEN k = 0 THEN 'receipt' WHEN k %% 2 = 1 THEN 'shelve' ELSE 'deliver' END,
               CASE WHEN k = 0 THEN (SELECT id FROM bench_partner WHERE supplier LIMIT 1)
                    WHEN k %% 2 = 0 THEN (SELECT id FROM bench_partner WHERE n = k %% %(customers)s)
               END,
               'S-' || k, CASE WHEN k = 0 THEN %(in_type)s WHEN k %% 2 = 1 THEN %(int_type)s
                               ELSE %(out_type)s END
          FROM bench_lot l, generate_series(0, %(statement_moves)s - 1) k
         WHERE l.name = 'BENCH-STATEMENT'
    """, common)
    # The manufacturing tree: each order consumes 100 of its parent batch
    # and makes a batch; "link" ties the two lines as Odoo's consume link.
    cr.execute("""
        INSERT INTO bench_lines (lot_id, product_id, src, dst, qty, date, kind, partner_id,
                                 picking_key, picking_type_id)
        SELECT lot_id, product_id, %(supplier)s, %(stock)s, 10000, timestamp '2023-01-02 09:00',
               'receipt', (SELECT id FROM bench_partner WHERE supplier LIMIT 1), 'R-RAW', %(in_type)s
          FROM bench_lot WHERE name = 'BENCH-RAW';

        CREATE TEMP TABLE bench_tree ON COMMIT DROP AS
        SELECT 1 AS level, 'BENCH-RAW' AS parent, 'BENCH-T1-' || i AS child, 1000 AS qty
          FROM generate_series(1, %(t1)s) i
        UNION ALL
        SELECT 2, 'BENCH-T1-' || i, 'BENCH-T2-' || i || '-' || j, 500
          FROM generate_series(1, %(t1)s) i, generate_series(1, %(t2)s) j
        UNION ALL
        SELECT 3, 'BENCH-T2-' || i || '-' || j, 'BENCH-T3-' || i || '-' || j || '-' || k, 100
          FROM generate_series(1, %(t1)s) i, generate_series(1, %(t2)s) j,
               generate_series(1, %(t3)s) k;

        INSERT INTO bench_lines (lot_id, product_id, src, dst, qty, date, kind, link)
        SELECT p.lot_id, p.product_id, %(stock)s, %(production)s, 100,
               timestamp '2023-01-02 10:00' + t.level * interval '1 day', 'consume', t.child
          FROM bench_tree t JOIN bench_lot p ON p.name = t.parent
        UNION ALL
        SELECT c.lot_id, c.product_id, %(production)s, %(stock)s, t.qty,
               timestamp '2023-01-02 10:00' + t.level * interval '1 day', 'produce', t.child
          FROM bench_tree t JOIN bench_lot c ON c.name = t.child;

        INSERT INTO bench_lines (lot_id, product_id, src, dst, qty, date, kind, partner_id,
                                 picking_key, picking_type_id)
        SELECT c.lot_id, c.product_id, %(stock)s, %(customer)s, 5,
               timestamp '2023-01-06 08:00' + d * interval '1 hour', 'deliver', cust.id,
               'T-' || t.child || '-' || d, %(out_type)s
          FROM bench_tree t JOIN bench_lot c ON c.name = t.child
         CROSS JOIN generate_series(1, %(deliveries)s) d
          JOIN bench_partner cust
            ON cust.n = ((hashtext(t.child) & 65535) + d * 37) %% %(customers)s
         WHERE t.level = 3;
    """, common)


def _count_lines(cr):
    cr.execute("SELECT count(*) FROM bench_lines")
    return cr.fetchone()[0]


def _bulk_lines(cr, s, total):
    """Every bulk batch walks the receipt + CYCLE, one step a day; ten
    batches in a row share a transfer per step."""
    steps = [("receipt", "supplier", "home_stock", 200)] + list(CYCLE)
    cr.execute("CREATE TEMP TABLE bench_cycle (step int, kind text, src text, dst text, qty numeric)"
               " ON COMMIT DROP")
    cr.executemany("INSERT INTO bench_cycle VALUES (%s, %s, %s, %s, %s)",
                   [(i,) + step for i, step in enumerate(steps)])
    types = []
    for home, wh in enumerate(s["warehouses"]):
        away = s["warehouses"][(home + 1) % len(s["warehouses"])]
        for kind in ("receipt", "return"):
            types.append((home, kind, wh["in_type"]))
        for kind in ("ship", "deliver"):
            types.append((home, kind, wh["out_type"]))
        types.append((home, "deliver_away", away["out_type"]))
        for kind in ("shelve", "unshelve", "pick", "to_transit", "from_transit"):
            types.append((home, kind, wh["int_type"]))
    cr.execute("CREATE TEMP TABLE bench_type (home int, kind text, type_id int) ON COMMIT DROP")
    cr.executemany("INSERT INTO bench_type VALUES (%s, %s, %s)", types)
    cr.execute("""
        INSERT INTO bench_lines (lot_id, product_id, src, dst, qty, date, kind, partner_id,
                                 picking_key, picking_type_id)
        SELECT l.lot_id, l.product_id, src.location_id, dst.location_id, c.qty,
               l.base_date + c.step * interval '1 day', c.kind,
               CASE WHEN c.kind = 'receipt' THEN sup.id
                    WHEN c.src = 'customer' OR c.dst = 'customer' THEN cust.id END,
               CASE WHEN t.type_id IS NOT NULL THEN 'B-' || l.home || '-' || c.step || '-' || (l.n / 10) END,
               t.type_id
          FROM bench_lot l
         CROSS JOIN bench_cycle c
          JOIN bench_loc src ON src.home = l.home AND src.code = c.src
          JOIN bench_loc dst ON dst.home = l.home AND dst.code = c.dst
          LEFT JOIN bench_type t ON t.home = l.home AND t.kind = c.kind
          LEFT JOIN bench_partner sup ON sup.n = %(customers)s + (l.n / 10) %% %(suppliers)s
          LEFT JOIN bench_partner cust ON cust.n = ((l.n / 10) * 7 + c.step) %% %(customers)s
         WHERE l.n IS NOT NULL AND (l.n - 1) * %(steps)s + c.step < %(total)s
    """, {"customers": CUSTOMERS, "suppliers": SUPPLIERS, "steps": len(steps), "total": total})


def _moves_and_pickings(cr, s):
    """Transfers, one done stock move per line, the lines, and Odoo's
    manufacturing links; all ids come from Odoo's own sequences."""
    cr.execute("""
        CREATE TEMP TABLE bench_picking ON COMMIT DROP AS
        SELECT picking_key, nextval('stock_picking_id_seq') AS id, MIN(src) AS src, MIN(dst) AS dst,
               MIN(picking_type_id) AS type_id, MIN(partner_id) AS partner_id, MIN(date) AS date
          FROM bench_lines WHERE picking_key IS NOT NULL GROUP BY picking_key;
        INSERT INTO stock_picking (id, name, origin, state, move_type, location_id, location_dest_id,
                                   picking_type_id, partner_id, company_id, date, date_done,
                                   scheduled_date, priority, create_uid, write_uid, create_date,
                                   write_date)
        SELECT id, 'BENCH/' || picking_key, NULL, 'done', 'direct', src, dst, type_id, partner_id,
               %(company)s, date, date, date, '1', 1, 1, now(), now()
          FROM bench_picking;

        CREATE TEMP TABLE bench_mo ON COMMIT DROP AS
        SELECT link, nextval('mrp_production_id_seq') AS id, MIN(product_id) FILTER
               (WHERE kind = 'produce') AS product_id, MIN(qty) FILTER (WHERE kind = 'produce') AS qty,
               MIN(date) AS date
          FROM bench_lines WHERE link IS NOT NULL GROUP BY link;
        INSERT INTO mrp_production (id, name, origin, product_id, product_qty, product_uom_id,
                                    location_src_id, location_dest_id, picking_type_id,
                                    date_planned_start, date_start, date_finished, state,
                                    company_id, create_uid, write_uid, create_date, write_date)
        SELECT id, 'BENCH/MO/' || link, NULL, product_id, qty, %(uom)s, %(stock)s, %(stock)s,
               %(manu_type)s, date, date, date, 'done', %(company)s, 1, 1, now(), now()
          FROM bench_mo;

        INSERT INTO stock_move (id, name, reference, product_id, product_uom, product_uom_qty,
                                product_qty, location_id, location_dest_id, date, date_expected,
                                company_id, state, procure_method, picking_id, picking_type_id,
                                partner_id, scrapped, production_id, raw_material_production_id,
                                is_done, priority, sequence, create_uid, write_uid, create_date,
                                write_date)
        SELECT b.move_id, COALESCE('BENCH/' || b.picking_key, 'BENCH/MO/' || b.link, 'BENCH/' || b.kind),
               COALESCE('BENCH/' || b.picking_key, 'BENCH/MO/' || b.link, 'BENCH/' || b.kind),
               b.product_id, %(uom)s, b.qty, b.qty, b.src, b.dst, b.date, b.date, %(company)s,
               'done', 'make_to_stock', p.id, b.picking_type_id, b.partner_id, b.kind = 'scrap',
               CASE WHEN b.kind = 'produce' THEN mo.id END,
               CASE WHEN b.kind = 'consume' THEN mo.id END, TRUE, '1', 10, 1, 1, now(), now()
          FROM bench_lines b
          LEFT JOIN bench_picking p ON p.picking_key = b.picking_key
          LEFT JOIN bench_mo mo ON mo.link = b.link;

        INSERT INTO stock_move_line (id, move_id, picking_id, product_id, product_uom_id,
                                     product_uom_qty, product_qty, qty_done, lot_id, location_id,
                                     location_dest_id, date, state, reference, production_id,
                                     done_wo, done_move, create_uid, write_uid, create_date,
                                     write_date)
        SELECT b.ml_id, b.move_id, p.id, b.product_id, %(uom)s, 0, 0, b.qty, b.lot_id, b.src, b.dst,
               b.date, 'done', COALESCE('BENCH/' || b.picking_key, 'BENCH/MO/' || b.link,
                                        'BENCH/' || b.kind),
               CASE WHEN b.kind = 'produce' THEN mo.id END, TRUE, TRUE, 1, 1, now(), now()
          FROM bench_lines b
          LEFT JOIN bench_picking p ON p.picking_key = b.picking_key
          LEFT JOIN bench_mo mo ON mo.link = b.link;

        INSERT INTO stock_move_line_consume_rel (consume_line_id, produce_line_id)
        SELECT made.ml_id, used.ml_id
          FROM bench_lines made JOIN bench_lines used ON used.link = made.link
         WHERE made.kind = 'produce' AND used.kind = 'consume';
    """, {"company": s["company_id"], "uom": s["uom_id"], "stock": s["warehouses"][0]["stock"],
          "manu_type": s["warehouses"][0]["manu_type"]})


def _quants(cr):
    """Quants as Odoo would hold them after these moves."""
    cr.execute("""
        INSERT INTO stock_quant (product_id, lot_id, location_id, quantity, reserved_quantity,
                                 in_date, company_id, create_uid, write_uid, create_date, write_date)
        SELECT b.product_id, b.lot_id, side.location_id, SUM(side.qty), 0, MIN(b.date), l.company_id,
               1, 1, now(), now()
          FROM bench_lines b
         CROSS JOIN LATERAL (VALUES (b.dst, b.qty), (b.src, -b.qty)) side(location_id, qty)
          JOIN stock_location loc ON loc.id = side.location_id AND loc.usage IN ('internal', 'transit')
          JOIN stock_production_lot l ON l.id = b.lot_id
         GROUP BY b.product_id, b.lot_id, side.location_id, l.company_id
        HAVING SUM(side.qty) <> 0
    """)

"""The Odoo 11 command line (the wheels ship no odoo-bin script); run by tools/odoo-bin.

A real file, not ``python -c``: in prefork mode (``--workers N``) Odoo's master
starts the long-polling process as ``<python> <sys.argv[0]> gevent <options>``.
"""
import odoo

if __name__ == "__main__":
    odoo.cli.main()

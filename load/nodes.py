"""Odoo nodes in prefork mode, as a company runs them: several on one
database and one filestore, each with its HTTP workers (and optionally a cron
worker) and its long-polling process. Two nodes on two ports play two machines.

    with Cluster("cloudoffice_load", nodes=2) as cluster:
        cluster.nodes[0].url, cluster.nodes[1].url
"""
import configparser
import os
import signal
import socket
import subprocess
import time
import urllib.request

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO_BIN = os.path.join(REPO_ROOT, "tools", "odoo-bin")
DB_SH = os.path.join(REPO_ROOT, "tools", "db.sh")
PG_SH = os.path.join(REPO_ROOT, "tools", "pg.sh")


def odoo_config():
    parser = configparser.ConfigParser()
    parser.read(os.environ.get("CLOUDOFFICE_ODOO_CONF", os.path.join(REPO_ROOT, ".local", "odoo.conf")))
    return parser["options"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooNode:
    """One Odoo server in prefork mode on ``database`` (not created here)."""

    def __init__(self, database, name, workers=2, cron=False, extra_args=()):
        self.database = database
        # Options after ours (the last of a repeated option counts).
        self.extra_args = list(extra_args)
        self.name = name
        self.workers = workers
        self.cron = cron
        self.port = free_port()
        self.longpolling_port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.log_path = os.path.join(REPO_ROOT, ".local", "%s-%s.log" % (database, name))
        self.process = None

    def command(self):
        return [
            ODOO_BIN, "--database=%s" % self.database, "--db-filter=^%s$" % self.database,
            "--http-port=%d" % self.port, "--longpolling-port=%d" % self.longpolling_port,
            "--workers=%d" % self.workers, "--max-cron-threads=%d" % (1 if self.cron else 0),
            "--limit-time-real=240", "--limit-time-cpu=120", "--limit-request=8192",
            "--limit-memory-soft=%d" % (2048 * 1024 ** 2), "--limit-memory-hard=%d" % (2560 * 1024 ** 2),
            "--logfile=%s" % self.log_path, "--log-level=warn",
        ] + self.extra_args

    def start(self, timeout=180):
        if os.path.exists(self.log_path):
            os.remove(self.log_path)
        self.process = subprocess.Popen(self.command(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        self.wait_until_serving(timeout)
        return self

    def wait_until_serving(self, timeout=180):
        """Wait for the port, then one request that loads a worker's registry."""
        deadline = time.time() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("Odoo node %s exited while starting; see %s" % (self.name, self.log_path))
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("Odoo node %s did not listen; see %s" % (self.name, self.log_path))
                time.sleep(0.3)
        self.first_request(timeout)

    def first_request(self, timeout):
        """One request that loads a worker's registry (and the login page's templates)."""
        urllib.request.urlopen("%s/web/login?db=%s" % (self.url, self.database), timeout=timeout).read()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()  # the master stops its workers and long-polling
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    # ------------------------------------------------------------- processes
    @staticmethod
    def _connections(process):
        # psutil renamed connections() to net_connections() in 6.0
        method = getattr(process, "net_connections", None) or process.connections
        return method(kind="tcp")

    def _children(self):
        import psutil

        return psutil.Process(self.process.pid).children()

    def busy_worker(self):
        """An HTTP worker serving a request now (it holds a client connection), or None."""
        for child in self._children():
            try:
                for conn in self._connections(child):
                    if conn.laddr and conn.laddr.port == self.port and conn.status == "ESTABLISHED":
                        return child
            except Exception:
                continue
        return None

    def log_text(self):
        if not os.path.exists(self.log_path):
            return ""
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            return log.read()


class Cluster:
    """``nodes`` Odoo nodes on one copy of the template database and its filestore."""

    def __init__(self, database, nodes=2, workers=2, copy=True):
        self.database = database
        self.copy = copy
        # the first node also runs the cron worker, as one machine of a cluster would
        self.nodes = [OdooNode(database, "node%d" % (index + 1), workers=workers, cron=index == 0)
                      for index in range(nodes)]

    def start(self):
        if self.copy:
            subprocess.run([DB_SH, "copy", self.database], check=True)
        try:
            for node in self.nodes:
                node.start()
        except Exception:
            self.stop()
            raise
        return self

    def stop(self, drop=None):
        for node in self.nodes:
            node.stop()
        if self.copy if drop is None else drop:
            subprocess.run([DB_SH, "drop", self.database], check=False)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def restart_postgresql():
    """Restart the private PostgreSQL cluster (fast shutdown: sessions are ended,
    what was committed is kept), as an administrator or a failover would."""
    subprocess.run([PG_SH, "restart"], check=True, stdout=subprocess.DEVNULL)

"""A fake network label printer for the tests, and what a real printer
would print from the ZPL it received: the ZPL rendered to images by npm
zpl-renderer-js (in Node), the symbols on them decoded with zxing-cpp.
No Odoo import: the browser journeys use it too."""
import base64
import io
import json
import os
import socket
import subprocess
import threading
import time

import zxingcpp
from PIL import Image

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NODE_MODULES = os.path.join(REPO_ROOT, ".local", "node", "node_modules")
RENDER_ZPL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "render_zpl.js")


class FakePrinter:
    """A network label printer: accepts connections on a port of 127.0.0.1
    and keeps the bytes of each one (a print job)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.port = self.sock.getsockname()[1]
        self.jobs = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _address = self.sock.accept()
            except OSError:
                return
            with conn:
                chunks = []
                while True:
                    data = conn.recv(65536)
                    if not data:
                        break
                    chunks.append(data)
            self.jobs.append(b"".join(chunks))

    def wait_for_jobs(self, count, timeout=10):
        deadline = time.time() + timeout
        while len(self.jobs) < count and time.time() < deadline:
            time.sleep(0.05)
        return self.jobs

    def close(self):
        self.sock.close()


def closed_port():
    """A port of 127.0.0.1 where nothing listens: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def printed_symbols(zpl, width_mm=101.6, height_mm=50.8, dpmm=8):
    """The barcodes a printer prints for ``zpl``, one list per label."""
    assert os.path.isdir(os.path.join(NODE_MODULES, "zpl-renderer-js")), \
        "npm zpl-renderer-js is missing: run make test (tools/bootstrap.sh installs it)"
    process = subprocess.run(
        ["node", RENDER_ZPL, str(width_mm), str(height_mm), str(dpmm)], input=zpl,
        capture_output=True, timeout=120, env=dict(os.environ, NODE_PATH=NODE_MODULES))
    assert process.returncode == 0, process.stderr
    labels = []
    for png in json.loads(process.stdout):
        image = Image.open(io.BytesIO(base64.b64decode(png))).convert("L")
        labels.append([(code.symbology_identifier, code.text)
                       for code in zxingcpp.read_barcodes(image)])
    return labels

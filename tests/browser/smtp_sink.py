"""A local SMTP server on 127.0.0.1 that keeps every message it is given, so
tests read what Odoo's mail queue really sent (headers, body, attachments).

Speaks just enough SMTP (RFC 5321) for Python's smtplib: HELO/EHLO, MAIL,
RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT. No TLS, no AUTH: Odoo's
mail server record for it uses neither.
"""
import email
import email.policy
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, text):
        self.wfile.write((text + "\r\n").encode("ascii"))

    def handle(self):
        self.reply("220 sink ready")
        recipients = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb in ("HELO", "EHLO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                data = []
                while True:
                    chunk = self.rfile.readline()
                    if chunk in (b".\r\n", b".\n", b""):
                        break
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                message = email.message_from_bytes(b"".join(data), policy=email.policy.default)
                self.server.sink.received.append((recipients, message))
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:  # RSET, NOOP and anything else
                self.reply("250 OK")


class SmtpSink:
    """``with SmtpSink() as sink:`` serves on ``sink.port``; ``sink.received``
    holds ``(recipients, email.message.EmailMessage)`` in arrival order."""

    def __init__(self):
        self.received = []
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.sink = self
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def messages_to(self, address):
        return [message for recipients, message in self.received if address in recipients]

"""Where the client package keeps its shared state when it runs inside Odoo.

Both stores work on their OWN database connection and commit there, so that
what they write is seen by every worker at once and survives a rollback or a
crash of the job that asked:

- :class:`BackendTokenStore`: the tokens of a ``fortnox.backend`` row, read
  and refreshed under ``SELECT ... FOR UPDATE``; the new refresh token is
  committed before the new access token is handed out.
- :class:`DbPacerStore`: the pacer's send times per tenant in a
  ``fortnox_pacer`` row, also under ``FOR UPDATE``.
"""
import contextlib
import json

from ..client import Tokens

# A row lock must see the row as the last committer left it: under Odoo's
# REPEATABLE READ, locking a row another worker changed meanwhile fails.
READ_COMMITTED = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"


class BackendTokenStore:
    def __init__(self, backend):
        self.backend = backend.sudo()
        self.registry = backend.env.registry
        self._cr = None

    @property
    def tenant_id(self):
        return self.backend.tenant_id

    def load(self):
        backend = self.backend
        if backend.state != "connected" or not backend.access_token:
            return None
        return Tokens(backend.access_token, backend.refresh_token or None,
                      backend.token_expires_at or 0, backend.granted_scopes or "",
                      backend.service_account)

    @contextlib.contextmanager
    def locked(self):
        with self.registry.cursor() as cr:
            cr.execute(READ_COMMITTED)
            cr.execute("""SELECT access_token, refresh_token, token_expires_at, granted_scopes,
                                 service_account, state
                            FROM fortnox_backend WHERE id = %s FOR UPDATE""", (self.backend.id,))
            row = cr.fetchone()
            tokens = None
            if row and row[5] == "connected":
                tokens = Tokens(row[0], row[1], row[2] or 0, row[3] or "", bool(row[4]))
            self._cr = cr
            try:
                yield tokens
            finally:
                self._cr = None

    def save(self, tokens):
        """Store the new pair and commit it, inside the lock."""
        self._cr.execute("""UPDATE fortnox_backend
                               SET access_token = %s, refresh_token = %s, token_expires_at = %s
                             WHERE id = %s""",
                         (tokens.access_token, tokens.refresh_token, tokens.expires_at, self.backend.id))
        # Committed before the new access token is used: a crash after this
        # line cannot lose the only valid refresh token.
        self._cr.commit()  # pylint: disable=invalid-commit


class DbPacerStore:
    def __init__(self, registry):
        self.registry = registry

    @contextlib.contextmanager
    def locked(self, key):
        with self.registry.cursor() as cr:
            cr.execute(READ_COMMITTED)
            cr.execute("""INSERT INTO fortnox_pacer (key, times) VALUES (%s, '[]')
                          ON CONFLICT (key) DO NOTHING""", (key,))
            cr.execute("SELECT times FROM fortnox_pacer WHERE key = %s FOR UPDATE", (key,))
            times = json.loads(cr.fetchone()[0] or "[]")
            yield times
            cr.execute("UPDATE fortnox_pacer SET times = %s WHERE key = %s", (json.dumps(times), key))

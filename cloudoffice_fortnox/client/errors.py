"""Errors of the Fortnox API, read from either body shape.

Fortnox answers errors as ``{"ErrorInformation": {"error": 1, "message": ...,
"code": ...}}`` and, on other endpoints, with capitalised keys
(``Error``/``Message``/``Code``); an expired token gives only
``{"message": "unauthorized"}``. Keys are therefore read case-insensitively,
and Fortnox's own message (often Swedish) is kept untouched beside ours.

No error text ever carries a token or a secret: only the status, Fortnox's
code and message, and the method and path of the request.
"""

CREDENTIAL_CODES = (2000310, 2000311)
LICENCE_CODES = (2001103, 2001101)
NOT_FOUND_CODES = (2000428, 2000433, 2000434, 2001304)


class FortnoxError(Exception):
    """A request Fortnox refused or could not answer.

    ``status`` is the HTTP status (None when no answer came), ``code`` and
    ``message`` are Fortnox's own, ``retryable`` says whether sending the same
    request later may succeed.
    """

    retryable = False

    def __init__(self, explanation, status=None, code=None, message=None, request=None):
        self.explanation = explanation
        self.status = status
        self.code = code
        self.fortnox_message = message
        self.request = request
        super(FortnoxError, self).__init__(self.describe())

    def describe(self):
        parts = [self.explanation]
        if self.fortnox_message:
            parts.append("Fortnox: %s" % self.fortnox_message)
        if self.code:
            parts.append("(code %s)" % self.code)
        if self.request:
            parts.append("[%s]" % self.request)
        return " ".join(parts)


class FortnoxAuthError(FortnoxError):
    """Credentials refused: the connection must be renewed by an administrator."""


class FortnoxNotFound(FortnoxError):
    """The resource does not exist in Fortnox."""


class FortnoxRateLimited(FortnoxError):
    retryable = True


class FortnoxUnavailable(FortnoxError):
    """Fortnox did not answer, answered 5xx, or the connection dropped."""

    retryable = True


def _lower_keys(data):
    if not isinstance(data, dict):
        return {}
    return {str(key).lower(): value for key, value in data.items()}


def read_error(body):
    """Return ``(code, message)`` from an error body, whatever its key case.

    >>> read_error({"ErrorInformation": {"error": 1, "message": "Kunde hittades inte.", "code": 2000433}})
    (2000433, 'Kunde hittades inte.')
    >>> read_error({"ErrorInformation": {"Error": 1, "Message": "Ogiltig parameter", "Code": "2000588"}})
    (2000588, 'Ogiltig parameter')
    >>> read_error({"message": "unauthorized"})
    (None, 'unauthorized')
    >>> read_error("not json")
    (None, None)
    """
    data = _lower_keys(body)
    info = _lower_keys(data.get("errorinformation")) or data
    code = info.get("code")
    if isinstance(code, str) and code.strip().isdigit():
        code = int(code)
    elif code == "":
        code = None
    message = info.get("message")
    if message is not None:
        message = str(message)
    return code, message


def error_for(status, body, request=None):
    """The exception for an HTTP error answer (``body`` already parsed or None)."""
    code, message = read_error(body)
    if status == 429:
        return FortnoxRateLimited("Fortnox asked us to slow down.", status, code, message, request)
    if status >= 500:
        return FortnoxUnavailable("Fortnox had an internal error.", status, code, message, request)
    if status == 401 or code in CREDENTIAL_CODES:
        return FortnoxAuthError("Fortnox did not accept our credentials.", status, code, message, request)
    if code in LICENCE_CODES:
        return FortnoxAuthError("The Fortnox company lacks the licence or scope for this.",
                                status, code, message, request)
    if status == 404 or code in NOT_FOUND_CODES:
        return FortnoxNotFound("Fortnox could not find it.", status, code, message, request)
    return FortnoxError("Fortnox refused the request.", status, code, message, request)

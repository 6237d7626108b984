"""Guests' tokens out of the access logs: the links in guests' emails carry a signed token in their path, and a
token is a key to that guest's registration (or exhibitor, application, subscription, juror's password).

``redact_tokens`` replaces those path segments with ``[token]``; gunicorn's access log uses it through
``RedactingGunicornLogger`` (``logger_class`` in deploy/gunicorn.conf.py), and runserver's ``django.server``
logger through the log filter of core/log_scrubbing.py, which every handler in ``LOGGING`` carries.
"""

import re

from gunicorn.glogging import Logger

REDACTED_TOKEN = "[token]"
_SEGMENT = r"[^/?#\s\"']+"
# A path segment that is a token, after the route that carries it, with or without a language prefix, anywhere in
# a text (a request line, a Referer, a log message): guests/urls.py, delegations/urls.py (the focal point's and
# members' pages), expo/urls.py, members/urls.py, reports/urls.py and the juror's invitation in wic/urls.py.
_TOKEN_IN_PATH = re.compile(
    r"(?P<route>/(?:registration|summits/\d+/delegation(?:-member)?|expo/manage|members/application"
    r"|reports/subscriptions/(?:confirm|unsubscribe))/)"
    rf"{_SEGMENT}"
)
# accounts/password/<uidb64>/<token>/ (after a valid link, Django redirects to <uidb64>/set-password/); not done/.
_PASSWORD_LINK = re.compile(rf"(?P<route>/accounts/password/)(?!done/){_SEGMENT}/(?P<token>{_SEGMENT})")


def _password_link(match: re.Match) -> str:
    token = match["token"]
    return f"{match['route']}{REDACTED_TOKEN}/{token if token == 'set-password' else REDACTED_TOKEN}"


def redact_tokens(text: str) -> str:
    """``text`` with every token of a guest's, exhibitor's, applicant's, subscriber's or juror's link replaced,
    e.g. ``/en/summits/2024/registration/[token]/verify/``."""
    if "/" not in text:
        return text
    text = _TOKEN_IN_PATH.sub(rf"\g<route>{REDACTED_TOKEN}", text)
    return _PASSWORD_LINK.sub(_password_link, text)


class RedactingGunicornLogger(Logger):
    """gunicorn's logger, with tokens redacted from every atom of the access log: the request line and path, and
    the Referer too (a guest's page links to others, and the browser sends the token along)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact_tokens(value) if isinstance(value, str) else value for key, value in atoms.items()}

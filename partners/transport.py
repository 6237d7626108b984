"""One POST to a partner's endpoint with the standard library, and what came back (or why nothing did)."""

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

USER_AGENT = "WIC-Summit-Webhooks/1"
EXCERPT_CHARS = 500
# Enough bytes for 500 characters of UTF-8; the rest of a large answer is never read.
_EXCERPT_BYTES = EXCERPT_CHARS * 4


@dataclass(frozen=True)
class PostResult:
    status_code: int | None  # None: no HTTP answer at all (timeout, refused, DNS, TLS)
    error: str
    response_excerpt: str
    duration_ms: int
    retry_after: int | None = None  # seconds, when a 429 or 503 said so
    permanent: bool = False  # no answer, and none will come by trying again (a malformed address)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as the 3xx it is: following it would turn the POST into a GET elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _excerpt(stream) -> str:
    try:
        return stream.read(_EXCERPT_BYTES).decode("utf-8", errors="replace")[:EXCERPT_CHARS]
    except (OSError, http.client.HTTPException):
        return ""


def _retry_after(headers) -> int | None:
    value = (headers or {}).get("Retry-After", "")
    return int(value) if value and value.strip().isdigit() else None


def internal_address(url: str) -> str:
    """The first address of the URL's host that is not on the public internet ("" if none, or unresolvable).

    Organizers register webhook URLs; without this check one could make the server POST to its own network
    (a metadata service, an admin port) and read the start of the answer in the admin. (A DNS answer that changes
    between this check and the connection is not caught; the egress firewall is the last line.)
    """
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)}
    except (socket.gaierror, UnicodeError):
        return ""
    for address in sorted(addresses):
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            return address
    return ""


def post_json(*, url: str, body: bytes, headers: dict[str, str], timeout: float) -> PostResult:
    if not settings.WEBHOOK_ALLOW_INTERNAL_ADDRESSES:
        address = internal_address(url)
        if address:
            return PostResult(None, f"Refused: {address} is not a public internet address.", "", 0, permanent=True)
    request = urllib.request.Request(
        url, data=body, method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers},
    )
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        with _opener.open(request, timeout=timeout) as response:
            return PostResult(response.status, "", _excerpt(response), elapsed())
    except urllib.error.HTTPError as exc:  # an answer, with a status that is not 2xx
        excerpt = _excerpt(exc)
        return PostResult(exc.code, f"HTTP {exc.code} {exc.reason}", excerpt, elapsed(), _retry_after(exc.headers))
    except urllib.error.URLError as exc:  # refused, unknown host, TLS: no answer
        reason = exc.reason
        return PostResult(None, f"{type(reason).__name__}: {reason}"[:2000], "", elapsed())
    except (OSError, http.client.HTTPException) as exc:
        # A read that timed out after connecting (TimeoutError is an OSError), a reset, a malformed answer.
        return PostResult(None, f"{type(exc).__name__}: {exc}"[:2000], "", elapsed())
    except ValueError as exc:  # an address urllib cannot use at all
        return PostResult(None, f"{type(exc).__name__}: {exc}"[:2000], "", elapsed(), permanent=True)

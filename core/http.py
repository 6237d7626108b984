"""Answers rendered once per content version: ETag/Last-Modified, 304s, and a two-level cache of the bytes.

The second level is the shared cache (Redis in production); the first is a small per-process memory of the most
recent renders, so that a popular feed is not copied out of Redis on every request. Each render is kept plain and,
the first time a client asks for it so, compressed (core/encodings.py): a compressed answer costs one cache read,
like a plain one, never a compression. Every encoding is its own representation with its own ETag.
"""

import datetime
import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from threading import Lock

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from . import encodings
from .versions import ContentVersion, content_version

CACHE_SECONDS = 60 * 60 * 24
LOCAL_ENTRIES = 32
# How long a key's validators (the digest and time of its bytes) outlive their render: a partner polling once a
# day still gets a 304 when nothing it reads changed.
VALIDATOR_SECONDS = 60 * 60 * 24 * 30
PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"

class _LocalRenders:
    """The last few renders in this process, keyed by version: a stale entry is never hit, only aged out."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[str, object] = OrderedDict()
        self.lock = Lock()

    def get(self, key: str):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


local_renders = _LocalRenders(LOCAL_ENTRIES)


@dataclass(frozen=True)
class Render:
    """The bytes of one answer and their validators, kept per content version."""

    body: bytes
    content_type: str
    # Of the bytes, not of the version: an answer whose bytes an edit elsewhere did not change keeps its ETag and
    # Last-Modified, so a partner polling one forum's calendar is not sent it again for every edit of the summit.
    digest: str
    changed_at: datetime.datetime  # the version that first rendered these bytes

    def etag(self, encoding: str = encodings.IDENTITY) -> str:
        return quote_etag(self.digest if encoding == encodings.IDENTITY else f"{self.digest}-{encoding}")


@dataclass(frozen=True)
class Slot:
    """Where the render of one key (path, language, options) lives in the current version."""

    version: ContentVersion
    key_digest: str
    cache_key: str


def _digest(*parts: bytes) -> str:
    return hashlib.sha1(b"\n".join(parts), usedforsecurity=False).hexdigest()[:20]


def not_modified(request: HttpRequest, etag: str, changed_at: datetime.datetime) -> bool:
    """RFC 9110: If-None-Match wins; If-Modified-Since counts only when there is no If-None-Match."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        candidates = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return etag in candidates or "*" in candidates  # "*": any current representation (only rendered ones get here)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(changed_at.timestamp()) <= since


def stamp(response: HttpResponse, etag: str, changed_at: datetime.datetime, vary: str = "") -> HttpResponse:
    response["ETag"] = etag
    # Never later than the answer's Date (RFC 9110 8.8.2.1): after a burst of edits the clock runs a few seconds
    # ahead of the wall clock (a second a step), and until it is caught up clients revalidate with the ETag alone.
    if changed_at <= timezone.now():
        response["Last-Modified"] = http_date(changed_at.timestamp())
    response.setdefault("Cache-Control", PUBLIC_CACHE_CONTROL)
    if vary:
        patch_vary_headers(response, [part.strip() for part in vary.split(",")])
    return response


def render_slot(key: str) -> Slot:
    """The current version and the cache key of the render of ``key`` in it."""
    version = content_version()
    key_digest = _digest(key.encode())
    return Slot(version, key_digest, f"render:{_digest(version.token.encode(), key_digest.encode())}")


def _recall(key: str):
    entry = local_renders.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is not None:
            local_renders.put(key, entry)
    return entry


def _keep(key: str, entry) -> None:
    cache.set(key, entry, CACHE_SECONDS)
    local_renders.put(key, entry)


def recall_render(slot: Slot) -> Render | None:
    return _recall(slot.cache_key)


def keep_render(slot: Slot, body: bytes, content_type: str) -> Render:
    """Keep what was rendered for ``slot``, dated by the version that first rendered the same bytes for its key."""
    digest = _digest(content_type.encode(), body)
    validator_key = f"validator:{slot.key_digest}"
    known = cache.get(validator_key)
    if known is not None and known[0] == digest:
        changed_at = known[1]
    else:
        changed_at = slot.version.changed_at
        cache.set(validator_key, (digest, changed_at), VALIDATOR_SECONDS)
    render = Render(body, content_type, digest, changed_at)
    _keep(slot.cache_key, render)
    return render


def encoded_body(slot: Slot, render: Render, encoding: str) -> bytes:
    """The render's bytes in ``encoding``: compressed once per version, then read from the caches like the plain."""
    if encoding == encodings.IDENTITY:
        return render.body
    key = f"{slot.cache_key}:{encoding}"
    body = _recall(key)
    if body is None:
        body = encodings.compress(render.body, encoding)
        _keep(key, body)
    return body


def negotiated(request: HttpRequest, content_type: str) -> tuple[str, str]:
    """The encoding this client gets for a render of ``content_type``, and the Vary that goes with it."""
    if not encodings.compressible(content_type):
        return encodings.IDENTITY, ""
    return encodings.preferred(request.headers.get("Accept-Encoding", "")), "Accept-Encoding"


def render_not_modified(request: HttpRequest, render: Render, vary: str = "") -> HttpResponse | None:
    """A stamped 304 when the client holds the representation of ``render`` it would get, else None."""
    encoding, encoding_vary = negotiated(request, render.content_type)
    etag = render.etag(encoding)
    if not not_modified(request, etag, render.changed_at):
        return None
    response = HttpResponseNotModified()
    response.negotiated_encoding = encoding
    return stamp(response, etag, render.changed_at, ", ".join(filter(None, (vary, encoding_vary))))


def serve_render(request: HttpRequest, slot: Slot, render: Render, vary: str = "",
                 response: HttpResponse | None = None) -> HttpResponse:
    """A render of this version, as the client asked for it: a 304 when it holds it, else its bytes (compressed
    when it accepts that), in ``response`` if given (the view's own, just rendered). Only a render proves the
    object exists in this version, so this follows one."""
    unchanged = render_not_modified(request, render, vary)
    if unchanged is not None:
        return unchanged
    response = response if response is not None else HttpResponse(content_type=render.content_type)
    encode_response(request, response, slot, render)
    return stamp(response, response["ETag"], render.changed_at, vary)


def encode_response(request: HttpRequest, response: HttpResponse, slot: Slot, render: Render) -> None:
    """Give ``response`` the render's bytes in the client's encoding, with that representation's ETag."""
    encoding, vary = negotiated(request, render.content_type)
    response.content = encoded_body(slot, render, encoding)
    response.negotiated_encoding = encoding  # for core.compression: this one is done
    if encoding != encodings.IDENTITY:
        response["Content-Encoding"] = encoding
    stamp(response, render.etag(encoding), render.changed_at, vary)


def versioned_response(
    request: HttpRequest,
    *,
    key: str,
    render: Callable[[], tuple[bytes, str]],
    vary: str = "",
    extra_headers: dict[str, str] | None = None,
) -> HttpResponse:
    """Answer from the cache of this version of ``key``, rendering with ``render()`` -> (body, content type) once.

    ``key`` must name everything the bytes depend on besides the content (path, language, options).
    """
    slot = render_slot(key)
    kept = recall_render(slot)
    if kept is None:
        kept = keep_render(slot, *render())
    response = serve_render(request, slot, kept, vary)
    for header, value in (extra_headers or {}).items():
        response[header] = value
    return response

"""Answers rendered once per content version: ETag/Last-Modified, 304s, and a two-level cache of the bytes.

The second level is the shared cache (Redis in production); the first is a small per-process memory of the most
recent renders, so that a popular feed is not copied out of Redis on every request. Each render is kept plain and,
the first time a client asks for it so, compressed (core/encodings.py): a compressed answer costs one cache read,
like a plain one, never a compression. Every encoding is its own representation with its own ETag.
"""

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
PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"

Render = tuple[bytes, str]  # (body, content type)


class _LocalRenders:
    """The last few renders in this process, keyed by version: a stale entry is never hit, only aged out."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[str, Render] = OrderedDict()
        self.lock = Lock()

    def get(self, key: str):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Render) -> None:
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
class Slot:
    """Where the render of one key lives in the current version."""

    version: ContentVersion
    etag: str  # of the plain bytes; each encoding adds its name
    cache_key: str

    def etag_for(self, encoding: str) -> str:
        return self.etag if encoding == encodings.IDENTITY else quote_etag(f"{self.etag.strip(chr(34))}-{encoding}")


def version_etag(version: ContentVersion, *parts: str) -> str:
    digest = hashlib.sha1("\n".join((version.token, *parts)).encode(), usedforsecurity=False).hexdigest()[:20]
    return quote_etag(digest)


def not_modified(request: HttpRequest, etag: str, version: ContentVersion) -> bool:
    """RFC 9110: If-None-Match wins; If-Modified-Since counts only when there is no If-None-Match."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        candidates = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return etag in candidates or "*" in candidates  # "*": any current representation (only rendered ones get here)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(version.changed_at.timestamp()) <= since


def stamp(response: HttpResponse, etag: str, version: ContentVersion, vary: str = "") -> HttpResponse:
    response["ETag"] = etag
    # Never later than the answer's Date (RFC 9110 8.8.2.1): after a burst of edits the clock runs a few seconds
    # ahead of the wall clock (a second a step), and until it is caught up clients revalidate with the ETag alone.
    if version.changed_at <= timezone.now():
        response["Last-Modified"] = http_date(version.changed_at.timestamp())
    response.setdefault("Cache-Control", PUBLIC_CACHE_CONTROL)
    if vary:
        patch_vary_headers(response, [part.strip() for part in vary.split(",")])
    return response


def render_slot(key: str) -> Slot:
    """The current version, the ETag of ``key`` in it and the cache key of its render."""
    version = content_version()
    etag = version_etag(version, key)
    return Slot(version, etag, f"render:{etag.strip(chr(34))}")


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


def recall_render(cache_key: str) -> Render | None:
    return _recall(cache_key)


def keep_render(cache_key: str, entry: Render) -> None:
    _keep(cache_key, entry)


def encoded_body(slot: Slot, entry: Render, encoding: str) -> bytes:
    """The render's bytes in ``encoding``: compressed once per version, then read from the caches like the plain."""
    if encoding == encodings.IDENTITY:
        return entry[0]
    key = f"{slot.cache_key}:{encoding}"
    body = _recall(key)
    if body is None:
        body = encodings.compress(entry[0], encoding)
        _keep(key, body)
    return body


def negotiated(request: HttpRequest, content_type: str) -> tuple[str, str]:
    """The encoding this client gets for a render of ``content_type``, and the Vary that goes with it."""
    if not encodings.compressible(content_type):
        return encodings.IDENTITY, ""
    return encodings.preferred(request.headers.get("Accept-Encoding", "")), "Accept-Encoding"


def slot_not_modified(request: HttpRequest, slot: Slot, content_type: str, vary: str = "") -> HttpResponse | None:
    """A stamped 304 when the client holds this version's representation of ``content_type``, else None."""
    encoding, encoding_vary = negotiated(request, content_type)
    etag = slot.etag_for(encoding)
    if not not_modified(request, etag, slot.version):
        return None
    response = HttpResponseNotModified()
    response.negotiated_encoding = encoding
    return stamp(response, etag, slot.version, ", ".join(filter(None, (vary, encoding_vary))))


def serve_render(request: HttpRequest, slot: Slot, entry: Render, vary: str = "",
                 response: HttpResponse | None = None) -> HttpResponse:
    """A render of this version, as the client asked for it: a 304 when it holds it, else its bytes (compressed
    when it accepts that), in ``response`` if given (the view's own, just rendered). Only a render proves the
    object exists in this version, so this follows one."""
    unchanged = slot_not_modified(request, slot, entry[1], vary)
    if unchanged is not None:
        return unchanged
    response = response if response is not None else HttpResponse(content_type=entry[1])
    encode_response(request, response, slot, entry)
    return stamp(response, response["ETag"], slot.version, vary)


def encode_response(request: HttpRequest, response: HttpResponse, slot: Slot, entry: Render) -> None:
    """Give ``response`` the render's bytes in the client's encoding, with that representation's ETag."""
    encoding, vary = negotiated(request, entry[1])
    response.content = encoded_body(slot, entry, encoding)
    response.negotiated_encoding = encoding  # for core.compression: this one is done
    if encoding != encodings.IDENTITY:
        response["Content-Encoding"] = encoding
    stamp(response, slot.etag_for(encoding), slot.version, vary)


def versioned_response(
    request: HttpRequest,
    *,
    key: str,
    render: Callable[[], Render],
    vary: str = "",
    extra_headers: dict[str, str] | None = None,
) -> HttpResponse:
    """Answer from the cache of this version of ``key``, rendering with ``render()`` -> (body, content type) once.

    ``key`` must name everything the bytes depend on besides the content (path, language, options).
    """
    slot = render_slot(key)
    entry = recall_render(slot.cache_key)
    if entry is None:
        entry = render()
        keep_render(slot.cache_key, entry)
    response = serve_render(request, slot, entry, vary)
    for header, value in (extra_headers or {}).items():
        response[header] = value
    return response

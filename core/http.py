"""Answers rendered once per content version: ETag/Last-Modified, 304s, and a two-level cache of the bytes.

The second level is the shared cache (Redis in production); the first is a small per-process memory of the most
recent renders, so that a popular feed is not copied out of Redis on every request.
"""

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from .versions import ContentVersion, content_version

CACHE_SECONDS = 60 * 60 * 24
LOCAL_ENTRIES = 32
PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"


class _LocalRenders:
    """The last few renders in this process, keyed by version: a stale entry is never hit, only aged out."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self.lock = Lock()

    def get(self, key: str):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple[bytes, str]) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


local_renders = _LocalRenders(LOCAL_ENTRIES)


def version_etag(version: ContentVersion, *parts: str) -> str:
    digest = hashlib.sha1("\n".join((version.token, *parts)).encode(), usedforsecurity=False).hexdigest()[:20]
    return quote_etag(digest)


def not_modified(request: HttpRequest, etag: str, version: ContentVersion) -> bool:
    """RFC 9110: If-None-Match wins; If-Modified-Since counts only when there is no If-None-Match."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        # "*" is not honoured: it would add nothing to the exact tags we hand out.
        candidates = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return etag in candidates
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(version.changed_at.timestamp()) <= since


def stamp(response: HttpResponse, etag: str, version: ContentVersion, vary: str = "") -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(version.changed_at.timestamp())
    response.setdefault("Cache-Control", PUBLIC_CACHE_CONTROL)
    if vary:
        response["Vary"] = vary
    return response


def render_slot(key: str) -> tuple[ContentVersion, str, str]:
    """The current version, the ETag of ``key`` in it and the cache key of its render."""
    version = content_version()
    etag = version_etag(version, key)
    return version, etag, f"render:{etag.strip(chr(34))}"


def recall_render(cache_key: str) -> tuple[bytes, str] | None:
    entry = local_renders.get(cache_key)
    if entry is None:
        entry = cache.get(cache_key)
        if entry is not None:
            local_renders.put(cache_key, entry)
    return entry


def keep_render(cache_key: str, entry: tuple[bytes, str]) -> None:
    cache.set(cache_key, entry, CACHE_SECONDS)
    local_renders.put(cache_key, entry)


def replay_render(request: HttpRequest, entry: tuple[bytes, str], etag: str, version: ContentVersion) -> HttpResponse:
    """A cached render: 304 when the client holds it, else its bytes.

    Only a cached render proves the object exists in this version: a miss (or a 404) answers in full, never 304.
    """
    if not_modified(request, etag, version):
        return HttpResponseNotModified()
    body, content_type = entry
    return HttpResponse(body, content_type=content_type)


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
    version, etag, cache_key = render_slot(key)
    entry = recall_render(cache_key)
    if entry is None:
        entry = render()
        keep_render(cache_key, entry)
        response = HttpResponse(entry[0], content_type=entry[1])
    else:
        response = replay_render(request, entry, etag, version)
    for header, value in (extra_headers or {}).items():
        response[header] = value
    return stamp(response, etag, version, vary)

"""API answers rendered once per content version, with ETag/Last-Modified and 304s (see core/http.py)."""

from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified

from core.http import CACHE_SECONDS, local_renders, not_modified, stamp, version_etag
from core.versions import content_version


def request_key(request, language: str) -> str:
    query = urlencode(sorted((key, value) for key, values in request.query_params.lists() for value in values))
    # The origin too: answers hold absolute links (pages, images) built from the address the client used.
    return f"api|{request.scheme}://{request.get_host()}{request.path}|{query}|{language}"


def cached_answer(request, language: str, render):
    """A 304, the cached bytes of this version, or ``render()``'s DRF response (cached once rendered, if 200)."""
    version = content_version()
    etag = version_etag(version, request_key(request, language))
    cache_key = f"render:{etag.strip(chr(34))}"
    entry = local_renders.get(cache_key) or cache.get(cache_key)
    if entry is not None:
        # Only a cached 200 proves the object exists in this version: a miss answers in full, never 304.
        local_renders.put(cache_key, entry)
        if not_modified(request, etag, version):
            return stamp(HttpResponseNotModified(), etag, version)
        body, content_type = entry
        return stamp(HttpResponse(body, content_type=content_type), etag, version)
    response = render()
    if response.status_code != 200:
        return response

    def keep(rendered):
        entry = (rendered.content, rendered["Content-Type"])
        cache.set(cache_key, entry, CACHE_SECONDS)
        local_renders.put(cache_key, entry)

    response.add_post_render_callback(keep)
    return stamp(response, etag, version)

"""Public pages rendered once per language, content version and day, then served from the cache.

The key names the language, the path and the query string, and Wuzhen's date (the online hall and calls for
nominations open and close with the calendar, not with an edit). Any write to the public apps bumps the content
version (core.versions), so an organizer's publication shows on the next request. Only a 200 is kept: a 404, a
redirect or an error is answered afresh every time.
"""

from functools import wraps
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import get_language

from .http import keep_render, recall_render, render_slot, replay_render, stamp


def page_key(request) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    return f"page:{get_language()}:{request.path}?{query}:{timezone.localdate().isoformat()}"


def public_page(view):
    """Cache a public GET page in the shared cache, with ETag and Last-Modified from the content version."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method not in {"GET", "HEAD"}:
            return view(request, *args, **kwargs)
        version, etag, cache_key = render_slot(page_key(request))
        entry = recall_render(cache_key)
        if entry is not None:
            return stamp(replay_render(request, entry, etag, version), etag, version)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code != 200 or response.streaming:
            return response
        keep_render(cache_key, (response.content, response["Content-Type"]))
        return stamp(response, etag, version)

    return cached_view

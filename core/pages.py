"""Public pages rendered once per language, content version and day, then served from the cache.

The key names the language, the path, the query parameters the page reads, and Wuzhen's date (the online hall and
calls for nominations open and close with the calendar, not with an edit). Any write to the public apps bumps the
content version (core.versions), so an organizer's publication shows on the next request. Only a 200 is kept: a
404, a redirect or an error is answered afresh every time. Other query parameters (``?utm_source=``...) neither
make a new entry nor reach the page's links.
"""

import datetime
from dataclasses import replace
from functools import wraps
from urllib.parse import urlencode

from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

from .http import keep_render, recall_render, render_slot, serve_render

PAGE_CACHE_CONTROL = "public, no-cache"


def page_query(request, params: tuple[str, ...]) -> str:
    """The query string of the parameters the page reads, in a stable order."""
    return urlencode(sorted((name, value) for name in params for value in request.GET.getlist(name)))


def page_key(request, query: str) -> str:
    return f"page:{get_language()}:{request.path}?{query}:{timezone.localdate().isoformat()}"


def _start_of_today() -> datetime.datetime:
    today = timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time.min)).astimezone(datetime.UTC)


def public_page(view=None, *, params: tuple[str, ...] = ()):
    """Cache a public GET page in the shared cache, with ETag and Last-Modified from the content version.

    ``params`` names the query parameters the view reads (its filters); only they are part of the key.
    """
    if view is None:
        return lambda view: public_page(view, params=params)

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method not in {"GET", "HEAD"}:
            return view(request, *args, **kwargs)
        request.page_query = page_query(request, params)
        slot = render_slot(page_key(request, request.page_query))
        kept = recall_render(slot)
        response = None
        if kept is None:
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse):  # the sitemap's view
                response.render()
            # A page that holds a CSRF token is the visitor's own: neither kept nor compressed (BREACH).
            if response.status_code != 200 or response.streaming or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                return response
            kept = keep_render(slot, response.content, response["Content-Type"])
        # A page may change at midnight without an edit: never older than today, for If-Modified-Since.
        kept = replace(kept, changed_at=max(kept.changed_at, _start_of_today()))
        response = serve_render(request, slot, kept, response=response)
        # Revalidated on every visit (a 304 costs no query): an organizer who publishes sees it on the next click,
        # not after a browser's or proxy's max-age.
        response["Cache-Control"] = PAGE_CACHE_CONTROL
        return response

    return cached_view

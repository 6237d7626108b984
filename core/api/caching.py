"""API answers rendered once per content version, with ETag/Last-Modified and 304s (see core/http.py)."""

from urllib.parse import urlencode

from core.http import (
    encode_response,
    keep_render,
    recall_render,
    render_slot,
    serve_render,
    slot_not_modified,
)


def request_key(request, language: str) -> str:
    query = urlencode(sorted((key, value) for key, values in request.query_params.lists() for value in values))
    # The origin too: answers hold absolute links (pages, images) built from the address the client used.
    return f"api|{request.scheme}://{request.get_host()}{request.path}|{query}|{language}"


def cached_answer(request, language: str, render):
    """A 304, the cached bytes of this version, or ``render()``'s DRF response (cached once rendered, if 200)."""
    slot = render_slot(request_key(request, language))
    entry = recall_render(slot.cache_key)
    if entry is not None:
        return serve_render(request, slot, entry)
    response = render()
    if response.status_code != 200:
        return response
    # A 200 proves the object exists in this version: a client holding it needs no body (after a cache loss too).
    unchanged = slot_not_modified(request, slot, request.accepted_renderer.media_type)
    if unchanged is not None:
        return unchanged

    def keep(rendered):  # DRF renders after the view returns
        entry = (rendered.content, rendered["Content-Type"])
        keep_render(slot.cache_key, entry)
        encode_response(request, rendered, slot, entry)

    response.add_post_render_callback(keep)
    return response

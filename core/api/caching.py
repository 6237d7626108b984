"""API answers rendered once per content version, with ETag/Last-Modified and 304s (see core/http.py)."""

from urllib.parse import urlencode

from core.http import encode_response, keep_render, recall_render, render_not_modified, render_slot, serve_render


def request_key(request, language: str) -> str:
    query = urlencode(sorted((key, value) for key, values in request.query_params.lists() for value in values))
    # The origin too: answers hold absolute links (pages, images) built from the address the client used.
    return f"api|{request.scheme}://{request.get_host()}{request.path}|{query}|{language}"


def cached_answer(request, language: str, render):
    """A 304, the cached bytes of this version, or ``render()``'s DRF response (kept once rendered, if 200)."""
    slot = render_slot(request_key(request, language))
    kept = recall_render(slot)
    if kept is not None:
        return serve_render(request, slot, kept)
    response = render()
    if response.status_code != 200:
        return response

    def keep(rendered):  # DRF renders after the view returns
        kept = keep_render(slot, rendered.content, rendered["Content-Type"])
        # The bytes prove the object exists in this version: a client holding them needs no body (after an edit
        # elsewhere, or a cache loss, too).
        unchanged = render_not_modified(request, kept, rendered.get("Vary", ""))
        if unchanged is not None:
            unchanged["Content-Language"] = rendered["Content-Language"]
            return unchanged
        encode_response(request, rendered, slot, kept)
        return None

    response.add_post_render_callback(keep)
    return response

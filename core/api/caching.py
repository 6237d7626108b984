"""API answers rendered once per content version, with ETag/Last-Modified and 304s (see core/http.py)."""

from urllib.parse import urlencode

from core.http import keep_render, recall_render, render_slot, replay_render, stamp


def request_key(request, language: str) -> str:
    query = urlencode(sorted((key, value) for key, values in request.query_params.lists() for value in values))
    # The origin too: answers hold absolute links (pages, images) built from the address the client used.
    return f"api|{request.scheme}://{request.get_host()}{request.path}|{query}|{language}"


def cached_answer(request, language: str, render):
    """A 304, the cached bytes of this version, or ``render()``'s DRF response (cached once rendered, if 200)."""
    version, etag, cache_key = render_slot(request_key(request, language))
    entry = recall_render(cache_key)
    if entry is not None:
        return stamp(replay_render(request, entry, etag, version), etag, version)
    response = render()
    if response.status_code != 200:
        return response

    def keep(rendered):  # DRF renders after the view returns
        keep_render(cache_key, (rendered.content, rendered["Content-Type"]))

    response.add_post_render_callback(keep)
    return stamp(response, etag, version)

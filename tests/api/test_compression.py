"""What partners read travels gzipped when they accept it (issue 16): the API and the schedule feeds, with the
validators still working on the compressed answer; the site's HTML pages are never compressed (core/compression.py).
And a browser partner may send its key as `Authorization: Api-Key <key>` (the CORS preflight allows the header)."""

import gzip
import json

import pytest

from tests.api.conftest import make_programme

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.mark.parametrize("url", ["/api/v1/sessions/?summit=2024&page_size=200", "/summits/2024/schedule.json",
                                 "/summits/2024/schedule.xml", "/summits/2024/schedule.ics"])
def test_the_api_and_feeds_are_gzipped_for_clients_that_accept_it_and_say_so(api, url):
    make_programme(forum_count=3, sessions_per_forum=6)

    plain = api.get(url)
    packed = api.get(url, **GZIP)

    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    assert "Accept-Encoding" in packed["Vary"]
    if url.endswith(".json") or url.startswith("/api/"):
        json.loads(gzip.decompress(packed.content))


def test_the_gzipped_answer_is_revalidated_with_its_own_etag(api):
    make_programme(forum_count=2, sessions_per_forum=4)
    url = "/summits/2024/schedule.json"

    packed = api.get(url, **GZIP)
    again = api.get(url, HTTP_IF_NONE_MATCH=packed["ETag"], **GZIP)

    assert packed["ETag"].startswith('W/"')  # another encoding of the same content: a weak validator
    assert again.status_code == 304


def test_site_pages_are_never_compressed(client):
    make_programme(forum_count=1, sessions_per_forum=2)

    page = client.get("/en/summits/2024/agenda/", **GZIP)

    assert page.status_code == 200
    assert "Content-Encoding" not in page


def test_browser_partners_may_send_their_key_in_the_authorization_header(api):
    preflight = api.options("/api/v1/sessions/", HTTP_ORIGIN="https://city-app.example",
                            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, if-none-match")

    assert preflight.status_code == 200
    assert "authorization" in preflight["Access-Control-Allow-Headers"].lower()

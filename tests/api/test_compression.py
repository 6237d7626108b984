"""What partners and visitors read travels compressed when they accept it (issue 16): brotli, else gzip, each
encoding a representation with its own ETag, made once per content version and then served from the cache; the
site's pages that carry a CSRF token never compressed (BREACH). And a browser partner may send its key as
`Authorization: Api-Key <key>` (the CORS preflight allows the header)."""

import gzip
import json

import brotli
import pytest

from tests.api.conftest import make_programme

pytestmark = pytest.mark.django_db

GZIP_ONLY = {"HTTP_ACCEPT_ENCODING": "gzip, deflate"}
BROWSER = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd"}
DECODE = {"gzip": gzip.decompress, "br": brotli.decompress}
URLS = ["/api/v1/sessions/?summit=2024&page_size=200", "/summits/2024/schedule.json", "/summits/2024/schedule.xml",
        "/summits/2024/schedule.ics", "/en/summits/2024/agenda/"]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(("accept", "coding"), [(GZIP_ONLY, "gzip"), (BROWSER, "br")])
def test_the_api_feeds_and_pages_are_compressed_for_clients_that_accept_it(api, url, accept, coding):
    make_programme(forum_count=3, sessions_per_forum=6)

    plain = api.get(url)
    packed = api.get(url, **accept)
    again = api.get(url, **accept)  # from the cache this time

    assert plain.status_code == packed.status_code == again.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == again["Content-Encoding"] == coding
    assert DECODE[coding](packed.content) == plain.content
    assert again.content == packed.content
    assert len(packed.content) < len(plain.content) / 3
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
    if url.endswith(".json") or url.startswith("/api/"):
        json.loads(DECODE[coding](packed.content))


@pytest.mark.parametrize("url", URLS)
def test_each_encoding_has_its_own_etag_and_is_revalidated_with_it(api, url):
    make_programme(forum_count=2, sessions_per_forum=4)

    plain, packed, brotlied = api.get(url), api.get(url, **GZIP_ONLY), api.get(url, **BROWSER)
    plain_tag, packed_tag, brotli_tag = plain["ETag"], packed["ETag"], brotlied["ETag"]

    assert len({plain_tag, packed_tag, brotli_tag}) == 3
    assert not packed_tag.startswith("W/")  # byte-for-byte the same each time: a strong validator
    assert api.get(url, HTTP_IF_NONE_MATCH=packed_tag, **GZIP_ONLY).status_code == 304
    assert api.get(url, HTTP_IF_NONE_MATCH=brotli_tag, **BROWSER).status_code == 304
    assert api.get(url, HTTP_IF_NONE_MATCH=plain_tag).status_code == 304
    unchanged = api.get(url, HTTP_IF_NONE_MATCH=f"{plain_tag}, {packed_tag}", **GZIP_ONLY)
    assert unchanged.status_code == 304 and unchanged["ETag"] == packed_tag
    # A client holding the gzip bytes that no longer accepts gzip needs the plain ones.
    assert api.get(url, HTTP_IF_NONE_MATCH=packed_tag).status_code == 200


def test_after_a_change_the_compressed_etag_gets_the_new_body(api):
    sessions = make_programme(forum_count=1, sessions_per_forum=2)
    url = "/summits/2024/schedule.json"
    before = api.get(url, **GZIP_ONLY)

    sessions[0].title = "Renamed after the first fetch"
    sessions[0].save()
    after = api.get(url, HTTP_IF_NONE_MATCH=before["ETag"], **GZIP_ONLY)

    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "Renamed after the first fetch" in gzip.decompress(after.content).decode()


@pytest.mark.parametrize(("accept_encoding", "coding"), [
    ("gzip;q=0, br;q=0", None), ("identity", None), ("*", "br"), ("*;q=0.5, br;q=0", "gzip"),
    ("br;q=0.4, gzip;q=0.8", "gzip"), ("GZIP", "gzip"), ("gzip;q=nonsense, br", "br"), ("", None),
    ("x-gzip", "gzip"),
])
def test_the_client_s_weights_choose_the_encoding(api, accept_encoding, coding):
    make_programme(forum_count=1, sessions_per_forum=2)

    response = api.get("/summits/2024/schedule.json", HTTP_ACCEPT_ENCODING=accept_encoding)

    assert response.status_code == 200
    assert response.get("Content-Encoding") == coding


def test_a_page_with_a_csrf_token_is_never_compressed(client):
    page = client.get("/en/reports/subscribe/", **BROWSER)

    assert page.status_code == 200
    assert b"csrfmiddlewaretoken" in page.content
    assert "Content-Encoding" not in page


def test_browser_partners_may_send_their_key_in_the_authorization_header(api):
    preflight = api.options("/api/v1/sessions/", HTTP_ORIGIN="https://city-app.example",
                            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, if-none-match, cache-control")

    assert preflight.status_code == 200
    allowed = {header.strip() for header in preflight["Access-Control-Allow-Headers"].lower().split(",")}
    assert {"authorization", "if-none-match", "cache-control", "content-type"} <= allowed

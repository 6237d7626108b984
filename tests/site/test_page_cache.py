"""Public pages are rendered once per language and content version, and a publication shows at once."""

import pytest

from core.enums import PublicationStatus
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


def test_a_repeated_page_costs_no_query_and_languages_are_kept_apart(client, django_assert_num_queries):
    SummitFactory(year=2024)
    english = client.get("/en/summits/")
    chinese = client.get("/zh-hans/summits/")

    with django_assert_num_queries(0):
        again = client.get("/en/summits/")

    assert again.content == english.content
    assert chinese.content != english.content
    assert '<html lang="zh-hans">' in chinese.content.decode()


def test_publishing_an_edition_shows_on_the_next_request(client):
    SummitFactory(year=2024)
    draft = SummitFactory(year=2025, status=PublicationStatus.DRAFT, name="2025 WIC Wuzhen Summit")
    assert "2025 WIC Wuzhen Summit" not in client.get("/en/summits/").content.decode()

    draft.status = PublicationStatus.PUBLISHED
    draft.save()

    assert "2025 WIC Wuzhen Summit" in client.get("/en/summits/").content.decode()


def test_pages_answer_conditional_requests_with_304(client):
    SummitFactory(year=2024)
    first = client.get("/en/summits/")
    etag = first["ETag"]

    assert first.status_code == 200
    assert client.get("/en/summits/", headers={"if-none-match": etag}).status_code == 304
    assert client.get("/zh-hans/summits/", headers={"if-none-match": etag}).status_code == 200


def test_not_found_answers_are_never_kept(client):
    assert client.get("/en/summits/2024/").status_code == 404
    SummitFactory(year=2024)

    assert client.get("/en/summits/2024/").status_code == 200


def test_the_query_string_is_part_of_the_key(client):
    SummitFactory(year=2024)
    plain = client.get("/en/summits/").content.decode()
    with_query = client.get("/en/summits/?page=2").content.decode()

    assert 'href="/zh-hans/summits/?page=2"' in with_query
    assert 'href="/zh-hans/summits/?page=2"' not in plain

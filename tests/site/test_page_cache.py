"""Public pages are rendered once per language and content version, and a publication shows at once."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from core import versions
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


def test_browsers_revalidate_pages_so_a_publication_is_seen_on_the_next_visit(client):
    SummitFactory(year=2024)

    first = client.get("/en/summits/")
    again = client.get("/en/summits/")

    assert first["Cache-Control"] == again["Cache-Control"] == "public, no-cache"


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


def test_the_filters_a_page_reads_are_part_of_the_key_other_parameters_are_not(client, django_assert_num_queries):
    SummitFactory(year=2024)
    plain = client.get("/en/reports/").content.decode()
    filtered = client.get("/en/reports/?year=2024").content.decode()

    with django_assert_num_queries(0):
        tracked = client.get("/en/reports/?year=2024&utm_source=newsletter")

    assert 'href="/zh-hans/reports/?year=2024"' in filtered
    assert 'href="/zh-hans/reports/?year=2024"' not in plain
    assert tracked.content.decode() == filtered
    assert "utm_source" not in filtered


def test_a_page_is_never_older_than_today_for_if_modified_since(client):
    """The content may not change for days while the page does at midnight (the online hall opens, a call
    closes): a copy from yesterday must not be confirmed with a 304."""
    SummitFactory(year=2024)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    cache.set(versions.CACHE_KEY, ("a-version-of-yesterday", yesterday.replace(microsecond=0)), timeout=None)
    start_of_today = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))

    response = client.get("/en/summits/", headers={"if-modified-since": http_date(yesterday.timestamp() + 60)})

    assert response.status_code == 200
    assert parse_http_date(response["Last-Modified"]) == int(start_of_today.timestamp())
    again = client.get("/en/summits/", headers={"if-modified-since": response["Last-Modified"]})
    assert again.status_code == 304


def test_private_rows_of_public_apps_keep_the_cached_pages(client, django_assert_num_queries):
    """A juror's score or a report subscription changes no public page: the cache stays, a repeat costs nothing."""
    from reports.models import ReportSubscriber
    from tests.factories.awards import ReviewFactory

    summit = SummitFactory(year=2024, status=PublicationStatus.PUBLISHED)
    review = ReviewFactory(nomination__programme__summit=summit)
    client.get("/en/")

    review.score = 4
    review.save()
    ReportSubscriber.objects.create(email="reader@example.org")

    with django_assert_num_queries(0):
        assert client.get("/en/").status_code == 200

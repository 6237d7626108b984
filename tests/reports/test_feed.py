"""The Atom feed of new reports, per language."""

from datetime import UTC, datetime

import pytest
from django.core.files.base import ContentFile
from lxml import etree

from reports.enums import EditionStatus
from tests.factories.reports import ReportEditionFactory

pytestmark = pytest.mark.django_db

ATOM = "http://www.w3.org/2005/Atom"
NS = {"atom": ATOM}
SITE = "http://testserver.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def feed_of(client, lang="en"):
    response = client.get(f"/{lang}/reports/feed/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return etree.fromstring(response.content)


def entries(root):
    return root.findall("atom:entry", NS)


def text(element, path):
    return element.findtext(path, namespaces=NS)


def published(day: int) -> datetime:
    return datetime(2024, 11, day, 10, 0, tzinfo=UTC)


def test_feed_is_atom_with_the_published_editions_newest_first(client):
    older = ReportEditionFactory(title="Older Report", status=EditionStatus.PUBLISHED, published_at=published(1),
                                 summary="The older one.")
    newer = ReportEditionFactory(title="Newer Report", version="4.0", status=EditionStatus.PUBLISHED,
                                 published_at=published(20))
    ReportEditionFactory(title="Draft Report", status=EditionStatus.DRAFT)

    root = feed_of(client)

    assert root.tag == f"{{{ATOM}}}feed"
    assert text(root, "atom:title") == "Reports of the World Internet Conference"
    assert root.find("atom:link[@rel='alternate']", NS).get("href") == f"{SITE}/en/reports/"
    assert root.find("atom:link[@rel='self']", NS).get("href") == f"{SITE}/en/reports/feed/"
    assert text(root, "atom:updated") == "2024-11-20T10:00:00+00:00"
    assert [text(entry, "atom:title") for entry in entries(root)] == ["Newer Report (4.0)", "Older Report"]
    newest, oldest = entries(root)
    assert newest.find("atom:link[@rel='alternate']", NS).get("href") == f"{SITE}/en/reports/#edition-{newer.pk}"
    assert text(newest, "atom:updated") == "2024-11-20T10:00:00+00:00"
    assert text(oldest, "atom:summary") == "The older one."
    assert oldest.find("atom:link[@rel='alternate']", NS).get("href") == f"{SITE}/en/reports/#edition-{older.pk}"


def test_feed_entry_ids_are_stable_and_unique(client):
    first = ReportEditionFactory(status=EditionStatus.PUBLISHED, published_at=published(1))
    second = ReportEditionFactory(status=EditionStatus.PUBLISHED, published_at=published(2))
    ids = [text(entry, "atom:id") for entry in entries(feed_of(client))]

    first.title = "A New Title"
    first.save()
    again = [text(entry, "atom:id") for entry in entries(feed_of(client))]

    assert ids == again
    assert ids == [f"tag:testserver.example,{second.created_at:%Y-%m-%d}:reports/edition/{second.pk}/en",
                   f"tag:testserver.example,{first.created_at:%Y-%m-%d}:reports/edition/{first.pk}/en"]


def test_feed_in_chinese_has_chinese_titles_and_the_chinese_file(client):
    edition = ReportEditionFactory(title="Development Report", title_zh_hans="发展报告", summary="English summary.",
                                   summary_zh_hans="中文摘要。", status=EditionStatus.PUBLISHED,
                                   published_at=published(1))
    edition.file_en.save("report-en.pdf", ContentFile(b"%PDF-1.4 en"), save=False)
    edition.file_zh_hans.save("report-zh.pdf", ContentFile(b"%PDF-1.4 zh"), save=False)
    edition.file_size_en, edition.file_size_zh_hans = 1111, 2222
    edition.save()

    root = feed_of(client, "zh-hans")

    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-hans"
    (entry,) = entries(root)
    assert (text(entry, "atom:title"), text(entry, "atom:summary")) == ("发展报告", "中文摘要。")
    enclosure = entry.find("atom:link[@rel='enclosure']", NS)
    assert dict(enclosure.attrib) == {"rel": "enclosure", "href": f"{SITE}{edition.file_zh_hans.url}",
                                      "length": "2222", "type": "application/pdf"}
    assert entry.find("atom:link[@rel='alternate']", NS).get("href") == f"{SITE}/zh-hans/reports/#edition-{edition.pk}"
    english = entries(feed_of(client, "en"))[0].find("atom:link[@rel='enclosure']", NS)
    assert (english.get("href"), english.get("length")) == (f"{SITE}{edition.file_en.url}", "1111")


def test_feed_enclosure_falls_back_to_the_other_file_and_measures_it(client):
    edition = ReportEditionFactory(status=EditionStatus.PUBLISHED, published_at=published(1))
    edition.file_en.save("report-en.pdf", ContentFile(b"%PDF-1.4 twelve"))  # not yet measured by publishing

    (entry,) = entries(feed_of(client, "zh-hans"))

    enclosure = entry.find("atom:link[@rel='enclosure']", NS)
    assert (enclosure.get("href"), enclosure.get("length")) == (f"{SITE}{edition.file_en.url}", "15")


def test_feed_entry_without_a_file_has_no_enclosure(client):
    ReportEditionFactory(status=EditionStatus.PUBLISHED, published_at=published(1))

    (entry,) = entries(feed_of(client))

    assert entry.find("atom:link[@rel='enclosure']", NS) is None


def test_feed_holds_the_latest_50_editions(client):
    for day in range(1, 29):
        ReportEditionFactory(year=2024, version=f"{day}.0", status=EditionStatus.PUBLISHED,
                             published_at=published(day))
    for number in range(25):
        ReportEditionFactory(year=2020, version=f"old-{number}", status=EditionStatus.PUBLISHED, published_at=None)

    titles = [text(entry, "atom:title") for entry in entries(feed_of(client))]

    assert len(titles) == 50
    assert titles[0].endswith("(28.0)") and titles[27].endswith("(1.0)")


def test_feed_without_editions_is_valid_and_empty(client):
    root = feed_of(client)

    assert root.tag == f"{{{ATOM}}}feed" and entries(root) == []


def test_feed_shows_a_publication_on_the_next_request(client, django_assert_num_queries):
    edition = ReportEditionFactory(title="Coming Soon", status=EditionStatus.DRAFT)
    assert entries(feed_of(client)) == []
    with django_assert_num_queries(0):  # served from the cache until something changes
        feed_of(client)

    edition.status, edition.published_at = EditionStatus.PUBLISHED, published(3)
    edition.save()

    assert [text(entry, "atom:title") for entry in entries(feed_of(client))] == ["Coming Soon"]

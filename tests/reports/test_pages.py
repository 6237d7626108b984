"""The reports library: published editions by series, with covers, sizes and downloads."""

import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from core.enums import PublicationStatus
from reports.enums import EditionStatus, ReportKind
from tests.factories.forums import SessionFactory
from tests.factories.reports import ReportEditionFactory, ReportSeriesFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

PUBLISHED = EditionStatus.PUBLISHED


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def main_of(html: str) -> str:
    return html.split("<main", 1)[1]


def test_library_lists_only_published_editions_by_series(client):
    blue_book = ReportSeriesFactory(name="World Internet Development Report", kind=ReportKind.BLUE_BOOK, order=1,
                                    description="The yearly blue book.")
    theory = ReportSeriesFactory(name="Sovereignty in Cyberspace", kind=ReportKind.THEORY_AND_PRACTICE, order=2)
    ReportEditionFactory(series=blue_book, year=2023, title="Blue Book 2023", status=PUBLISHED,
                         summary="How the internet grew in 2023.")
    ReportEditionFactory(series=blue_book, year=2024, title="Blue Book 2024", status=PUBLISHED)
    ReportEditionFactory(series=blue_book, year=2025, title="Blue Book 2025", status=EditionStatus.DRAFT)
    ReportEditionFactory(series=theory, year=2023, version="4.0", title="Theory 4.0", status=PUBLISHED)
    ReportEditionFactory(series=ReportSeriesFactory(name="Unreleased Series"), title="Secret", status="scheduled",
                         release_at="2030-01-01T00:00:00Z")

    html = main_of(html_of(client.get("/en/reports/")))

    assert re.search(r"<h2[^>]*>World Internet Development Report</h2>", html)
    assert "Blue book" in html and "The yearly blue book." in html and "Theory and practice" in html
    assert html.index("Blue Book 2024") < html.index("Blue Book 2023") < html.index("Theory 4.0")
    assert "How the internet grew in 2023." in html
    assert "Version 4.0" in html
    assert "Blue Book 2025" not in html and "Secret" not in html and "Unreleased Series" not in html


def test_library_shows_size_and_download_link_of_the_file(client):
    edition = ReportEditionFactory(title="Blue Book 2024", status=PUBLISHED, file_size=2 * 1024 * 1024)
    edition.file.save("blue-book-2024.pdf", ContentFile(b"%PDF-1.4 a small report"))
    ReportEditionFactory(title="Paper Only", status=PUBLISHED)

    html = main_of(html_of(client.get("/en/reports/")))

    link = re.search(r'<a class="button" href="([^"]+)" type="application/pdf" hreflang="en">Download(.*?)</a>', html,
                     re.S)
    assert link and link.group(1) == edition.file.url and link.group(1).endswith(".pdf")
    assert "Blue Book 2024" in link.group(2) and "(PDF, 2.0\xa0MB)" in link.group(2)
    assert html.count('type="application/pdf"') == 1  # the edition without a file has no link


def test_library_shows_a_cover_thumbnail_not_the_original(client):
    buffer = BytesIO()
    Image.new("RGB", (320, 452), "green").save(buffer, format="PNG")
    edition = ReportEditionFactory(title="Blue Book 2024", status=PUBLISHED)
    edition.cover_en.save("cover.png", ContentFile(buffer.getvalue()))

    html = html_of(client.get("/en/reports/"))

    image = re.search(r'<img src="([^"]+)" alt="Cover of Blue Book 2024" width="160" height="226"', html)
    assert image and image.group(1).endswith(".webp") and "/thumbs/" in image.group(1)
    assert edition.cover.url not in html


def test_library_links_the_release_session_only_when_it_is_public(client):
    summit = SummitFactory(year=2024)
    public = SessionFactory(forum__summit=summit)
    hidden = SessionFactory(forum__summit=summit, forum__status=PublicationStatus.DRAFT)
    ReportEditionFactory(title="Released In Public", status=PUBLISHED, summit=summit, release_session=public)
    ReportEditionFactory(title="Released In Draft", status=PUBLISHED, summit=summit, release_session=hidden)
    ReportEditionFactory(title="Released Nowhere", status=PUBLISHED)

    html = main_of(html_of(client.get("/en/reports/")))

    assert f'href="/en/summits/2024/sessions/{public.pk}/"' in html
    assert f"/sessions/{hidden.pk}/" not in html
    assert html.count('href="/en/summits/2024/"') == 2  # released at the (published) 2024 edition
    assert "Released Nowhere" in html


def test_library_does_not_name_an_unpublished_summit(client):
    ReportEditionFactory(title="Early Report", status=PUBLISHED,
                         summit=SummitFactory(year=2026, status=PublicationStatus.DRAFT))

    html = main_of(html_of(client.get("/en/reports/")))

    assert "Early Report" in html and "/summits/2026/" not in html


def test_library_filters_by_year(client):
    series = ReportSeriesFactory()
    ReportEditionFactory(series=series, year=2023, title="Edition 2023", status=PUBLISHED)
    ReportEditionFactory(series=series, year=2024, title="Edition 2024", status=PUBLISHED)

    html = main_of(html_of(client.get("/en/reports/?year=2023")))

    assert "Edition 2023" in html and "Edition 2024" not in html
    assert '<label for="filter-year">' in html
    assert '<option value="2023" selected>2023</option>' in html and '<option value="2024">2024</option>' in html


@pytest.mark.parametrize("value", ["1999", "abc", "", "2023.5", "-1"])
def test_library_invalid_year_shows_every_edition(client, value):
    series = ReportSeriesFactory()
    ReportEditionFactory(series=series, year=2023, title="Edition 2023", status=PUBLISHED)
    ReportEditionFactory(series=series, year=2024, title="Edition 2024", status=PUBLISHED)

    html = html_of(client.get("/en/reports/", {"year": value}))

    assert "Edition 2023" in html and "Edition 2024" in html


def test_library_in_chinese(client):
    ReportEditionFactory(series=ReportSeriesFactory(name_zh_hans="乌镇蓝皮书"), title="Development Report 2024",
                         title_zh_hans="世界互联网发展报告2024", status=PUBLISHED)

    html = html_of(client.get("/zh-hans/reports/"))

    assert '<html lang="zh-hans">' in html
    assert "世界互联网发展报告2024" in html
    assert "乌镇蓝皮书" in html  # the series' Chinese name


def test_library_without_editions_says_so(client):
    ReportEditionFactory(status=EditionStatus.DRAFT)

    html = html_of(client.get("/en/reports/"))

    assert "No report has been published yet." in html
    assert 'aria-current="page">Reports</a>' in html


def test_library_has_no_inline_style(client):
    ReportEditionFactory(status=PUBLISHED, summary="A summary.")

    html = html_of(client.get("/en/reports/"))

    assert "style=" not in html and "<style" not in html


def _editions(count: int, summit):
    for _ in range(count):
        session = SessionFactory(forum__summit=summit)
        edition = ReportEditionFactory(series=ReportSeriesFactory(), status=PUBLISHED, summit=summit,
                                       release_session=session, file_size=1000)
        edition.file_en.save("report.pdf", ContentFile(b"%PDF-1.4 a report"))


def test_library_query_count_does_not_grow_with_the_editions(client, django_assert_max_num_queries):
    summit = SummitFactory(year=2024)
    _editions(3, summit)
    with django_assert_max_num_queries(3):
        html_of(client.get("/en/reports/"))
    _editions(30, summit)
    with django_assert_max_num_queries(3):
        html = html_of(client.get("/zh-hans/reports/?year=2023"))
    assert html.count("/sessions/") == 33
    assert html.count('type="application/pdf" hreflang="en"') == 33


def test_library_second_request_is_served_from_the_cache(client, django_assert_num_queries):
    ReportEditionFactory(status=PUBLISHED)
    first = html_of(client.get("/en/reports/"))

    with django_assert_num_queries(0):
        assert html_of(client.get("/en/reports/")) == first


def test_library_shows_a_publication_on_the_next_request(client):
    edition = ReportEditionFactory(title="Coming Soon", status=EditionStatus.DRAFT)
    assert "Coming Soon" not in html_of(client.get("/en/reports/"))

    edition.status = PUBLISHED
    edition.save()

    assert "Coming Soon" in html_of(client.get("/en/reports/"))


def _pdf(edition, field: str, name: str, size: int) -> None:
    getattr(edition, field).save(name, ContentFile(b"%PDF-1.4 " + b"x" * 10), save=False)
    setattr(edition, field.replace("file", "file_size"), size)
    edition.save()


def _download(html: str) -> tuple[str, str, str, str]:
    link = re.search(r'<a class="button" href="([^"]+)" type="application/pdf" hreflang="([^"]+)">.*?\((PDF[^)]*)\)'
                     r'</a>(.*?)</p>', html, re.S)
    assert link
    return link.group(1), link.group(2), link.group(3), link.group(4).strip()


def test_library_offers_the_file_of_the_page_language(client):
    edition = ReportEditionFactory(title="Blue Book 2024", status=PUBLISHED)
    _pdf(edition, "file_en", "blue-book-en.pdf", 1024)
    _pdf(edition, "file_zh_hans", "blue-book-zh.pdf", 2 * 1024 * 1024)

    english = _download(main_of(html_of(client.get("/en/reports/"))))
    chinese = _download(main_of(html_of(client.get("/zh-hans/reports/"))))

    assert english == (edition.file_en.url, "en", "PDF, 1.0\xa0KB", "")
    assert chinese[:2] == (edition.file_zh_hans.url, "zh-hans") and chinese[3] == ""
    assert chinese[2].startswith("PDF, 2.0")


def test_library_falls_back_to_the_other_language_file_with_a_note(client):
    english_only = ReportEditionFactory(title="English Only", status=PUBLISHED)
    _pdf(english_only, "file_en", "english-only.pdf", 1024)

    chinese = _download(main_of(html_of(client.get("/zh-hans/reports/"))))
    english = _download(main_of(html_of(client.get("/en/reports/"))))

    assert chinese[:2] == (english_only.file_en.url, "en")
    assert chinese[3] == '<span class="meta">英文版</span>'  # the note in the page's language
    assert english[3] == ""


def test_library_falls_back_to_the_chinese_file_in_english(client):
    chinese_only = ReportEditionFactory(title="Chinese Only", status=PUBLISHED)
    _pdf(chinese_only, "file_zh_hans", "chinese-only.pdf", 1024)

    english = _download(main_of(html_of(client.get("/en/reports/"))))

    assert english == (chinese_only.file_zh_hans.url, "zh-hans", "PDF, 1.0\xa0KB",
                       '<span class="meta">in Chinese</span>')


def test_library_anchors_each_edition_for_the_feed_and_the_emails(client):
    edition = ReportEditionFactory(status=PUBLISHED)

    html = main_of(html_of(client.get("/en/reports/")))

    assert f'<li class="card" id="edition-{edition.pk}">' in html


def test_library_links_the_atom_feed(client):
    html = html_of(client.get("/zh-hans/reports/"))

    head = html.split("</head>", 1)[0]
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
                     r'href="/zh-hans/reports/feed/">', head)
    assert 'href="/zh-hans/reports/feed/" type="application/atom+xml">' in main_of(html)


def test_library_has_a_subscribe_form_without_a_csrf_token(client):
    html = main_of(html_of(client.get("/en/reports/")))

    form = re.search(r'<form method="post" action="/en/reports/subscribe/" class="site-form" novalidate>(.*?)</form>',
                     html, re.S)
    assert form
    assert 'type="email" name="email"' in form.group(1) and 'name="consent"' in form.group(1)
    assert '<div class="hp" aria-hidden="true">' in form.group(1) and 'name="website_url"' in form.group(1)
    assert "csrfmiddlewaretoken" not in html  # the page is cached and shared: no one's token may be in it

"""Each language's cover: the Chinese library shows the Chinese cover, drawn from the Chinese file's first page at
publication or uploaded for it; the English library the English one."""

import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image

from reports import pdf
from reports.enums import EditionStatus
from reports.services import request_publication
from tests.factories.reports import ReportEditionFactory

pytestmark = pytest.mark.django_db

GREEN, RED = (0, 128, 0), (255, 0, 0)


def _png(colour) -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", (320, 452), colour).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue())


def _shown_cover_colour(client, path: str) -> tuple[int, int, int]:
    html = client.get(path).content.decode()
    url = re.search(r'<img src="([^"]+)" alt="[^"]*Blue Book 2024[^"]*"', html).group(1)
    with default_storage.open(url.removeprefix(default_storage.base_url)) as stored, Image.open(stored) as image:
        return image.convert("RGB").getpixel((image.width // 2, image.height // 2))


def _near(colour, expected) -> bool:
    return all(abs(value - wanted) < 24 for value, wanted in zip(colour, expected, strict=True))


def test_chinese_library_shows_the_chinese_cover_and_the_english_one_the_english_cover(client):
    edition = ReportEditionFactory(title="Blue Book 2024", title_zh_hans="Blue Book 2024 中文版",
                                   status=EditionStatus.PUBLISHED)
    edition.cover_en.save("blue-book-en.png", _png(GREEN), save=False)
    edition.cover_zh_hans.save("blue-book-zh.png", _png(RED), save=True)

    assert _near(_shown_cover_colour(client, "/zh-hans/reports/"), RED)
    assert _near(_shown_cover_colour(client, "/en/reports/"), GREEN)


def test_a_chinese_page_falls_back_to_the_english_cover_when_there_is_no_chinese_one(client):
    edition = ReportEditionFactory(title="Blue Book 2024", title_zh_hans="Blue Book 2024 中文版",
                                   status=EditionStatus.PUBLISHED)
    edition.cover_en.save("blue-book-en.png", _png(GREEN), save=True)

    assert _near(_shown_cover_colour(client, "/zh-hans/reports/"), GREEN)


def test_publication_draws_each_languages_cover_from_its_own_first_page(django_capture_on_commit_callbacks):
    english = pdf.render_pdf(html="<body style='background: green'><h1>Blue Book 2024</h1></body>")
    chinese = pdf.render_pdf(html="<body style='background: red'><h1>蓝皮书 2024</h1></body>")
    edition = ReportEditionFactory(title="Blue Book 2024")
    edition.file_en.save("en.pdf", ContentFile(english), save=False)
    edition.file_zh_hans.save("zh.pdf", ContentFile(chinese), save=True)

    with django_capture_on_commit_callbacks(execute=True):
        request_publication(edition=edition, actor=None)

    edition.refresh_from_db()
    with edition.cover_en.open("rb") as cover_en:
        assert cover_en.read() == pdf.cover_png(english)
    with edition.cover_zh_hans.open("rb") as cover_zh_hans:
        assert cover_zh_hans.read() == pdf.cover_png(chinese)
    with translation.override("zh-hans"):
        assert edition.cover.name == edition.cover_zh_hans.name

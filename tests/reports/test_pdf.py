"""reports.pdf: the facts recorded for a file, the page count, the cover drawn from the first page, and PDFs
rendered from HTML, Chinese included."""

import hashlib
import io

import pypdfium2
import pytest
from PIL import Image

from reports.pdf import COVER_WIDTH, FileFacts, PdfError, cover_png, facts, page_count, render_pdf

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

TWO_PAGES = """<!DOCTYPE html><html lang="zh-hans"><head><meta charset="utf-8"><style>
@page { size: A4; } body { font-family: "WenQuanYi Micro Hei", sans-serif; } .next { page-break-before: always; }
</style></head><body><h1>世界互联网发展报告2024</h1><p class="next">摘要：世界互联网大会蓝皮书。</p></body></html>"""


@pytest.fixture(scope="module")
def chinese_pdf() -> bytes:
    return render_pdf(html=TWO_PAGES)


def _page_texts(data: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def test_facts_of_bytes_are_their_length_and_sha256():
    data = b"%PDF-1.4 a small report"

    assert facts(data) == FileFacts(size=23, sha256=hashlib.sha256(data).hexdigest())
    assert facts(b"") == FileFacts(size=0, sha256="e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")


def test_render_pdf_with_chinese_text_draws_the_chinese_characters(chinese_pdf):
    assert chinese_pdf.startswith(b"%PDF-")
    assert _page_texts(chinese_pdf) == ["世界互联网发展报告2024", "摘要：世界互联网大会蓝皮书。"]


def test_page_count_of_a_rendered_pdf_counts_its_pages(chinese_pdf):
    assert page_count(chinese_pdf) == 2
    assert page_count(render_pdf(html="<p>One page</p>")) == 1


def test_page_count_when_the_bytes_are_not_a_pdf_raises_pdf_error():
    with pytest.raises(PdfError):
        page_count(b"%PDF-1.4\n" + b"\x00garbage" * 50)


def test_cover_png_is_a_png_of_the_cover_width_in_the_first_page_proportions(chinese_pdf):
    cover = cover_png(chinese_pdf)

    assert cover.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(cover)) as image:
        # An A4 page is 595×842 points: 600 pixels wide makes it 849 high.
        assert (image.format, image.size) == ("PNG", (COVER_WIDTH, 849))


def test_cover_png_when_the_bytes_are_not_a_pdf_raises_pdf_error():
    with pytest.raises(PdfError):
        cover_png(b"not a pdf at all")


def test_cover_png_when_the_pdf_has_no_page_raises_pdf_error():
    empty = pypdfium2.PdfDocument.new()
    buffer = io.BytesIO()
    empty.save(buffer)
    empty.close()

    with pytest.raises(PdfError):
        cover_png(buffer.getvalue())

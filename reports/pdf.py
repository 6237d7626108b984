"""PDF files of report editions: checking an upload is a real PDF, rendering one from text (WeasyPrint), the facts
recorded at publication (size, SHA-256) and the cover drawn from the first page (pypdfium2, then Pillow)."""

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.documents import UnreadablePdf, check_pdf, pdf_page_count

COVER_WIDTH = 600  # pixels of the cover image made from the first page; pages show WebP thumbnails of it


class PdfError(Exception):
    """A file that is not a readable PDF, or a PDF that cannot be rendered."""


@dataclass(frozen=True)
class FileFacts:
    size: int
    sha256: str


def _read(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def page_count(data: bytes) -> int:
    """How many pages the PDF has; PdfError if pdfium cannot open it."""
    try:
        return pdf_page_count(data)
    except UnreadablePdf as error:
        raise PdfError(str(error)) from error


def validate_pdf(file) -> None:
    """An upload is accepted when it is a PDF pdfium can open, with at least one page, within REPORT_MAX_BYTES (the
    same check as every uploaded PDF, core.documents.check_pdf)."""
    if file.size > settings.REPORT_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; a report's file may be up to %(limit)s."), code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(settings.REPORT_MAX_BYTES)},
        )
    check_pdf(_read(file), not_a_pdf=_("This file is not a PDF: upload the report as a PDF file."))


def facts(data: bytes) -> FileFacts:
    return FileFacts(size=len(data), sha256=hashlib.sha256(data).hexdigest())


def render_pdf(*, html: str) -> bytes:
    """A PDF from the HTML of a report written in the admin; PdfError when WeasyPrint fails."""
    # Here, not at module level: WeasyPrint (with Pango and its fonts) is slow to load and only a publication
    # that renders a text needs it.
    import weasyprint

    try:
        return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    except Exception as error:  # noqa: BLE001 - WeasyPrint raises many kinds; the caller records the message
        raise PdfError(f"{type(error).__name__}: {error}") from error


def cover_png(data: bytes) -> bytes:
    """The first page as a PNG of COVER_WIDTH pixels wide; PdfError when the PDF cannot be drawn."""
    import pypdfium2  # heavy and needed only here, see page_count

    try:
        document = pypdfium2.PdfDocument(data)
        try:
            page = document[0]
            scale = COVER_WIDTH / page.get_width()
            image = page.render(scale=scale).to_pil().convert("RGB")
        finally:
            document.close()
    except (pypdfium2.PdfiumError, IndexError) as error:
        raise PdfError(str(error)) from error
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()

"""Uploaded documents are checked for what they are, not only for their name: a file named .pdf must be a PDF that
pdfium opens, a .docx a Word document, a .png a PNG Pillow reads, and so on, within DOCUMENT_MAX_BYTES and never
empty. The one check shared by the reports' PDFs (``check_pdf``) and the nominations' supporting documents
(``validate_document``).

Only new uploads are read: a file already in storage was checked when it came in, and re-reading it on every edit
of its row would make an old row uneditable once the rules grow stricter.
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .images import pixel_limit_label

PDF_MAGIC = b"%PDF-"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Word 97-2003 (.doc)
ZIP_MAGIC = b"PK\x03\x04"


class UnreadablePdf(Exception):
    """Bytes pdfium cannot open as a PDF."""


def pdf_page_count(data: bytes) -> int:
    """How many pages the PDF has; UnreadablePdf if pdfium cannot open it."""
    # Here, not at module level: models import this module for their validators, and pdfium is a heavy native
    # library only uploads and publications need.
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise UnreadablePdf(str(error)) from error
    try:
        return len(document)
    finally:
        document.close()


def check_pdf(data: bytes, *, not_a_pdf: str | Promise | None = None) -> None:
    """Refuse bytes that are not a PDF pdfium opens with at least one page (codes ``not_a_pdf``, ``bad_pdf``,
    ``empty_pdf``); ``not_a_pdf`` words the first refusal for the caller (a report, a supporting document)."""
    if not data.startswith(PDF_MAGIC):
        raise ValidationError(not_a_pdf or _("This file is not a PDF."), code="not_a_pdf")
    try:
        pages = pdf_page_count(data)
    except UnreadablePdf:
        raise ValidationError(_("This PDF cannot be read: it may be damaged or encrypted."), code="bad_pdf") from None
    if pages < 1:
        raise ValidationError(_("This PDF has no page."), code="empty_pdf")


@dataclass(frozen=True)
class Kind:
    """A kind of document: how it is named to the person uploading, and how its content is recognised."""

    label: Promise
    extension: str  # the usual one, suggested when a file of this kind carries another name
    recognise: Callable[[bytes], bool]


def _is_zip_with(folder: str) -> Callable[[bytes], bool]:
    """An Office Open XML file: a zip with its content types and the folder of its main part (word/, ppt/, xl/)."""

    def recognise(data: bytes) -> bool:
        if not data.startswith(ZIP_MAGIC):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)

    return recognise


def _is_image(format: str) -> Callable[[bytes], bool]:
    def recognise(data: bytes) -> bool:
        try:
            with Image.open(io.BytesIO(data)) as image:
                return image.format == format
        except Image.DecompressionBombError:
            return True  # an image of this kind, too large: the pixel check says so
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return False

    return recognise


def _is_text(data: bytes) -> bool:
    """Plain text: no NUL byte and no other kind's signature, in UTF-8 (with or without BOM) or GB 18030."""
    if b"\x00" in data or any(data.startswith(magic) for magic in (PDF_MAGIC, OLE_MAGIC, ZIP_MAGIC)):
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


KINDS = {
    # The labels take their article: "This file is a PDF, not an Excel workbook..."
    "pdf": Kind(_("a PDF"), "pdf", lambda data: data.startswith(PDF_MAGIC)),
    "docx": Kind(_("a Word document"), "docx", _is_zip_with("word/")),
    "doc": Kind(_("a Word 97-2003 document"), "doc", lambda data: data.startswith(OLE_MAGIC)),
    "pptx": Kind(_("a PowerPoint presentation"), "pptx", _is_zip_with("ppt/")),
    "xlsx": Kind(_("an Excel workbook"), "xlsx", _is_zip_with("xl/")),
    "png": Kind(_("a PNG image"), "png", _is_image("PNG")),
    "jpg": Kind(_("a JPEG image"), "jpg", _is_image("JPEG")),
    "jpeg": Kind(_("a JPEG image"), "jpg", _is_image("JPEG")),
    "webp": Kind(_("a WebP image"), "webp", _is_image("WEBP")),
    "txt": Kind(_("a text file"), "txt", _is_text),
}


def _read(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _is_stored(file) -> bool:
    """A file already saved to its storage (an existing row's), as opposed to one being uploaded now."""
    return bool(getattr(file, "_committed", False))  # FieldFile's own flag, the one FileField.pre_save reads


def what_it_is(data: bytes) -> Kind | None:
    """The kind the content shows, whatever the name says: its signature first, text last."""
    for extension in ("pdf", "docx", "pptx", "xlsx", "doc", "png", "jpg", "webp", "txt"):
        if KINDS[extension].recognise(data):
            return KINDS[extension]
    return None


def _check_image(data: bytes) -> None:
    """A real image within IMAGE_MAX_PIXELS, whose data decodes."""
    limit = settings.IMAGE_MAX_PIXELS
    too_many = ValidationError(
        _("This image has more than %(limit)s: send a smaller one."), code="image_too_many_pixels",
        params={"limit": pixel_limit_label(limit)},
    )
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > limit:
                raise too_many
            image.verify()
    except Image.DecompressionBombError:
        raise too_many from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("This image cannot be read: it may be damaged."), code="bad_image") from None


def validate_document(file) -> None:
    """A supporting document: not empty, within DOCUMENT_MAX_BYTES, and what its extension says it is.

    A PDF must open in pdfium with a page, an image must decode within the pixel limit. The extension itself is
    checked by the field's FileExtensionValidator; a name without a known one is left to it.
    """
    if _is_stored(file):
        return
    if file.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; the limit is %(limit)s."), code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(settings.DOCUMENT_MAX_BYTES)},
        )
    if not file.size:
        raise ValidationError(_("This file is empty."), code="empty_file")
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    expected = KINDS.get(extension)
    if expected is None:
        return
    data = _read(file)
    if not expected.recognise(data):
        found = what_it_is(data)
        if found is not None and found.extension not in {expected.extension, "txt"}:  # HTML is no .txt either
            raise ValidationError(
                _("This file is %(found)s, not %(expected)s as its name (.%(extension)s) says: rename it with "
                  ".%(found_extension)s, or send the right file."), code="wrong_extension",
                params={"found": found.label, "expected": expected.label, "extension": extension,
                        "found_extension": found.extension},
            )
        raise ValidationError(
            _("This file is not %(expected)s, as its name (.%(extension)s) says: it may be damaged or of another "
              "kind."), code="not_what_its_name_says",
            params={"expected": expected.label, "extension": extension},
        )
    if extension == "pdf":
        check_pdf(data)
    elif expected.extension in {"png", "jpg", "webp"}:
        _check_image(data)

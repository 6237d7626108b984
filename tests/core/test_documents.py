"""Uploaded documents are checked for what they are, not only for their name (core.documents): the one check
behind the nominations' supporting documents and the reports' PDFs."""

import io
import zipfile

import pypdfium2
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from core.documents import check_pdf, validate_document


def small_pdf() -> bytes:
    document = pypdfium2.PdfDocument.new()
    document.new_page(200, 200)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def office(folder: str) -> bytes:
    """The smallest zip an Office Open XML reader recognises: its content types and its main part's folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(f"{folder}/document.xml", "<document/>")
    return buffer.getvalue()


def image(format: str, size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format=format)
    return buffer.getvalue()


def refusal(name: str, content: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        validate_document(SimpleUploadedFile(name, content))
    return refused.value


@pytest.mark.parametrize(("name", "content"), [
    ("evidence.pdf", small_pdf()),
    ("letter.docx", office("word")),
    ("slides.pptx", office("ppt")),
    ("budget.xlsx", office("xl")),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
    ("photo.png", image("PNG")),
    ("photo.jpg", image("JPEG")),
    ("photo.JPEG", image("JPEG")),
    ("photo.webp", image("WEBP")),
    ("notes.txt", b"Notes on the project.\n"),
    ("说明.txt", "项目说明：乡村学校的人工智能辅导。".encode("gb18030")),
])
def test_a_real_document_of_each_kind_is_accepted(name, content):
    validate_document(SimpleUploadedFile(name, content))


def test_a_thirteen_byte_fake_pdf_is_refused_as_unreadable():
    fake = b"%PDF-1.4 fake"
    assert len(fake) == 13

    error = refusal("evidence.pdf", fake)

    assert (error.code, error.messages) == ("bad_pdf", ["This PDF cannot be read: it may be damaged or encrypted."])


def test_an_empty_file_is_refused():
    error = refusal("evidence.pdf", b"")

    assert (error.code, error.messages) == ("empty_file", ["This file is empty."])


def test_an_html_page_named_pdf_is_refused():
    error = refusal("evidence.pdf", b"<!doctype html><html><body>Not a PDF</body></html>")

    assert error.code == "not_what_its_name_says"
    assert error.messages == ["This file is not a PDF, as its name (.pdf) says: it may be damaged or of another kind."]


@pytest.mark.parametrize(("name", "expected"), [("evidence.docx", "a Word document"),
                                                ("evidence.txt", "a text file"), ("evidence.png", "a PNG image")])
def test_a_pdf_with_another_extension_is_refused_with_the_name_to_give_it(name, expected):
    extension = name.rsplit(".", 1)[1]

    error = refusal(name, small_pdf())

    assert error.code == "wrong_extension"
    assert error.messages == [f"This file is a PDF, not {expected} as its name (.{extension}) says: rename it with "
                              ".pdf, or send the right file."]


def test_a_refusal_is_written_in_the_uploaders_language():
    with translation.override("zh-hans"):
        fake, renamed = refusal("证明.pdf", b"%PDF-1.4 fake"), refusal("证明.docx", small_pdf())

        assert fake.messages == ["无法读取此 PDF：文件可能已损坏或已加密。"]
        assert renamed.messages == ["该文件实为“PDF 文件”，并非文件名（.docx）所示的“Word 文档”：请将扩展名改为 .pdf，"
                                    "或改传正确的文件。"]


def test_a_zip_named_docx_that_is_no_word_document_is_refused():
    error = refusal("letter.docx", office("xl"))

    assert error.code == "wrong_extension"
    assert "This file is an Excel workbook, not a Word document" in error.messages[0]


def test_an_image_over_the_pixel_limit_names_the_limit(settings):
    settings.IMAGE_MAX_PIXELS = 2_000_000

    error = refusal("scan.png", image("PNG", size=(2000, 1001)))

    assert (error.code, error.messages) == (
        "image_too_many_pixels", ["This image has more than 2 megapixels: send a smaller one."])


def test_a_damaged_image_is_refused():
    error = refusal("photo.png", image("PNG", size=(64, 48))[:-30])

    assert error.code == "bad_image"


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.DOCUMENT_MAX_BYTES = 100

    error = refusal("notes.txt", b"x" * 101)

    assert (error.code, error.messages) == (
        "file_too_large", ["This file is 101\xa0bytes; the limit is 100\xa0bytes."])


def test_a_file_already_stored_is_not_read_again():
    class Stored:  # a FieldFile of an existing row: already checked when it came in
        name, size, _committed = "awards/documents/2024/old.pdf", 13, True

        def read(self):
            raise AssertionError("a stored file is not read")

    validate_document(Stored())


def test_check_pdf_words_the_first_refusal_for_its_caller():
    with pytest.raises(ValidationError) as refused:
        check_pdf(b"GIF89a", not_a_pdf="Upload the report as a PDF file.")

    assert (refused.value.code, refused.value.messages) == ("not_a_pdf", ["Upload the report as a PDF file."])

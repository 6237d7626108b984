"""Files uploaded on an edition's admin page: only a readable PDF within REPORT_MAX_BYTES is stored as a report
file, and only a real image within the pixel limit as its cover. A refused upload saves nothing."""

import io
import re

import pypdfium2
import pytest
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import CheckboxInput, FileField
from django.urls import reverse
from PIL import Image

from reports.models import ReportEdition
from reports.pdf import render_pdf
from tests.admin_forms import errors_of, split
from tests.factories.reports import ReportEditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    return render_pdf(html="<h1>World Internet Development Report 2024</h1>")


# core.admin._display iterates a FieldFile to write the audit trail, and an empty one raises ValueError: every upload
# on the change page of an edition without that file answers 500. Fix (core owner): in _display, before the
# iterable branch, `if isinstance(value, django.core.files.File): return value.name or ""`. Strict, so these
# marks fail the run once core is fixed and can be removed.


def _form_values(form, prefix: str = "") -> dict:
    """What the browser sends back for an unchanged form: each field's current value, files left out."""
    data = {}
    for name, field in form.fields.items():
        key = f"{prefix}{name}"
        value = form[name].value()
        if isinstance(field, FileField) or value is None:
            continue
        if isinstance(field.widget, AdminSplitDateTime):
            data.update(split(key, value))
        elif isinstance(field.widget, CheckboxInput):
            if value:
                data[key] = "on"
        else:
            data[key] = value
    return data


def _post_change(client, edition, **files_and_values):
    """POST the edition's admin change form as it stands, with ``files_and_values`` in place."""
    url = reverse("admin:reports_reportedition_change", args=[edition.pk])
    page = client.get(url)
    data = _form_values(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()})
        for form in formset.forms:
            data.update(_form_values(form, prefix=f"{form.prefix}-"))
    data.update(files_and_values)
    return client.post(url, data)


def _upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _png(size=(64, 48), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _stored_report_files(settings) -> list:
    folder = settings.MEDIA_ROOT / "reports"
    return sorted(path.name for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def test_upload_of_a_small_real_pdf_is_stored_as_the_language_file(admin_client, settings, small_pdf):
    edition = ReportEditionFactory()

    response = _post_change(admin_client, edition, file_en=_upload("report.pdf", small_pdf))

    assert response.status_code == 302, errors_of(response)
    edition.refresh_from_db()
    with edition.file_en.open("rb") as stored:
        assert stored.read() == small_pdf
    # Stored under a slug of its name, a digest of its content and the extension of what it is (core/uploads.py).
    assert re.fullmatch(r"reports/files/report-[0-9a-f]{10}\.pdf", edition.file_en.name)
    assert edition.file_zh_hans.name == ""
    assert _stored_report_files(settings) == [edition.file_en.name.removeprefix("reports/files/")]


@pytest.mark.parametrize(("name", "content"), [
    ("cover.pdf", _png()),  # a PNG renamed .pdf
    ("notes.pdf", b"A text file: the report will follow."),
    ("empty.pdf", b""),
])
def test_upload_of_a_file_that_is_not_a_pdf_is_refused_and_nothing_saved(admin_client, settings, name, content):
    edition = ReportEditionFactory()

    response = _post_change(admin_client, edition, file_en=_upload(name, content))

    assert response.status_code == 200
    assert errors_of(response) == (
        ["The submitted file is empty."] if not content
        else ["This file is not a PDF: upload the report as a PDF file."]
    )
    assert ReportEdition.objects.get(pk=edition.pk).file_en.name == ""
    assert _stored_report_files(settings) == []


def test_upload_of_a_damaged_pdf_is_refused_and_nothing_saved(admin_client, settings):
    edition = ReportEditionFactory()
    damaged = b"%PDF-1.4\n" + b"\x13\x37 this is not the rest of a PDF " * 40

    response = _post_change(admin_client, edition, file_zh_hans=_upload("damaged.pdf", damaged))

    assert response.status_code == 200
    assert errors_of(response) == ["This PDF cannot be read: it may be damaged or encrypted."]
    assert ReportEdition.objects.get(pk=edition.pk).file_zh_hans.name == ""
    assert _stored_report_files(settings) == []


def test_upload_of_a_pdf_without_pages_is_refused_as_unreadable_and_nothing_saved(admin_client, settings):
    edition = ReportEditionFactory()
    document = pypdfium2.PdfDocument.new()
    empty = io.BytesIO()
    document.save(empty)
    document.close()

    response = _post_change(admin_client, edition, file_en=_upload("empty.pdf", empty.getvalue()))

    assert response.status_code == 200
    # pdfium does not open a document whose page tree is empty, so it never reaches the "no page" check.
    assert errors_of(response) == ["This PDF cannot be read: it may be damaged or encrypted."]
    assert ReportEdition.objects.get(pk=edition.pk).file_en.name == ""
    assert _stored_report_files(settings) == []


def test_upload_of_a_file_over_the_size_limit_is_refused_and_nothing_saved(admin_client, settings):
    settings.REPORT_MAX_BYTES = 1024
    edition = ReportEditionFactory()
    too_large = b"%PDF-1.4\n".ljust(2048, b"0")

    response = _post_change(admin_client, edition, file_en=_upload("large.pdf", too_large))

    assert response.status_code == 200
    assert errors_of(response) == ["This file is 2.0\xa0KB; a report's file may be up to 1.0\xa0KB."]
    assert ReportEdition.objects.get(pk=edition.pk).file_en.name == ""
    assert _stored_report_files(settings) == []


def test_upload_of_a_pdf_at_the_size_limit_is_stored(admin_client, settings, small_pdf):
    settings.REPORT_MAX_BYTES = len(small_pdf)
    edition = ReportEditionFactory()

    response = _post_change(admin_client, edition, file_en=_upload("report.pdf", small_pdf))

    assert response.status_code == 302, errors_of(response)
    assert _stored_report_files(settings) == [ReportEdition.objects.get(pk=edition.pk).file_en.name.removeprefix(
        "reports/files/")]


def test_upload_of_an_image_bomb_as_cover_is_refused_and_nothing_saved(admin_client, settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    edition = ReportEditionFactory()
    bomb = _png(size=(4000, 3000), mode="1")  # 12 megapixels in a few kilobytes
    assert len(bomb) < 20_000

    response = _post_change(admin_client, edition, cover_en=_upload("cover.png", bomb, "image/png"))

    assert response.status_code == 200
    assert errors_of(response) == ["The image is 4000×3000 pixels; the limit is 1 megapixels."]
    assert not ReportEdition.objects.get(pk=edition.pk).cover_en
    assert _stored_report_files(settings) == []


def test_upload_of_a_real_png_as_cover_is_stored(admin_client, settings):
    edition = ReportEditionFactory()

    response = _post_change(admin_client, edition, cover_en=_upload("cover.png", _png(), "image/png"))

    assert response.status_code == 302, errors_of(response)
    cover = ReportEdition.objects.get(pk=edition.pk).cover_en
    assert re.fullmatch(r"reports/covers/cover-[0-9a-f]{10}\.png", cover.name)

"""Publishing an edition (reports.services, reports.tasks): files, facts, cover and status in one step, emails
queued once, and a failed publication leaving the edition exactly as it was."""

import datetime
import hashlib

import pypdfium2
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from core.enums import AuditAction
from core.models import AuditEntry, OutgoingEmail
from reports import pdf, services, tasks
from reports.enums import EditionStatus, PublishingStep, RunStatus
from reports.models import PublishingRun, ReportEdition, ReportSubscriber
from tests.factories.reports import ReportEditionFactory

pytestmark = pytest.mark.django_db

EDITION_FIELDS = ["status", "published_at", "file_en", "file_zh_hans", "file_size_en", "file_size_zh_hans",
                  "file_sha256_en", "file_sha256_zh_hans", "cover_en", "cover_zh_hans", "release_at"]


@pytest.fixture(scope="module")
def english_pdf() -> bytes:
    return pdf.render_pdf(html="<h1>World Internet Development Report 2024</h1><p style='page-break-before: always'>"
                               "Second page</p>")


@pytest.fixture(scope="module")
def chinese_pdf() -> bytes:
    return pdf.render_pdf(html="<h1 style='font-family: \"WenQuanYi Micro Hei\"'>世界互联网发展报告2024</h1>")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("editor", is_staff=True)


def _edition_with_files(english: bytes, chinese: bytes | None = None, **kwargs) -> ReportEdition:
    edition = ReportEditionFactory(version="4.0", **kwargs)
    edition.file_en.save("report-en.pdf", ContentFile(english), save=False)
    if chinese is not None:
        edition.file_zh_hans.save("report-zh.pdf", ContentFile(chinese), save=False)
    edition.save()
    return edition


def _stored(name: str) -> bytes:
    with default_storage.open(name, "rb") as stream:
        return stream.read()


def _text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _snapshot(edition: ReportEdition) -> dict:
    row = ReportEdition.objects.get(pk=edition.pk)
    return {name: str(getattr(row, name)) for name in EDITION_FIELDS}


def _stored_files() -> set[str]:
    folders = ["reports/files", "reports/covers"]
    return {f"{folder}/{name}" for folder in folders if default_storage.exists(folder)
            for name in default_storage.listdir(folder)[1]}


def _subscribe(email: str, *, confirmed: bool = True, unsubscribed: bool = False) -> ReportSubscriber:
    now = timezone.now()
    return ReportSubscriber.objects.create(
        email=email, confirmed_at=now if confirmed else None, unsubscribed_at=now if unsubscribed else None
    )


def test_publish_now_stores_facts_of_the_stored_bytes_and_a_cover_of_page_one(
    staff, english_pdf, chinese_pdf, django_capture_on_commit_callbacks
):
    edition = _edition_with_files(english_pdf, chinese_pdf)

    with django_capture_on_commit_callbacks(execute=True):
        run = services.request_publication(edition=edition, actor=staff)

    edition.refresh_from_db()
    run.refresh_from_db()
    english, chinese = _stored(edition.file_en.name), _stored(edition.file_zh_hans.name)
    assert edition.status == EditionStatus.PUBLISHED
    assert edition.published_at is not None
    assert (edition.file_size_en, edition.file_sha256_en) == (len(english), hashlib.sha256(english).hexdigest())
    assert (edition.file_size_zh_hans, edition.file_sha256_zh_hans) == (
        len(chinese), hashlib.sha256(chinese).hexdigest()
    )
    assert english == english_pdf
    assert edition.cover_en.name.startswith("reports/covers/")
    assert _stored(edition.cover_en.name) == pdf.cover_png(english_pdf)
    assert _stored(edition.cover_zh_hans.name) == pdf.cover_png(chinese_pdf)  # the Chinese page shows its own
    assert list(edition.publishing_runs.values_list("status", "step")) == [(RunStatus.SUCCEEDED, PublishingStep.DONE)]
    assert run.requested_by == staff
    assert run.started_at <= run.finished_at
    assert AuditEntry.objects.filter(object_id=str(edition.pk), action=AuditAction.ACTION, actor=staff).count() == 1


def test_publish_keeps_a_cover_the_edition_already_has(staff, english_pdf, django_capture_on_commit_callbacks):
    edition = _edition_with_files(english_pdf)
    edition.cover_en.save("own-cover.png", ContentFile(pdf.cover_png(english_pdf)), save=True)
    cover_name = edition.cover_en.name

    with django_capture_on_commit_callbacks(execute=True):
        services.request_publication(edition=edition, actor=staff)

    edition.refresh_from_db()
    assert edition.status == EditionStatus.PUBLISHED
    assert edition.cover_en.name == cover_name
    assert _stored_files() == {edition.file_en.name, cover_name}


def test_text_only_edition_is_rendered_to_a_pdf_in_each_language(staff, django_capture_on_commit_callbacks):
    edition = ReportEditionFactory(
        version="4.0", title="Digital Economy 2024", summary="How the internet grew this year.",
        body="# Introduction\nThe digital economy grew.\n\n# Outlook\nMore to come.",
        body_zh_hans="# 引言\n数字经济持续增长。\n\n# 展望\n未来可期。",
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.request_publication(edition=edition, actor=staff)

    edition.refresh_from_db()
    english, chinese = _stored(edition.file_en.name), _stored(edition.file_zh_hans.name)
    assert edition.status == EditionStatus.PUBLISHED
    assert edition.file_en.name.startswith("reports/files/") and edition.file_en.name.endswith(".pdf")
    assert edition.file_zh_hans.name.startswith("reports/files/") and edition.file_zh_hans.name.endswith(".pdf")
    assert english.startswith(b"%PDF-") and chinese.startswith(b"%PDF-")
    english_text, chinese_text = _text(english), _text(chinese)
    for words in [edition.title_en, "Version 4.0", "How the internet grew this year.", "Introduction",
                  "The digital economy grew.", "Outlook"]:
        assert words in english_text
    for words in ["引言", "数字经济持续增长。", "展望", "未来可期。"]:
        assert words in chinese_text
    assert "#" not in english_text
    assert edition.file_sha256_en == hashlib.sha256(english).hexdigest()
    assert edition.file_sha256_zh_hans == hashlib.sha256(chinese).hexdigest()
    assert _stored(edition.cover_en.name) == pdf.cover_png(english)
    assert _stored(edition.cover_zh_hans.name) == pdf.cover_png(chinese)


def test_publication_leaves_a_language_without_file_or_text_empty(staff, django_capture_on_commit_callbacks):
    edition = ReportEditionFactory(body="# Introduction\nOnly in English.")

    with django_capture_on_commit_callbacks(execute=True):
        services.request_publication(edition=edition, actor=staff)

    edition.refresh_from_db()
    assert edition.status == EditionStatus.PUBLISHED
    assert (edition.file_zh_hans.name, edition.file_size_zh_hans, edition.file_sha256_zh_hans) == ("", None, None)


def test_publish_task_run_twice_publishes_once_and_queues_each_email_once(
    staff, english_pdf, django_capture_on_commit_callbacks
):
    edition = _edition_with_files(english_pdf)
    reader, other_reader = _subscribe("reader@example.org"), _subscribe("other@example.org")
    _subscribe("unconfirmed@example.org", confirmed=False)
    _subscribe("gone@example.org", unsubscribed=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.request_publication(edition=edition, actor=staff)
    edition.refresh_from_db()
    first = _snapshot(edition)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.publish_report.delay(edition_id=edition.pk).get() == RunStatus.SUCCEEDED

    assert _snapshot(edition) == first
    run = edition.publishing_runs.get()
    assert run.status == RunStatus.SUCCEEDED
    assert run.emails_total == 2
    assert set(OutgoingEmail.objects.values_list("key", "to")) == {
        (f"report:{edition.pk}:subscriber:{reader.pk}", "reader@example.org"),
        (f"report:{edition.pk}:subscriber:{other_reader.pk}", "other@example.org"),
    }


def test_request_publication_twice_returns_the_run_already_queued(staff, english_pdf):
    edition = _edition_with_files(english_pdf)
    at = timezone.now() + datetime.timedelta(hours=2)

    first = services.request_publication(edition=edition, actor=staff, at=at)
    second = services.request_publication(edition=edition, actor=staff, at=at)

    assert second == first
    assert PublishingRun.objects.filter(edition=edition).count() == 1


def test_request_publication_in_the_future_schedules_the_edition_and_waits(
    staff, english_pdf, django_capture_on_commit_callbacks
):
    edition = _edition_with_files(english_pdf)
    at = timezone.now() + datetime.timedelta(hours=2)

    # In-process Celery ignores the ETA and runs the task at once: the run is not due, so it must wait.
    with django_capture_on_commit_callbacks(execute=True):
        run = services.request_publication(edition=edition, actor=staff, at=at)

    edition.refresh_from_db()
    run.refresh_from_db()
    assert (edition.status, edition.release_at, edition.published_at) == (EditionStatus.SCHEDULED, at, None)
    assert (run.status, run.step, run.run_at, run.started_at) == (RunStatus.QUEUED, PublishingStep.WAITING, at, None)


def test_publish_now_of_a_scheduled_edition_moves_its_run_to_now(
    staff, english_pdf, django_capture_on_commit_callbacks
):
    edition = _edition_with_files(english_pdf)
    scheduled = services.request_publication(edition=edition, actor=staff,
                                             at=timezone.now() + datetime.timedelta(hours=2))

    with django_capture_on_commit_callbacks(execute=True):
        run = services.request_publication(edition=edition, actor=staff)

    edition.refresh_from_db()
    assert run == scheduled
    assert edition.status == EditionStatus.PUBLISHED
    assert list(edition.publishing_runs.values_list("status", flat=True)) == [RunStatus.SUCCEEDED]


def test_request_publication_is_refused_when_the_edition_is_already_published(staff):
    edition = ReportEditionFactory(status=EditionStatus.PUBLISHED, body="# Introduction")

    with pytest.raises(ValidationError) as refusal:
        services.request_publication(edition=edition, actor=staff)

    assert refusal.value.messages == [f"“{edition}” is already published."]
    assert not PublishingRun.objects.exists()


@pytest.mark.parametrize("body_zh_hans", ["", "# 引言\n只有中文。"])
def test_request_publication_is_refused_when_there_is_no_english_file_or_text(staff, body_zh_hans):
    edition = ReportEditionFactory(body="  ", body_zh_hans=body_zh_hans)

    with pytest.raises(ValidationError) as refusal:
        services.request_publication(edition=edition, actor=staff)

    assert refusal.value.messages == [
        f"“{edition}” has nothing to publish: upload its English PDF or write its English text first."
    ]
    assert not PublishingRun.objects.exists()
    assert ReportEdition.objects.get(pk=edition.pk).status == EditionStatus.DRAFT


def test_failed_render_leaves_the_edition_unchanged_and_a_retry_publishes_it(
    staff, english_pdf, monkeypatch, django_capture_on_commit_callbacks
):
    edition = ReportEditionFactory(body="# Introduction\nEnglish.", body_zh_hans="# 引言\n中文。")
    edition.refresh_from_db()
    before = _snapshot(edition)
    real_render = pdf.render_pdf
    calls = []

    def render_english_then_fail(*, html):
        calls.append(html)
        if len(calls) > 1:  # WeasyPrint cannot be made to fail otherwise: the edge is faked, our code is real
            raise pdf.PdfError("the font file is unreadable")
        return real_render(html=html)

    monkeypatch.setattr(pdf, "render_pdf", render_english_then_fail)
    with django_capture_on_commit_callbacks(execute=True):
        failed = services.request_publication(edition=edition, actor=staff)

    failed.refresh_from_db()
    assert len(calls) == 2
    assert _snapshot(edition) == before
    assert _stored_files() == set()  # the English PDF this run stored is gone again
    assert (failed.status, failed.step, failed.error) == (
        RunStatus.FAILED, PublishingStep.RENDER, "PdfError: the font file is unreadable"
    )
    assert failed.finished_at is not None

    monkeypatch.setattr(pdf, "render_pdf", real_render)
    with django_capture_on_commit_callbacks(execute=True):
        retried = services.retry_publication(run=failed, actor=staff)

    edition.refresh_from_db()
    retried.refresh_from_db()
    assert retried != failed
    assert retried.status == RunStatus.SUCCEEDED
    assert edition.status == EditionStatus.PUBLISHED
    assert _stored_files() == {edition.file_en.name, edition.file_zh_hans.name, edition.cover_en.name,
                               edition.cover_zh_hans.name}
    assert list(edition.publishing_runs.values_list("status", flat=True)) == [RunStatus.SUCCEEDED, RunStatus.FAILED]


def test_corrupt_stored_file_fails_the_run_and_leaves_the_edition_unchanged(
    staff, english_pdf, django_capture_on_commit_callbacks
):
    edition = ReportEditionFactory(body_zh_hans="# 引言\n中文。")
    # Stored behind the validator's back, as a damaged disk or a manual copy would.
    name = default_storage.save("reports/files/damaged.pdf", ContentFile(b"%PDF-1.7\nnot really a pdf"))
    ReportEdition.objects.filter(pk=edition.pk).update(file_en=name)
    edition.refresh_from_db()
    before = _snapshot(edition)

    with django_capture_on_commit_callbacks(execute=True):
        run = services.request_publication(edition=edition, actor=staff)

    run.refresh_from_db()
    assert _snapshot(edition) == before
    assert _stored_files() == {name}
    assert run.status == RunStatus.FAILED
    assert run.error.startswith("PdfError: ")


def test_retry_publication_is_refused_for_a_run_that_has_not_failed(staff, english_pdf):
    edition = _edition_with_files(english_pdf)
    run = services.request_publication(edition=edition, actor=staff, at=timezone.now() + datetime.timedelta(hours=1))

    with pytest.raises(ValidationError) as refusal:
        services.retry_publication(run=run, actor=staff)

    assert refusal.value.messages == ["Only a failed run can be retried; this one is “Queued”."]
    assert PublishingRun.objects.count() == 1


def test_publish_due_reports_catches_up_a_run_whose_task_was_lost(
    staff, english_pdf, django_capture_on_commit_callbacks
):
    edition = _edition_with_files(english_pdf)
    waiting = _edition_with_files(english_pdf, series=edition.series, year=2024)
    services.request_publication(edition=edition, actor=staff, at=timezone.now() + datetime.timedelta(hours=1))
    services.request_publication(edition=waiting, actor=staff, at=timezone.now() + datetime.timedelta(hours=2))

    # The hour has passed and the ETA task never came (lost with the broker).
    later = timezone.now() + datetime.timedelta(hours=1, minutes=1)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        assert tasks.publish_due_reports.delay().get() == 1

    assert ReportEdition.objects.get(pk=edition.pk).status == EditionStatus.PUBLISHED
    assert ReportEdition.objects.get(pk=waiting.pk).status == EditionStatus.SCHEDULED
    assert services.due_run_edition_ids() == []


def test_publish_due_reports_restarts_a_run_abandoned_by_a_dead_worker(staff, english_pdf):
    edition = _edition_with_files(english_pdf)
    run = PublishingRun.objects.create(edition=edition, status=RunStatus.RUNNING, step=PublishingStep.COVER,
                                       started_at=timezone.now() - datetime.timedelta(hours=1))

    assert tasks.publish_due_reports.delay().get() == 1

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert ReportEdition.objects.get(pk=edition.pk).status == EditionStatus.PUBLISHED


def test_publish_task_returns_when_the_edition_is_gone():
    assert tasks.publish_report.delay(edition_id=987654).get() == "gone"


def test_library_shows_the_edition_right_after_it_is_published(
    client, staff, english_pdf, django_capture_on_commit_callbacks
):
    edition = _edition_with_files(english_pdf)
    url = reverse("reports:library")
    assert edition.title not in client.get(url).content.decode()  # the page is now in the cache

    with django_capture_on_commit_callbacks(execute=True):
        services.request_publication(edition=edition, actor=staff)

    assert edition.title in client.get(url).content.decode()

"""A scheduled edition published by a real Celery worker on Redis when its time comes, its subscribers emailed
once through a real SMTP server, even when the task is delivered twice."""

import datetime
import hashlib
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from core.enums import EmailStatus
from core.models import OutgoingEmail
from reports import pdf, services
from reports.enums import EditionStatus, RunStatus
from reports.models import ReportEdition, ReportSubscriber
from reports.tasks import publish_report
from tests.conftest import wait_for
from tests.factories.reports import ReportEditionFactory

pytestmark = [pytest.mark.redis, pytest.mark.smtp, pytest.mark.postgres]


@pytest.fixture
def shared_media(settings, monkeypatch):
    """The worker process stores files where this test reads them (it inherits the environment)."""
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    return settings.MEDIA_ROOT


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as stream:
        return stream.read()


def test_worker_publishes_a_scheduled_edition_once_when_its_time_comes(
    shared_media, celery_worker, smtp_server, django_user_model
):
    english = pdf.render_pdf(html="<h1>World Internet Development Report 2024</h1>")
    edition = ReportEditionFactory(version="4.0", body_zh_hans="# 引言\n数字经济持续增长。")
    edition.file_en.save("report-en.pdf", ContentFile(english), save=True)
    now = timezone.now()
    readers = [ReportSubscriber.objects.create(email=f"reader{number}@example.org", confirmed_at=now)
               for number in range(2)]
    ReportSubscriber.objects.create(email="unconfirmed@example.org")
    organizer = django_user_model.objects.create_user("organizer-worker", is_staff=True)

    # No transaction here (transactional test): the task goes to the broker at once, with its ETA.
    services.request_publication(edition=edition, actor=organizer, at=now + datetime.timedelta(seconds=4))

    time.sleep(1.5)
    assert ReportEdition.objects.get(pk=edition.pk).status == EditionStatus.SCHEDULED
    assert wait_for(lambda: ReportEdition.objects.get(pk=edition.pk).status == EditionStatus.PUBLISHED, timeout=30)
    assert wait_for(lambda: len(smtp_server) >= 2, timeout=30)
    publish_report.delay(edition_id=edition.pk)  # a second delivery of the task: it must publish and send nothing
    time.sleep(3)

    edition.refresh_from_db()
    assert edition.published_at >= now + datetime.timedelta(seconds=4)
    assert edition.file_sha256_en == hashlib.sha256(english).hexdigest() == hashlib.sha256(
        _read(edition.file_en.name)).hexdigest()
    assert edition.file_sha256_zh_hans == hashlib.sha256(_read(edition.file_zh_hans.name)).hexdigest()
    assert _read(edition.cover_en.name) == pdf.cover_png(english)
    assert list(edition.publishing_runs.values_list("status", "emails_total")) == [(RunStatus.SUCCEEDED, 2)]
    assert sorted(message["To"] for message in smtp_server) == [reader.email for reader in readers]
    assert set(OutgoingEmail.objects.values_list("key", "status")) == {
        (f"report:{edition.pk}:subscriber:{reader.pk}", EmailStatus.SENT) for reader in readers
    }


def test_worker_publishes_at_the_moved_release_time_and_not_a_cancelled_one(
    shared_media, celery_worker, smtp_server, django_user_model
):
    """Real ETA tasks: the one sent for the old time comes and finds nothing due; the new time's own task
    publishes; a cancelled edition's task publishes nothing."""
    organizer = django_user_model.objects.create_user("organizer-moves", is_staff=True)
    ReportSubscriber.objects.create(email="reader@example.org", confirmed_at=timezone.now())
    moved = ReportEditionFactory(body="# Introduction\nMoved.")
    cancelled = ReportEditionFactory(body="# Introduction\nCancelled.", series=moved.series, year=2020)
    start = timezone.now()
    old, new = start + datetime.timedelta(seconds=3), start + datetime.timedelta(seconds=8)
    for edition in (moved, cancelled):
        services.request_publication(edition=edition, actor=organizer, at=old)

    moved = ReportEdition.objects.get(pk=moved.pk)  # as the shell, or the admin's form, loads and saves it
    moved.release_at = new
    moved.save()
    services.cancel_scheduled_release(edition=cancelled, actor=organizer)

    time.sleep(max(0.0, (old - timezone.now()).total_seconds()) + 2)  # the old time's tasks have come
    assert ReportEdition.objects.get(pk=moved.pk).status == EditionStatus.SCHEDULED
    assert wait_for(lambda: ReportEdition.objects.get(pk=moved.pk).status == EditionStatus.PUBLISHED, timeout=20)
    assert wait_for(lambda: len(smtp_server) >= 1, timeout=20)
    moved.refresh_from_db()
    assert moved.published_at >= new
    assert ReportEdition.objects.get(pk=cancelled.pk).status == EditionStatus.DRAFT
    assert list(cancelled.publishing_runs.values_list("status", flat=True)) == [RunStatus.CANCELLED]
    assert [message["To"] for message in smtp_server] == ["reader@example.org"]

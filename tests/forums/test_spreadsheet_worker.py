"""A sheet of sessions checked and imported by a real Celery worker on Redis, through the admin's pages, as in
production; and the same worker killed in the middle of an import: the job says it stopped, nothing was saved."""

import datetime
import os
import signal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from forums.models import Session
from summits.enums import SpreadsheetJobStatus
from summits.models import SpreadsheetImport
from summits.services.spreadsheet_imports import job_progress
from summits.tasks import run_spreadsheet_import
from tests.conftest import wait_for
from tests.factories.forums import ForumFactory, at
from tests.factories.summits import RoomFactory, SummitFactory
from tests.forums.test_spreadsheets import HEADERS, csv_file, session_rows
from tests.spreadsheets import keep_private_files_in

pytestmark = [pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture
def private_files(settings, tmp_path, monkeypatch):
    keep_private_files_in(tmp_path / "private", settings=settings, monkeypatch=monkeypatch)


@pytest.fixture
def organizer_page(private_files, django_user_model):
    organizer = django_user_model.objects.create_user("importer", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(organizer)
    return client


@pytest.fixture
def forum():
    room = RoomFactory(name="Hall 1", slug="hall-1")
    return ForumFactory(summit=SummitFactory(year=2024), slug="digital-economy", room=room,
                        start=at(2024, 11, 19, 8), end=at(2024, 11, 19, 20))


def status_of(job_id: int) -> str:
    return SpreadsheetImport.objects.get(pk=job_id).status


def upload_and_check(client, forum, count: int):
    uploaded = client.post(reverse("admin:forums_session_import"), {
        "summit": forum.summit.pk, "file": csv_file(HEADERS, session_rows(count, start_hour=8))})
    job = SpreadsheetImport.objects.get()
    assert wait_for(lambda: status_of(job.pk) == SpreadsheetJobStatus.PREVIEWED, timeout=60), status_of(job.pk)
    return uploaded.url, job


def test_a_real_worker_checks_then_imports_the_sheet_and_a_second_delivery_does_nothing(
    private_files, celery_worker, organizer_page, forum
):
    page_url, job = upload_and_check(organizer_page, forum, 40)
    preview = organizer_page.get(page_url)
    assert preview.context["counts"]["new"] == 40 and "confirm" in preview.context
    assert not Session.objects.exists()
    assert organizer_page.post(page_url, {"confirm": "1"}).status_code == 302
    assert wait_for(lambda: status_of(job.pk) == SpreadsheetJobStatus.IMPORTED, timeout=60)
    result = organizer_page.get(page_url)
    assert "Imported: 40 new, 0 changed, 0 unchanged." in result.content.decode()
    run_spreadsheet_import.delay(job_id=job.pk)  # the same job delivered again: nothing is imported twice
    assert wait_for(lambda: False, timeout=2) is False
    assert Session.objects.count() == 40 and AuditEntry.objects.filter(note="Spreadsheet import").count() == 40


def test_a_worker_killed_in_the_middle_of_an_import_leaves_nothing_saved_and_the_job_says_it_stopped(
    private_files, celery_worker, organizer_page, forum, time_machine
):
    page_url, job = upload_and_check(organizer_page, forum, 600)
    organizer_page.post(page_url, {"confirm": "1"})
    assert wait_for(lambda: status_of(job.pk) == SpreadsheetJobStatus.IMPORTING and job_progress(job=job)[0] > 0,
                    timeout=60, interval=0.05)
    os.kill(celery_worker.pid, signal.SIGKILL)
    celery_worker.wait(timeout=20)
    assert organizer_page.get(page_url).context["progress"]["importing"]  # not known yet to have stopped
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=2))
    stopped = organizer_page.get(page_url)
    assert "the background worker stopped. Nothing was saved." in stopped.content.decode()
    assert status_of(job.pk) == SpreadsheetJobStatus.FAILED
    assert not Session.objects.exists() and not AuditEntry.objects.filter(note="Spreadsheet import").exists()

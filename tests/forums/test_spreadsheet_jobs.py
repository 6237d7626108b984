"""Spreadsheet imports as background jobs (issue 18, round 2): the upload leads to the job's page, which refreshes
itself while the sheet waits or runs and ends on the preview or the result; a job that fails says so and saved
nothing; two confirmations import once; a row costs a fixed number of queries, whatever the sheet's length."""

import datetime
import threading

import pytest
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from forums.models import Session, SessionSpeaker
from summits.enums import SpreadsheetJobStatus
from summits.models import SpreadsheetImport
from summits.tasks import run_spreadsheet_import
from tests.factories.forums import ForumFactory, SpeakerFactory, at
from tests.factories.summits import RoomFactory, SummitFactory
from tests.forums.test_spreadsheets import HEADERS, csv_file, session_rows
from tests.spreadsheets import confirm_job, keep_private_files_in, post_upload


def import_url() -> str:
    return reverse("admin:forums_session_import")


@pytest.fixture
def private_files(settings, tmp_path, monkeypatch):
    keep_private_files_in(tmp_path / "private", settings=settings, monkeypatch=monkeypatch)


@pytest.fixture
def forum(private_files):
    summit = SummitFactory(year=2024)
    room = RoomFactory(name="Hall 1", name_zh_hans="1号厅", slug="hall-1")
    return ForumFactory(summit=summit, slug="digital-economy", title="Digital Economy Forum", room=room,
                        start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 18))


def with_speakers(rows, speakers):
    for index, row in enumerate(rows):
        row[8] = speakers[index % len(speakers)].slug if index < len(speakers) else ""
    return rows


def the_job() -> SpreadsheetImport:
    return SpreadsheetImport.objects.get()


@pytest.mark.django_db
def test_the_job_page_refreshes_itself_while_the_sheet_waits_then_shows_the_preview_then_the_result(
    organizer_client, forum
):
    with TestCase.captureOnCommitCallbacks() as waiting:
        upload = organizer_client.post(import_url(), {"summit": forum.summit.pk,
                                                      "file": csv_file(HEADERS, session_rows(3))})
    assert upload.status_code == 302 and len(waiting) == 1
    page = organizer_client.get(upload.url)
    assert page.context["progress"] == {"done": 0, "total": 3, "importing": False, "queued": True,
                                        "no_worker": False}
    assert '<meta http-equiv="refresh"' in page.content.decode()
    assert "Waiting for the background worker to check the sheet" in page.content.decode()
    waiting[0]()  # the worker's turn: here, in this process, as outside `make run`
    preview = organizer_client.get(upload.url)
    assert preview.context["counts"] == {"new": 3, "update": 0, "unchanged": 0, "invalid": 0}
    assert '<meta http-equiv="refresh"' not in preview.content.decode() and not Session.objects.exists()
    assert confirm_job(organizer_client, preview).status_code == 302
    result = organizer_client.get(upload.url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert result.context["imported"] and Session.objects.count() == 3
    assert "导入完成：新增 3 行，修改 0 行，未变 0 行。" in result.content.decode()
    assert not the_job().file  # the upload is not kept once imported


@pytest.mark.django_db
def test_a_job_that_fails_says_so_in_the_organizers_language_and_saved_nothing(organizer_client, forum):
    preview = post_upload(organizer_client, import_url(), {"summit": forum.summit.pk,
                                                           "file": csv_file(HEADERS, session_rows(4))})
    job = the_job()
    with TestCase.captureOnCommitCallbacks() as queued:
        confirmed = organizer_client.post(preview.request["PATH_INFO"], {"confirm": "1"})
    job.file.storage.delete(job.file.name)  # the stored sheet lost before the worker reads it
    queued[0]()
    page = organizer_client.get(confirmed.url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert the_job().status == SpreadsheetJobStatus.FAILED
    assert "服务器出错，表格未能处理。未保存任何内容。" in page.content.decode()
    assert not Session.objects.exists() and not AuditEntry.objects.filter(note="Spreadsheet import").exists()


@pytest.mark.django_db
def test_a_job_whose_worker_stopped_is_shown_stopped_and_a_late_delivery_of_its_task_does_nothing(
    organizer_client, forum, time_machine
):
    preview = post_upload(organizer_client, import_url(), {"summit": forum.summit.pk,
                                                           "file": csv_file(HEADERS, session_rows(2))})
    # The worker took the import and died before it committed (its transaction with it): the job runs no more.
    SpreadsheetImport.objects.update(status=SpreadsheetJobStatus.IMPORTING, started_at=timezone.now())
    running = organizer_client.get(preview.request["PATH_INFO"])
    assert running.context["progress"]["importing"]
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=2))
    stopped = organizer_client.get(preview.request["PATH_INFO"])
    assert "The job stopped before it was done: the background worker stopped. Nothing was saved." in (
        stopped.content.decode())
    assert run_spreadsheet_import(job_id=the_job().pk) == "skipped"
    assert the_job().status == SpreadsheetJobStatus.FAILED and not Session.objects.exists()


@pytest.mark.django_db
def test_confirming_twice_imports_once(organizer_client, forum, django_user_model, client):
    preview = post_upload(organizer_client, import_url(), {"summit": forum.summit.pk,
                                                           "file": csv_file(HEADERS, session_rows(3))})
    assert confirm_job(organizer_client, preview).status_code == 302
    colleague = django_user_model.objects.create_user("colleague", is_staff=True, is_superuser=True)
    other = Client()
    other.force_login(colleague)
    with TestCase.captureOnCommitCallbacks(execute=True) as queued:
        assert other.post(preview.request["PATH_INFO"], {"confirm": "1"}).status_code == 302
    assert not queued
    assert Session.objects.count() == 3 and AuditEntry.objects.filter(note="Spreadsheet import").count() == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
def test_two_organizers_confirming_at_the_same_moment_import_once(on_postgres, forum, django_user_model):
    clients = []
    for name in ("first", "second"):
        user = django_user_model.objects.create_user(name, is_staff=True, is_superuser=True)
        client = Client()
        client.force_login(user)
        clients.append(client)
    preview = post_upload(clients[0], import_url(), {"summit": forum.summit.pk,
                                                     "file": csv_file(HEADERS, session_rows(20))})
    barrier, answers = threading.Barrier(2), []

    def confirm(client):
        barrier.wait()
        answers.append(client.post(preview.request["PATH_INFO"], {"confirm": "1"}).status_code)

    threads = [threading.Thread(target=confirm, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers == [302, 302]
    assert Session.objects.count() == 20 and SessionSpeaker.objects.count() == 0
    assert AuditEntry.objects.filter(note="Spreadsheet import").count() == 20
    assert the_job().status == SpreadsheetJobStatus.IMPORTED


@pytest.mark.django_db
@pytest.mark.parametrize("count", [6, 30])
def test_a_new_session_costs_five_queries_and_an_unchanged_one_none(
    organizer_client, forum, count, django_assert_max_num_queries
):
    speakers = [SpeakerFactory(slug=f"speaker-{number}") for number in range(count)]
    rows = with_speakers(session_rows(count), speakers)
    preview = post_upload(organizer_client, import_url(), {"summit": forum.summit.pk, "file": csv_file(HEADERS, rows)})
    # Its savepoint, the session, its speaker's place, its audit line, the savepoint released.
    with django_assert_max_num_queries(FIXED + 5 * count):
        confirm_job(organizer_client, preview)
    assert SessionSpeaker.objects.count() == count
    with django_assert_max_num_queries(FIXED + 6):  # as many for 30 rows as for 6
        again = post_upload(organizer_client, import_url(), {"summit": forum.summit.pk,
                                                             "file": csv_file(HEADERS, rows)})
    assert again.context["counts"]["unchanged"] == count


# The request (session, user, permissions), the job's row, the edition's rows read once, the locks: 29 on
# PostgreSQL for the confirmation, 35 for an upload and its check.
FIXED = 30

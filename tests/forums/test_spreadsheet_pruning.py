"""Spreadsheet imports nobody confirmed are pruned a day after they were last touched, their uploads (guest lists:
names and addresses) deleted from private storage with them; confirmed and imported jobs are kept; beat runs it
every hour, and a second run finds nothing (issue 18, round 3)."""

import datetime
import os

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from core.storage import private_storage
from summits.enums import SpreadsheetJobStatus
from summits.models import SpreadsheetImport
from summits.tasks import prune_spreadsheet_imports
from tests.factories.forums import ForumFactory, at
from tests.factories.summits import RoomFactory, SummitFactory
from tests.forums.test_spreadsheets import HEADERS, csv_file, session_rows
from tests.spreadsheets import confirm_job, keep_private_files_in, post_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def summit(settings, tmp_path, monkeypatch):
    keep_private_files_in(tmp_path / "private", settings=settings, monkeypatch=monkeypatch)
    summit = SummitFactory(year=2024)
    ForumFactory(summit=summit, slug="digital-economy", room=RoomFactory(name="Hall 1", slug="hall-1"),
                 start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 18))
    return summit


def upload(client, summit, headers=HEADERS, rows=None):
    page = post_upload(client, reverse("admin:forums_session_import"),
                       {"summit": summit.pk, "file": csv_file(headers, rows or session_rows(2))})
    return SpreadsheetImport.objects.get(pk=page.context["job"].pk), page


def test_unconfirmed_imports_are_pruned_with_their_uploads_after_a_day(organizer_client, summit):
    previewed, _page = upload(organizer_client, summit)
    mapping, _page = upload(organizer_client, summit, headers=["Forum", "Notes"], rows=[["digital-economy", "x"]])
    imported, page = upload(organizer_client, summit, rows=session_rows(2, start_hour=12))
    confirm_job(organizer_client, page)
    stopped, _page = upload(organizer_client, summit)
    SpreadsheetImport.objects.filter(pk=stopped.pk).update(status=SpreadsheetJobStatus.FAILED)
    waiting = SpreadsheetImport.objects.create(resource="x", model="forums.session", summit=summit,
                                               status=SpreadsheetJobStatus.IMPORT_QUEUED)
    waiting.file.save("sheet", ContentFile(b"a,b"), save=True)
    uploads = {job.pk: SpreadsheetImport.objects.get(pk=job.pk).file.name
               for job in (previewed, mapping, stopped, waiting)}
    assert all(private_storage().exists(name) for name in uploads.values())
    orphan = private_storage().save("spreadsheets/2024/orphan", ContentFile(b"a,b"))  # its job's deletion lost
    written = (datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(hours=1)).timestamp()
    os.utime(private_storage().path(orphan), (written, written))  # the suite's clock, not the disk's

    assert prune_spreadsheet_imports.apply().result == 0  # not a day old yet
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=25)
    with time_machine.travel(later, tick=False):
        fresh, _page = upload(organizer_client, summit)
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("run_beat_jobs")
        assert prune_spreadsheet_imports.apply().result == 0  # a second run finds nothing

    assert set(SpreadsheetImport.objects.values_list("pk", flat=True)) == {imported.pk, waiting.pk, fresh.pk}
    assert [private_storage().exists(uploads[job.pk]) for job in (previewed, mapping, stopped, waiting)] == [
        False, False, False, True]
    assert not private_storage().exists(orphan)
    assert organizer_client.get(reverse("admin:forums_session_import_job", args=[previewed.pk])).status_code == 404


def test_beat_prunes_the_imports_every_hour():
    assert django_settings.CELERY_BEAT_SCHEDULE["prune-spreadsheet-imports"] == {
        "task": "wic.summits.prune_spreadsheet_imports", "schedule": 3600}

"""Organizers import and export the programme as spreadsheets (issue 18): sessions, forums and speakers from CSV
and XLSX with English or Chinese headers, a mapping for unknown columns, a preview with every row's errors and
nothing saved until a clean sheet is confirmed, re-imports that change nothing, exports in the import's shape."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.models import AuditEntry, OutgoingEmail
from forums.models import Forum, Session, SessionSpeaker, Speaker
from tests.factories.forums import ForumFactory, SessionFactory, SpeakerFactory, at
from tests.factories.summits import RoomFactory, SummitFactory

HEADERS = ["forum", "reference", "title_en", "title_zh_hans", "type", "start", "end", "room", "speakers"]
CHINESE_HEADERS = ["论坛", "参考编号", "标题（英文）", "标题（中文）", "类型", "开始时间", "结束时间", "会场", "嘉宾"]


def import_url(model: str) -> str:
    return reverse(f"admin:forums_{model}_import")


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


@pytest.fixture
def halls(summit):
    return [RoomFactory(name=f"Hall {n}", name_zh_hans=f"{n}号厅", slug=f"hall-{n}") for n in range(1, 4)]


@pytest.fixture
def forums(summit, halls):
    """Two forums on 19 November, each 09:00-18:00 in its own hall."""
    return [
        ForumFactory(summit=summit, slug="digital-economy", title="Digital Economy Forum",
                     title_zh_hans="数字经济论坛", room=halls[0], start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 18)),
        ForumFactory(summit=summit, slug="ai-governance", title="AI Governance Forum", title_zh_hans="人工智能治理论坛",
                     room=halls[1], start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 18)),
    ]


def csv_file(headers, rows, *, encoding="utf-8-sig", name="sessions.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding), content_type="text/csv")


def xlsx_file(headers, rows, name="sessions.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def session_rows(count: int, *, forum="digital-economy", room="Hall 1", start_hour=9):
    """``count`` sessions of five minutes one after the other from 09:00 in one room."""
    rows = []
    for index in range(count):
        start = datetime.datetime(2024, 11, 19, start_hour) + datetime.timedelta(minutes=index)
        end = start + datetime.timedelta(minutes=1)
        rows.append([forum, f"S-{index:03d}", f"Session {index}", f"议程{index}", "panel",
                     start.strftime("%Y-%m-%d %H:%M"), end.strftime("%Y-%m-%d %H:%M"), room, ""])
    return rows


def upload(client, model, file, summit):
    return client.post(import_url(model), {"summit": summit.pk, "file": file})


def confirm(client, model, response):
    assert "confirm" in response.context, [row.errors for row in response.context["outcome"].rows if row.errors][:3]
    return client.post(import_url(model), {"confirm": response.context["confirm"]})


@pytest.mark.django_db
def test_a_clean_sessions_sheet_is_previewed_then_imported_then_a_reimport_changes_nothing(
    organizer_client, summit, forums
):
    rows = session_rows(5)
    response = upload(organizer_client, "session", csv_file(HEADERS, rows), summit)
    assert response.status_code == 200
    assert response.context["counts"] == {"new": 5, "update": 0, "unchanged": 0, "invalid": 0}
    assert not Session.objects.exists()
    response = confirm(organizer_client, "session", response)
    assert response.status_code == 302
    assert Session.objects.count() == 5
    assert AuditEntry.objects.filter(note="Spreadsheet import").count() == 5
    again = upload(organizer_client, "session", csv_file(HEADERS, rows), summit)
    assert again.context["counts"] == {"new": 0, "update": 0, "unchanged": 5, "invalid": 0}
    assert "confirm" not in again.context

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
from tests.spreadsheets import confirm_job, post_to_job, post_upload

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
        ForumFactory(summit=summit, slug="ai-governance", title="AI Governance Forum",
                     title_zh_hans="人工智能治理论坛", room=halls[1], start=at(2024, 11, 19, 9),
                     end=at(2024, 11, 19, 18)),
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


def upload(client, model, file, summit, **extra):
    return post_upload(client, import_url(model), {"summit": summit.pk, "file": file}, **extra)


def confirm(client, model, response):
    return confirm_job(client, response)


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


@pytest.mark.django_db
def test_a_300_row_sheet_with_errors_shows_each_error_and_saves_nothing_until_fixed(
    organizer_client, summit, forums, halls
):
    SessionFactory(forum=forums[1], title="Closed-door dialogue", room=halls[2],
                           start=at(2024, 11, 19, 10), end=at(2024, 11, 19, 11))
    rows = session_rows(300)
    rows[10][7] = "Hall 99"  # line 12: an unknown room
    rows[20][5] = "19/11/2024 nine"  # line 22: a bad time
    rows[30][0] = "no-such-forum"  # line 32: an unknown forum
    rows[40][7] = "Hall 3"  # line 42: Hall 3 holds the other forum's dialogue then
    rows[40][5], rows[40][6] = "2024-11-19 10:30", "2024-11-19 10:45"
    rows[50][5], rows[50][6] = "2024-11-19 07:00", "2024-11-19 07:30"  # line 52: before its forum starts
    rows[60][1] = rows[59][1]  # line 62: the reference of line 61 again
    response = upload(organizer_client, "session", csv_file(HEADERS, rows), summit)
    outcome = response.context["outcome"]
    errors = {row.line: " ".join(row.errors) for row in outcome.rows if row.errors}
    assert sorted(errors) == [12, 22, 32, 42, 52, 62]
    assert "Unknown room “Hall 99”" in errors[12]
    assert "“19/11/2024 nine” is not a date and time" in errors[22]
    assert "Unknown forum “no-such-forum”" in errors[32]
    assert "Hall 3 is already taken by “Closed-door dialogue” (AI Governance Forum" in errors[42]
    assert "within its forum's time" in errors[52]
    assert errors[62].startswith("Line 61 of the sheet already has this row (the same key).")
    assert "confirm" not in response.context
    assert Session.objects.count() == 1 and not AuditEntry.objects.filter(note="Spreadsheet import").exists()
    # A forged confirmation of the faulty sheet saves nothing either.
    rows[10][7], rows[20][5], rows[30][0], rows[40][7] = "Hall 1", "2024-11-19 09:20", "digital-economy", "Hall 1"
    rows[40][5], rows[40][6] = "2024-11-19 09:40", "2024-11-19 09:41"
    rows[50][5], rows[50][6] = "2024-11-19 09:50", "2024-11-19 09:51"
    rows[60][1] = "S-060"
    fixed = upload(organizer_client, "session", csv_file(HEADERS, rows), summit)
    assert fixed.context["counts"]["new"] == 300 and fixed.context["outcome"].error_count == 0
    assert confirm(organizer_client, "session", fixed).status_code == 302
    assert Session.objects.filter(forum=forums[0]).count() == 300


@pytest.mark.django_db
def test_the_preview_speaks_the_organizers_language(organizer_client, summit, forums):
    rows = session_rows(2)
    rows[0][7] = "99号厅"
    response = upload(organizer_client, "session", csv_file(HEADERS, rows), summit, HTTP_ACCEPT_LANGUAGE="zh-hans")
    errors = [error for row in response.context["outcome"].rows for error in row.errors]
    assert errors and all("Unknown" not in error for error in errors)
    assert "99号厅" in errors[0]


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_chinese_headers_and_times_are_read_from_csv_in_each_encoding_excel_writes(
    organizer_client, summit, forums, encoding
):
    rows = [["数字经济论坛", "F01-01", "Opening remarks", "开幕致辞", "主旨演讲", "2024年11月19日 9:30",
             "2024年11月19日 9:45", "1号厅", ""]]
    response = upload(organizer_client, "session", csv_file(CHINESE_HEADERS, rows, encoding=encoding), summit)
    assert response.context["counts"]["new"] == 1, response.context["outcome"].rows
    confirm(organizer_client, "session", response)
    session = Session.objects.get()
    assert (session.forum, session.title_zh_hans, session.type) == (forums[0], "开幕致辞", "keynote")
    assert session.start == at(2024, 11, 19, 9, 30) and session.room.name == "Hall 1"


@pytest.mark.django_db
def test_an_xlsx_sheet_with_excel_date_cells_imports_and_its_speakers_are_placed_in_order(
    organizer_client, summit, forums
):
    first, second = SpeakerFactory(slug="jane-doe"), SpeakerFactory(slug="li-ming", email="Li.Ming@example.org")
    rows = [["digital-economy", "F01-01", "Panel", "", "panel", datetime.datetime(2024, 11, 19, 10),
             datetime.datetime(2024, 11, 19, 11), "", "li.ming@example.org; jane-doe"]]
    response = upload(organizer_client, "session", xlsx_file(HEADERS, rows), summit)
    confirm(organizer_client, "session", response)
    session = Session.objects.get()
    assert session.start == at(2024, 11, 19, 10) and session.room == forums[0].room
    assert list(session.session_speakers.values_list("speaker", flat=True)) == [second.pk, first.pk]
    # The same speaker elsewhere at the same time is refused, the clash named.
    rows = [["ai-governance", "F02-01", "Keynote", "", "keynote", datetime.datetime(2024, 11, 19, 10, 30),
             datetime.datetime(2024, 11, 19, 10, 50), "", "jane-doe"]]
    response = upload(organizer_client, "session", xlsx_file(HEADERS, rows), summit)
    (row,) = response.context["outcome"].rows
    assert row.errors == [f"Speakers: {first.name} is already speaking in “Panel” (Digital Economy Forum, "
                          "Nov 19 10:00–11:00)."]


@pytest.mark.django_db
def test_unrecognised_headers_are_mapped_by_the_organizer_and_the_mapping_reaches_the_confirmation(
    organizer_client, summit, forums
):
    headers = ["Forum", "Code", "Session name", "From", "To", "Notes"]
    rows = [["digital-economy", "F01-01", "Opening", "2024-11-19 09:00", "2024-11-19 09:30", "VIP"]]
    response = upload(organizer_client, "session", csv_file(headers, rows), summit)
    form = response.context["mapping_form"]
    assert [form[f"column_{index}"].initial for index in range(6)] == ["forum", "", "", "", "", ""]
    mapping = {"column_0": "forum", "column_1": "reference",
               "column_2": "title_en", "column_3": "start", "column_4": "start", "column_5": "-"}
    twice = post_to_job(organizer_client, response, mapping)
    assert "Two columns of the sheet are mapped to “Starts”." in twice.context["mapping_form"].non_field_errors()
    mapped = post_to_job(organizer_client, response, {**mapping, "column_4": "end"})
    preview = organizer_client.get(mapped.url)
    assert preview.context["counts"]["new"] == 1
    confirm(organizer_client, "session", preview)
    assert Session.objects.get().reference == "F01-01"


@pytest.mark.django_db
def test_hostile_cells_are_refused_or_cleaned_and_never_break_the_page(organizer_client, summit, forums):
    rows = session_rows(4)
    rows[0][2] = "A" * 10_000  # too long for a title
    rows[1][2] = "Evil\u202eelif.exe"  # a bidi override: removed
    rows[2][2] = "<script>alert(1)</script>"  # text, escaped on the page
    rows[3][2] = "=HYPERLINK(\"http://evil.example\",\"click\")"
    response = upload(organizer_client, "session", csv_file(HEADERS, rows), summit)
    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert outcome.rows[0].errors and "300" in outcome.rows[0].errors[0]
    assert [row.kind for row in outcome.rows[1:]] == ["new", "new", "new"]
    assert b"<script>alert(1)</script>" not in response.content
    rows[0][2] = "Fine"
    confirm(organizer_client, "session", upload(organizer_client, "session", csv_file(HEADERS, rows), summit))
    assert Session.objects.get(reference="S-001").title_en == "Evilelif.exe"
    export = reverse("admin:forums_session_export")
    exported = organizer_client.get(export, {"forum__summit__id__exact": summit.pk, "format": "csv"})
    assert "'=HYPERLINK" in exported.content.decode("utf-8-sig")
    workbook = organizer_client.get(export, {"forum__summit__id__exact": summit.pk, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    cell = next(cell for row in sheet.iter_rows() for cell in row if str(cell.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"  # text, not a formula


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_exported_sheet_imports_as_every_row_unchanged(organizer_client, summit, forums, kind, language):
    speaker = SpeakerFactory(slug="jane-doe")
    session = SessionFactory(forum=forums[0], reference="F01-01", title="Opening", start=at(2024, 11, 19, 9),
                             end=at(2024, 11, 19, 10))
    SessionSpeaker.objects.create(session=session, speaker=speaker)
    SessionFactory(forum=forums[1], reference="", title="No reference yet", start=at(2024, 11, 19, 11),
                   end=at(2024, 11, 19, 12))
    exported = organizer_client.get(reverse("admin:forums_session_export"),
                                    {"forum__summit__id__exact": summit.pk, "format": kind},
                                    HTTP_ACCEPT_LANGUAGE=language)
    assert exported.status_code == 200
    before = (Session.objects.count(), SessionSpeaker.objects.count(), AuditEntry.objects.count(),
              OutgoingEmail.objects.count())
    response = upload(organizer_client, "session", SimpleUploadedFile(f"export.{kind}", exported.content), summit)
    assert response.context["counts"] == {"new": 0, "update": 0, "unchanged": 2, "invalid": 0}
    assert "confirm" not in response.context
    assert before == (Session.objects.count(), SessionSpeaker.objects.count(), AuditEntry.objects.count(),
                      OutgoingEmail.objects.count())


# --- Forums and speakers -----------------------------------------------------------------------------------------

FORUM_HEADERS = ["论坛标识", "标题（英文）", "标题（中文）", "类型", "开始时间", "结束时间", "会场", "座位数"]


@pytest.mark.django_db
def test_forums_import_by_slug_and_a_move_is_announced_as_a_hand_edit_is(organizer_client, summit, forums, halls):
    SessionFactory(forum=forums[0], start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))
    rows = [["digital-economy", "Digital Economy Forum", "数字经济论坛", "分论坛", "2024-11-19 14:00",
             "2024-11-19 18:00", "1号厅", "120"],
            ["youth", "Youth Forum", "青年论坛", "sub_forum", "2024-11-20 09:00", "2024-11-20 12:00", "Hall 3", ""]]
    response = upload(organizer_client, "forum", xlsx_file(FORUM_HEADERS, rows), summit)
    (moved, new) = response.context["outcome"].rows
    assert new.kind == "new"
    assert "would fall outside the forum's new time" in " ".join(moved.errors)
    assert "confirm" not in response.context
    rows[0][4] = "2024-11-19 09:00"
    response = upload(organizer_client, "forum", xlsx_file(FORUM_HEADERS, rows), summit)
    assert [row.kind for row in response.context["outcome"].rows] == ["update", "new"]
    confirm(organizer_client, "forum", response)
    assert Forum.objects.get(slug="digital-economy").seat_quota == 120
    youth = Forum.objects.get(slug="youth")
    assert (youth.summit, youth.room, youth.title_zh_hans) == (summit, halls[2], "青年论坛")
    changed = AuditEntry.objects.get(object_id=str(forums[0].pk), note="Spreadsheet import")
    assert changed.changes == {"seat_quota": ["", "120"]}


@pytest.mark.django_db
def test_speakers_import_by_slug_or_email_and_taiwan_is_written_with_its_official_name(organizer_client, summit):
    known = SpeakerFactory(slug="jane-doe", email="jane@example.org", name="Jane Doe")
    headers = ["slug", "Email", "Name (English)", "中文姓名", "国家或地区"]
    rows = [["", "JANE@example.org", "Jane Doe", "简·多伊", "法国"],
            ["", "chen@example.org", "Chen Wei", "陈伟", "Taiwan"]]
    response = upload(organizer_client, "speaker", csv_file(headers, rows), summit)
    first, second = response.context["outcome"].rows
    assert first.kind == "update"
    assert second.errors == ["Country or region: Unknown country or region “Taiwan”: write “Taiwan, China” or "
                             "“中国台湾”."]
    rows[1][4] = "中国台湾"
    response = upload(organizer_client, "speaker", csv_file(headers, rows), summit)
    confirm(organizer_client, "speaker", response)
    known.refresh_from_db()
    assert (known.name_zh_hans, known.country.code) == ("简·多伊", "FR")
    chen = Speaker.objects.get(email="chen@example.org")
    assert (chen.slug, chen.country.code) == ("chen-wei", "TW")
    # Personal data: the trail names the speaker by id.
    assert AuditEntry.objects.get(object_id=str(chen.pk)).object_repr == f"speaker #{chen.pk}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["forum", "session", "speaker"])
@pytest.mark.parametrize(("language", "header"), [("en", "Title (English)"), ("zh-hans", "标题（英文）")])
def test_the_sample_sheet_has_the_import_columns_in_either_language(organizer_client, model, language, header):
    response = organizer_client.get(reverse(f"admin:forums_{model}_import_template"),
                                    {"language": language, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in next(sheet.iter_rows())]
    assert (header if model != "speaker" else header.replace("Title", "Name").replace("标题", "姓名")) in headers
    csv_response = organizer_client.get(reverse(f"admin:forums_{model}_import_template"), {"language": language,
                                                                                           "format": "csv"})
    assert csv_response.content.startswith("\ufeff".encode())


@pytest.mark.django_db
def test_staff_without_the_programme_rights_cannot_import(client, django_user_model, summit):
    staff = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(import_url("session")).status_code == 403
    assert client.get(reverse("admin:forums_session_export")).status_code == 403


@pytest.mark.django_db
def test_a_job_is_opened_only_through_its_own_list_and_a_faulty_sheet_cannot_be_confirmed(
    organizer_client, summit, forums
):
    rows = session_rows(2)
    rows[1][7] = "Hall 99"
    faulty = upload(organizer_client, "session", csv_file(HEADERS, rows), summit)
    job_path = faulty.request["PATH_INFO"]
    assert "confirm" not in faulty.context
    assert post_to_job(organizer_client, faulty, {"confirm": "1"}).status_code == 302
    assert not Session.objects.exists()
    assert organizer_client.get(job_path).context["outcome"].error_count == 1
    # The same job under another list's address, and a job that does not exist: not found.
    assert organizer_client.get(job_path.replace("/session/", "/speaker/")).status_code == 404
    assert organizer_client.get(reverse("admin:forums_session_import_job", args=[999_999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), [
    ("agenda.pdf", b"%PDF-1.4 not a sheet", "first row"),
    ("agenda.xlsx", b"PK\x03\x04 broken", "not a readable XLSX"),
    ("shell.php.csv", b"<?php system($_GET['c']); ?>", "has no"),
    ("empty.csv", b"\n\n", "The file is empty."),
])
def test_odd_files_get_a_clear_error(organizer_client, summit, name, content, message):
    response = upload(organizer_client, "session", SimpleUploadedFile(name, content), summit)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page or "mapping_form" in response.context


@pytest.mark.django_db
def test_the_export_reads_a_fixed_number_of_queries_whatever_the_number_of_sessions(
    organizer_client, summit, forums, django_assert_max_num_queries
):
    for index in range(30):
        session = SessionFactory(forum=forums[index % 2], reference=f"R{index}",
                                 start=at(2024, 11, 19, 9) + datetime.timedelta(minutes=10 * index),
                                 end=at(2024, 11, 19, 9) + datetime.timedelta(minutes=10 * index + 5))
        SessionSpeaker.objects.create(session=session, speaker=SpeakerFactory())
    # The list's two filters read their choices (the edition's forums, the rooms) as the list page does.
    with django_assert_max_num_queries(14):
        response = organizer_client.get(reverse("admin:forums_session_export"),
                                        {"forum__summit__id__exact": summit.pk})
    assert len(load_workbook(io.BytesIO(response.content)).active["A"]) == 31


@pytest.mark.django_db
def test_the_list_of_sessions_offers_import_export_and_the_page_offers_both_sample_sheets(organizer_client):
    page = organizer_client.get(reverse("admin:forums_session_changelist"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "从表格导入" in page.content.decode() and "按当前筛选导出（XLSX）" in page.content.decode()
    form = organizer_client.get(import_url("session"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "中文表头" in form and "英文表头" in form

"""A sheet the site exports imports again as every row unchanged, whatever its text: the demo edition's whole
programme with hostile texts in several rows, as CSV and as XLSX; and CSV files as Excel and WPS write them
(commas, semicolons, tabs, quoted cells) are read cell for cell (issue 18, round 3: a tester's export came back
with its columns shifted and its quotes doubled)."""

import codecs
import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEntry
from forums.models import Session, SessionSpeaker
from tests.spreadsheets import post_upload

pytestmark = pytest.mark.django_db

HOSTILE_TITLES = [
    'Evil <b>bold</b> "q" evil 🎉 中文',
    'Say "hello" world',
    '=HYPERLINK("http://evil.example","click")',
    "+86 571 hotline; @everyone, -minus",
    "'=quoted already",
    "''two apostrophes",
    "Semicolons; commas, and 「引号」、顿号；分号",
]
HOSTILE_DESCRIPTIONS = [
    'A "quoted" description, with comma',
    'Lines\nand "quotes"\r\nand\ttabs, "", ","',
    "@SUM(1+1)\n=cmd|' /C calc'!A0",
    "Right-to-left \u202eevil\u202c and back " + "long, " * 1500,
    "-\t-",
]


@pytest.fixture
def hostile_edition(demo_edition):
    """The demo edition with hostile texts spread over its programme, far past any sample of the sheet's start."""
    sessions = list(Session.objects.filter(forum__summit=demo_edition).order_by("pk"))
    step = len(sessions) // len(HOSTILE_TITLES)
    for index, title in enumerate(HOSTILE_TITLES):
        Session.objects.filter(pk=sessions[index * step + 3].pk).update(title_en=title)
    for index, description in enumerate(HOSTILE_DESCRIPTIONS):
        Session.objects.filter(pk=sessions[index * step + 5].pk).update(
            description_en=description, description_zh_hans=f"中文简介 {index}，含逗号, \"引号\"")
    return demo_edition


def state(summit):
    sessions = Session.objects.filter(forum__summit=summit).order_by("pk")
    return (list(sessions.values_list("pk", "title_en", "title_zh_hans", "description_en", "description_zh_hans",
                                      "start", "end", "room", "reference", "type", "language")),
            list(SessionSpeaker.objects.filter(session__in=sessions).values_list("session", "speaker", "order")),
            AuditEntry.objects.count())


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_demo_editions_whole_export_with_hostile_texts_imports_as_every_row_unchanged(
    organizer_client, hostile_edition, kind, language
):
    demo_edition = hostile_edition
    count = Session.objects.filter(forum__summit=demo_edition).count()
    assert count > 150
    before = state(demo_edition)
    exported = organizer_client.get(reverse("admin:forums_session_export"),
                                    {"forum__summit__id__exact": demo_edition.pk, "format": kind},
                                    HTTP_ACCEPT_LANGUAGE=language)
    assert exported.status_code == 200

    response = post_upload(organizer_client, reverse("admin:forums_session_import"), {
        "summit": demo_edition.pk, "file": SimpleUploadedFile(f"sessions.{kind}", exported.content)},
        HTTP_ACCEPT_LANGUAGE=language)

    outcome = response.context["outcome"]
    assert [row for row in outcome.rows if row.kind != "unchanged"] == []
    assert response.context["counts"]["unchanged"] == count
    assert "confirm" not in response.context
    assert state(demo_edition) == before


def sheet_bytes(rows, *, delimiter: str, encoding: str = "utf-8-sig", quoting=csv.QUOTE_MINIMAL) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, quoting=quoting).writerows(rows)
    return buffer.getvalue().encode(encoding)


EXCEL_ROWS = [
    ["forum", "reference", "title_en", "description_en", "start", "end"],
    *[["FORUM", f"X-{index:03d}", f"Plain {index}", "plain, with a comma; and a semicolon",
       "2000-01-01 09:00", "2000-01-01 09:01"] for index in range(60)],
    ["FORUM", "X-900", 'Say "hello" world', 'A "quoted" description, with comma', "2000-01-01 09:00",
     "2000-01-01 09:01"],
]


@pytest.mark.parametrize(("delimiter", "encoding", "quoting"), [
    (",", "utf-8-sig", csv.QUOTE_MINIMAL),  # Excel's "CSV UTF-8"
    (";", "utf-8-sig", csv.QUOTE_MINIMAL),  # Excel where the decimal mark is a comma
    (",", "gb18030", csv.QUOTE_ALL),  # WPS quoting every cell, a Chinese Windows' plain "CSV"
    ("\t", "utf-16", csv.QUOTE_MINIMAL),  # Excel's "Unicode Text"
])
def test_csv_files_as_excel_and_wps_write_them_are_read_cell_for_cell(
    organizer_client, demo_edition, delimiter, encoding, quoting
):
    forum = demo_edition.forums.order_by("start", "pk").first()
    rows = [[forum.slug if cell == "FORUM" else cell for cell in row] for row in EXCEL_ROWS]
    data = sheet_bytes(rows, delimiter=delimiter, encoding=encoding, quoting=quoting)
    if encoding == "utf-16":
        assert data.startswith(codecs.BOM_UTF16_LE)

    response = post_upload(organizer_client, reverse("admin:forums_session_import"), {
        "summit": demo_edition.pk, "file": SimpleUploadedFile("sessions.csv", data)})

    last = response.context["outcome"].rows[-1]
    assert last.label == f"{forum.slug} · X-900 · Say \"hello\" world"
    assert [header for header, _label in response.context["mapping"]] == EXCEL_ROWS[0]


def test_excels_sep_line_names_the_separator(organizer_client, demo_edition):
    forum = demo_edition.forums.order_by("start", "pk").first()
    data = b"sep=;\r\n" + sheet_bytes([["forum", "reference", "title_en", "start", "end"],
                                        [forum.slug, "X-1", "One, two", "2000-01-01 09:00", "2000-01-01 09:01"]],
                                       delimiter=";", encoding="utf-8")

    response = post_upload(organizer_client, reverse("admin:forums_session_import"), {
        "summit": demo_edition.pk, "file": SimpleUploadedFile("sessions.csv", data)})

    assert response.context["outcome"].rows[0].label == f"{forum.slug} · X-1 · One, two"

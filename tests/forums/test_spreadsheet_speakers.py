"""Speakers' sheets never add a speaker twice (issue 18, round 3): a row is keyed by its slug or by an address
only one speaker has, and a biography the portal could not save again is refused."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEntry
from forums.models import Speaker
from summits.models import Summit
from tests.factories.forums import ForumFactory, SpeakerFactory, at
from tests.factories.summits import SummitFactory
from tests.spreadsheets import confirm_job, post_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def summit():
    return SummitFactory(year=2024)

HEADERS = ["slug", "email", "name_en", "bio_en"]


def upload(client, rows, **extra):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADERS, *rows])
    return post_upload(client, reverse("admin:forums_speaker_import"), {
        "summit": Summit.objects.get().pk, "file": SimpleUploadedFile("speakers.csv", buffer.getvalue().encode())},
        **extra)


def errors_by_line(response) -> dict[int, list[str]]:
    return {row.line: row.errors for row in response.context["outcome"].rows if row.errors}


def test_a_row_without_slug_or_address_is_refused_in_the_organizers_language(organizer_client):
    english = upload(organizer_client, [["", "", "Chen Wei", ""]])
    chinese = upload(organizer_client, [["", "", "Chen Wei", ""]], HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert errors_by_line(english) == {2: [
        "Slug: Give the speaker's slug or email address, so that importing the sheet again updates the speaker "
        "instead of adding them twice."]}
    assert errors_by_line(chinese) == {2: [
        "标识：请填写嘉宾的标识或电子邮箱，以便再次导入时更新该嘉宾，而不是重复添加。"]}
    assert "confirm" not in english.context and not Speaker.objects.exists()
    # Given an address, the row keys its speaker: imported twice, the sheet adds them once.
    rows = [["", "chen@example.org", "Chen Wei", ""], ["", "amina@example.org", "Amina Diallo", ""]]
    confirm_job(organizer_client, upload(organizer_client, rows))
    assert upload(organizer_client, rows).context["counts"] == {"new": 0, "update": 0, "unchanged": 2, "invalid": 0}
    assert sorted(Speaker.objects.values_list("email", flat=True)) == ["amina@example.org", "chen@example.org"]


def test_the_same_address_twice_in_a_sheet_is_refused_on_the_second_line_unless_slugs_key_both(organizer_client):
    response = upload(organizer_client, [["", "chen@example.org", "Chen Wei", ""], ["x", "y@example.org", "Y", ""],
                                         ["", "CHEN@example.org", "Chen Wei", ""]])

    assert errors_by_line(response) == {4: [
        "Email: Line 2 of the sheet already has the address chen@example.org: give each of the two rows its "
        "speaker's slug, or the address once."]}
    assert not Speaker.objects.exists()
    # Two speakers with slugs may share an address (an assistant's).
    rows = [["li-ming", "office@example.org", "Li Ming", ""], ["wang-fang", "office@example.org", "Wang Fang", ""]]
    confirm_job(organizer_client, upload(organizer_client, rows))
    assert upload(organizer_client, rows).context["counts"]["unchanged"] == 2
    assert Speaker.objects.filter(email="office@example.org").count() == 2


def test_an_address_two_speakers_share_keys_no_row_and_names_them(organizer_client):
    SpeakerFactory(slug="li-ming", email="office@example.org")
    SpeakerFactory(slug="wang-fang", email="Office@example.org")
    before = AuditEntry.objects.count()

    english = upload(organizer_client, [["", "office@example.org", "Li Ming", "Changed"]])
    chinese = upload(organizer_client, [["", "office@example.org", "Li Ming", "Changed"]],
                     HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert errors_by_line(english) == {2: [
        "Email: Several speakers have the address office@example.org (li-ming, wang-fang): give the slug of the one "
        "you mean."]}
    assert errors_by_line(chinese) == {2: [
        "电子邮箱：多位嘉宾使用电子邮箱 office@example.org（li-ming、wang-fang）：请填写所指嘉宾的标识。"]}
    assert AuditEntry.objects.count() == before and not Speaker.objects.filter(bio="Changed").exists()


def test_a_sessions_sheet_naming_a_shared_address_names_its_speakers(organizer_client, summit):
    forum = ForumFactory(summit=summit, slug="digital-economy", start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 18))
    SpeakerFactory(slug="li-ming", email="office@example.org")
    SpeakerFactory(slug="wang-fang", email="office@example.org")
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["forum", "reference", "title_en", "start", "end", "speakers"],
                                  [forum.slug, "F-1", "Panel", "2024-11-19 10:00", "2024-11-19 11:00",
                                   "office@example.org"]])

    response = post_upload(organizer_client, reverse("admin:forums_session_import"), {
        "summit": summit.pk, "file": SimpleUploadedFile("sessions.csv", buffer.getvalue().encode())})

    assert errors_by_line(response) == {2: [
        "Speakers: Several speakers have the address office@example.org (li-ming, wang-fang): give the slug of the "
        "one you mean."]}


def test_a_biography_longer_than_the_portal_takes_is_refused(organizer_client):
    response = upload(organizer_client, [["chen-wei", "", "Chen Wei", "a" * 6000]], HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert errors_by_line(response) == {2: ["简介（英文）：最多 5000 个字符（现有 6000 个）。"]}
    fits = upload(organizer_client, [["chen-wei", "", "Chen Wei", "a" * 5000]])
    assert fits.context["counts"]["new"] == 1

"""Organizers import a list of guests with their forums (issue 18): each admitted through admit_guest (seats, the
verification email), errors per row, nothing saved until a clean sheet is confirmed; the export re-imports
unchanged."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEntry, OutgoingEmail
from guests.enums import RegistrationSource, RegistrationStatus
from guests.models import Registration
from tests.factories.forums import ForumFactory
from tests.factories.summits import SummitFactory
from tests.spreadsheets import confirm_job, post_upload

IMPORT = "admin:guests_registration_import"
HEADERS = ["邮箱", "英文姓名", "职务", "单位", "类别", "国家或地区", "参会方式", "论坛"]


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


def sheet(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADERS, *rows])
    return SimpleUploadedFile("guests.csv", buffer.getvalue().encode("gb18030"))


@pytest.mark.django_db
def test_a_guest_list_is_admitted_with_seats_and_a_verification_email_and_imports_again_unchanged(
    organizer_client, summit
):
    forum = ForumFactory(summit=summit, slug="digital-economy", title_zh_hans="数字经济论坛")
    rows = [["amina@example.org", "Amina Diallo", "Director", "Ministry", "政府", "塞内加尔", "offline",
             "数字经济论坛"],
            ["chen@example.org", "Chen Wei", "Professor", "University", "university", "Taiwan", "online", ""],
            ["bob@example", "Bob", "", "", "enterprise", "FR", "", "no-such-forum"]]
    response = post_upload(organizer_client, reverse(IMPORT), {"summit": summit.pk, "file": sheet(rows)})
    outcome = response.context["outcome"]
    assert [row.kind for row in outcome.rows] == ["new", "invalid", "invalid"]
    assert "“Taiwan, China” or “中国台湾”" in outcome.rows[1].errors[0]
    assert any("bob@example" in error for error in outcome.rows[2].errors)
    assert any("no-such-forum" in error for error in outcome.rows[2].errors)
    assert "confirm" not in response.context and not Registration.objects.exists()
    assert not OutgoingEmail.objects.exists()
    rows[1][5], rows[2][0], rows[2][7] = "中国台湾", "bob@example.org", ""
    response = post_upload(organizer_client, reverse(IMPORT), {"summit": summit.pk, "file": sheet(rows)})
    assert response.context["counts"]["new"] == 3
    assert confirm_job(organizer_client, response).status_code == 302
    amina = Registration.objects.get(guest__email="amina@example.org")
    assert (amina.source, amina.status) == (RegistrationSource.IMPORT, RegistrationStatus.SUBMITTED)
    assert list(amina.forum_choices.values_list("forum", flat=True)) == [forum.pk]
    assert OutgoingEmail.objects.filter(to="amina@example.org").count() == 1
    assert AuditEntry.objects.filter(note="Spreadsheet import").count() == 3
    exported = organizer_client.get(reverse("admin:guests_registration_export"),
                                    {"summit__id__exact": summit.pk, "format": "xlsx"})
    before = (Registration.objects.count(), OutgoingEmail.objects.count(), AuditEntry.objects.count())
    exported_file = SimpleUploadedFile("guests.xlsx", exported.content)
    again = post_upload(organizer_client, reverse(IMPORT), {"summit": summit.pk, "file": exported_file})
    assert again.context["counts"] == {"new": 0, "update": 0, "unchanged": 3, "invalid": 0}
    assert before == (Registration.objects.count(), OutgoingEmail.objects.count(), AuditEntry.objects.count())


@pytest.mark.django_db
def test_a_guest_already_registered_is_said_so_with_the_columns_the_sheet_gives_otherwise(organizer_client, summit):
    ForumFactory(summit=summit, slug="digital-economy", title_zh_hans="数字经济论坛")
    rows = [["amina@example.org", "Amina Diallo", "Director", "Ministry", "政府", "塞内加尔", "offline",
             "数字经济论坛"],
            ["li@example.org", "Li Na", "Professor", "University", "university", "CN", "online", ""]]
    confirm_job(organizer_client, post_upload(organizer_client, reverse(IMPORT),
                                              {"summit": summit.pk, "file": sheet(rows)}))
    rows[0][1], rows[0][7] = "Amina N. Diallo", ""  # another name, and no forum
    emails = OutgoingEmail.objects.count()
    response = post_upload(organizer_client, reverse(IMPORT), {"summit": summit.pk, "file": sheet(rows)})
    first, second = response.context["outcome"].rows
    assert (first.kind, second.kind) == ("unchanged", "unchanged")
    assert first.note == ("Already registered: not changed (the sheet differs in: Name (English), Forums). Change "
                          "the registration on its page.")
    assert second.note == "Already registered: not changed."
    assert "Already registered: not changed (the sheet differs in" in response.content.decode()
    assert "confirm" not in response.context and OutgoingEmail.objects.count() == emails
    assert Registration.objects.get(guest__email="amina@example.org").guest.full_name == "Amina Diallo"

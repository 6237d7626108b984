"""Organizers' side of invitations: the admin (add and send, the actions), the bulk import with its preview, the
reminders' beat task, the dashboard section, and the guest's export and erasure."""

import csv
import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.models import AuditEntry, OutgoingEmail
from forums.enums import ForumRegistrationMode
from guests import links
from guests.dashboard import summit_dashboard
from guests.enums import InvitationStatus, ProtocolLevel
from guests.models import Invitation
from guests.services import erase_guest, export_guest
from guests.tasks import send_due_invitation_reminders
from tests.admin_forms import errors_of
from tests.factories.forums import ForumFactory
from tests.factories.guests import GuestFactory, InvitationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

IMPORT = "/admin/guests/invitation/import/"


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


@pytest.fixture
def round_table(summit):
    return ForumFactory(summit=summit, title="Ministerial Round Table", title_zh_hans="部长圆桌会议",
                        slug="ministerial-round-table", registration_mode=ForumRegistrationMode.INVITATION_ONLY)


def add_form(summit, forums=(), **overrides):
    data = {
        "summit": str(summit.pk), "email": "Amina@Example.org", "full_name": "Amina Diallo", "native_name": "",
        "title": "Minister", "organization_name": "Government of Senegal", "category": "government",
        "country": "SN", "language": "en", "protocol_level": "minister",
        "reserved_forums": [str(forum.pk) for forum in forums], "hold_until_0": "2024-11-15",
        "hold_until_1": "18:00:00", "note": "Met at ITU", "send_now": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_an_organizer_adds_an_invitation_and_it_is_sent_on_save(organizer_client, organizer, summit, round_table,
                                                                 django_capture_on_commit_callbacks,
                                                                 still_signing_clock):
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(reverse("admin:guests_invitation_add"), add_form(summit, [round_table]))

    assert response.status_code == 302, errors_of(response)
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.invited_by, invitation.protocol_level) == (
        "amina@example.org", organizer, ProtocolLevel.MINISTER)
    assert list(invitation.reserved_forums.all()) == [round_table]
    assert invitation.sent_at is not None
    email = OutgoingEmail.objects.get()
    assert email.to == "amina@example.org" and "Ministerial Round Table" in email.body_text
    assert links.invitation_url(invitation) in email.body_text


def test_an_invitation_saved_without_send_now_waits_and_a_forum_of_another_edition_is_refused(
    organizer_client, summit
):
    other = ForumFactory(summit=SummitFactory(year=2023))
    response = organizer_client.post(reverse("admin:guests_invitation_add"), add_form(summit, [other]))
    assert "Reserve only published forums of this summit open to guests." in errors_of(response)

    response = organizer_client.post(reverse("admin:guests_invitation_add"), add_form(summit, send_now=None))
    assert response.status_code == 302
    assert Invitation.objects.get().sent_at is None and not OutgoingEmail.objects.exists()


def test_a_second_live_invitation_to_the_same_address_is_refused(organizer_client, summit):
    InvitationFactory(summit=summit, email="amina@example.org")
    response = organizer_client.post(reverse("admin:guests_invitation_add"), add_form(summit))
    assert "This address already has a live invitation to this summit." in errors_of(response)


def test_the_list_shows_status_country_and_protocol_level_in_a_fixed_number_of_queries(
    organizer_client, summit, django_assert_max_num_queries
):
    for level in ProtocolLevel.values:
        InvitationFactory(summit=summit, protocol_level=level)
    with django_assert_max_num_queries(14):
        response = organizer_client.get(reverse("admin:guests_invitation_changelist") + "?status=pending")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Head of state or government" in content and "Senegal" in content and "Awaiting an answer" in content


def action(client, name, invitations, **extra):
    return client.post(reverse("admin:guests_invitation_changelist"), {
        "action": name, "_selected_action": [str(invitation.pk) for invitation in invitations], **extra})


def test_the_actions_send_remind_and_revoke_go_through_the_services_and_the_audit_trail(
    organizer_client, summit, django_capture_on_commit_callbacks
):
    waiting = InvitationFactory(summit=summit, sent_at=None)
    declined = InvitationFactory(summit=summit, status=InvitationStatus.DECLINED)

    with django_capture_on_commit_callbacks(execute=True):
        action(organizer_client, "send_selected", [waiting, declined])
        action(organizer_client, "remind_selected", [waiting])
        action(organizer_client, "revoke_selected", [waiting, declined], post="yes")

    waiting.refresh_from_db()
    declined.refresh_from_db()
    assert (waiting.status, waiting.reminder_count, waiting.link_version) == (InvitationStatus.REVOKED, 1, 2)
    assert declined.status == InvitationStatus.DECLINED and declined.sent_at is not None
    assert sorted(OutgoingEmail.objects.values_list("key", flat=True)) == [
        f"invitation:{waiting.pk}:invitation:1", f"invitation:{waiting.pk}:invitation_reminder:1-1"]
    assert sorted(AuditEntry.objects.filter(object_id=str(waiting.pk)).values_list("note", flat=True)) == [
        "invitation sent", "reminded", "revoked"]


# --- Bulk import ------------------------------------------------------------------------------------------------

HEADER = ["email", "full_name", "native_name", "title", "organization_name", "category", "country", "language",
          "protocol_level", "reserved_forums", "hold_until", "note"]
CLEAN = [
    ["amina@example.org", "Amina Diallo", "", "Minister", "Government of Senegal", "government", "SEN", "en",
     "minister", "ministerial-round-table", "2024-11-15", ""],
    ["wang.fang@example.cn", "Wang Fang", "王芳", "President", "Tsinghua University", "高校", "中国", "zh-hans",
     "贵宾", "部长圆桌会议", "", "VIP"],
    ["pm@example.org", "Jean Dupont", "", "Prime Minister", "Government of France", "Government", "France", "",
     "head_of_state", "", "2024-11-10 18:00", ""],
]


def csv_file(rows, name="invitations.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows):
    workbook = Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("invitations.xlsx", buffer.getvalue())


def test_a_file_with_errors_is_previewed_row_by_row_in_the_organizers_language_and_nothing_is_saved(
    organizer_client, summit, round_table
):
    InvitationFactory(summit=summit, email="taken@example.org")
    rows = [
        *CLEAN[:1],
        ["not-an-address", "Bad Email", "", "", "", "government", "SN", "en", "guest", "", "", ""],
        ["x@example.org", "Unknown Country", "", "", "", "government", "Atlantis", "en", "guest", "", "", ""],
        ["y@example.org", "Unknown Forum", "", "", "", "government", "KE", "en", "guest", "no-such-forum", "", ""],
        ["AMINA@example.org", "Twice", "", "", "", "government", "KE", "en", "guest", "", "", ""],
        ["taken@example.org", "Invited Already", "", "", "", "government", "KE", "en", "guest", "", "", ""],
    ]
    response = organizer_client.post(IMPORT, {"summit": summit.pk, "file": csv_file(rows), "send": "on"})
    content = response.content.decode()

    assert response.status_code == 200
    assert "5 rows have errors" in content and "confirm" not in response.context
    assert "“not-an-address” is not a valid email address." in content
    assert "Unknown country or region “Atlantis”." in content
    assert "Unknown forum “no-such-forum”" in content
    assert "amina@example.org is already on line 2." in content
    assert "taken@example.org already has an invitation to this summit." in content
    assert Invitation.objects.count() == 1

    organizer_client.cookies["django_language"] = "zh-hans"
    chinese = organizer_client.post("/admin/guests/invitation/import/", {
        "summit": summit.pk, "file": csv_file(rows[1:3])}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "未知的国家或地区“Atlantis”" in chinese


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file])
def test_a_clean_file_is_previewed_then_saved_whole_on_confirmation(
    organizer_client, organizer, summit, round_table, make_file, django_capture_on_commit_callbacks
):
    preview = organizer_client.post(IMPORT, {"summit": summit.pk, "file": make_file(CLEAN), "send": "on"})
    assert preview.status_code == 200 and "errors" not in preview.content.decode().split("<tbody>")[1].split(
        "</tbody>")[0].replace("class=\"errors\"", "")
    assert not Invitation.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(IMPORT, {"confirm": preview.context["confirm"]})

    assert response.status_code == 302
    invitations = {invitation.email: invitation for invitation in Invitation.objects.all()}
    assert sorted(invitations) == ["amina@example.org", "pm@example.org", "wang.fang@example.cn"]
    wang = invitations["wang.fang@example.cn"]
    assert (wang.country.code, wang.category, wang.protocol_level, wang.language, wang.native_name) == (
        "CN", "university", "vip", "zh-hans", "王芳")
    assert list(wang.reserved_forums.all()) == [round_table]
    assert invitations["amina@example.org"].country.code == "SN"
    assert invitations["pm@example.org"].hold_until == datetime.datetime(2024, 11, 10, 10, tzinfo=datetime.UTC)
    assert all(invitation.invited_by == organizer and invitation.sent_at for invitation in invitations.values())
    assert OutgoingEmail.objects.count() == 3


def test_a_tampered_confirmation_saves_nothing(organizer_client, summit, round_table):
    preview = organizer_client.post(IMPORT, {"summit": summit.pk, "file": csv_file(CLEAN)})
    response = organizer_client.post(IMPORT, {"confirm": preview.context["confirm"][:-2] + "xx"})
    assert response.status_code == 302 and not Invitation.objects.exists()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_template_file_has_the_import_columns(organizer_client, kind):
    response = organizer_client.get(reverse("admin:guests_invitation_import_template", kwargs={"kind": kind}))
    assert response.status_code == 200
    if kind == "csv":
        header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        header = [cell.value for cell in next(load_workbook(io.BytesIO(response.content)).active.iter_rows())]
    assert header == HEADER


# --- Reminders --------------------------------------------------------------------------------------------------


def test_the_reminder_task_reminds_unanswered_invitations_at_most_twice_and_a_second_run_sends_nothing(
    summit, settings
):
    settings.INVITATION_REMINDER_DAYS = 7
    late = InvitationFactory(summit=summit, sent_at=datetime.datetime(2024, 10, 20, tzinfo=datetime.UTC))
    recent = InvitationFactory(summit=summit)  # sent on 30 October
    InvitationFactory(summit=summit, status=InvitationStatus.ACCEPTED,
                      sent_at=datetime.datetime(2024, 10, 1, tzinfo=datetime.UTC))

    assert send_due_invitation_reminders() == 1
    assert send_due_invitation_reminders() == 0
    with time_machine.travel(datetime.datetime(2024, 11, 8, 12, tzinfo=datetime.UTC)):
        assert send_due_invitation_reminders() == 2  # late's second reminder, recent's first
    with time_machine.travel(datetime.datetime(2024, 11, 14, 12, tzinfo=datetime.UTC)):
        assert send_due_invitation_reminders() == 0  # late has had two; recent was reminded 6 days ago

    late.refresh_from_db()
    recent.refresh_from_db()
    assert (late.reminder_count, recent.reminder_count) == (2, 1)
    assert OutgoingEmail.objects.filter(key__contains=":invitation_reminder:").count() == 3


# --- Dashboard and personal data --------------------------------------------------------------------------------


def test_the_dashboard_counts_invitations_and_the_accepted_by_country_in_a_fixed_number_of_queries(
    organizer_client, summit, django_assert_num_queries
):
    InvitationFactory(summit=summit, status=InvitationStatus.ACCEPTED, country="SN")
    InvitationFactory(summit=summit, status=InvitationStatus.ACCEPTED, country="SN")
    InvitationFactory(summit=summit, status=InvitationStatus.ACCEPTED, country="FR")
    InvitationFactory(summit=summit, status=InvitationStatus.DECLINED)
    InvitationFactory(summit=summit, sent_at=None)
    InvitationFactory(summit=summit, status=InvitationStatus.REVOKED)
    from guests.invitation_dashboard import invitation_sections

    with django_assert_num_queries(2):
        (section,) = invitation_sections(summit)
    totals = dict(section.totals)
    assert totals == {"Invited": 6, "Sent": 5, "Answered": 4, "Accepted": 3, "Declined": 1,
                      "Awaiting an answer": 1, "Revoked": 1}
    # Every invitation ever created, revoked ones included: never fewer invited than sent.
    assert totals["Invited"] == totals["Answered"] + totals["Awaiting an answer"] + totals["Revoked"]
    assert totals["Sent"] <= totals["Invited"]
    assert [(bar.key, bar.count) for bar in section.bars] == [("SN", 2), ("FR", 1)]
    assert any(section.heading == "Invitations" for section in summit_dashboard(summit).sections)
    response = organizer_client.get(reverse("admin:guests_registration_dashboard") + f"?summit={summit.pk}")
    assert "Invitations accepted by country or region" in response.content.decode()


def test_erasing_a_guest_erases_their_invitations_and_the_export_includes_them(summit, admin_user, round_table):
    guest = GuestFactory(email="amina@example.org")
    pending = InvitationFactory(summit=summit, email="Amina@example.org", full_name="Amina Diallo",
                                note="Met at ITU", reserved_forums=[round_table])
    old = InvitationFactory(summit=SummitFactory(year=2023), email="amina@example.org",
                            status=InvitationStatus.DECLINED)
    other = InvitationFactory(summit=summit, email="someone@example.org")

    export = export_guest(guest=guest)
    assert [item["id"] for item in export["invitations"]] == [pending.pk, old.pk]
    assert export["invitations"][0]["reserved_forums"] == ["Ministerial Round Table"]

    erase_guest(guest=guest, actor=admin_user)

    pending.refresh_from_db()
    old.refresh_from_db()
    other.refresh_from_db()
    assert (pending.email, pending.full_name, pending.note) == (f"erased-{guest.pk}@erased.invalid", "Erased guest",
                                                                "")
    assert pending.status == InvitationStatus.REVOKED and old.email == pending.email
    assert other.full_name != "Erased guest"

"""What a tester found in invitations: the dead link's own page, bidirectional controls typed or imported, the
dashboard's figures, the import's Chinese protocol levels, region names and column labels, the Chinese email's
date span and brackets, and the confirmation before revoking."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import OutgoingEmail
from guests import links
from guests.enums import InvitationStatus, ProtocolLevel
from guests.models import Invitation
from guests.services import revoke_invitations, send_invitations
from tests.admin_forms import errors_of
from tests.factories.forums import ForumFactory
from tests.factories.guests import InvitationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

IMPORT = "/admin/guests/invitation/import/"
HEADER = ["email", "full_name", "native_name", "title", "organization_name", "category", "country", "language",
          "protocol_level", "reserved_forums", "hold_until", "note"]
RLO, PDF, LRI = "\u202e", "\u202c", "\u2066"


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


def csv_file(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    return SimpleUploadedFile("invitations.csv", buffer.getvalue().encode("utf-8"), content_type="text/csv")


@pytest.mark.parametrize(("language", "heading", "advice"), [
    ("en", "This invitation link is no longer valid", "write to the organizers who invited you"),
    ("zh-hans", "此邀请链接已失效", "致函邀请您的组织方"),
])
def test_a_dead_invitation_link_says_so_in_the_invitees_words_not_the_registrations(
    client, summit, admin_user, language, heading, advice
):
    invitation = InvitationFactory(summit=summit)
    path = links.invitation_url(invitation).split("testserver")[-1].replace("/en/", f"/{language}/")
    revoke_invitations(invitations=[invitation], actor=admin_user)

    for dead in (path, f"/{language}/summits/2024/invitation/forged-token/"):
        response = client.get(dead)
        content = response.content.decode()
        assert response.status_code == 404
        assert heading in content and advice in content
        assert "14" not in content.split("<main")[-1] and "register again" not in content


def test_bidirectional_controls_typed_in_the_admin_are_removed(organizer_client, summit):
    response = organizer_client.post(reverse("admin:guests_invitation_add"), {
        "summit": str(summit.pk), "email": "amina@example.org", "full_name": f"{RLO}Amina Diallo{PDF}",
        "native_name": f"{LRI}阿米娜", "title": f"Minister{RLO}", "organization_name": f"{RLO}Government of Senegal",
        "category": "government", "country": "SN", "language": "en", "protocol_level": "minister",
        "hold_until_0": "2024-11-15", "hold_until_1": "18:00:00", "note": f"Met at ITU{RLO}\nCall back",
    })

    assert response.status_code == 302, errors_of(response)
    invitation = Invitation.objects.get()
    assert (invitation.full_name, invitation.native_name, invitation.title, invitation.organization_name,
            invitation.note) == ("Amina Diallo", "阿米娜", "Minister", "Government of Senegal",
                                 "Met at ITU\nCall back")


def test_bidirectional_controls_in_an_imported_file_are_removed_from_the_preview_and_the_invitations(
    organizer_client, summit
):
    rows = [[f"amina@example.org{RLO}", f"{RLO}Amina Diallo", "", f"{RLO}Minister", f"Government{PDF} of Senegal",
             "government", "SN", "en", "minister", "", "", f"{RLO}VIP"]]
    preview = organizer_client.post(IMPORT, {"summit": summit.pk, "file": csv_file(rows)})
    assert RLO not in preview.content.decode() and "confirm" in preview.context

    organizer_client.post(IMPORT, {"confirm": preview.context["confirm"]})

    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.full_name, invitation.title, invitation.organization_name,
            invitation.note) == ("amina@example.org", "Amina Diallo", "Minister", "Government of Senegal", "VIP")


@pytest.mark.parametrize(("written", "level"), [
    ("部长", ProtocolLevel.MINISTER), ("部长级", ProtocolLevel.MINISTER), ("国家元首", ProtocolLevel.HEAD_OF_STATE),
    ("政府首脑", ProtocolLevel.HEAD_OF_STATE), ("贵宾", ProtocolLevel.VIP), ("嘉宾", ProtocolLevel.GUEST),
])
def test_the_import_takes_protocol_levels_as_chinese_organizers_write_them(organizer_client, summit, written, level):
    rows = [["amina@example.org", "Amina Diallo", "", "", "", "government", "SN", "en", written, "", "", ""]]
    preview = organizer_client.post(IMPORT, {"summit": summit.pk, "file": csv_file(rows)})
    assert "confirm" in preview.context, preview.content.decode()
    organizer_client.post(IMPORT, {"confirm": preview.context["confirm"]})
    assert Invitation.objects.get().protocol_level == level


def test_the_import_names_a_region_of_china_to_write_and_labels_its_columns(organizer_client, summit):
    rows = [["amina@example.org", "Lin Wei", "", "", "", "government", "Taiwan", "en", "guest", "", "", ""]]
    content = organizer_client.post(IMPORT, {"summit": summit.pk, "file": csv_file(rows)}).content.decode()

    assert "Unknown country or region “Taiwan”: write “Taiwan, China” or “中国台湾”." in content
    header = content.split("<thead>")[1].split("</thead>")[0]
    assert "Full name" in header and "Country or region" in header and "full_name" not in header
    assert "<label for=\"id_summit\">Summit:</label>" in content
    assert not Invitation.objects.exists()


def test_the_chinese_invitation_and_reminder_write_the_days_once_and_full_width_brackets(
    summit, admin_user, django_capture_on_commit_callbacks
):
    forum = ForumFactory(summit=summit, title_zh_hans="部长圆桌会议")
    invitation = InvitationFactory(summit=summit, language="zh-hans", sent_at=None, reserved_forums=[forum])
    send_invitations(invitations=[invitation], actor=admin_user)
    from guests.services import remind_invitations

    remind_invitations(invitations=Invitation.objects.all(), actor=admin_user)

    for email in OutgoingEmail.objects.all():
        assert "2024年11月19日至21日" in email.body_text
        assert "至2024年" not in email.body_text
        assert "部长圆桌会议（" in email.body_text and "部长圆桌会议 (" not in email.body_text
    assert OutgoingEmail.objects.count() == 2


def test_the_invitation_in_english_writes_the_span_of_days(summit, admin_user):
    send_invitations(invitations=[InvitationFactory(summit=summit, sent_at=None)], actor=admin_user)
    assert "on Nov. 19–21, 2024." in OutgoingEmail.objects.get().body_text


def test_revoking_in_the_admin_asks_for_confirmation_first(organizer_client, summit):
    waiting = InvitationFactory(summit=summit, full_name="Amina Diallo")
    url = reverse("admin:guests_invitation_changelist")
    data = {"action": "revoke_selected", "_selected_action": [str(waiting.pk)]}

    confirmation = organizer_client.post(url, data)
    content = confirmation.content.decode()
    assert confirmation.status_code == 200
    assert "Are you sure you want to revoke 1 invitation?" in content and "Amina Diallo" in content
    assert 'name="post" value="yes"' in content
    waiting.refresh_from_db()
    assert waiting.status == InvitationStatus.PENDING

    assert organizer_client.post(url, {**data, "post": "yes"}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == InvitationStatus.REVOKED

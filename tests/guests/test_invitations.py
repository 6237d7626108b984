"""Invitations through HTTP: the invitee's page (accept, decline), its signed link (forged, expired, revoked, sent
again), editions and forums by invitation only, and the seats held for invitees."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from core.models import OutgoingEmail
from forums.enums import ForumRegistrationMode
from guests import links
from guests.enums import (
    InvitationStatus,
    ProtocolLevel,
    RegistrationSource,
    RegistrationStatus,
    SeatStatus,
)
from guests.models import ForumChoice, Invitation, Registration
from guests.services import (
    RegistrationError,
    RegistrationRequest,
    register_guest,
    release_expired_holds,
    revoke_invitations,
    send_invitations,
)
from summits.enums import RegistrationMode
from tests.factories.forums import ForumFactory
from tests.factories.guests import ForumChoiceFactory, InvitationFactory, RegistrationFactory
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db

REGISTER = "/en/summits/2024/register/"


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


@pytest.fixture
def forum(summit):
    return ForumFactory(summit=summit, title="Artificial Intelligence Forum", room=RoomFactory(capacity=200))


@pytest.fixture
def closed_door(summit):
    return ForumFactory(summit=summit, title="Ministerial Round Table", title_zh_hans="部长圆桌会议",
                        registration_mode=ForumRegistrationMode.INVITATION_ONLY, seat_quota=1)


def answer(**overrides) -> dict:
    data = {
        "full_name": "Amina Diallo", "native_name": "", "title": "Minister of Digital Economy",
        "organization_name": "Government of Senegal", "category": "government", "country": "SN",
        "phone": "+221 33 889 0000", "participation": "offline", "forums": [], "needs": "", "consent": "on",
    }
    data.update(overrides)
    return data


def page(invitation, language="en") -> str:
    with_language = Invitation(pk=invitation.pk, summit=invitation.summit, language=language,
                               link_version=invitation.link_version)
    return links.invitation_url(with_language, absolute=False)


def test_an_invitee_opens_a_form_filled_in_accepts_and_is_registered_seated_in_the_reserved_forum(
    client, summit, forum, closed_door, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(summit=summit, full_name="Amina Diallo", email="amina@example.org",
                                   protocol_level=ProtocolLevel.MINISTER, reserved_forums=[closed_door])
    path = page(invitation)

    response = client.get(path)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Amina Diallo"' in content and "amina@example.org" in content
    assert "Ministerial Round Table" in content and "Seat reserved" in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, answer(forums=[str(forum.pk)]))

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("guests:manage", kwargs={"year": 2024, "token": links.manage_token(
        registration)})
    assert (registration.status, registration.source, registration.protocol_level) == (
        RegistrationStatus.VERIFIED, RegistrationSource.INVITATION, ProtocolLevel.MINISTER)
    assert registration.guest.title == "Minister of Digital Economy"
    assert sorted(registration.forum_choices.values_list("forum__title", "seat_status")) == [
        ("Artificial Intelligence Forum", SeatStatus.SEATED), ("Ministerial Round Table", SeatStatus.SEATED)]
    invitation.refresh_from_db()
    assert (invitation.status, invitation.registration) == (InvitationStatus.ACCEPTED, registration)
    assert OutgoingEmail.objects.filter(key__startswith=f"registration:{registration.pk}:received").count() == 1
    # The same link now leads to the registration.
    assert client.get(path)["Location"].endswith(f"/registration/{links.manage_token(registration)}/")


def test_an_invitee_may_not_choose_a_forum_by_invitation_only_not_reserved_for_them(client, summit, closed_door):
    invitation = InvitationFactory(summit=summit)
    path = page(invitation)

    assert "Ministerial Round Table" not in client.get(path).content.decode()
    response = client.post(path, answer(forums=[str(closed_door.pk)]))

    assert response.status_code == 200
    assert not Registration.objects.exists()
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_declining_asks_first_then_frees_the_held_seat_for_the_guest_waiting(
    client, summit, closed_door, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(summit=summit, reserved_forums=[closed_door])
    waiting = ForumChoiceFactory(forum=closed_door, registration=RegistrationFactory(summit=summit),
                                 seat_status=SeatStatus.WAITLISTED,
                                 waitlisted_at=datetime.datetime(2024, 10, 1, tzinfo=datetime.UTC))
    decline = reverse("guests:invitation_decline", kwargs={"year": 2024, "token": links.invitation_token(invitation)})

    assert "Yes, decline" in client.get(decline).content.decode()
    assert Invitation.objects.get().status == InvitationStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decline)

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED and invitation.answered_at is not None
    waiting.refresh_from_db()
    assert waiting.seat_status == SeatStatus.SEATED
    assert "You have declined" in client.get(page(invitation)).content.decode()


@pytest.mark.parametrize("token", ["forged", "eyJhIjoxfQ:1tBad:bad"])
def test_a_forged_link_is_a_404(client, summit, token):
    InvitationFactory(summit=summit)
    assert client.get(f"/en/summits/2024/invitation/{token}/").status_code == 404


def test_a_link_of_another_edition_is_a_404(client, summit):
    invitation = InvitationFactory(summit=summit)
    SummitFactory(year=2025)
    token = links.invitation_token(invitation)
    assert client.get(f"/en/summits/2025/invitation/{token}/").status_code == 404


def test_a_link_expires_at_the_hold_deadline(client, summit):
    invitation = InvitationFactory(summit=summit)
    path = page(invitation)
    assert client.get(path).status_code == 200
    with time_machine.travel(datetime.datetime(2024, 11, 15, 18, 1, tzinfo=datetime.UTC)):
        assert client.get(path).status_code == 404
        assert client.post(path, answer()).status_code == 404
    assert not Registration.objects.exists()


def test_a_link_expires_with_the_edition_even_if_the_hold_runs_longer(client, summit):
    invitation = InvitationFactory(summit=summit, hold_until=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    path = page(invitation)
    with time_machine.travel(datetime.datetime(2024, 11, 21, 15, tzinfo=datetime.UTC)):  # 23:00 in Wuzhen
        assert client.get(path).status_code == 200
    with time_machine.travel(datetime.datetime(2024, 11, 21, 16, 1, tzinfo=datetime.UTC)):
        assert client.get(path).status_code == 404


def test_a_revoked_invitation_link_is_a_404_and_its_seat_is_free_again(client, summit, admin_user):
    full = ForumFactory(summit=summit, seat_quota=1)
    invitation = InvitationFactory(summit=summit, reserved_forums=[full])
    path = page(invitation)

    revoke_invitations(invitations=Invitation.objects.all(), actor=admin_user)

    assert client.get(path).status_code == 404
    outcome = register_guest(summit=summit, request=RegistrationRequest(
        email="walkin@example.org", full_name="Walk In", title="CTO", organization_name="Acme", category="enterprise",
        country="FR", participation="offline", language="en", forum_ids=(full.pk,)))
    assert outcome.registration.forum_choices.get().seat_status == SeatStatus.SEATED


def test_sending_again_kills_the_old_link_and_emails_a_new_one(
    client, summit, admin_user, django_capture_on_commit_callbacks, still_signing_clock
):
    invitation = InvitationFactory(summit=summit, sent_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_invitations(invitations=[invitation], actor=admin_user) == 1
    first = page(Invitation.objects.get())
    with django_capture_on_commit_callbacks(execute=True):
        assert send_invitations(invitations=[invitation], actor=admin_user) == 1
    invitation.refresh_from_db()

    assert invitation.link_version == 2
    assert client.get(first).status_code == 404
    assert client.get(page(invitation)).status_code == 200
    emails = list(OutgoingEmail.objects.filter(key__startswith=f"invitation:{invitation.pk}:invitation:")
                  .order_by("pk"))
    assert len(emails) == 2
    assert page(invitation) in emails[1].body_text and first not in emails[1].body_text


def test_the_invitation_email_is_in_the_invitees_language_with_the_reserved_forums_and_deadline(
    summit, closed_door, admin_user
):
    invitation = InvitationFactory(summit=summit, language="zh-hans", native_name="阿米娜", sent_at=None,
                                   reserved_forums=[closed_door])
    send_invitations(invitations=[invitation], actor=admin_user)

    email = OutgoingEmail.objects.get()
    assert email.subject == "2024年世界互联网大会乌镇峰会邀请函"
    assert "尊敬的阿米娜" in email.body_text
    assert "部长圆桌会议" in email.body_text
    assert "/zh-hans/summits/2024/invitation/" in email.body_text
    assert "2024年11月16日" in email.body_text  # 18:00 UTC is 02:00 the next day in Beijing


# --- Editions and forums by invitation only ---------------------------------------------------------------------


def test_an_edition_by_invitation_only_says_so_and_refuses_the_public_form(client, summit, forum):
    summit.registration_mode = RegistrationMode.INVITATION_ONLY
    summit.save()

    page_en = client.get(REGISTER)
    page_zh = client.get("/zh-hans/summits/2024/register/")
    posted = client.post(REGISTER, {"email": "x@example.org"})

    assert "by invitation only" in page_en.content.decode()
    assert "仅限受邀嘉宾" in page_zh.content.decode()
    assert posted.status_code == 403
    with pytest.raises(RegistrationError) as refusal:
        register_guest(summit=summit, request=RegistrationRequest(
            email="x@example.org", full_name="X", title="T", organization_name="O", category="other", country="FR",
            participation="offline", language="en"))
    assert refusal.value.code == "invitation_only"
    assert not Registration.objects.exists()


def test_a_closed_edition_says_the_organizers_closed_registration(client, summit):
    summit.registration_mode = RegistrationMode.CLOSED
    summit.save()

    assert "The organizers have closed registration" in client.get(REGISTER).content.decode()
    with pytest.raises(RegistrationError) as refusal:
        register_guest(summit=summit, request=RegistrationRequest(
            email="x@example.org", full_name="X", title="T", organization_name="O", category="other", country="FR",
            participation="offline", language="en"))
    assert refusal.value.code == "registration_closed"


def test_a_forum_by_invitation_only_is_not_offered_on_the_public_form_nor_taken_by_it(client, summit, forum,
                                                                                          closed_door):
    assert "Ministerial Round Table" not in client.get(REGISTER).content.decode()
    with pytest.raises(RegistrationError) as refusal:
        register_guest(summit=summit, request=RegistrationRequest(
            email="x@example.org", full_name="X", title="T", organization_name="O", category="other", country="FR",
            participation="offline", language="en", forum_ids=(closed_door.pk,)))
    assert refusal.value.code == "forum_not_open"


def test_an_invitee_keeps_the_reserved_forum_when_changing_forums_and_others_cannot_choose_it(
    client, summit, forum, closed_door
):
    invitation = InvitationFactory(summit=summit, reserved_forums=[closed_door])
    client.post(page(invitation), answer())
    registration = Registration.objects.get()
    forums_url = reverse("guests:forums", kwargs={"year": 2024, "token": links.manage_token(registration)})

    assert "Ministerial Round Table" in client.get(forums_url).content.decode()
    response = client.post(forums_url, {"forums": [str(closed_door.pk), str(forum.pk)]})
    assert response.status_code == 302
    assert registration.forum_choices.count() == 2

    other = RegistrationFactory(summit=summit)
    ForumChoiceFactory(registration=other, forum=forum)
    other_url = reverse("guests:forums", kwargs={"year": 2024, "token": links.manage_token(other)})
    assert "Ministerial Round Table" not in client.get(other_url).content.decode()
    assert client.post(other_url, {"forums": [str(closed_door.pk)]}).status_code == 200
    assert list(other.forum_choices.values_list("forum", flat=True)) == [forum.pk]


# --- Held seats -------------------------------------------------------------------------------------------------


def walk_in(summit, forum, n=0):
    return register_guest(summit=summit, request=RegistrationRequest(
        email=f"walkin{n}@example.org", full_name="Walk In", title="CTO", organization_name="Acme",
        category="enterprise", country="FR", participation="offline", language="en", forum_ids=(forum.pk,),
    )).registration


def test_a_held_seat_fills_the_forum_others_wait_and_the_invitee_is_seated_on_accepting(client, summit):
    full = ForumFactory(summit=summit, title="Small Forum", seat_quota=2)
    walk_in(summit, full, 1)
    invitation = InvitationFactory(summit=summit, reserved_forums=[full])

    late = walk_in(summit, full, 2)
    assert late.forum_choices.get().seat_status == SeatStatus.WAITLISTED
    assert "On site: full, waiting list" in client.get(REGISTER).content.decode()

    client.post(page(invitation), answer())
    invitee = Invitation.objects.get().registration
    assert invitee.forum_choices.get().seat_status == SeatStatus.SEATED
    assert ForumChoice.objects.filter(forum=full, seat_status=SeatStatus.SEATED).count() == 2


def test_an_expired_hold_frees_its_seat_and_the_beat_task_seats_the_guest_waiting_once(
    summit, django_capture_on_commit_callbacks
):
    full = ForumFactory(summit=summit, seat_quota=1)
    invitation = InvitationFactory(summit=summit, reserved_forums=[full])
    waiting = walk_in(summit, full).forum_choices.get()
    assert waiting.seat_status == SeatStatus.WAITLISTED

    assert release_expired_holds() == 0  # not expired yet
    with time_machine.travel(datetime.datetime(2024, 11, 15, 18, 1, tzinfo=datetime.UTC)):
        with django_capture_on_commit_callbacks(execute=True):
            assert release_expired_holds() == 1
        assert release_expired_holds() == 0

    waiting.refresh_from_db()
    invitation.refresh_from_db()
    assert waiting.seat_status == SeatStatus.SEATED
    assert invitation.holds_released_at is not None and invitation.status == InvitationStatus.PENDING
    assert OutgoingEmail.objects.filter(key__contains=":promoted:").count() == 1


def test_the_dashboard_forum_fill_counts_held_seats(admin_client, summit):
    full = ForumFactory(summit=summit, title="Small Forum", seat_quota=2)
    InvitationFactory(summit=summit, reserved_forums=[full])
    from guests.dashboard import forum_fill

    fill = next(row for row in forum_fill(summit) if row.forum == full)
    assert (fill.seated, fill.held, fill.is_full) == (0, 1, False)
    InvitationFactory(summit=summit, reserved_forums=[full])
    fill = next(row for row in forum_fill(summit) if row.forum == full)
    assert (fill.held, fill.is_full) == (2, True)

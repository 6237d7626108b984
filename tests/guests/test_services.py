"""The registration life cycle and the seats, through guests/services/, with the emails each step writes."""

import pytest

from core.models import OutgoingEmail
from guests import services
from guests.enums import RegistrationStatus, SeatStatus
from guests.models import ForumChoice, Guest, Registration
from tests.factories.forums import ForumFactory
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db


def request_for(email="ada@example.org", *, forums=(), participation="offline", language="en", **fields):
    return services.RegistrationRequest(
        email=email, full_name=fields.get("full_name", "Ada Lovelace"), title="Chief Scientist",
        organization_name="Analytical Engines", category="research_institute", country="GB",
        participation=participation, language=language, forum_ids=tuple(forum.pk for forum in forums),
    )


def email_kinds(registration) -> list[str]:
    return sorted(key.split(":")[2] for key in OutgoingEmail.objects.filter(
        object_id=str(registration.pk)).values_list("key", flat=True))


@pytest.fixture
def small_forum():
    return ForumFactory(room=RoomFactory(capacity=500), seat_quota=2, summit=SummitFactory(year=2024))


def test_register_guest_seats_the_guest_and_writes_the_verification_email(small_forum):
    outcome = services.register_guest(summit=small_forum.summit, request=request_for(forums=[small_forum]))

    registration = outcome.registration
    assert outcome.created
    assert (registration.status, registration.guest.email, registration.guest.language) == (
        RegistrationStatus.SUBMITTED, "ada@example.org", "en")
    assert list(registration.forum_choices.values_list("seat_status", flat=True)) == [SeatStatus.SEATED]
    email = OutgoingEmail.objects.get(key=f"registration:{registration.pk}:verification:1")
    assert email.to == "ada@example.org"
    assert "/en/summits/2024/registration/" in email.body_text and "/verify/" in email.body_text


def test_register_guest_in_chinese_keeps_the_language_for_the_emails(small_forum):
    registration = services.register_guest(
        summit=small_forum.summit, request=request_for(forums=[small_forum], language="zh-hans")
    ).registration

    email = OutgoingEmail.objects.get(key=f"registration:{registration.pk}:verification:1")
    assert email.language == "zh-hans"
    assert "/zh-hans/summits/2024/registration/" in email.body_text


def test_full_forum_waitlists_the_next_guest_and_emails_them(small_forum):
    for number in range(2):
        services.register_guest(summit=small_forum.summit, request=request_for(f"g{number}@example.org",
                                                                                 forums=[small_forum]))

    third = services.register_guest(summit=small_forum.summit,
                                     request=request_for("g3@example.org", forums=[small_forum])).registration

    assert third.forum_choices.get().seat_status == SeatStatus.WAITLISTED
    assert email_kinds(third) == ["verification", "waitlisted"]


def test_online_guests_do_not_take_seats(small_forum):
    for number in range(3):
        services.register_guest(summit=small_forum.summit, request=request_for(
            f"o{number}@example.org", forums=[small_forum], participation="online"))

    assert set(ForumChoice.objects.values_list("seat_status", flat=True)) == {SeatStatus.SEATED}


def test_registering_again_emails_the_existing_link_and_changes_nothing(small_forum):
    first = services.register_guest(summit=small_forum.summit, request=request_for(forums=[small_forum]))

    again = services.register_guest(summit=small_forum.summit,
                                    request=request_for("ADA@example.org", forums=[], full_name="Mallory"))

    assert (again.created, again.registration.pk) == (False, first.registration.pk)
    assert Registration.objects.count() == 1
    assert Guest.objects.get().full_name == "Ada Lovelace"
    assert email_kinds(first.registration) == ["existing", "verification"]


def test_cancelling_frees_the_seat_and_promotes_the_first_waiting_guest(small_forum):
    seated = [services.register_guest(summit=small_forum.summit, request=request_for(
        f"s{n}@example.org", forums=[small_forum])).registration for n in range(2)]
    first_waiting, second_waiting = (services.register_guest(summit=small_forum.summit, request=request_for(
        f"w{n}@example.org", forums=[small_forum])).registration for n in range(2))

    assert services.cancel_registration(registration=seated[0])

    assert first_waiting.forum_choices.get().seat_status == SeatStatus.SEATED
    assert second_waiting.forum_choices.get().seat_status == SeatStatus.WAITLISTED
    assert "promoted" in email_kinds(first_waiting)
    assert email_kinds(seated[0]) == ["cancelled", "verification"]
    assert not services.cancel_registration(registration=seated[0])  # twice: nothing more happens


def test_changing_forums_frees_the_old_seat_for_the_waiting_list(small_forum):
    other = ForumFactory(summit=small_forum.summit)
    leaving = services.register_guest(summit=small_forum.summit, request=request_for(
        "l@example.org", forums=[small_forum])).registration
    services.register_guest(summit=small_forum.summit, request=request_for("k@example.org", forums=[small_forum]))
    waiting = services.register_guest(summit=small_forum.summit, request=request_for(
        "w@example.org", forums=[small_forum])).registration

    services.change_forums(registration=leaving, forum_ids=[other.pk])

    assert list(leaving.forum_choices.values_list("forum_id", flat=True)) == [other.pk]
    assert waiting.forum_choices.get().seat_status == SeatStatus.SEATED


def test_verify_approve_and_check_in_each_happen_once(small_forum, admin_user):
    registration = services.register_guest(summit=small_forum.summit, request=request_for(
        forums=[small_forum])).registration

    assert services.verify_registration(registration=registration)
    assert not services.verify_registration(registration=registration)
    assert services.approve_registrations(registrations=Registration.objects.all(), actor=admin_user) == 1
    assert services.approve_registrations(registrations=Registration.objects.all(), actor=admin_user) == 0
    first = services.check_in(token=registration.badge_token)
    second = services.check_in(token=registration.badge_token)

    assert first.checked_in_now and first.registration.status == RegistrationStatus.CHECKED_IN
    assert (second.checked_in_now, second.already_at) == (False, first.registration.checked_in_at)
    assert email_kinds(registration) == ["approved", "received", "verification"]
    assert services.check_in(token="nope").error == "Unknown badge."


def test_check_in_refuses_a_guest_not_accredited(small_forum):
    registration = services.register_guest(summit=small_forum.summit, request=request_for()).registration

    assert services.check_in(token=registration.badge_token).error == "This guest is not accredited (Submitted)."


def test_rejecting_frees_seats_and_emails_the_guest(small_forum, admin_user):
    rejected = services.register_guest(summit=small_forum.summit, request=request_for(
        "r@example.org", forums=[small_forum])).registration
    services.register_guest(summit=small_forum.summit, request=request_for("k@example.org", forums=[small_forum]))
    waiting = services.register_guest(summit=small_forum.summit, request=request_for(
        "w@example.org", forums=[small_forum])).registration

    count = services.reject_registrations(registrations=Registration.objects.filter(pk=rejected.pk),
                                          actor=admin_user)

    assert count == 1
    assert waiting.forum_choices.get().seat_status == SeatStatus.SEATED
    assert "rejected" in email_kinds(rejected)


def test_forum_not_open_to_registration_is_refused(small_forum):
    draft = ForumFactory(summit=small_forum.summit, status="draft")

    with pytest.raises(services.RegistrationError):
        services.register_guest(summit=small_forum.summit, request=request_for(forums=[draft]))

    assert not Registration.objects.exists()


def test_forum_change_notice_reaches_each_guest_once_per_new_slot(small_forum):
    registration = services.register_guest(summit=small_forum.summit, request=request_for(
        forums=[small_forum])).registration

    assert services.notify_forum_change(forum_id=small_forum.pk) == 1
    services.notify_forum_change(forum_id=small_forum.pk)

    assert email_kinds(registration) == ["forum_changed", "verification"]


def test_moving_a_forum_in_the_admin_emails_its_guests(admin_client, small_forum, django_capture_on_commit_callbacks):
    from django.urls import reverse

    from tests.admin_forms import management, split
    from tests.factories.forums import at

    registration = services.register_guest(summit=small_forum.summit, request=request_for(
        forums=[small_forum])).registration
    data = {
        "summit": small_forum.summit.pk, "kind": small_forum.kind, "title_en": small_forum.title,
        "slug": small_forum.slug, **split("start", at(2024, 11, 20, 9)), **split("end", at(2024, 11, 20, 12)),
        "room": small_forum.room.pk, "seat_quota": "2", "registration_mode": "open", "status": "published",
        "order": "0",
        "concurrency_token": small_forum.updated_at.isoformat(), **management("sessions", 0),
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:forums_forum_change", args=[small_forum.pk]), data)

    assert response.status_code == 302
    [notice] = OutgoingEmail.objects.filter(key__startswith=f"registration:{registration.pk}:forum_changed:")
    assert "09:00–12:00" in notice.body_text

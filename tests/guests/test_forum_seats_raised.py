"""An organizer who gives a forum more seats (a higher quota, a larger room) seats the guests waiting for it at once,
first come first served, each emailed once; before, they waited for the next cancellation. Any edit path counts:
forums sends ``forum_seats_changed`` from Forum's saves, guests/receivers.py seats after the save commits."""

import pytest
from django.urls import reverse

from core.models import OutgoingEmail
from guests import services
from guests.enums import SeatStatus
from guests.models import ForumChoice
from tests.admin_forms import errors_of, form_on_page
from tests.factories.forums import ForumFactory
from tests.factories.summits import RoomFactory, SummitFactory
from tests.guests.test_services import request_for

pytestmark = pytest.mark.django_db

GUESTS = ("ada@example.org", "grace@example.org", "first-waiting@example.org", "second-waiting@example.org")


@pytest.fixture
def forum():
    return ForumFactory(room=RoomFactory(capacity=500), seat_quota=2, summit=SummitFactory(year=2024))


@pytest.fixture
def registrations(forum):
    return [services.register_guest(summit=forum.summit, request=request_for(email, forums=[forum])).registration
            for email in GUESTS]  # the last two wait


def seats(forum) -> dict[str, str]:
    return dict(ForumChoice.objects.filter(forum=forum).values_list("registration__guest__email", "seat_status"))


def promoted() -> list[str]:
    return sorted(OutgoingEmail.objects.filter(key__contains=":promoted:").values_list("to", flat=True))


def test_raising_the_quota_in_the_admin_seats_the_first_guest_waiting_and_emails_them(
    organizer_client, forum, registrations, django_capture_on_commit_callbacks
):
    url = reverse("admin:forums_forum_change", args=[forum.pk])
    page = form_on_page(organizer_client.get(url), "forum_form")
    page["seat_quota"] = ["3"]

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(url, page)

    assert response.status_code == 302, errors_of(response)
    assert seats(forum) == {GUESTS[0]: SeatStatus.SEATED, GUESTS[1]: SeatStatus.SEATED,
                            GUESTS[2]: SeatStatus.SEATED, GUESTS[3]: SeatStatus.WAITLISTED}
    assert promoted() == [GUESTS[2]]


def test_a_larger_room_without_a_quota_seats_everyone_waiting_once(
    forum, registrations, django_capture_on_commit_callbacks
):
    forum.seat_quota = None
    forum.room = RoomFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        forum.save()  # the same two seats: nobody moves
    assert promoted() == []

    forum.room = RoomFactory(capacity=800)
    with django_capture_on_commit_callbacks(execute=True):
        forum.save()
    with django_capture_on_commit_callbacks(execute=True):
        forum.save()  # saved again: nothing more

    assert set(seats(forum).values()) == {SeatStatus.SEATED}
    assert promoted() == sorted(GUESTS[2:])


def test_a_lower_quota_or_another_field_seats_nobody(forum, registrations, django_capture_on_commit_callbacks):
    forum.seat_quota = 1
    with django_capture_on_commit_callbacks(execute=True):
        forum.save()
    forum.title = "Renamed"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        forum.save(update_fields=["title", "updated_at"])

    assert {callback.__name__ for callback in callbacks} <= {"bump_content_version"}
    assert seats(forum)[GUESTS[2]] == SeatStatus.WAITLISTED
    assert promoted() == []

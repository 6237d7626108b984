import pytest

from guests.enums import RegistrationStatus, SeatStatus
from guests.selectors import forum_seat_counts
from tests.factories.forums import ForumFactory
from tests.factories.guests import ForumChoiceFactory, RegistrationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


def _choose(forum, seat_status, status=RegistrationStatus.APPROVED, participation="offline"):
    registration = RegistrationFactory(summit=forum.summit, status=status, participation=participation)
    return ForumChoiceFactory(registration=registration, forum=forum, seat_status=seat_status)


def test_forum_seat_counts_counts_each_forum_in_one_query(django_assert_num_queries):
    summit = SummitFactory()
    busy, quiet, empty = ForumFactory.create_batch(3, summit=summit)
    for _ in range(3):
        _choose(busy, SeatStatus.SEATED)
    _choose(busy, SeatStatus.SEATED, participation="online")  # online guests take no seat
    _choose(busy, SeatStatus.WAITLISTED)
    _choose(busy, SeatStatus.WAITLISTED, status=RegistrationStatus.SUBMITTED)
    _choose(quiet, SeatStatus.WAITLISTED)

    with django_assert_num_queries(1):
        counts = forum_seat_counts([busy.pk, quiet.pk, empty.pk])

    assert counts == {
        busy.pk: {"seated": 4, "waitlisted": 2, "seated_on_site": 3},
        quiet.pk: {"seated": 0, "waitlisted": 1, "seated_on_site": 0},
        empty.pk: {"seated": 0, "waitlisted": 0, "seated_on_site": 0},
    }


def test_forum_seat_counts_leaves_out_cancelled_and_rejected_registrations():
    forum = ForumFactory()
    _choose(forum, SeatStatus.SEATED)
    _choose(forum, SeatStatus.SEATED, status=RegistrationStatus.CANCELLED)
    _choose(forum, SeatStatus.WAITLISTED, status=RegistrationStatus.REJECTED)
    _choose(forum, SeatStatus.SEATED, status=RegistrationStatus.CHECKED_IN)

    assert forum_seat_counts([forum.pk]) == {forum.pk: {"seated": 2, "waitlisted": 0, "seated_on_site": 2}}


def test_forum_seat_counts_asks_nothing_when_given_no_forums(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert forum_seat_counts([]) == {}

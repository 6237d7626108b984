"""A forum moved by any path (the admin, the shell, a command, the demo loader) emails its guests, after commit.

forums sends ``forum_moved`` from Forum's saves; guests/receivers.py queues the notice. The admin path is
tests/guests/test_services.py::test_moving_a_forum_in_the_admin_emails_its_guests.
"""

import pytest
from celery.signals import task_prerun
from django.db import transaction

from core.models import OutgoingEmail
from guests import services
from tests.factories.forums import ForumFactory, at
from tests.factories.summits import RoomFactory, SummitFactory
from tests.guests.test_services import request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return ForumFactory(room=RoomFactory(capacity=500), seat_quota=2, summit=SummitFactory(year=2024))


@pytest.fixture
def registrations(forum):
    return [
        services.register_guest(summit=forum.summit, request=request_for(email, forums=[forum])).registration
        for email in ("ada@example.org", "grace@example.org", "waiting@example.org")  # the third one waits
    ]


def notices():
    return list(OutgoingEmail.objects.filter(key__contains=":forum_changed:").order_by("key"))


@pytest.mark.parametrize("update_fields", [None, ["start", "end", "updated_at"]], ids=["save", "update_fields"])
def test_forum_moved_through_the_orm_emails_each_guest_once(
    forum, registrations, update_fields, django_capture_on_commit_callbacks
):
    forum.start, forum.end = at(2024, 11, 20, 9), at(2024, 11, 20, 12)

    with django_capture_on_commit_callbacks(execute=True):
        forum.save(update_fields=update_fields)
    with django_capture_on_commit_callbacks(execute=True):
        forum.save()  # saved again in the same slot: nobody is told twice

    assert [notice.to for notice in notices()] == [registration.guest.email for registration in registrations]
    assert all("09:00–12:00" in notice.body_text for notice in notices())


def test_forum_saved_without_moving_emails_nobody(forum, registrations, django_capture_on_commit_callbacks):
    forum.title = "Renamed"  # (a new seat quota seats waiting guests: tests/guests/test_forum_seats_raised.py)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        forum.save()

    assert notices() == []
    assert {callback.__name__ for callback in callbacks} <= {"bump_content_version"}  # no notice task queued


def test_forum_moved_twice_in_one_transaction_emails_each_guest_once_about_where_it_ends_up(
    forum, registrations, django_capture_on_commit_callbacks
):
    hall = RoomFactory(name="Hall of Light")

    tasks_run = []

    def record(sender, **kwargs):
        tasks_run.append(sender.name)

    task_prerun.connect(record, weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            forum.start, forum.end = at(2024, 11, 20, 9), at(2024, 11, 20, 12)
            forum.save()
            forum.room = hall
            forum.save()
    finally:
        task_prerun.disconnect(record)

    # Each move queues the task after commit, and both tasks see the committed slot: the outbox key (one email per
    # guest and new slot) keeps the second from writing anything.
    assert tasks_run.count("wic.guests.notify_forum_change") == 2
    assert len(notices()) == len(registrations)
    assert all(notice.key.endswith(f"-{hall.pk}") for notice in notices())
    assert all("09:00–12:00 (China Standard Time), Hall of Light." in notice.body_text for notice in notices())


def test_forum_moved_in_a_rolled_back_transaction_emails_nobody(
    forum, registrations, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        forum.start, forum.end = at(2024, 11, 20, 9), at(2024, 11, 20, 12)
        forum.save()
        raise RuntimeError("the organizer's change is abandoned")

    assert notices() == []

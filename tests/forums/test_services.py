"""forums/services: a forum saved with another start, end or room is announced, from whatever path saved it."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from forums.models import Forum
from forums.signals import forum_moved
from tests.factories.forums import ForumFactory, at
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moves():
    """What ``forum_moved`` said, as (sender, forum_id, changed)."""
    heard = []

    def listen(sender, forum_id, changed, **kwargs):
        heard.append((sender, forum_id, changed))

    forum_moved.connect(listen, weak=False, dispatch_uid="tests:forum-moved")
    yield heard
    forum_moved.disconnect(dispatch_uid="tests:forum-moved")


@pytest.fixture
def forum():
    return ForumFactory(summit=SummitFactory(year=2024))


def test_forum_saved_at_another_time_is_announced_with_what_changed(forum, moves):
    forum.start, forum.end = at(2024, 11, 20, 14), at(2024, 11, 20, 17)
    forum.save()

    assert moves == [(Forum, forum.pk, frozenset({"start", "end"}))]


def test_forum_saved_in_another_room_is_announced_when_the_save_names_its_fields(forum, moves):
    forum.room = RoomFactory()
    forum.save(update_fields=["room", "updated_at"])

    assert moves == [(Forum, forum.pk, frozenset({"room"}))]


def test_forum_saved_without_moving_is_not_announced(forum, moves):
    forum.title, forum.seat_quota = "Renamed", 10
    forum.save()
    forum.start = at(2024, 11, 20, 14)
    forum.save(update_fields=["title_en"])  # the new start is not written: the forum has not moved

    assert moves == []
    forum.refresh_from_db()
    assert forum.start != at(2024, 11, 20, 14)


def test_new_forum_is_not_announced(moves):
    ForumFactory()

    assert moves == []


def test_queryset_update_is_not_announced(forum, moves):
    # Like every model signal, none for update(): no code moves forums this way.
    Forum.objects.filter(pk=forum.pk).update(start=forum.start - datetime.timedelta(hours=1))

    assert moves == []


def test_a_save_that_failed_leaves_nothing_behind_for_the_next_save_to_announce(forum, moves):
    """The slot read before a save that the database then refused must not be compared with a later save."""
    other = ForumFactory(summit=forum.summit)
    forum.slug, forum.start = other.slug, at(2024, 11, 20, 14)  # taken slug: the database refuses the save
    with pytest.raises(IntegrityError), transaction.atomic():
        forum.save()

    forum.status = "draft"
    forum.save(update_fields=["status"])  # writes the status only: the forum has not moved in the database

    assert moves == []

"""A change that makes two sessions exchange their times, rooms or references is published whole: checked as a
whole against the live programme and itself, then written with the room's constraint checked at the end of the
writes (PostgreSQL), while every receiver still runs. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import pytest
from django.db import IntegrityError, transaction

from core.models import AuditEntry
from core.versions import content_version
from forums.models import Session
from forums.scheduling import room_exclusion_deferred
from teams.enums import ChangeState
from teams.models import ForumChange
from tests.factories.forums import SessionFactory, SessionSpeakerFactory, at
from tests.teams.test_team_pages import session_data, url
from tests.teams.test_team_review import decide, messages_of, sessions_moved

pytestmark = pytest.mark.django_db


def move(team, session, **values):
    """Save the session in the working copy with ``values`` (times as "HH:MM" on Nov 19); it must be kept."""
    current = {"title_en": session.title_en, "title_zh_hans": session.title_zh_hans or "", "type": session.type,
               "room": session.room_id, "reference": session.reference, "start": "09:00", "end": "10:00"}
    current.update(values)
    current["start"], current["end"] = (f"2024-11-19T{current['start']}", f"2024-11-19T{current['end']}")
    response = team.client.post(url("session", team, key=f"s{session.pk}"), session_data(team, **current))
    assert response.status_code == 302, response.context["form"].errors


def submit(team):
    response = team.client.post(url("submit", team), follow=True)
    assert "Submitted: the organizers review" in response.content.decode()
    return ForumChange.objects.get()


@pytest.fixture
def panel(team):
    """A panel right after the keynote, in the forum's room, with the keynote's speaker too; references F1, F2."""
    Session.objects.filter(pk=team.keynote.pk).update(reference="F1")
    team.keynote.refresh_from_db()
    panel = SessionFactory(forum=team.forum, title="Digital trade panel", title_zh_hans="数字贸易圆桌", type="panel",
                           room=team.forum.room, reference="F2", start=at(2024, 11, 19, 10),
                           end=at(2024, 11, 19, 11))
    SessionSpeakerFactory(session=panel, speaker=team.placement.speaker, order=1)
    return panel


def test_two_sessions_exchanging_their_times_and_references_are_published_with_every_receiver(
        team, panel, organizer, organizer_client, django_capture_on_commit_callbacks):
    # The team gets there in steps, each kept in its working copy: the keynote out of the way, then the swap.
    move(team, team.keynote, start="11:00", end="12:00", reference="TMP")
    move(team, panel, start="09:00", end="10:00", reference="F1")
    move(team, team.keynote, start="10:00", end="11:00", reference="F2")
    change = submit(team)
    version_before = content_version().token

    with sessions_moved() as moved, django_capture_on_commit_callbacks(execute=True):
        response = decide(organizer_client, change, "publish_selected")

    assert messages_of(response) == ["1 change published; its team is told by email."]
    team.keynote.refresh_from_db()
    panel.refresh_from_db()
    assert (team.keynote.start, team.keynote.end, team.keynote.reference) == (
        at(2024, 11, 19, 10), at(2024, 11, 19, 11), "F2")
    assert (panel.start, panel.end, panel.reference) == (at(2024, 11, 19, 9), at(2024, 11, 19, 10), "F1")
    assert sorted(moved) == sorted([team.keynote.pk, panel.pk])  # guests of both are told
    assert content_version().token != version_before
    assert AuditEntry.objects.filter(note="forum team's change", actor=organizer,
                                     object_id__in=[str(team.keynote.pk), str(panel.pk)]).count() == 2
    assert ForumChange.objects.get().state == ChangeState.PUBLISHED


def test_two_sessions_exchanging_their_rooms_are_published(team, organizer_client):
    panel = SessionFactory(forum=team.forum, title="Digital trade panel", room=team.side_room,
                           start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))
    move(team, team.keynote, room=team.side_room.pk, start="12:00", end="13:00")
    move(team, panel, room=team.forum.room_id)
    move(team, team.keynote, room=team.side_room.pk)
    change = submit(team)

    assert messages_of(decide(organizer_client, change, "publish_selected")) == [
        "1 change published; its team is told by email."]
    team.keynote.refresh_from_db()
    panel.refresh_from_db()
    assert (team.keynote.room, panel.room) == (team.side_room, team.forum.room)
    assert team.keynote.start == panel.start == at(2024, 11, 19, 9)


def test_a_swap_into_a_slot_another_forum_took_meanwhile_is_refused_whole(team, panel, organizer_client):
    move(team, team.keynote, start="11:00", end="12:00", reference="TMP")
    move(team, panel, start="09:00", end="10:00", reference="F1")
    move(team, team.keynote, start="10:00", end="11:00", reference="F2")
    change = submit(team)
    Session.objects.filter(pk=panel.pk).update(room=team.side_room)  # an organizer's edit: the forum's room free
    SessionFactory(forum__summit=team.forum.summit, title="Ministers' lunch", room=team.forum.room,
                   start=at(2024, 11, 19, 10, 30), end=at(2024, 11, 19, 11, 30))  # another forum's, in our room

    [message] = messages_of(decide(organizer_client, change, "publish_selected"))

    assert "is already taken by “Ministers' lunch”" in message
    team.keynote.refresh_from_db()
    assert (team.keynote.start, team.keynote.reference) == (at(2024, 11, 19, 9), "F1")  # nothing written
    assert ForumChange.objects.get().state == ChangeState.SUBMITTED


def test_a_reference_an_organizer_gave_meanwhile_to_another_session_is_refused_at_publish(team, panel,
                                                                                        organizer_client):
    move(team, team.keynote, reference="F3")
    change = submit(team)
    Session.objects.filter(pk=panel.pk).update(reference="F3")

    [message] = messages_of(decide(organizer_client, change, "publish_selected"))

    assert "Several sessions have the reference F3: Opening keynote, Digital trade panel." in message
    assert Session.objects.get(pk=team.keynote.pk).reference == "F1"


@pytest.mark.postgres
def test_the_room_constraint_deferred_for_a_swap_still_refuses_a_clash_at_the_end_on_postgres(on_postgres):
    first = SessionFactory(start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))
    second = SessionFactory(forum=first.forum, room=first.room, start=at(2024, 11, 19, 10),
                            end=at(2024, 11, 19, 11))

    with transaction.atomic(), room_exclusion_deferred():  # a swap: the half-written state overlaps
        Session.objects.filter(pk=first.pk).update(start=at(2024, 11, 19, 10), end=at(2024, 11, 19, 11))
        Session.objects.filter(pk=second.pk).update(start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))
    with pytest.raises(IntegrityError, match="session_room_no_overlap"), transaction.atomic(), \
            room_exclusion_deferred():
        Session.objects.filter(pk=first.pk).update(start=at(2024, 11, 19, 9, 30))

    first.refresh_from_db()
    assert first.start == at(2024, 11, 19, 10)

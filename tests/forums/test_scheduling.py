"""The scheduling rules, through the model's validation, the admin an organizer uses, and the database."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from forums.models import Forum, Session, SessionSpeaker
from tests.admin_forms import errors_of, management, split
from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory, SpeakerFactory, at
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db


def test_session_in_a_taken_room_is_refused_naming_the_clashing_session():
    keynote = SessionFactory(title="Opening keynote", start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))
    clash = Session(forum=keynote.forum, title="Panel", start=at(2024, 11, 19, 9, 30), end=at(2024, 11, 19, 11),
                    room=keynote.room)

    with pytest.raises(ValidationError) as error:
        clash.full_clean()

    assert error.value.message_dict["room"] == [
        f"{keynote.room.name} is already taken by “Opening keynote” ({keynote.forum.title}, Nov 19 09:00–10:00)."
    ]


def test_session_back_to_back_in_the_same_room_is_accepted():
    first = SessionFactory(start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))
    second = Session(forum=first.forum, title="Next", start=at(2024, 11, 19, 10), end=at(2024, 11, 19, 11),
                     room=first.room)

    second.full_clean()


def test_session_without_room_takes_the_forums_room_and_its_clashes():
    keynote = SessionFactory(start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))
    session = Session(forum=keynote.forum, title="Roomless", start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert session.room == keynote.forum.room
    assert list(error.value.message_dict) == ["room"]


def test_session_outside_its_forum_time_is_refused():
    forum = ForumFactory(start=at(2024, 11, 19, 14), end=at(2024, 11, 19, 17))
    session = Session(forum=forum, title="Too early", start=at(2024, 11, 19, 13), end=at(2024, 11, 19, 15))

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.message_dict["start"] == ["The session must lie within its forum's time, Nov 19 14:00–17:00."]


def test_session_ending_before_it_starts_is_refused():
    forum = ForumFactory()
    session = Session(forum=forum, title="Backwards", start=at(2024, 11, 19, 11), end=at(2024, 11, 19, 10))

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert "A session must end after it starts." in error.value.messages


def test_forum_outside_the_summit_dates_is_refused():
    summit = SummitFactory(year=2024)
    forum = Forum(summit=summit, title="Late", slug="late", start=at(2024, 11, 22, 9), end=at(2024, 11, 22, 12))

    with pytest.raises(ValidationError) as error:
        forum.full_clean()

    assert error.value.message_dict["start"] == [
        "The forum must take place within the summit's dates, Nov. 19, 2024 to Nov. 21, 2024."
    ]


def test_forum_moved_away_from_its_sessions_is_refused_naming_them():
    session = SessionFactory(title="Keynote", start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))
    forum = session.forum
    forum.start, forum.end = at(2024, 11, 20, 9), at(2024, 11, 20, 17)

    with pytest.raises(ValidationError) as error:
        forum.full_clean()

    assert f"“Keynote” ({forum.title}, Nov 19 09:00–10:00) would fall outside the forum's new time." in (
        error.value.message_dict["start"]
    )


def test_speaker_in_two_sessions_at_once_is_refused_by_the_session_admin(admin_client):
    speaker = SpeakerFactory(name="Ada Lovelace")
    busy = SessionSpeakerFactory(speaker=speaker, session__title="AI governance",
                                 session__start=at(2024, 11, 19, 9), session__end=at(2024, 11, 19, 10))
    other_forum = ForumFactory(summit=busy.session.forum.summit)
    session = SessionFactory(forum=other_forum, title="Data", start=at(2024, 11, 19, 9, 30),
                             end=at(2024, 11, 19, 10, 30))

    response = admin_client.post(reverse("admin:forums_session_change", args=[session.pk]), {
        "forum": other_forum.pk, "type": "panel", "title_en": "Data", "title_zh_hans": "数据",
        **split("start", session.start), **split("end", session.end), "room": session.room.pk,
        "language": "bilingual", "status": "published", "concurrency_token": session.updated_at.isoformat(),
        **management("session_speakers", 1), **management("interpretation_channels", 0),
        "session_speakers-0-speaker": speaker.pk, "session_speakers-0-role": "speaker",
        "session_speakers-0-order": "0",
    })

    assert response.status_code == 200
    assert errors_of(response) == [
        f"Ada Lovelace is already speaking in “AI governance” ({busy.session.forum.title}, Nov 19 09:00–10:00)."
    ]
    assert not SessionSpeaker.objects.filter(session=session).exists()


def test_organizer_builds_a_forum_with_sessions_in_the_admin(admin_client):
    summit = SummitFactory(year=2024)
    room = RoomFactory(name="Hall 3")
    url = reverse("admin:forums_forum_add")

    response = admin_client.post(url, {
        "summit": summit.pk, "kind": "sub_forum", "title_en": "AI Governance Forum",
        "title_zh_hans": "人工智能治理论坛",
        "slug": "ai-governance", **split("start", at(2024, 11, 20, 9)), **split("end", at(2024, 11, 20, 12)),
        "room": room.pk, "status": "draft", "order": "0", "registration_mode": "open",
        **management("sessions", 2),
        "sessions-0-title_en": "Keynote", "sessions-0-type": "keynote", "sessions-0-language": "en",
        **split("sessions-0-start", at(2024, 11, 20, 9)), **split("sessions-0-end", at(2024, 11, 20, 10)),
        "sessions-0-status": "draft",
        "sessions-1-title_en": "Panel", "sessions-1-type": "panel", "sessions-1-language": "bilingual",
        **split("sessions-1-start", at(2024, 11, 20, 10)), **split("sessions-1-end", at(2024, 11, 20, 12)),
        "sessions-1-status": "draft",
    })

    assert response.status_code == 302, errors_of(response)
    forum = Forum.objects.get(slug="ai-governance")
    assert [(s.title, s.room, s.start) for s in forum.sessions.order_by("start")] == [
        ("Keynote", room, at(2024, 11, 20, 9)),
        ("Panel", room, at(2024, 11, 20, 10)),
    ]


def test_two_overlapping_sessions_added_together_are_refused_by_the_forum_admin(admin_client):
    forum = ForumFactory(start=at(2024, 11, 20, 9), end=at(2024, 11, 20, 12))

    response = admin_client.post(reverse("admin:forums_forum_change", args=[forum.pk]), {
        "summit": forum.summit.pk, "kind": "sub_forum", "title_en": forum.title, "slug": forum.slug,
        **split("start", forum.start), **split("end", forum.end), "room": forum.room.pk, "status": "draft",
        "order": "0", "registration_mode": "open", "concurrency_token": forum.updated_at.isoformat(),
        **management("sessions", 2),
        "sessions-0-title_en": "Keynote", "sessions-0-type": "keynote", "sessions-0-language": "en",
        **split("sessions-0-start", at(2024, 11, 20, 9)), **split("sessions-0-end", at(2024, 11, 20, 10)),
        "sessions-0-status": "draft",
        "sessions-1-title_en": "Panel", "sessions-1-type": "panel", "sessions-1-language": "en",
        **split("sessions-1-start", at(2024, 11, 20, 9, 30)), **split("sessions-1-end", at(2024, 11, 20, 11)),
        "sessions-1-status": "draft",
    })

    assert response.status_code == 200
    assert errors_of(response) == [
        f"{forum.room.name} cannot hold “Keynote” ({forum.title}, Nov 20 09:00–10:00) and "
        f"“Panel” ({forum.title}, Nov 20 09:30–11:00) at the same time."
    ]
    assert forum.sessions.count() == 0


@pytest.mark.postgres
def test_database_refuses_overlapping_sessions_in_a_room_on_postgres(on_postgres):
    first = SessionFactory(start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))

    with pytest.raises(IntegrityError, match="session_room_no_overlap"), transaction.atomic():
        Session.objects.create(forum=first.forum, title="Bypassing clean()", room=first.room,
                               start=at(2024, 11, 19, 9, 59), end=at(2024, 11, 19, 11))

    Session.objects.create(forum=first.forum, title="Right after", room=first.room,
                           start=first.end, end=first.end + datetime.timedelta(hours=1))
    assert first.forum.sessions.count() == 2

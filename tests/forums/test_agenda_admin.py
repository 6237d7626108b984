"""The day-by-room agenda of an edition in the admin, with clashes flagged."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from forums.models import SessionSpeaker
from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory, SpeakerFactory, at
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db


def test_agenda_lists_each_days_sessions_by_room(admin_client):
    summit = SummitFactory(year=2024)
    hall, studio = RoomFactory(name="Main hall", order=1), RoomFactory(name="Studio", order=2)
    forum = ForumFactory(summit=summit, room=hall, start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 17))
    SessionFactory(forum=forum, title="Opening", start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 10))
    SessionFactory(forum=forum, title="Workshop", room=studio, start=at(2024, 11, 19, 10), end=at(2024, 11, 19, 11))

    response = admin_client.get(reverse("admin:forums_session_agenda", args=[summit.pk]))

    assert response.status_code == 200
    first_day, *other_days = response.context["agenda"]
    assert [(room.name, [item.session.title for item in items]) for room, items in first_day.rooms] == [
        ("Main hall", ["Opening"]), ("Studio", ["Workshop"]),
    ]
    assert [day.day.day for day in other_days] == [20, 21]
    assert first_day.clash_count == 0
    assert "agenda-clash" not in response.content.decode()


def test_agenda_flags_a_speaker_booked_twice_at_once(admin_client):
    summit = SummitFactory(year=2024)
    speaker = SpeakerFactory(name="Tim Berners-Lee")
    first = SessionSpeakerFactory(speaker=speaker, session__forum__summit=summit, session__title="Web at 35")
    other = SessionFactory(forum=ForumFactory(summit=summit), title="Open data", start=first.session.start,
                           end=first.session.end)
    SessionSpeaker.objects.bulk_create([SessionSpeaker(session=other, speaker=speaker)])  # bypasses the checks

    response = admin_client.get(reverse("admin:forums_session_agenda", args=[summit.pk]))

    [first_day, *_rest] = response.context["agenda"]
    clashes = {item.session.title: item.clashes for _room, items in first_day.rooms for item in items}
    assert clashes == {"Web at 35": ["Tim Berners-Lee: Open data"], "Open data": ["Tim Berners-Lee: Web at 35"]}
    assert first_day.clash_count == 2
    assert "2 sessions clash" in response.content.decode()


def test_agenda_query_count_does_not_grow_with_the_sessions(admin_client, django_assert_max_num_queries):
    summit = SummitFactory(year=2024)
    for hour in range(9, 17):
        forum = ForumFactory(summit=summit, start=at(2024, 11, 20, 9), end=at(2024, 11, 20, 18))
        SessionSpeakerFactory(session__forum=forum, session__start=at(2024, 11, 20, hour),
                              session__end=at(2024, 11, 20, hour, 45))
    url = reverse("admin:forums_session_agenda", args=[summit.pk])

    with django_assert_max_num_queries(8):
        response = admin_client.get(url)

    assert sum(len(items) for day in response.context["agenda"] for _room, items in day.rooms) == 8


def test_summit_list_links_each_edition_to_its_agenda(admin_client):
    summit = SummitFactory(year=2024)

    response = admin_client.get(reverse("admin:summits_summit_changelist"))

    assert f'<a href="/admin/forums/session/agenda/{summit.pk}/">Day by room</a>' in response.content.decode()


def test_agenda_old_address_in_the_summit_admin_redirects_to_it(admin_client):
    summit = SummitFactory(year=2024)

    response = admin_client.get(f"/admin/summits/summit/{summit.pk}/agenda/")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:forums_session_agenda", args=[summit.pk])


def test_agenda_needs_the_right_to_view_the_edition_not_only_the_programme(client, django_user_model):
    summit = SummitFactory(year=2024)
    staff = django_user_model.objects.create_user("programme-editor", password="x", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="forums"))
    client.force_login(staff)

    response = client.get(reverse("admin:forums_session_agenda", args=[summit.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")

"""Every save of a team's working copy is checked against every scheduling rule, against the live programme of
every forum and the copy itself; a clash is named only when the team may know of it."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.enums import PublicationStatus
from teams.models import ForumChange
from tests.factories.forums import SessionFactory, SessionSpeakerFactory
from tests.teams.test_team_pages import add_session, session_data, url

pytestmark = pytest.mark.django_db


def errors_of(response) -> str:
    assert response.status_code == 200, "the form comes back with its errors"
    return response.content.decode()


def test_a_clash_with_an_unpublished_forums_session_is_refused_without_its_title(team, secret_forum):
    answers = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            answers[language] = errors_of(add_session(team, start="2024-11-19T14:30", end="2024-11-19T15:30"))

    assert "Hall 9 is already taken by another forum&#x27;s session (Nov 19 14:00–15:00)." in answers["en"]
    assert "9号厅 已被另一论坛的议程（11月19日 14:00–15:00）占用。" in answers["zh-hans"]
    for text in answers.values():
        for secret in ("Secret ministerial", "部长级闭门圆桌", "Closed-door", "人工智能治理闭门对话"):
            assert secret not in text
    assert ForumChange.objects.count() == 0  # the refused save kept nothing


def test_a_clash_with_a_published_session_of_a_published_forum_is_named(team, secret_forum):
    secret_forum.forum.status = secret_forum.session.status = PublicationStatus.PUBLISHED
    secret_forum.forum.save()
    secret_forum.session.save()

    text = errors_of(add_session(team, start="2024-11-19T14:30", end="2024-11-19T15:30"))

    assert ("Hall 9 is already taken by “Secret ministerial round table” (Closed-door AI Governance Dialogue, "
            "Nov 19 14:00–15:00).") in text.replace("&#x27;", "'")


def test_a_speaker_busy_in_an_unpublished_forum_is_refused_without_its_title(team, secret_forum):
    ada = team.placement.speaker
    SessionSpeakerFactory(session=secret_forum.session, speaker=ada)
    add_session(team, start="2024-11-19T14:00", end="2024-11-19T15:00", room=team.forum.room_id)
    key = next(key for key in ForumChange.objects.get().proposed["sessions"] if key.startswith("n"))

    text = errors_of(team.client.post(url("speaker-new", team, key=key), {"speaker": ada.pk, "role": "speaker",
                                                                          "order": 0}))

    assert "Ada Lovelace is already speaking in another forum&#x27;s session (Nov 19 14:00–15:00)." in text
    assert "Secret ministerial" not in text and "Closed-door" not in text


def test_the_working_copy_clashes_with_itself_by_name(team):
    text = errors_of(add_session(team, start="2024-11-19T09:30", end="2024-11-19T10:30",
                                 room=team.forum.room_id))

    assert "is already taken by “Opening keynote” (Digital Economy Forum, Nov 19 09:00–10:00)." in text


def test_the_forums_own_live_sessions_are_replaced_not_clashed_with(team):
    """Moving the keynote by half an hour overlaps its own live slot: that is the row being changed."""
    response = team.client.post(url("session", team, key=f"s{team.keynote.pk}"), session_data(
        team, title_en="Opening keynote", start="2024-11-19T09:30", end="2024-11-19T10:30",
        room=team.forum.room_id, reference=""))

    assert response.status_code == 302


@pytest.mark.parametrize(("start", "end", "message"), [
    ("2024-11-19T15:00", "2024-11-19T14:00", "A session must end after it starts."),
    ("2024-11-19T08:00", "2024-11-19T09:00",
     "The session must lie within its forum&#x27;s time, Nov 19 09:00–17:00."),
])
def test_times_outside_the_rules_are_refused(team, start, end, message):
    assert message in errors_of(add_session(team, start=start, end=end))


def test_a_room_the_organizers_did_not_give_is_refused(team, secret_forum):
    elsewhere = SessionFactory(forum=secret_forum.forum).room  # the other forum's own room

    text = errors_of(add_session(team, room=elsewhere.pk))

    assert "Select a valid choice." in text and ForumChange.objects.count() == 0


def test_editing_waits_while_the_change_is_under_review(team):
    add_session(team)
    team.client.post(reverse("teams:submit", kwargs={"forum_id": team.forum.pk}))

    text = errors_of(add_session(team, title_en="Late addition", start="2024-11-19T16:00",
                                 end="2024-11-19T16:30", reference=""))

    assert "Your change is waiting for the organizers&#x27; review" in text
    assert "Late addition" not in str(ForumChange.objects.get().proposed)

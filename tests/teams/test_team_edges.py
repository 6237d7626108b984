"""The working copy's edges: removals published, changes on both sides refused, the team's own refusals (a reference
twice, a speaker twice, a clash within the copy, nothing to submit), and the team members' admin list."""

import pytest
from django.urls import reverse

from forums.models import Session, SessionSpeaker
from teams.models import ForumChange
from tests.factories.forums import SessionFactory, at
from tests.teams.test_team_pages import add_session, session_data, url
from tests.teams.test_team_review import CHANGES, messages_of

pytestmark = pytest.mark.django_db


def submit(team, follow=True):
    return team.client.post(reverse("teams:submit", kwargs={"forum_id": team.forum.pk}), follow=follow)


def publish(organizer_client):
    change = ForumChange.objects.get(state="submitted")
    return messages_of(organizer_client.post(CHANGES, {"action": "publish_selected",
                                                       "_selected_action": [change.pk]}, follow=True))


def test_removals_are_published_and_an_organizers_session_added_since_is_kept(team, organizer_client):
    key = f"s{team.keynote.pk}"
    team.client.post(url("speaker-delete", team, key=key, speaker_key=f"p{team.placement.pk}"))
    submit(team)
    organizers = SessionFactory(forum=team.forum, title="Organizers' late addition", start=at(2024, 11, 19, 16),
                                end=at(2024, 11, 19, 17))

    assert publish(organizer_client) == ["1 change published; its team is told by email."]
    assert not SessionSpeaker.objects.filter(pk=team.placement.pk).exists()
    assert Session.objects.filter(pk=organizers.pk).exists()

    team.client.post(url("session-delete", team, key=key))
    submit(team)
    publish(organizer_client)

    assert list(Session.objects.filter(forum=team.forum).values_list("title_en", flat=True)) == [
        "Organizers' late addition"]


@pytest.mark.parametrize("team_removes", [True, False], ids=["team removes, organizer changed",
                                                             "team changes, organizer deleted"])
def test_a_session_removed_on_one_side_and_changed_on_the_other_is_refused(team, organizer_client, team_removes):
    key = f"s{team.keynote.pk}"
    if team_removes:
        team.client.post(url("session-delete", team, key=key))
    else:
        team.client.post(url("session", team, key=key), session_data(
            team, title_en="Opening keynote, longer", start="2024-11-19T09:00", end="2024-11-19T10:00",
            room=team.forum.room_id, reference=""))
    submit(team)
    keynote = Session.objects.get(pk=team.keynote.pk)
    if team_removes:
        keynote.title_en = "Opening keynote by the Minister"
        keynote.save()
    else:
        keynote.delete()

    [message] = publish(organizer_client)

    assert ("an organizer changed it after the team began this change, and the team removed it." if team_removes
            else "an organizer deleted it after the team began this change, and the team changed it.") in message
    assert ForumChange.objects.get().state == "submitted"


def test_the_teams_own_refusals_say_why(team):
    add_session(team, reference="F07-01")
    twice = add_session(team, start="2024-11-19T15:00", end="2024-11-19T16:00", reference="F07-01")
    key = next(key for key in ForumChange.objects.get().proposed["sessions"] if key.startswith("n"))
    speaker = {"speaker": team.placement.speaker_id, "role": "speaker", "order": 0}
    team.client.post(url("speaker-new", team, key=key), speaker)
    same_speaker = team.client.post(url("speaker-new", team, key=key), speaker)
    busy = team.client.post(url("session", team, key=key), session_data(
        team, start="2024-11-19T09:30", end="2024-11-19T10:30", reference="F07-01"))

    assert "Another session of this forum has this reference." in twice.content.decode()
    assert "This speaker is already in the session." in same_speaker.content.decode()
    assert ("Ada Lovelace is already speaking in “Opening keynote” (Digital Economy Forum, Nov 19 09:00–10:00)."
            in busy.content.decode())


def test_submitting_nothing_twice_or_a_copy_the_live_programme_now_clashes_with(team, secret_forum):
    nothing = submit(team).content.decode()
    add_session(team, start="2024-11-19T16:00", end="2024-11-19T17:00")
    SessionFactory(forum=secret_forum.forum, room=team.side_room, start=at(2024, 11, 19, 16, 30),
                   end=at(2024, 11, 19, 17), title="Secret late session")
    clash = submit(team).content.decode()

    assert "Nothing to submit: your working copy is the live agenda." in nothing
    assert "Hall 9 is already taken by another forum&#x27;s session (Nov 19 16:30–17:00)." in clash
    assert "Secret late session" not in clash and ForumChange.objects.get().state == "draft"


def test_removing_or_submitting_again_while_under_review_is_refused(team):
    add_session(team)
    submit(team)

    removed = team.client.post(url("session-delete", team, key=f"s{team.keynote.pk}"), follow=True)
    again = submit(team).content.decode()

    assert "Your change is waiting for the organizers&#x27; review" in removed.content.decode()
    assert "Your change is already waiting for the organizers&#x27; review." in again
    assert f"s{team.keynote.pk}" in ForumChange.objects.get().proposed["sessions"]


def test_the_members_list_says_who_signs_in_and_an_inactive_account_is_not_invited(team, organizer_client,
                                                                                     mailoutbox):
    team.member.invited_at = team.member.created_at
    team.member.save()
    listing = organizer_client.get(reverse("admin:teams_forumteammember_changelist")).content.decode()
    team.user.is_active = False
    team.user.save()

    response = organizer_client.post(reverse("admin:teams_forumteammember_changelist"),
                                     {"action": "invite_selected", "_selected_action": [team.member.pk]}, follow=True)

    assert "Signs in as lin.wei@host.example" in listing
    assert messages_of(response) == ["The account of Lin Wei is deactivated; only an administrator can reactivate it."]
    assert mailoutbox == []

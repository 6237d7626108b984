"""The permission boundary: a team member reads and changes only their own forum. Another forum's pages, its
sessions and speakers by key, even posted to the member's own forum's address, are 404s, so ids do not leak; the
admin treats a team member as anonymous."""

import pytest
from django.test import Client
from django.urls import reverse

from forums.models import Session
from teams.models import ForumChange
from tests.factories.forums import SessionSpeakerFactory
from tests.factories.teams import ForumTeamMemberFactory
from tests.teams.test_team_pages import add_session, session_data, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(team):
    """Another forum of the edition, with its own team and a session with a speaker."""
    member = ForumTeamMemberFactory(forum__summit=team.forum.summit, forum__title="Youth and the Digital Future")
    placement = SessionSpeakerFactory(session__forum=member.forum, session__title="Youth keynote")
    return member.forum, placement


def other_forum_addresses(forum, placement):
    session_key, speaker_key = f"s{placement.session_id}", f"p{placement.pk}"
    kwargs = {"forum_id": forum.pk}
    return {
        "forum": reverse("teams:forum", kwargs=kwargs), "description": reverse("teams:description", kwargs=kwargs),
        "session-new": reverse("teams:session-new", kwargs=kwargs),
        "session": reverse("teams:session", kwargs={**kwargs, "key": session_key}),
        "speaker-new": reverse("teams:speaker-new", kwargs={**kwargs, "key": session_key}),
        "speaker": reverse("teams:speaker", kwargs={**kwargs, "key": session_key, "speaker_key": speaker_key}),
        "session-delete": reverse("teams:session-delete", kwargs={**kwargs, "key": session_key}),
        "speaker-delete": reverse("teams:speaker-delete", kwargs={**kwargs, "key": session_key,
                                                                   "speaker_key": speaker_key}),
        "submit": reverse("teams:submit", kwargs=kwargs),
    }


def test_another_forums_pages_are_404s_to_read_and_to_post(team, other):
    forum, placement = other
    addresses = other_forum_addresses(forum, placement)

    answers = {name: (team.client.get(address).status_code, team.client.post(address, session_data(team)).status_code)
               for name, address in addresses.items()}

    assert {name: answer for name, answer in answers.items() if answer[1] != 404} == {}
    assert {name for name, (got, _posted) in answers.items() if got == 404} == set(addresses) - {
        "session-delete", "speaker-delete", "submit"}  # POST only: a GET is a 405 whoever asks
    assert ForumChange.objects.count() == 0
    assert "Youth keynote" not in team.client.get(reverse("teams:home")).content.decode()


def test_another_forums_session_and_speaker_keys_posted_to_the_own_forum_are_404s(team, other):
    _forum, placement = other
    add_session(team)  # the member's own working copy exists
    own_key = next(key for key in ForumChange.objects.get().proposed["sessions"] if key.startswith("n"))
    forged_session, forged_speaker = f"s{placement.session_id}", f"p{placement.pk}"
    before = ForumChange.objects.get().proposed

    answers = [
        team.client.post(url("session", team, key=forged_session), session_data(team)).status_code,
        team.client.post(url("session-delete", team, key=forged_session)).status_code,
        team.client.post(url("speaker-new", team, key=forged_session), {"speaker": "", "name_en": "X", "role":
                                                                        "speaker", "order": 0}).status_code,
        team.client.post(url("speaker", team, key=own_key, speaker_key=forged_speaker),
                         {"speaker": "", "name_en": "X", "role": "speaker", "order": 0}).status_code,
        team.client.post(url("speaker-delete", team, key=own_key, speaker_key=forged_speaker)).status_code,
    ]

    assert answers == [404] * 5
    assert ForumChange.objects.get().proposed == before
    assert Session.objects.get(pk=placement.session_id).title == "Youth keynote"


def test_another_forums_speaker_posted_by_id_is_refused(team, other):
    _forum, placement = other
    add_session(team)
    key = next(key for key in ForumChange.objects.get().proposed["sessions"] if key.startswith("n"))

    response = team.client.post(url("speaker-new", team, key=key), {"speaker": placement.speaker_id,
                                                                    "role": "speaker", "order": 0})

    assert response.status_code == 200 and "Select a valid choice." in response.content.decode()
    assert ForumChange.objects.get().proposed["sessions"][key]["speakers"] == {}


def test_accounts_on_no_team_and_organizers_get_404s_for_a_forums_team_pages(team, organizer_client,
                                                                             django_user_model):
    visitor = Client()
    visitor.force_login(django_user_model.objects.create_user("visitor", password="x"))

    assert visitor.get(url("forum", team)).status_code == 404
    assert organizer_client.get(url("forum", team)).status_code == 404  # organizers review in the admin


def test_a_stranger_is_sent_to_the_sites_sign_in(team):
    response = Client().get(url("forum", team))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_admin_treats_a_team_member_as_anonymous(team):
    for address in (reverse("admin:index"), reverse("admin:teams_forumchange_changelist"),
                    reverse("admin:forums_session_change", args=[team.keynote.pk])):
        response = team.client.get(address)
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), address


def test_odd_addresses_are_404s_never_500s(team):
    too_big = "/en/team/forums/99999999999999999999/"
    odd_key = url("session", team, key="s" + "9" * 30)

    assert [team.client.get(too_big).status_code, team.client.get(odd_key).status_code,
            team.client.post(odd_key, session_data(team)).status_code] == [404, 404, 404]

"""What a team types is held to the live rows' rules: a new speaker with an existing speaker's email is that
speaker, the same email twice in a working copy is refused, and lengths beyond the model's are refused in the
member's language, whatever the page's inputs allowed."""

import pytest
from django.urls import reverse
from django.utils import translation

from forums.models import SessionSpeaker, Speaker
from teams.models import ForumChange
from tests.factories.forums import SpeakerFactory
from tests.teams.test_team_pages import add_session, url
from tests.teams.test_team_review import decide, messages_of

pytestmark = pytest.mark.django_db


def new_speaker(team, key, email, name="Grace Hopper"):
    return team.client.post(url("speaker-new", team, key=key), {
        "speaker": "", "name_en": name, "role": "speaker", "order": 0, "email": email, "speaker_language": "en"})


def test_a_new_speaker_with_an_existing_speakers_email_is_that_speaker(team, organizer_client):
    grace = SpeakerFactory(name="Grace Hopper", email="grace@navy.example")
    new_speaker(team, f"s{team.keynote.pk}", "Grace@Navy.example")
    team.client.post(reverse("teams:submit", kwargs={"forum_id": team.forum.pk}))

    response = decide(organizer_client, ForumChange.objects.get(), "publish_selected")

    assert messages_of(response) == ["1 change published; its team is told by email."]
    assert Speaker.objects.filter(email__iexact="grace@navy.example").count() == 1
    assert SessionSpeaker.objects.filter(session=team.keynote, speaker=grace).exists()


def test_the_same_email_twice_in_a_working_copy_is_refused(team):
    add_session(team)
    panel = next(key for key in ForumChange.objects.get().proposed["sessions"] if key.startswith("n"))
    new_speaker(team, f"s{team.keynote.pk}", "grace@navy.example")

    response = new_speaker(team, panel, "GRACE@navy.example", name="G. Hopper")

    assert "each email address is one speaker" in response.content.decode()
    assert "G. Hopper" in response.content.decode()  # what was typed is kept
    assert sum(1 for session in ForumChange.objects.get().proposed["sessions"].values()
               for placement in session["speakers"].values() if placement["new"]) == 1


def test_a_forged_long_title_and_reference_are_refused_in_the_members_language(team):
    with translation.override("zh-hans"):
        response = add_session(team, title_en="A" * 10000, reference="R" * 41)
    page = response.content.decode()
    assert "确保该变量包含不超过 300 字符" in page and "不超过 40 字符" in page
    assert not ForumChange.objects.exists()


def test_a_new_speakers_email_longer_than_the_speakers_row_holds_is_refused(team):
    email = "x@" + ("a" * 60 + ".") * 5 + "com"  # a valid address of 310 characters; a speaker's holds 254

    response = new_speaker(team, f"s{team.keynote.pk}", email)

    assert "Ensure this value has at most 254 characters" in response.content.decode()
    assert not ForumChange.objects.exists()

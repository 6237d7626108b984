"""A change an organizer overlapped is recoverable: sent back, it moves onto the live forum as it is now (the team
sees the organizer's version as "Before" and is told where), and once resubmitted it publishes; organizers may
also discard a change, so that none stays stuck."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.models import AuditEntry
from forums.models import Forum
from teams.enums import ChangeState
from teams.models import ForumChange
from tests.teams.test_team_pages import url
from tests.teams.test_team_review import decide, messages_of

pytestmark = pytest.mark.django_db


def describe_and_submit(team, text="Trade in the digital age."):
    team.client.post(url("description", team), {"description_en": text, "description_zh_hans": "数字时代的贸易。"})
    team.client.post(reverse("teams:submit", kwargs={"forum_id": team.forum.pk}))
    return ForumChange.objects.get(state=ChangeState.SUBMITTED)


def organizer_describes(team, text):
    forum = Forum.objects.get(pk=team.forum.pk)
    forum.description_en = text
    forum.save()


def test_a_change_an_organizer_overlapped_publishes_once_sent_back_and_resubmitted(team, organizer_client):
    change = describe_and_submit(team)
    organizer_describes(team, "Organizers' own words.")
    assert "an organizer changed" in messages_of(decide(organizer_client, change, "publish_selected"))[0]

    decide(organizer_client, change, "send_back_selected", apply="1", comment="Please read \u202eabc.")

    page = team.client.get(url("forum", team)).content.decode()
    assert "Please read abc." in page and "\u202e" not in page
    assert "The organizers changed these since your team began" in page
    assert "The forum: Description (English)" in page
    assert "Organizers&#x27; own words." in page  # the organizer's version is "Before" now
    with translation.override("zh-hans"):
        chinese = team.client.get(url("forum", team)).content.decode()
    assert "详细介绍（英文）" in chinese
    team.client.post(url("description", team), {"description_en": "Both texts, merged.",
                                                 "description_zh_hans": "数字时代的贸易。"})
    team.client.post(reverse("teams:submit", kwargs={"forum_id": team.forum.pk}))

    response = decide(organizer_client, ForumChange.objects.get(), "publish_selected")

    assert messages_of(response) == ["1 change published; its team is told by email."]
    assert Forum.objects.get(pk=team.forum.pk).description_en == "Both texts, merged."


def test_fields_the_team_left_follow_the_organizer_when_sent_back(team, organizer_client):
    change = describe_and_submit(team)
    forum = Forum.objects.get(pk=team.forum.pk)
    forum.description_zh_hans = "主办方的介绍。"
    forum.save()
    team.client.post(url("description", team), {"description_en": "x", "description_zh_hans": "数字时代的贸易。"})

    decide(organizer_client, change, "send_back_selected", apply="1", comment="Look again.")

    change.refresh_from_db()
    assert change.base["forum"]["description_zh_hans"] == "主办方的介绍。"
    assert change.proposed["forum"]["description_zh_hans"] == "数字时代的贸易。"  # the team's, shown against theirs


def test_organizers_discard_a_change_and_the_team_is_told(team, organizer, organizer_client, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    change = describe_and_submit(team)
    asked = decide(organizer_client, change, "discard_selected")
    assert "Discarded changes are never published" in asked.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        done = decide(organizer_client, change, "discard_selected", apply="1", comment="Superseded\u202e.")

    assert messages_of(done) == ["1 change discarded; its team is told by email."]
    change.refresh_from_db()
    assert (change.state, change.decided_by, change.comment) == (ChangeState.DISCARDED, organizer, "Superseded.")
    assert AuditEntry.objects.filter(object_id=str(change.pk), note="discarded").exists()
    [email] = mailoutbox
    assert email.subject == "Digital Economy Forum: the organizers discarded your change"
    assert "will not be published" in email.body
    page = team.client.get(url("forum", team)).content.decode()
    assert "the organizers discarded your last change." in page and "No change under way" in page
    assert not Forum.objects.get(pk=team.forum.pk).description_en  # nothing published


def test_reopening_a_change_sent_back_moves_it_onto_what_organizers_changed_since(team, organizer_client):
    change = describe_and_submit(team)
    decide(organizer_client, change, "send_back_selected", apply="1", comment="Shorter, please.")
    organizer_describes(team, "Changed after the send-back.")

    team.client.post(url("description", team), {"description_en": "Short.", "description_zh_hans": "简短。"})

    change.refresh_from_db()
    assert change.base["forum"]["description_en"] == "Changed after the send-back."
    assert "The forum: Description (English)" in team.client.get(url("forum", team)).content.decode()
    team.client.post(reverse("teams:submit", kwargs={"forum_id": team.forum.pk}))
    assert messages_of(decide(organizer_client, change, "publish_selected")) == [
        "1 change published; its team is told by email."]

"""The organizers' review of a team's change: the list of changes to review, each with its diff in the organizer's
language; publish (one transaction, through the models' saves, refused rather than overwrite an organizer's edit
or break a rule the live programme now holds); send back with a comment. The team is emailed each decision."""

import contextlib

import pytest
from django.urls import reverse

from core.enums import PublicationStatus
from core.models import AuditEntry
from core.versions import content_version
from forums.models import Forum, Session, SessionSpeaker, Speaker
from forums.signals import session_moved
from partners.models import WebhookDelivery
from teams.enums import ChangeState
from teams.models import ForumChange
from tests.factories.forums import ForumFactory, SessionFactory, at
from tests.factories.partners import WebhookFactory
from tests.factories.teams import ForumTeamMemberFactory
from tests.teams.test_team_pages import add_session, session_data, url

pytestmark = pytest.mark.django_db
CHANGES = reverse("admin:teams_forumchange_changelist")


def prepare_and_submit(team):
    """Move the keynote, describe the forum, add a panel with a new speaker and the forum's Ada; submit."""
    team.client.post(url("session", team, key=f"s{team.keynote.pk}"), session_data(
        team, title_en="Opening keynote", title_zh_hans="开幕主旨演讲", type="keynote", start="2024-11-19T09:30",
        end="2024-11-19T10:15", room=team.forum.room_id, reference=""))
    team.client.post(url("description", team), {"description_en": "Trade in the digital age.",
                                                 "description_zh_hans": "数字时代的贸易。"})
    add_session(team)
    key = next(key for key in ForumChange.objects.get().proposed["sessions"] if key.startswith("n"))
    team.client.post(url("speaker-new", team, key=key), {"speaker": "", "name_en": "Grace Hopper",
                                                         "name_zh_hans": "格蕾丝·霍珀", "role": "moderator",
                                                         "order": 0, "speaker_language": "en"})
    team.client.post(url("speaker-new", team, key=key), {"speaker": team.placement.speaker_id, "role": "speaker",
                                                         "order": 1})
    response = team.client.post(reverse("teams:submit", kwargs={"forum_id": team.forum.pk}), follow=True)
    assert "Submitted: the organizers review your change" in response.content.decode()
    return ForumChange.objects.get()


@contextlib.contextmanager
def sessions_moved():
    """The ids of the sessions whose move is announced to guests (forums.signals.session_moved) in the block."""
    moved: list[int] = []
    session_moved.connect(lambda sender, session_id, **kwargs: moved.append(session_id), weak=False,
                          dispatch_uid="test-moved")
    try:
        yield moved
    finally:
        session_moved.disconnect(dispatch_uid="test-moved")


def decide(client, change, action, **data):
    return client.post(CHANGES, {"action": action, "_selected_action": [change.pk], **data}, follow=True)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_organizers_list_the_changes_to_review_and_read_each_diff_in_their_language(team, organizer_client,
                                                                                    django_assert_max_num_queries):
    change = prepare_and_submit(team)
    assert change.state == ChangeState.SUBMITTED and change.submitted_by == team.user

    with django_assert_max_num_queries(12):
        listing = organizer_client.get(CHANGES)
    page = organizer_client.get(reverse("admin:teams_forumchange_change", args=[change.pk]),
                                headers={"accept-language": "zh-hans"}).content.decode()

    assert "Digital Economy Forum" in listing.content.decode()
    assert "新增议程：Data governance panel" not in page  # the title in the reader's language
    assert "新增议程：数据治理圆桌" in page and "修改议程：开幕主旨演讲" in page
    assert "新增：格蕾丝·霍珀（新嘉宾）" not in page  # new speakers are named as typed, in English
    assert "新增：Grace Hopper（新嘉宾），对话主持人" in page and "新增：Ada Lovelace，演讲嘉宾" in page
    assert "数字时代的贸易。" in page and "9号厅" in page


def test_publishing_applies_the_change_through_the_models_and_tells_the_team(
        team, organizer, organizer_client, mailoutbox, django_capture_on_commit_callbacks):
    colleague = ForumTeamMemberFactory(forum=team.forum, name="王芳", email="wang.fang@host.example",
                                       language="zh-hans")
    change = prepare_and_submit(team)
    WebhookFactory(summit=team.forum.summit)
    version_before = content_version().token

    with sessions_moved() as moved, django_capture_on_commit_callbacks(execute=True):
        response = decide(organizer_client, change, "publish_selected")

    assert messages_of(response) == ["1 change published; its team is told by email."]
    team.keynote.refresh_from_db()
    assert (team.keynote.start.hour, team.keynote.end.minute) == (1, 15)  # 09:30-10:15 in Wuzhen
    assert moved == [team.keynote.pk]
    panel = Session.objects.get(forum=team.forum, title_en="Data governance panel")
    assert (panel.status, panel.room, panel.reference) == ("published", team.side_room, "F07-02")
    assert list(SessionSpeaker.objects.filter(session=panel).values_list("speaker__name_en", "role")) == [
        ("Grace Hopper", "moderator"), ("Ada Lovelace", "speaker")]
    assert Speaker.objects.get(name_en="Grace Hopper").name_zh_hans == "格蕾丝·霍珀"
    assert Forum.objects.get(pk=team.forum.pk).description_zh_hans == "数字时代的贸易。"
    change.refresh_from_db()
    assert (change.state, change.decided_by) == (ChangeState.PUBLISHED, organizer)
    assert content_version().token != version_before  # the clock moves at the commit
    assert WebhookDelivery.objects.filter(session_guid=panel.guid).exists()
    assert AuditEntry.objects.filter(object_id=str(panel.pk), note="forum team's change", actor=organizer).exists()
    subjects = sorted((email.to[0], email.subject) for email in mailoutbox)
    assert subjects == [("lin.wei@host.example", "Digital Economy Forum: the organizers published your change"),
                        ("wang.fang@host.example", "数字经济论坛：主办方已发布您的修改")]
    assert colleague.name in next(email.body for email in mailoutbox if email.to == [colleague.email])
    assert ">数字经济论坛</td>" in next(email.alternatives[0][0] for email in mailoutbox
                                     if email.to == [colleague.email])
    assert "No change under way" in team.client.get(url("forum", team)).content.decode()


def test_publishing_is_refused_rather_than_overwrite_a_field_an_organizer_changed_since(team, organizer_client):
    change = prepare_and_submit(team)
    keynote = Session.objects.get(pk=team.keynote.pk)
    keynote.start = keynote.start.replace(minute=15)  # the organizer moves the keynote too, to 09:15
    keynote.save()

    response = decide(organizer_client, change, "publish_selected")

    [message] = messages_of(response)
    assert message.startswith("Digital Economy Forum: Opening keynote: an organizer changed “starts” after the team "
                              "began this change.")
    assert Session.objects.filter(forum=team.forum).count() == 1  # nothing applied
    assert ForumChange.objects.get().state == ChangeState.SUBMITTED


def test_publishing_is_refused_with_the_clash_named_when_the_live_programme_changed_meanwhile(
        team, organizer_client):
    change = prepare_and_submit(team)
    rival = ForumFactory(summit=team.forum.summit, title="Closed-door dialogue", status=PublicationStatus.DRAFT)
    SessionFactory(forum=rival, title="Secret round table", room=team.side_room, start=at(2024, 11, 19, 14),
                   end=at(2024, 11, 19, 15), status=PublicationStatus.DRAFT)

    [message] = messages_of(decide(organizer_client, change, "publish_selected"))

    assert "Hall 9 is already taken by “Secret round table” (Closed-door dialogue, Nov 19 14:00–15:00)." in message
    assert not Session.objects.filter(title_en="Data governance panel").exists()


def test_sending_back_with_a_comment_tells_the_team_who_corrects_and_submits_again(
        team, organizer_client, mailoutbox, django_capture_on_commit_callbacks):
    team.member.language = "zh-hans"
    team.member.save()
    change = prepare_and_submit(team)

    asked = decide(organizer_client, change, "send_back_selected")
    with django_capture_on_commit_callbacks(execute=True):
        sent = decide(organizer_client, change, "send_back_selected", apply="1",
                      comment="请补充圆桌的中文简介。")

    assert "This change goes back to its team, with your comment" in asked.content.decode()
    assert messages_of(sent) == ["1 change sent back; its team is told by email."]
    change.refresh_from_db()
    assert (change.state, change.comment) == (ChangeState.SENT_BACK, "请补充圆桌的中文简介。")
    [email] = mailoutbox
    assert email.subject == "数字经济论坛：主办方已退回您的修改" and "请补充圆桌的中文简介。" in email.body
    assert "请补充圆桌的中文简介。" in team.client.get(url("forum", team)).content.decode()

    key = next(key for key in change.proposed["sessions"] if key.startswith("n"))
    team.client.post(url("session", team, key=key), session_data(team, description_zh_hans="关于数据治理的圆桌。"))
    team.client.post(reverse("teams:submit", kwargs={"forum_id": team.forum.pk}))

    assert ForumChange.objects.get().state == ChangeState.SUBMITTED


def test_a_change_not_waiting_for_review_is_not_decided_again(team, organizer_client):
    change = prepare_and_submit(team)
    decide(organizer_client, change, "publish_selected")

    response = organizer_client.post(CHANGES + "?state=all", {"action": "publish_selected",
                                                               "_selected_action": [change.pk]}, follow=True)

    assert "is not waiting for review: nothing was done." in messages_of(response)[0]

"""The team page's speakers of the live agenda: each one's standing with the speaker portal, and the buttons that
invite those not invited yet and remind those who owe something, per session or for the whole forum, through the
speaker portal's services with the team member as the actor; only the team's own forum's live placements."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from core.models import AuditEntry, OutgoingEmail
from forums.enums import SpeakerInvitationStatus
from forums.models import SessionSpeaker
from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory, SpeakerFactory, at
from tests.teams.test_team_pages import url

pytestmark = pytest.mark.django_db
Status = SpeakerInvitationStatus
QUERIES = 14  # the forum page with its working copy's agenda and the live sessions' speakers


@pytest.fixture
def panel(team):
    """A panel in the afternoon: Grace accepted (no photo, no consent, no travel), Alan invited, Tim declined."""
    panel = SessionFactory(forum=team.forum, title="Digital trade panel", title_zh_hans="数字贸易圆桌",
                           start=at(2024, 11, 19, 14), end=at(2024, 11, 19, 15))
    grace = SpeakerFactory(name="Grace Hopper", email="grace@example.org", name_zh_hans="格蕾丝·霍珀",
                           title_zh_hans="海军少将", bio="Computer scientist.", bio_zh_hans="计算机科学家。")
    for speaker, status in ((grace, Status.ACCEPTED), (SpeakerFactory(name="Alan Turing", email="alan@example.org"),
                                                       Status.INVITED),
                            (SpeakerFactory(name="Tim Berners-Lee", email="tim@example.org"), Status.DECLINED)):
        SessionSpeakerFactory(session=panel, speaker=speaker, invitation_status=status, invited_at=timezone.now())
    return panel


def post(team, name, session=None):
    return team.client.post(reverse(f"teams:speakers-{name}", kwargs={"forum_id": team.forum.pk}),
                            {"session": session.pk} if session else {}, follow=True)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_team_page_shows_where_each_live_speaker_stands(team, panel, django_assert_max_num_queries):
    for hour in (11, 12, 15, 16):  # more sessions and speakers read no more queries
        SessionSpeakerFactory(session=SessionFactory(forum=team.forum, start=at(2024, 11, 19, hour),
                                                     end=at(2024, 11, 19, hour, 30)))
    with django_assert_max_num_queries(QUERIES):
        text = team.client.get(url("forum", team)).content.decode()

    section = text[text.index('id="speakers"'):]
    assert "Opening keynote" in section and "Digital trade panel" in section
    ada = section[section.index("Ada Lovelace"):section.index("</tr>", section.index("Ada Lovelace"))]
    assert "Not invited" in ada and "an email address" in ada
    grace = section[section.index("Grace Hopper"):section.index("</tr>", section.index("Grace Hopper"))]
    assert "Accepted" in grace and "incomplete" in grace
    assert "Photo, consent answers, arrival and departure" in grace  # what she still owes, nothing she gave
    assert "Title in Chinese" not in grace and "Biography in English" not in grace
    alan = section[section.index("Alan Turing"):section.index("</tr>", section.index("Alan Turing"))]
    assert "Invited" in alan and "an answer" in alan
    assert "Declined" in section and "Invite every speaker not yet invited" in section
    assert "Remind every speaker who owes something" in section


def test_the_speakers_standing_in_chinese(team, panel):
    with translation.override("zh-hans"):
        text = team.client.get(url("forum", team)).content.decode()

    assert "嘉宾邀请" in text and "未邀请" in text and "已接受" in text and "未完善" in text
    assert "照片、授权答复、抵离信息" in text and "电子邮箱地址" in text and "邀请全部尚未邀请的嘉宾" in text


def test_inviting_one_sessions_speakers_sends_through_the_speaker_portal_with_the_member_as_actor(
        team, panel, mailoutbox, django_capture_on_commit_callbacks):
    team.placement.speaker.email = "ada@example.org"
    team.placement.speaker.save()
    SessionSpeakerFactory(session=panel, speaker=SpeakerFactory(name="Vint Cerf", email="vint@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        response = post(team, "invite", session=team.keynote)

    assert response.redirect_chain[-1][0].endswith(url("forum", team) + "#speakers")
    assert messages_of(response) == ["1 invitation sent."]
    team.placement.refresh_from_db()
    assert team.placement.invitation_status == Status.INVITED
    assert [email.to for email in mailoutbox] == [["ada@example.org"]]
    assert AuditEntry.objects.filter(object_id=str(team.placement.pk), actor=team.user).exists()
    assert SessionSpeaker.objects.get(speaker__name_en="Vint Cerf").invitation_status == Status.NOT_INVITED

    whole = post(team, "invite")

    assert messages_of(whole) == ["1 invitation sent. 4 speakers skipped: already invited or answered, or the "
                                  "edition has ended."]


def test_reminding_the_whole_forum_in_chinese_says_how_many_were_sent_and_skipped(team, panel):
    with translation.override("zh-hans"):
        response = post(team, "remind")

    [message] = messages_of(response)
    assert message.startswith("已发送 2 条提醒。")  # Grace owes her profile and more, Alan his answer
    assert "跳过 2 位嘉宾" in message  # Ada was never invited, Tim declined
    assert OutgoingEmail.objects.filter(to__in=["grace@example.org", "alan@example.org"]).count() == 2
    assert messages_of(post(team, "remind", session=panel)) == [  # again today: nothing sent
        "0 reminders sent. 3 speakers skipped: nothing missing, no email address, reminded today already, or the "
        "edition has ended."]


def test_a_speaker_without_an_email_address_gives_the_services_message_and_nothing_is_sent(team, panel):
    response = post(team, "invite")

    assert messages_of(response) == ["No invitation was sent: Ada Lovelace have no email address. Add it on the "
                                     "speaker's page, then invite again."]
    assert not OutgoingEmail.objects.exists()


def test_another_forums_session_and_a_forged_id_are_404s(team, panel):
    other = SessionSpeakerFactory(session=SessionFactory(forum=ForumFactory(summit=team.forum.summit)),
                                  speaker=SpeakerFactory(email="x@example.org"))
    invite = reverse("teams:speakers-invite", kwargs={"forum_id": team.forum.pk})

    assert team.client.post(invite, {"session": other.session_id}).status_code == 404
    assert team.client.post(invite, {"session": "1 OR 1=1"}).status_code == 404
    assert team.client.post(invite, {"session": "9" * 40}).status_code == 404
    assert team.client.post(reverse("teams:speakers-invite", kwargs={"forum_id": other.session.forum_id}),
                            {}).status_code == 404
    assert team.client.get(invite).status_code == 405
    other.refresh_from_db()
    assert other.invitation_status == Status.NOT_INVITED and not OutgoingEmail.objects.exists()


def test_once_the_edition_has_ended_the_buttons_are_gone(team, panel, time_machine):
    time_machine.move_to("2024-12-01 10:00 +08:00")

    text = team.client.get(url("forum", team)).content.decode()

    assert "This edition has ended: nobody can be invited or reminded any more." in text
    assert "Invite every speaker" not in text and 'name="session"' not in text


def test_a_profile_given_in_full_is_complete(team, panel):
    grace = SessionSpeaker.objects.get(speaker__name_en="Grace Hopper")
    grace.speaker.photo.save("grace.png", ContentFile(b"not read here"), save=True)
    text = team.client.get(url("forum", team)).content.decode()

    row = text[text.index("Grace Hopper", text.index('id="speakers"')):]
    assert ">complete<" in row[:row.index("</tr>")]

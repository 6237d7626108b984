"""The speaker portal from the organizers' side: the admin actions that invite, remind and send new links, each
session's speakers at a glance, the edition's "Speakers' status" page, and speakers' travel for the protocol desk."""

import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from core.models import AuditEntry, OutgoingEmail
from forums import services, speaker_links
from forums.enums import SpeakerInvitationStatus
from forums.models import SessionSpeaker, SpeakerTravel
from tests.factories.forums import SessionFactory, SessionSpeakerFactory, SpeakerFactory, at
from tests.factories.summits import SummitFactory

from .portal_helpers import ACCEPTED, INVITED, portal_path

pytestmark = pytest.mark.django_db

DECLINED = SpeakerInvitationStatus.DECLINED
NOT_INVITED = SpeakerInvitationStatus.NOT_INVITED
SESSIONS = reverse("admin:forums_session_changelist")


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


def _speaker(name: str, **fields):
    return SpeakerFactory(name=name, email=f"{name.split()[0].lower()}@example.org", **fields)


def _complete(speaker):
    """Everything the profile's checklist asks for."""
    for name, value in {"name_zh_hans": "阿达", "title_zh_hans": "首席科学家", "bio_en": "Programmer.",
                        "bio_zh_hans": "程序员。"}.items():
        setattr(speaker, name, value)
    speaker.photo.save("ada.png", ContentFile(b"not decoded here"), save=False)
    speaker.save()
    return speaker


def _run(client, action, sessions, url=SESSIONS):
    """Run the action from the list, as a browser does: the list it comes back to shows the action's message."""
    response = client.post(url, {"action": action, "index": 0, "_selected_action": [row.pk for row in sessions]},
                           follow=True)
    return response, [str(message) for message in response.context["messages"]]


# --- Invite -------------------------------------------------------------------------------------------------------


def test_invite_speakers_emails_each_not_invited_speaker_once_in_their_language(
        organizer_client, summit, django_capture_on_commit_callbacks, still_signing_clock, settings):
    session = SessionFactory(forum__summit=summit, title="AI governance", title_zh_hans="人工智能治理")
    ada = SessionSpeakerFactory(session=session, speaker=_speaker("Ada Lovelace"))
    wang = SessionSpeakerFactory(session=session, speaker=_speaker("Wang Xiaoming", language="zh-hans",
                                                                   native_name="王小明"))
    answered = SessionSpeakerFactory(session=session, speaker=_speaker("Grace Hopper"), invitation_status=DECLINED)

    with django_capture_on_commit_callbacks(execute=True):
        response, messages = _run(organizer_client, "invite_speakers", [session])
    _again, messages_again = _run(organizer_client, "invite_speakers", [session])

    assert response.status_code == 200
    assert messages == ["2 invitations sent. 1 speaker skipped: already invited or answered, or the edition has "
                        "ended."]
    assert messages_again == ["0 invitations sent. 3 speakers skipped: already invited or answered, or the edition "
                              "has ended."]
    assert sorted(SessionSpeaker.objects.values_list("invitation_status", flat=True)) == [
        DECLINED, INVITED, INVITED]
    emails = {email.to: email for email in OutgoingEmail.objects.all()}
    assert sorted(emails) == ["ada@example.org", "wang@example.org"]
    assert emails["ada@example.org"].subject == "Invitation to speak at the 2024 WIC Wuzhen Summit"
    assert "- AI governance (" in emails["ada@example.org"].body_text
    assert f"{settings.SITE_URL}{portal_path(ada.speaker, summit)}" in emails["ada@example.org"].body_text
    chinese = emails["wang@example.org"]
    assert chinese.subject == "2024年世界互联网大会乌镇峰会演讲邀请"
    assert chinese.body_text.startswith("尊敬的王小明：")
    room = session.room
    assert f"- 人工智能治理（{session.forum.title_zh_hans}）\n" in chinese.body_text
    assert f"2024年11月19日，09:00–10:00（乌镇时间），{room.name}\n" in chinese.body_text
    assert f"- AI governance ({session.forum.title})\n" in emails["ada@example.org"].body_text
    assert f"Nov. 19, 2024, 09:00–10:00 Wuzhen time, {room.name}\n" in emails["ada@example.org"].body_text
    assert f"/zh-hans/summits/2024/speaker-portal/{speaker_links.speaker_token(wang.speaker, summit)}/" in (
        chinese.body_text)
    assert AuditEntry.objects.filter(note="speaker invited", actor__username="organizer").count() == 2
    assert answered.pk not in {entry.object_id for entry in AuditEntry.objects.all()}


def test_invite_speakers_refuses_a_speaker_without_email_by_name_and_changes_nothing(organizer_client, summit):
    session = SessionFactory(forum__summit=summit)
    SessionSpeakerFactory(session=session, speaker=_speaker("Ada Lovelace"))
    SessionSpeakerFactory(session=session, speaker=SpeakerFactory(name="Alan Turing", email=""))

    _response, messages = _run(organizer_client, "invite_speakers", [session])

    assert messages == ["No invitation was sent: Alan Turing have no email address. Add it on the speaker's page, "
                        "then invite again."]
    assert set(SessionSpeaker.objects.values_list("invitation_status", flat=True)) == {NOT_INVITED}
    assert not OutgoingEmail.objects.exists()


# --- Remind -------------------------------------------------------------------------------------------------------


def test_remind_the_missing_ones_reminds_only_who_owes_something_once_a_day(organizer_client, summit):
    session = SessionFactory(forum__summit=summit, title="AI governance")
    waiting = SessionSpeakerFactory(session=session, speaker=_speaker("Ada Lovelace"), invitation_status=INVITED)
    done = SessionSpeakerFactory(session=session, speaker=_complete(_speaker("Grace Hopper")),
                                 invitation_status=ACCEPTED, consent_given_at=at(2024, 10, 30, 9))
    SpeakerTravel.objects.create(speaker=done.speaker, summit=summit, arrival_at=at(2024, 11, 18, 9),
                                 departure_at=at(2024, 11, 21, 18))
    no_travel = SessionSpeakerFactory(session=session, speaker=_complete(_speaker("Alan Turing")),
                                      invitation_status=ACCEPTED, consent_given_at=at(2024, 10, 30, 9))
    SessionSpeakerFactory(session=session, speaker=_speaker("Edsger Dijkstra"), invitation_status=DECLINED)

    _response, messages = _run(organizer_client, "remind_speakers", [session])
    _again, messages_again = _run(organizer_client, "remind_speakers", [session])

    assert messages == ["2 reminders sent. 2 speakers skipped: nothing missing, no email address, reminded today "
                        "already, or the edition has ended."]
    assert messages_again[0].startswith("0 reminders sent. 4 speakers skipped")
    emails = {email.to: email.body_text for email in OutgoingEmail.objects.all()}
    assert sorted(emails) == ["ada@example.org", "alan@example.org"]
    assert "Still missing: your answer" in emails["ada@example.org"]
    assert "Still missing: your arrival and departure" in emails["alan@example.org"]
    assert [(row.reminders_sent, row.last_reminded_at is not None) for row in SessionSpeaker.objects.filter(
        pk__in=[waiting.pk, done.pk, no_travel.pk]).order_by("pk")] == [(1, True), (0, False), (1, True)]


def test_a_speaker_is_reminded_again_the_next_day(organizer_client, summit):
    session = SessionFactory(forum__summit=summit)
    SessionSpeakerFactory(session=session, speaker=_speaker("Ada Lovelace"), invitation_status=INVITED)

    _run(organizer_client, "remind_speakers", [session])
    with time_machine.travel(datetime.timedelta(days=1)):
        _run(organizer_client, "remind_speakers", [session])

    assert OutgoingEmail.objects.count() == 2
    assert SessionSpeaker.objects.get().reminders_sent == 2


# --- New link -----------------------------------------------------------------------------------------------------


def test_send_a_new_portal_link_kills_the_old_one_and_emails_the_new(organizer_client, client, summit,
                                                                      still_signing_clock):
    placement = SessionSpeakerFactory(session__forum__summit=summit, speaker=_speaker("Ada Lovelace"),
                                      invitation_status=ACCEPTED)
    never_invited = _speaker("Alan Turing")
    old = portal_path(placement.speaker, summit)

    _response, messages = _run(organizer_client, "send_new_portal_links", [placement.speaker, never_invited],
                               url=reverse("admin:forums_speaker_changelist"))

    assert messages == ["1 new portal link sent. 1 speaker skipped: never invited to an edition still to come, or "
                        "no email address."]
    placement.speaker.refresh_from_db()
    new = portal_path(placement.speaker, summit)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    email = OutgoingEmail.objects.get()
    assert email.subject == "Your new speaker portal link for the 2024 WIC Wuzhen Summit"
    assert new in email.body_text


# --- At a glance --------------------------------------------------------------------------------------------------


def test_the_sessions_list_shows_each_sessions_speakers_at_a_glance(organizer_client, summit,
                                                                     django_assert_max_num_queries):
    session = SessionFactory(forum__summit=summit, title="AI governance")
    SessionSpeakerFactory(session=session, invitation_status=ACCEPTED, consent_given_at=at(2024, 10, 30, 9))
    SessionSpeakerFactory(session=session, invitation_status=ACCEPTED)
    SessionSpeakerFactory(session=session, invitation_status=DECLINED)
    for _ in range(5):
        SessionSpeakerFactory(session=SessionFactory(forum=session.forum, start=at(2024, 11, 19, 12 + _),
                                                     end=at(2024, 11, 19, 12 + _, 30)))

    # Session and user, the edition filter's editions and forums, counts, the sessions with their speakers counted.
    with django_assert_max_num_queries(13):
        response = organizer_client.get(SESSIONS)

    html = response.content.decode()
    assert "2/3 accepted · 1 declined · consent 1/3" in html
    assert html.count("0/1 accepted · consent 0/1") == 5


def test_a_search_matching_a_speakers_name_leaves_the_counts_as_they_are(organizer_client, summit):
    session = SessionFactory(forum__summit=summit, title="Roundtable on AI governance")
    SessionSpeakerFactory(session=session, invitation_status=ACCEPTED, consent_given_at=at(2024, 10, 30, 9),
                          speaker__name="Ada Roundtable")
    SessionSpeakerFactory(session=session, invitation_status=ACCEPTED, speaker__name="Grace Roundtable")
    SessionSpeakerFactory(session=session, invitation_status=DECLINED, speaker__name="Alan Turing")

    for query in ("Roundtable", "Turing"):
        html = organizer_client.get(SESSIONS, {"q": query}).content.decode()

        assert "2/3 accepted · 1 declined · consent 1/3" in html


def test_a_sessions_page_shows_each_speakers_answer_consent_and_slides(organizer_client, summit):
    placement = SessionSpeakerFactory(session__forum__summit=summit, invitation_status=ACCEPTED,
                                      consent_given_at=at(2024, 10, 30, 9), consent_streaming=True,
                                      consent_photo=True, decline_reason="")

    response = organizer_client.get(reverse("admin:forums_session_change", args=[placement.session_id]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Accepted" in html
    assert "streaming, photos" in html


@pytest.mark.parametrize("size", [2, 12])
def test_speakers_status_page_counts_each_session_in_a_fixed_number_of_queries(
        organizer_client, summit, django_assert_max_num_queries, size):
    for index in range(size):
        session = SessionFactory(forum__summit=summit, start=at(2024, 11, 19, 8 + index % 10, index // 10 * 30),
                                 end=at(2024, 11, 19, 8 + index % 10, index // 10 * 30 + 20), room=None)
        accepted = SessionSpeakerFactory(session=session, speaker=_complete(_speaker(f"Ada{index} Lovelace")),
                                         invitation_status=ACCEPTED, consent_given_at=at(2024, 10, 30, 9))
        SpeakerTravel.objects.create(speaker=accepted.speaker, summit=summit, arrival_at=at(2024, 11, 18, 9),
                                     departure_at=at(2024, 11, 21, 18))
        SessionSpeakerFactory(session=session, invitation_status=INVITED)
        SessionSpeakerFactory(session=session, invitation_status=DECLINED)
        SessionSpeakerFactory(session=session, speaker=SpeakerFactory(name=f"Not Asked {index}"))

    # Session and user, the admin's permission check, the edition, the forums of the filter, the sessions, their
    # speakers, the travel.
    with django_assert_max_num_queries(9):
        response = organizer_client.get(reverse("admin:forums_session_speakers_status", args=[summit.pk]))

    rows = response.context["rows"]
    assert len(rows) == size
    assert "Nov. 19, 2024, 8 a.m." in response.content.decode()  # the admin's format, not 11/19/2024
    row = rows[0]
    assert (row.speakers, row.invited, row.waiting, row.accepted, row.declined, row.profile_complete,
            row.consent_given, row.travel_given, row.not_invited) == (4, 3, 1, 1, 1, 1, 1, 1, ["Not Asked 0"])


def test_speakers_status_page_filters_by_forum_and_by_what_is_missing(organizer_client, summit):
    complete = SessionSpeakerFactory(session__forum__summit=summit, session__title="All done",
                                     speaker=_complete(_speaker("Grace Hopper")), invitation_status=ACCEPTED,
                                     consent_given_at=at(2024, 10, 30, 9))
    SpeakerTravel.objects.create(speaker=complete.speaker, summit=summit, arrival_at=at(2024, 11, 18, 9),
                                 departure_at=at(2024, 11, 21, 18))
    waiting = SessionSpeakerFactory(session__forum__summit=summit, session__title="Waiting",
                                    invitation_status=INVITED)
    page = reverse("admin:forums_session_speakers_status", args=[summit.pk])

    everything = organizer_client.get(page).context["rows"]
    missing = organizer_client.get(page, {"missing": "on"}).context["rows"]
    one_forum = organizer_client.get(page, {"forum": waiting.session.forum_id}).context["rows"]
    bad_forum = organizer_client.get(page, {"forum": "not-a-forum"})

    assert [row.session.title for row in everything] == ["All done", "Waiting"]
    assert [row.session.title for row in missing] == ["Waiting"]
    assert [row.session.title for row in one_forum] == ["Waiting"]
    assert bad_forum.status_code == 200
    assert "Select a valid choice." in bad_forum.content.decode()


def test_the_summits_list_links_to_the_speakers_status(organizer_client, summit):
    response = organizer_client.get(reverse("admin:summits_summit_changelist"))

    assert reverse("admin:forums_session_speakers_status", args=[summit.pk]) in response.content.decode()


# --- The protocol desk --------------------------------------------------------------------------------------------


def test_the_protocol_desk_lists_arrivals_by_day(organizer_client, summit):
    placement = SessionSpeakerFactory(session__forum__summit=summit, speaker=_speaker("Ada Lovelace"),
                                      invitation_status=ACCEPTED)
    services.update_travel(speaker=placement.speaker, summit=summit, travel=services.TravelDetails(
        arrival_at=at(2024, 11, 18, 14, 30), arrival_place="Hangzhou Xiaoshan (HGH)", arrival_flight="CA1702",
        departure_at=at(2024, 11, 21, 18)))
    changelist = reverse("admin:forums_speakertravel_changelist")

    day = organizer_client.get(changelist, {"arrival_at__day": 18, "arrival_at__month": 11,
                                            "arrival_at__year": 2024})
    other_day = organizer_client.get(changelist, {"arrival_at__day": 19, "arrival_at__month": 11,
                                                  "arrival_at__year": 2024})

    assert "CA1702" in day.content.decode()
    assert "CA1702" not in other_day.content.decode()

"""What consent to photo publication governs: a speaker's photo on the public site, the API and the feeds.

The rule (forums/speaker_selectors.py, ``photo_may_be_public``): a speaker asked through the portal shows their
photo only if they allowed photo publication in at least one session they accepted; a speaker only ever placed by
the organizers (not invited) keeps the organizers' photo, as before the portal.
"""

import datetime

import pytest
from django.utils import timezone

from forums import services
from forums.enums import SpeakerInvitationStatus
from tests.api.conftest import all_pages
from tests.factories.forums import SessionSpeakerFactory, SpeakerFactory
from tests.factories.summits import SummitFactory

from .portal_helpers import ACCEPTED, png, portal_path

pytestmark = pytest.mark.django_db

DECLINED = SpeakerInvitationStatus.DECLINED


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


def _speaker_with_photo():
    speaker = SpeakerFactory(name="Ada Lovelace", email="ada@example.org")
    speaker.photo.save("ada.png", png(), save=True)
    return speaker


def _placed(speaker, summit, status, **fields):
    return SessionSpeakerFactory(speaker=speaker, session__forum__summit=summit, invitation_status=status, **fields)


def _shown(client, speaker, placement) -> dict[str, bool]:
    """Where the speaker's photo shows: their page, their session's page, the API (alone and in the session) and
    the c3voc feed."""
    session = placement.session
    year = session.forum.summit.year
    speaker_page = client.get(f"/en/speakers/{speaker.slug}/").content.decode()
    session_page = client.get(f"/en/summits/{year}/sessions/{session.pk}/").content.decode()
    api = client.get(f"/api/v1/speakers/{speaker.pk}/").json()
    in_session = client.get(f"/api/v1/sessions/{session.pk}/?expand=speakers").json()["speakers"][0]["speaker"]
    feed = client.get(f"/summits/{year}/schedule.json").json()
    persons = [person for day in feed["schedule"]["conference"]["days"] for room in day["rooms"].values()
               for talk in room for person in talk["persons"]]
    return {
        "speaker page": 'class="speaker-photo"' in speaker_page,
        "session page": 'class="avatar"' in session_page,
        "api": api["photo"] is not None,
        "api session": in_session["photo"] is not None,
        "feed": any(person["avatar"] for person in persons),
    }


EVERYWHERE = {"speaker page": True, "session page": True, "api": True, "api session": True, "feed": True}
NOWHERE = dict.fromkeys(EVERYWHERE, False)


def test_a_photo_shows_until_the_speaker_is_invited_then_follows_their_consent(client, summit):
    speaker = _speaker_with_photo()
    placement = _placed(speaker, summit, SpeakerInvitationStatus.NOT_INVITED)
    session_page = portal_path(speaker, summit, rest=f"sessions/{placement.pk}/")

    assert _shown(client, speaker, placement) == EVERYWHERE  # placed by the organizers: as before the portal

    services.invite_speakers(placements=[placement], actor=None)
    assert _shown(client, speaker, placement) == NOWHERE

    client.post(session_page, {"action": "accept"})
    assert _shown(client, speaker, placement) == NOWHERE  # accepted, not yet answered on photos

    client.post(session_page, {"action": "consent", "photo": "on"})
    assert _shown(client, speaker, placement) == EVERYWHERE

    client.post(session_page, {"action": "consent", "recording": "on"})  # photos withdrawn
    assert _shown(client, speaker, placement) == NOWHERE


def test_consent_in_one_accepted_session_shows_the_photo_in_every_session_and_edition(client, summit):
    speaker = _speaker_with_photo()
    earlier = _placed(speaker, SummitFactory(year=2023), SpeakerInvitationStatus.NOT_INVITED)
    _placed(speaker, summit, DECLINED, consent_photo=True)  # a declined session's answer does not count
    accepted = _placed(speaker, summit, ACCEPTED)

    assert _shown(client, speaker, earlier) == NOWHERE  # once asked, only the speaker's answer counts

    services.give_consent(placement=accepted, recording=False, streaming=False, photo=True)

    assert _shown(client, speaker, earlier) == EVERYWHERE

    accepted.delete()  # organizers remove the only session where the speaker allowed it
    assert _shown(client, speaker, earlier) == NOWHERE


def test_partners_following_updated_since_see_the_photo_go_in_every_session_showing_it(client, summit):
    speaker = _speaker_with_photo()
    other = _placed(speaker, summit, SpeakerInvitationStatus.NOT_INVITED)  # shows the speaker, asked about nothing
    asked = _placed(speaker, summit, ACCEPTED, consent_photo=True, consent_given_at=timezone.now())
    since = timezone.now() + datetime.timedelta(seconds=1)
    speakers = f"/api/v1/speakers/?updated_since={since.isoformat().replace('+', '%2B')}"
    sessions = f"/api/v1/sessions/?updated_since={since.isoformat().replace('+', '%2B')}&expand=speakers"
    assert all_pages(client, speakers) == [] and all_pages(client, sessions) == []

    later = since + datetime.timedelta(seconds=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        services.give_consent(placement=asked, recording=False, streaming=False, photo=False)

    (changed,) = all_pages(client, speakers)
    assert changed["id"] == speaker.pk and changed["photo"] is None
    in_other = next(item for item in all_pages(client, sessions) if item["id"] == other.session_id)
    assert in_other["speakers"][0]["speaker"]["photo"] is None


def test_an_answer_that_changes_nothing_leaves_the_speaker_alone(summit):
    speaker = _speaker_with_photo()
    accepted = _placed(speaker, summit, ACCEPTED)
    services.give_consent(placement=accepted, recording=False, streaming=False, photo=True)
    speaker.refresh_from_db()
    stamped = speaker.updated_at

    services.give_consent(placement=accepted, recording=True, streaming=True, photo=True)

    speaker.refresh_from_db()
    assert speaker.photo_public is True and speaker.updated_at == stamped


def test_the_profile_page_says_whether_the_photo_is_shown(client, summit):
    speaker = _speaker_with_photo()
    placement = _placed(speaker, summit, ACCEPTED)
    profile = portal_path(speaker, summit, rest="profile/")

    hidden = client.get(profile).content.decode()
    services.give_consent(placement=placement, recording=False, streaming=False, photo=True)
    shown = client.get(profile).content.decode()
    in_chinese = client.get(portal_path(speaker, summit, lang="zh-hans", rest="profile/")).content.decode()

    assert "Not shown publicly: agree to photo publication in one of your accepted sessions to show it." in hidden
    assert "Shown publicly: you agreed to photo publication." in shown
    assert "已公开显示：您已同意公开照片。" in in_chinese


def test_the_consent_question_says_what_the_photo_answer_governs(client, summit):
    speaker = _speaker_with_photo()
    placement = _placed(speaker, summit, ACCEPTED)

    html = client.get(portal_path(speaker, summit, rest=f"sessions/{placement.pk}/")).content.decode()

    assert "only if you agree to photo publication in at least one session you accepted" in html


def test_the_consent_questions_read_as_sentences_in_chinese(client, summit):
    speaker = _speaker_with_photo()
    placement = _placed(speaker, summit, ACCEPTED)

    html = client.get(portal_path(speaker, summit, lang="zh-hans", rest=f"sessions/{placement.pk}/")).content.decode()

    assert "只有您在至少一场已接受的议程中同意公开照片" in html
    assert "。：" not in html


def test_a_speaker_who_declined_everything_is_asked_for_nothing_more(client, summit):
    speaker = _speaker_with_photo()
    _placed(speaker, summit, DECLINED)

    html = client.get(portal_path(speaker, summit)).content.decode()

    assert "the organizers need nothing else from you" in html
    assert "Edit your profile" not in html and "Give your arrival and departure" not in html

"""The speaker portal through HTTP: a speaker's signed link opens their sessions of one edition, where they accept
or decline, complete their profile, answer the consent questions, upload slides and give their travel."""

import datetime

import pytest
import time_machine
from django.core import signing
from django.core.files.storage import default_storage

from core.models import AuditEntry, OutgoingEmail
from core.storage import private_storage
from forums import services, speaker_links
from forums.enums import SpeakerInvitationStatus
from forums.models import SessionSpeaker, Speaker, SpeakerTravel
from tests.factories.forums import SessionSpeakerFactory, at
from tests.factories.members import OrganizationFactory
from tests.factories.summits import SummitFactory

from .portal_helpers import (
    ACCEPTED,
    INVITED,
    invited_speaker,
    pdf,
    php,
    png,
    png_claiming,
    png_of_megabytes,
    portal_path,
    pptx,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


@pytest.fixture
def invited(summit):
    return invited_speaker(summit)


def _accepted(placement):
    return services.accept_session(placement=placement)


def _assert_private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]


# --- The link ----------------------------------------------------------------------------------------------------


def test_portal_lists_the_speakers_sessions_of_its_edition_with_day_time_room_and_role(client, summit, invited):
    speaker, placement = invited
    SessionSpeakerFactory(speaker=speaker, session__forum__summit=summit, session__title="Not asked yet")
    SessionSpeakerFactory(speaker=speaker, session__forum__summit=SummitFactory(year=2023),
                          session__title="Last year's talk", invitation_status=ACCEPTED)
    SessionSpeakerFactory(session__forum__summit=summit, session__title="Someone else's talk",
                          invitation_status=INVITED)

    response = client.get(portal_path(speaker, summit))

    html = response.content.decode()
    assert response.status_code == 200
    _assert_private(response)
    assert "Opening talk" in html
    assert "Nov. 19, 2024, 09:00–10:00 Wuzhen time" in html
    assert placement.session.room.name in html
    assert "Not asked yet" not in html and "Last year&#x27;s talk" not in html
    assert "Someone else" not in html
    assert "Still missing: your answer" in html


def test_portal_opened_in_chinese_answers_in_chinese_with_a_switch_to_english(client, summit, invited):
    speaker, _placement = invited

    response = client.get(portal_path(speaker, summit, lang="zh-hans"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert "<h1>您的演讲嘉宾专页</h1>" in html
    assert "2024年11月19日，09:00–10:00（乌镇时间）" in html
    assert f'href="{portal_path(speaker, summit)}" hreflang="en"' in html


@pytest.mark.parametrize("forge", ["garbage", "tampered", "other_salt", "other_shape", "other_edition"])
@pytest.mark.parametrize(("lang", "heading"), [("en", "This link is not valid"), ("zh-hans", "此链接无效")])
def test_a_forged_link_is_a_404_in_the_visitors_language(client, summit, invited, forge, lang, heading):
    speaker, _placement = invited
    token = speaker_links.speaker_token(speaker, summit)
    other = SummitFactory(year=2025)
    tokens = {
        "garbage": "not-a-token",
        "tampered": token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "other_salt": signing.dumps([speaker.pk, summit.pk, 1], salt="wic.expo.exhibitor-manage", compress=True),
        "other_shape": signing.dumps([speaker.pk, 1], salt=speaker_links.SALT, compress=True),
        "other_edition": speaker_links.speaker_token(speaker, other),  # a 2025 link under the 2024 address
    }

    response = client.get(f"/{lang}/summits/{summit.year}/speaker-portal/{tokens[forge]}/")

    assert response.status_code == 404
    _assert_private(response)
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_a_new_link_ends_the_old_one(client, summit, invited, organizer):
    speaker, _placement = invited
    old = portal_path(speaker, summit)

    services.send_new_portal_links(speakers=[speaker], actor=organizer)

    speaker.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(portal_path(speaker, summit)).status_code == 200


def test_the_link_works_through_the_last_day_and_not_after(client, summit, invited):
    speaker, _placement = invited
    path = portal_path(speaker, summit)

    with time_machine.travel(at(2024, 11, 21, 23, 50), tick=False):
        assert client.get(path).status_code == 200
    with time_machine.travel(at(2024, 11, 22, 0, 10), tick=False):
        assert client.get(path).status_code == 404


def test_the_portal_page_runs_the_same_queries_for_one_session_or_many(client, summit, invited,
                                                                        django_assert_max_num_queries):
    speaker, _placement = invited
    for _ in range(6):
        SessionSpeakerFactory(speaker=speaker, session__forum__summit=summit, invitation_status=ACCEPTED)

    with django_assert_max_num_queries(6):
        response = client.get(portal_path(speaker, summit))

    assert response.status_code == 200
    assert response.content.decode().count("Wuzhen time</td>") == 7


# --- Answering a session ------------------------------------------------------------------------------------------


def test_accepting_confirms_by_email_in_the_speakers_language_once(client, summit, django_capture_on_commit_callbacks,
                                                                   still_signing_clock):
    speaker, placement = invited_speaker(summit, language="zh-hans", native_name="阿达·洛芙莱斯")
    session_page = portal_path(speaker, summit, rest=f"sessions/{placement.pk}/")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(session_page, {"action": "accept"})
    client.post(session_page, {"action": "accept"})

    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.invitation_status == ACCEPTED
    assert placement.answered_at is not None
    email = OutgoingEmail.objects.get()
    assert email.to == "ada@example.org"
    assert email.language == "zh-hans"
    assert email.subject == "感谢您接受邀请：议程" + placement.session.title_zh_hans.removeprefix("议程")
    assert "尊敬的阿达·洛芙莱斯：" in email.body_text
    assert f"/zh-hans/summits/2024/speaker-portal/{speaker_links.speaker_token(speaker, summit)}/" in (
        email.body_text)
    entry = AuditEntry.objects.get()
    assert entry.actor is None and entry.note == "through the speaker portal"


def test_declining_keeps_the_reason_for_the_organizers_and_emails_nobody(client, summit, invited):
    speaker, placement = invited

    response = client.post(portal_path(speaker, summit, rest=f"sessions/{placement.pk}/"),
                           {"action": "decline", "reason": "I am travelling that week."})

    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.invitation_status == SpeakerInvitationStatus.DECLINED
    assert placement.decline_reason == "I am travelling that week."
    assert not OutgoingEmail.objects.exists()


def test_a_10000_character_reason_is_refused_with_a_message_and_nothing_changes(client, summit, invited):
    speaker, placement = invited

    response = client.post(portal_path(speaker, summit, rest=f"sessions/{placement.pk}/"),
                           {"action": "decline", "reason": "x" * 10_000})

    assert response.status_code == 200
    assert "Ensure this value has at most 2000 characters (it has 10000)." in response.content.decode()
    placement.refresh_from_db()
    assert placement.invitation_status == INVITED


def test_another_speakers_session_behind_a_valid_link_is_not_found(client, summit, invited):
    speaker, _placement = invited
    other = SessionSpeakerFactory(session__forum__summit=summit, invitation_status=INVITED)

    response = client.post(portal_path(speaker, summit, rest=f"sessions/{other.pk}/"), {"action": "accept"})

    assert response.status_code == 404
    assert SessionSpeaker.objects.get(pk=other.pk).invitation_status == INVITED


def test_an_unknown_action_is_a_bad_request(client, summit, invited):
    speaker, placement = invited

    response = client.post(portal_path(speaker, summit, rest=f"sessions/{placement.pk}/"), {"action": "delete"})

    assert response.status_code == 400


# --- Consent and slides -------------------------------------------------------------------------------------------


def test_consent_is_asked_only_once_the_session_is_accepted(client, summit, invited):
    speaker, placement = invited

    response = client.post(portal_path(speaker, summit, rest=f"sessions/{placement.pk}/"),
                           {"action": "consent", "recording": "on"}, follow=True)

    assert "Accept the session first." in response.content.decode()
    placement.refresh_from_db()
    assert placement.consent_given_at is None and not placement.consent_recording


def test_consent_given_then_withdrawn(client, summit, invited):
    speaker, placement = invited
    _accepted(placement)
    session_page = portal_path(speaker, summit, rest=f"sessions/{placement.pk}/")

    client.post(session_page, {"action": "consent", "recording": "on", "photo": "on"})
    placement.refresh_from_db()
    assert (placement.consent_recording, placement.consent_streaming, placement.consent_photo) == (True, False, True)
    assert placement.consent_given_at is not None

    client.post(session_page, {"action": "consent"})
    placement.refresh_from_db()
    assert (placement.consent_recording, placement.consent_streaming, placement.consent_photo) == (False, False, False)
    assert placement.consent_given_at is not None  # withdrawing is an answer too


def test_slides_of_an_accepted_session_are_kept_in_private_storage(client, summit, invited):
    speaker, placement = invited
    _accepted(placement)

    response = client.post(portal_path(speaker, summit, rest=f"sessions/{placement.pk}/"),
                           {"action": "slides", "slides": pdf("My talk.pdf")})

    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.slides.name.startswith("speakers/slides/2024/my-talk-") and placement.slides.name.endswith(".pdf")
    assert placement.slides.storage is private_storage or private_storage().exists(placement.slides.name)
    assert not default_storage.exists(placement.slides.name)


@pytest.mark.parametrize(("upload", "message"), [
    (php("slides.pdf"), "This file is not a PDF, as its name (.pdf) says: it may be damaged or of another kind."),
    (php("slides.php"), "Slides must be a PDF."),
    (pptx(), "Slides must be a PDF."),
])
def test_slides_that_are_not_a_pdf_are_refused_and_nothing_is_stored(client, summit, invited, upload, message):
    speaker, placement = invited
    _accepted(placement)

    response = client.post(portal_path(speaker, summit, rest=f"sessions/{placement.pk}/"),
                           {"action": "slides", "slides": upload})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "PowerPoint" not in html and "extension" not in html  # one message, that says what is accepted
    assert not SessionSpeaker.objects.get(pk=placement.pk).slides


# --- Profile ----------------------------------------------------------------------------------------------------

PROFILE = {
    "name_en": "Ada Lovelace", "name_zh_hans": "阿达·洛芙莱斯", "native_name": "", "title_en": "Chief Scientist",
    "title_zh_hans": "首席科学家", "affiliation_en": "Analytical Engines", "affiliation_zh_hans": "分析机公司",
    "bio_en": "Wrote the first program.", "bio_zh_hans": "编写了第一个程序。",
}


def test_a_complete_profile_with_a_photo_ticks_every_item_of_the_checklist(client, summit, invited):
    speaker, _placement = invited

    response = client.post(portal_path(speaker, summit, rest="profile/"), {**PROFILE, "photo": png()})

    assert response.status_code == 302
    speaker.refresh_from_db()
    assert (speaker.name_zh_hans, speaker.title_zh_hans, speaker.bio_en) == (
        "阿达·洛芙莱斯", "首席科学家", "Wrote the first program.")
    assert speaker.photo.name.endswith(".png")
    page = client.get(portal_path(speaker, summit)).content.decode()
    assert "Your profile is complete. Thank you." in page
    assert "checklist-missing" not in page


def test_a_profile_missing_the_chinese_biography_says_so(client, summit, invited):
    speaker, _placement = invited
    client.post(portal_path(speaker, summit, rest="profile/"), {**PROFILE, "bio_zh_hans": "", "photo": png()})

    page = client.get(portal_path(speaker, summit)).content.decode()

    assert '<li class="checklist-missing"><span aria-hidden="true">○</span> Biography in Chinese' in page


@pytest.mark.parametrize(("upload", "message"), [
    (php("portrait.jpg"), "The file is not a valid image (JPEG, PNG, WebP or GIF)."),
    (png_claiming(30_000, 30_000), "The image is 30000×30000 pixels; the limit is 40 megapixels."),
    (png_of_megabytes(30), "The image is 30.0 MB; the limit is 10 MB."),
])
def test_an_odd_photo_is_refused_with_a_clear_message_and_nothing_is_saved(client, summit, invited, upload, message):
    speaker, _placement = invited

    response = client.post(portal_path(speaker, summit, rest="profile/"), {**PROFILE, "photo": upload})

    assert response.status_code == 200
    assert message in response.content.decode()
    speaker.refresh_from_db()
    assert not speaker.photo
    assert not speaker.bio_en


def test_hostile_text_in_the_profile_is_cleaned_or_escaped(client, summit, invited):
    speaker, _placement = invited

    client.post(portal_path(speaker, summit, rest="profile/"), {
        **PROFILE, "name_en": "Ada \u202eecalevoL\u202c", "bio_en": "<script>alert(1)</script>"})

    speaker.refresh_from_db()
    assert speaker.name_en == "Ada ecalevoL"
    page = client.get(portal_path(speaker, summit, rest="profile/")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_10000_character_name_is_refused(client, summit, invited):
    speaker, _placement = invited

    response = client.post(portal_path(speaker, summit, rest="profile/"), {**PROFILE, "name_en": "A" * 10_000})

    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters (it has 10000)." in response.content.decode()
    assert Speaker.objects.get(pk=speaker.pk).name_en == "Ada Lovelace"


# --- Travel -------------------------------------------------------------------------------------------------------


def test_travel_is_saved_in_wuzhen_time_for_the_protocol_desk(client, summit, invited):
    speaker, _placement = invited

    response = client.post(portal_path(speaker, summit, rest="travel/"), {
        "arrival_at": "2024-11-18T14:30", "arrival_place": "Hangzhou Xiaoshan (HGH)", "arrival_flight": "CA1702",
        "departure_at": "2024-11-21T18:00", "departure_place": "Hangzhou East", "departure_flight": "G7512",
        "needs": "Vegetarian",
    })

    assert response.status_code == 302
    travel = SpeakerTravel.objects.get(speaker=speaker, summit=summit)
    assert travel.arrival_at == at(2024, 11, 18, 14, 30)
    assert travel.departure_flight == "G7512"
    entry = AuditEntry.objects.get()
    assert entry.object_repr == f"speaker's travel #{travel.pk}"
    assert "CA1702" not in str(entry.changes)


@pytest.mark.parametrize(("arrival", "departure", "message"), [
    ("2024-11-20T10:00", "2024-11-19T10:00", "The departure must be after the arrival."),
    ("2042-11-18T10:00", "", "Give a date between Oct. 20, 2024 and Dec. 21, 2024, around the summit"),
])
def test_impossible_travel_is_refused_and_nothing_saved(client, summit, invited, arrival, departure, message):
    speaker, _placement = invited

    response = client.post(portal_path(speaker, summit, rest="travel/"),
                           {"arrival_at": arrival, "departure_at": departure})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SpeakerTravel.objects.exists()


def test_nothing_changes_once_the_edition_has_ended(summit, invited):
    _speaker, placement = invited

    with time_machine.travel(datetime.datetime(2024, 11, 22, 9, tzinfo=datetime.UTC)), \
            pytest.raises(services.SpeakerPortalRefused) as refused:
        services.accept_session(placement=placement)

    assert refused.value.code == "edition_ended"


def test_an_organisation_chosen_by_the_organizers_is_shown_not_typed(client, summit):
    speaker, _placement = invited_speaker(summit, organization=OrganizationFactory(name="Analytical Engines Ltd"))
    profile = portal_path(speaker, summit, rest="profile/")

    page = client.get(profile).content.decode()
    response = client.post(profile, {**PROFILE, "affiliation_en": "Typed anyway"})

    assert "Analytical Engines Ltd" in page
    assert 'name="affiliation_en"' not in page
    assert response.status_code == 302
    assert Speaker.objects.get(pk=speaker.pk).affiliation_en == "Example Institute"  # kept, not what was typed

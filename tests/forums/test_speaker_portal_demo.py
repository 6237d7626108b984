"""The speaker portal in the demo: the upcoming edition's speakers have addresses and answers in every state."""

import pytest
from django.db import transaction

from forums import speaker_links
from forums.enums import SpeakerInvitationStatus
from forums.models import SessionSpeaker, SpeakerTravel
from forums.speaker_selectors import profile_is_complete
from summits.models import Summit

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker, demo_loader):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_loader()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def upcoming(_demo_once, db):
    return Summit.objects.get(name_en__endswith="(demo edition)")


def test_the_upcoming_editions_speakers_answer_in_every_state(upcoming):
    asked = SessionSpeaker.objects.filter(session__forum__summit=upcoming).exclude(
        invitation_status=SpeakerInvitationStatus.NOT_INVITED, speaker__email="").select_related("speaker")

    statuses = {placement.invitation_status for placement in asked}
    assert statuses == set(SpeakerInvitationStatus.values)
    accepted = [placement for placement in asked if placement.invitation_status == SpeakerInvitationStatus.ACCEPTED]
    assert any(placement.consent_given_at and profile_is_complete(placement.speaker) for placement in accepted)
    assert any(placement.consent_given_at is None for placement in accepted)
    assert SpeakerTravel.objects.filter(summit=upcoming).exists()
    assert all(placement.speaker.email.endswith("@example.org") for placement in asked)
    assert not SessionSpeaker.objects.exclude(session__forum__summit=upcoming).exclude(
        invitation_status=SpeakerInvitationStatus.NOT_INVITED).exists()


def test_a_demo_speakers_portal_opens(client, upcoming):
    placement = SessionSpeaker.objects.filter(session__forum__summit=upcoming,
                                              invitation_status=SpeakerInvitationStatus.ACCEPTED).first()
    token = speaker_links.speaker_token(placement.speaker, upcoming)

    response = client.get(f"/en/summits/{upcoming.year}/speaker-portal/{token}/")

    assert response.status_code == 200
    assert placement.session.title in response.content.decode()

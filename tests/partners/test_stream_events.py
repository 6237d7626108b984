"""Partners' webhooks hear of a speaker's consent and of interpretation channels: each is session.updated with
the session as the API shows it (its links shown or not, its channels)."""

import pytest

from forums.enums import InterpretationLanguage
from forums.models import InterpretationChannel
from tests.factories.forums import SessionFactory, SessionSpeakerFactory
from tests.factories.partners import WebhookFactory
from tests.partners.conftest import deliver_due

pytestmark = pytest.mark.django_db

STREAM = "https://live.example.com/wic2024/ai/live"


@pytest.fixture
def session(webhook_receiver):
    """A public session with a stream and a speaker who has not consented yet, then a partner's webhook."""
    session = SessionFactory(title="AI Governance", stream_url=STREAM)
    SessionSpeakerFactory(session=session)
    WebhookFactory(partner="City Transit App", url=webhook_receiver.url)
    return session


def test_a_consent_given_sends_session_updated_with_the_stream(session, webhook_receiver):
    placement = session.session_speakers.get()
    placement.consent_streaming = True
    placement.save()
    deliver_due()

    [hook] = webhook_receiver.received
    assert webhook_receiver.events() == ["session.updated"]
    assert hook.json["data"]["stream_url"] == STREAM


def test_a_channel_added_then_removed_sends_session_updated_each_time(session, webhook_receiver):
    channel = InterpretationChannel.objects.create(session=session, language=InterpretationLanguage.RUSSIAN,
                                                   channel=3)
    deliver_due()
    channel.delete()
    deliver_due()

    first, second = webhook_receiver.received
    assert webhook_receiver.events() == ["session.updated", "session.updated"]
    assert first.json["data"]["interpretation"] == [{"language": "ru", "channel": 3}]
    assert second.json["data"]["interpretation"] == []
    assert first.json["data"]["stream_url"] is None  # still waiting for the speaker's consent


def test_a_deleted_session_takes_its_channels_without_an_update_of_its_own(session, webhook_receiver):
    InterpretationChannel.objects.create(session=session, language=InterpretationLanguage.ENGLISH, channel=1)
    deliver_due()
    session.delete()
    deliver_due()

    assert webhook_receiver.events() == ["session.updated", "session.deleted"]

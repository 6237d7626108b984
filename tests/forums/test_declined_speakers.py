"""A speaker who declines a session is no longer shown as its speaker anywhere public (pages, feeds, API, the
speaker's own page); organizers still see the placement in the admin. The decline reaches partners following
?updated_since= and moves the content clock."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from core.versions import content_version
from forums import services
from tests.factories.forums import SessionSpeakerFactory, SpeakerFactory
from tests.factories.summits import SummitFactory

from .portal_helpers import invited_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def declined():
    """Ada declined the session Grace still speaks in; returns (session, Ada, Grace)."""
    summit = SummitFactory(year=2024)
    ada, placement = invited_speaker(summit, slug="ada-lovelace")
    grace = SpeakerFactory(name="Grace Hopper", slug="grace-hopper")
    SessionSpeakerFactory(session=placement.session, speaker=grace, order=2)
    services.decline_session(placement=placement)
    return placement.session, ada, grace


@pytest.mark.parametrize("page", ["sessions/{session.pk}/", "agenda/", "forums/{session.forum.slug}/"])
def test_the_public_pages_leave_out_a_declined_speaker(client, declined, page):
    session, ada, grace = declined
    for lang in ("en", "zh-hans"):
        html = client.get(f"/{lang}/summits/2024/" + page.format(session=session)).content.decode()

        assert f"/speakers/{grace.slug}/" in html
        assert f"/speakers/{ada.slug}/" not in html


def test_the_declined_speakers_own_page_and_feed_are_gone_with_their_only_session(client, declined):
    _session, ada, grace = declined

    assert client.get(f"/en/speakers/{ada.slug}/").status_code == 404
    assert client.get(f"/summits/2024/speakers/{ada.slug}/schedule.json").status_code == 404
    assert client.get(f"/en/speakers/{grace.slug}/").status_code == 200


@pytest.mark.parametrize("feed", ["json", "xml", "ics"])
def test_the_schedule_feeds_leave_out_a_declined_speaker(client, declined, feed):
    _session, ada, grace = declined

    body = client.get(f"/summits/2024/schedule.{feed}").content.decode()

    assert grace.name in body
    assert ada.name not in body


def test_the_api_leaves_out_a_declined_speaker(client, declined):
    session, ada, grace = declined

    entry = client.get(f"/api/v1/sessions/{session.pk}/?expand=speakers").json()
    speakers = client.get("/api/v1/speakers/").json()["results"]

    assert [item["id"] for item in entry["speakers"]] == [grace.pk]
    assert {item["id"] for item in speakers} == {grace.pk}


def test_the_admin_still_shows_the_declined_placement(organizer_client, declined):
    session, ada, _grace = declined

    html = organizer_client.get(f"/admin/forums/session/{session.pk}/change/").content.decode()

    assert ada.name in html


def test_a_decline_reaches_the_change_list_and_moves_the_content_clock(client):
    summit = SummitFactory(year=2024)
    ada, placement = invited_speaker(summit)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1), tick=True):
        since, version = timezone.now(), content_version()
        services.decline_session(placement=placement)

        stamp = since.isoformat().replace("+", "%2B")
        changed = client.get(f"/api/v1/sessions/?updated_since={stamp}").json()["results"]
        assert [(entry["id"], entry["speakers"]) for entry in changed] == [(placement.session_id, [])]
        assert content_version().token != version.token

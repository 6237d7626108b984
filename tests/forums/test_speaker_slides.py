"""Organizers read the slides speakers upload through the portal: a download from the admin, for staff who may view
sessions, as a PDF attachment never cached; a 404 for any other staff, and for slides that are not there."""

import pytest
from django.urls import reverse

from forums import services
from forums.models import SessionSpeaker
from tests.factories.forums import SessionSpeakerFactory, SpeakerFactory
from tests.factories.summits import SummitFactory

from .portal_helpers import ACCEPTED, pdf, portal_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


@pytest.fixture
def with_slides(client, summit):
    """A speaker who accepted and uploaded slides through the portal, under a name of their own choosing."""
    speaker = SpeakerFactory(name="Ada Lovelace", slug="ada-lovelace", email="ada@example.org")
    placement = SessionSpeakerFactory(speaker=speaker, session__forum__summit=summit, invitation_status=ACCEPTED)
    upload = pdf('"><img src=x onerror=alert(1)>\u202egpj.pdf')
    content = upload.read()
    upload.seek(0)
    response = client.post(portal_path(speaker, summit, rest=f"sessions/{placement.pk}/"),
                           {"action": "slides", "slides": upload})
    assert response.status_code == 302
    placement.refresh_from_db()
    return placement, content


def _download(placement):
    return reverse("admin:forums_session_speaker_slides", args=[placement.pk])


def test_organizers_download_the_slides_as_a_pdf_attachment_never_cached(organizer_client, with_slides):
    placement, content = with_slides

    response = organizer_client.get(_download(placement))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        f'attachment; filename="slides-session-{placement.session_id}-ada-lovelace.pdf"')
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_other_staff_and_strangers_never_get_the_slides(client, visa_desk_client, with_slides):
    placement, _content = with_slides

    assert visa_desk_client.get(_download(placement)).status_code == 404
    visa_desk_client.logout()
    stranger = client.get(_download(placement))
    assert stranger.status_code == 302 and stranger["Location"].startswith("/admin/login/")


def test_slides_that_are_not_there_are_a_404(organizer_client, summit, with_slides):
    placement, _content = with_slides
    without = SessionSpeakerFactory(session__forum__summit=summit)
    gone = SessionSpeakerFactory(session__forum__summit=summit, slides="speakers/slides/2024/lost.pdf")

    assert organizer_client.get(_download(without)).status_code == 404
    assert organizer_client.get(_download(gone)).status_code == 404
    assert organizer_client.get(f"/admin/forums/session/speakers/{10 ** 30}/slides/").status_code == 404


def test_the_sessions_page_and_the_speakers_status_link_each_placements_slides(organizer_client, summit,
                                                                                with_slides):
    placement, _content = with_slides
    without = SessionSpeakerFactory(session=placement.session)

    session_page = organizer_client.get(reverse("admin:forums_session_change", args=[placement.session_id]))
    status_page = organizer_client.get(reverse("admin:forums_session_speakers_status", args=[summit.pk]))

    for page in (session_page, status_page):
        html = page.content.decode()
        assert _download(placement) in html
        assert _download(without) not in html
    assert f'<a href="{_download(placement)}">Ada Lovelace</a>' in status_page.content.decode()


def test_replaced_slides_download_as_the_newest(organizer_client, summit, with_slides):
    placement, content = with_slides
    newer = pdf("v2.pdf", pages=3)
    newer_content = newer.read()
    assert newer_content != content
    newer.seek(0)

    services.upload_slides(placement=SessionSpeaker.objects.get(pk=placement.pk), slides=newer)

    response = organizer_client.get(_download(placement))
    assert b"".join(response.streaming_content) == newer_content

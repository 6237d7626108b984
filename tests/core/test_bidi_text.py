"""Bidirectional controls (a right-to-left override, an isolate, a mark) typed into a public form's free text are
invisible and show what follows them reversed, on the guest's page and in the admin: they are removed from every
multi-line field, and its line breaks are kept. (Single-line names and titles: tests/core/test_hostile_subjects.py.)"""

import pytest
from django.urls import reverse

from awards.models import Nomination
from expo.models import Exhibitor
from guests import links as guest_links
from guests.models import Registration
from members.models import Membership
from tests.factories.awards import OpenCallFactory
from tests.factories.expo import ExpoFactory
from tests.factories.forums import ForumFactory
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db

TYPED = "I use a \u202ewheelchair\u202c.\r\nNo \u2067nuts\u2069, please\u200f.\n\nThank you\u200e."
KEPT = "I use a wheelchair.\r\nNo nuts, please.\n\nThank you."
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"


def shown(text: str) -> str:
    """``KEPT`` as a page shows it: the form's line breaks are ``\\r\\n``, Django normalises them to ``\\n``."""
    return text.replace("\r\n", "\n")


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


def test_a_guests_needs_lose_their_bidi_controls_and_keep_their_lines(client, summit, admin_client):
    from tests.guests.test_views import form_data

    forum = ForumFactory(summit=summit, room=RoomFactory(capacity=200))
    assert client.post("/en/summits/2024/register/", form_data([forum], needs=TYPED)).status_code == 302

    registration = Registration.objects.get()
    assert shown(registration.needs) == shown(KEPT)
    for page in (client.get(guest_links.manage_url(registration, absolute=False)),
                 admin_client.get(reverse("admin:guests_registration_change", args=[registration.pk]))):
        assert page.status_code == 200
        assert not set(BIDI) & set(page.content.decode())


def test_a_nominations_citation_loses_its_bidi_controls(client, summit):
    from tests.awards.test_nominations import nomination_data

    programme = OpenCallFactory(summit=summit, slug="leading-award")
    response = client.post(f"/en/summits/2024/awards/{programme.slug}/nominate/", nomination_data(citation=TYPED))

    assert response.status_code == 302
    assert shown(Nomination.objects.get().citation) == shown(KEPT)


def test_an_exhibitors_products_and_description_lose_their_bidi_controls(client, summit, admin_client):
    from expo import links as expo_links
    from tests.expo.test_application import form_data

    ExpoFactory(summit=summit)
    assert client.post("/en/summits/2024/expo/apply/", form_data(products=TYPED)).status_code == 302
    exhibitor = Exhibitor.objects.get()
    assert shown(exhibitor.products) == shown(KEPT)
    approve = {"action": "approve_selected", "_selected_action": [exhibitor.pk]}
    assert admin_client.post(reverse("admin:expo_exhibitor_changelist"), approve).status_code == 302

    manage = f"/en/expo/manage/{expo_links.exhibitor_token(exhibitor)}/"
    assert client.post(manage, {"description_en": TYPED, "website": ""}).status_code == 302
    exhibitor.refresh_from_db()
    assert shown(exhibitor.description_en) == shown(KEPT)


def test_a_membership_applications_motivation_loses_its_bidi_controls(client):
    from tests.members.test_application import form_data

    assert client.post("/en/members/apply/", form_data(motivation=TYPED * 2)).status_code == 302
    assert shown(Membership.objects.get().motivation) == shown(KEPT * 2)

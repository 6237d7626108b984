"""Hostile text typed by a guest, a nominator, an expo applicant or a membership applicant arrives as inert text in
every email we send (HTML and text) and on every page that shows it: no link, image, script or handler of theirs.

Everything goes through HTTP, the way a person would send it; the emails are read from the outbox."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from lxml import html as lxml_html

from awards.models import Nomination
from core.models import OutgoingEmail
from expo.models import Exhibitor
from guests import links as guest_links
from guests.models import Registration
from members.models import Membership
from tests.factories.awards import OpenCallFactory
from tests.factories.expo import ExpoFactory
from tests.factories.forums import ForumFactory
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db

# A link that asks to be clicked, a bare address a linkifier would take, an image with a handler, a tag breakout.
LINK = "<a href=//evil.test/a>CONFIRM YOUR SEAT</a> https://evil.test/b"
HANDLER = '"><img src=x onerror=alert(1)> www.evil.test/c <script>alert(2)</script>'
HOSTILE = f"{LINK} {HANDLER}"
EVIL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "poster", "style", "background")


def live_markup(page: str) -> list[str]:
    """What in ``page`` is markup or a link that came from the hostile input: an empty list when it is all text."""
    tree = lxml_html.fromstring(page)
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if (name in EVIL_ATTRIBUTES or name.startswith("on")) and ("evil.test" in value or "alert(" in value):
                found.append(f"<{element.tag} {name}={value!r}>")
        if element.tag == "a" and element.text_content().strip() == "CONFIRM YOUR SEAT":
            found.append(f"<a> around {element.text_content()!r}")
        if element.tag == "img" and element.get("src") == "x":
            found.append("<img src=x>")
        if element.tag == "script" and "alert(" in (element.text or ""):
            found.append("<script>alert(...)</script>")
    return found


def email_links(email: OutgoingEmail) -> list[str]:
    return [anchor.get("href") for anchor in lxml_html.fromstring(email.body_html).iter("a")]


def check_emails(emails) -> None:
    """Each email: its HTML holds no live markup of the input, links only to the site, and no address of the input
    a mail client could link; its text part holds what was typed, as typed (no entities)."""
    assert emails
    for email in emails:
        assert live_markup(email.body_html) == [], email.key
        assert all(href.startswith(settings.SITE_URL + "/") for href in email_links(email)), email.key
        assert "https://evil.test" not in email.body_html and "www.evil.test" not in email.body_html, email.key
        assert "&lt;" not in email.body_text and "&quot;" not in email.body_text, email.key
        assert "\r" not in email.subject and "\n" not in email.subject


def check_page(response) -> str:
    assert response.status_code == 200
    page = response.content.decode()
    assert live_markup(page) == []
    return page


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


def test_a_guest_registering_with_hostile_text_in_every_field_gets_inert_emails_and_pages(client, summit,
                                                                                          admin_client):
    forum = ForumFactory(summit=summit, title="Artificial Intelligence Forum", room=RoomFactory(capacity=200))
    data = {
        "email": "ada@example.org", "full_name": LINK, "native_name": HANDLER[:100], "title": HOSTILE,
        "organization_name": HOSTILE, "category": "research_institute", "country": "GB",
        "phone": "+44 <b>20</b> 7946 0000", "participation": "offline", "forums": [str(forum.pk)],
        "needs": f"{HOSTILE}\n{HOSTILE}", "consent": "on", "website": "",
    }

    refused = client.post("/en/summits/2024/register/", data)  # a phone is digits: the form says so, escaped
    check_page(refused)
    assert not Registration.objects.exists()
    response = client.post("/en/summits/2024/register/", {**data, "phone": "+44 20 7946 0000"})
    assert response.status_code == 302
    registration = Registration.objects.select_related("guest").get()
    assert registration.guest.full_name == LINK  # kept as typed: it is escaped where it is shown
    assert client.post(guest_links.verify_url(registration, absolute=False)).status_code == 302

    emails = list(OutgoingEmail.objects.all())
    assert {email.key.split(":")[2] for email in emails} >= {"verification", "received"}
    check_emails(emails)
    assert any(f"Dear {LINK}," in email.body_text for email in emails)  # the text part shows it as typed
    verification = next(email for email in emails if ":verification:" in email.key)
    assert [href.endswith("/verify/") for href in email_links(verification)] == [True, False]  # and the guest's page

    check_page(client.get(guest_links.manage_url(registration, absolute=False)))
    check_page(client.get(guest_links.verify_url(registration, absolute=False)))
    check_page(admin_client.get(reverse("admin:guests_registration_change", args=[registration.pk])))
    check_page(admin_client.get(reverse("admin:guests_guest_change", args=[registration.guest.pk])))
    check_page(admin_client.get(reverse("admin:guests_registration_changelist")))
    check_page(admin_client.get(reverse("admin:core_outgoingemail_change", args=[emails[0].pk])))


def test_a_nomination_with_hostile_text_gets_an_inert_receipt_and_admin_page(client, summit, admin_client):
    programme = OpenCallFactory(summit=summit, slug="leading-award", name="Leading Technology Award")
    from tests.awards.test_nominations import nomination_data

    response = client.post(f"/en/summits/2024/awards/{programme.slug}/nominate/", nomination_data(
        nominee_name=LINK, title=HOSTILE, citation=f"{HOSTILE}\n\n{HOSTILE}", nominated_by_name=LINK,
        nominated_by_organization=HOSTILE,
    ))

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    check_emails(OutgoingEmail.objects.all())
    check_page(admin_client.get(reverse("admin:awards_nomination_change", args=[nomination.pk])))
    check_page(admin_client.get(reverse("admin:awards_nomination_changelist")))


def test_an_expo_applicant_with_hostile_text_gets_inert_emails_and_a_public_page(client, summit, admin_client):
    ExpoFactory(summit=summit)
    from tests.expo.test_application import form_data

    response = client.post("/en/summits/2024/expo/apply/", form_data(
        organization_name=LINK, contact_name=LINK, products=HOSTILE))
    assert response.status_code == 302
    exhibitor = Exhibitor.objects.select_related("organization").get()
    changelist = reverse("admin:expo_exhibitor_changelist")
    for action in ("approve_selected", "publish_selected"):
        assert admin_client.post(changelist, {"action": action, "_selected_action": [exhibitor.pk]}).status_code == 302
    from expo import links as expo_links
    manage = f"/en/expo/manage/{expo_links.exhibitor_token(exhibitor)}/"
    check_page(client.get(manage))
    profile = client.post(manage, {"description_en": HOSTILE, "website": "https://cloudbridge.example.org"})
    assert profile.status_code == 302

    check_emails(OutgoingEmail.objects.all())
    assert {email.key.rsplit(":", 1)[-1] for email in OutgoingEmail.objects.all()} >= {
        "application-received", "approved"}
    page = check_page(client.get(f"/en/summits/2024/expo/exhibitors/{exhibitor.organization.slug}/"))
    assert page.count("CONFIRM YOUR SEAT") >= 2  # the organisation's name and the description, as text
    check_page(admin_client.get(reverse("admin:expo_exhibitor_change", args=[exhibitor.pk])))
    check_page(admin_client.get(changelist))


def test_a_membership_applicant_with_hostile_text_gets_an_inert_email_and_admin_page(client, admin_client):
    from tests.members.test_application import form_data

    response = client.post("/en/members/apply/", form_data(name=LINK, contact_name=LINK, motivation=HOSTILE * 3))

    assert response.status_code == 302
    membership = Membership.objects.get()
    check_emails(OutgoingEmail.objects.all())
    assert re.search(r"evil\.\u200ctest", OutgoingEmail.objects.get().body_html)  # shown, but not as an address
    check_page(admin_client.get(reverse("admin:members_membership_change", args=[membership.pk])))
    check_page(admin_client.get(reverse("admin:members_organization_change", args=[membership.organization_id])))


def test_a_name_that_mimics_the_sites_address_is_no_link(client, summit, settings):
    """Only the site's own origin is linked: not a user part before another host, a longer host, or another port."""
    site = settings.SITE_URL
    forum = ForumFactory(summit=summit, room=RoomFactory(capacity=200))
    name = f"{site}@evil.test/a {site}.evil.test/b {site}:8443/c"
    from tests.guests.test_views import form_data

    assert client.post("/en/summits/2024/register/", form_data([forum], full_name=name)).status_code == 302

    (email,) = OutgoingEmail.objects.all()
    assert all("evil.test" not in href and ":8443" not in href for href in email_links(email))
    assert len(email_links(email)) == 2  # the verification link and the guest's page

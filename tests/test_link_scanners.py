"""Links in emails that change something (confirm an address, confirm a subscription, cancel a registration,
withdraw an application, unsubscribe) open a page with a button: mail scanners and link previews, which GET or HEAD
every link, change nothing; the button's POST does it, with Django's CSRF check, from a browser that arrives with
no cookie at all.

One-click unsubscribe (RFC 8058) is the exception the RFC asks for: the mail program's POST carries no CSRF token.
"""

import datetime
import re
import zoneinfo
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client

from core.models import OutgoingEmail
from guests import links as guest_links
from guests import services as guest_services
from guests.enums import RegistrationStatus
from members import links as member_links
from members.enums import MembershipStatus
from reports import links as report_links
from reports.services import subscriptions
from tests.factories.forums import ForumFactory, at
from tests.factories.guests import ForumChoiceFactory, RegistrationFactory
from tests.factories.members import MembershipFactory
from tests.factories.reports import ReportSubscriberFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=SHANGHAI)


def scanner() -> Client:
    """A client like a mail scanner: no cookie, and Django's CSRF check as a browser meets it."""
    return Client(enforce_csrf_checks=True)


def path_in(body: str, pattern: str) -> str:
    found = re.search(rf"https?://[^/\s]+(/[^\s]*{pattern}[^\s]*)", body)
    assert found, body
    return found.group(1)


def press_the_button(url: str):
    """What a person does: open the link in a fresh browser, then press the page's button (its form's POST)."""
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<form method="post"' in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return browser.post(url, {"csrfmiddlewaretoken": token}, follow=True)


@pytest.fixture
def summit():
    return SummitFactory(year=2027, start_date=datetime.date(2027, 1, 20), end_date=datetime.date(2027, 1, 22))


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_verification_link_asks_first_and_only_the_button_confirms(summit, lang):
    forum = ForumFactory(summit=summit, start=at(2027, 1, 20, 9), end=at(2027, 1, 20, 12))
    registration = guest_services.register_guest(summit=summit, request=guest_services.RegistrationRequest(
        email="ada@example.org", full_name="Ada Lovelace", native_name="阿达", title="Chief Scientist",
        organization_name="Analytical Engines", category="research_institute", country="GB",
        participation="offline", language=lang, forum_ids=(forum.pk,),
    )).registration
    email = OutgoingEmail.objects.get(key=f"registration:{registration.pk}:verification:1")
    url = path_in(email.body_text, "/verify/")
    assert url.startswith(f"/{lang}/summits/2027/registration/")

    opened = scanner().get(url)
    scanner().head(url)
    scanner().post(url)  # a POST without the page's CSRF token is refused

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED and registration.verified_at is None
    assert not OutgoingEmail.objects.filter(key__contains=":received:").exists()
    assert opened.status_code == 200 and opened["X-Robots-Tag"] == "noindex, nofollow"
    assert "ada@example.org" in opened.content.decode()
    # The page names the guest as their emails greet them: by the Chinese name on the Chinese page.
    assert ("阿达使用电子邮箱地址" if lang == "zh-hans" else "Ada Lovelace registered") in opened.content.decode()

    confirmed = press_the_button(url)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.VERIFIED
    assert OutgoingEmail.objects.filter(key=f"registration:{registration.pk}:received:1").count() == 1
    assert confirmed.redirect_chain == [(url, 302)]
    confirmed_text = "您的电子邮箱地址已确认" if lang == "zh-hans" else "Your email address is confirmed"
    assert confirmed_text in confirmed.content.decode()
    # Opening the link again afterwards shows it is done, with no button.
    assert '<form method="post"' not in scanner().get(url).content.decode().split("<main", 1)[1]


@time_machine.travel(TODAY, tick=False)
def test_the_cancel_link_asks_first_and_only_the_button_cancels(summit):
    forum = ForumFactory(summit=summit, seat_quota=1, start=at(2027, 1, 20, 9), end=at(2027, 1, 20, 12))
    registration = RegistrationFactory(summit=summit, status=RegistrationStatus.APPROVED)
    ForumChoiceFactory(registration=registration, forum=forum)
    url = guest_links.manage_url(registration, absolute=False) + "cancel/"

    scanner().get(url)
    scanner().head(url)
    scanner().post(url)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED

    press_the_button(url)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_the_subscription_confirmation_link_asks_first_and_only_the_button_confirms():
    subscriber = subscriptions.subscribe(email="reader@example.org", language="en")
    email = OutgoingEmail.objects.get()
    url = path_in(email.body_text, "/reports/subscriptions/confirm/")
    assert url == urlsplit(report_links.confirm_url(subscriber)).path

    opened = scanner().get(url)
    scanner().head(url)
    scanner().post(url)

    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None and not subscriber.is_active
    assert opened.status_code == 200 and subscriber.email in opened.content.decode()

    confirmed = press_the_button(url)

    subscriber.refresh_from_db()
    assert subscriber.is_active
    assert "Your subscription is confirmed" in confirmed.content.decode()


def test_the_withdraw_button_is_the_only_way_to_withdraw_an_application():
    membership = MembershipFactory(application=True)
    url = member_links.application_url(membership, absolute=False)

    scanner().get(url)
    scanner().head(url)
    scanner().post(url)

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPLIED

    press_the_button(url)

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.WITHDRAWN


def test_unsubscribe_asks_first_and_one_click_unsubscribe_still_works_without_a_csrf_token():
    subscriber = ReportSubscriberFactory()
    url = urlsplit(report_links.unsubscribe_url(subscriber)).path

    scanner().get(url)
    scanner().head(url)

    subscriber.refresh_from_db()
    assert subscriber.is_active

    response = scanner().post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert not subscriber.is_active

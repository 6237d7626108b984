"""Long unbroken text a guest typed (a 300-character organisation name without spaces, a long URL or email address)
wraps on the guest's own page on a phone instead of making it several screens wide."""

import pytest
from django.utils import timezone

from guests import links as guest_links
from tests.factories.forums import ForumFactory
from tests.factories.guests import ForumChoiceFactory, GuestFactory, RegistrationFactory
from tests.factories.summits import SummitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
UNBROKEN = "Ministry" * 37 + "Ltd"  # 299 characters (the column holds 300), no space
LONG_URL = "https://accessibility.example.org/" + "requirements-for-wheelchair-users-" * 6
LONG_ADDRESS = "assistant.to.the.director.general.of.digital.affairs.and.innovation@" + "ministry.example.org"


def test_the_guests_page_is_no_wider_than_a_phone_whatever_they_typed(browser, live_server, artifacts):
    summit = SummitFactory(year=timezone.localdate().year + 1)  # the browser lives on the real today
    registration = RegistrationFactory(
        summit=summit, guest=GuestFactory(organization_name=UNBROKEN, title=UNBROKEN[:200], full_name=UNBROKEN[:200]),
        needs=f"See {LONG_URL}\nor write to {LONG_ADDRESS}",
    )
    ForumChoiceFactory(registration=registration, forum=ForumFactory(summit=summit, title=UNBROKEN[:200]))
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()

    page.goto(live_server.url + guest_links.manage_url(registration, absolute=False))
    page.screenshot(path=str(artifacts / "guest-page-long-text-390.png"), full_page=True)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    shown = page.locator("main").inner_text()
    context.close()

    assert UNBROKEN[:60] in shown.replace("\n", "") and LONG_ADDRESS in shown
    assert width <= PHONE["width"], f"the guest's page is {width} px wide on a {PHONE['width']} px phone"

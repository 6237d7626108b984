"""A guest registers in Chinese in chromium; a real Celery worker sends the verification email through Redis to
a real SMTP server; the guest opens the link and sees the confirmation."""

import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from guests.enums import RegistrationStatus
from guests.models import Registration
from tests.conftest import wait_for
from tests.factories.forums import ForumFactory
from tests.factories.summits import SummitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.redis, pytest.mark.smtp, pytest.mark.postgres]


def test_guest_registers_in_chinese_and_confirms_from_the_email(
    live_server, celery_worker, smtp_server, page, settings, artifacts
):
    settings.SITE_URL = live_server.url
    # The browser and the worker live on the real today: the edition registered for is next year's, ahead of it.
    summit = SummitFactory(year=timezone.localdate().year + 1)
    year = summit.year
    forum = ForumFactory(summit=summit, title="Digital Economy Forum", title_zh_hans="数字经济论坛")

    page.goto(f"{live_server.url}/zh-hans/summits/{year}/register/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.fill("#id_full_name", "Li Wei")
    page.fill("#id_native_name", "李伟")
    page.fill("#id_title", "司长")
    page.fill("#id_organization_name", "数字经济研究院")
    page.select_option("#id_category", "research_institute")
    page.select_option("#id_country", "CN")
    page.fill("#id_email", "li.wei@example.cn")
    page.fill("#id_phone", "+86 571 1234 5678")
    page.check("input[name=participation][value=offline]")
    page.check(f"input[name=forums][value='{forum.pk}']")
    page.check("#id_consent")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(rf"/zh-hans/summits/{year}/register/thanks/"))
    page.screenshot(path=str(artifacts / "registration-zh-hans-registered.png"))

    assert wait_for(lambda: len(smtp_server) >= 1, timeout=30), "the worker sent no email"
    [message] = smtp_server
    assert message["To"] == "li.wei@example.cn"
    text = message.get_body(("plain",)).get_content()
    verify_link = re.search(rf"http://\S+/zh-hans/summits/{year}/registration/\S+/verify/", text).group(0)

    page.goto(verify_link)
    # The link opens a page with a button (a mail scanner following it confirms nothing); the guest presses it.
    assert Registration.objects.get(guest__email="li.wei@example.cn").status == RegistrationStatus.SUBMITTED
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    registration = Registration.objects.get(guest__email="li.wei@example.cn")
    assert registration.status == RegistrationStatus.VERIFIED
    assert registration.guest.language == "zh-hans"
    with translation.override("zh-hans"):
        confirmed = gettext("Your email address is confirmed")
    assert confirmed != "Your email address is confirmed"  # the Chinese catalogue is compiled and used
    assert page.locator("h1").inner_text() == confirmed
    assert page.locator(f"main a[href*='/zh-hans/summits/{year}/registration/']").count() == 1
    page.screenshot(path=str(artifacts / "registration-zh-hans-verified.png"))

"""A focal point adds the head of their delegation in Chinese in chromium; the member completes their data on their
own page; every page passes axe in both languages. Screenshots in var/artifacts/."""

import re

import pytest
from django.utils import timezone

from delegations import links
from delegations.enums import MemberStatus
from delegations.models import DelegationMember
from tests.factories.delegations import DelegationFactory
from tests.factories.forums import ForumFactory
from tests.factories.summits import SummitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_focal_point_adds_the_head_who_completes_her_registration(live_server, page, axe, artifacts, language):
    # The browser lives on the real today: the edition is next year's, ahead of it.
    summit = SummitFactory(year=timezone.localdate().year + 1)
    forum = ForumFactory(summit=summit, title="Digital Economy Forum", title_zh_hans="数字经济论坛")
    delegation = DelegationFactory(summit=summit, name="Ministry of ICT", native_name="信息通信部", quota=3,
                                   focal_language=language)

    page.goto(live_server.url + links.focal_point_url(delegation, absolute=False))
    assert page.locator("html").get_attribute("lang") == language
    page.fill("#id_add-full_name", "ZHANG Wei")
    page.fill("#id_add-email", "zhang.wei@example.cn")
    page.fill("#id_add-title", "司长")
    page.check("#id_add-is_head")
    page.locator("form:has(input[value=add]) button[type=submit]").click()
    page.wait_for_load_state()
    assert ("1 / 3" if language == "zh-hans" else "1 of 3") in page.locator(".quota").inner_text()
    assert axe(page) == ""
    page.screenshot(path=str(artifacts / f"delegation-focal-point-{language}.png"), full_page=True)

    member = DelegationMember.objects.get()
    page.goto(live_server.url + links.member_url(member, absolute=False))
    assert page.locator("#id_organization_name").input_value() == (
        "信息通信部" if language == "zh-hans" else "Ministry of ICT")
    page.fill("#id_native_name", "张伟")
    page.select_option("#id_country", "CN")
    page.fill("#id_phone", "+86 571 1234 5678")
    page.check(f"input[name=forums][value='{forum.pk}']")
    page.check("#id_consent")
    assert axe(page) == ""
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/delegation-member/"))
    page.wait_for_load_state()

    member.refresh_from_db()
    assert member.status == MemberStatus.COMPLETED and member.registration.guest.native_name == "张伟"
    assert "张伟" in page.locator("main").inner_text()
    assert axe(page) == ""
    page.screenshot(path=str(artifacts / f"delegation-member-{language}.png"), full_page=True)

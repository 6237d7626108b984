"""The main navigation follows the calendar: on a fixed day before, during and after an edition, in both languages,
every link of the navigation on the main pages leads somewhere (no 404), and Register, the Expo and the online hall
are offered only where the edition has them open."""

import datetime
import re

import pytest
import time_machine

from core.clock import WUZHEN
from tests.factories.expo import ExpoFactory
from tests.factories.forums import ForumFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

DAYS = {
    "before": datetime.datetime(2024, 11, 1, 10, 0, tzinfo=WUZHEN),
    "during": datetime.datetime(2024, 11, 20, 10, 0, tzinfo=WUZHEN),
    "after": datetime.datetime(2026, 12, 6, 10, 0, tzinfo=WUZHEN),
}
MAIN_PAGES = [
    "/", "/summits/", "/summits/2024/", "/summits/2023/", "/summits/2024/agenda/", "/summits/2023/agenda/",
    "/summits/2024/awards/", "/summits/2024/competition/", "/summits/2024/expo/", "/members/", "/members/apply/",
    "/reports/",
]


@pytest.fixture
def editions():
    """2023, long over and without an expo; 2024 (19-21 November) with its expo, whose online hall is open until
    the end of the year; a 2025 draft."""
    past = SummitFactory(year=2023)
    ForumFactory(summit=past)
    current = SummitFactory(year=2024)
    ForumFactory(summit=current)
    ExpoFactory(summit=current, online_hall_open_from=datetime.date(2024, 11, 19),
                online_hall_open_until=datetime.date(2024, 12, 31))
    SummitFactory(year=2025, status="draft")
    return current


def nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    assert nav, "the page has no main navigation"
    return re.findall(r'href="([^"]+)"', nav.group(0))


@pytest.mark.parametrize("day", sorted(DAYS))
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_navigation_link_leads_to_a_404(client, editions, day, language):
    broken, seen = [], set()
    with time_machine.travel(DAYS[day], tick=False):
        for page in MAIN_PAGES:
            response = client.get(f"/{language}{page}")
            if response.status_code == 404:  # every main page stays, as an archive after the edition ended
                broken.append(f"{page} itself")
                continue
            for link in nav_links(response.content.decode()):
                if link in seen:
                    continue
                seen.add(link)
                if client.get(link).status_code == 404:
                    broken.append(f"{link} (from {page})")

    assert not broken
    assert (f"/{language}/summits/2024/register/" in seen) == (day != "after")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_register_expo_and_online_hall_are_in_the_navigation_only_while_open(client, editions, language):
    def links_on(day, page):
        with time_machine.travel(DAYS[day], tick=False):
            return nav_links(client.get(f"/{language}{page}").content.decode())

    register, expo, hall = (f"/{language}/summits/2024/register/", f"/{language}/summits/2024/expo/",
                            f"/{language}/summits/2024/expo/online/")
    before, during, after = (links_on(day, "/") for day in ("before", "during", "after"))
    members_after = links_on("after", "/members/")
    past_edition = links_on("during", "/summits/2023/")

    assert register in before and register in during and register not in after
    assert register not in members_after  # membership stays open all year, and links no closed edition
    assert hall not in before and hall in during and hall not in after
    assert expo in before and expo in after  # the expo's pages stay as an archive
    assert "/summits/2023/expo/" not in " ".join(past_edition)  # 2023 has no expo: no link to a 404
    assert "/summits/2023/register/" not in " ".join(past_edition)

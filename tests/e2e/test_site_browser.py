"""The public site in chromium, on the demo: axe-core finds no accessibility violation on the main pages in both
languages, nothing is fetched from another host and the Content-Security-Policy blocks nothing; a visitor's
journey works at desktop and phone widths (the skip link, the language switcher, the agenda's filters, a forum);
the 404 page keeps the site's frame."""

import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from core.enums import PublicationStatus
from forums.models import Forum, Speaker
from tests.demo_data import DEMO_LIVE_YEAR, DEMO_TODAY

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

YEAR = 2024
LANGUAGES = ("en", "zh-hans")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
PUBLISHED = PublicationStatus.PUBLISHED


@pytest.fixture
def demo(demo_loader):
    """The demo editions, as `make demo` loads them."""
    demo_loader()


def first_public_forum(year: int) -> Forum:
    return (Forum.objects.filter(summit__year=year, summit__status=PUBLISHED, status=PUBLISHED)
            .order_by("start", "order", "pk").first())


def a_public_speaker(year: int) -> Speaker:
    # One filter() call: the conditions hold for the same session.
    return Speaker.objects.filter(
        sessions__status=PUBLISHED, sessions__forum__status=PUBLISHED, sessions__forum__summit__status=PUBLISHED,
        sessions__forum__summit__year=year,
    ).order_by("pk").first()


def in_chinese(text: str) -> str:
    with translation.override("zh-hans"):
        translated = gettext(text)
    assert translated != text, f"{text!r} has no Chinese translation: is the catalogue compiled?"
    return translated


def foreign_requests(page, live_server) -> list[str]:
    """Starts recording the page's requests to any host but the live server's; returns the (growing) list."""
    own_host = urlsplit(live_server.url).netloc
    foreign = []

    def record(request):
        address = urlsplit(request.url)
        if address.scheme not in ("data", "blob") and address.netloc != own_host:
            foreign.append(request.url)

    page.on("request", record)
    return foreign


def policy_violations(page) -> list[str]:
    """Starts recording what the Content-Security-Policy blocks (chromium reports it on the console)."""
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text
            else None)
    return blocked


def has_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")


def registration_errors_problems(page, axe) -> list[str]:
    """The registration form sent empty comes back opening on its list of errors, which passes axe too."""
    page.locator("form.guest-form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    problems = []
    try:  # the browser moves the focus at its next rendering step, which may come after the list is in the page
        page.wait_for_function("() => document.activeElement.matches('.error-summary')", timeout=2000)
    except PlaywrightTimeoutError:
        problems.append(f"{page.url}: the form's errors do not take the focus")
    if violations := axe(page):
        problems.append(violations)
    return problems


# The registration form is the demo's upcoming edition's, asked for on the day the tests' demo is loaded as (with
# the clock running from there): the 2024 edition has ended and takes no registration.
@time_machine.travel(datetime.datetime.combine(DEMO_TODAY, datetime.time(10), tzinfo=ZoneInfo("Asia/Shanghai")))
def test_main_pages_pass_axe_in_both_languages_from_our_own_server(demo, live_server, page, axe):
    forum = first_public_forum(YEAR)
    speaker = a_public_speaker(YEAR)
    assert forum is not None and speaker is not None, "the demo has no public forum or speaker in 2024"
    paths = {
        "home": "/",
        "agenda": f"/summits/{YEAR}/agenda/",
        "forum": f"/summits/{YEAR}/forums/{forum.slug}/",
        "speaker": f"/speakers/{speaker.slug}/",
        "expo": f"/summits/{YEAR}/expo/",
        "registration closed": f"/summits/{YEAR}/register/",
        "registration": f"/summits/{DEMO_LIVE_YEAR}/register/",
        "press accreditation": f"/summits/{DEMO_LIVE_YEAR}/press/accreditation/",
    }
    foreign = foreign_requests(page, live_server)
    blocked = policy_violations(page)
    problems = []

    for language in LANGUAGES:
        for name, path in paths.items():
            url = f"{live_server.url}/{language}{path}"
            response = page.goto(url)
            if response.status != 200:
                problems.append(f"{url}: {name} answered {response.status}")
                continue
            if (lang := page.locator("html").get_attribute("lang")) != language:
                problems.append(f"{url}: html lang is {lang!r}")
            if (h1_count := page.locator("h1").count()) != 1:
                problems.append(f"{url}: {h1_count} <h1> elements, not one")
            if violations := axe(page):
                problems.append(violations)
            if name in {"registration", "press accreditation"}:
                problems.extend(registration_errors_problems(page, axe))
            if foreign:
                problems.append(f"{url}: requests to another host: {sorted(set(foreign))}")
                foreign.clear()
            if "script-src 'self'" not in (response.headers.get("content-security-policy") or ""):
                problems.append(f"{url}: no Content-Security-Policy")
            if blocked:
                problems.append(f"{url}: the Content-Security-Policy blocked: {blocked}")
                blocked.clear()

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("width_name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)], ids=["desktop", "phone"]
)
def test_visitor_filters_the_agenda_switches_to_chinese_and_opens_a_forum(
    demo, live_server, browser, artifacts, width_name, viewport
):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    foreign = foreign_requests(page, live_server)
    phone = width_name == "phone"
    try:
        page.goto(f"{live_server.url}/en/")
        page.screenshot(path=artifacts / f"home-en-{width_name}.png", full_page=True)
        assert not (phone and has_horizontal_scroll(page)), "the English home page scrolls sideways on a phone"

        page.goto(f"{live_server.url}/en/summits/{YEAR}/agenda/")
        page.screenshot(path=artifacts / f"agenda-en-{width_name}.png", full_page=True)
        assert not (phone and has_horizontal_scroll(page)), "the English agenda scrolls sideways on a phone"

        # Keyboard: the first Tab reaches the skip link, and following it puts the focus on the content.
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.matches('a.skip-link')")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'MAIN'")

        sessions = page.locator("ul.session-list > li.session-item")
        all_sessions = sessions.count()
        slug = page.locator("#agenda-filters #id_forum option:not([value=''])").first.get_attribute("value")
        forum = Forum.objects.get(summit__year=YEAR, slug=slug)
        page.select_option("#agenda-filters #id_forum", slug)
        page.locator("#agenda-filters [type=submit]").click()
        page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("forum") == [slug])
        forum_sessions = sessions.count()
        assert 0 < forum_sessions < all_sessions
        forum_link = f"a[href*='/forums/{slug}/']"
        for item in sessions.all():
            assert item.locator(forum_link).inner_text() == forum.title_en

        # The language switcher keeps the page and its filters.
        page.locator("nav.language-switcher a[hreflang=zh-hans]").click()
        page.wait_for_url(lambda url: urlsplit(url).path == f"/zh-hans/summits/{YEAR}/agenda/")
        assert parse_qs(urlsplit(page.url).query).get("forum") == [slug]
        assert page.locator("html").get_attribute("lang") == "zh-hans"
        assert page.locator("nav.site-nav a[aria-current=page]").inner_text() == in_chinese("Agenda")
        assert sessions.count() == forum_sessions
        assert sessions.first.locator(forum_link).inner_text() == forum.title_zh_hans
        assert not (phone and has_horizontal_scroll(page)), "the Chinese agenda scrolls sideways on a phone"

        sessions.first.locator(forum_link).click()
        page.wait_for_url(lambda url: urlsplit(url).path == f"/zh-hans/summits/{YEAR}/forums/{slug}/")
        assert forum.title_zh_hans and forum.title_zh_hans != forum.title_en
        assert page.locator("h1").inner_text() == forum.title_zh_hans
        assert not (phone and has_horizontal_scroll(page)), "the Chinese forum page scrolls sideways on a phone"
        page.screenshot(path=artifacts / f"forum-zh-hans-{width_name}.png", full_page=True)

        if phone:
            page.goto(f"{live_server.url}/zh-hans/")
            page.screenshot(path=artifacts / "home-zh-hans-phone.png", full_page=True)
            assert not has_horizontal_scroll(page), "the Chinese home page scrolls sideways on a phone"
        assert foreign == []
    finally:
        context.close()


def test_not_found_page_keeps_the_site_header_in_each_language(live_server, page, axe):
    problems = []
    for language, heading in [("en", "Page not found"), ("zh-hans", in_chinese("Page not found"))]:
        response = page.goto(f"{live_server.url}/{language}/summits/{YEAR}/forums/no-such-forum/")
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("header.site-header a.brand").is_visible()
        assert page.locator("header.site-header nav.site-nav").count() == 1
        assert page.locator("nav.language-switcher a[aria-current]").get_attribute("hreflang") == language
        assert page.locator("h1").inner_text() == heading
        if violations := axe(page):
            problems.append(violations)
    assert not problems, "\n".join(problems)

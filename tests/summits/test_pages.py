"""The front pages: the current edition, the archive of editions, one edition's overview."""

import datetime
import re

import pytest

from awards.enums import ProgrammeKind
from core.enums import PublicationStatus
from expo.enums import ExhibitorStatus
from forums.enums import ForumKind
from members.enums import MembershipStatus
from reports.enums import EditionStatus
from tests.factories.awards import AwardProgrammeFactory
from tests.factories.expo import ExhibitFactory, ExhibitorFactory, ExpoFactory
from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory
from tests.factories.members import MembershipFactory
from tests.factories.reports import ReportEditionFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def figure(html: str, key: str) -> str | None:
    """The <dd> after the <dt> of the figure ``key`` (in any language), or None when the page does not show it."""
    match = re.search(rf'<div class="figure-{key}"><dt>[^<]+</dt><dd>([^<]*)</dd>', html)
    return match.group(1) if match else None


def a_session(forum, index: int = 0, **fields):
    """The forum's ``index``-th session, a quarter of an hour after the one before: one room holds one at a time."""
    start = forum.start + datetime.timedelta(minutes=15 * index)
    return SessionFactory(forum=forum, start=start, end=start + datetime.timedelta(minutes=10), **fields)


def a_full_edition(summit, *, size: int):
    """An edition with ``size`` sub-forums of ``size`` sessions each, speakers, awards, an expo and reports."""
    ForumFactory(summit=summit, kind=ForumKind.OPENING_CEREMONY)
    ForumFactory(summit=summit, kind=ForumKind.MAIN_FORUM)
    for _ in range(size):
        forum = ForumFactory(summit=summit)
        for index in range(size):
            SessionSpeakerFactory(session=a_session(forum, index))
    expo = ExpoFactory(summit=summit)
    for _ in range(size):
        ExhibitFactory(exhibitor=ExhibitorFactory(expo=expo))
        AwardProgrammeFactory(summit=summit, status=PublicationStatus.PUBLISHED)
        ReportEditionFactory(summit=summit, status=EditionStatus.PUBLISHED)
        MembershipFactory()


# --- Home ---------------------------------------------------------------------------------------------------------

def test_home_shows_the_latest_published_edition_in_english(client):
    SummitFactory(year=2023)
    SummitFactory(year=2024, city="Wuzhen", mode="hybrid")
    SummitFactory(year=2025, status=DRAFT)

    html = html_of(client.get("/en/"))

    assert '<html lang="en">' in html
    assert re.search(r"<h1[^>]*>2024 WIC Wuzhen Summit</h1>", html)
    assert "Embracing a Digital Future" in html
    assert '<time datetime="2024-11-19">' in html and '<time datetime="2024-11-21">' in html
    assert "Wuzhen Internet International Convention and Exhibition Center" in html
    assert "Online and on site" in html
    assert 'href="/en/summits/2024/register/"' in html
    assert 'href="/en/summits/2024/agenda/"' in html
    assert "2025" not in html.split("<main", 1)[1]


def test_home_shows_the_edition_in_chinese(client):
    SummitFactory(year=2024, theme_zh_hans="携手构建网络空间命运共同体")

    html = html_of(client.get("/zh-hans/"))

    assert '<html lang="zh-hans">' in html
    assert "2024年世界互联网大会乌镇峰会" in html
    assert "携手构建网络空间命运共同体" in html
    assert "乌镇互联网国际会展中心" in html
    assert 'href="/zh-hans/summits/2024/register/"' in html


def test_home_without_a_published_edition_says_so(client):
    SummitFactory(year=2024, status=DRAFT)

    html = html_of(client.get("/en/"))

    assert "will be announced here soon" in html
    assert "2024 WIC Wuzhen Summit" not in html


def test_home_figures_are_counted_from_the_published_programme(client):
    summit = SummitFactory(year=2024)
    ForumFactory(summit=summit, kind=ForumKind.OPENING_CEREMONY)
    forums = [ForumFactory(summit=summit), ForumFactory(summit=summit)]
    ForumFactory(summit=summit, status=DRAFT)  # not public: not counted
    ForumFactory(summit=SummitFactory(year=2023))  # another edition's
    first = SessionFactory(forum=forums[0])
    SessionSpeakerFactory(session=first)
    shared = SessionSpeakerFactory(session=SessionFactory(forum=forums[1])).speaker
    SessionSpeakerFactory(session=first, speaker=shared)  # one speaker in two sessions counts once
    SessionSpeakerFactory(session=a_session(forums[1], 8, status=DRAFT))  # a draft session's speaker
    expo = ExpoFactory(summit=summit)
    exhibitor = ExhibitorFactory(expo=expo)
    ExhibitFactory(exhibitor=exhibitor)
    ExhibitFactory(exhibitor=exhibitor)
    ExhibitFactory(exhibitor=exhibitor, status=DRAFT)
    ExhibitFactory(exhibitor=ExhibitorFactory(expo=expo, application_status=ExhibitorStatus.APPLIED))
    MembershipFactory()
    MembershipFactory()
    MembershipFactory(status=MembershipStatus.ENDED)

    html = html_of(client.get("/en/"))

    assert figure(html, "forums") == "3"
    assert figure(html, "sub-forums") == "2"
    assert figure(html, "sessions") == "2"
    assert figure(html, "speakers") == "2"
    assert figure(html, "exhibitors") == "1"
    assert figure(html, "exhibits") == "2"
    assert figure(html, "members") == "2"
    assert "2 sub-forums · 2 sessions" in html


def test_home_shows_recorded_guests_and_countries_only_when_set(client):
    summit = SummitFactory(year=2024)

    html = html_of(client.get("/en/"))
    assert figure(html, "guests") is None and figure(html, "countries") is None

    summit.guest_count, summit.country_count = 1800, 126
    summit.save()
    html = html_of(client.get("/en/"))
    assert figure(html, "guests") == "1800"
    assert figure(html, "countries") == "126"


def test_home_highlights_link_to_the_ceremony_main_forum_awards_expo_and_reports(client):
    summit = SummitFactory(year=2024)
    ForumFactory(summit=summit, kind=ForumKind.OPENING_CEREMONY, title="Opening Ceremony", slug="opening")
    ForumFactory(summit=summit, kind=ForumKind.MAIN_FORUM, title="Main Forum", slug="main-forum")
    ForumFactory(summit=summit, title="Sub-forum on data", slug="data")
    AwardProgrammeFactory(summit=summit, name="Leading Award", slug="leading", status=PublicationStatus.PUBLISHED)
    AwardProgrammeFactory(summit=summit, name="Straight to Wuzhen", slug="straight", kind=ProgrammeKind.COMPETITION,
                          status=PublicationStatus.PUBLISHED)
    AwardProgrammeFactory(summit=summit, name="Secret Award", slug="secret")
    ExpoFactory(summit=summit)
    ReportEditionFactory(summit=summit, title="World Internet Development Report 2024",
                         status=EditionStatus.PUBLISHED)
    ReportEditionFactory(summit=summit, title="Draft Report", status=EditionStatus.DRAFT)

    html = html_of(client.get("/en/"))

    assert '<a href="/en/summits/2024/forums/opening/">Opening Ceremony</a>' in html
    assert '<a href="/en/summits/2024/forums/main-forum/">Main Forum</a>' in html
    assert "/forums/data/" not in html
    assert '<a href="/en/summits/2024/awards/leading/">Leading Award</a>' in html
    assert '<a href="/en/summits/2024/competition/">Straight to Wuzhen</a>' in html
    assert "Secret Award" not in html
    assert 'href="/en/summits/2024/expo/"' in html and "Light of the Internet Expo 2024" in html
    assert "World Internet Development Report 2024" in html and "Draft Report" not in html
    assert 'href="/en/reports/"' in html


def test_home_leaves_out_an_unpublished_expo(client):
    summit = SummitFactory(year=2024)
    ExpoFactory(summit=summit, status=DRAFT)

    html = html_of(client.get("/en/"))

    assert "Light of the Internet Expo" not in html
    assert figure(html, "exhibitors") is None


def test_home_has_no_inline_style(client):
    a_full_edition(SummitFactory(year=2024), size=2)

    html = html_of(client.get("/en/"))

    assert "style=" not in html and "<style" not in html


def test_home_query_count_does_not_grow_with_the_edition(client, django_assert_max_num_queries):
    a_full_edition(SummitFactory(year=2024), size=2)
    with django_assert_max_num_queries(8):
        small = html_of(client.get("/en/"))
    a_full_edition(SummitFactory(year=2024), size=6)
    with django_assert_max_num_queries(8):
        large = html_of(client.get("/zh-hans/"))

    assert figure(small, "sessions") == "4"
    assert figure(large, "sessions") == "40"


def test_home_second_request_is_served_from_the_cache(client, django_assert_num_queries):
    a_full_edition(SummitFactory(year=2024), size=2)
    first = html_of(client.get("/en/"))

    with django_assert_num_queries(0):
        second = html_of(client.get("/en/"))

    assert second == first


def test_home_shows_a_publication_on_the_next_request(client):
    summit = SummitFactory(year=2024)
    forum = ForumFactory(summit=summit, status=DRAFT)
    assert figure(html_of(client.get("/en/")), "forums") == "0"

    forum.status = PublicationStatus.PUBLISHED
    forum.save()
    summit.name = "2024 WIC Wuzhen Summit (renamed)"
    summit.save()
    html = html_of(client.get("/en/"))

    assert figure(html, "forums") == "1"
    assert "2024 WIC Wuzhen Summit (renamed)" in html


# --- Archive ------------------------------------------------------------------------------------------------------

def test_archive_lists_published_editions_newest_first(client):
    older = SummitFactory(year=2022, guest_count=2100, country_count=120)
    SummitFactory(year=2024)
    SummitFactory(year=2023, status=DRAFT)
    ForumFactory(summit=older)
    ForumFactory(summit=older)
    ForumFactory(summit=older, status=DRAFT)

    html = html_of(client.get("/en/summits/"))

    assert '<html lang="en">' in html
    assert html.index("/en/summits/2024/") < html.index("/en/summits/2022/")
    assert "2023 WIC Wuzhen Summit" not in html
    card_2022 = html[html.index('href="/en/summits/2022/"'):]
    assert figure(card_2022, "guests") == "2100"
    assert figure(card_2022, "countries") == "120"
    assert figure(card_2022, "forums") == "2"
    card_2024 = html[html.index('href="/en/summits/2024/"'):html.index('href="/en/summits/2022/"')]
    assert figure(card_2024, "guests") is None
    assert figure(card_2024, "forums") == "0"
    assert 'aria-current="page">Editions</a>' in html


def test_archive_in_chinese(client):
    SummitFactory(year=2024)

    html = html_of(client.get("/zh-hans/summits/"))

    assert '<html lang="zh-hans">' in html
    assert "2024年世界互联网大会乌镇峰会" in html
    assert 'href="/zh-hans/summits/2024/"' in html


def test_archive_query_count_does_not_grow_with_the_editions(client, django_assert_max_num_queries):
    for year in (2022, 2023):
        ForumFactory(summit=SummitFactory(year=year))
    with django_assert_max_num_queries(2):
        html_of(client.get("/en/summits/"))
    for year in range(2014, 2022):
        ForumFactory(summit=SummitFactory(year=year))
    with django_assert_max_num_queries(2):
        html = html_of(client.get("/zh-hans/summits/"))
    assert "2014年世界互联网大会乌镇峰会" in html


# --- One edition --------------------------------------------------------------------------------------------------

def test_edition_page_shows_a_past_edition_without_registration(client):
    past = SummitFactory(year=2023, guest_count=1800)
    SummitFactory(year=2024)
    ForumFactory(summit=past, kind=ForumKind.MAIN_FORUM, title="Main Forum 2023", slug="main-forum")

    html = html_of(client.get("/en/summits/2023/"))

    assert re.search(r"<h1[^>]*>2023 WIC Wuzhen Summit</h1>", html)
    assert figure(html, "guests") == "1800"
    assert '<a href="/en/summits/2023/forums/main-forum/">Main Forum 2023</a>' in html
    assert 'href="/en/summits/2023/agenda/"' in html
    assert "/en/summits/2023/register/" not in html.split('<main', 1)[1]  # the navigation links its own
    assert '<nav class="breadcrumbs"' in html and 'href="/en/summits/"' in html


def test_edition_page_of_the_current_edition_offers_registration_in_chinese(client):
    SummitFactory(year=2024)

    html = html_of(client.get("/zh-hans/summits/2024/"))

    assert '<html lang="zh-hans">' in html
    assert "2024年世界互联网大会乌镇峰会" in html
    assert 'href="/zh-hans/summits/2024/register/"' in html
    assert '<link rel="canonical" href="http' in html and '/zh-hans/summits/2024/"' in html


@pytest.mark.parametrize("year", [2025, 1999])
def test_edition_page_of_an_unpublished_or_unknown_year_is_not_found(client, year):
    SummitFactory(year=2024)
    SummitFactory(year=2025, status=DRAFT)

    assert client.get(f"/en/summits/{year}/").status_code == 404
    assert client.get(f"/zh-hans/summits/{year}/").status_code == 404


def test_edition_page_query_count_does_not_grow_with_the_edition(client, django_assert_max_num_queries):
    a_full_edition(SummitFactory(year=2023), size=2)
    with django_assert_max_num_queries(9):
        small = html_of(client.get("/en/summits/2023/"))
    a_full_edition(SummitFactory(year=2023), size=6)
    with django_assert_max_num_queries(9):
        html = html_of(client.get("/en/summits/2023/"))

    assert figure(small, "sessions") == "4"
    assert figure(html, "sessions") == "40"  # 2 × 2 + 6 × 6: the second request is not the first one cached
    assert figure(html, "sub-forums") == "8"
    assert "style=" not in html

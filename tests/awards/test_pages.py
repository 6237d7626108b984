"""The public pages of the awards: the programmes of an edition, one programme, and the competition."""

import datetime
import re

import pytest
from django.utils import timezone

from awards.enums import NominationStatus, NomineeKind, ProgrammeKind
from core.enums import PublicationStatus
from tests.factories.awards import (
    AwardCategoryFactory,
    AwardProgrammeFactory,
    JuryMemberFactory,
    NominationFactory,
    ReviewCriterionFactory,
    ReviewFactory,
)
from tests.factories.forums import ForumFactory, SessionFactory
from tests.factories.members import OrganizationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED
DRAFT = PublicationStatus.DRAFT


def _programme(summit=None, **kwargs):
    kwargs.setdefault("status", PUBLISHED)
    return AwardProgrammeFactory(summit=summit or SummitFactory(year=2024), **kwargs)


def _announced(programme):
    programme.laureates_announced_at = timezone.now()
    programme.save()
    return programme


def _laureate(programme, **kwargs):
    kwargs.setdefault("status", NominationStatus.AWARDED)
    return NominationFactory(programme=programme, **kwargs)


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert "style=" not in html
    assert "<style" not in html
    return html


def _laureate_rows(html: str) -> int:
    """How many laureates the page lists: the rows in the bodies of its laureate tables."""
    tables = re.findall(r'<table class="data-table laureates">.*?</table>', html, flags=re.DOTALL)
    bodies = [body for table in tables for body in re.findall(r"<tbody>(.*?)</tbody>", table, flags=re.DOTALL)]
    return sum(body.count("<tr>") for body in bodies)


# --- The programmes of an edition -------------------------------------------------------------------------------


def test_programmes_lists_the_published_awards_in_both_languages(client):
    summit = SummitFactory(year=2024)
    programme = _programme(summit, name="Leading Technology Award", name_zh_hans="领先科技成果奖",
                           description="Honours world-leading achievements.")
    _programme(summit, name="Draft honour", status=DRAFT)
    _programme(summit, name="Straight to Wuzhen", kind=ProgrammeKind.COMPETITION)

    english = _page(client, "/en/summits/2024/awards/")
    chinese = _page(client, "/zh-hans/summits/2024/awards/")

    assert '<html lang="en">' in english
    assert "Leading Technology Award" in english
    assert "Honours world-leading achievements." in english
    assert f'href="/en/summits/2024/awards/{programme.slug}/"' in english
    assert 'aria-current="page">Awards<' in english
    assert "Draft honour" not in english
    assert "Straight to Wuzhen" not in english  # the competition has its own page
    assert '<html lang="zh-hans">' in chinese
    assert "领先科技成果奖" in chinese


def test_programmes_of_an_unknown_or_unpublished_edition_are_not_found(client):
    SummitFactory(year=2023, status=DRAFT)

    assert client.get("/en/summits/2023/awards/").status_code == 404
    assert client.get("/en/summits/1999/awards/").status_code == 404


def test_laureates_are_hidden_until_announced_then_shown_without_private_data(client):
    summit = SummitFactory(year=2024)
    programme = _programme(summit)
    category = AwardCategoryFactory(programme=programme, name="Frontier science")
    organisation = OrganizationFactory(name="Zhejiang Lab")
    laureate = _laureate(programme, nominee_name="Wang Lin", organization=organisation, country="CN",
                         title="Brain-inspired chip", category=category, awarded_rank=1,
                         nominated_by_name="Secret Nominator", nominated_by_email="nominator@example.org")
    _laureate(programme, nominee_kind=NomineeKind.ORGANISATION, nominee_name="", organization=OrganizationFactory(
        name="Wuzhen Robotics"), title="Service robots")
    rejected = NominationFactory(programme=programme, nominee_name="Not Chosen", status=NominationStatus.REJECTED,
                                 nominated_by_email="other@example.org")
    ReviewFactory(nomination=laureate, score="9.37", comment="Outstanding, a juror wrote")
    ReviewFactory(nomination=rejected, score="3.11")
    JuryMemberFactory(programme=programme, name="Juror Ho")

    before = _page(client, "/en/summits/2024/awards/")
    assert "Wang Lin" not in before
    assert "The laureates will be announced at the ceremony." in before

    _announced(programme)
    for url in ("/en/summits/2024/awards/", f"/en/summits/2024/awards/{programme.slug}/"):
        html = _page(client, url)
        assert "Wang Lin" in html
        assert "Zhejiang Lab" in html
        assert "China" in html
        assert "Brain-inspired chip" in html
        assert "Frontier science" in html
        assert "Wuzhen Robotics" in html
        assert '<td class="number">1</td>' in html
        for secret in ("Not Chosen", "nominator@example.org", "other@example.org", "Secret Nominator", "9.37",
                       "3.11", "Outstanding", "Juror Ho", "@"):
            assert secret not in html, (url, secret)


def test_nomination_period_says_open_closed_or_when_it_opens(client):
    summit = SummitFactory(year=2024)
    now = timezone.now()
    _programme(summit, name="Open call", nominations_open=now - datetime.timedelta(days=3),
               nominations_close=now + datetime.timedelta(days=30))
    _programme(summit, name="Closed call", nominations_open=now - datetime.timedelta(days=60),
               nominations_close=now - datetime.timedelta(days=30))
    upcoming_open = now + datetime.timedelta(days=10)
    _programme(summit, name="Future call", nominations_open=upcoming_open,
               nominations_close=now + datetime.timedelta(days=40))

    html = _page(client, "/en/summits/2024/awards/")

    assert html.count(">Nominations open<") == 1
    assert html.count(">Nominations closed<") == 1
    assert html.count(">Nominations not open yet<") == 1
    assert f'Opening date: <time datetime="{timezone.localdate(upcoming_open).isoformat()}">' in html


def test_ceremony_links_to_its_session_only_when_the_session_is_public(client):
    summit = SummitFactory(year=2024)
    public = SessionFactory(forum=ForumFactory(summit=summit), title="Awards ceremony")
    hidden = SessionFactory(forum=ForumFactory(summit=summit, status=DRAFT), title="Secret ceremony")
    _programme(summit, ceremony_session=public)
    _programme(summit, ceremony_session=hidden)

    html = _page(client, "/en/summits/2024/awards/")

    assert f'<a href="/en/summits/2024/sessions/{public.pk}/">Awards ceremony</a>' in html
    assert "Secret ceremony" not in html
    assert f"/sessions/{hidden.pk}/" not in html


def test_programmes_page_queries_do_not_grow_with_programmes_and_laureates(client, django_assert_max_num_queries):
    summit = SummitFactory(year=2024)

    def fill(programmes: int, laureates: int):
        for _ in range(programmes):
            session = SessionFactory(forum=ForumFactory(summit=summit))
            programme = _announced(_programme(summit, ceremony_session=session))
            categories = AwardCategoryFactory.create_batch(2, programme=programme)
            for number in range(laureates):
                _laureate(programme, organization=OrganizationFactory(), category=categories[number % 2],
                          awarded_rank=number + 1)

    fill(1, 2)
    with django_assert_max_num_queries(4):
        assert client.get("/en/summits/2024/awards/").status_code == 200
    fill(6, 8)
    with django_assert_max_num_queries(4):
        html = client.get("/zh-hans/summits/2024/awards/").content.decode()
    assert html.count("<tr>") == 7 * 1 + 2 + 6 * 8  # one header row per programme
    with django_assert_max_num_queries(0):
        assert client.get("/zh-hans/summits/2024/awards/").content.decode() == html


def test_publishing_a_programme_shows_on_the_next_request(client):
    summit = SummitFactory(year=2024)
    draft = _programme(summit, name="Newly published award", status=DRAFT)
    assert "Newly published award" not in _page(client, "/en/summits/2024/awards/")
    assert client.get(f"/en/summits/2024/awards/{draft.slug}/").status_code == 404

    draft.status = PUBLISHED
    draft.save()

    assert "Newly published award" in _page(client, "/en/summits/2024/awards/")
    assert client.get(f"/en/summits/2024/awards/{draft.slug}/").status_code == 200


# --- One programme ----------------------------------------------------------------------------------------------


def test_programme_shows_categories_criteria_and_laureates_by_category(client):
    summit = SummitFactory(year=2024)
    programme = _announced(_programme(summit, name="Best Practices", name_zh_hans="最佳实践案例",
                                      criteria="Impact and originality.", kind=ProgrammeKind.BEST_PRACTICE))
    health = AwardCategoryFactory(programme=programme, name="Digital health", name_zh_hans="数字健康",
                                  description="Care at a distance.", order=1)
    farming = AwardCategoryFactory(programme=programme, name="Smart farming", order=2)
    _laureate(programme, nominee_name="Second in farming", category=farming, awarded_rank=2)
    _laureate(programme, nominee_name="First in farming", category=farming, awarded_rank=1)
    _laureate(programme, nominee_name="Health laureate", category=health)

    english = _page(client, f"/en/summits/2024/awards/{programme.slug}/")
    chinese = _page(client, f"/zh-hans/summits/2024/awards/{programme.slug}/")

    assert "<h1>Best Practices</h1>" in english
    assert "Care at a distance." in english
    assert "Impact and originality." in english
    assert 'aria-current="page">Awards<' in english
    laureates = english[english.index('id="laureates"'):]
    assert (laureates.index("<h3>Digital health</h3>") < laureates.index("Health laureate")
            < laureates.index("<h3>Smart farming</h3>") < laureates.index("First in farming")
            < laureates.index("Second in farming"))
    assert "<h1>最佳实践案例</h1>" in chinese
    assert "数字健康" in chinese


def test_programme_before_the_announcement_hides_its_laureates(client):
    programme = _programme()
    _laureate(programme, nominee_name="Early Bird")

    html = _page(client, f"/en/summits/2024/awards/{programme.slug}/")

    assert "Early Bird" not in html
    assert "The laureates will be announced at the ceremony." in html


def test_programme_unknown_unpublished_or_of_another_edition_is_not_found(client):
    programme = _programme()
    draft = _programme(status=DRAFT)
    other_edition = _programme(SummitFactory(year=2023))
    hidden_edition = _programme(SummitFactory(year=2022, status=DRAFT))

    assert client.get(f"/en/summits/2024/awards/{programme.slug}/").status_code == 200
    assert client.get(f"/en/summits/2024/awards/{draft.slug}/").status_code == 404
    assert client.get(f"/en/summits/2024/awards/{other_edition.slug}/").status_code == 404
    assert client.get(f"/en/summits/2022/awards/{hidden_edition.slug}/").status_code == 404
    assert client.get("/en/summits/2024/awards/no-such-award/").status_code == 404


def test_programme_page_queries_do_not_grow(client, django_assert_max_num_queries):
    programme = _announced(_programme(ceremony_session=SessionFactory(forum=ForumFactory(summit=SummitFactory()))))
    url = f"/en/summits/2024/awards/{programme.slug}/"

    def fill(count: int):
        categories = AwardCategoryFactory.create_batch(count, programme=programme)
        for category in categories:
            _laureate(programme, category=category, organization=OrganizationFactory())

    fill(2)
    with django_assert_max_num_queries(5):  # the programme (with its edition's expo, for the nav), categories,
        # laureates and review criteria
        small = client.get(url)
    fill(20)
    with django_assert_max_num_queries(5):
        large = client.get(url, {"fresh": 1})

    assert [small.status_code, large.status_code] == [200, 200]
    assert [_laureate_rows(response.content.decode()) for response in (small, large)] == [2, 22]


def test_a_competition_programme_is_in_the_competition_section(client):
    programme = _programme(kind=ProgrammeKind.COMPETITION, name="Straight to Wuzhen")
    AwardCategoryFactory(programme=programme, name="AI+ track")

    html = _page(client, f"/en/summits/2024/awards/{programme.slug}/")

    assert 'aria-current="page">Competition<' in html
    assert "<h2 id=\"categories\">Tracks</h2>" in html
    assert 'href="/en/summits/2024/competition/"' in html


# --- The competition --------------------------------------------------------------------------------------------


def test_competition_shows_tracks_and_winners_by_track_with_rank(client):
    summit = SummitFactory(year=2024)
    competition = _announced(_programme(summit, kind=ProgrammeKind.COMPETITION, name="Straight to Wuzhen",
                                        name_zh_hans="直通乌镇", description="A global start-up competition."))
    ai = AwardCategoryFactory(programme=competition, name="AI+ Innovative Applications", order=1)
    economy = AwardCategoryFactory(programme=competition, name="Digital Economy", order=2)
    _laureate(competition, nominee_kind=NomineeKind.ORGANISATION, nominee_name="", category=ai, awarded_rank=1,
              organization=OrganizationFactory(name="Cloudbridge"), title="Speech for every language")
    _laureate(competition, nominee_name="Economy winner", category=economy, awarded_rank=1)
    NominationFactory(programme=competition, nominee_name="Finalist only", category=ai,
                      status=NominationStatus.SHORTLISTED)
    _programme(summit, name="An award, not the competition")

    english = _page(client, "/en/summits/2024/competition/")
    chinese = _page(client, "/zh-hans/summits/2024/competition/")

    assert 'aria-current="page">Competition<' in english
    assert "A global start-up competition." in english
    assert english.index("<h4>AI+ Innovative Applications</h4>") < english.index("Cloudbridge") < english.index(
        "<h4>Digital Economy</h4>") < english.index("Economy winner")
    assert "Speech for every language" in english
    assert "Finalist only" not in english
    assert "An award, not the competition" not in english
    assert "直通乌镇" in chinese


def test_competition_winners_wait_for_the_announcement(client):
    competition = _programme(kind=ProgrammeKind.COMPETITION)
    _laureate(competition, nominee_name="Future winner")

    html = _page(client, "/en/summits/2024/competition/")

    assert "Future winner" not in html
    assert "The winners will be announced at the final." in html


def test_an_edition_without_competition_has_a_friendly_empty_page(client):
    _programme(name="Only an award")

    html = _page(client, "/en/summits/2024/competition/")

    assert "This edition has no competition." in html
    assert 'href="/en/summits/2024/awards/"' in html
    assert client.get("/en/summits/2031/competition/").status_code == 404


def test_competition_page_queries_do_not_grow(client, django_assert_max_num_queries):
    summit = SummitFactory(year=2024)

    def fill(winners: int):
        competition = _announced(_programme(summit, kind=ProgrammeKind.COMPETITION))
        tracks = AwardCategoryFactory.create_batch(2, programme=competition)
        for number in range(winners):
            _laureate(competition, category=tracks[number % 2], organization=OrganizationFactory())

    fill(2)
    with django_assert_max_num_queries(4):
        small = client.get("/en/summits/2024/competition/")
    fill(20)
    with django_assert_max_num_queries(4):
        large = client.get("/en/summits/2024/competition/", {"fresh": 1})

    assert [small.status_code, large.status_code] == [200, 200]
    # both competitions' winners, one row each
    assert [_laureate_rows(response.content.decode()) for response in (small, large)] == [2, 22]


# --- The sitemap ------------------------------------------------------------------------------------------------


def test_sitemap_lists_the_awards_pages_of_published_programmes(client, django_assert_max_num_queries):
    summit = SummitFactory(year=2024)
    award = _programme(summit)
    _programme(summit, kind=ProgrammeKind.COMPETITION, slug="straight-to-wuzhen")
    draft = _programme(SummitFactory(year=2023), status=DRAFT)

    from awards.sitemaps import SITEMAPS

    with django_assert_max_num_queries(1):
        programmes = SITEMAPS["award-programmes"]().items()
    assert [programme.slug for programme in programmes] == [award.slug, "straight-to-wuzhen"]

    xml = client.get("/sitemap.xml").content.decode()

    assert "/en/summits/2024/awards/</loc>" in xml
    assert f"/zh-hans/summits/2024/awards/{award.slug}/</loc>" in xml
    assert "/en/summits/2024/competition/</loc>" in xml
    assert draft.slug not in xml
    assert "/summits/2023/awards/" not in xml
    assert "/summits/2023/competition/" not in xml


# --- Issue 14: the public criteria are the configured ones --------------------------------------------------------


@pytest.mark.parametrize(("lang", "rows"), [
    ("en", ["Originality | 2 (40% of the score) | How new the achievement is in its field.",
            "Impact | 2 (40% of the score) | What it changed.", "Leadership | 1 (20% of the score) |"]),
    ("zh-hans", ["原创性 | 2（占总分的40%） | 成果在其领域的创新程度。",
                 "影响力 | 2（占总分的40%） | 成果带来的改变。", "引领性 | 1（占总分的20%） |"]),
])
def test_programme_page_lists_the_configured_criteria_and_weights(client, lang, rows):
    programme = _programme(criteria="Originality and impact, weight 1 each.",
                           criteria_zh_hans="原创性和影响力，权重各为1。")
    for order, name, description, weight in [
            (0, ("Originality", "原创性"), ("How new the achievement is in its field.", "成果在其领域的创新程度。"),
             2),
            (2, ("Leadership", "引领性"), ("", ""), 1),
            (1, ("Impact", "影响力"), ("What it changed.", "成果带来的改变。"), 2)]:
        ReviewCriterionFactory(programme=programme, name=name[0], name_zh_hans=name[1], description=description[0],
                               description_zh_hans=description[1], weight=weight, order=order)

    html = _page(client, f"/{lang}/summits/2024/awards/{programme.slug}/")

    table = re.search(r'<table class="data-table criteria">.*?</table>', html, flags=re.DOTALL).group(0)
    shown = [" | ".join(re.sub(r"<[^>]+>", "", cell).strip()
                        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.DOTALL))
             for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], flags=re.DOTALL)]
    assert [row.strip() for row in shown] == [row.strip() for row in rows]
    assert "weight 1 each" not in html and "权重各为1" not in html


def test_programme_page_without_criteria_shows_the_words_organizers_wrote(client):
    programme = _programme(criteria="Originality and impact.")

    html = _page(client, f"/en/summits/2024/awards/{programme.slug}/")

    assert "Originality and impact." in html and "data-table criteria" not in html

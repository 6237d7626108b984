"""The public pages of the expo: the exhibitor directory, an exhibitor, an exhibit and the online cloud hall."""

import datetime
import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from core.enums import PublicationStatus
from expo.enums import ExhibitCategory, ExhibitorStatus
from tests.factories.expo import (
    BoothFactory,
    ExhibitFactory,
    ExhibitImageFactory,
    ExhibitorFactory,
    ExpoFactory,
    HallFactory,
)
from tests.factories.members import OrganizationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED
DRAFT = PublicationStatus.DRAFT


def _png(name: str) -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", (120, 80), "red").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)


def _page(client, url, query=None):
    response = client.get(url, query or {})
    assert response.status_code == 200, url
    html = response.content.decode()
    assert "style=" not in html
    assert "<style" not in html
    return html


@pytest.fixture
def expo():
    """The 2024 expo, its online hall open from a week ago to a month ahead."""
    today = timezone.localdate()
    return ExpoFactory(summit=SummitFactory(year=2024), online_hall_open_from=today - datetime.timedelta(days=7),
                       online_hall_open_until=today + datetime.timedelta(days=30),
                       description="The expo focuses on artificial intelligence.")


def _exhibitor(expo, name="Cloudbridge Technologies", **kwargs):
    organization = OrganizationFactory(name=name, name_zh_hans=kwargs.pop("name_zh_hans", f"{name}（中文）"),
                                       slug=kwargs.pop("slug", None) or name.lower().replace(" ", "-"))
    return ExhibitorFactory(expo=expo, organization=organization, contact_email="contact@exhibitor.example",
                            contact_name="Private Contact", **kwargs)


# --- The expo and its directory ---------------------------------------------------------------------------------


def test_expo_page_shows_the_expo_and_its_public_exhibitors_in_both_languages(client, expo):
    booth = BoothFactory(hall=HallFactory(expo=expo, name="AI Hall", name_zh_hans="人工智能馆"), code="A-12")
    shown = _exhibitor(expo, booth=booth, logo=_png("logo.png"))
    ExhibitFactory.create_batch(2, exhibitor=shown)
    ExhibitFactory(exhibitor=shown, status=DRAFT)
    _exhibitor(expo, "Applicant Only", application_status=ExhibitorStatus.APPLIED)
    _exhibitor(expo, "Unpublished Exhibitor", status=DRAFT)

    english = _page(client, "/en/summits/2024/expo/")
    chinese = _page(client, "/zh-hans/summits/2024/expo/")

    assert '<html lang="en">' in english
    assert "<h1>Light of the Internet Expo 2024</h1>" in english
    assert "artificial intelligence" in english
    assert "The expo focuses on artificial intelligence." in english
    assert 'aria-current="page">Expo<' in english
    link = '<a href="/en/summits/2024/expo/exhibitors/cloudbridge-technologies/">Cloudbridge Technologies</a>'
    assert link in english
    assert "China" in english
    assert "Booth A-12, AI Hall" in english
    assert "2 exhibits" in english
    assert 'href="/en/summits/2024/expo/online/"' in english
    assert ">Open today<" in english
    assert "Applicant Only" not in english
    assert "Unpublished Exhibitor" not in english
    assert "contact@exhibitor.example" not in english
    assert "Private Contact" not in english
    logo = re.search(r'<img src="(/media/thumbs/[^"]+\.webp)" alt="Cloudbridge Technologies" width="96" height="64"',
                     english)
    assert logo, "the logo is shown as a thumbnail"
    assert "expo/logos/" not in english
    assert '<html lang="zh-hans">' in chinese
    assert "2024年“互联网之光”博览会" in chinese
    assert "Cloudbridge Technologies（中文）" in chinese
    assert "人工智能馆" in chinese


def test_expo_of_an_unknown_or_unpublished_edition_or_unpublished_is_not_found(client):
    ExpoFactory(summit=SummitFactory(year=2023), status=DRAFT)
    ExpoFactory(summit=SummitFactory(year=2022, status=DRAFT))
    SummitFactory(year=2021)

    for year in (2023, 2022, 2021, 1999):
        assert client.get(f"/en/summits/{year}/expo/").status_code == 404, year
        assert client.get(f"/en/summits/{year}/expo/online/").status_code == 404, year


def test_category_filter_keeps_exhibitors_with_a_public_exhibit_of_that_category(client, expo):
    health = _exhibitor(expo, "Health Company")
    ExhibitFactory(exhibitor=health, category=ExhibitCategory.DIGITAL_HEALTH)
    robots = _exhibitor(expo, "Robot Company")
    ExhibitFactory(exhibitor=robots, category=ExhibitCategory.AI)
    ExhibitFactory(exhibitor=robots, category=ExhibitCategory.DIGITAL_HEALTH, status=DRAFT)

    filtered = _page(client, "/en/summits/2024/expo/", {"category": "digital_health"})
    everyone = _page(client, "/en/summits/2024/expo/", {"category": "no-such-category"})

    assert "Health Company" in filtered
    assert "Robot Company" not in filtered
    assert '<option value="digital_health" selected>' in filtered
    assert '<label for="category">' in filtered
    assert "Health Company" in everyone
    assert "Robot Company" in everyone


def test_new_releases_are_highlighted(client, expo):
    exhibitor = _exhibitor(expo)
    ExhibitFactory(exhibitor=exhibitor, title="Humanoid robot", is_new_release=True)
    ExhibitFactory(exhibitor=exhibitor, title="Old product")
    ExhibitFactory(exhibitor=exhibitor, title="Unpublished launch", is_new_release=True, status=DRAFT)

    html = _page(client, "/en/summits/2024/expo/")
    releases = html[html.index('id="new-releases"'):html.index('id="exhibitors"')]

    assert "Humanoid robot" in releases
    assert ">New release<" in releases
    assert "Old product" not in releases
    assert "Unpublished launch" not in html


def test_expo_page_queries_do_not_grow_with_exhibitors(client, expo, django_assert_max_num_queries):
    def fill(count: int):
        for number in range(count):
            exhibitor = _exhibitor(expo, f"Exhibitor {fill.made + number}", booth=BoothFactory(hall__expo=expo))
            ExhibitImageFactory(exhibit=ExhibitFactory(exhibitor=exhibitor, is_new_release=True))
        fill.made += count

    fill.made = 0
    fill(2)
    with django_assert_max_num_queries(4):
        assert client.get("/en/summits/2024/expo/").status_code == 200
    fill(15)
    with django_assert_max_num_queries(4):
        html = client.get("/en/summits/2024/expo/", {"category": "ai"}).content.decode()
    assert html.count('class="card card-media"') == 17
    with django_assert_max_num_queries(0):
        assert client.get("/en/summits/2024/expo/", {"category": "ai"}).content.decode() == html


def test_publishing_an_exhibitor_shows_on_the_next_request(client, expo):
    draft = _exhibitor(expo, "Late Exhibitor", status=DRAFT)
    assert "Late Exhibitor" not in _page(client, "/en/summits/2024/expo/")

    draft.status = PUBLISHED
    draft.save()

    assert "Late Exhibitor" in _page(client, "/en/summits/2024/expo/")


# --- An exhibitor -----------------------------------------------------------------------------------------------


def test_exhibitor_page_shows_its_public_exhibits_as_cards(client, expo):
    booth = BoothFactory(hall=HallFactory(expo=expo, name="Digital Life Hall"), code="C-04")
    exhibitor = _exhibitor(expo, booth=booth, website="https://cloudbridge.example/",
                           description="Cloud services for small exporters.")
    exhibit = ExhibitFactory(exhibitor=exhibitor, title="Autonomous shuttle", title_zh_hans="自动驾驶接驳车",
                             summary="A driverless bus.", category=ExhibitCategory.DIGITAL_TRAVEL,
                             is_new_release=True)
    ExhibitImageFactory(exhibit=exhibit, alt_text="A white minibus without a driver")
    ExhibitFactory(exhibitor=exhibitor, title="Secret prototype", status=DRAFT)

    english = _page(client, "/en/summits/2024/expo/exhibitors/cloudbridge-technologies/")
    chinese = _page(client, "/zh-hans/summits/2024/expo/exhibitors/cloudbridge-technologies/")

    assert "<h1>Cloudbridge Technologies</h1>" in english
    assert "Cloud services for small exporters." in english
    assert 'href="https://cloudbridge.example/"' in english
    assert "Booth C-04, Digital Life Hall" in english
    assert f'href="/en/summits/2024/expo/exhibitors/cloudbridge-technologies/{exhibit.slug}/">Autonomous shuttle</a>' \
        in english
    assert ">Digital travel<" in english
    assert ">New release<" in english
    assert "A driverless bus." in english
    assert re.search(r'<img src="/media/thumbs/[^"]+_320x200_crop\.webp" alt="A white minibus without a driver" '
                     r'width="320" height="200"', english)
    assert "expo/exhibits/" not in english
    assert "Secret prototype" not in english
    assert "contact@exhibitor.example" not in english
    assert "Private Contact" not in english
    assert "自动驾驶接驳车" in chinese


def test_exhibitor_not_public_is_not_found(client, expo):
    _exhibitor(expo, "Applicant", application_status=ExhibitorStatus.APPLIED)
    _exhibitor(expo, "Draft Exhibitor", status=DRAFT)
    _exhibitor(ExpoFactory(summit=SummitFactory(year=2023)), "Last Year")
    _exhibitor(expo, "Shown")

    assert client.get("/en/summits/2024/expo/exhibitors/shown/").status_code == 200
    assert client.get("/en/summits/2024/expo/exhibitors/applicant/").status_code == 404
    assert client.get("/en/summits/2024/expo/exhibitors/draft-exhibitor/").status_code == 404
    assert client.get("/en/summits/2024/expo/exhibitors/last-year/").status_code == 404
    assert client.get("/en/summits/2024/expo/exhibitors/nobody/").status_code == 404
    expo.status = DRAFT
    expo.save()
    assert client.get("/en/summits/2024/expo/exhibitors/shown/").status_code == 404


def test_exhibitor_page_queries_do_not_grow(client, expo, django_assert_max_num_queries):
    exhibitor = _exhibitor(expo, booth=BoothFactory(hall__expo=expo))
    url = "/en/summits/2024/expo/exhibitors/cloudbridge-technologies/"

    def fill(count: int):
        for exhibit in ExhibitFactory.create_batch(count, exhibitor=exhibitor):
            ExhibitImageFactory.create_batch(2, exhibit=exhibit)

    fill(2)
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200
    fill(15)
    with django_assert_max_num_queries(3):
        html = client.get(url, {"fresh": 1}).content.decode()
    assert html.count('class="card exhibit-card"') == 17


# --- An exhibit -------------------------------------------------------------------------------------------------


def test_exhibit_page_shows_its_images_as_thumbnails_with_alt_and_caption(client, expo, settings):
    settings.SITE_URL = "https://www.wicinternet.example"
    exhibitor = _exhibitor(expo)
    exhibit = ExhibitFactory(exhibitor=exhibitor, title="Humanoid robot", title_zh_hans="人形机器人",
                             summary="Walks and waves.", description="Built in Hangzhou.",
                             category=ExhibitCategory.AI, is_new_release=True)
    ExhibitImageFactory(exhibit=exhibit, caption="On the stand", order=1)
    ExhibitImageFactory(exhibit=exhibit, alt_text="The robot's hand", order=2)
    url = f"/summits/2024/expo/exhibitors/cloudbridge-technologies/{exhibit.slug}/"

    english = _page(client, f"/en{url}")
    chinese = _page(client, f"/zh-hans{url}")

    assert "<h1>Humanoid robot</h1>" in english
    assert "Walks and waves." in english
    assert "Built in Hangzhou." in english
    assert ">Artificial intelligence<" in english
    assert ">New release<" in english
    assert 'href="/en/summits/2024/expo/exhibitors/cloudbridge-technologies/"' in english
    images = re.findall(r'<img src="(/media/thumbs/[^"]+_640x400\.webp)" alt="([^"]+)" width="32" height="24"',
                        english)
    assert [alt for _, alt in images] == ["A humanoid robot waving at visitors", "The robot&#x27;s hand"]
    assert "<figcaption>On the stand</figcaption>" in english
    assert "expo/exhibits/" not in english
    assert f'<meta property="og:image" content="https://www.wicinternet.example{images[0][0]}">' in english
    assert "<h1>人形机器人</h1>" in chinese
    assert 'alt="向观众挥手的人形机器人"' in chinese


def test_exhibit_not_public_is_not_found(client, expo):
    shown = _exhibitor(expo, "Shown")
    exhibit = ExhibitFactory(exhibitor=shown)
    draft = ExhibitFactory(exhibitor=shown, status=DRAFT)
    hidden = ExhibitFactory(exhibitor=_exhibitor(expo, "Applicant", application_status=ExhibitorStatus.APPLIED))
    _exhibitor(expo, "Someone Else")

    assert client.get(f"/en/summits/2024/expo/exhibitors/shown/{exhibit.slug}/").status_code == 200
    assert client.get(f"/en/summits/2024/expo/exhibitors/shown/{draft.slug}/").status_code == 404
    assert client.get(f"/en/summits/2024/expo/exhibitors/applicant/{hidden.slug}/").status_code == 404
    assert client.get(f"/en/summits/2024/expo/exhibitors/someone-else/{exhibit.slug}/").status_code == 404
    assert client.get(f"/en/summits/2023/expo/exhibitors/shown/{exhibit.slug}/").status_code == 404


def test_exhibit_page_queries_do_not_grow_with_images(client, expo, django_assert_max_num_queries):
    exhibit = ExhibitFactory(exhibitor=_exhibitor(expo, booth=BoothFactory(hall__expo=expo)))
    url = f"/en/summits/2024/expo/exhibitors/cloudbridge-technologies/{exhibit.slug}/"

    ExhibitImageFactory(exhibit=exhibit)
    with django_assert_max_num_queries(2):
        assert client.get(url).status_code == 200
    ExhibitImageFactory.create_batch(8, exhibit=exhibit)
    with django_assert_max_num_queries(2):
        html = client.get(url, {"fresh": 1}).content.decode()
    assert html.count("<figure>") == 9


# --- The online hall --------------------------------------------------------------------------------------------


def test_online_hall_when_open_lists_the_exhibits_shown_online_by_category(client, expo):
    exhibitor = _exhibitor(expo)
    robot = ExhibitFactory(exhibitor=exhibitor, title="Robot arm", title_zh_hans="机械臂", category=ExhibitCategory.AI)
    ExhibitImageFactory(exhibit=robot)
    ExhibitFactory(exhibitor=exhibitor, title="Clinic app", category=ExhibitCategory.DIGITAL_HEALTH)
    ExhibitFactory(exhibitor=exhibitor, title="On site only", shown_online=False)
    ExhibitFactory(exhibitor=exhibitor, title="Unpublished", status=DRAFT)

    english = _page(client, "/en/summits/2024/expo/online/")
    chinese = _page(client, "/zh-hans/summits/2024/expo/online/")

    assert "The online hall is open." in english
    assert (english.index(">Artificial intelligence</h2>") < english.index("Robot arm")
            < english.index(">Digital health</h2>") < english.index("Clinic app"))
    assert 'href="/en/summits/2024/expo/exhibitors/cloudbridge-technologies/">Cloudbridge Technologies</a>' in english
    assert re.search(r'<img src="/media/thumbs/[^"]+_320x200_crop\.webp" alt="A humanoid robot waving at visitors"',
                     english)
    assert "expo/exhibits/" not in english
    assert "On site only" not in english
    assert "Unpublished" not in english
    assert 'aria-current="page">Expo<' in english
    assert "机械臂" in chinese


def test_online_hall_when_closed_says_so_and_lists_nothing(client, expo):
    today = timezone.localdate()
    expo.online_hall_open_from = today - datetime.timedelta(days=60)
    expo.online_hall_open_until = today - datetime.timedelta(days=1)
    expo.save()
    ExhibitFactory(exhibitor=_exhibitor(expo), title="Robot arm")

    html = _page(client, "/en/summits/2024/expo/online/")

    assert "The online hall is closed." in html
    assert f'Last day: <time datetime="{(today - datetime.timedelta(days=1)).isoformat()}">' in html
    assert "Robot arm" not in html
    assert ">Closed today<" in _page(client, "/en/summits/2024/expo/")


def test_online_hall_not_open_yet_gives_its_first_day(client, expo):
    first_day = timezone.localdate() + datetime.timedelta(days=5)
    expo.online_hall_open_from = first_day
    expo.save()
    ExhibitFactory(exhibitor=_exhibitor(expo), title="Robot arm")

    html = _page(client, "/en/summits/2024/expo/online/")

    assert "The online hall is not open yet." in html
    assert f'First day: <time datetime="{first_day.isoformat()}">' in html
    assert "Robot arm" not in html


def test_online_hall_queries_do_not_grow(client, expo, django_assert_max_num_queries):
    def fill(count: int):
        for exhibitor in ExhibitorFactory.create_batch(count, expo=expo):
            ExhibitImageFactory(exhibit=ExhibitFactory(exhibitor=exhibitor))

    fill(2)
    with django_assert_max_num_queries(3):
        assert client.get("/en/summits/2024/expo/online/").status_code == 200
    fill(15)
    with django_assert_max_num_queries(3):
        html = client.get("/en/summits/2024/expo/online/", {"fresh": 1}).content.decode()
    assert html.count('class="card exhibit-card"') == 17


# --- The sitemap ------------------------------------------------------------------------------------------------


def test_sitemap_lists_the_public_expo_pages_in_one_query_each(client, expo, django_assert_max_num_queries):
    from expo.sitemaps import SITEMAPS

    exhibit = ExhibitFactory(exhibitor=_exhibitor(expo, "Shown"))
    ExhibitFactory(exhibitor=_exhibitor(expo, "Applicant", application_status=ExhibitorStatus.APPLIED))
    # A draft expo of a published edition, with an approved, published exhibitor and a published exhibit shown
    # online: only the expo's own status keeps them out.
    draft_expo = ExpoFactory(summit=SummitFactory(year=2023), status=DRAFT)
    hidden = ExhibitFactory(exhibitor=_exhibitor(draft_expo, "Hidden"), status=PUBLISHED)

    for name, sitemap in SITEMAPS.items():
        with django_assert_max_num_queries(1):
            items = sitemap().items()
        with django_assert_max_num_queries(0):
            [sitemap().location(item) for item in items]
        assert items, name

    xml = client.get("/sitemap.xml").content.decode()

    def pages(year: int, exhibitor: str, exhibit_slug: str) -> list[str]:
        """The expo, online hall, exhibitor and exhibit addresses, in both languages."""
        return [f"/{language}/summits/{year}/expo/{path}</loc>" for language in ("en", "zh-hans")
                for path in ("", "online/", f"exhibitors/{exhibitor}/", f"exhibitors/{exhibitor}/{exhibit_slug}/")]

    assert [page for page in pages(2024, "shown", exhibit.slug) if page not in xml] == []
    assert [page for page in pages(2023, "hidden", hidden.slug) if page in xml] == []
    assert "applicant" not in xml
    assert "/summits/2023/expo/" not in xml


# --- The way to apply -------------------------------------------------------------------------------------------


def test_expo_page_of_the_current_edition_links_to_the_application_form(client, expo):
    ExpoFactory(summit=SummitFactory(year=2023))

    current = _page(client, "/en/summits/2024/expo/")
    past = _page(client, "/en/summits/2023/expo/")

    assert '<a class="button" href="/en/summits/2024/expo/apply/">Apply to exhibit</a>' in current
    assert "/expo/apply/" not in past

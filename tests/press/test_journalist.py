"""What an accredited journalist gets through guests' own surfaces: a badge that says PRESS and their role, the
press conferences on their own page; and the dashboard counts them apart from the guests."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image, ImageDraw

from core.enums import PublicationStatus
from forums.enums import ForumKind
from guests import badges, links
from guests.enums import RegistrationSource, RegistrationStatus
from press.enums import AccreditationStatus, PressRole
from tests.factories.forums import ForumFactory
from tests.factories.guests import RegistrationFactory
from tests.factories.press import PressAccreditationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

BAND_TOP = badges.HEIGHT - 80


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


@pytest.fixture
def accredited(summit):
    return PressAccreditationFactory(
        registration__summit=summit, registration__status=RegistrationStatus.APPROVED,
        registration__guest__language="en", role=PressRole.PHOTOGRAPHER, status=AccreditationStatus.ACCREDITED,
    )


def band_of(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB").crop((0, BAND_TOP, badges.WIDTH, badges.HEIGHT))


def drawn_band(label: str, colour) -> Image.Image:
    """The foot band as badges draws it, with ``label``: what the downloaded badge must show."""
    image = Image.new("RGB", (badges.WIDTH, badges.HEIGHT), badges.WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, BAND_TOP, badges.WIDTH, badges.HEIGHT), fill=colour)
    badges._centered(draw, badges.HEIGHT - 60, label, badges._font("bold", 26), badges.WHITE, max_lines=1)
    return image.crop((0, BAND_TOP, badges.WIDTH, badges.HEIGHT))


def badge_png(client, registration) -> bytes:
    response = client.get(f"{links.manage_url(registration, absolute=False)}badge.png")
    assert response.status_code == 200
    return response.content


def test_an_accredited_journalists_badge_says_press_and_the_role_on_a_red_band(client, accredited):
    band = band_of(badge_png(client, accredited.registration))

    assert band.getpixel((5, 5)) == (178, 34, 34)
    assert band.tobytes() == drawn_band("PRESS · Photographer", (178, 34, 34)).tobytes()


def test_the_press_band_is_in_the_journalists_language(client, accredited):
    guest = accredited.registration.guest
    guest.language = "zh-hans"
    guest.save()

    band = band_of(badge_png(client, accredited.registration))

    assert band.tobytes() == drawn_band("媒体 · 摄影记者", (178, 34, 34)).tobytes()


def test_a_guests_badge_keeps_its_category_band(client, summit):
    registration = RegistrationFactory(summit=summit, status=RegistrationStatus.APPROVED)

    band = band_of(badge_png(client, registration))

    assert band.getpixel((5, 5)) == badges.ACCENT
    assert band.tobytes() == drawn_band("Government · On site in Wuzhen", badges.ACCENT).tobytes()


def test_the_journalists_page_lists_the_press_conferences_they_may_attend(client, accredited, summit):
    ForumFactory(summit=summit, kind=ForumKind.PRESS_CONFERENCE, title="Press conference: Straight to Wuzhen",
                 status=PublicationStatus.PUBLISHED)
    ForumFactory(summit=summit, kind=ForumKind.PRESS_CONFERENCE, title="Draft press conference",
                 status=PublicationStatus.DRAFT)
    ForumFactory(summit=summit, kind=ForumKind.SUB_FORUM, title="AI Forum", status=PublicationStatus.PUBLISHED)

    response = client.get(links.manage_url(accredited.registration, absolute=False))

    text = response.content.decode()
    assert "Press conferences you may attend" in text
    assert "Press conference: Straight to Wuzhen" in text
    assert "Draft press conference" not in text and "AI Forum" not in text


def test_an_applicant_does_not_see_press_conferences_yet(client, summit):
    applied = PressAccreditationFactory(registration__summit=summit)
    ForumFactory(summit=summit, kind=ForumKind.PRESS_CONFERENCE, title="Press conference: Straight to Wuzhen",
                 status=PublicationStatus.PUBLISHED)

    text = client.get(links.manage_url(applied.registration, absolute=False)).content.decode()

    assert "Press conferences you may attend" not in text


def test_dashboard_counts_journalists_apart_from_guests(organizer_client, summit, django_assert_max_num_queries):
    RegistrationFactory.create_batch(2, summit=summit, status=RegistrationStatus.APPROVED)
    for country in ("CN", "CN", "GB"):
        PressAccreditationFactory(registration__summit=summit, outlet_country=country,
                                  registration__status=RegistrationStatus.APPROVED,
                                  status=AccreditationStatus.ACCREDITED)
    PressAccreditationFactory(registration__summit=summit)
    PressAccreditationFactory(registration__summit=summit, status=AccreditationStatus.REJECTED,
                              registration__status=RegistrationStatus.REJECTED)
    url = reverse("admin:guests_registration_dashboard")

    with django_assert_max_num_queries(20):
        response = organizer_client.get(url, {"summit": summit.pk})

    dashboard = response.context["dashboard"]
    assert (dashboard.registration_count, dashboard.guest_count) == (2, 2)  # the journalists are not guests
    sections = {section.caption: section for section in dashboard.sections}  # other apps add theirs
    status = sections["Press accreditations by status"]
    countries = sections["Accredited journalists by country or region of their outlet"]
    assert {bar.key: bar.count for bar in status.bars} == {"applied": 1, "accredited": 3, "rejected": 1,
                                                           "withdrawn": 0}
    assert [(bar.key, bar.count) for bar in countries.bars] == [("CN", 2), ("GB", 1)]
    assert "Accredited journalists by country or region of their outlet" in response.content.decode()


def test_dashboard_queries_do_not_grow_with_the_press(organizer_client, summit, django_assert_num_queries):
    url = reverse("admin:guests_registration_dashboard")
    PressAccreditationFactory(registration__summit=summit, status=AccreditationStatus.ACCREDITED)
    with CaptureQueriesContext(connection) as few:
        organizer_client.get(url, {"summit": summit.pk})
    for country in ("FR", "DE", "JP", "BR", "KE"):
        PressAccreditationFactory(registration__summit=summit, outlet_country=country,
                                  status=AccreditationStatus.ACCREDITED)
    with django_assert_num_queries(len(few.captured_queries)):
        organizer_client.get(url, {"summit": summit.pk})


def test_registration_source_is_press(accredited):
    assert accredited.registration.source == RegistrationSource.PRESS


@pytest.mark.parametrize(("lang", "expected", "guest_wording"), [
    ("en", ["Your press accreditation", "Forums you cover", "Change the forums you cover"],
     ["Your forums", "Change forums<"]),
    ("zh-hans", ["您的媒体注册", "您采访报道的论坛", "更改采访报道的论坛"], ["您的论坛"]),
])
def test_a_journalists_page_speaks_of_the_forums_they_cover(client, accredited, lang, expected, guest_wording):
    url = links.manage_url(accredited.registration, absolute=False).replace("/en/", f"/{lang}/", 1)
    text = client.get(url).content.decode()
    for wording in expected:
        assert wording in text
    for wording in guest_wording:
        assert wording not in text

    forums_page = client.get(f"{url}forums/").content.decode()
    assert expected[2] in forums_page


import datetime

import pytest

from core.enums import PublicationStatus
from expo.enums import ExhibitorStatus
from expo.selectors import online_hall_exhibits, online_hall_is_open
from tests.factories.expo import ExhibitFactory, ExhibitImageFactory, ExhibitorFactory, ExpoFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

OPEN_FROM = datetime.date(2024, 11, 19)
OPEN_UNTIL = datetime.date(2025, 11, 18)


@pytest.fixture
def expo():
    return ExpoFactory(online_hall_open_from=OPEN_FROM, online_hall_open_until=OPEN_UNTIL)


@pytest.mark.parametrize(
    ("day", "is_open"),
    [
        (datetime.date(2024, 11, 18), False),
        (OPEN_FROM, True),
        (datetime.date(2025, 5, 1), True),
        (OPEN_UNTIL, True),
        (datetime.date(2025, 11, 19), False),
    ],
)
def test_online_hall_is_open_when_day_is_around_the_window(expo, day, is_open):
    assert online_hall_is_open(expo, day) is is_open


def test_online_hall_is_open_when_no_last_day_stays_open():
    expo = ExpoFactory(online_hall_open_from=OPEN_FROM, online_hall_open_until=None)

    assert online_hall_is_open(expo, datetime.date(2030, 1, 1)) is True
    assert online_hall_is_open(expo, datetime.date(2024, 11, 1)) is False


def test_online_hall_is_open_when_no_first_day_is_closed():
    expo = ExpoFactory(online_hall_open_from=None, online_hall_open_until=None)

    assert online_hall_is_open(expo, OPEN_FROM) is False


@pytest.fixture
def hall_content(expo):
    """One exhibit the online hall shows, and one for each reason to hide an exhibit."""
    shown = ExhibitFactory(exhibitor__expo=expo, title="Humanoid robot")
    ExhibitImageFactory(exhibit=shown, order=2, alt_text="Side view")
    ExhibitImageFactory(exhibit=shown, order=1, alt_text="Front view")
    ExhibitFactory(exhibitor=shown.exhibitor, title="Draft exhibit", status=PublicationStatus.DRAFT)
    ExhibitFactory(exhibitor=shown.exhibitor, title="On site only", shown_online=False)
    ExhibitFactory(exhibitor__expo=expo, exhibitor__status=PublicationStatus.DRAFT, title="Of a draft exhibitor")
    ExhibitFactory(
        exhibitor__expo=expo, exhibitor__application_status=ExhibitorStatus.APPLIED, title="Of an applicant"
    )
    ExhibitFactory(
        exhibitor__expo=expo, exhibitor__application_status=ExhibitorStatus.WITHDRAWN, title="Of a withdrawn one"
    )
    return shown


@pytest.mark.parametrize("day", [datetime.date(2024, 11, 18), datetime.date(2025, 11, 19)])
def test_online_hall_exhibits_when_hall_is_closed_is_empty(expo, hall_content, day):
    assert list(online_hall_exhibits(expo, day)) == []


def test_online_hall_exhibits_when_open_shows_published_online_exhibits_of_approved_exhibitors(
    expo, hall_content, django_assert_num_queries
):
    with django_assert_num_queries(2):
        exhibits = list(online_hall_exhibits(expo, datetime.date(2024, 11, 20)))
        shown = [
            (exhibit.title, str(exhibit.exhibitor), [image.alt_text for image in exhibit.images.all()])
            for exhibit in exhibits
        ]

    assert shown == [("Humanoid robot", str(hall_content.exhibitor), ["Front view", "Side view"])]


def test_online_hall_exhibits_when_expo_is_a_draft_is_empty(expo, hall_content):
    expo.status = PublicationStatus.DRAFT
    expo.save()

    assert list(online_hall_exhibits(expo, datetime.date(2024, 11, 20))) == []


def test_online_hall_exhibits_when_another_expo_has_exhibits_shows_only_its_own(expo, hall_content):
    other = ExpoFactory(summit=SummitFactory(year=2023), online_hall_open_from=OPEN_FROM, online_hall_open_until=None)
    ExhibitFactory(exhibitor=ExhibitorFactory(expo=other), title="Last year's exhibit")

    assert [exhibit.title for exhibit in online_hall_exhibits(expo, OPEN_FROM)] == ["Humanoid robot"]

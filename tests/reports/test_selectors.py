import pytest

from reports.enums import EditionStatus
from reports.selectors import published_editions
from tests.factories.reports import ReportEditionFactory, ReportSeriesFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


def test_published_editions_orders_by_series_then_newest_year_first():
    blue_book = ReportSeriesFactory(order=1)
    theory = ReportSeriesFactory(order=2)
    theory_2023 = ReportEditionFactory(series=theory, year=2023, status=EditionStatus.PUBLISHED)
    blue_2022 = ReportEditionFactory(series=blue_book, year=2022, status=EditionStatus.PUBLISHED)
    blue_2023 = ReportEditionFactory(series=blue_book, year=2023, status=EditionStatus.PUBLISHED)
    ReportEditionFactory(series=blue_book, year=2024, status=EditionStatus.DRAFT)

    assert list(published_editions()) == [blue_2023, blue_2022, theory_2023]


def test_published_editions_of_one_summit_leave_out_the_others():
    summit_2023, summit_2024 = SummitFactory(year=2023), SummitFactory(year=2024)
    series = ReportSeriesFactory()
    ReportEditionFactory(series=series, year=2023, summit=summit_2023, status=EditionStatus.PUBLISHED)
    edition_2024 = ReportEditionFactory(series=series, year=2024, summit=summit_2024, status=EditionStatus.PUBLISHED)

    assert list(published_editions(summit=summit_2024)) == [edition_2024]

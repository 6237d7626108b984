import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from reports.enums import EditionStatus
from reports.models import ReportEdition
from tests.factories.forums import at
from tests.factories.reports import ReportEditionFactory, ReportSeriesFactory

pytestmark = pytest.mark.django_db


def test_report_edition_same_series_year_and_version_is_refused():
    edition = ReportEditionFactory(year=2023, version="4.0")

    with pytest.raises(IntegrityError), transaction.atomic():
        ReportEditionFactory(series=edition.series, year=2023, version="4.0")

    assert ReportEdition.objects.count() == 1


def test_report_edition_other_version_of_the_same_year_is_allowed():
    edition = ReportEditionFactory(year=2023, version="3.0")

    ReportEditionFactory(series=edition.series, year=2023, version="4.0")
    ReportEditionFactory(series=ReportSeriesFactory(), year=2023, version="4.0")

    assert ReportEdition.objects.count() == 3


def test_report_edition_scheduled_without_release_time_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportEditionFactory(status=EditionStatus.SCHEDULED, release_at=None)

    assert ReportEdition.objects.count() == 0


def test_report_edition_scheduled_with_release_time_is_allowed():
    edition = ReportEditionFactory(status=EditionStatus.SCHEDULED, release_at=at(2023, 11, 8, 15))

    assert ReportEdition.objects.get().pk == edition.pk


def test_report_edition_full_clean_explains_a_schedule_without_release_time():
    edition = ReportEditionFactory.build(series=ReportSeriesFactory(), status=EditionStatus.SCHEDULED)

    with pytest.raises(ValidationError) as error:
        edition.full_clean()

    assert error.value.messages == ["A scheduled edition needs its release time."]


def test_report_edition_str_prefers_the_version_over_the_year():
    assert str(ReportEditionFactory.build(title="Sovereignty in Cyberspace", year=2023, version="4.0")) \
        == "Sovereignty in Cyberspace (4.0)"
    assert str(ReportEditionFactory.build(title="World Internet Development Report", year=2023, version="")) \
        == "World Internet Development Report (2023)"


def test_report_edition_file_size_is_kept_per_language_and_falls_back_to_english():
    edition = ReportEditionFactory(file_size_en=1000, file_sha256_en="a" * 64)

    with translation.override("zh-hans"):
        assert (edition.file_size, edition.file_sha256) == (1000, "a" * 64)
        edition.file_size_zh_hans, edition.file_sha256_zh_hans = 2000, "b" * 64
        assert (edition.file_size, edition.file_sha256) == (2000, "b" * 64)
    with translation.override("en"):
        assert (edition.file_size, edition.file_sha256) == (1000, "a" * 64)

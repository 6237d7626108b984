import factory
from django.utils import timezone

from reports.enums import EditionStatus, ReportKind
from reports.models import ReportEdition, ReportSeries, ReportSubscriber


class ReportSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportSeries

    name = factory.Sequence(lambda n: f"World Internet Development Report {n}")
    name_zh_hans = factory.Sequence(lambda n: f"世界互联网发展报告{n}")
    slug = factory.Sequence(lambda n: f"world-internet-development-report-{n}")
    kind = ReportKind.BLUE_BOOK


class ReportEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportEdition

    series = factory.SubFactory(ReportSeriesFactory)
    year = 2023
    title = factory.LazyAttribute(lambda edition: f"{edition.series.name} {edition.year}")
    status = EditionStatus.DRAFT


class ReportSubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed, active subscriber unless told otherwise (``confirmed_at=None``, ``unsubscribed_at=...``)."""

    class Meta:
        model = ReportSubscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    confirmed_at = factory.LazyFunction(timezone.now)
    unsubscribed_at = None

"""Reads of reports shared by the public site and the API."""

from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, F, QuerySet

from forums.selectors import public_session_q

from .enums import EditionStatus
from .models import ReportEdition, ReportSeries


def published_editions(summit=None) -> QuerySet[ReportEdition]:
    """Published editions, series by series in the series' order, newest first; only one summit's if given."""
    editions = ReportEdition.objects.filter(status=EditionStatus.PUBLISHED)
    if summit is not None:
        editions = editions.filter(summit=summit)
    return editions.select_related("series", "summit").order_by("series__order", "series__pk", "-year", "-version",
                                                                "pk")


@dataclass
class SeriesShelf:
    """One series of the library with its published editions, newest first."""

    series: ReportSeries
    editions: list[ReportEdition] = field(default_factory=list)


def library_years() -> list[int]:
    """The years that have a published edition, newest first: the library's year filter offers these."""
    return list(
        ReportEdition.objects.filter(status=EditionStatus.PUBLISHED).order_by("-year").values_list("year", flat=True)
        .distinct()
    )


def library(year: int | None = None) -> list[SeriesShelf]:
    """The published editions by series (only ``year``'s if given), in one query.

    Each edition carries ``release_session_is_public`` and ``release_session_year``, so that the page links to the
    session where it was released only when the public may see that session, without a query per edition.
    """
    editions = published_editions().annotate(
        release_session_is_public=ExpressionWrapper(
            public_session_q("release_session__"), output_field=BooleanField()
        ),
        release_session_year=F("release_session__forum__summit__year"),
    )
    if year is not None:
        editions = editions.filter(year=year)
    shelves: list[SeriesShelf] = []
    for edition in editions:
        if not shelves or shelves[-1].series.pk != edition.series_id:
            shelves.append(SeriesShelf(series=edition.series))
        shelves[-1].editions.append(edition)
    return shelves
